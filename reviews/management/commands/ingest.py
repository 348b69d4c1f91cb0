import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews.errors import ReviewError
from reviews.services.articles import article_ingest_upload


class Command(BaseCommand):
    help = "Ingest an article from a .txt, .md, .html or .docx file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--title", default="")
        parser.add_argument("--published", default=None)
        parser.add_argument("--url", default="")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--lang", default="en")

    def handle(self, *args, path, title, published, url, outlet, lang, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            published_date = datetime.date.fromisoformat(published) if published else None
        except ValueError:
            raise CommandError(f"--published must be YYYY-MM-DD, got {published!r}") from None
        try:
            article = article_ingest_upload(
                name=path.name,
                data=path.read_bytes(),
                title=title,
                published=published_date,
                url=url,
                outlet=outlet,
                language=lang,
            )
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Ingested article #{article.pk} {article.title!r} "
            f"with {article.claims.count()} claims."
        )
