"""How good, how well calibrated and how fast the shipped check-worthiness model is.

Run: .venv/bin/python bench/checkworthiness.py ../shared/data/checkworthiness [--skip-speed]

Prints, for the committed model (claimextract/data/checkworthiness.json and its graph):
- precision, recall and F1 of the positive class on CheckThat! 2024 dev-test at the
  shipped threshold (chosen on held-out training debates, not on dev-test), and on dev
  (same source as train, so inflated);
- mean average precision over the 19 CheckThat! 2019 debates and speeches. The shipped
  model never saw them: its training left out the three ClaimBuster transcripts that are
  2019 debates and every training sentence whose text occurs in any 2019 file
  (training/data.py), and nothing was tuned on them;
- a reliability table per data set: sentences binned by score, the mean score of each bin
  and the share of them that is check-worthy;
- speed: session load, sentences per second over dev + dev-test in one call, the wall time
  of 300 sentences (best of 5) run one at a time and run `threads` at once (the shipped
  setting), in the same rounds so that both see the same load; the whole pipeline
  (`extract_claims`) on a 300-sentence article and the reasons of its claims; and the
  untuned encoder's embedding rate. The model's cache of recent logits is cleared before
  every timed run, so no figure counts a sentence scored before.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimextract import checkworthiness as cw  # noqa: E402
from claimextract import encoder as enc  # noqa: E402
from claimextract import explain_score, extract_claims  # noqa: E402
from claimextract.types import ExtractedClaim  # noqa: E402

BINS = 10


def read_ct24(path: Path) -> tuple[list[str], list[bool]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r["Text"] for r in rows], [r["class_label"].strip() == "Yes" for r in rows]


def read_debates(folder: Path) -> dict[str, tuple[list[str], list[bool]]]:
    debates = {}
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        debates[path.stem] = ([r[2] for r in rows], [r[3] == "1" for r in rows])
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


def reliability(name: str, gold: list[bool], scores: list[float]) -> None:
    print(f"reliability, {name} ({len(gold)} sentences, {sum(gold)} check-worthy)")
    print("  score bin    sentences  mean score  check-worthy")
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        inside = [i for i, s in enumerate(scores) if lo <= s < hi or (b == BINS - 1 and s == hi)]
        if not inside:
            print(f"  {lo:.1f}-{hi:.1f}    {0:9d}")
            continue
        mean = sum(scores[i] for i in inside) / len(inside)
        rate = sum(gold[i] for i in inside) / len(inside)
        print(f"  {lo:.1f}-{hi:.1f}    {len(inside):9d}  {mean:10.3f}  {rate:12.3f}")


def bench_classification(model: cw.CheckworthinessModel, data: Path) -> list[str]:
    sentences = []
    for split in ("dev-test", "dev"):
        texts, gold = read_ct24(data / "clef2024-english" / f"{split}.tsv")
        scores = model.score(texts)
        p, r, f = prf(gold, [s >= model.threshold for s in scores])
        print(
            f"{split:9s} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  "
            f"({len(texts)} sentences, {sum(gold)} check-worthy)"
        )
        reliability(split, gold, scores)
        sentences += texts
    return sentences


def bench_ranking(model: cw.CheckworthinessModel, data: Path) -> None:
    debates = read_debates(data / "clef2019-debates")
    aps = {}
    all_gold: list[bool] = []
    all_scores: list[float] = []
    for name, (texts, gold) in debates.items():
        scores = model.score(texts)
        aps[name] = average_precision(gold, scores)
        all_gold += gold
        all_scores += scores
        print(f"  {name:28s} AP {aps[name]:.3f}  ({sum(gold)}/{len(gold)} check-worthy)")
    print(
        f"MAP, CheckThat! 2019, {len(aps)} debates unseen in training and tuning: "
        f"{sum(aps.values()) / len(aps):.3f}"
    )
    reliability("CheckThat! 2019 (journalists' picks, sparser labels)", all_gold, all_scores)


def best_wall(function: Callable[[], object], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_speed(texts: list[str]) -> None:
    start = time.perf_counter()
    model = cw.CheckworthinessModel.from_file(cw.DEFAULT_PATH)
    model.score(["Warm-up."])
    load = time.perf_counter() - start
    sizes = {p.name: p.stat().st_size / 1e6 for p in sorted(cw.DEFAULT_PATH.parent.glob("*.onnx"))}
    print(
        f"load + first sentence {load * 1000:.0f} ms; graphs "
        + ", ".join(f"{n} {s:.1f} MB" for n, s in sizes.items())
        + f"; {model.encoder.threads} runs at once, one thread each"
    )
    model.clear_cache()
    start = time.perf_counter()
    model.score(texts)
    rate = len(texts) / (time.perf_counter() - start)
    print(f"scoring {rate:,.0f} sentences/s ({len(texts)} sentences in one call)")

    article = texts[:300]
    threads = model.encoder.threads
    settings = {"one run at a time": 1, f"{threads} runs at once": threads}
    encoders = {
        name: enc.SentenceEncoder(
            model.encoder.model_path,
            model.encoder.tokenizer_path,
            max_length=model.encoder.max_length,
            threads=count,
        )
        for name, count in settings.items()
    }
    best = dict.fromkeys(encoders, float("inf"))
    results = {}
    for encoder in encoders.values():
        encoder.logits(["Warm-up."])
    for _ in range(5):  # alternate, so that both settings see the same load
        for name, encoder in encoders.items():
            start = time.perf_counter()
            results[name] = encoder.logits(article)
            best[name] = min(best[name], time.perf_counter() - start)
    same = all((r == results[next(iter(results))]).all() for r in results.values())
    print(
        "300 sentences (best of 5, alternating): "
        + "; ".join(f"{name} {seconds:.3f} s" for name, seconds in best.items())
        + f"; identical logits: {same}"
    )

    shipped = cw.load_model()
    body = " ".join(cw.normalize(t) for t in article)

    def pipeline() -> list[ExtractedClaim]:
        shipped.clear_cache()
        return extract_claims(body)

    claims = pipeline()
    seconds = best_wall(pipeline)
    print(
        f"extract_claims on a {len(body):,}-character article of {len(claims)} units: "
        f"{seconds:.3f} s (best of 5), {len(body) / seconds:,.0f} chars/s"
    )
    reasons = best_wall(lambda: [explain_score(c.text) for c in claims], repeats=3)
    print(
        f"explain_score after extraction (sentences already scored): "
        f"{reasons / len(claims) * 1000:.2f} ms a claim"
    )

    encoder = enc.SentenceEncoder(enc.ENCODER_PATH)
    encoder.embed(["Warm-up."])
    embed = best_wall(lambda: encoder.embed(article))
    print(f"untuned encoder: 300 sentences embedded in {embed:.3f} s (best of 5)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the checkworthiness data folder")
    parser.add_argument("--skip-map", action="store_true", help="no CheckThat! 2019 ranking")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()

    model = cw.CheckworthinessModel.from_file(cw.DEFAULT_PATH)
    print(
        f"model {cw.DEFAULT_PATH.relative_to(ROOT)}: threshold {model.threshold}, "
        f"{model.calibration.method} calibration (both chosen on held-out training debates)"
    )
    texts = bench_classification(model, args.data)
    if not args.skip_map:
        bench_ranking(model, args.data)
    if not args.skip_speed:
        bench_speed(texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
