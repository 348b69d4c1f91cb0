"""Claim matching on CheckThat! 2022 Task 2A (English): has this claim been checked already?

    .venv/bin/python bench/claim_matching.py ../shared/data/claim-matching \\
        [--tune] [--no-dense] [--no-speed]

The archive is `vclaims.jsonl` (14,231 Snopes fact-checks) read by the importer's own parser
(claimextract.factcheck_formats); the queries are tweets, and the qrels name the fact-check
each one repeats. Rankings come from claimextract.matching, the code the desk runs.

Prints MAP@5 (the task's official measure), MRR and P@1 for
- the floor: plain BM25 over claim + title as one text, queries as they are;
- lexical: BM25F over claim, title and subtitle with the tuned settings (TUNED);
- dense: the cosine of sentence embeddings alone (claimextract/encoder.py);
- hybrid: the tuned weighted sum of the two;
on train + dev (where the settings were chosen) and on dev-test, which nothing was tuned on.
Also recall@20 and @100 of the hybrid: the ceiling of a re-ranking step over its shortlist.

`--tune` searches the fusion weights, `--tune-lexical` also the BM25F settings (coordinate
ascent, a quarter of an hour), on train + dev only, and prints them; dev-test figures are
then those of the chosen settings. Embeddings of the archive are cached under var/bench/.

Speed: a 100,000 fact-check archive synthesised from the real ones (each repeated with a
word dropped here and there, so postings are as long as a real archive's) and random unit
vectors for the dense side; 300 real tweets matched against it, their embedding timed apart.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimextract import matching  # noqa: E402
from claimextract.factcheck_formats import FactCheckRecord, parse  # noqa: E402

CACHE = ROOT / "var" / "bench"
FLOOR = matching.Settings(
    claim_weight=1.0,
    title_weight=0.0,
    subtitle_weight=0.0,
    claim_b=0.75,
    k1=1.2,
    bigram=0.0,
    clean_queries=False,
)
SPEED_ARCHIVE = 100_000
SPEED_QUERIES = 300

Qrels = dict[str, set[str]]


# --- data ---------------------------------------------------------------------------------


def unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text


def read_queries(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            query_id, _, text = line.partition("\t")
            out[query_id] = unquote(text)
    return out


def read_qrels(path: Path) -> Qrels:
    out: Qrels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            query_id, _, doc_id, relevant = line.split()
            if relevant != "0":
                out.setdefault(query_id, set()).add(doc_id)
    return out


class Data:
    def __init__(self, folder: Path):
        items = list(parse((folder / "vclaims.jsonl").read_text(encoding="utf-8"), "jsonl"))
        self.records = [r for r in items if isinstance(r, FactCheckRecord)]
        if len(self.records) != len(items):
            raise SystemExit("vclaims.jsonl has records the parser refuses")
        self.ids = [r.identifier for r in self.records]
        self.entries = [matching.Entry(r.claim, r.title, r.subtitle) for r in self.records]
        train_dev = read_queries(folder / "train-dev-queries.tsv")
        gold = {**read_qrels(folder / "train-qrels.tsv"), **read_qrels(folder / "dev-qrels.tsv")}
        # Dev-test ids repeat other splits' ids for other tweets: each split is keyed apart.
        self.tune = Split("train+dev", {q: train_dev[q] for q in gold}, gold)
        test = read_queries(folder / "dev-test-queries.tsv")
        test_gold = read_qrels(folder / "dev-test-qrels.tsv")
        self.test = Split("dev-test", {q: test[q] for q in test_gold}, test_gold)


class Split:
    def __init__(self, name: str, queries: dict[str, str], gold: Qrels):
        self.name = name
        self.keys = list(queries)
        self.texts = [queries[k] for k in self.keys]
        self.gold = [gold[k] for k in self.keys]


# --- measures -----------------------------------------------------------------------------


def measures(ranked: Sequence[Sequence[str]], gold: Sequence[set[str]]) -> dict[str, float]:
    """MAP@5 as the task's scorer computes it (precision at each relevant hit in the top 5,
    over the number of relevant fact-checks), MRR, P@1, recall@20 and @100."""
    ap = rr = p1 = r20 = r100 = 0.0
    for ids, relevant in zip(ranked, gold, strict=True):
        hits, total = 0, 0.0
        for i, doc in enumerate(ids[:5]):
            if doc in relevant:
                hits += 1
                total += hits / (i + 1)
        ap += total / len(relevant)
        first = next((i for i, doc in enumerate(ids) if doc in relevant), None)
        if first is not None:
            rr += 1 / (first + 1)
            r20 += first < 20
            r100 += first < 100
        p1 += bool(ids) and ids[0] in relevant
    n = len(gold)
    return {
        "map@5": round(ap / n, 4),
        "mrr": round(rr / n, 4),
        "p@1": round(p1 / n, 4),
        "recall@20": round(r20 / n, 4),
        "recall@100": round(r100 / n, 4),
        "queries": n,
    }


class Signals:
    """Lexical and dense scores of every query of a split over the whole archive, computed
    once so that fusion weights can be tried quickly."""

    def __init__(self, index: matching.LexicalIndex, split: Split, dense: np.ndarray | None):
        settings = index.settings
        self.texts = [matching.clean_query(t) if settings.clean_queries else t for t in split.texts]
        rows = [index.scores(t) for t in self.texts]
        self.lexical = np.stack([r[0] for r in rows]) if rows else np.zeros((0, index.n))
        self.scales = [r[1] for r in rows]
        self.index = index
        self.dense = dense
        self.split = split

    def rescaled(self, settings: matching.Settings) -> Signals:
        """The same scores with each query's scale computed under `settings` (fusion
        options that leave the index as it is)."""
        clone = object.__new__(Signals)
        clone.__dict__.update(self.__dict__)
        probe = object.__new__(matching.LexicalIndex)
        probe.__dict__.update(self.index.__dict__, settings=settings)
        clone.scales = [probe.self_score(probe.query(t)) for t in self.texts]
        return clone

    def rank(self, settings: matching.Settings, ids: list[str], k: int = 100) -> list[list[str]]:
        out = []
        use_dense = self.dense is not None and settings.dense_weight > 0
        for row in range(len(self.scales)):
            dense = self.dense[row] if use_dense and self.dense is not None else None
            fused, _ = matching.fuse(self.lexical[row], self.scales[row], dense, settings)
            out.append([ids[i] for i in matching.top_indices(fused, k)])
        return out

    def measure(self, settings: matching.Settings, ids: list[str]) -> dict[str, float]:
        return measures(self.rank(settings, ids), self.split.gold)


def rrf(signals: Signals, ids: list[str], k: int = 60, depth: int = 200) -> list[list[str]]:
    """Reciprocal rank fusion of the lexical and dense rankings, for comparison."""
    assert signals.dense is not None
    out = []
    for row in range(len(signals.scales)):
        score: dict[int, float] = {}
        for scores in (signals.lexical[row], signals.dense[row]):
            for rank, i in enumerate(matching.top_indices(scores, depth)):
                score[i] = score.get(i, 0.0) + 1 / (k + rank + 1)
        best = sorted(score, key=lambda i: (-score[i], i))[:100]
        out.append([ids[i] for i in best])
    return out


def thresholds(
    ranked: list[list[matching.Match]], gold: list[set[str]], ids: list[str]
) -> dict[str, dict[str, float]]:
    """For a minimum score on the best match: how many queries keep a suggestion, and how
    often that suggestion is right. What a provider's cut-off trades."""
    out = {}
    for cut in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
        kept = [(hits[0], g) for hits, g in zip(ranked, gold, strict=True) if hits]
        kept = [(m, g) for m, g in kept if m.score >= cut]
        right = sum(ids[m.index] in g for m, g in kept)
        out[f">= {cut}"] = {
            "suggested": round(len(kept) / len(gold), 4),
            "right": round(right / len(kept), 4) if kept else 0.0,
        }
    return out


# --- tuning -------------------------------------------------------------------------------

LEXICAL_GRID = {
    "title_weight": [0.5, 0.75, 1.0, 1.5],
    "subtitle_weight": [0.0, 0.25, 0.5, 1.0],
    "k1": [0.4, 0.6, 0.9, 1.2],
    "claim_b": [0.3, 0.5, 0.75],
    "title_b": [0.5, 0.75, 0.9],
    "bigram": [0.0, 0.25],
}
DENSE_WEIGHTS = [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0]


def tune_lexical(data: Data, start: matching.Settings) -> matching.Settings:
    best = start
    best_map = lexical_map(data, best)
    print(f"  start {best_map}", file=sys.stderr)
    for name, values in LEXICAL_GRID.items():
        for value in values:
            if getattr(best, name) == value:
                continue
            trial = replace(best, **{name: value})
            score = lexical_map(data, trial)
            print(f"  {name}={value}: {score}", file=sys.stderr)
            if score > best_map:
                best, best_map = trial, score
    return best


def lexical_map(data: Data, settings: matching.Settings) -> float:
    signals = Signals(matching.LexicalIndex(data.entries, settings), data.tune, None)
    return signals.measure(settings, data.ids)["map@5"]


def tune_fusion(signals: Signals, ids: list[str], base: matching.Settings) -> matching.Settings:
    best, best_map = base, -1.0
    for unseen in (True, False):
        trial_signals = signals.rescaled(replace(base, scale_unseen=unseen))
        for weight in DENSE_WEIGHTS:
            trial = replace(base, dense_weight=weight, lexical_weight=1.0, scale_unseen=unseen)
            score = trial_signals.measure(trial, ids)["map@5"]
            print(f"  dense_weight={weight} scale_unseen={unseen}: {score}", file=sys.stderr)
            if score > best_map:
                best, best_map = trial, score
    return best


# --- dense --------------------------------------------------------------------------------


def load_embed(
    model: Path | None = None, tokenizer: Path | None = None
) -> tuple[matching.Embed | None, str]:
    """The desk's sentence encoder (claimextract/encoder.py), or the graph at `model`, and
    a digest of its file that names the cached archive embeddings."""
    try:
        from claimextract import encoder

        path = model or encoder.ENCODER_PATH
        if model is not None:
            tokenizer = tokenizer or (model.parent / "tokenizer.json")
            embed = encoder.SentenceEncoder(model, tokenizer).embed
        else:
            embed = encoder.embed
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        embed(["probe"])
    except Exception as exc:  # noqa: BLE001 - no encoder here: the bench reports lexical only
        print(f"no sentence encoder ({exc}): dense and hybrid skipped", file=sys.stderr)
        return None, ""
    return embed, digest[:12]


def archive_embeddings(data: Data, embed: matching.Embed, digest: str) -> np.ndarray:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"vclaims-{digest}.npy"
    if path.exists():
        matrix = np.load(path)
        if matrix.shape[0] == len(data.entries):
            return matrix
    texts = [matching.embedding_text(e) for e in data.entries]
    start = time.perf_counter()
    parts = [embed(texts[i : i + 512]) for i in range(0, len(texts), 512)]
    matrix = np.concatenate(parts).astype(np.float32)
    print(
        f"embedded {len(texts):,} fact-checks in {time.perf_counter() - start:.0f} s",
        file=sys.stderr,
    )
    np.save(path, matrix)
    return matrix


# --- speed --------------------------------------------------------------------------------


def synthetic_archive(entries: list[matching.Entry], size: int) -> list[matching.Entry]:
    rng = random.Random(7)
    out = list(entries)

    def perturb(text: str) -> str:
        words = text.split()
        if len(words) > 3:
            del words[rng.randrange(len(words))]
        return " ".join(words)

    while len(out) < size:
        e = entries[len(out) % len(entries)]
        out.append(matching.Entry(perturb(e.claim), perturb(e.title), perturb(e.subtitle)))
    return out


def speed(
    data: Data, settings: matching.Settings, embed: matching.Embed | None
) -> dict[str, float]:
    entries = synthetic_archive(data.entries, SPEED_ARCHIVE)
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((len(entries), 384), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = (data.test.texts + data.tune.texts)[:SPEED_QUERIES]
    start = time.perf_counter()
    matcher = matching.Matcher(
        entries,
        embeddings=vectors,
        settings=replace(settings, dense_weight=settings.dense_weight or 1.0),
    )
    build = time.perf_counter() - start
    result: dict[str, float] = {"archive": len(entries), "queries": len(texts)}
    result["index_build_s"] = round(build, 2)
    if embed is not None:
        start = time.perf_counter()
        queries = embed(matcher.clean(texts))
        result["embed_queries_s"] = round(time.perf_counter() - start, 3)
    else:
        queries = rng.standard_normal((len(texts), 384), dtype=np.float32)
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    runs = {
        # No encoder and no query embeddings: the matcher ranks by words only.
        "lexical": lambda: matcher.search_many(texts, k=5),
        "hybrid": lambda: matcher.search_many(texts, k=5, query_embeddings=queries),
    }
    for label, run in runs.items():
        best_wall, best_cpu = float("inf"), float("inf")
        for _ in range(3):
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            best_wall = min(best_wall, time.perf_counter() - wall)
            best_cpu = min(best_cpu, time.process_time() - cpu)
        result[f"match_{label}_wall_s"] = round(best_wall, 3)
        result[f"match_{label}_cpu_s"] = round(best_cpu, 3)
    return result


# --- main ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="../shared/data/claim-matching")
    parser.add_argument("--tune", action="store_true", help="search fusion weights on train + dev")
    parser.add_argument(
        "--tune-lexical", action="store_true", help="also search the BM25F settings (slow)"
    )
    parser.add_argument("--no-dense", action="store_true", help="lexical only")
    parser.add_argument("--no-speed", action="store_true", help="skip the 100k timing")
    parser.add_argument("--encoder", type=Path, help="another ONNX encoder graph to measure")
    parser.add_argument("--tokenizer", type=Path, help="its tokenizer.json (default: beside it)")
    args = parser.parse_args()

    data = Data(args.folder)
    report: dict[str, object] = {"archive": len(data.entries)}

    floor_index = matching.LexicalIndex(
        [matching.Entry(f"{e.claim} {e.title}") for e in data.entries], FLOOR
    )
    report["floor (BM25 claim+title)"] = {
        split.name: Signals(floor_index, split, None).measure(FLOOR, data.ids)
        for split in (data.tune, data.test)
    }

    settings = matching.TUNED
    if args.tune_lexical:
        settings = tune_lexical(data, settings)
        print(f"lexical settings: {settings}", file=sys.stderr)
    index = matching.LexicalIndex(data.entries, settings)
    lexical = replace(settings, dense_weight=0.0, lexical_weight=1.0)

    embed, digest = (None, "") if args.no_dense else load_embed(args.encoder, args.tokenizer)
    tune_dense = test_dense = None
    if embed is not None:
        matrix = archive_embeddings(data, embed, digest)
        start = time.perf_counter()
        cleaned_tune = [matching.clean_query(t) for t in data.tune.texts]
        cleaned_test = [matching.clean_query(t) for t in data.test.texts]
        tune_queries = embed(cleaned_tune)
        test_queries = embed(cleaned_test)
        seconds = time.perf_counter() - start
        report["embedding_queries_per_s"] = round((len(cleaned_tune) + len(cleaned_test)) / seconds)
        tune_dense = tune_queries @ matrix.T
        test_dense = test_queries @ matrix.T
    tune_signals = Signals(index, data.tune, tune_dense)
    test_signals = Signals(index, data.test, test_dense)

    rows: dict[str, dict[str, dict[str, float]]] = {}
    rows["lexical (BM25F)"] = {
        s.split.name: s.measure(lexical, data.ids) for s in (tune_signals, test_signals)
    }
    hybrid = settings
    if embed is not None:
        dense_only = replace(settings, lexical_weight=0.0, dense_weight=1.0)
        rows["dense (cosine)"] = {
            s.split.name: s.measure(dense_only, data.ids) for s in (tune_signals, test_signals)
        }
        if args.tune:
            hybrid = tune_fusion(tune_signals, data.ids, settings)
            print(f"fusion settings: {hybrid}", file=sys.stderr)
        # Through the matcher itself, as the desk runs it.
        matcher = matching.Matcher(data.entries, embeddings=matrix, settings=hybrid)
        ranked = {
            split.name: matcher.search_many(split.texts, k=100, query_embeddings=q)
            for split, q in ((data.tune, tune_queries), (data.test, test_queries))
        }
        rows["hybrid (weighted sum)"] = {
            split.name: measures(
                [[data.ids[m.index] for m in hits] for hits in ranked[split.name]], split.gold
            )
            for split in (data.tune, data.test)
        }
        report["hybrid top-1 by score (train+dev)"] = thresholds(
            ranked[data.tune.name], data.tune.gold, data.ids
        )
        rows["hybrid (reciprocal rank fusion)"] = {
            s.split.name: measures(rrf(s, data.ids), s.split.gold)
            for s in (tune_signals, test_signals)
        }
    report.update(rows)
    report["settings"] = dict(hybrid.__dict__)
    if not args.no_speed:
        report["speed at 100k"] = speed(data, hybrid, embed)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
