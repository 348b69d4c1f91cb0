"""Logins, failed logins, lockouts and permission refusals leave structured log records;
in production those records are JSON, one object per line."""

from __future__ import annotations

import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.utils.module_loading import import_string

from reviews.services.demo import demo_load

ROOT = Path(__file__).resolve().parents[2]
LOGGER = "factcheck.auth"
LOGIN = "/accounts/login/"


def events(caplog, name: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == LOGGER and getattr(r, "event", "") == name]


@pytest.fixture
def rita(reviewer):
    reviewer.set_password("correct horse battery")
    reviewer.save(update_fields=["password"])
    return reviewer


def test_a_login_is_logged_with_username_address_and_path(client, rita, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    response = client.post(
        LOGIN, {"username": "rita", "password": "correct horse battery"}, REMOTE_ADDR="192.0.2.7"
    )
    assert response.status_code == 302
    (record,) = events(caplog, "login")
    assert (record.username, record.ip, record.path) == ("rita", "192.0.2.7", LOGIN)
    assert record.levelno == logging.INFO


def test_a_failed_login_is_logged_without_the_password(client, rita, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    response = client.post(
        LOGIN, {"username": "rita", "password": "wrong-guess-42"}, REMOTE_ADDR="192.0.2.8"
    )
    assert response.status_code == 200
    assert "didn't match" in response.content.decode()
    (record,) = events(caplog, "login_failed")
    assert (record.username, record.ip, record.path) == ("rita", "192.0.2.8", LOGIN)
    assert record.levelno == logging.WARNING
    assert "wrong-guess-42" not in caplog.text


def test_a_logout_is_logged(client, rita, caplog):
    client.force_login(rita)
    caplog.set_level(logging.INFO, logger=LOGGER)
    client.post("/accounts/logout/")
    (record,) = events(caplog, "logout")
    assert record.username == "rita"


def test_a_lockout_is_logged(client, rita, caplog, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    caplog.set_level(logging.INFO, logger=LOGGER)
    for _ in range(3):
        client.post(LOGIN, {"username": "rita", "password": "nope"}, REMOTE_ADDR="192.0.2.9")
    (record,) = events(caplog, "lockout")
    assert (record.username, record.ip, record.path) == ("rita", "192.0.2.9", LOGIN)
    assert record.levelno == logging.WARNING
    assert len(events(caplog, "login_failed")) == 3


def test_a_page_refused_to_someone_without_a_desk_role_is_logged(client, outsider, caplog):
    client.force_login(outsider)
    caplog.set_level(logging.INFO, logger=LOGGER)
    response = client.get("/", REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 403
    (record,) = events(caplog, "permission_refused")
    assert (record.username, record.ip, record.path) == ("oscar", "198.51.100.4", "/")
    assert (record.status, record.method) == (403, "GET")


@pytest.mark.django_db
def test_an_api_action_refused_by_a_desk_rule_is_logged(client, caplog):
    """A reviewer may not publish: the service's `forbidden` becomes a 403, and a record."""
    article = demo_load()
    client.force_login(get_user_model().objects.get(username="reviewer"))
    caplog.set_level(logging.INFO, logger=LOGGER)
    response = client.post(f"/api/articles/{article.pk}/publish/", REMOTE_ADDR="198.51.100.5")
    assert response.status_code == 403
    (record,) = events(caplog, "permission_refused")
    assert (record.username, record.ip) == ("reviewer", "198.51.100.5")
    assert record.path == f"/api/articles/{article.pk}/publish/"
    assert (record.status, record.method) == (403, "POST")


def test_pages_that_are_allowed_log_no_refusal(client, reviewer, caplog):
    client.force_login(reviewer)
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert client.get("/").status_code == 200
    assert events(caplog, "permission_refused") == []


def json_formatter() -> logging.Formatter:
    """The formatter production uses, built from settings.LOGGING as dictConfig would."""
    spec = dict(django_settings.LOGGING["formatters"]["json"])
    factory = import_string(spec.pop("()"))
    return factory(**spec)


def test_the_production_formatter_writes_each_event_as_one_json_object(client, rita, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    client.post(LOGIN, {"username": "rita", "password": "nope"}, REMOTE_ADDR="192.0.2.10")
    (record,) = events(caplog, "login_failed")
    line = json_formatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["event"] == "login_failed"
    assert data["username"] == "rita"
    assert data["ip"] == "192.0.2.10"
    assert data["path"] == LOGIN
    assert data["levelname"] == "WARNING"
    assert data["name"] == LOGGER
    assert "asctime" in data


def test_a_username_cannot_forge_a_log_line(client, db, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    forged = "mallory\nINFO factcheck.auth: login user='admin'"
    client.post(LOGIN, {"username": forged, "password": "x"}, REMOTE_ADDR="192.0.2.11")
    (record,) = events(caplog, "login_failed")
    assert "\n" not in record.getMessage()
    assert "\n" not in record.username
    assert json.loads(json_formatter().format(record))["username"].startswith("mallory ")


def test_production_logs_are_json_on_the_console(tmp_path):
    """A fresh process with DEBUG=0: what reaches stderr parses as JSON, fields included."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "LOG_"))},
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        "FACTCHECK_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "PYTHONPATH": str(ROOT),
    }
    script = (
        "import django; django.setup()\n"
        "from django.test import RequestFactory\n"
        "from reviews.auth_events import auth_event\n"
        "request = RequestFactory().post('/accounts/login/', REMOTE_ADDR='203.0.113.5')\n"
        "auth_event('login_failed', request=request, username='mallory', level=30)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if "login_failed" in line]
    data = json.loads(line)
    assert {k: data[k] for k in ("event", "username", "ip", "path", "levelname")} == {
        "event": "login_failed",
        "username": "mallory",
        "ip": "203.0.113.5",
        "path": "/accounts/login/",
        "levelname": "WARNING",
    }
