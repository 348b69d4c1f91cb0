import datetime
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from claimextract import extract_claims


class Command(BaseCommand):
    help = "Split a text into claims and print them as JSON (no database needed)."
    requires_system_checks = []  # runs without a database

    def add_arguments(self, parser):
        parser.add_argument("path", help="a UTF-8 text file, or - for standard input")
        parser.add_argument(
            "--published",
            type=_iso_date,
            help="YYYY-MM-DD, resolves relative dates such as 'on Monday'",
        )
        parser.add_argument("--lang", default="en")
        parser.add_argument("--units", choices=["sentences", "lines"], default="sentences")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, path, published, lang, units, format, **options):
        text = _read(path)
        claims = extract_claims(text, published=published, lang=lang, units=units)
        if format == "json":
            payload = {"claims": [c.as_json() for c in claims]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
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


def _read(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.buffer.read().decode("utf-8-sig")
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8-sig")
    except FileNotFoundError:
        raise CommandError(f"No such file: {path}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not UTF-8 text") from None
