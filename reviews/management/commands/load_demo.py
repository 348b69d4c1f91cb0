from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reviews.errors import ReviewError
from reviews.services.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Create the demo desk: roles, users (password 'demo'), rating scale, demo article."

    def add_arguments(self, parser):
        parser.add_argument(
            "--article",
            type=Path,
            help="ingest this text file instead (its first line is the title)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even with DEBUG off (creates users with a known password)",
        )

    def handle(self, *args, article=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to create demo users with DEBUG off; pass --force.")
        if article is not None and not article.is_file():
            raise CommandError(f"No such file: {article}")
        try:
            result = demo_load(article_path=article)
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Demo ready: article #{result.pk} {result.title!r} with "
            f"{result.claims.count()} claims. Log in as reviewer, editor or admin "
            f"(password {DEMO_PASSWORD!r})."
        )
