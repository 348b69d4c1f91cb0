"""Relevance of documents to a claim. Pure Python, no Django: the app and bench/retrieval.py
use exactly this code.

A document is a title plus passages. Its score against a claim mixes three BM25 signals
computed over stemmed, stopword-free terms and adjacent-term bigrams:

- the best single passage (what a reviewer will read, and what the panel highlights);
- the whole body (facts spread over several passages);
- the title as its own field, with a bonus when the whole title appears in the claim
  ("polar bears" in a claim and an article titled "Polar bear": entity matching).

Pseudo-relevance feedback (RM3-style expansion) was tried and lowered MRR on Climate-FEVER,
so it is not here. Figures are in docs/SOURCES.md (bench/retrieval.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")


def _stem(word: str) -> str:
    stem: str = _STEMMER.stemWord(word)
    return stem


STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just may me might more most must my myself no nor not now of
    off on once only or other our ours ourselves out over own same shall she should so some
    such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why
    will with would you your yours yourself yourselves said says say according new one two
    """.split()  # noqa: SIM905 - a word list reads better as text
)

WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*", re.UNICODE)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stem(word)


def terms(text: str) -> list[str]:
    """Stemmed content words, in order."""
    result = []
    for match in WORD.finditer(text.lower()):
        word = match.group().replace("’", "'").strip("'.-")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 2 and not word.isdigit():
            continue
        if word in STOPWORDS:
            continue
        result.append(stem(word))
    return result


def features(text: str) -> list[str]:
    """Terms plus adjacent-term bigrams ("sea_level" beats "sea" and "level" apart)."""
    return list(_features(text))


@lru_cache(maxsize=20_000)
def _features(text: str) -> tuple[str, ...]:
    # Cached: the same documents are ranked again for every claim of an article.
    unigrams = terms(text)
    return tuple(unigrams + [f"{a}_{b}" for a, b in zip(unigrams, unigrams[1:], strict=False)])


@dataclass
class Document:
    key: object
    title: str
    passages: list[str]


@dataclass
class Hit:
    key: object
    score: float
    passage: str
    passage_index: int
    signals: dict[str, float] = field(default_factory=dict)
    index: int = -1


@dataclass(frozen=True)
class Weights:
    passage: float = 1.0
    body: float = 0.35
    title: float = 1.2
    title_in_claim: float = 2.5
    bigram: float = 0.6
    k1: float = 1.2
    b: float = 0.75


class Field:
    """BM25 statistics of one field over a collection of texts."""

    def __init__(self, bags: Sequence[Counter[str]], k1: float, b: float):
        self.bags = bags
        self.k1 = k1
        self.b = b
        self.lengths = [sum(bag.values()) for bag in bags]
        self.avg = (sum(self.lengths) / len(bags)) if bags else 0.0
        self.df: Counter[str] = Counter()
        self.postings: dict[str, list[int]] = {}
        for i, bag in enumerate(bags):
            for term in bag:
                self.df[term] += 1
                self.postings.setdefault(term, []).append(i)
        self.n = len(bags)

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def scores(self, query: dict[str, float]) -> dict[int, float]:
        out: dict[int, float] = {}
        avg = self.avg or 1.0
        for term, weight in query.items():
            postings = self.postings.get(term)
            if not postings:
                continue
            idf = self.idf(term) * weight
            for i in postings:
                tf = self.bags[i][term]
                norm = (
                    tf
                    * (self.k1 + 1)
                    / (tf + self.k1 * (1 - self.b + self.b * self.lengths[i] / avg))
                )
                out[i] = out.get(i, 0.0) + idf * norm
        return out


class Ranker:
    """An index over documents; `search(claim)` returns hits best first."""

    def __init__(self, documents: Iterable[Document], weights: Weights | None = None):
        self.weights = weights or Weights()
        self.documents = list(documents)
        w = self.weights
        self.title_terms = [terms(d.title) for d in self.documents]
        self.passage_owner: list[tuple[int, int]] = []
        passage_bags = []
        body_bags = []
        for d_index, doc in enumerate(self.documents):
            body: Counter[str] = Counter()
            for p_index, passage in enumerate(doc.passages or [""]):
                bag = Counter(features(passage))
                passage_bags.append(bag)
                self.passage_owner.append((d_index, p_index))
                body.update(bag)
            body_bags.append(body)
        self.passages = Field(passage_bags, w.k1, w.b)
        self.bodies = Field(body_bags, w.k1, w.b)
        self.titles = Field([Counter(features(d.title)) for d in self.documents], w.k1, 0.3)

    def query(self, text: str) -> dict[str, float]:
        q: dict[str, float] = {}
        for feature in features(text):
            weight = self.weights.bigram if "_" in feature else 1.0
            q[feature] = q.get(feature, 0.0) + weight
        return q

    def score(self, query: dict[str, float], claim_terms: set[str]) -> dict[int, Hit]:
        w = self.weights
        best: dict[int, tuple[float, int]] = {}
        for index, value in self.passages.scores(query).items():
            d_index, p_index = self.passage_owner[index]
            if value > best.get(d_index, (0.0, -1))[0]:
                best[d_index] = (value, p_index)
        bodies = self.bodies.scores(query)
        titles = self.titles.scores(query)
        hits: dict[int, Hit] = {}
        for d_index in set(best) | set(bodies) | set(titles):
            passage_score, p_index = best.get(d_index, (0.0, 0))
            title = self.title_terms[d_index]
            whole_title = bool(title) and set(title) <= claim_terms
            signals = {
                "passage": passage_score,
                "body": bodies.get(d_index, 0.0),
                "title": titles.get(d_index, 0.0),
                "title_in_claim": float(whole_title),
            }
            total = (
                w.passage * signals["passage"]
                + w.body * signals["body"]
                + w.title * signals["title"]
                + w.title_in_claim * signals["title_in_claim"] * len(title) ** 0.5
            )
            doc = self.documents[d_index]
            passage = doc.passages[p_index] if doc.passages else ""
            hits[d_index] = Hit(doc.key, total, passage, p_index, signals, d_index)
        return hits

    def search(self, claim: str, k: int = 10) -> list[Hit]:
        claim_terms = set(terms(claim))
        query = self.query(claim)
        hits = self.score(query, claim_terms)
        ranked = sorted(hits.values(), key=lambda h: (-h.score, str(h.key)))
        return ranked[:k]


def best_passage(claim: str, text: str, *, passages: list[str] | None = None) -> tuple[str, float]:
    """The passage of one document that matches a claim best, and its BM25 score."""
    from claimextract.passages import passages as cut

    windows = passages if passages is not None else cut(text)
    if not windows:
        return "", 0.0
    field_ = Field([Counter(features(p)) for p in windows], 1.2, 0.75)
    query: dict[str, float] = {}
    for feature in features(claim):
        query[feature] = query.get(feature, 0.0) + (0.6 if "_" in feature else 1.0)
    scores = field_.scores(query)
    if not scores:
        return windows[0], 0.0
    index = max(scores, key=lambda i: (scores[i], -i))
    return windows[index], scores[index]


def rank_documents(
    claim: str, documents: list[Document], weights: Weights | None = None
) -> list[Hit]:
    """Rank a small set (one claim's candidates) against each other."""
    if not documents:
        return []
    return Ranker(documents, weights).search(claim, k=len(documents))
