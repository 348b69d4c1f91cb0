"""Server time of the desk's busiest pages, next to a trivial Django view, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fc_bench .venv/bin/python bench/pages.py

Creates a throw-away test database (Django's `test_<name>`), fills it with an article of 300
claims (a third of them rated, some with evidence, history and comments) and a desk's worth of
queue, approvals and notifications, then times each page through Django's test client: the
full request cycle (middleware, session, views, templates, database), without the network.
The database is dropped at the end. Prints median and p95 in milliseconds and the number of
queries per request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
)
from django.urls import include, path  # noqa: E402


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


# The project's routes plus the baseline view, behind the same middleware.
urlpatterns = [
    path("bench/trivial/", trivial),
    path("", include("factcheck.urls")),
]

CLAIMS = 300
RATED = 100
SUBMITTED = 30


def build_desk():
    """The article, the people and the work in progress, made as the desk makes them."""
    import hashlib

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from reviews import roles
    from reviews.models import Article, Claim, ClaimKind
    from reviews.services.claims import claim_assign, claim_take
    from reviews.services.comments import comment_add
    from reviews.services.evidence import evidence_add
    from reviews.services.ratings import rating_scale_ensure_default
    from reviews.services.verdicts import verdict_save, verdict_submit

    def person(username: str, role: str):
        user = get_user_model().objects.create_user(username, f"{username}@example.org")
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    scale = rating_scale_ensure_default()
    ratings = list(scale.ratings.all())
    reviewer = person("bench-reviewer", roles.REVIEWER)
    editor = person("bench-editor", roles.EDITOR)

    sentences = [
        f"Officials said on Monday that {1000 + i * 7:,} people attended rally number {i}."
        for i in range(CLAIMS)
    ]
    body = "\n".join(sentences)
    article = Article.objects.create(
        title="Bench article with 300 claims",
        body=body,
        body_hash=hashlib.sha256(body.encode()).hexdigest(),
        outlet="Bench",
        ingested_by=editor,
    )
    position, claims = 0, []
    for i, sentence in enumerate(sentences):
        claims.append(
            Claim(
                article=article,
                start=position,
                end=position + len(sentence),
                text=sentence,
                number=i + 1,
                kind=ClaimKind.STATISTIC,
                speaker="Officials",
                checkworthiness=(i * 37 % 100) / 100,
                checkworthy=True,
                score_reasons=["states a number", "attributed to officials"],
                quantities=[
                    {
                        "text": f"{1000 + i * 7:,} people",
                        "value": 1000 + i * 7,
                        "unit": "people",
                        "qualifier": None,
                    }
                ],
            )
        )
        position += len(sentence) + 1
    Claim.objects.bulk_create(claims)
    claims = list(article.claims.order_by("start"))
    for i, claim in enumerate(claims[:RATED]):
        claim_take(claim=claim, actor=reviewer)
        verdict_save(
            claim=claim,
            actor=reviewer,
            rating=ratings[i % len(ratings)],
            rationale=f"Checked against **source {i}**.",
            confidence=70,
        )
        if i % 3 == 0:
            evidence_add(
                claim=claim,
                actor=reviewer,
                url=f"https://stats.example.org/r/{i}",
                stance="supports",
                title=f"Report {i}",
                quote="the figure",
            )
        if i % 5 == 0:
            comment_add(claim=claim, actor=editor, body="Looks right; double-check the date.")
        if i < SUBMITTED:
            verdict_submit(claim=claim, actor=reviewer)
    for claim in claims[RATED : RATED + 40]:
        claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)
    return article, claims, reviewer, editor


def measure(client: Client, url: str, *, runs: int, warmup: int, headers=None) -> dict:
    for _ in range(warmup):
        response = client.get(url, headers=headers or {})
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers or {})
    # Read now: every later request resets the connection's query log.
    query_count = len(queries)
    timings, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url, headers=headers or {})
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[max(0, round(0.95 * len(timings)) - 1)],
        # Python's own CPU time: the part of the wall time that is not the database (a
        # separate process) and not other programs competing for the CPU.
        "cpu": statistics.median(cpu),
        "queries": query_count,
        "bytes": len(response.content),
    }


def run(*, runs: int, warmup: int) -> None:
    article, claims, reviewer, editor = build_desk()
    client = Client()
    client.force_login(editor)
    htmx = {"HX-Request": "true", "HX-Target": "claim-panel"}
    pages = [
        ("trivial Django view", "/bench/trivial/", None),
        ("dashboard (editor)", "/", None),
        (f"article page, {len(claims)} claims", f"/articles/{article.pk}/", None),
        ("claim panel (htmx)", f"/claims/{claims[0].pk}/", htmx),
    ]
    print(
        f"database: {connection.vendor} ({connection.settings_dict['NAME']}), "
        f"{runs} requests per page after {warmup} warm-up requests"
    )
    print(f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>7} {'queries':>8} {'KiB':>6}")
    for name, url, headers in pages:
        r = measure(client, url, runs=runs, warmup=warmup, headers=headers)
        print(
            f"{name:32} {r['median']:10.2f} {r['p95']:8.2f} {r['cpu']:7.2f} "
            f"{r['queries']:8d} {r['bytes'] / 1024:6.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()

    # No setup_test_environment(): it instruments template rendering for the test client's
    # assertions, which would add its own cost to every template.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        with override_settings(
            ROOT_URLCONF=__name__,
            DEBUG=False,
            ALLOWED_HOSTS=["testserver"],
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ):
            run(runs=args.runs, warmup=args.warmup)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
