"""The process topology: what web, worker and beat must agree on, and a worker started with
the command line docker-compose.yml gives it.

bin/smoke runs the whole topology (gunicorn, worker, beat) with production settings; these
tests pin the parts it relies on, one at a time.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml
from django.conf import settings as django_settings
from django.db import connection

from factcheck.celery import app
from reviews.models import Candidate, ClaimStatus, Job
from reviews.services.candidates import candidates_find
from reviews.services.demo import demo_load
from tests.fakes.wikipedia import FakeWikipedia
from tests.tasks.worker import (
    broker_for_this_process,
    purge_queue,
    redis_available,
    unique_broker,
    wait_until,
    worker_env,
)

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


def compose_services() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def worker_command(**env: str) -> list[str]:
    """The compose worker's command line, with its ${VAR:-default}s resolved from `env`."""
    command = compose_services()["worker"]["command"]
    line = command[-1] if command[:2] == ["sh", "-c"] else shlex.join(command)
    line = line.replace("$$", "$").removeprefix("exec ")

    def resolve(match: re.Match) -> str:
        return env.get(match[1], match[2])

    return shlex.split(re.sub(r"\$\{(\w+):-([^}]*)\}", resolve, line))


def consumed_queues(command: list[str]) -> set[str]:
    return set(command[command.index("-Q") + 1].split(","))


def test_every_task_goes_to_the_queue_the_workers_consume():
    app.loader.import_default_modules()
    consumed = consumed_queues(worker_command())
    tasks = sorted(name for name in app.tasks if name.startswith("reviews."))
    assert tasks
    routed = {name: app.amqp.router.route({}, name)["queue"].name for name in tasks}
    assert {name: queue for name, queue in routed.items() if queue not in consumed} == {}


def test_web_worker_smoke_and_example_agree_on_the_queue_name():
    default = django_settings.CELERY_TASK_DEFAULT_QUEUE
    assert default == "factcheck"
    assert consumed_queues(worker_command()) == {default}
    assert f"CELERY_TASK_DEFAULT_QUEUE={default}" in (ROOT / ".env.example").read_text()
    smoke = (ROOT / "bin" / "smoke").read_text()
    assert f"worker -Q {default}" in smoke
    assert f"CELERY_TASK_DEFAULT_QUEUE={default}" in smoke


def test_beat_schedules_only_tasks_that_exist():
    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule
    assert schedule
    assert {entry["task"] for entry in schedule.values()} <= set(app.tasks)


def test_one_beat_and_scalable_workers():
    services = compose_services()
    # Two beats would send every periodic task twice; workers and web may be many.
    assert "deploy" not in services["beat"] or services["beat"]["deploy"].get("replicas") == 1
    assert "container_name" not in services["worker"]
    assert "container_name" not in services["web"]


@pytest.fixture
def wikipedia():
    # Slow answers keep both fetches of a claim in flight together.
    server = FakeWikipedia(delay=0.3).start()
    yield server
    server.stop()


@pytest.mark.worker
@pytest.mark.skipif(not redis_available(), reason="needs Redis on 127.0.0.1:6379")
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres://...) shared with the worker",
)
def test_the_compose_worker_runs_concurrent_fetches_for_one_claim(
    transactional_db, settings, tmp_path, wikipedia, client
):
    """The compose worker (concurrency 2, the production queue) on a Redis database of its
    own: a claim's search finds two pages, both are fetched at once, every job finishes
    (re-ranking one claim from two fetches at a time once deadlocked) and /readyz sees it."""
    broker_url, _ = unique_broker()
    queue = django_settings.CELERY_TASK_DEFAULT_QUEUE
    provider_env = {
        "FACTCHECK_PROVIDERS": "wikipedia",
        "WIKIPEDIA_API_URL": f"{wikipedia.url}/w/api.php",
        "WIKIPEDIA_MIN_INTERVAL_MS": "0",
        "FETCH_ALLOW_HOSTS": wikipedia.host_port,
    }
    settings.FACTCHECK_PROVIDERS = ["wikipedia"]
    settings.WIKIPEDIA_API_URL = provider_env["WIKIPEDIA_API_URL"]
    settings.WIKIPEDIA_MIN_INTERVAL_MS = 0
    settings.FETCH_ALLOW_HOSTS = [wikipedia.host_port]
    settings.CELERY_BROKER_URL = broker_url
    db = connection.settings_dict
    env = worker_env(
        f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        broker_url,
        queue,
        MEDIA_ROOT=str(tmp_path / "media"),
        FACTCHECK_VAR_DIR=str(tmp_path / "var"),
        **provider_env,
    )
    command = worker_command(WORKER_CONCURRENCY="2", CELERY_TASK_DEFAULT_QUEUE=queue)
    assert command[:4] == ["celery", "-A", "factcheck", "worker"]
    log_path = tmp_path / "worker.log"
    purge_queue(broker_url, queue)
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [CELERY, *command[1:], "-n", f"topology-{uuid.uuid4().hex[:6]}@%h"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until(lambda: b" ready." in log_path.read_bytes(), 60, what="the worker")
        with broker_for_this_process(broker_url, queue, visibility_timeout=60):
            article = demo_load()
            claim = next(
                c for c in article.claims.exclude(status=ClaimStatus.DISMISSED) if "2,030" in c.text
            )
            candidates_find(claim=claim, actor=article.ingested_by)
            jobs = Job.objects.filter(claim=claim)

            def settled():
                fetches = jobs.filter(kind=Job.Kind.FETCH_CANDIDATE)
                open_jobs = jobs.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
                return fetches.count() >= 2 and not open_jobs.exists()

            try:
                wait_until(settled, 90, what="the claim's jobs")
            except TimeoutError:
                jobs_now = list(jobs.values("kind", "status", "attempts", "last_error"))
                raise AssertionError(
                    f"{jobs_now}\n{log_path.read_text(errors='replace')[-4000:]}"
                ) from None
            assert list(jobs.exclude(status=Job.Status.DONE).values("kind", "last_error")) == []
            fetched = Candidate.objects.filter(claim=claim, source__isnull=False)
            assert fetched.count() >= 2
            assert b"deadlock" not in log_path.read_bytes()
            ready = client.get("/readyz")
            assert ready.json()["checks"]["worker"] == "ok"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        purge_queue(broker_url, queue)
