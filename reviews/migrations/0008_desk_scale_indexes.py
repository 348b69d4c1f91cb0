"""Indexes that keep the desk's pages flat as the desk grows.

- (article, status) on claims, everywhere: an article's claim counts per status read the
  index for that article alone (reviews.selectors.desk.articles_for_desk).
- PostgreSQL only, full-text search of the search page and the API: a GIN expression index
  on the claims' text and wording, and on articles a stored generated tsvector of title,
  outlet and body with a GIN index. Neither is a model field: only reviews/selectors/desk.py
  reads them, with the same expressions. SQLite searches by substring instead.

The claim indexes are built CONCURRENTLY on PostgreSQL (no write lock on a large desk), so
the migration is not atomic.
"""

from django.db import migrations

CLAIM_STATUS_INDEX = "claim_article_status_idx"
CLAIM_FTS_INDEX = "claim_fts_idx"
CLAIM_DOCUMENT = "to_tsvector('english'::regconfig, text || ' ' || wording)"
ARTICLE_COLUMN = "search_vector"
ARTICLE_FTS_INDEX = "article_fts_idx"
ARTICLE_DOCUMENT = (
    "to_tsvector('english'::regconfig, title || ' ' || outlet || ' ' || left(body, 500000))"
)


def create(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    concurrently = "CONCURRENTLY " if postgres else ""
    schema_editor.execute(
        f"CREATE INDEX {concurrently}IF NOT EXISTS {CLAIM_STATUS_INDEX} "
        "ON reviews_claim (article_id, status)"
    )
    if not postgres:
        return
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {CLAIM_FTS_INDEX} "
        f"ON reviews_claim USING GIN ({CLAIM_DOCUMENT})"
    )
    schema_editor.execute(
        f"ALTER TABLE reviews_article ADD COLUMN IF NOT EXISTS {ARTICLE_COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({ARTICLE_DOCUMENT}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {ARTICLE_FTS_INDEX} "
        f"ON reviews_article USING GIN ({ARTICLE_COLUMN})"
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {CLAIM_STATUS_INDEX}")
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {CLAIM_FTS_INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {ARTICLE_FTS_INDEX}")
    schema_editor.execute(f"ALTER TABLE reviews_article DROP COLUMN IF EXISTS {ARTICLE_COLUMN}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("reviews", "0007_claim_matches"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
