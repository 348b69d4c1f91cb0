"""A write that waits too long for another writer's lock is answered "busy" (503 with
Retry-After), in the API's error shape and on a desk page, never as a server error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg.errors
import pytest
import rest_framework.views  # noqa: F401 - DRF's settings first: they import our parsers
from django.db.utils import OperationalError

from reviews.api.exceptions import api_exception_handler
from reviews.errors import BUSY_MESSAGE, is_database_busy

ROOT = Path(__file__).resolve().parents[2]


def wrapped(cause: Exception) -> OperationalError:
    """The error as Django raises it: its own class, with the driver's error as the cause."""
    try:
        try:
            raise cause
        except Exception as exc:
            raise OperationalError(*exc.args) from exc
    except OperationalError as exc:
        return exc


@pytest.fixture(scope="module")
def two_writers(tmp_path_factory) -> dict:
    var_dir = tmp_path_factory.mktemp("var")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(FACTCHECK_VAR_DIR=str(var_dir), ALLOWED_HOSTS="testserver")
    result = subprocess.run(
        [sys.executable, "-m", "tests.operations.busy_desk"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (var_dir / "factcheck.sqlite3").exists()
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_first_writer_succeeds_while_the_second_is_told_the_desk_is_busy(two_writers):
    assert two_writers["held_error"] == []
    assert two_writers["verdicts"] == [["Held", "rita"]]
    during = two_writers["during"]["api"]
    assert during["status"] == 503
    assert during["retry_after"] == "5"
    assert during["body"] == {"error": {"code": "busy", "message": BUSY_MESSAGE, "fields": {}}}


def test_a_busy_desk_page_says_so_with_a_503(two_writers):
    page = two_writers["during"]["web"]
    assert page["status"] == 503
    assert page["retry_after"] == "5"
    assert page["content_type"].startswith("text/html")
    assert BUSY_MESSAGE in page["body"]
    assert "Nothing was saved" in page["body"]


def test_the_same_save_once_the_lock_is_gone_meets_the_other_verdict(two_writers):
    # Both started from "no verdict yet": the second save must not overwrite the first.
    after = two_writers["after"]["api"]
    assert after["status"] == 409
    assert after["body"]["error"]["code"] == "conflict"
    assert after["body"]["error"]["current"]["rationale"] == "Held"


@pytest.mark.parametrize(
    "cause",
    [
        psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"),
        psycopg.errors.QueryCanceled("canceling statement due to statement timeout"),
    ],
    ids=["lock_timeout", "statement_timeout"],
)
def test_postgresql_lock_and_statement_timeouts_are_busy(cause):
    exc = wrapped(cause)
    assert is_database_busy(exc)
    response = api_exception_handler(exc, {})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.data == {"error": {"code": "busy", "message": BUSY_MESSAGE, "fields": {}}}


def test_other_database_errors_stay_server_errors():
    exc = wrapped(psycopg.errors.UndefinedTable('relation "x" does not exist'))
    assert not is_database_busy(exc)
    assert api_exception_handler(exc, {}) is None
    assert not is_database_busy(RuntimeError("database is locked"))
