"""Check-worthiness: how much a sentence reads like a factual claim worth checking.

A logistic regression over TF-IDF features of word 1-2grams and character 2-5grams, trained
by `claimextract.train_checkworthiness` on the CheckThat! 2024 Task 1 English data
(docs/CHECKWORTHINESS.md). The fitted vocabularies, idf and weights ship in
`data/checkworthiness.npz`; this module re-implements the feature extraction and the
scikit-learn TF-IDF transform (sublinear tf, smooth idf, l2 norm per block) so that the
runtime needs numpy only. The training script checks that the two agree.

The analyzers below are also what the training script hands to scikit-learn, so there is a
single definition of every feature.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

FORMAT_VERSION = 1
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "checkworthiness.npz"

WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)

_TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*|[$%?]")


def normalize(text: str) -> str:
    """One spelling for quotes and spaces; drop the literal quotes some datasets wrap around
    a whole sentence."""
    text = _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1].replace('""', '"').strip()
    return text


def _token_class(token: str) -> str:
    """Numbers become classes: the model should learn "a figure", not "2,030"."""
    if token[0].isdigit():
        digits = token.replace(",", "")
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            return "<year>"
        return "<num>"
    return token


def word_tokens(text: str) -> list[str]:
    return [_token_class(t) for t in _TOKEN.findall(text.lower())]


def word_features(text: str) -> list[str]:
    """Word 1-2grams of normalized text."""
    tokens = word_tokens(text)
    features = list(tokens)
    features.extend(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))
    return features


def _padded_words(text: str) -> list[str]:
    # Digits are folded so that "2,030" and "7,939" share their shape n-grams.
    return [f" {w} " for w in _DIGIT.sub("0", text.lower()).split()]


def _char_grams(padded_word: str) -> list[str]:
    lo, hi = CHAR_NGRAMS
    size = len(padded_word)
    return [
        padded_word[i : i + n] for n in range(lo, min(hi, size) + 1) for i in range(size - n + 1)
    ]


def char_features(text: str) -> list[str]:
    """Character 2-5grams inside each whitespace-separated word, padded with a space at
    both ends (scikit-learn's `char_wb` scheme)."""
    features: list[str] = []
    for w in _padded_words(text):
        features.extend(_char_grams(w))
    return features


ANALYZERS = {"word": word_features, "char": char_features}


class _Block:
    """One TF-IDF block as scikit-learn computes it: (1 + log tf) * idf, l2-normalised, then
    the dot product with the block's weights."""

    __slots__ = ("vocabulary", "index", "idf", "coef", "_word_cache")

    def __init__(self, vocabulary: list[str], idf: np.ndarray, coef: np.ndarray) -> None:
        self.vocabulary = vocabulary
        self.index = {feature: i for i, feature in enumerate(vocabulary)}
        self.idf = idf.astype(np.float64)
        self.coef = coef.astype(np.float64)
        self._word_cache: dict[str, tuple[int, ...]] = {}

    def indices(self, features: list[str]) -> list[int]:
        index = self.index
        return [index[f] for f in features if f in index]

    def word_indices(self, padded_words: list[str]) -> list[int]:
        """`indices(char_features(...))`, memoised per word: most words recur, and cutting
        them into n-grams is the bulk of the scoring time."""
        cache = self._word_cache
        out: list[int] = []
        for w in padded_words:
            found = cache.get(w)
            if found is None:
                if len(cache) >= _WORD_CACHE_SIZE:
                    cache.clear()
                found = cache[w] = tuple(self.indices(_char_grams(w)))
            out.extend(found)
        return out

    def contributions(self, indices: list[int]) -> dict[int, float]:
        """Each present feature's share of the decision value (tf-idf value x weight)."""
        counts = Counter(indices)
        values = {i: (1.0 + math.log(c)) * float(self.idf[i]) for i, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values()))
        return {i: v * float(self.coef[i]) / norm for i, v in values.items()} if norm else {}

    def decisions(self, rows: list[list[int]]) -> np.ndarray:
        """The block's share of the logit for each row of feature indices, all rows at once:
        one numpy pass instead of a Python loop over every n-gram."""
        keys: list[int] = []
        counts: list[int] = []
        lengths: list[int] = []
        for indices in rows:
            counted = Counter(indices)
            keys.extend(counted)
            counts.extend(counted.values())
            lengths.append(len(counted))
        out = np.zeros(len(rows))
        if not keys:
            return out
        idx = np.array(keys, dtype=np.intp)
        values = self.idf[idx] * (1.0 + np.log(np.array(counts, dtype=np.float64)))
        row = np.repeat(np.arange(len(rows)), lengths)
        dots = np.bincount(row, weights=values * self.coef[idx], minlength=len(rows))
        squares = np.bincount(row, weights=values * values, minlength=len(rows))
        present = squares > 0
        out[present] = dots[present] / np.sqrt(squares[present])
        return out


_WORD_CACHE_SIZE = 50_000


class CheckworthinessModel:
    """Scores sentences in [0, 1]; `score >= threshold` means check-worthy."""

    def __init__(
        self, blocks: dict[str, _Block], intercept: float, threshold: float, meta: dict
    ) -> None:
        self.blocks = blocks
        self.intercept = intercept
        self.threshold = threshold
        self.meta = meta

    @classmethod
    def from_file(cls, path: str | Path) -> CheckworthinessModel:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            if meta.get("format") != FORMAT_VERSION:
                raise ValueError(f"{path}: unsupported model format {meta.get('format')!r}")
            blocks = {}
            for name in meta["blocks"]:
                vocabulary = bytes(data[f"{name}_vocabulary"]).decode("utf-8").split("\n")
                blocks[name] = _Block(vocabulary, data[f"{name}_idf"], data[f"{name}_coef"])
            intercept = float(data["intercept"])
            threshold = float(data["threshold"])
        return cls(blocks, intercept, threshold, meta)

    def _indices(self, name: str, text: str) -> list[int]:
        block = self.blocks[name]
        if name == "char":
            return block.word_indices(_padded_words(text))
        return block.indices(ANALYZERS[name](text))

    def decisions(self, texts: Sequence[str]) -> np.ndarray:
        """The logits: intercept plus each block's dot product."""
        normalized = [normalize(t) for t in texts]
        out = np.full(len(normalized), self.intercept)
        for name, block in self.blocks.items():
            out += block.decisions([self._indices(name, t) for t in normalized])
        return out

    def score(self, texts: Sequence[str]) -> list[float]:
        if isinstance(texts, str):
            raise TypeError("score() takes a sequence of texts; wrap a single text in a list")
        # The logistic function, written with tanh so that no logit overflows exp().
        return (0.5 + 0.5 * np.tanh(0.5 * self.decisions(texts))).tolist()

    def explain(self, text: str, k: int = 3) -> list[str]:
        """The `k` features present in `text` that push its score up the most, in words."""
        return [reason for reason, _ in self._reasons(normalize(text))[:k]]

    def _reasons(self, text: str) -> list[tuple[str, float]]:
        # Character n-grams mean little to a reader, so their weight goes to the word they
        # were taken from; word 1-grams go to their word, 2-grams stand as phrases.
        by_word: dict[str, float] = defaultdict(float)
        words = text.split()
        if "char" in self.blocks:
            block = self.blocks["char"]
            grams_of_word = [block.indices(_char_grams(w)) for w in _padded_words(text)]
            contributions = block.contributions([i for grams in grams_of_word for i in grams])
            occurrences = Counter(i for grams in grams_of_word for i in grams)
            for word, grams in zip(words, grams_of_word, strict=True):
                for i in grams:
                    by_word[_surface(word)] += contributions[i] / occurrences[i]
        phrases: dict[str, float] = {}
        if "word" in self.blocks:
            block = self.blocks["word"]
            contributions = block.contributions(block.indices(word_features(text)))
            for word in words:
                for i in set(block.indices(word_tokens(word))):
                    # A token found in several words is credited to each: rare, harmless.
                    by_word[_surface(word)] += contributions.get(i, 0.0)
            for i, value in contributions.items():
                if " " in block.vocabulary[i]:
                    phrases[block.vocabulary[i]] = value
        candidates = [(_describe_word(w), v) for w, v in by_word.items() if w]
        candidates += [(f'phrase "{_describe_phrase(p, text)}"', v) for p, v in phrases.items()]
        best: dict[str, float] = {}
        for reason, value in candidates:
            if value > _MIN_CONTRIBUTION and value > best.get(reason, 0.0):
                best[reason] = value
        return sorted(best.items(), key=lambda item: -item[1])


# Below this share of the decision value (in logits) a feature is not worth naming.
_MIN_CONTRIBUTION = 0.1

_PAST = frozenset({
    "was", "were", "did", "had", "ago", "fell", "rose", "grew", "cut", "lost", "won", "passed",
    "voted", "signed", "said", "went", "came", "took", "gave", "made", "built", "spent", "paid",
    "left", "became", "began",
})  # fmt: skip
_NOT_SUPERLATIVE = frozenset({
    "interest", "protest", "request", "forest", "honest", "modest", "invest", "suggest",
    "contest", "arrest", "digest", "harvest", "conquest", "manifest", "attest", "detest",
})  # fmt: skip
_COMPARISON = re.compile(
    r"^(more|less|fewer|most|least|than|higher|lower|larger|bigger|"
    r"smaller|better|worse|twice|double[ds]?|tripled?|half|\w{3,}est)$"
)


def _surface(word: str) -> str:
    return word.strip(".,;:!?\"'()[]{}-")


def _describe_word(word: str) -> str:
    low = word.lower()
    if "$" in word and any(c.isdigit() for c in word):
        return f'amount of money: "{word}"'
    if "%" in word:
        return f'percentage: "{word}"'
    if any(c.isdigit() for c in word):
        digits = re.sub(r"\D", "", word)
        if len(digits) == 4 and digits[:2] in ("19", "20") and digits == word:
            return f'mentions a year: "{word}"'
        return f'contains a number: "{word}"'
    if low in _PAST or (low.endswith("ed") and len(low) > 4):
        return f'statement about the past: "{word}"'
    if _COMPARISON.match(low) and low not in _NOT_SUPERLATIVE:
        return f'comparison: "{word}"'
    return f'word "{word}"'


def _describe_phrase(feature: str, text: str) -> str:
    """Show a 2-gram the way the text spells it, numbers included."""
    first, second = feature.split(" ")
    raw = _TOKEN.findall(text)
    for a, b in zip(raw, raw[1:], strict=False):
        if _token_class(a.lower()) == first and _token_class(b.lower()) == second:
            return f"{a} {b}"
    return feature


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
