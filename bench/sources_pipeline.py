"""Wall time of the candidate-source pipeline on real Celery workers, and recovery time
after a worker is killed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fc_bench \
        .venv/bin/python bench/sources_pipeline.py [--workers 1,2,4] [--delay-ms 100]

Needs PostgreSQL (a throw-away test database is created next to DATABASE_URL's and dropped
at the end) and Redis on 127.0.0.1:6379. The providers (SearxNG, Wikipedia) and the pages
they suggest are fake servers on 127.0.0.1 that answer after --delay-ms. For each worker
count the demo article's claims are searched with "Find sources for every claim" and the
clock stops when every search and fetch job has finished. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--delay-ms", type=int, default=100)
    parser.add_argument("--skip-recovery", action="store_true")
    parser.add_argument("--logs", help="keep the workers' logs in this directory")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (the workers share the database).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from tests.tasks.worker import redis_available

    if not redis_available():
        sys.exit("Redis on 127.0.0.1:6379 is needed.")
    setup_test_environment()
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with TemporaryDirectory() as tmp:
            logs = Path(args.logs) if args.logs else Path(tmp)
            logs.mkdir(parents=True, exist_ok=True)
            result = run(args, logs)
    finally:
        connection.close()
        connection.creation.destroy_test_db(test_db, verbosity=0)
    print(json.dumps(result, indent=2))


def run(args, tmp: Path) -> dict:
    from django.conf import settings
    from django.db import connection

    from reviews.models import Candidate, Job, Source
    from reviews.services.candidates import candidates_find_for_article
    from reviews.services.demo import demo_load
    from reviews.services.jobs import job_create
    from reviews.tasks import find_candidates
    from tests.fakes.searxng import FakeSearxng
    from tests.fakes.server import EchoSite, Reply
    from tests.fakes.wikipedia import FakeWikipedia
    from tests.tasks.test_worker import slug_results
    from tests.tasks.worker import (
        Worker,
        broker_for_this_process,
        purge_queue,
        unique_broker,
        wait_until,
        worker_env,
    )

    delay = args.delay_ms / 1000

    class SlowEchoSite(EchoSite):
        def route_for(self, path):
            route = super().route_for(path)
            if isinstance(route, Reply):
                route.delay = delay
            return route

    site = SlowEchoSite().start()
    searx = FakeSearxng(delay=delay).start()
    wiki = FakeWikipedia(delay=delay).start()
    searx.results = slug_results(site)
    servers = (site, searx, wiki)
    allow = ",".join(s.host_port for s in servers)
    settings.FACTCHECK_PROVIDERS = ["searxng", "wikipedia"]
    settings.SEARXNG_URL = searx.url
    settings.WIKIPEDIA_API_URL = f"{wiki.url}/w/api.php"
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    broker_url, queue = unique_broker()
    visibility, time_limit = 4, 6
    env = worker_env(
        database_url,
        broker_url,
        queue,
        FACTCHECK_PROVIDERS="searxng,wikipedia",
        SEARXNG_URL=searx.url,
        WIKIPEDIA_API_URL=f"{wiki.url}/w/api.php",
        WIKIPEDIA_MIN_INTERVAL_MS="0",
        FETCH_ALLOW_HOSTS=allow,
        FACTCHECK_FETCH_TOP_CANDIDATES="3",
        CELERY_VISIBILITY_TIMEOUT=str(visibility),
        CELERY_UNACKED_RESTORE_INTERVAL="1",
        CELERY_TASK_TIME_LIMIT=str(time_limit),
        CELERY_TASK_SOFT_TIME_LIMIT=str(time_limit - 1),
        MEDIA_ROOT=str(tmp / "media"),
        FACTCHECK_VAR_DIR=str(tmp / "var"),
    )
    from django.contrib.auth import get_user_model

    article = demo_load()
    editor = get_user_model().objects.get(username="editor")
    figures: dict = {
        "delay_ms": args.delay_ms,
        "cpus": os.cpu_count(),
        # Other work on the machine skews wall times: say how busy it was.
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "claims": 0,
        "runs": [],
    }
    # The demo's own sources (its evidence) stay; what a run fetched is removed before the next.
    demo_sources = set(Source.objects.values_list("pk", flat=True))
    active = Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
    try:
        with broker_for_this_process(broker_url, queue, visibility):
            for count in [int(n) for n in args.workers.split(",")]:
                Job.objects.all().delete()
                Candidate.objects.all().delete()
                Source.objects.exclude(pk__in=demo_sources).delete()
                worker = Worker(env, queue, tmp / f"bench-{count}.log", concurrency=count)
                worker.start().wait_ready()
                started = time.perf_counter()
                jobs = candidates_find_for_article(article=article, actor=editor)
                wait_until(lambda: not active.exists(), timeout=900, interval=0.05, what="all jobs")
                elapsed = time.perf_counter() - started
                worker.stop()
                figures["claims"] = len({j.claim_id for j in jobs})
                figures["runs"].append(
                    {
                        "worker_processes": count,
                        "seconds": round(elapsed, 2),
                        "jobs": Job.objects.count(),
                        "failed_jobs": Job.objects.filter(status=Job.Status.FAILED).count(),
                        "candidates": Candidate.objects.count(),
                        "sources_fetched": Source.objects.exclude(pk__in=demo_sources).count(),
                    }
                )
            base = figures["runs"][0]["seconds"]
            for row in figures["runs"]:
                row["speedup"] = round(base / row["seconds"], 2)
            if not args.skip_recovery:
                figures["recovery"] = recovery(
                    env,
                    queue,
                    tmp,
                    article,
                    searx,
                    visibility,
                    time_limit,
                    Worker,
                    job_create,
                    find_candidates,
                    wait_until,
                    Job,
                )
    finally:
        purge_queue(broker_url, queue)
        for server in servers:
            server.stop()
    return figures


def recovery(
    env,
    queue,
    tmp,
    article,
    searx,
    visibility,
    time_limit,
    Worker,
    job_create,
    find_candidates,
    wait_until,
    Job,
) -> dict:
    """Kill a worker (SIGKILL, whole process group) in the middle of a search; time until a
    new worker, started right away, has finished the job."""
    claim = article.claims.order_by("-checkworthiness").first()
    searx.stall = threading.Event()
    first = Worker(env, queue, tmp / "recovery-1.log").start()
    first.wait_ready()
    job = job_create(
        kind=Job.Kind.FIND_CANDIDATES,
        claim=claim,
        article=article,
        params={"provider": "searxng"},
        total=1,
    )
    before = len(searx.hits("/search"))
    find_candidates.delay(job.pk)
    wait_until(lambda: len(searx.hits("/search")) > before, timeout=60, what="search start")
    first.kill()
    killed = time.perf_counter()
    stalled, searx.stall = searx.stall, None
    stalled.set()
    second = Worker(env, queue, tmp / "recovery-2.log").start()
    second.wait_ready()
    ready = time.perf_counter()
    wait_until(
        lambda: Job.objects.get(pk=job.pk).status == Job.Status.DONE,
        timeout=300,
        interval=0.05,
        what="recovered job",
    )
    done = time.perf_counter()
    second.stop()
    job.refresh_from_db()
    return {
        "seconds_from_kill_to_done": round(done - killed, 2),
        "seconds_new_worker_start": round(ready - killed, 2),
        "attempts": job.attempts,
        "visibility_timeout": visibility,
        "job_lease_seconds": time_limit + 5,
    }


if __name__ == "__main__":
    main()
