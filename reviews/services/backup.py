"""Export the whole desk to one JSON file and restore it into an empty database.

For large desks `pg_dump`/`pg_restore` is faster (docs/OPERATIONS.md); this format is
database-independent (SQLite <-> PostgreSQL) and readable.
"""

from __future__ import annotations

import base64
import json
from typing import IO

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, transaction

from reviews.errors import ReviewError

FORMAT_VERSION = 1

# Dependency order; history tables last. Auth tokens are credentials: only with secrets.
MODELS = [
    "auth.Group",
    "auth.User",
    "reviews.RatingScale",
    "reviews.Rating",
    "reviews.Article",
    "reviews.Source",
    "reviews.Claim",
    "reviews.Candidate",
    "reviews.Verdict",
    "reviews.Evidence",
    "reviews.Job",
    "reviews.Comment",
    "reviews.Notification",
    "reviews.Report",
    "reviews.ReportRendering",
    "reviews.Correction",
    "reviews.HistoricalClaim",
    "reviews.HistoricalVerdict",
    "reviews.HistoricalEvidence",
]
SECRET_MODELS = ["authtoken.Token"]
FILE_FIELDS = {"reviews.Source": ["snapshot", "uploaded_file"]}


def _models(with_secrets: bool):
    labels = MODELS + (SECRET_MODELS if with_secrets else [])
    return [apps.get_model(label) for label in labels]


def desk_export(*, out: IO[str], with_secrets: bool = False) -> dict[str, int]:
    """Write everything the desk knows; password hashes and tokens only `with_secrets`."""
    counts: dict[str, int] = {}
    records = []
    for model in _models(with_secrets):
        rows = list(model._default_manager.order_by("pk"))
        data = json.loads(serializers.serialize("json", rows))
        if model._meta.label == "auth.User" and not with_secrets:
            for row in data:
                row["fields"]["password"] = ""  # restored as unusable
        records.extend(data)
        counts[model._meta.label] = len(rows)
    files = {}
    for label, fields in FILE_FIELDS.items():
        for obj in apps.get_model(label)._default_manager.all():
            for field in fields:
                f = getattr(obj, field)
                if f and f.storage.exists(f.name):
                    with f.open("rb") as handle:
                        files[f.name] = base64.b64encode(handle.read()).decode("ascii")
    json.dump(
        {
            "format": "factcheck-desk",
            "version": FORMAT_VERSION,
            "with_secrets": with_secrets,
            "records": records,
            "files": files,
        },
        out,
    )
    return counts


def desk_import(*, source: IO[str]) -> dict[str, int]:
    """Restore an export into an empty desk (refused if any article or user exists)."""
    try:
        payload = json.load(source)
    except json.JSONDecodeError as exc:
        raise ReviewError(f"Not a desk export: {exc}") from None
    if not isinstance(payload, dict) or payload.get("format") != "factcheck-desk":
        raise ReviewError("Not a desk export (format marker missing).")
    if payload.get("version") != FORMAT_VERSION:
        raise ReviewError(f"Unsupported export version {payload.get('version')!r}.")
    if any(model._default_manager.exists() for model in _models(True)):
        raise ReviewError("The database is not empty: import into a fresh database.")
    counts: dict[str, int] = {}
    with transaction.atomic():
        for obj in serializers.deserialize("json", json.dumps(payload["records"])):
            if obj.object._meta.label == "auth.User" and not obj.object.password:
                obj.object.set_unusable_password()
            obj.save()
            counts[obj.object._meta.label] = counts.get(obj.object._meta.label, 0) + 1
        _restore_files(payload.get("files", {}))
        _reset_sequences()
    return counts


def _restore_files(files: dict[str, str]) -> None:
    from django.core.files.storage import default_storage

    for name, encoded in files.items():
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(base64.b64decode(encoded)))


def _reset_sequences() -> None:
    """PostgreSQL sequences must continue after the imported ids."""
    statements = connection.ops.sequence_reset_sql(no_style(), _models(True))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
