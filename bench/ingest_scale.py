"""How ingest grows with the length of an article: each stage timed at 1k, 10k and 100k lines.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fc_bench \
        .venv/bin/python bench/ingest_scale.py [--lines 1000,10000,100000] [--json OUT]

A body of N short lines (one sentence each, about 30 characters, as in a transcript or a
list-heavy dump) goes through the stages of ingest separately: segmentation, speakers,
furniture and the whole of `extract_claims` (scoring is nearly all of it), then
`article_ingest` in a throw-away test database (Django's `test_<name>`, dropped at the
end), and the long-article path the desk takes for such bodies: the request (store +
queue) and the job (extract + store). Each stage's time divided by N is printed: a flat
per-line cost is linear growth.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

WORDS = [
    *[
        "the",
        "minister",
        "said",
        "unemployment",
        "rose",
        "by",
        "4",
        "per",
        "cent",
        "in",
        "2019",
        "while",
        "exports",
        "fell",
    ],
    *["sharply", "according", "to", "officials", "who", "met", "on", "Monday"],
]


def body_of(lines: int, seed: int = 7) -> str:
    """N lines, every one a different sentence (the model keeps the scores of recent
    sentences: a repeated line would cost nothing and flatter the figures)."""
    rng = random.Random(seed)
    out = []
    for i in range(lines):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 5))]
        out.append(" ".join(words).capitalize() + f" in case {seed}-{i}.")
    return "\n".join(out)


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def stages(body: str) -> dict[str, float]:
    from claimextract import extract_claims
    from claimextract.attribution import find_speakers
    from claimextract.checkworthiness import load_model
    from claimextract.furniture import find_furniture
    from claimextract.segment import split_units

    units, t_segment = timed(lambda: split_units(body))
    _, t_speakers = timed(lambda: find_speakers(body, units))
    _, t_furniture = timed(lambda: find_furniture(body))
    load_model()
    claims, t_extract = timed(lambda: extract_claims(body))
    return {
        "units": len(units),
        "segment_s": t_segment,
        "speakers_s": t_speakers,
        "furniture_s": t_furniture,
        "extract_claims_s": t_extract,
        "claims": len(claims),
    }


def desk(lines: int, user) -> dict[str, float]:
    from django.db import transaction

    from reviews.models import Article, Job
    from reviews.services.articles import article_ingest

    factcheck = settings.FACTCHECK
    saved = dict(factcheck)
    try:
        # The request's share for a long body: store it and queue the job. The job runs
        # when the request's transaction commits (in-process here, as the demo runs it).
        factcheck["LONG_ARTICLE_CHARS"] = 0
        body = body_of(lines, seed=2)
        start = time.perf_counter()
        with transaction.atomic():
            article = article_ingest(title="Long", body=body, actor=user, language="en")
            t_request = time.perf_counter() - start
        t_job = time.perf_counter() - start - t_request
        job = Job.objects.get(article=article, kind=Job.Kind.INGEST_TEXT)
        stored = article.claims.count()
        # Another body ingested in one go (what a request did before long bodies became a
        # job), to show the inserts grow linearly too.
        factcheck["LONG_ARTICLE_CHARS"] = 10**9
        factcheck["MAX_CLAIMS_PER_ARTICLE"] = 10**9
        other = body_of(lines, seed=3)
        _, t_sync = timed(lambda: article_ingest(title="Sync", body=other, actor=user))
    finally:
        factcheck.clear()
        factcheck.update(saved)
    Article.objects.all().delete()
    return {
        "request_s": t_request,
        "job_s": t_job,
        "job_status": job.status,
        "job_error": job.last_error,
        "claims_stored": stored,
        "ingest_in_one_go_s": t_sync,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", default="1000,10000,100000")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-db", action="store_true", help="time the pure stages only")
    args = parser.parse_args()
    sizes = [int(n) for n in args.lines.split(",")]

    results = []
    old_name = None
    if not args.no_db:
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        user = None
        if not args.no_db:
            from django.contrib.auth import get_user_model

            from reviews.services.users import user_role_grant

            get_user_model().objects.create_user("bench")
            user = user_role_grant(username="bench", role="editor")
        for lines in sizes:
            body = body_of(lines, seed=1)
            row: dict = {"lines": lines, "chars": len(body), **stages(body)}
            if not args.no_db:
                row.update(desk(lines, user))
            results.append(row)
            per = {k: v / lines * 1e6 for k, v in row.items() if k.endswith("_s")}
            print(
                f"{lines:>7,} lines {len(body):>9,} chars  "
                + "  ".join(f"{k[:-2]} {row[k]:.2f}s ({per[k]:.0f} µs/line)" for k in per),
                flush=True,
            )
            if row.get("job_error"):
                print(f"        job: {row['job_status']}: {row['job_error']}")
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()
    if args.json:
        args.json.write_text(
            json.dumps({"database": connection.vendor, "sizes": results}, indent=2)
        )


if __name__ == "__main__":
    main()
