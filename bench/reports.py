"""Time to build a fact-check report of many claims, in each format, and to publish it.

Run: .venv/bin/python bench/reports.py [--claims 500] [--repeat 3]

Works on the database that DATABASE_URL names (PostgreSQL) or on SQLite by default. It
creates a throw-away test database (Django's test-database machinery: `test_<name>` on
PostgreSQL, in memory on SQLite), fills it with one article of N approved claims, each with
a Markdown rationale and two pieces of evidence, and destroys it at the end.

Prints, for each step, the best and median wall time over --repeat runs (PDF and publish
once each unless --repeat-slow is given), and the number of SQL queries of the snapshot.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from reviews import roles  # noqa: E402
from reviews.exports import FORMATS  # noqa: E402
from reviews.models import Article, Claim, ClaimStatus, Evidence, Source, Verdict  # noqa: E402
from reviews.services.ratings import rating_scale_ensure_default  # noqa: E402
from reviews.services.reports import report_publish, report_snapshot_build  # noqa: E402

SPEAKERS = ["Vladimir Putin", "The National Security Committee", "Erlan Karin", ""]
RATIONALE = (
    "The figure of {n:,} does not match the **official count**. The ministry's own table "
    "for that week gives a lower number, and two independent monitors agree with it.\n\n"
    "- The ministry's table: see the first source.\n- The monitors' reports: see the second."
)


def populate(claims: int) -> Article:
    scale = rating_scale_ensure_default()
    ratings = list(scale.ratings.all())
    users = get_user_model()
    reviewer = users.objects.create_user("bench-reviewer", password=None)
    editor = users.objects.create_user("bench-editor", password=None)
    reviewer.groups.add(Group.objects.get_or_create(name=roles.REVIEWER)[0])
    editor.groups.add(Group.objects.get_or_create(name=roles.EDITOR)[0])

    sentences = [
        f"Officials said that {1000 + i:,} people were detained in region {i}."
        for i in range(claims)
    ]
    body = " ".join(sentences)
    article = Article.objects.create(
        title="Benchmark article",
        body=body,
        outlet="Bench outlet",
        url="https://news.example.com/bench",
        published=timezone.localdate(),
        body_hash=hashlib.sha256(body.encode()).hexdigest(),
    )
    rows, start = [], 0
    for number, sentence in enumerate(sentences, start=1):
        rows.append(
            Claim(
                article=article,
                start=start,
                end=start + len(sentence),
                text=sentence,
                number=number,
                speaker=SPEAKERS[len(rows) % len(SPEAKERS)],
                checkworthy=True,
                checkworthiness=0.9,
                status=ClaimStatus.APPROVED,
            )
        )
        start += len(sentence) + 1
    rows = Claim.objects.bulk_create(rows)
    if rows[0].pk is None:  # back-ends that do not return keys from bulk inserts
        rows = list(article.claims.order_by("start"))
    now = timezone.now()
    Verdict.objects.bulk_create(
        Verdict(
            claim=c,
            rating=ratings[i % len(ratings)],
            rationale=RATIONALE.format(n=1000 + i),
            confidence=80,
            status=Verdict.Status.APPROVED,
            author=reviewer,
            last_edited_by=reviewer,
            approved_by=editor,
            approved_at=now,
            submitted_at=now,
        )
        for i, c in enumerate(rows)
    )
    sources = Source.objects.bulk_create(
        Source(
            url=f"https://stats.example.org/table/{i}",
            canonical_url=f"stats.example.org/{i}",
            title=f"Detention table {i}",
            publisher="Statistics Office",
            published=timezone.localdate(),
        )
        for i in range(2 * claims)
    )
    if sources[0].pk is None:
        sources = list(Source.objects.order_by("pk"))
    Evidence.objects.bulk_create(
        Evidence(
            claim=c,
            source=sources[2 * i + k],
            stance=("refutes", "context")[k],
            quote=f"{900 + i} people were held",
            added_by=reviewer,
        )
        for i, c in enumerate(rows)
        for k in (0, 1)
    )
    article.bench_editor = editor
    return article


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def line(label: str, times: list[float], extra: str = "") -> None:
    print(
        f"{label:<28} best {min(times):8.3f} s   median {statistics.median(times):8.3f} s"
        f"   runs {len(times)}{extra}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-slow", type=int, default=1)
    args = parser.parse_args()

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        article = populate(args.claims)
        print(
            f"database: {connection.vendor}; {args.claims} approved claims, "
            f"{2 * args.claims} evidence rows (set up in {time.perf_counter() - started:.1f} s)"
        )

        with CaptureQueriesContext(connection) as queries:
            snapshot = report_snapshot_build(article)
        line(
            "snapshot (database)",
            timed(lambda: report_snapshot_build(article), args.repeat),
            f"   queries {len(queries)}",
        )
        assert len(snapshot.claims) == args.claims
        for name, fmt in FORMATS.items():
            repeat = args.repeat_slow if name == "pdf" else args.repeat
            output = fmt.module.render(snapshot)
            line(
                f"render {name}",
                timed(lambda m=fmt.module: m.render(snapshot), repeat),
                f"   size {len(output) / 1024:,.0f} KiB",
            )
        line(
            "publish (all formats)",
            timed(lambda: report_publish(article=article, actor=article.bench_editor), 1),
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
