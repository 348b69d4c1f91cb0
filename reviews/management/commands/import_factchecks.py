from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from claimextract.factcheck_formats import FORMATS, FormatError, detect_format, parse
from reviews.services.matches import factchecks_import_and_match

# Files with fewer records import in a moment: no progress bar.
PROGRESS_MIN_RECORDS = 1000


class ProgressBar:
    """A one-line bar on stderr, redrawn after each batch."""

    def __init__(self, stream: OutputWrapper, label: str, width: int = 30):
        self.stream = stream
        self.label = label
        self.width = width

    def __call__(self, done: int, total: int) -> None:
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{self.label} [{bar}] {done:,}/{total:,}", ending=end)
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import published fact-checks into the desk's archive: schema.org ClaimReview JSON-LD "
        "(one object, a list or a DataFeed), JSON Lines, or CSV/TSV with a header. Importing a "
        "file again updates its fact-checks; bad records are reported with their line numbers "
        "and the good ones are imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--publisher",
            default="",
            help="The fact-checker of records that name none (e.g. Snopes).",
        )
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=FORMATS,
            help="Read every file in this format (default: by extension, else by content).",
        )

    def handle(self, *args, files, publisher, fmt=None, **options):
        texts = []
        for path in files:
            try:
                with open(path, encoding="utf-8-sig") as handle:
                    texts.append(handle.read())
            except FileNotFoundError:
                raise CommandError(f"No such file: {path}") from None
            except UnicodeDecodeError as exc:
                raise CommandError(f"{path}: not UTF-8 text ({exc.reason})") from None
        failed = 0
        for path, text in zip(files, texts, strict=True):
            file_format = fmt or detect_format(path, text)
            try:
                records = list(parse(text, file_format))
            except FormatError as exc:
                raise CommandError(f"{path}: {exc}") from None
            progress = None
            if len(records) >= PROGRESS_MIN_RECORDS:
                progress = ProgressBar(self.stderr, path)
            result = factchecks_import_and_match(
                records=records, publisher=publisher, progress=progress
            )
            self.stdout.write(
                f"{path} ({file_format}): {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged, {len(result.errors)} not imported"
                + (f", {result.duplicates} repeated identifiers" if result.duplicates else "")
            )
            for warning in result.warnings:
                self.stderr.write(f"{path}:{warning.line}: warning: {warning.message}")
            for error in result.errors:
                self.stderr.write(f"{path}:{error.line}: {error.message}")
            failed += len(result.errors)
        if failed:
            raise CommandError(f"{failed} record(s) were not imported (listed above).")
