import sys

from django.core.management.base import BaseCommand

from reviews.services.backup import desk_export


class Command(BaseCommand):
    help = (
        "Write the whole desk (articles, claims, verdicts with versions, evidence, "
        "snapshots, history, users and roles) to one JSON file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", default="-", help="file to write, or - for stdout")
        parser.add_argument(
            "--with-secrets", action="store_true", help="include password hashes and API tokens"
        )

    def handle(self, *args, out, with_secrets, **options):
        if out == "-":
            counts = desk_export(out=sys.stdout, with_secrets=with_secrets)
        else:
            with open(out, "w", encoding="utf-8") as handle:
                counts = desk_export(out=handle, with_secrets=with_secrets)
        total = sum(counts.values())
        self.stderr.write(
            f"Exported {total} records ({counts.get('reviews.Article', 0)} "
            f"articles, {counts.get('reviews.Claim', 0)} claims)."
        )
