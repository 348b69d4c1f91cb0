"""Full-text search over the desk's reference documents, for the archive provider.

PostgreSQL only: a stored generated tsvector column (so ranking reads it instead of
re-parsing every matching document per query) with a GIN index, partial on is_reference.
The column is not a model field: only reviews/providers/archive.py reads it, with SQL.
SQLite ranks the library in Python instead, so this migration does nothing there.
"""

from django.db import migrations

COLUMN = "search_vector"
INDEX = "source_reference_fts_idx"
EXPRESSION = (
    "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || left(text, 200000))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE reviews_source ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({EXPRESSION}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON reviews_source USING GIN ({COLUMN}) "
        "WHERE is_reference"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"ALTER TABLE reviews_source DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_claim_reopen_reason"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
