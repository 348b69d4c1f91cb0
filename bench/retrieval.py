"""Retrieval quality of the candidate ranking on a labelled corpus (e.g. Climate-FEVER).

    D=../shared/data/retrieval/climate-fever
    .venv/bin/python bench/retrieval.py --corpus $D/corpus.jsonl --claims $D/claims-dev.jsonl \
        [--part tune|held-out|all] [--lexical | --baseline | --django] [--tune] [--cost N] \
        [--cache DIR]

corpus.jsonl: {"title", "sentences"} per line; claims.jsonl: {"id", "claim", "gold_titles"}.
Claims without gold titles are skipped. Prints {"recall@1", "recall@5", "recall@10", "mrr",
"claims"} as JSON. The ranking is claimextract/ranking.py, the code the app uses: the hybrid
ranking with the sentence encoder by default, words only with --lexical; with --django the
corpus is loaded as reference documents into a throw-away database and each claim goes
through the archive provider.

The claims are split once, by the SHA-256 of their id: the first 8 hex digits as a number,
modulo 5, in {0, 1} is the held-out part (two fifths), else the tuning part. Weights are
tuned on the tuning part only (--tune prints the best settings of a small grid); the
held-out part is for reporting.

--cost N times the ranking of N claims against the kind of set the desk ranks: 30 documents
of about 80 sentences each (articles of the corpus joined), from a cold embedding cache
and again warm (the desk ranks a claim's candidates again after every fetch).

--cache DIR keeps embeddings between runs (one .npz per encoder file, named by its hash),
outside the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimextract.passages import passages, sentences  # noqa: E402
from claimextract.ranking import (  # noqa: E402
    EMBEDDINGS,
    Document,
    Embed,
    FloatArray,
    Hit,
    Ranker,
    Weights,
    rank_documents,
)

# Plain BM25 over whole documents: the floor the ranking has to beat.
BASELINE = Weights(passage=0.0, body=1.0, title=0.0, title_in_claim=0.0, bigram=0.0)
HELD_OUT = {0, 1}


def load_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def part_of(claim_id: str) -> str:
    bucket = int(hashlib.sha256(str(claim_id).encode()).hexdigest()[:8], 16) % 5
    return "held-out" if bucket in HELD_OUT else "tune"


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


# --- embeddings kept between runs ---------------------------------------------------------


class DiskEmbed:
    """claimextract.encoder's embeddings, looked up first in an .npz under `directory`."""

    def __init__(self, directory: str | None):
        from claimextract import encoder

        self.encoder = encoder
        digest = hashlib.sha256(encoder.ENCODER_PATH.read_bytes()).hexdigest()[:12]
        self.path = Path(directory) / f"retrieval-{digest}.npz" if directory else None
        self.rows: dict[str, FloatArray] = {}
        self.dirty = False
        if self.path is not None and self.path.exists():
            data = np.load(self.path, allow_pickle=False)
            self.rows = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def __call__(self, texts: list[str]) -> FloatArray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.rows))
        if missing:
            self.rows.update(zip(missing, self.encoder.embed(missing), strict=True))
            self.dirty = True
        return np.stack([self.rows[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        texts = list(self.rows)
        np.savez(
            self.path,
            texts=np.array(texts, dtype=str),
            vectors=np.stack([self.rows[t] for t in texts]),
        )


# --- ranking ------------------------------------------------------------------------------


def corpus_documents(corpus: list[dict]) -> list[Document]:
    return [
        Document(
            key=row["title"], title=row["title"], passages=passages("\n".join(row["sentences"]))
        )
        for row in corpus
    ]


def rank_pure(
    corpus: list[dict], claims: list[dict], weights: Weights, embed: Embed | None
) -> list[list[Hit]]:
    ranker = Ranker(corpus_documents(corpus), weights, embed=embed)
    return [
        ranker.search(c["claim"], k=10 if embed is None else weights.dense_pool) for c in claims
    ]


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


# --- tuning -------------------------------------------------------------------------------


def refuse(hits: list[Hit], pool: int, dense: float, title: float) -> list[str]:
    """Titles best first under other fusion weights and a smaller pool, from the signals of
    one run (the pool: the `pool` lexically best hits; the rest by lexical score)."""
    by_lexical = sorted(hits, key=lambda h: (-h.signals["lexical"], str(h.key)))
    rest = [str(h.key) for h in by_lexical[pool:]]
    hits = by_lexical[:pool]
    scored = [
        (
            h.signals["lexical"]
            + dense * h.signals.get("dense", 0.0)
            + title * h.signals.get("dense_title", 0.0),
            str(h.key),
        )
        for h in hits
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return ([key for _, key in scored] + rest)[:10]


def tune(corpus: list[dict], claims: list[dict], embed: Embed) -> None:
    golds = [set(c["gold_titles"]) for c in claims]
    results = []
    for top, cap in itertools.product([1, 2, 3], [16, 32, 64]):
        weights = replace(Weights(), dense_top=top, max_sentences=cap, dense_pool=100)
        runs = rank_pure(corpus, claims, weights, embed)
        for pool, dense, title in itertools.product(
            [20, 30, 50, 100], [2.0, 3.0, 4.0, 5.0, 6.0], [0.0, 0.25, 0.5, 1.0]
        ):
            ranked = [refuse(hits, pool, dense, title) for hits in runs]
            m = metrics(ranked, golds)
            results.append((m["recall@5"] + m["mrr"], m, top, cap, pool, dense, title))
    results.sort(key=lambda r: -r[0])
    for _, m, top, cap, pool, dense, title in results[:10]:
        print(
            json.dumps(
                {
                    "dense_top": top,
                    "max_sentences": cap,
                    "dense_pool": pool,
                    "dense": dense,
                    "dense_title": title,
                    **m,
                }
            )
        )


# --- cost ---------------------------------------------------------------------------------


def cost(corpus: list[dict], claims: list[dict], n: int) -> dict[str, float]:
    """Seconds to rank 30 documents of ~80 sentences for each of n claims, cold and warm."""
    from claimextract import encoder

    encoder.embed(["warm up"])
    rows = [row for row in corpus if row["sentences"]]
    cold, warm, lexical = [], [], []
    sizes = []
    for number, claim in enumerate(claims[:n]):
        documents = []
        for d in range(30):
            start = (number * 30 + d) * 20
            joined = [rows[(start + j) % len(rows)] for j in range(20)]
            text = "\n".join(s for row in joined for s in row["sentences"])
            sizes.append(len(sentences(text)))
            documents.append(Document(key=d, title=joined[0]["title"], passages=passages(text)))
        EMBEDDINGS.clear()
        started = time.perf_counter()
        rank_documents(claim["claim"], documents, embed=encoder.embed)
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        rank_documents(claim["claim"], documents, embed=encoder.embed)
        warm.append(time.perf_counter() - started)
        started = time.perf_counter()
        rank_documents(claim["claim"], documents, embed=None)
        lexical.append(time.perf_counter() - started)
    return {
        "claims": len(cold),
        "documents": 30,
        "sentences_per_document": round(statistics.mean(sizes), 1),
        "cold_seconds_median": round(statistics.median(cold), 3),
        "cold_seconds_max": round(max(cold), 3),
        "warm_seconds_median": round(statistics.median(warm), 3),
        "lexical_seconds_median": round(statistics.median(lexical), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--claims", required=True)
    parser.add_argument("--part", choices=["tune", "held-out", "all"], default="tune")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--lexical", action="store_true", help="words only, no encoder")
    mode.add_argument("--baseline", action="store_true", help="plain BM25 for comparison")
    mode.add_argument("--django", action="store_true", help="through the archive provider")
    mode.add_argument("--tune", action="store_true", help="grid of hybrid settings")
    mode.add_argument("--cost", type=int, metavar="N", help="time the ranking of N claims")
    parser.add_argument("--cache", help="directory to keep embeddings in between runs")
    parser.add_argument("--limit", type=int, help="score only the first N claims")
    args = parser.parse_args()
    corpus = load_jsonl(args.corpus)
    claims = [c for c in load_jsonl(args.claims) if c.get("gold_titles")]
    if args.part != "all":
        claims = [c for c in claims if part_of(c["id"]) == args.part]
    if args.limit:
        claims = claims[: args.limit]
    if args.cost:
        print(json.dumps(cost(corpus, claims, args.cost)))
        return
    golds = [set(c["gold_titles"]) for c in claims]
    started = time.perf_counter()
    if args.django:
        ranked = rank_django(corpus, claims)
    elif args.lexical or args.baseline:
        weights = BASELINE if args.baseline else Weights()
        runs = rank_pure(corpus, claims, weights, None)
        ranked = [[str(h.key) for h in hits[:10]] for hits in runs]
    else:
        embed = DiskEmbed(args.cache)
        try:
            if args.tune:
                tune(corpus, claims, embed)
                return
            runs = rank_pure(corpus, claims, Weights(), embed)
            ranked = [[str(h.key) for h in hits[:10]] for hits in runs]
        finally:
            embed.save()
    result = metrics(ranked, golds)
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["part"] = args.part
    print(json.dumps(result))


if __name__ == "__main__":
    main()
