"""export_desk / import_desk round-trip the whole desk with zero differences."""

from __future__ import annotations

import io
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from reviews.models import Article, Source
from reviews.services.backup import MODELS
from reviews.services.demo import demo_load


def canonical_dump() -> list[dict]:
    """Every record of the desk, passwords aside (they are exported only on request)."""
    records = []
    for label in MODELS:
        model = apps.get_model(label)
        for row in json.loads(serializers.serialize("json", model._default_manager.order_by("pk"))):
            row["fields"].pop("password", None)
            for name in ("groups", "user_permissions", "permissions"):
                if name in row["fields"]:  # many-to-many: a set, in no particular order
                    row["fields"][name] = sorted(row["fields"][name])
            records.append(row)
    return records


def wipe():
    # Deleting claims writes "deleted" history rows, so history tables go last.
    labels = sorted(reversed(MODELS), key=lambda label: ".Historical" in label)
    for label in labels:
        apps.get_model(label)._default_manager.all().delete()


@pytest.mark.django_db(transaction=True)
def test_demo_desk_round_trips_with_zero_differences(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load()
    source = Source.objects.create(
        url="https://example.org/a", canonical_url="https://example.org/a", title="A"
    )
    source.snapshot.save("a.html", ContentFile(b"<p>archived</p>"))
    before = canonical_dump()
    assert any(r["model"] == "reviews.claim" for r in before)

    path = tmp_path / "desk.json"
    call_command("export_desk", "--out", str(path), stderr=io.StringIO())
    exported = json.loads(path.read_text())
    users = [r for r in exported["records"] if r["model"] == "auth.user"]
    assert users and all(r["fields"]["password"] == "" for r in users)

    snapshot_name = source.snapshot.name
    wipe()
    source.snapshot.storage.delete(snapshot_name)
    assert Article.objects.count() == 0

    call_command("import_desk", str(path), stdout=io.StringIO())
    after = canonical_dump()
    differences = [pair for pair in zip(before, after, strict=False) if pair[0] != pair[1]]
    assert [r["model"] for r in after] == [r["model"] for r in before]
    assert differences == []
    restored = Source.objects.get(pk=source.pk)
    assert restored.snapshot.read() == b"<p>archived</p>"
    reviewer = get_user_model().objects.get(username="reviewer")
    assert not reviewer.has_usable_password()


@pytest.mark.django_db(transaction=True)
def test_import_refuses_a_database_that_is_not_empty(tmp_path):
    demo_load()
    path = tmp_path / "desk.json"
    call_command("export_desk", "--out", str(path), stderr=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("import_desk", str(path), stdout=io.StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("content", ["not json", '{"format": "other"}', "[]"])
def test_import_refuses_what_is_not_a_desk_export(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError, match="Not a desk export"):
        call_command("import_desk", str(path), stdout=io.StringIO())
    assert Article.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_passwords_travel_only_when_asked(tmp_path):
    demo_load()
    path = tmp_path / "desk.json"
    call_command("export_desk", "--out", str(path), "--with-secrets", stderr=io.StringIO())
    wipe()
    call_command("import_desk", str(path), stdout=io.StringIO())
    assert get_user_model().objects.get(username="reviewer").check_password("demo")
