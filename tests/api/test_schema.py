"""The OpenAPI schema: the committed schema.yml is what the code generates (CI fails when
it is stale), it validates without a warning, and Swagger UI works under the site's CSP."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

COMMITTED = Path(__file__).resolve().parents[2] / "schema.yml"
REGENERATE = ".venv/bin/python manage.py spectacular --file schema.yml --validate --fail-on-warn"


def test_committed_schema_is_up_to_date_and_valid(tmp_path):
    fresh = tmp_path / "schema.yml"
    # Fails (CommandError) on any warning or any OpenAPI validation error.
    call_command("spectacular", file=str(fresh), validate=True, fail_on_warn=True)
    assert COMMITTED.read_text() == fresh.read_text(), f"schema.yml is stale; run: {REGENERATE}"


@pytest.mark.django_db
def test_live_schema_is_served(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["version"] == "1.0.0"
    assert "/api/claims/{id}/approve/" in schema["paths"]


@pytest.mark.django_db
def test_swagger_ui_is_served_from_local_files_without_inline_scripts(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    # Every script is a file of this site: the split view's setup script and the sidecar's
    # Swagger UI bundle. None is inline, none from a CDN.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    for attributes, content in scripts:
        assert not content.strip(), "inline script"
        src = re.search(r'src="([^"]+)"', attributes).group(1)
        assert src.startswith("/"), src
    sources = [re.search(r'src="([^"]+)"', a).group(1) for a, _ in scripts]
    setup = next(src for src in sources if "script" in src and "static" not in src)
    script = client.get(setup.replace("&amp;", "&"))
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()
    for src in sources:
        if src.startswith("/static/"):
            assert finders.find(src.removeprefix("/static/")), src
