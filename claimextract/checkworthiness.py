"""Check-worthiness: how much a sentence reads like a factual claim worth checking.

The sentence encoder of `claimextract.encoder`, fine-tuned on the CheckThat! 2024 Task 1
English data (docs/CHECKWORTHINESS.md), gives one logit per sentence; a calibration fitted
on held-out training debates turns it into a probability, and `score >= threshold` marks a
sentence check-worthy. The graph (`data/checkworthiness.onnx`), the tokenizer and
`data/checkworthiness.json` (calibration, threshold, figures) are written by
`training/calibrate_checkworthiness.py`.

The runtime needs onnxruntime, tokenizers and numpy; the model loads on first use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .encoder import SentenceEncoder

FORMAT_VERSION = 2
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "checkworthiness.json"

_TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """One spelling for quotes and spaces; drop the literal quotes some datasets wrap around
    a whole sentence."""
    text = _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1].replace('""', '"').strip()
    return text


class Calibration:
    """Logit -> probability: Platt scaling (a logistic function of the logit) or isotonic
    regression (a monotone step function, interpolated between its breakpoints)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.method = str(spec["method"])
        if self.method == "platt":
            self.a = float(spec["a"])
            self.b = float(spec["b"])
        elif self.method == "isotonic":
            self.x = np.asarray(spec["x"], dtype=np.float64)
            self.y = np.asarray(spec["y"], dtype=np.float64)
            if self.x.ndim != 1 or self.x.shape != self.y.shape or len(self.x) < 2:
                raise ValueError("isotonic calibration needs matching breakpoints")
        else:
            raise ValueError(f"unknown calibration {self.method!r}")

    def __call__(self, logits: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float64]:
        z = np.asarray(logits, dtype=np.float64)
        if self.method == "platt":
            # The logistic function, written with tanh so that no logit overflows exp().
            return np.asarray(0.5 + 0.5 * np.tanh(0.5 * (self.a * z + self.b)))
        return np.asarray(np.interp(z, self.x, self.y))


class CheckworthinessModel:
    """Scores sentences in [0, 1]; `score >= threshold` means check-worthy."""

    def __init__(
        self,
        encoder: SentenceEncoder,
        calibration: Calibration,
        threshold: float,
        meta: dict[str, Any],
    ) -> None:
        self.encoder = encoder
        self.calibration = calibration
        self.threshold = threshold
        self.meta = meta

    @classmethod
    def from_file(cls, path: str | Path) -> CheckworthinessModel:
        """Reads the JSON settings; the graph loads when the first sentence is scored."""
        path = Path(path)
        meta = json.loads(path.read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"{path}: unsupported model format {meta.get('format')!r}")
        encoder = SentenceEncoder(
            path.parent / meta["model"],
            path.parent / meta["tokenizer"],
            max_length=int(meta["max_length"]),
        )
        return cls(encoder, Calibration(meta["calibration"]), float(meta["threshold"]), meta)

    def logits(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """The classifier's raw output, before calibration."""
        if isinstance(texts, str):
            raise TypeError("logits() takes a sequence of texts; wrap a single text in a list")
        if not texts:
            return np.zeros(0, dtype=np.float32)
        return self.encoder.logits([normalize(t) for t in texts])

    def score(self, texts: Sequence[str]) -> list[float]:
        if isinstance(texts, str):
            raise TypeError("score() takes a sequence of texts; wrap a single text in a list")
        return [float(s) for s in self.calibration(self.logits(texts))]

    def explain(self, text: str, k: int = 3) -> list[str]:
        """Up to `k` marks of a checkable claim in `text` (figures, amounts, years,
        comparisons, past events) that the model leans on, strongest first.

        The sentence is scored with all its candidate words left out, then with each one put
        back alone; a word is named when putting it back raises the logit by more than
        `_MIN_GAIN`. (Leaving words out one at a time says little about a sentence with
        several figures: any one of them is enough.) Ordinary words are not tried, which
        keeps this to a few short runs per sentence."""
        text = normalize(text)
        words = text.split(" ") if text else []
        candidates = [
            (i, reason)
            for i, word in enumerate(words)
            if (reason := _describe_word(_surface(word))) is not None
        ][:_MAX_CANDIDATES]
        if not candidates:
            return []
        left_out = {i for i, _ in candidates}

        def keeping(kept: int | None) -> str:
            return " ".join(w for j, w in enumerate(words) if j not in left_out or j == kept)

        variants = [keeping(None)] + [keeping(i) for i, _ in candidates]
        logits = self.encoder.logits(variants)
        gains: dict[str, float] = {}
        for (_, reason), logit in zip(candidates, logits[1:], strict=True):
            gain = float(logit - logits[0])
            if gain > _MIN_GAIN and gain > gains.get(reason, 0.0):
                gains[reason] = gain
        return [reason for reason, _ in sorted(gains.items(), key=lambda item: -item[1])][:k]


# A word is named when putting it back raises the logit by more than this.
_MIN_GAIN = 0.25
_MAX_CANDIDATES = 8

_PAST = frozenset({
    "was", "were", "did", "had", "ago", "fell", "rose", "grew", "cut", "lost", "won", "passed",
    "voted", "signed", "said", "went", "came", "took", "gave", "made", "built", "spent", "paid",
    "left", "became", "began",
})  # fmt: skip
_NOT_SUPERLATIVE = frozenset({
    "interest", "protest", "request", "forest", "honest", "modest", "invest", "suggest",
    "contest", "arrest", "digest", "harvest", "conquest", "manifest", "attest", "detest",
})  # fmt: skip
_NOT_PAST = frozenset({"need", "indeed", "speed", "feed", "seed", "proceed", "succeed", "exceed"})
_COMPARISON = re.compile(
    r"^(more|less|fewer|most|least|than|higher|lower|larger|bigger|"
    r"smaller|better|worse|twice|double[ds]?|tripled?|half|\w{3,}est)$"
)
_NUMBER_WORDS = frozenset({
    "million", "millions", "billion", "billions", "trillion", "trillions", "thousand",
    "thousands", "hundred", "hundreds", "percent", "dozen", "dozens",
})  # fmt: skip


def _surface(word: str) -> str:
    return word.strip(".,;:!?\"'()[]{}-")


def _describe_word(word: str) -> str | None:
    """What kind of mark of a checkable claim `word` is, or None for an ordinary word."""
    low = word.lower()
    if not low:
        return None
    if "$" in word and any(c.isdigit() for c in word):
        return f'amount of money: "{word}"'
    if "%" in word:
        return f'percentage: "{word}"'
    if any(c.isdigit() for c in word):
        digits = re.sub(r"\D", "", word)
        if len(digits) == 4 and digits[:2] in ("19", "20") and digits == word:
            return f'mentions a year: "{word}"'
        return f'contains a number: "{word}"'
    if low in _NUMBER_WORDS:
        return f'word "{word}"'
    if low in _PAST or (low.endswith("ed") and len(low) > 4 and low not in _NOT_PAST):
        return f'statement about the past: "{word}"'
    if _COMPARISON.match(low) and low not in _NOT_SUPERLATIVE:
        return f'comparison: "{word}"'
    return None


@lru_cache(maxsize=4)
def _load_cached(path: Path) -> CheckworthinessModel:
    return CheckworthinessModel.from_file(path)


def load_model(path: str | Path | None = None) -> CheckworthinessModel:
    """The model at `path`, by default the one shipped with the package; loaded once."""
    return _load_cached(Path(path).resolve() if path is not None else DEFAULT_PATH)


def score(texts: Sequence[str]) -> list[float]:
    return load_model().score(texts)


def __getattr__(name: str) -> float:
    # THRESHOLD lives in the model file: read it on first use, not at import.
    if name == "THRESHOLD":
        return load_model().threshold
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
