import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews.errors import ReviewError
from reviews.exports import FORMATS
from reviews.services.reports import report_export


class Command(BaseCommand):
    help = (
        "Print or write an article's fact-check report: the latest published version as "
        "stored, a given version, or (--draft) the report as it stands now."
    )

    def add_arguments(self, parser):
        parser.add_argument("article_id", type=int)
        parser.add_argument("--format", choices=list(FORMATS), default="html")
        parser.add_argument("--out", type=Path, help="write to this file instead of stdout")
        parser.add_argument("--draft", action="store_true", help="the unpublished draft")
        parser.add_argument(
            "--report-version", dest="number", type=int, help="a published version number"
        )

    def handle(self, *args, article_id, format, out, draft, number, **options):
        if draft and number is not None:
            raise CommandError("--draft and --report-version exclude each other.")
        try:
            # A PDF the background task has not stored yet is rendered from the stored
            # snapshot, so the command never has to wait for a worker.
            content, _ = report_export(
                article_id=article_id,
                format=format,
                actor=None,  # whoever runs manage.py is the desk's operator
                draft=draft,
                number=number,
                render_pending=True,
            )
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        if out is not None:
            try:
                out.write_bytes(content)
            except OSError as exc:
                raise CommandError(f"Cannot write {out}: {exc.strerror}") from None
            self.stderr.write(f"Wrote {len(content):,} bytes to {out}")
            return
        stream = getattr(self.stdout, "_out", sys.stdout)
        if format == "pdf" and stream.isatty():
            raise CommandError("Not writing a PDF to a terminal: use --out FILE or a pipe.")
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            stream.flush()
            buffer.write(content)
            buffer.flush()
        else:  # a text stream (call_command(stdout=StringIO())): text formats only
            if format == "pdf":
                raise CommandError("A PDF needs a binary stream: use --out FILE.")
            stream.write(content.decode())
