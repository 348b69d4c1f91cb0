"""Approximate nearest-neighbour search of the archive's embeddings (faiss HNSW).

Beyond a few tens of thousands of fact-checks one exact matrix product per batch of
queries stops being cheap; an HNSW graph finds each query's nearest rows in a few hundred
distance computations. The index is a file (written by the workers, read by every
process) with a small JSON sidecar saying what it holds: how many rows, the largest
archive id among them and the encoder's name. A reader compares that with the archive and
uses the exact path while the two differ. Pure: no Django.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

# HNSW graph: M links per node, efConstruction at build, efSearch at query time. Chosen on
# the CheckThat! dev-test (bench/claim_matching.py --ann): MAP@5 equal to the exact search.
HNSW_M = 32
EF_CONSTRUCTION = 80
EF_SEARCH = 128


@dataclass(frozen=True)
class IndexState:
    """What an index file holds: compared with the archive to tell a stale index."""

    count: int
    max_id: int
    model: str
    dim: int
    # The archive's latest import time when the index was written: a fact-check updated
    # since (its text, so its vector, may have changed) means the index must be rebuilt.
    imported_until: str = ""


def _faiss() -> Any:
    import faiss  # imported lazily: small archives never need it

    return faiss


class AnnIndex:
    """Inner-product HNSW over L2-normalised float32 rows (inner product = cosine)."""

    def __init__(self, dim: int, *, index: Any = None) -> None:
        faiss = _faiss()
        if index is None:
            index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = EF_CONSTRUCTION
        index.hnsw.efSearch = EF_SEARCH
        self.index = index
        self.dim = dim

    @property
    def n(self) -> int:
        return int(self.index.ntotal)

    def add(self, rows: FloatArray) -> None:
        """Append rows: their positions continue from `n` (HNSW allows adding, not removing)."""
        if len(rows):
            self.index.add(np.ascontiguousarray(rows, dtype=np.float32))

    def search(self, queries: FloatArray, k: int) -> tuple[FloatArray, npt.NDArray[np.int64]]:
        """(cosines, positions) of each query's k nearest rows, best first; -1 pads."""
        k = min(k, self.n)
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if k <= 0:
            shape = (len(queries), 0)
            return np.zeros(shape, np.float32), np.zeros(shape, np.int64)
        self.index.hnsw.efSearch = max(EF_SEARCH, k)
        scores, positions = self.index.search(queries, k)
        return scores, positions

    def save(self, path: Path, state: IndexState) -> None:
        """Write the index and its sidecar atomically: a reader sees the old pair or the new."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        _faiss().write_index(self.index, tmp)
        os.replace(tmp, path)
        meta = path.with_suffix(".json")
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w") as f:
            json.dump(asdict(state), f)
        os.replace(tmp, meta)

    @classmethod
    def load(cls, path: Path) -> tuple[AnnIndex, IndexState] | None:
        """The index at `path` and what it holds, or None when there is none (or it is
        unreadable, or its rows disagree with its sidecar)."""
        state = read_state(path)
        if state is None or not path.exists():
            return None
        try:
            index = _faiss().read_index(str(path))
        except RuntimeError:
            return None
        if int(index.ntotal) != state.count or int(index.d) != state.dim:
            return None  # written between the two files of a save: treat as stale
        return cls(state.dim, index=index), state


def read_state(path: Path) -> IndexState | None:
    try:
        with open(path.with_suffix(".json")) as f:
            return IndexState(**json.load(f))
    except (OSError, ValueError, TypeError):
        return None
