"""A real Redis, a real Celery worker (a subprocess) and PostgreSQL shared between it and the
test. Providers and pages are fake servers on 127.0.0.1 speaking the real protocols."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection

from reviews.models import Candidate, Job, Source
from reviews.services.candidates import candidates_find_for_article
from reviews.services.demo import demo_load
from reviews.services.jobs import job_create
from tests.fakes.searxng import FakeSearxng
from tests.fakes.server import EchoSite
from tests.fakes.wikipedia import FakeWikipedia
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
TIME_LIMIT = 6


def slug_results(site):
    def results(request):
        words = re.findall(r"[A-Za-z0-9]+", request.query.get("q", ""))[:6]
        slug = "-".join(w.lower() for w in words) or "nothing"
        return [
            {
                "url": f"{site.url}/story/{slug}?utm_source=searx",
                "title": " ".join(words),
                "content": " ".join(words),
                "host": "echo.example",
            },
            {
                "url": f"{site.url}/story/the-desk-weekly-roundup",
                "title": "Weekly roundup",
                "content": "roundup",
                "host": "echo.example",
            },
        ]

    return results


@pytest.fixture
def outside():
    site = EchoSite().start()
    searx = FakeSearxng().start()
    wiki = FakeWikipedia().start()
    searx.results = slug_results(site)
    yield {"site": site, "searxng": searx, "wikipedia": wiki}
    if searx.stall is not None:
        searx.stall.set()
    for server in (site, searx, wiki):
        server.stop()


@pytest.fixture
def desk(transactional_db, outside, settings, tmp_path):
    """This process and its workers: same database, same broker queue, same providers."""
    broker_url, queue = unique_broker()
    allow = ",".join(s.host_port for s in outside.values())
    provider_env = {
        "FACTCHECK_PROVIDERS": "searxng,wikipedia",
        "SEARXNG_URL": outside["searxng"].url,
        "WIKIPEDIA_API_URL": f"{outside['wikipedia'].url}/w/api.php",
        "WIKIPEDIA_MIN_INTERVAL_MS": "0",
        "FETCH_ALLOW_HOSTS": allow,
        "FACTCHECK_FETCH_TOP_CANDIDATES": "3",
    }
    settings.FACTCHECK_PROVIDERS = ["searxng", "wikipedia"]
    settings.SEARXNG_URL = provider_env["SEARXNG_URL"]
    settings.WIKIPEDIA_API_URL = provider_env["WIKIPEDIA_API_URL"]
    settings.FETCH_ALLOW_HOSTS = allow.split(",")
    settings.FETCH_TOP_CANDIDATES = 3
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = worker_env(
        database_url,
        broker_url,
        queue,
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        CELERY_UNACKED_RESTORE_INTERVAL="1",
        CELERY_TASK_TIME_LIMIT=str(TIME_LIMIT),
        CELERY_TASK_SOFT_TIME_LIMIT=str(TIME_LIMIT - 1),
        MEDIA_ROOT=str(tmp_path / "media"),
        FACTCHECK_VAR_DIR=str(tmp_path / "var"),
        **provider_env,
    )
    workers: list[Worker] = []

    def start_worker() -> Worker:
        worker = Worker(env, queue, tmp_path / f"worker{len(workers)}.log").start()
        workers.append(worker)
        worker.wait_ready()
        return worker

    with broker_for_this_process(broker_url, queue, VISIBILITY_TIMEOUT):
        try:
            yield {"start_worker": start_worker, "outside": outside, "logs": tmp_path}
        finally:
            for worker in workers:
                worker.stop()
            purge_queue(broker_url, queue)


def finished(jobs_qs):
    return not jobs_qs.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).exists()


def test_candidates_for_the_demo_articles_claims_arrive(desk, editor):
    desk["start_worker"]()
    article = demo_load()
    jobs = candidates_find_for_article(article=article, actor=editor)
    searched = {j.claim_id for j in jobs}
    assert searched, "the demo article has claims to search"
    article_jobs = Job.objects.filter(claim__article=article)
    wait_until(
        lambda: (
            finished(article_jobs) and article_jobs.filter(kind=Job.Kind.FETCH_CANDIDATE).exists()
        ),
        timeout=180,
        what="all jobs",
    )
    assert not article_jobs.filter(status=Job.Status.FAILED).exists(), list(
        article_jobs.filter(status=Job.Status.FAILED).values_list("last_error", flat=True)
    )
    for claim_id in searched:
        candidates = Candidate.objects.filter(claim_id=claim_id)
        assert candidates.filter(provider="searxng").exists()
        urls = list(candidates.values_list("canonical_url", flat=True))
        assert len(urls) == len(set(urls))
        best = candidates.order_by("-relevance").first()
        assert best.source is not None and best.passage
    # The roundup page is suggested for every claim but fetched and stored once.
    roundup = f"{desk['outside']['site'].url}/story/the-desk-weekly-roundup"
    assert Source.objects.filter(canonical_url=roundup).count() == 1
    assert len(desk["outside"]["site"].hits("/story/the-desk-weekly-roundup")) == 1


def test_delivering_the_same_task_twice_stores_nothing_twice(desk, claim, reviewer):
    from reviews.tasks import find_candidates

    desk["start_worker"]()
    job = job_create(
        kind=Job.Kind.FIND_CANDIDATES,
        claim=claim,
        article=claim.article,
        params={"provider": "searxng"},
        created_by=reviewer,
        total=1,
    )
    find_candidates.delay(job.pk)
    find_candidates.delay(job.pk)
    all_jobs = Job.objects.filter(claim=claim)
    wait_until(
        lambda: finished(all_jobs) and all_jobs.count() > 1, timeout=120, what="search and fetches"
    )
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.DONE, 1)
    assert len(desk["outside"]["searxng"].hits("/search")) == 1
    assert claim.candidates.count() == 2
    fetches = all_jobs.filter(kind=Job.Kind.FETCH_CANDIDATE)
    assert fetches.count() == 2
    # Redeliver the finished fetch jobs too: nothing is fetched or stored again.
    from reviews.tasks import fetch_candidate

    page_hits = len(desk["outside"]["site"].hits())
    for fetch_job in fetches:
        fetch_candidate.delay(fetch_job.pk)
    wait_until(lambda: finished(all_jobs), timeout=60, what="re-delivered fetches")
    assert Source.objects.count() == 2
    assert claim.candidates.count() == 2
    assert len(desk["outside"]["site"].hits()) == page_hits


def test_a_task_killed_mid_way_is_done_exactly_once_by_the_next_worker(desk, claim, reviewer):
    from reviews.tasks import find_candidates

    searx = desk["outside"]["searxng"]
    searx.stall = threading.Event()
    first = desk["start_worker"]()
    job = job_create(
        kind=Job.Kind.FIND_CANDIDATES,
        claim=claim,
        article=claim.article,
        params={"provider": "searxng"},
        created_by=reviewer,
        total=1,
    )
    find_candidates.delay(job.pk)
    wait_until(lambda: searx.hits("/search"), timeout=60, what="the search to start")
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING
    first.kill()
    stalled, searx.stall = searx.stall, None
    stalled.set()  # the dead worker's request is answered into a closed socket
    assert not claim.candidates.exists()

    desk["start_worker"]()
    wait_until(
        lambda: Job.objects.get(pk=job.pk).status == Job.Status.DONE,
        timeout=120,
        what="the redelivered task",
    )
    job.refresh_from_db()
    assert job.attempts == 2  # the killed try and the one that finished
    assert job.result["new"] == claim.candidates.count() == 2
    assert len(searx.hits("/search")) == 2
    urls = list(claim.candidates.values_list("canonical_url", flat=True))
    assert len(urls) == len(set(urls))


def test_a_transient_provider_failure_is_retried_with_backoff_and_a_refusal_is_not(
    desk, claim, reviewer
):
    from reviews.tasks import find_candidates
    from tests.fakes.server import Reply

    searx = desk["outside"]["searxng"]
    answer = searx.routes["/search"]
    calls = []

    def flaky(request):
        calls.append(request)
        return Reply(status=503, body=b"busy") if len(calls) == 1 else answer(request)

    def search_until(status: str, *, timeout: int, what: str) -> Job:
        job = job_create(
            kind=Job.Kind.FIND_CANDIDATES,
            claim=claim,
            article=claim.article,
            params={"provider": "searxng"},
            created_by=reviewer,
            total=1,
        )
        find_candidates.delay(job.pk)
        wait_until(lambda: Job.objects.get(pk=job.pk).status == status, timeout=timeout, what=what)
        job.refresh_from_db()
        return job

    searx.routes["/search"] = flaky
    desk["start_worker"]()
    job = search_until(Job.Status.DONE, timeout=120, what="the retried search")
    assert job.attempts == 2 and len(calls) == 2
    assert claim.candidates.count() == 2

    searx.routes["/search"] = Reply(status=403, body=b"Forbidden")
    refused = search_until(Job.Status.FAILED, timeout=60, what="the refused search")
    assert refused.attempts == 1
    assert "403" in refused.last_error
