"""Throughput of sentence segmentation and claim extraction on ~1 MB of news-like text.

Run: .venv/bin/python bench/extraction_speed.py [--size CHARS]

Compares our segmenter, the whole extraction pipeline (when importable), pysbd and
spaCy's rule-based sentencizer (bench-only dependencies; no model is downloaded). The
corpus is built from the reference article, a few paragraphs written for this bench and,
when present, sentences of the CLEF 2024 check-worthiness training set joined into
paragraphs. pysbd is slow, so it runs once, by default on a 200 KB slice of the corpus
(its rate per char is higher on a slice than on the whole megabyte).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimextract.segment import split_units  # noqa: E402

SHARED = ROOT.parent / "shared"
ARTICLE = SHARED / "articles/000_6ae13aeb8dba0d37.txt"
CLEF_TRAIN = SHARED / "data/checkworthiness/clef2024-english/train.tsv"
PYSBD_SLICE_CHARS = 200_000

OWN_PARAGRAPHS = [
    "Port workers walk out over pay",
    "Dock workers in Rotterdam began a 48-hour strike on Tuesday, the union said. Mr. "
    "de Vries, who leads the FNV branch, told reporters that wages had risen by only 1.5% "
    "since Jan. 2021. “We are not asking for the moon,” he said. “We ask for 6.2%.”",
    "The port handled 14.5 million containers last year, according to its annual report "
    "(see www.example.com/port/report-2021.pdf). About 2,300 people work there.",
    "Officials in the U.S. and the E.U. said the strike could delay shipments of grain, "
    "fertiliser, machinery, etc. Prices of some goods rose 0.8% on Wednesday.",
    "What happens next? Nobody knows... The talks resume on Friday at 10 a.m.",
    "Key figures",
    "1. Wages rose 1.5% in two years.",
    "2. Inflation reached 9.1% in the same period.",
    "3. The union wants a one-off bonus of €1,000.",
    "Dr. Anna K. Visser, an economist at Erasmus University, said the dispute was "
    "“about fairness as much as money.” She expects a deal within weeks.",
    "Government responds",
    "Prime Minister Rutte’s office declined to comment. A spokesperson said the cabinet "
    "was “following the situation closely” and would not intervene “for now.”",
]


def build_corpus(size: int, seed: int = 7) -> str:
    """About `size` characters of shuffled news-like paragraphs, headlines among them."""
    rng = random.Random(seed)
    paragraphs = list(OWN_PARAGRAPHS)
    if ARTICLE.exists():
        paragraphs += ARTICLE.read_text(encoding="utf-8").splitlines()
    paragraphs += _clef_paragraphs(rng)
    out: list[str] = []
    total = 0
    while total < size:
        rng.shuffle(paragraphs)
        for paragraph in paragraphs:
            out.append(paragraph)
            total += len(paragraph) + 1
            if total >= size:
                break
    return "\n".join(out)


def _clef_paragraphs(rng: random.Random) -> list[str]:
    if not CLEF_TRAIN.exists():
        return []
    with CLEF_TRAIN.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        sentences = [row["Text"].strip() for row in reader if (row.get("Text") or "").strip()]
    paragraphs = []
    for start in range(0, len(sentences), 4):
        group = sentences[start : start + rng.randint(2, 6)]
        paragraphs.append(" ".join(group))
    return paragraphs


def best_of(runs: int, func: Callable[[], int]) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        count = func()
        best = min(best, time.perf_counter() - started)
    return best, count


def measure_ours(text: str) -> tuple[float, int]:
    return best_of(3, lambda: len(split_units(text)))


def measure_pipeline(text: str) -> tuple[float, int] | str:
    try:
        from claimextract.pipeline import extract_claims
    except ImportError as exc:
        return f"not available ({exc})"
    try:
        first = best_of(1, lambda: len(extract_claims(text)))
    except Exception as exc:  # report the failure of another module, keep benching
        return f"failed ({type(exc).__name__}: {exc})"
    return first if first[0] > 10 else min(first, best_of(2, lambda: len(extract_claims(text))))


def measure_pysbd(text: str, *, whole: bool) -> tuple[float, int, int] | str:
    try:
        import pysbd
    except ImportError:
        return "not installed"
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    cut = len(text) if whole else text.rfind("\n", 0, PYSBD_SLICE_CHARS)
    piece = text[: cut if cut > 0 else PYSBD_SLICE_CHARS]
    seconds, count = best_of(1, lambda: len(segmenter.segment(piece)))
    return seconds, count, len(piece)


def measure_spacy(text: str) -> tuple[float, int] | str:
    try:
        import spacy
    except ImportError:
        return "not installed"
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    paragraphs = text.splitlines()
    return best_of(3, lambda: sum(len(list(doc.sents)) for doc in nlp.pipe(paragraphs)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="corpus size in chars")
    parser.add_argument(
        "--pysbd-whole",
        action="store_true",
        help="run pysbd on the whole corpus instead of a 200 KB slice (slower: pysbd's "
        "time grows faster than the text)",
    )
    args = parser.parse_args()
    text = build_corpus(args.size)
    print(f"corpus: {len(text):,} chars, {text.count(chr(10)) + 1:,} paragraphs")
    sources = ["own paragraphs"]
    if ARTICLE.exists():
        sources.append("reference article")
    if CLEF_TRAIN.exists():
        sources.append("CLEF 2024 train sentences")
    print(f"sources: {', '.join(sources)}\n")

    rates: dict[str, float] = {}
    rows: list[tuple[str, str, str, str, str]] = []

    def record(name: str, result: tuple | str, chars: int = len(text), note: str = "") -> None:
        if isinstance(result, str):
            rows.append((name, "-", "-", "-", result))
            return
        seconds, units = result[0], result[1]
        rates[name] = chars / seconds
        rows.append(
            (name, f"{chars:,}", f"{seconds:.3f}", f"{rates[name]:,.0f}", f"{units:,} {note}")
        )

    record("ours (split_units)", measure_ours(text), note="units, best of 3")
    record("pipeline (extract_claims)", measure_pipeline(text), note="claims")
    pysbd_result = measure_pysbd(text, whole=args.pysbd_whole)
    if isinstance(pysbd_result, str):
        record("pysbd", pysbd_result)
    else:
        note = "sentences, 1 run" + ("" if args.pysbd_whole else " on a slice")
        record("pysbd", pysbd_result[:2], chars=pysbd_result[2], note=note)
    record("spacy sentencizer", measure_spacy(text), note="sentences, best of 3")

    print(f"{'system':<27}{'chars':>11}{'seconds':>10}{'chars/s':>14}   units")
    for name, chars, seconds, rate, units in rows:
        print(f"{name:<27}{chars:>11}{seconds:>10}{rate:>14}   {units}")
    print()
    base = rates.get("pysbd")
    for name in ("ours (split_units)", "pipeline (extract_claims)", "spacy sentencizer"):
        if base and name in rates:
            print(f"{name} / pysbd: {rates[name] / base:,.1f}x")
    if "pipeline (extract_claims)" not in rates:
        print("pipeline: not available")


if __name__ == "__main__":
    main()
