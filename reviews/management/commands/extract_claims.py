import datetime
import json
import sys
from pathlib import PurePath

from django.core.management.base import BaseCommand, CommandError

from claimextract import document_metadata, extract_claims
from claimextract.documents import DocumentError, document_to_text

PAGES = (".html", ".htm")


class Command(BaseCommand):
    help = (
        "Split texts into claims and print them as JSON (no database needed). An .html/.htm "
        "page goes through the main-text extraction and metadata of the desk's ingest; with "
        "several files the JSON lists one document per file."
    )
    requires_system_checks = []  # runs without a database

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="path",
            help="a UTF-8 text file or an .html page, or - for standard input",
        )
        parser.add_argument(
            "--published",
            type=_iso_date,
            help="YYYY-MM-DD, resolves relative dates such as 'on Monday'",
        )
        parser.add_argument("--lang", default="en")
        parser.add_argument("--units", choices=["sentences", "lines"], default="sentences")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, paths, published, lang, units, format, **options):
        found = [_document(p, published=published, lang=lang, units=units) for p in paths]
        if format == "json":
            if len(found) == 1:
                payload: dict = {"claims": found[0][0]["claims"]}
            else:
                payload = {"documents": [entry for entry, _ in found]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for entry, extracted in found:
            if len(found) > 1:
                self.stdout.write(f"== {entry['path']}: {entry['title']}")
            self._print_text(extracted)

    def _print_text(self, claims) -> None:
        for c in claims:
            flag = "*" if c.checkworthy else " "
            speaker = f" [{c.speaker}]" if c.speaker else ""
            self.stdout.write(
                f"{c.index:4d} {flag} {c.checkworthiness:.2f} {c.kind:<11}{speaker} {c.text}"
            )


def _iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be YYYY-MM-DD, got {value!r}") from None


def _document(path: str, *, published, lang: str, units: str) -> tuple[dict, list]:
    """A file's entry of the JSON (path, title, published, claims), from its text (an
    .html page's main text and metadata, as ingest takes them), and its claims."""
    data = _read(path)
    title = ""
    if PurePath(path).suffix.lower() in PAGES:
        try:
            text = document_to_text(path, data)
        except DocumentError as exc:
            raise CommandError(f"{path}: {exc}") from None
        page = document_metadata(path, data)
        if page is not None:
            title = page.title
            published = published or page.published
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text") from None
    title = title or next((line.strip() for line in text.splitlines() if line.strip()), "")
    extracted = extract_claims(text, published=published, lang=lang, units=units)
    entry = {
        "path": path,
        "title": title[:500],
        "published": published.isoformat() if published else None,
        "claims": [c.as_json() for c in extracted],
    }
    return entry, extracted


def _read(path: str) -> bytes:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise CommandError(f"No such file: {path}") from None
