"""Retrieval quality of the candidate ranking on a labelled corpus (e.g. Climate-FEVER).

    D=../shared/data/retrieval/climate-fever
    .venv/bin/python bench/retrieval.py --corpus $D/corpus.jsonl --claims $D/claims-dev.jsonl \
        [--baseline] [--django]

corpus.jsonl: {"title", "sentences"} per line; claims.jsonl: {"id", "claim", "gold_titles"}.
Claims without gold titles are skipped. Prints {"recall@1", "recall@5", "recall@10", "mrr",
"claims"} as JSON. The ranking is claimextract/ranking.py, the code the app uses: pure Python by
default; with --django the corpus is loaded as reference documents into a throw-away
database and each claim goes through the archive provider.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimextract.passages import passages  # noqa: E402
from claimextract.ranking import Document, Ranker, Weights  # noqa: E402

# Plain BM25 over whole documents: the floor the ranking has to beat.
BASELINE = Weights(passage=0.0, body=1.0, title=0.0, title_in_claim=0.0, bigram=0.0)


def load_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def metrics(ranked_titles: list[list[str]], golds: list[set[str]]) -> dict[str, float]:
    n = len(golds)
    recall = {1: 0, 5: 0, 10: 0}
    rr = 0.0
    for titles, gold in zip(ranked_titles, golds, strict=True):
        first = next((i for i, t in enumerate(titles) if t in gold), None)
        if first is None:
            continue
        rr += 1 / (first + 1)
        for k in recall:
            if first < k:
                recall[k] += 1
    return {
        "recall@1": round(recall[1] / n, 4),
        "recall@5": round(recall[5] / n, 4),
        "recall@10": round(recall[10] / n, 4),
        "mrr": round(rr / n, 4),
        "claims": n,
    }


def rank_pure(corpus: list[dict], claims: list[dict], weights: Weights) -> list[list[str]]:
    documents = [
        Document(
            key=row["title"], title=row["title"], passages=passages("\n".join(row["sentences"]))
        )
        for row in corpus
    ]
    ranker = Ranker(documents, weights)
    return [[hit.key for hit in ranker.search(c["claim"], k=10)] for c in claims]


def rank_django(corpus: list[dict], claims: list[dict]) -> list[list[str]]:
    """Through the archive provider, on the database the settings name (use a scratch one)."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.db import connection

    # A test database of its own: the bench never writes into a desk's data.
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from reviews.models import Article, Claim, Source
        from reviews.providers.archive import ArchiveProvider

        Source.objects.bulk_create(
            Source(
                title=row["title"],
                text="\n".join(row["sentences"]),
                is_reference=True,
                fetch_status=Source.FetchStatus.FETCHED,
            )
            for row in corpus
        )
        article = Article.objects.create(title="bench", body="x", body_hash="0")
        provider = ArchiveProvider(max_results=10)
        results = []
        for c in claims:
            claim = Claim(article=article, start=0, end=1, text=c["claim"])
            results.append([cand.title for cand in provider.reference_candidates(claim)][:10])
        return results
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)
        del call_command


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--claims", required=True)
    parser.add_argument("--baseline", action="store_true", help="plain BM25 for comparison")
    parser.add_argument("--django", action="store_true", help="through the archive provider")
    parser.add_argument("--half", choices=["even", "odd"], help="score one half of the claims")
    parser.add_argument("--limit", type=int, help="score only the first N claims")
    args = parser.parse_args()
    corpus = load_jsonl(args.corpus)
    claims = [c for c in load_jsonl(args.claims) if c.get("gold_titles")]
    if args.half:
        claims = claims[0 if args.half == "even" else 1 :: 2]
    if args.limit:
        claims = claims[: args.limit]
    started = time.perf_counter()
    if args.django:
        ranked = rank_django(corpus, claims)
    else:
        ranked = rank_pure(corpus, claims, BASELINE if args.baseline else Weights())
    result = metrics(ranked, [set(c["gold_titles"]) for c in claims])
    result["seconds"] = round(time.perf_counter() - started, 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
