"""Production settings, checked in a fresh process with a production environment.

Settings are read once, at import, from the environment: DEBUG=0 switches on secure
cookies, HSTS and the HTTPS redirect, so these tests start a new interpreter with the
environment a deployment has (the test process itself runs with DEBUG on).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "DJANGO_", "SECURE_", "SESSION_", "AXES_", "LOG_"))
        and k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        FACTCHECK_VAR_DIR=str(tmp_path / "var"),
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_no_warning_under_production_settings(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )
    output = result.stdout + result.stderr
    warnings = re.findall(r"\?: \((\w+\.W\d+)\)", output)
    print(f"\ncheck --deploy warnings: {len(warnings)} {warnings}")
    assert warnings == []
    assert result.returncode == 0, output
    assert "System check identified no issues" in output


def test_a_fresh_startproject_setting_would_be_reported(tmp_path):
    """The check does look: a short key and no HSTS give the warnings a new project has."""
    env = production_env(tmp_path, SECRET_KEY="short", SECURE_HSTS_SECONDS="0")
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "security.W009" in output  # SECRET_KEY
    assert "security.W004" in output  # HSTS


PROBE = r"""
import json
import django
django.setup()
from django.conf import settings
from django.test import Client

client = Client()
https = client.get("/healthz", secure=True)
plain_probe = client.get("/healthz")
plain_page = client.get("/accounts/login/")
print(json.dumps({
    "hsts": https.headers.get("Strict-Transport-Security"),
    "probe_over_http": plain_probe.status_code,
    "page_over_http": [plain_page.status_code, plain_page.headers.get("Location")],
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "session_cookie_samesite": settings.SESSION_COOKIE_SAMESITE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "session_expires": [settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE],
    "hasher": settings.PASSWORD_HASHERS[0],
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
    "admin_url": settings.ADMIN_URL,
}))
"""


def test_production_responses_carry_hsts_and_cookies_are_secure(tmp_path):
    result = run(["-c", PROBE], production_env(tmp_path, ALLOWED_HOSTS="testserver"))
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    # Probes reach the app over plain HTTP inside the network; pages redirect to HTTPS.
    assert seen["probe_over_http"] == 200
    assert seen["page_over_http"] == [301, "https://testserver/accounts/login/"]
    assert seen["session_cookie_secure"] is True
    assert seen["session_cookie_httponly"] is True
    assert seen["session_cookie_samesite"] == "Lax"
    assert seen["csrf_cookie_secure"] is True
    assert seen["session_expires"] == [12 * 3600, True]
    assert seen["hasher"] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert seen["log_formatter"] == "json"
    assert seen["admin_url"] == "admin/"


def test_the_admin_moves_to_the_configured_url(tmp_path):
    env = production_env(tmp_path, ALLOWED_HOSTS="testserver", ADMIN_URL="/desk-admin-7f3/")
    script = (
        "import django; django.setup(); from django.test import Client; c = Client()\n"
        "for path in ('/admin/', '/desk-admin-7f3/'):\n"
        "    r = c.get(path, secure=True)\n"
        "    print(r.status_code, r.headers.get('Location'))\n"
    )
    result = run(["-c", script], env)
    assert result.returncode == 0, result.stderr
    old, new = result.stdout.strip().splitlines()[-2:]
    assert new == "302 /desk-admin-7f3/login/?next=/desk-admin-7f3/"
    assert old == "404 None"  # nothing is left at the well-known address


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY must be set"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set")],
)
def test_production_refuses_to_start_without_secrets(tmp_path, missing, message):
    env = production_env(tmp_path)
    env[missing] = ""
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert message in result.stderr
