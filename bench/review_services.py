"""Cost of the review desk's services: time and queries per call.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fc_bench \
        .venv/bin/python bench/review_services.py

Creates a throw-away test database (Django's `test_<name>`), builds an article of 300 claims
as extraction stores them (bulk, no history yet) and times the services as the desk calls
them: a verdict's save / submit / approve round, a stale save refused, bulk assignment of
all 300 claims, a split, the timeline of a claim with a long history and, when the claim
extraction package can run, re-ingesting the article with a changed paragraph. The database
is dropped at the end. Prints median and p95 in milliseconds and queries per call.
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
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

CLAIMS = 300
SENTENCE = "Officials said {n:,} troops arrived in the region on Monday, the ministry reported. "


def build():
    import hashlib

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from reviews import roles
    from reviews.models import Article, Claim
    from reviews.services.ratings import rating_scale_ensure_default

    def person(username: str, role: str):
        user = get_user_model().objects.create_user(username, f"{username}@example.org")
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    ratings = list(rating_scale_ensure_default().ratings.all())
    people = {
        "reviewer": person("bench-reviewer", roles.REVIEWER),
        "editor": person("bench-editor", roles.EDITOR),
        "editor2": person("bench-editor2", roles.EDITOR),
    }
    body = "".join(SENTENCE.format(n=1000 + i) for i in range(CLAIMS))
    article = Article.objects.create(
        title="Bench article",
        body=body,
        body_hash=hashlib.sha256(body.encode()).hexdigest(),
        ingested_by=people["editor"],
    )
    claims, start = [], 0
    for i in range(CLAIMS):
        text = SENTENCE.format(n=1000 + i).strip()
        claims.append(
            Claim(
                article=article,
                start=start,
                end=start + len(text),
                text=text,
                number=i + 1,
                checkworthiness=0.5,
            )
        )
        start += len(SENTENCE.format(n=1000 + i))
    Claim.objects.bulk_create(claims)
    return article, list(article.claims.order_by("start")), ratings, people


def measure(label: str, calls, rounds: int) -> None:
    """`calls` yields one zero-argument callable per round (each on fresh state)."""
    times, queries = [], []
    for _, call in zip(range(rounds), calls, strict=False):
        connection.queries_log.clear()  # the log keeps 9,000 queries; a bulk call needs room
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(
        f"{label:<44} median {statistics.median(times):8.2f} ms   p95 {p95:8.2f} ms   "
        f"queries {statistics.median(queries):5.0f}   (n={len(times)})"
    )


def run(rounds: int) -> None:
    from reviews.errors import ConflictError
    from reviews.selectors.timeline import claim_timeline
    from reviews.services.claims import claim_split, claims_assign
    from reviews.services.verdicts import verdict_approve, verdict_save, verdict_submit

    article, claims, ratings, people = build()
    reviewer, editor, editor2 = people["reviewer"], people["editor"], people["editor2"]
    pool = iter(claims)

    def save(claim, rating, text="Rationale", **kw):
        return verdict_save(
            claim=claim, actor=reviewer, rating=rating, rationale=text, confidence=70, **kw
        )

    first_saves = (lambda c=c: save(c, ratings[0]) for c in pool)
    measure("verdict_save (first, claim unassigned)", first_saves, rounds)
    worked = claims[:rounds]
    measure(
        "verdict_save (update of a draft)",
        (lambda c=c: save(c, ratings[1], "Second take") for c in worked),
        rounds,
    )
    measure(
        "verdict_submit",
        (lambda c=c: verdict_submit(claim=c, actor=reviewer) for c in worked),
        rounds,
    )
    measure(
        "verdict_approve (four-eyes checked)",
        (lambda c=c: verdict_approve(claim=c, actor=editor) for c in worked),
        rounds,
    )

    def stale(claim):
        def call():
            try:
                save(claim, ratings[2], "Stale", expected_version=1)
            except ConflictError:
                return
            raise AssertionError("a stale save was accepted")

        return call

    contested = claims[rounds : 2 * rounds]
    for claim in contested:  # a draft someone else has saved twice since version 1
        save(claim, ratings[0])
        save(claim, ratings[1])
    measure(
        "verdict_save refused as stale (ConflictError)",
        (stale(c) for c in contested),
        rounds,
    )

    others = [editor.pk, editor2.pk]
    ids = [c.pk for c in claims]
    measure(
        f"claims_assign ({CLAIMS} claims at once)",
        (
            lambda i=i: claims_assign(claim_ids=ids, assignee_id=others[i % 2], actor=editor)
            for i in range(1_000)
        ),
        max(3, rounds // 10),
    )

    splittable = claims[2 * rounds : 3 * rounds]
    measure(
        "claim_split",
        (lambda c=c: claim_split(claim=c, at=c.start + 10, actor=editor) for c in splittable),
        rounds,
    )

    long = claims[-1]
    for i in range(60):  # editors may work any claim, whoever holds it
        verdict_save(
            claim=long, actor=editor, rating=ratings[i % 3], rationale=f"Take {i}", confidence=70
        )
    measure(
        "claim_timeline (60 changes)", (lambda: claim_timeline(long) for _ in iter(int, 1)), rounds
    )
    measure(
        "claim_timeline (1 change)",
        (lambda: claim_timeline(claims[0]) for _ in iter(int, 1)),
        rounds,
    )
    reingest(article, reviewer, max(3, rounds // 10))


def reingest(article, actor, rounds: int) -> None:
    try:
        from claimextract import extract_claims

        extract_claims("A test sentence with 2,000 people.")
    except Exception as exc:  # noqa: BLE001 - the bench reports what it could not run
        print(f"{'article_reingest':<44} skipped: extraction not available ({exc})")
        return
    from reviews.services.reingest import article_reingest

    current = [article]

    def call():
        body = current[0].body.replace("1,100 troops", "1,100 soldiers", 1) + "One more. "
        current[0] = article_reingest(previous=current[0], body=body, actor=actor)

    measure(f"article_reingest ({CLAIMS} claims carried)", (call for _ in iter(int, 1)), rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    setup_test_environment(debug=False)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        print(f"database: {connection.vendor}; {CLAIMS} claims; {args.rounds} rounds")
        run(args.rounds)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
