"""Real pages in, claims out: how much of an article's text survives and how much page
furniture gets in, on trafilatura's own extraction benchmark.

Run: .venv/bin/python bench/extraction_pages.py [--half tuning|held-out|all] [--pages]

For every page of /work/shared/data/article-extraction/ (88 real pages; annotations.json
gives for each page "with" passages that must survive and "without" furniture that must
not) it runs the desk's path — main text of the HTML, then `extract_claims` with page
furniture left out, then the text of all the claims of the page — and scores it as
trafilatura scores itself: whitespace-normalised substring match, each "with" found a true
positive, each "with" missing a false negative, each "without" found a false positive.
trafilatura's default `extract()` is printed as the floor. The pages are split in two
halves by a hash of their URL: rules are tuned on the tuning half only, the held-out half
says how they do on unseen pages. Per-page time of main text + metadata is printed too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimextract import extract_claims  # noqa: E402
from claimextract.documents import html_to_text  # noqa: E402
from claimextract.metadata import page_metadata  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "article-extraction"
_SPACE = re.compile(r"\s+")
WARM_UP = (
    '<html><body><article><p class="date">15 August 2016, 13:43</p><h1>Warm-up</h1>'
    "<p>A page of one paragraph, long enough to be taken for the main text of it.</p>"
    "</article></body></html>"
)


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def half_of(url: str) -> str:
    """A fixed split that does not depend on the order of the annotations."""
    return "tuning" if hashlib.sha256(url.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0

    def add(self, text: str, page: dict) -> tuple[int, int, int]:
        text = normalise(text)
        tp = sum(1 for p in page["with"] if normalise(p) in text)
        fn = len(page["with"]) - tp
        fp = sum(1 for p in page["without"] if normalise(p) in text)
        self.tp, self.fn, self.fp = self.tp + tp, self.fn + fn, self.fp + fp
        return tp, fn, fp

    def line(self) -> str:
        precision = self.tp / max(self.tp + self.fp, 1)
        recall = self.tp / max(self.tp + self.fn, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        counts = f"(TP {self.tp} FN {self.fn} FP {self.fp})"
        return f"P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  {counts}"


def desk_claims_text(html: str) -> tuple[str, str, float]:
    """Claims' text with furniture left out, without, and the main text + metadata time."""
    started = time.perf_counter()
    text = html_to_text(html)
    page_metadata(html)
    elapsed = time.perf_counter() - started
    kept = extract_claims(text, skip_furniture=True)
    every = extract_claims(text)
    return " ".join(c.text for c in kept), " ".join(c.text for c in every), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tuning", "held-out", "all"), default="all")
    parser.add_argument("--pages", action="store_true", help="print every page's counts")
    args = parser.parse_args()

    import trafilatura

    # The first call of a process imports trafilatura and loads dateparser's locales for
    # a page whose date is only printed in its text; timed apart from the pages.
    started = time.perf_counter()
    html_to_text(WARM_UP)
    page_metadata(WARM_UP)
    cold = time.perf_counter() - started

    annotations = json.loads((DATA / "annotations.json").read_text(encoding="utf-8"))
    floor = {"tuning": Score(), "held-out": Score(), "all": Score()}
    ours = {"tuning": Score(), "held-out": Score(), "all": Score()}
    unfiltered = {"tuning": Score(), "held-out": Score(), "all": Score()}
    times: list[tuple[float, str]] = []
    for url, page in sorted(annotations.items()):
        half = half_of(url)
        if args.half != "all" and half != args.half:
            continue
        raw = (DATA / page["file"]).read_bytes()
        html = raw.decode("utf-8", errors="replace")
        baseline = trafilatura.extract(html) or ""
        floor[half].add(baseline, page)
        floor["all"].add(baseline, page)
        text, every, elapsed = desk_claims_text(html)
        unfiltered[half].add(every, page)
        unfiltered["all"].add(every, page)
        ours["all"].add(text, page)
        counts = ours[half].add(text, page)
        times.append((elapsed, page["file"]))
        if args.pages:
            print(f"{half:8} {elapsed * 1000:6.0f} ms  TP/FN/FP {counts}  {url}")

    for name in ("tuning", "held-out", "all"):
        if args.half != "all" and name not in (args.half,):
            continue
        print(f"{name:9} floor (trafilatura extract()): {floor[name].line()}")
        print(f"{name:9} claims, no furniture filter:   {unfiltered[name].line()}")
        print(f"{name:9} ours  (desk claims):           {ours[name].line()}")
    print(f"first call in a process (imports, date locales): {cold * 1000:.0f} ms")
    seconds = sorted(t for t, _ in times)
    print(
        f"main text + metadata per page: median {statistics.median(seconds) * 1000:.0f} ms, "
        f"p95 {seconds[int(len(seconds) * 0.95) - 1] * 1000:.0f} ms, "
        f"max {seconds[-1] * 1000:.0f} ms ({max(times)[1]}), over {len(times)} pages"
    )


if __name__ == "__main__":
    main()
