"""/healthz (the process answers) and /readyz (database, Redis, a worker seen lately)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from factcheck.health import WORKER_SEEN_KEY, probe_host
from tests.tasks.worker import (
    Worker,
    broker_for_this_process,
    redis_available,
    unique_broker,
    wait_until,
    worker_env,
)

ROOT = Path(__file__).resolve().parents[2]
needs_redis = pytest.mark.skipif(not redis_available(), reason="needs Redis on 127.0.0.1:6379")


def test_healthz_answers_anyone_without_caching(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_without_a_broker_checks_the_database_and_runs_jobs_in_process(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "worker": "in-process"},
    }


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_readyz_is_unavailable_when_redis_does_not_answer(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("error")
    assert body["checks"]["worker"] == "unknown"


@pytest.fixture
def broker(settings):
    """This process's Celery app and settings on a Redis database of the test's own."""
    url, queue = unique_broker()
    settings.CELERY_BROKER_URL = url
    store = redis.Redis.from_url(url)
    store.delete(WORKER_SEEN_KEY)
    with broker_for_this_process(url, queue, visibility_timeout=60):
        yield {"url": url, "queue": queue, "store": store}
    store.delete(WORKER_SEEN_KEY)
    store.close()


@needs_redis
@pytest.mark.django_db
def test_readyz_wants_a_worker_seen_within_the_last_minute(client, broker):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "redis": "ok",
        "worker": "error: no worker seen in the last minute",
    }
    # A heartbeat written 50 s ago is enough, 61 s ago is not.
    broker["store"].set(WORKER_SEEN_KEY, time.time() - 50)
    assert client.get("/readyz").status_code == 200
    broker["store"].set(WORKER_SEEN_KEY, time.time() - 61)
    assert client.get("/readyz").status_code == 503


@pytest.mark.worker
@needs_redis
@pytest.mark.django_db
def test_readyz_is_ready_once_a_real_worker_answers(client, broker, tmp_path):
    env = worker_env("", broker["url"], broker["queue"], FACTCHECK_VAR_DIR=str(tmp_path / "var"))
    env.pop("DATABASE_URL")
    worker = Worker(env, broker["queue"], tmp_path / "worker.log").start()
    try:
        worker.wait_ready()
        response = wait_until(
            lambda: (r := client.get("/readyz")).status_code == 200 and r,
            timeout=30,
            what="the worker's heartbeat",
        )
        assert response.json()["checks"] == {"database": "ok", "redis": "ok", "worker": "ok"}
    finally:
        worker.stop()
    # Gone, but seen moments ago: still ready (the probe does not flap on a busy worker).
    assert client.get("/readyz").status_code == 200


@pytest.mark.parametrize(
    ("allowed", "host"),
    [
        ("factcheck.example.org,www.example.org", "factcheck.example.org"),
        (".example.org", "example.org"),
        ("*", "localhost"),
        ("", "localhost"),
        ("*, desk.example.org", "desk.example.org"),
    ],
)
def test_the_container_probe_names_a_host_the_site_accepts(allowed, host):
    assert probe_host(allowed) == host


def probe(url: str, allowed_hosts: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ALLOWED_HOSTS": allowed_hosts, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "factcheck.health", url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.django_db(transaction=True)
def test_the_container_probe_exits_zero_only_when_the_site_is_healthy(live_server):
    assert probe(f"{live_server.url}/healthz", "localhost").returncode == 0
    assert probe(f"{live_server.url}/no-such-page", "localhost").returncode == 1
    assert probe(f"http://127.0.0.1:{closed_port()}/healthz", "localhost").returncode == 1
    refused = probe("file:///etc/passwd", "localhost")
    assert refused.returncode == 2
    assert "not an http(s) URL" in refused.stderr
