"""Check-worthiness: how much a sentence reads like a factual claim worth checking.

The sentence encoder of `claimextract.encoder`, fine-tuned on the CheckThat! 2024 Task 1
English data (docs/CHECKWORTHINESS.md), gives one logit per sentence; a calibration fitted
on held-out training debates turns it into a probability, and `score >= threshold` marks a
sentence check-worthy (`claimextract.reasons` says so in words). The graph
(`data/checkworthiness.onnx`), the tokenizer and `data/checkworthiness.json` (calibration,
threshold, figures) are written by `training/calibrate_checkworthiness.py`.

The runtime needs onnxruntime, tokenizers and numpy; the model loads on first use.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .encoder import SentenceEncoder

FORMAT_VERSION = 2
CACHE_SIZE = 4096
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
        self._cache: dict[str, float] = {}  # oldest first
        self._cache_lock = threading.Lock()

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
        """The classifier's raw output, before calibration.

        A sentence's logit depends on its text alone (the encoder runs each sentence by
        itself), so the last `CACHE_SIZE` are kept: a repeated sentence, or a claim scored
        again on its own after its article, costs no second run."""
        if isinstance(texts, str):
            raise TypeError("logits() takes a sequence of texts; wrap a single text in a list")
        normalized = [normalize(t) for t in texts]
        with self._cache_lock:
            known = {t: self._cache[t] for t in normalized if t in self._cache}
        missing = list(dict.fromkeys(t for t in normalized if t not in known))
        if missing:
            fresh = dict(zip(missing, self.encoder.logits(missing).tolist(), strict=True))
            known.update(fresh)
            with self._cache_lock:
                self._cache.update(fresh)
                while len(self._cache) > CACHE_SIZE:
                    del self._cache[next(iter(self._cache))]
        return np.asarray([known[t] for t in normalized], dtype=np.float32)

    def clear_cache(self) -> None:
        """Forget the logits kept so far (for timing the model itself)."""
        with self._cache_lock:
            self._cache.clear()

    def score(self, texts: Sequence[str]) -> list[float]:
        if isinstance(texts, str):
            raise TypeError("score() takes a sequence of texts; wrap a single text in a list")
        return [float(s) for s in self.calibration(self.logits(texts))]


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
