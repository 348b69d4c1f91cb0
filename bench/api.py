"""Latency of the API's claims list and claim detail with 10,000 claims.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/fc_api_bench .venv/bin/python bench/api.py
     [--claims 10000] [--articles 10] [--requests 300]

Works on the database that DATABASE_URL names (PostgreSQL; SQLite in memory without it). It
creates a throw-away test database (Django's test-database machinery: `test_<name>`), fills
it with the claims of several long articles — a third of them with verdicts, assigned to
three reviewers, with check-worthiness scores spread over [0, 1] — and destroys it at the end.

Requests go through the whole Django stack in-process (middleware, token authentication,
throttling, DRF, serializers), as an editor. Prints p50/p95/max wall time per request and
the SQL queries each one made.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
)
from django.utils import timezone  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from reviews import roles  # noqa: E402
from reviews.models import Article, Claim, ClaimKind, ClaimStatus, Verdict  # noqa: E402
from reviews.services.ratings import rating_scale_ensure_default  # noqa: E402

STATUSES = [ClaimStatus.UNREVIEWED] * 3 + [
    ClaimStatus.IN_PROGRESS,
    ClaimStatus.SUBMITTED,
    ClaimStatus.APPROVED,
]
VERDICT_STATUS = {
    ClaimStatus.IN_PROGRESS: Verdict.Status.DRAFT,
    ClaimStatus.SUBMITTED: Verdict.Status.SUBMITTED,
    ClaimStatus.APPROVED: Verdict.Status.APPROVED,
}


def user(name: str, role: str):
    person = get_user_model().objects.create_user(name, password=None)
    person.groups.add(Group.objects.get_or_create(name=role)[0])
    return person


def populate(total: int, articles: int, rng: random.Random) -> tuple[list[Article], object]:
    ratings = list(rating_scale_ensure_default().ratings.all())
    reviewers = [user(f"bench-reviewer-{i}", roles.REVIEWER) for i in range(3)]
    editor = user("bench-editor", roles.EDITOR)
    now = timezone.now()
    per_article = total // articles
    made = []
    for a in range(articles):
        sentences = [
            f"Officials said that {1000 + i:,} people were detained in region {a}-{i}."
            for i in range(per_article)
        ]
        body = " ".join(sentences)
        article = Article.objects.create(
            title=f"Benchmark article {a}",
            body=body,
            published=timezone.localdate(),
            body_hash=hashlib.sha256(body.encode()).hexdigest(),
        )
        rows, start = [], 0
        for i, sentence in enumerate(sentences):
            rows.append(
                Claim(
                    article=article,
                    start=start,
                    end=start + len(sentence),
                    text=sentence,
                    number=i + 1,
                    kind=ClaimKind.STATISTIC if i % 3 else ClaimKind.EVENT,
                    quantities=[
                        {
                            "text": f"{1000 + i:,} people",
                            "value": 1000 + i,
                            "unit": "people",
                            "qualifier": None,
                        }
                    ],
                    checkworthiness=round(rng.random(), 4),
                    checkworthy=True,
                    status=STATUSES[i % len(STATUSES)],
                    assignee=reviewers[i % 4] if i % 4 < 3 else None,
                )
            )
            start += len(sentence) + 1
        Claim.objects.bulk_create(rows, batch_size=1000)
        rows = list(article.claims.order_by("start"))
        Verdict.objects.bulk_create(
            [
                Verdict(
                    claim=c,
                    rating=ratings[i % len(ratings)],
                    rationale="The ministry's table gives a lower figure.",
                    status=VERDICT_STATUS[c.status],
                    author=c.assignee or reviewers[0],
                    last_edited_by=c.assignee or reviewers[0],
                    approved_by=editor if c.status == ClaimStatus.APPROVED else None,
                    approved_at=now if c.status == ClaimStatus.APPROVED else None,
                )
                for i, c in enumerate(rows)
                if c.status in VERDICT_STATUS
            ],
            batch_size=1000,
        )
        made.append(article)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return made, editor


def measure(client: Client, urls: list[str]) -> tuple[list[float], int]:
    times, queries = [], 0
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code, response.content[:200])
        queries = max(queries, len(captured))
    return times, queries


def percentile(times: list[float], p: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(label: str, times: list[float], queries: int) -> None:
    ms = [t * 1000 for t in times]
    print(
        f"{label:<44} p50 {statistics.median(ms):7.1f} ms   p95 {percentile(ms, 95):7.1f} ms"
        f"   max {max(ms):7.1f} ms   queries {queries}   n {len(ms)}"
    )


def deep_cursor(client: Client, url: str, pages: int) -> str:
    for _ in range(pages):
        url = client.get(url).json()["next"]
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(6)

    setup_test_environment(debug=False)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    # The throttle still runs (its cache work is part of every request), but never refuses.
    rates = {"user": "100000000/minute", "anon": "100000000/minute", "token": "10/minute"}
    try:
        with override_settings(
            REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
        ):
            started = time.perf_counter()
            articles, editor = populate(args.claims, args.articles, rng)
            total = Claim.objects.count()
            print(
                f"database: {connection.vendor}; {total:,} claims in {len(articles)} articles, "
                f"{Verdict.objects.count():,} verdicts (set up in "
                f"{time.perf_counter() - started:.1f} s); {args.requests} requests each"
            )
            client = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
            claim_ids = list(Claim.objects.values_list("pk", flat=True))
            n = args.requests

            def lists(query: str) -> list[str]:
                return [f"/api/articles/{rng.choice(articles).pk}/claims/{query}" for _ in range(n)]

            # Warm-up: imports, caches, the connection.
            measure(client, lists("")[:20])
            report("claims list, 50 by position", *measure(client, lists("")))
            report("claims list, 50 by score", *measure(client, lists("?ordering=score")))
            report(
                "claims list, submitted and score >= 0.5",
                *measure(client, lists("?status=submitted&min_score=0.5")),
            )
            report("claims list, page of 200", *measure(client, lists("?page_size=200")))
            deep = deep_cursor(client, f"/api/articles/{articles[0].pk}/claims/?ordering=score", 15)
            report("claims list, 16th page by score (cursor)", *measure(client, [deep] * n))
            detail = [f"/api/claims/{rng.choice(claim_ids)}/" for _ in range(n)]
            report("claim detail", *measure(client, detail))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
