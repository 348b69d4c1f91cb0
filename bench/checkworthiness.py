"""How good and how fast the shipped check-worthiness model is.

Run: .venv/bin/python bench/checkworthiness.py ../shared/data/checkworthiness [--with-debates]

Prints, for the committed model file:
- precision, recall and F1 of the positive class on CheckThat! 2024 dev-test (newer debates;
  the threshold was tuned on it, see docs/CHECKWORTHINESS.md) and on dev (same source as
  train, so inflated);
- model load time and sentences per second of scoring, in this one process (one core);
- mean average precision over the 19 CheckThat! 2019 debates and speeches, leave one debate
  out: the training recipe of `claimextract.train_checkworthiness` is refitted without
  the held-out debate. CheckThat! 2024 train holds three of those debates (the 2016
  presidential debates, via ClaimBuster): their whole transcript is dropped from training
  when they are held out, and so is any training sentence whose text occurs in the
  held-out debate. `--with-debates` also trains on the other 18 debates: 19 fits instead
  of 4, about 12 minutes instead of 1.5 on a busy 2-core machine. Needs scikit-learn (the
  `train` extra).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimextract import checkworthiness as cw  # noqa: E402

# A ClaimBuster transcript sharing this many sentences with a 2019 debate is that debate.
SAME_DEBATE_OVERLAP = 50


def read_ct24(path: Path) -> tuple[list[str], list[bool], list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    texts = [r["Text"] for r in rows]
    return (
        texts,
        [r["class_label"].strip() == "Yes" for r in rows],
        [r["Sentence_id"] for r in rows],
    )


def read_debates(folder: Path) -> dict[str, tuple[list[str], list[bool]]]:
    debates = {}
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        debates[path.stem] = ([cw.normalize(r[2]) for r in rows], [r[3] == "1" for r in rows])
    return debates


def prf(gold: list[bool], predicted: list[bool]) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    precision = tp / max(sum(predicted), 1)
    recall = tp / max(sum(gold), 1)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return precision, recall, f1


def average_precision(gold: list[bool], scores: list[float]) -> float:
    """As the CheckThat! 2019 scorer: mean of precision@rank over the relevant lines, lines
    ranked by score (ties in transcript order)."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits, total = 0, 0.0
    for rank, i in enumerate(order, start=1):
        if gold[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def bench_classification(model: cw.CheckworthinessModel, data: Path) -> list[str]:
    sentences = []
    for split in ("dev-test", "dev"):
        texts, gold, _ = read_ct24(data / "clef2024-english" / f"{split}.tsv")
        predicted = [s >= model.threshold for s in model.score(texts)]
        p, r, f = prf(gold, predicted)
        print(
            f"{split:9s} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  "
            f"({len(texts)} sentences, {sum(gold)} check-worthy)"
        )
        sentences += texts
    return sentences


def bench_speed(texts: list[str]) -> None:
    loads = []
    for _ in range(5):
        start = time.perf_counter()
        model = cw.CheckworthinessModel.from_file(cw.DEFAULT_PATH)
        loads.append(time.perf_counter() - start)
    size = cw.DEFAULT_PATH.stat().st_size / 1e6
    print(f"model load {min(loads) * 1000:.0f} ms (best of 5; file {size:.2f} MB)")
    start = time.process_time()
    model.score(texts)
    cold = len(texts) / (time.process_time() - start)
    start = time.process_time()
    for _ in range(3):
        model.score(texts)
    warm = 3 * len(texts) / (time.process_time() - start)
    start = time.process_time()
    for text in texts[:300]:
        model.explain(text)
    explained = 300 / (time.process_time() - start)
    print(
        f"scoring {cold:,.0f} sentences/s on a fresh model, {warm:,.0f} once its per-word "
        f"cache is warm; explain {explained:,.0f} sentences/s (CPU time, one core)"
    )


def bench_ranking(data: Path, with_debates: bool) -> None:
    try:
        from claimextract import train_checkworthiness as train_cmd
    except ImportError as exc:
        print(f"MAP skipped: {exc} (install the `train` extra)")
        return
    import numpy as np

    train_texts, train_gold, ids = read_ct24(data / "clef2024-english" / "train.tsv")
    train_texts = [cw.normalize(t) for t in train_texts]
    debate_of = train_cmd.read_debate_of_sentence(data / "claimbuster" / "crowdsourced.csv")
    transcript = [debate_of.get(i, "") for i in ids]
    debates = read_debates(data / "clef2019-debates")

    def excluded(held_out: str) -> frozenset[int]:
        lines = {t.lower() for t in debates[held_out][0]}
        same = [i for i, t in enumerate(train_texts) if t.lower() in lines]
        files = Counter(transcript[i] for i in same)
        dropped = {f for f, n in files.items() if n >= SAME_DEBATE_OVERLAP}
        return frozenset(same) | {i for i, f in enumerate(transcript) if f in dropped}

    plan: dict[str, frozenset[int]] = {name: excluded(name) for name in debates}
    if not with_debates:
        # Debates outside ClaimBuster share one fit that leaves out every training sentence
        # occurring in any of them: stricter than one fit each, and 4 fits instead of 19.
        small = [n for n, ex in plan.items() if len(ex) < SAME_DEBATE_OVERLAP]
        union = frozenset().union(*(plan[n] for n in small))
        plan.update({n: union for n in small})

    fits: dict[tuple, object] = {}
    aps = {}
    start = time.perf_counter()
    for name, (texts, gold) in debates.items():
        key = (name,) if with_debates else (plan[name],)
        if key not in fits:
            keep = [i for i in range(len(train_texts)) if i not in plan[name]]
            fit_texts = [train_texts[i] for i in keep]
            fit_gold = [train_gold[i] for i in keep]
            if with_debates:
                for other, (o_texts, o_gold) in debates.items():
                    if other != name:
                        fit_texts += o_texts
                        fit_gold += o_gold
            pipeline = train_cmd.Pipeline().fit(fit_texts, np.array(fit_gold, dtype=int))
            fits[key] = pipeline
        scores = fits[key].predict_proba(texts).tolist()
        aps[name] = average_precision(gold, scores)
    for name, ap in aps.items():
        texts, gold = debates[name]
        print(f"  {name:28s} AP {ap:.3f}  ({sum(gold)}/{len(gold)} check-worthy)")
    recipe = "CT24 train + the other 18 debates" if with_debates else "CT24 train"
    print(
        f"MAP, CheckThat! 2019, leave one debate out, trained on {recipe}: "
        f"{sum(aps.values()) / len(aps):.3f} over {len(aps)} debates "
        f"({len(fits)} fits, {time.perf_counter() - start:.0f} s)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the checkworthiness data folder")
    parser.add_argument(
        "--with-debates",
        action="store_true",
        help="also train on the CheckThat! 2019 debates not held out",
    )
    parser.add_argument("--skip-map", action="store_true", help="no refitting")
    args = parser.parse_args()

    model = cw.CheckworthinessModel.from_file(cw.DEFAULT_PATH)
    print(
        f"model {cw.DEFAULT_PATH.relative_to(ROOT)}, threshold {model.threshold} "
        f"(tuned on {model.meta['figures']['threshold_from']})"
    )
    texts = bench_classification(model, args.data)
    bench_speed(texts)
    if not args.skip_map:
        bench_ranking(args.data, args.with_debates)
    return 0


if __name__ == "__main__":
    sys.exit(main())
