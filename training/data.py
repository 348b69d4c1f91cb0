"""The check-worthiness data sets, read and split the same way by training and evaluation.

Splits (all fixed, no randomness):
- `fit`: CheckThat! 2024 English train, less the tuning debates and less everything that
  overlaps the CheckThat! 2019 debates, so that the 2019 ranking benchmark is unseen text;
- `tune`: whole ClaimBuster debates held out of train (every 8th debate, by date), used to
  choose the epoch, the calibration and the threshold;
- `dev`: the ClaimBuster ground-truth set (same debates as train: a sanity check, inflated);
- `dev-test`: the newer 2020 debates, scored once at the end and reported.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claimextract.checkworthiness import normalize  # noqa: E402

# A ClaimBuster transcript sharing this many sentences with a 2019 debate is that debate.
SAME_DEBATE_OVERLAP = 50
TUNE_EVERY = 8


@dataclass
class Split:
    texts: list[str]
    labels: list[int]


def read_ct24(path: Path) -> tuple[list[str], list[int], list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return (
        [normalize(r["Text"]) for r in rows],
        [int(r["class_label"].strip() == "Yes") for r in rows],
        [r["Sentence_id"] for r in rows],
    )


def read_debates(folder: Path) -> dict[str, Split]:
    """CheckThat! 2019: one file a debate, `line, speaker, text, label` (1 = check-worthy)."""
    debates = {}
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        debates[path.stem] = Split(
            [normalize(r[2]) for r in rows], [int(r[3] == "1") for r in rows]
        )
    return debates


def debate_of_sentence(path: Path) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as f:
        return {r["Sentence_id"]: r["File_id"] for r in csv.DictReader(f)}


def load_splits(data: Path) -> tuple[dict[str, Split], dict[str, object]]:
    """The four splits, and a record of what was held out of training and why."""
    texts, labels, ids = read_ct24(data / "clef2024-english" / "train.tsv")
    transcript = debate_of_sentence(data / "claimbuster" / "crowdsourced.csv")
    files = [transcript.get(i, "") for i in ids]
    debates = read_debates(data / "clef2019-debates")

    ct19_lines = {t.lower() for d in debates.values() for t in d.texts}
    shared = [i for i, t in enumerate(texts) if t.lower() in ct19_lines]
    overlap = Counter(files[i] for i in shared)
    ct19_files = sorted(f for f, n in overlap.items() if n >= SAME_DEBATE_OVERLAP)
    excluded = set(shared) | {i for i, f in enumerate(files) if f in ct19_files}

    remaining = sorted({f for i, f in enumerate(files) if i not in excluded and f})
    tune_files = remaining[TUNE_EVERY // 2 :: TUNE_EVERY]
    fit, tune = Split([], []), Split([], [])
    for i, (text, label) in enumerate(zip(texts, labels, strict=True)):
        if i in excluded:
            continue
        target = tune if files[i] in tune_files else fit
        target.texts.append(text)
        target.labels.append(label)

    dev_texts, dev_labels, _ = read_ct24(data / "clef2024-english" / "dev.tsv")
    dt_texts, dt_labels, _ = read_ct24(data / "clef2024-english" / "dev-test.tsv")
    splits = {
        "fit": fit,
        "tune": tune,
        "dev": Split(dev_texts, dev_labels),
        "dev-test": Split(dt_texts, dt_labels),
    }
    record: dict[str, object] = {
        "ct19_transcripts_dropped": ct19_files,
        "ct19_sentences_dropped": len(excluded),
        "tune_transcripts": tune_files,
        "sizes": {name: [len(s.texts), sum(s.labels)] for name, s in splits.items()},
    }
    return splits, record
