"""Claim matching at scale: the ANN path against the exact one, and the cost of 300 claims
against 100,000 and 1,000,000 fact-checks.

    .venv/bin/python bench/matching_scale.py ../shared/data/claim-matching [--sizes 100000 1000000]

1. Quality: CheckThat! 2022 Task 2A dev-test ranked through the matcher exactly and through
   an HNSW index of the same embeddings (claimextract.ann): MAP@5 of each.
2. Cost: a synthetic archive (the real fact-checks repeated, a word dropped here and there)
   with random unit vectors; the 300 first queries. Build time of the lexical index, of the
   HNSW graph, the process's resident memory after each, and the CPU and wall time of
   matching the 300 claims (embedding the queries aside: that is the encoder's cost, the
   same at any archive size) exactly and through the index.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from claim_matching import (  # noqa: E402
    Data,
    archive_embeddings,
    load_embed,
    measures,
    synthetic_archive,
)

from claimextract import matching  # noqa: E402
from claimextract.ann import AnnIndex  # noqa: E402

QUERIES = 300


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(run) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Best (wall, CPU) seconds of three runs."""
    best_wall = best_cpu = float("inf")
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return round(best_wall, 3), round(best_cpu, 3)


def quality(data: Data) -> dict[str, object]:
    embed, digest = load_embed()
    if embed is None:
        return {"skipped": "no sentence encoder"}
    matrix = archive_embeddings(data, embed, digest)
    queries = embed([matching.clean_query(t) for t in data.test.texts])
    matcher = matching.Matcher(data.entries, embeddings=matrix, settings=matching.TUNED)
    out: dict[str, object] = {}
    ranked = matcher.search_many(data.test.texts, k=5, query_embeddings=queries)
    exact = [[data.ids[m.index] for m in hits] for hits in ranked]
    out["exact"] = measures(exact, data.test.gold)
    start = time.perf_counter()
    matcher.ann = AnnIndex(matrix.shape[1])
    matcher.ann.add(matrix)
    out["ann_build_s"] = round(time.perf_counter() - start, 2)
    ranked = matcher.search_many(data.test.texts, k=5, query_embeddings=queries)
    approx = [[data.ids[m.index] for m in hits] for hits in ranked]
    out["ann"] = measures(approx, data.test.gold)
    out["same_top5"] = sum(a == e for a, e in zip(approx, exact, strict=True)) / len(exact)
    return out


def cost(data: Data, size: int, exact_too: bool) -> dict[str, object]:
    gc.collect()
    base = rss_mb()
    out: dict[str, object] = {"archive": size, "queries": QUERIES}
    entries = synthetic_archive(data.entries, size)
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((size, 384), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    out["entries_and_vectors_mb"] = round(rss_mb() - base, 0)
    texts = (data.test.texts + data.tune.texts)[:QUERIES]
    queries = rng.standard_normal((len(texts), 384), dtype=np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)

    before = rss_mb()
    start = time.perf_counter()
    matcher = matching.Matcher(
        entries, embeddings=vectors, settings=replace(matching.TUNED, clean_queries=True)
    )
    out["lexical_build_s"] = round(time.perf_counter() - start, 1)
    out["lexical_index_mb"] = round(rss_mb() - before, 0)
    del entries
    gc.collect()
    out["lexical_only_wall_cpu_s"] = timed(lambda: matcher.search_many(texts, k=5))
    if exact_too:
        out["exact_hybrid_wall_cpu_s"] = timed(
            lambda: matcher.search_many(texts, k=5, query_embeddings=queries)
        )
    before = rss_mb()
    start = time.perf_counter()
    ann = AnnIndex(384)
    ann.add(vectors)
    out["ann_build_s"] = round(time.perf_counter() - start, 1)
    out["ann_index_mb"] = round(rss_mb() - before, 0)
    matcher.ann = ann
    out["ann_hybrid_wall_cpu_s"] = timed(
        lambda: matcher.search_many(texts, k=5, query_embeddings=queries)
    )
    out["process_rss_mb"] = round(rss_mb(), 0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="../shared/data/claim-matching")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--no-quality", action="store_true")
    args = parser.parse_args()
    data = Data(args.folder)
    report: dict[str, object] = {}
    if not args.no_quality:
        report["dev-test quality"] = quality(data)
        print(json.dumps(report, indent=2), file=sys.stderr, flush=True)
    for size in args.sizes:
        report[f"cost at {size:,}"] = cost(data, size, exact_too=True)
        print(json.dumps(report, indent=2), file=sys.stderr, flush=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
