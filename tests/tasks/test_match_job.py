"""The match job on a real Redis and a real Celery worker (a subprocess) sharing PostgreSQL
with the test: an ingested article's claims get their earlier fact-checks, a redelivered
task stores nothing twice, and a worker killed mid-job leaves the work to the next one."""

from __future__ import annotations

import datetime

import psycopg
import pytest
from django.db import connection

from claimextract.factcheck_formats import FactCheckRecord
from reviews.models import ClaimMatch, FactCheck, Job
from reviews.services.factchecks import factchecks_import
from reviews.services.matches import factchecks_match_article
from tests.tasks.worker import (
    Worker,
    broker_for_this_process,
    purge_queue,
    redis_available,
    unique_broker,
    wait_until,
    worker_env,
)

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not redis_available(), reason="needs Redis on 127.0.0.1:6379"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://...) shared with the worker",
    ),
]

VISIBILITY_TIMEOUT = 4
# The lease of a running job is the hard time limit (+5 s): keep both short for the test.
TIME_LIMIT = 8

TROOPS = FactCheckRecord(
    identifier="troops-2030",
    claim="Officials said 2,030 troops arrived on Monday.",
    title="Did 2,030 troops arrive on Monday?",
    rating="False",
    url="https://checks.example/troops",
    published=datetime.date(2025, 4, 2),
    line=1,
)


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def desk(transactional_db, settings, tmp_path):
    """This process and its workers: same database, same broker queue; words-only matching
    on both sides, so that the test needs no encoder."""
    settings.FACTCHECK_MATCHING_DENSE = False
    broker_url, queue = unique_broker()
    env = worker_env(
        database_url(),
        broker_url,
        queue,
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        CELERY_UNACKED_RESTORE_INTERVAL="1",
        CELERY_TASK_TIME_LIMIT=str(TIME_LIMIT),
        CELERY_TASK_SOFT_TIME_LIMIT=str(TIME_LIMIT - 1),
        FACTCHECK_MATCHING_DENSE="0",
        MEDIA_ROOT=str(tmp_path / "media"),
        FACTCHECK_VAR_DIR=str(tmp_path / "var"),
    )
    workers: list[Worker] = []

    def start_worker() -> Worker:
        worker = Worker(env, queue, tmp_path / f"worker{len(workers)}.log").start()
        workers.append(worker)
        worker.wait_ready()
        return worker

    with broker_for_this_process(broker_url, queue, VISIBILITY_TIMEOUT):
        try:
            yield {"start_worker": start_worker}
        finally:
            for worker in workers:
                worker.stop()
            purge_queue(broker_url, queue)


def status_of(job: Job) -> str:
    return Job.objects.get(pk=job.pk).status


def test_an_ingested_claim_gets_its_earlier_fact_check_and_a_redelivery_adds_nothing(desk, claim):
    from reviews.tasks import match_factchecks

    factchecks_import(records=[TROOPS], publisher="Checks Daily")
    desk["start_worker"]()
    job = factchecks_match_article(article=claim.article)
    wait_until(lambda: status_of(job) == Job.Status.DONE, timeout=90, what="the match job")
    match = ClaimMatch.objects.get(claim=claim)
    assert match.factcheck == FactCheck.objects.get() and match.rank == 1
    match_factchecks.delay(job.pk)
    match_factchecks.delay(job.pk)
    wait_until(
        lambda: not Job.objects.filter(status__in=["queued", "running"]).exists(),
        timeout=30,
        what="the redeliveries",
    )
    job.refresh_from_db()
    assert job.attempts == 1
    assert list(ClaimMatch.objects.values_list("pk", flat=True)) == [match.pk]


def test_a_match_job_killed_mid_way_is_finished_once_by_the_next_worker(desk, claim):
    factchecks_import(records=[TROOPS], publisher="Checks Daily")
    first = desk["start_worker"]()
    # Another session holds the matches table: the job computes, then waits to store.
    with psycopg.connect(database_url(), autocommit=False) as holder:
        holder.execute("LOCK TABLE reviews_claimmatch IN EXCLUSIVE MODE")
        job = factchecks_match_article(article=claim.article)
        wait_until(
            lambda: status_of(job) == Job.Status.RUNNING, timeout=60, what="the job to start"
        )
        first.kill()
        holder.rollback()  # the lock goes; the dead worker's transaction never commits
    assert not ClaimMatch.objects.exists()
    assert status_of(job) == Job.Status.RUNNING  # until its lease ends

    desk["start_worker"]()
    wait_until(lambda: status_of(job) == Job.Status.DONE, timeout=120, what="the redelivered task")
    job.refresh_from_db()
    assert job.attempts == 2  # the killed try and the one that finished
    assert job.result == {"claims": 1, "matched": 1}
    assert ClaimMatch.objects.filter(claim=claim).count() == 1
