"""The ANN path of the matcher: same best entries as the exact search, and an index file
that tells what it holds."""

from __future__ import annotations

import numpy as np

from claimextract import matching
from claimextract.ann import AnnIndex, IndexState, read_state

WORDS = [
    "troops",
    "prices",
    "vaccine",
    "election",
    "border",
    "river",
    "flood",
    "tax",
    "school",
    "bridge",
]


def archive(n: int = 400, dim: int = 32, seed: int = 7):
    rng = np.random.default_rng(seed)
    entries = [
        matching.Entry(" ".join(rng.choice(WORDS, 4)) + f" item{i}", f"title {i}", "")
        for i in range(n)
    ]
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return entries, vectors


def queries(vectors, rng, count=20):
    picked = rng.choice(len(vectors), count, replace=False)
    noisy = vectors[picked] + 0.3 * rng.standard_normal(vectors[picked].shape).astype(np.float32)
    return picked, noisy / np.linalg.norm(noisy, axis=1, keepdims=True)


def test_the_ann_path_finds_the_same_best_entries_as_the_exact_search():
    entries, vectors = archive()
    rng = np.random.default_rng(1)
    picked, qv = queries(vectors, rng)
    texts = [entries[i].claim for i in picked]
    exact = matching.Matcher(entries, embeddings=vectors, settings=matching.TUNED)
    approx = matching.Matcher(entries, embeddings=vectors, settings=matching.TUNED)
    approx.ann = AnnIndex(vectors.shape[1])
    approx.ann.add(vectors)
    want = exact.search_many(texts, 5, query_embeddings=qv)
    got = approx.search_many(texts, 5, query_embeddings=qv)
    for w, g in zip(want, got, strict=True):
        assert [m.index for m in g] == [m.index for m in w]
        assert np.allclose([m.score for m in g], [m.score for m in w], atol=1e-4)
        assert np.allclose([m.lexical for m in g], [m.lexical for m in w], atol=1e-4)
    # the entry each query was made from comes first
    assert [g[0].index for g in got] == [int(i) for i in picked]


def test_an_index_saved_is_loaded_with_what_it_holds(tmp_path):
    _, vectors = archive(50, 16)
    index = AnnIndex(16)
    index.add(vectors[:30])
    index.add(vectors[30:])  # appended: positions go on from 30
    state = IndexState(count=50, max_id=77, model="enc-1", dim=16, imported_until="x")
    path = tmp_path / "fc.faiss"
    index.save(path, state)
    loaded, got_state = AnnIndex.load(path)
    assert got_state == state and loaded.n == 50
    _, positions = loaded.search(vectors[42:43], 1)
    assert positions[0][0] == 42


def test_an_index_whose_sidecar_disagrees_with_it_is_not_loaded(tmp_path):
    _, vectors = archive(20, 8)
    index = AnnIndex(8)
    index.add(vectors)
    path = tmp_path / "fc.faiss"
    index.save(path, IndexState(count=21, max_id=21, model="m", dim=8))
    assert read_state(path).count == 21
    assert AnnIndex.load(path) is None
    assert AnnIndex.load(tmp_path / "none.faiss") is None


def test_the_best_entries_by_words_are_the_top_of_a_full_scoring():
    entries, _ = archive(3000)
    lexical = matching.LexicalIndex(entries, matching.TUNED)
    row = np.zeros(lexical.n, dtype=np.float32)
    for text in ["troops border", "flood river bridge item12", "tax", "nothing shared"]:
        query = lexical.query(text)
        full, _ = lexical.scores(text)
        best, touched = lexical.best(query, 50, row)
        shared = int((full > 0).sum())
        assert len(best) == min(50, shared) and len(set(best.tolist())) == len(best)
        # no entry left out scores above the lowest one kept
        if len(best):
            kept = full[best]
            assert np.allclose(np.sort(kept)[::-1], np.sort(full)[::-1][: len(best)])
            assert np.allclose(row[best], kept)
        row[touched] = 0
        assert not row.any()
