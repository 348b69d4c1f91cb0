from django.core.management.base import BaseCommand, CommandError

from reviews.errors import ReviewError
from reviews.services.backup import desk_import


class Command(BaseCommand):
    help = "Restore a desk written by export_desk into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8") as handle:
                counts = desk_import(source=handle)
        except FileNotFoundError:
            raise CommandError(f"No such file: {path}") from None
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Imported {sum(counts.values())} records.")
