"""Boundary accuracy of our segmenter against pysbd on bench/segmentation_cases.py.

Run: .venv/bin/python bench/segmentation_accuracy.py [--show-failures]

A case passes when the segmenter returns exactly the expected units (compared after
trimming surrounding whitespace). pysbd is a bench-only dependency (extra "bench").
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.segmentation_cases import CASES  # noqa: E402
from claimextract.segment import split_units  # noqa: E402

Segmenter = Callable[[str, str], list[str]]


def ours(text: str, lang: str) -> list[str]:
    return [text[u.start : u.end] for u in split_units(text, lang=lang)]


def pysbd_segmenter() -> Segmenter | None:
    try:
        import pysbd
    except ImportError:
        return None
    by_lang = {
        lang: pysbd.Segmenter(language=lang, clean=False, char_span=False) for lang in ("en", "ru")
    }

    def segment(text: str, lang: str) -> list[str]:
        return [s.strip() for s in by_lang[lang].segment(text) if s.strip()]

    return segment


def evaluate(segment: Segmenter) -> tuple[int, Counter, Counter, list[tuple]]:
    passed, per_category, totals, failures = 0, Counter(), Counter(), []
    for category, lang, text, expected in CASES:
        totals[category] += 1
        got = segment(text, lang)
        if got == expected:
            passed += 1
            per_category[category] += 1
        else:
            failures.append((category, text, expected, got))
    return passed, per_category, totals, failures


def main() -> None:
    show_failures = "--show-failures" in sys.argv
    systems: dict[str, Segmenter] = {"ours": ours}
    other = pysbd_segmenter()
    if other is None:
        print("pysbd: not installed")
    else:
        systems["pysbd"] = other
    results = {name: evaluate(segment) for name, segment in systems.items()}
    totals = next(iter(results.values()))[2]
    print(f"{len(CASES)} cases ({sum(1 for c in CASES if c[1] == 'ru')} Russian)\n")
    print(f"{'category':<22}" + "".join(f"{name:>8}" for name in systems))
    for category in totals:
        row = "".join(f"{results[name][1][category]:>8}" for name in systems)
        print(f"{category:<22}{row}   of {totals[category]}")
    print(f"{'total':<22}" + "".join(f"{results[name][0]:>8}" for name in systems))
    if show_failures:
        for name, (_, _, _, failures) in results.items():
            for category, text, expected, got in failures:
                print(f"\n[{name}] {category}: {text!r}\n  expected {expected}\n  got      {got}")


if __name__ == "__main__":
    main()
