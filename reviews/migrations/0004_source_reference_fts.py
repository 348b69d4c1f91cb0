"""Full-text index over the desk's reference documents, for the archive provider.

PostgreSQL only: the index is a GIN index on the same expression the provider queries
(reviews/providers/archive.py FTS_DOCUMENT), partial on is_reference. SQLite ranks the
library in Python instead, so this migration does nothing there.
"""

from django.db import migrations

INDEX = "source_reference_fts_idx"
EXPRESSION = (
    "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || left(text, 200000))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON reviews_source USING GIN (({EXPRESSION})) "
        "WHERE is_reference"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_claim_reopen_reason"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
