"""Relevance of documents to a claim. Pure Python plus numpy, no Django: the app and
bench/retrieval.py use exactly this code.

A document is a title plus passages. Its lexical score against a claim mixes three BM25
signals computed over stemmed, stopword-free terms and adjacent-term bigrams:

- the best single passage (what a reviewer will read, and what the panel highlights);
- the whole body (facts spread over several passages);
- the title as its own field, with a bonus when the whole title appears in the claim
  ("polar bears" in a claim and an article titled "Polar bear": entity matching).

With a sentence encoder (by default claimextract.encoder's, when it loads), the documents
with the best lexical scores are re-ranked by a hybrid score: the lexical score divided by
the best one, plus the mean cosine of the claim with the document's three closest sentences,
plus a little of the cosine with its title. The re-ranking is bounded: `Weights.dense_pool`
documents, at most `Weights.max_sentences` sentences each (those of the passages that match
the claim best first), embeddings kept in a process-wide cache, since the same documents
are ranked again after every fetch and for every claim of an article. Documents that share
no term with the claim are not candidates at all, with or without an encoder.

Pseudo-relevance feedback (RM3-style expansion) was tried and lowered MRR on Climate-FEVER,
so it is not here. Figures are in docs/SOURCES.md (bench/retrieval.py).
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import snowballstemmer

from claimextract.passages import sentences as split_sentences

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float32]
# A sentence encoder: texts in, one L2-normalised float32 row per text out (the same
# interface as claimextract.matching.Embed and claimextract.encoder.embed).
Embed = Callable[[list[str]], FloatArray]

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


# --- sentence embeddings ------------------------------------------------------------------


class _Default:
    def __repr__(self) -> str:
        return "DEFAULT_ENCODER"


# "The sentence encoder of claimextract.encoder if it loads, else words only."
DEFAULT_ENCODER: Embed | None = _Default()  # type: ignore[assignment]

_default_lock = threading.Lock()
_default_embed: list[Embed | None] = []


def default_embed() -> Embed | None:
    """claimextract.encoder's `embed`, or None (lexical ranking only) when the encoder or
    its runtime is missing. Probed once per process."""
    with _default_lock:
        if not _default_embed:
            try:
                from claimextract import encoder

                encoder.embed(["probe"])
                _default_embed.append(encoder.embed)
            except Exception as exc:  # noqa: BLE001 - any failure to load means: words only
                log.warning("ranking: no sentence encoder (%s): lexical ranking only", exc)
                _default_embed.append(None)
        return _default_embed[0]


def _resolve(embed: Embed | None) -> Embed | None:
    return default_embed() if isinstance(embed, _Default) else embed


class EmbeddingCache:
    """Unit vectors of texts, least recently used dropped beyond `size` (a vector of 384
    float32 is 1.5 kB). Keyed by encoder and text: sentences of a document are embedded once
    per process, however often the document is ranked again."""

    def __init__(self, size: int = 20_000):
        self.size = size
        # Keyed by the encoder itself, not its id: the key holds it, so no other encoder can
        # take its place, and the bound `embed` of one encoder object is one key however
        # often it is looked up.
        self._rows: OrderedDict[tuple[Embed, str], FloatArray] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, embed: Embed, texts: Sequence[str]) -> FloatArray:
        """One row per text, in order; only the texts not cached are embedded (in one call)."""
        key = embed
        found: dict[str, FloatArray] = {}
        with self._lock:
            for text in texts:
                row = self._rows.get((key, text))
                if row is not None:
                    self._rows.move_to_end((key, text))
                    found[text] = row
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            rows = np.asarray(embed(missing), dtype=np.float32)
            with self._lock:
                for text, row in zip(missing, rows, strict=True):
                    found[text] = row
                    self._rows[(key, text)] = row
                while len(self._rows) > self.size:
                    self._rows.popitem(last=False)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[t] for t in texts])

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()


EMBEDDINGS = EmbeddingCache()


def dense_sentences(passages: Sequence[str], order: Sequence[int], limit: int) -> list[str]:
    """At most `limit` distinct sentences of a document: those of its passages in `order`
    (best matching first), then the rest of the document from its start."""
    chosen: dict[str, None] = {}
    for index in [*order, *range(len(passages))]:
        for sentence in split_sentences(passages[index]):
            if len(chosen) >= limit:
                return list(chosen)
            chosen.setdefault(sentence, None)
    return list(chosen)


@dataclass(frozen=True)
class Weights:
    passage: float = 1.0
    body: float = 0.35
    title: float = 1.2
    title_in_claim: float = 2.5
    bigram: float = 0.6
    k1: float = 1.2
    b: float = 0.75
    # Hybrid re-ranking (with an encoder): lexical / best lexical + dense x mean cosine of
    # the `dense_top` closest sentences + dense_title x cosine with the title, over the
    # `dense_pool` lexically best documents, `max_sentences` sentences each at most. Tuned
    # on the tuning part of Climate-FEVER (bench/retrieval.py --tune, docs/SOURCES.md).
    dense: float = 4.0
    dense_title: float = 0.5
    dense_top: int = 3
    dense_pool: int = 50
    max_sentences: int = 32


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

    def __init__(
        self,
        documents: Iterable[Document],
        weights: Weights | None = None,
        *,
        embed: Embed | None = DEFAULT_ENCODER,
    ):
        """`embed`: the sentence encoder of the hybrid re-ranking; by default
        claimextract.encoder's (None when it cannot load), None for words only."""
        self.weights = weights or Weights()
        self.embed = _resolve(embed)
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

    def score(
        self,
        query: dict[str, float],
        claim_terms: set[str],
        passage_scores: dict[int, float] | None = None,
    ) -> dict[int, Hit]:
        """Lexical hits by document index (`passage_scores`: the passage field's scores for
        `query`, when the caller has them already)."""
        w = self.weights
        best: dict[int, tuple[float, int]] = {}
        if passage_scores is None:
            passage_scores = self.passages.scores(query)
        for index, value in passage_scores.items():
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
        passage_scores = self.passages.scores(query)
        hits = self.score(query, claim_terms, passage_scores)
        ranked = sorted(hits.values(), key=lambda h: (-h.score, str(h.key)))
        if self.embed is not None and ranked and self.weights.dense_pool > 0:
            ranked = self.rerank(claim, ranked, passage_scores)
        return ranked[:k]

    def rerank(self, claim: str, ranked: list[Hit], passage_scores: dict[int, float]) -> list[Hit]:
        """The hybrid re-ranking of the lexically best `dense_pool` hits (see the module
        docstring); the rest follow, by lexical score scaled the same way."""
        assert self.embed is not None
        w = self.weights
        pool = ranked[: w.dense_pool]
        peak = pool[0].score or 1.0
        by_document: dict[int, list[tuple[float, int]]] = {}
        for index, value in passage_scores.items():
            d_index, p_index = self.passage_owner[index]
            by_document.setdefault(d_index, []).append((-value, p_index))
        chosen: list[list[str]] = []
        texts: list[str] = [claim]
        for hit in pool:
            doc = self.documents[hit.index]
            order = [p for _, p in sorted(by_document.get(hit.index, []))]
            sentences = dense_sentences(doc.passages, order, w.max_sentences)
            chosen.append(sentences)
            texts.extend(sentences)
            if doc.title.strip():
                texts.append(doc.title.strip())
        vectors = EMBEDDINGS.vectors(self.embed, texts)
        claim_vector = vectors[0]
        cosines = vectors @ claim_vector
        position = 1
        for hit, sentences in zip(pool, chosen, strict=True):
            doc = self.documents[hit.index]
            these = cosines[position : position + len(sentences)]
            position += len(sentences)
            top = np.sort(these)[-max(w.dense_top, 1) :] if len(these) else these
            dense = max(float(top.mean()), 0.0) if len(top) else 0.0
            title = 0.0
            if doc.title.strip():
                title = max(float(cosines[position]), 0.0)
                position += 1
            lexical = hit.score / peak
            hit.signals.update(lexical=lexical, dense=dense, dense_title=title)
            hit.score = lexical + w.dense * dense + w.dense_title * title
        for hit in ranked[w.dense_pool :]:
            hit.signals["lexical"] = hit.score / peak
            hit.score = hit.score / peak
        reranked = sorted(pool, key=lambda h: (-h.score, str(h.key)))
        return reranked + ranked[w.dense_pool :]


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
    claim: str,
    documents: list[Document],
    weights: Weights | None = None,
    *,
    embed: Embed | None = DEFAULT_ENCODER,
) -> list[Hit]:
    """Rank a small set (one claim's candidates) against each other."""
    if not documents:
        return []
    return Ranker(documents, weights, embed=embed).search(claim, k=len(documents))
