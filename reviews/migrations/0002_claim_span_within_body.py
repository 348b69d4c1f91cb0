"""A claim's span must lie inside its article's body: 0 <= start < end <= len(body).

A CHECK constraint cannot look at another table, so this is a trigger on both backends.
"""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION reviews_claim_span_within_body() RETURNS trigger AS $$
BEGIN
    IF NEW.start < 0 OR NEW."end" <= NEW.start OR NEW."end" > (
        SELECT char_length(body) FROM reviews_article WHERE id = NEW.article_id
    ) THEN
        RAISE EXCEPTION 'claim span [%, %) lies outside the article body', NEW.start, NEW."end"
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER reviews_claim_span_within_body
    BEFORE INSERT OR UPDATE OF start, "end", article_id ON reviews_claim
    FOR EACH ROW EXECUTE FUNCTION reviews_claim_span_within_body();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS reviews_claim_span_within_body ON reviews_claim;
DROP FUNCTION IF EXISTS reviews_claim_span_within_body();
"""

SQLITE_CHECK = """
    WHEN NEW.start < 0 OR NEW."end" <= NEW.start OR NEW."end" > (
        SELECT length(body) FROM reviews_article WHERE id = NEW.article_id)
    BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: claim span lies outside the article body'); END;
"""
SQLITE_UP = [
    "CREATE TRIGGER reviews_claim_span_within_body_insert BEFORE INSERT ON reviews_claim"
    + SQLITE_CHECK,
    'CREATE TRIGGER reviews_claim_span_within_body_update BEFORE UPDATE OF start, "end", '
    "article_id ON reviews_claim" + SQLITE_CHECK,
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS reviews_claim_span_within_body_insert",
    "DROP TRIGGER IF EXISTS reviews_claim_span_within_body_update",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
