"""Claim matching: which earlier fact-checks check the claim in front of the desk?

Pure Python plus numpy, no Django. The archive is a list of fact-checks (the claim as
checked, the fact-check's title and subtitle); a query is a claim or a post that repeats
one in other words. Two scores are fused:

- lexical: BM25F over the claim, title and subtitle fields (stemmed terms and adjacent-term
  bigrams from claimextract/ranking.py), served from an inverted index built once whose
  postings already hold each term's BM25 weight in each fact-check, so a query costs one
  vectorised add per query term;
- dense: the cosine between sentence embeddings (rows L2-normalised, so a dot product),
  searched exactly over a float32 matrix.

The lexical score is divided by the query's score against itself (what a fact-check made
of exactly the query's words would get), which makes it comparable across queries; the
fused score is a weighted sum of the two. The weights were tuned on the CheckThat! 2022
Task 2A train and dev queries (bench/claim_matching.py; figures in docs/CLAIM_MATCHING.md).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from claimextract.ranking import features, terms

FloatArray = npt.NDArray[np.float32]
# The sentence encoder's interface: texts in, one L2-normalised float32 row per text out.
Embed = Callable[[list[str]], FloatArray]


@dataclass(frozen=True)
class Entry:
    """One fact-check as the matcher reads it."""

    claim: str
    title: str = ""
    subtitle: str = ""


@dataclass(frozen=True)
class Settings:
    # BM25F: field weights scale a field's length-normalised term frequency.
    claim_weight: float = 1.0
    title_weight: float = 1.0
    subtitle_weight: float = 0.0
    claim_b: float = 0.75
    title_b: float = 0.75
    subtitle_b: float = 0.75
    k1: float = 1.2
    bigram: float = 0.5
    # Queries read as words: links, a quoted post's handle and date dropped (clean_query).
    clean_queries: bool = True
    # A query word no fact-check has still counts in the query's self-score, so a match on
    # a few of a claim's words scores lower than one on all of them.
    scale_unseen: bool = True
    # Fusion: fused = lexical_weight * lexical / self-score + dense_weight * cosine.
    lexical_weight: float = 1.0
    dense_weight: float = 0.0


# Tuned on the CheckThat! 2022 Task 2A train + dev queries (bench/claim_matching.py --tune;
# docs/CLAIM_MATCHING.md). Without an encoder the dense weight has nothing to weigh: the
# ranking is then the lexical one.
TUNED = Settings(
    claim_weight=1.0,
    title_weight=0.75,
    subtitle_weight=0.5,
    claim_b=0.5,
    title_b=0.75,
    subtitle_b=0.75,
    k1=0.6,
    bigram=0.0,
    clean_queries=True,
    scale_unseen=True,
    lexical_weight=1.0,
    dense_weight=0.75,
)


@dataclass
class Match:
    index: int
    score: float
    lexical: float = 0.0
    dense: float = 0.0


def embedding_text(entry: Entry) -> str:
    """The text of a fact-check that its embedding is computed from."""
    if entry.title and entry.title.strip() != entry.claim.strip():
        return f"{entry.title.strip()}. {entry.claim.strip()}"
    return entry.claim.strip()


# --- query text ---------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
# A tweet quoted in text ends "— Name (@handle) January 14, 2020": the name may be what the
# claim is about; the handle and the date are not.
_SIGNATURE = re.compile(
    r"\(@\w+\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}, \d{4}\s*$"
)
_HANDLE = re.compile(r"@(\w+)")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")


def clean_query(text: str) -> str:
    """A claim or a social-media post as words: links and a quoted post's handle and date
    dropped, hashtags split where their capitals say ("#AustralianFires" -> "Australian
    Fires"), HTML entities of scraped text undone."""
    text = text.replace("&amp;", "&").replace("&quot;", '"').replace("&#39;", "'")
    text = _URL.sub(" ", text)
    text = _SIGNATURE.sub(" ", text.rstrip())
    text = _HASHTAG.sub(lambda m: _CAMEL.sub(" ", m.group(1)), text)
    text = _HANDLE.sub(lambda m: _CAMEL.sub(" ", m.group(1)), text)
    return " ".join(text.split())


# --- lexical ------------------------------------------------------------------------------


class LexicalIndex:
    """BM25F over the fields of each entry, as an inverted index of precomputed weights."""

    def __init__(self, entries: Sequence[Entry], settings: Settings | None = None):
        s = settings or Settings()
        self.settings = s
        self.n = len(entries)
        fields = [
            (s.claim_weight, s.claim_b, [e.claim for e in entries]),
            (s.title_weight, s.title_b, [e.title for e in entries]),
            (s.subtitle_weight, s.subtitle_b, [e.subtitle for e in entries]),
        ]
        # term -> doc -> pseudo term frequency (sum over fields of weight * tf / length norm)
        pseudo: dict[str, dict[int, float]] = {}
        self._avg: list[float] = []
        self._fields = [(w, b) for w, b, _ in fields]
        for weight, b, texts in fields:
            if weight <= 0:
                self._avg.append(1.0)
                continue
            bags = [Counter(self._features(text)) for text in texts]
            lengths = [sum(bag.values()) for bag in bags]
            avg = (sum(lengths) / len(lengths)) if lengths and sum(lengths) else 1.0
            self._avg.append(avg)
            for doc, (bag, length) in enumerate(zip(bags, lengths, strict=True)):
                norm = 1 - b + b * length / avg
                for term, tf in bag.items():
                    postings = pseudo.setdefault(term, {})
                    postings[doc] = postings.get(doc, 0.0) + weight * tf / norm
        k1 = s.k1
        self._offsets: dict[str, tuple[int, int]] = {}
        self._idf: dict[str, float] = {}
        docs: list[npt.NDArray[np.int32]] = []
        weights: list[FloatArray] = []
        start = 0
        for term, postings in pseudo.items():
            df = len(postings)
            idf = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
            ids = np.fromiter(postings.keys(), dtype=np.int32, count=df)
            tfs = np.fromiter(postings.values(), dtype=np.float64, count=df)
            # Sorted by entry, so that one entry's weight is found by bisection.
            order = np.argsort(ids, kind="stable")
            docs.append(ids[order])
            weights.append((idf * tfs[order] * (k1 + 1) / (tfs[order] + k1)).astype(np.float32))
            self._offsets[term] = (start, start + df)
            self._idf[term] = idf
            start += df
        self._docs = np.concatenate(docs) if docs else np.zeros(0, np.int32)
        self._weights = np.concatenate(weights) if weights else np.zeros(0, np.float32)

    def _features(self, text: str) -> list[str]:
        # Without a weight for bigrams, they need not be indexed at all.
        return features(text) if self.settings.bigram > 0 else terms(text)

    def query(self, text: str) -> dict[str, float]:
        bigram = self.settings.bigram
        q: dict[str, float] = {}
        for feature in self._features(text):
            q[feature] = q.get(feature, 0.0) + (bigram if "_" in feature else 1.0)
        return q

    def self_score(self, query: dict[str, float]) -> float:
        """The score a fact-check whose claim and title were the query itself would get
        (of average length): the scale that makes scores of different queries comparable."""
        k1 = self.settings.k1
        weight = sum(w for w, _ in self._fields if w > 0) or 1.0
        total = 0.0
        unseen = math.log(1 + (self.n + 0.5) / 0.5)
        for term, qw in query.items():
            idf = self._idf.get(term)
            if idf is None:
                if not self.settings.scale_unseen:
                    continue
                idf = unseen
            tf = weight * min(qw, 1.0)
            total += qw * idf * tf * (k1 + 1) / (tf + k1)
        return total

    def accumulate(self, query: dict[str, float], out: FloatArray, factor: float = 1.0) -> None:
        """Add `factor` x the BM25F score of every entry for `query` to `out`: one
        vectorised add per query term, into whatever `out` already holds."""
        for term, qw in query.items():
            span = self._offsets.get(term)
            if span is None:
                continue
            start, end = span
            weight = np.float32(qw * factor)
            if weight == 1.0:
                out[self._docs[start:end]] += self._weights[start:end]
            else:
                out[self._docs[start:end]] += weight * self._weights[start:end]

    def touched(self, query: dict[str, float]) -> npt.NDArray[np.int32]:
        """The entries that share a term with `query` (an entry once per shared term): the
        only ones `accumulate` gives a score."""
        spans = [self._offsets[term] for term in query if term in self._offsets]
        if not spans:
            return np.zeros(0, dtype=np.int32)
        return np.concatenate([self._docs[start:end] for start, end in spans])

    def best(
        self, query: dict[str, float], k: int, row: FloatArray, factor: float = 1.0
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        """The (at most) k entries of highest score for `query`, in no order, and every
        entry touched. `row` (zeros, the archive's length) receives the scores; the caller
        zeroes `row[touched]` again. Only the touched entries are looked at, so the cost
        follows the query's postings, not the archive's size."""
        self.accumulate(query, row, factor)
        touched = self.touched(query)
        # An entry is touched at most once per query term: the best len(query) * k touches
        # hold at least k distinct entries.
        reach = k * max(len(query), 1)
        if len(touched) > reach:
            scores = row[touched]
            pool = np.unique(touched[np.argpartition(scores, len(scores) - reach)[-reach:]])
        else:
            pool = np.unique(touched)
        if len(pool) > k:
            pool = pool[np.argpartition(row[pool], len(pool) - k)[-k:]]
        return pool, touched

    def scores_of(self, query: dict[str, float], entries: npt.NDArray[np.intp]) -> FloatArray:
        """The BM25F score of a few entries for `query`."""
        out = np.zeros(len(entries), dtype=np.float32)
        for term, qw in query.items():
            span = self._offsets.get(term)
            if span is None:
                continue
            docs = self._docs[span[0] : span[1]]
            where = np.searchsorted(docs, entries)
            found = where < len(docs)
            found[found] = docs[where[found]] == entries[found]
            out[found] += np.float32(qw) * self._weights[span[0] + where[found]]
        return out

    def scores(self, text: str) -> tuple[FloatArray, float]:
        """BM25F of every entry for `text` (zeros where no term is shared), and the query's
        self-score."""
        out = np.zeros(self.n, dtype=np.float32)
        query = self.query(text)
        self.accumulate(query, out)
        return out, self.self_score(query)


# --- dense --------------------------------------------------------------------------------


class DenseIndex:
    """Exact cosine search over L2-normalised float32 rows."""

    def __init__(self, matrix: FloatArray):
        self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)

    @property
    def dim(self) -> int:
        return int(self.matrix.shape[1])

    def scores(self, queries: FloatArray) -> FloatArray:
        """(queries, entries) cosines."""
        result: FloatArray = np.asarray(queries, dtype=np.float32) @ self.matrix.T
        return result


# --- fusion -------------------------------------------------------------------------------

# Queries ranked together: one matrix product for their cosines, one partial sort for their
# best entries. Bounds memory to QUERY_CHUNK x archive floats.
QUERY_CHUNK = 256


def fuse(
    lexical: FloatArray, scale: float, dense: FloatArray | None, settings: Settings
) -> tuple[FloatArray, FloatArray]:
    """(fused, normalised lexical) scores of one query over the archive: the formula the
    matcher computes in place, written out for experiments (bench/claim_matching.py)."""
    if scale > 0:
        lexical = lexical / np.float32(scale)
    fused = lexical * np.float32(settings.lexical_weight)
    if dense is not None:
        fused += np.float32(settings.dense_weight) * dense
    return fused, lexical


def top_indices(scores: FloatArray, k: int) -> list[int]:
    """Indices of the k highest scores, best first; ties by index."""
    indices, _ = top_rows(np.array(scores[None, :]), k)[0]
    return [int(i) for i in indices]


# Up to this k, the best entries are found by k passes of argmax, each a fast linear scan;
# beyond it by a partial sort.
ARGMAX_K = 16

Top = tuple[npt.NDArray[np.intp], FloatArray]


def top_rows(scores: FloatArray, k: int) -> list[Top]:
    """For each row, the indices of its k highest scores, best first (ties by index), and
    those scores. Overwrites what it found with -inf when k is small."""
    rows, n = scores.shape
    k = min(k, n)
    if k <= 0:
        return [(np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32))] * rows
    if k <= ARGMAX_K:
        found = np.empty((rows, k), dtype=np.intp)
        values = np.empty((rows, k), dtype=np.float32)
        every = np.arange(rows)
        for j in range(k):
            best = scores.argmax(axis=1)  # the first of equal scores: ties by index
            found[:, j] = best
            values[:, j] = scores[every, best]
            scores[every, best] = -np.inf
        return list(zip(found, values, strict=True))
    if k < n:
        part = np.argpartition(scores, n - k, axis=1)[:, n - k :]
    else:
        part = np.broadcast_to(np.arange(n), (rows, n))
    out = []
    for row in range(rows):
        indices = part[row]
        indices = indices[np.lexsort((indices, -scores[row, indices]))]
        out.append((indices, scores[row, indices]))
    return out


class Matcher:
    """The archive, indexed once; `search_many` ranks it for each query."""

    def __init__(
        self,
        entries: Sequence[Entry],
        *,
        embeddings: FloatArray | None = None,
        embed: Embed | None = None,
        settings: Settings | None = None,
    ):
        self.settings = settings or Settings()
        self.lexical = LexicalIndex(entries, self.settings)
        self.dense = DenseIndex(embeddings) if embeddings is not None else None
        if self.dense is not None and self.dense.matrix.shape[0] != len(entries):
            raise ValueError("one embedding row per entry is needed")
        self.embed = embed
        # An ANN index over the same rows (claimextract.ann.AnnIndex), set by the caller
        # once it is known to hold exactly these rows; None: the exact search.
        self.ann: Any = None

    def search(self, text: str, k: int = 5) -> list[Match]:
        return self.search_many([text], k)[0]

    def clean(self, texts: Sequence[str]) -> list[str]:
        return [clean_query(t) for t in texts] if self.settings.clean_queries else list(texts)

    def search_many(
        self, texts: Sequence[str], k: int = 5, *, query_embeddings: FloatArray | None = None
    ) -> list[list[Match]]:
        """The k best entries for each text. The texts are embedded here (in one call)
        unless their embeddings are given."""
        cleaned = self.clean(texts)
        use_dense = (
            self.dense is not None
            and self.settings.dense_weight > 0
            and (query_embeddings is not None or self.embed is not None)
        )
        if use_dense and query_embeddings is None and cleaned:
            assert self.embed is not None
            query_embeddings = self.embed(cleaned)
        results: list[list[Match]] = []
        for start in range(0, len(cleaned), QUERY_CHUNK):
            chunk = cleaned[start : start + QUERY_CHUNK]
            vectors = None
            if use_dense:
                assert query_embeddings is not None
                vectors = np.asarray(query_embeddings[start : start + len(chunk)], np.float32)
            results.extend(self._rank_chunk(chunk, vectors, k))
        return results

    def _rank_chunk(
        self, texts: list[str], vectors: FloatArray | None, k: int
    ) -> list[list[Match]]:
        s = self.settings
        queries = [self.lexical.query(t) for t in texts]
        scales = [self.lexical.self_score(q) or 1.0 for q in queries]
        if vectors is not None and self.ann is not None:
            return self._rank_candidates(queries, scales, vectors, k)
        if vectors is not None:
            assert self.dense is not None
            # The cosines, already weighted: the lexical scores are added in place.
            fused = self.dense.scores(vectors * np.float32(s.dense_weight))
        else:
            fused = np.zeros((len(texts), self.lexical.n), dtype=np.float32)
        for row, (query, scale) in enumerate(zip(queries, scales, strict=True)):
            self.lexical.accumulate(query, fused[row], s.lexical_weight / scale)
        results = []
        for row, (indices, fused_scores) in enumerate(top_rows(fused, k)):
            dense = None
            if vectors is not None:
                assert self.dense is not None
                dense = self.dense.matrix[indices] @ vectors[row]
            if s.lexical_weight > 0:
                rest = fused_scores if dense is None else fused_scores - s.dense_weight * dense
                lexical = rest / np.float32(s.lexical_weight)
            else:
                lexical = self.lexical.scores_of(queries[row], indices) / np.float32(scales[row])
            matches = []
            for j, index in enumerate(indices):
                if dense is None and lexical[j] <= 0:
                    break  # nothing shared: not a match at all
                matches.append(
                    Match(
                        index=int(index),
                        score=float(fused_scores[j]),
                        lexical=max(float(lexical[j]), 0.0),
                        dense=float(dense[j]) if dense is not None else 0.0,
                    )
                )
            results.append(matches)
        return results

    def _rank_candidates(
        self,
        queries: list[dict[str, float]],
        scales: list[float],
        vectors: FloatArray,
        k: int,
    ) -> list[list[Match]]:
        """The ANN path: each query's nearest rows by meaning (from the index) and its best
        rows by words (one lexical pass into a single row of the archive's length), then
        the exact fused score of that union. A row that is neither among the nearest nor
        among the best by words could only win by a fused score no candidate reaches."""
        s = self.settings
        assert self.dense is not None
        want = max(k, ANN_CANDIDATES)
        _, near = self.ann.search(vectors, want)
        lexical_row = np.zeros(self.lexical.n, dtype=np.float32)
        results = []
        for row, (query, scale) in enumerate(zip(queries, scales, strict=True)):
            by_words, touched = self.lexical.best(query, want, lexical_row, 1.0 / scale)
            candidates = np.union1d(near[row][near[row] >= 0], by_words).astype(np.intp)
            dense = self.dense.matrix[candidates] @ vectors[row]
            lexical = lexical_row[candidates]
            lexical_row[touched] = 0
            fused = s.lexical_weight * lexical + s.dense_weight * dense
            indices, fused_scores = top_rows(fused[None, :].astype(np.float32), k)[0]
            matches = [
                Match(
                    index=int(candidates[j]),
                    score=float(fused_scores[n]),
                    lexical=max(float(lexical[j]), 0.0),
                    dense=float(dense[j]),
                )
                for n, j in enumerate(indices)
            ]
            results.append(matches)
        return results


# Rows taken from the ANN index, and by words, per query before the exact fusion.
ANN_CANDIDATES = 100
