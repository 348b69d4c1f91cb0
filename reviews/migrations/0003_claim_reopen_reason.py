import importlib

from django.db import migrations, models

# SQLite adds this column by rebuilding reviews_claim, which drops the table's triggers:
# put back the span check of 0002 (a no-op on PostgreSQL, which alters in place).
span_check = importlib.import_module("reviews.migrations.0002_claim_span_within_body")


def restore_sqlite_span_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in span_check.SQLITE_DOWN + span_check.SQLITE_UP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0002_claim_span_within_body'),
    ]

    operations = [
        migrations.AddField(
            model_name='claim',
            name='reopen_reason',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='historicalclaim',
            name='reopen_reason',
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(restore_sqlite_span_triggers, migrations.RunPython.noop),
    ]
