"""The shipped sentence encoders: load from the package without network, give unit vectors
that put paraphrases together, and give the same numbers every time.

Pure Python: no Django.
"""

from __future__ import annotations

import multiprocessing

import numpy as np
import pytest

from claimextract import encoder as enc

PARAPHRASES = (
    "Unemployment fell to 3.5 percent last year.",
    "Last year the jobless rate dropped to 3.5%.",
)
UNRELATED = "The orchestra will play Mozart on Sunday evening."


@pytest.fixture(scope="module")
def encoder() -> enc.SentenceEncoder:
    return enc.load_encoder()


@pytest.fixture(scope="module")
def tuned() -> enc.SentenceEncoder:
    return enc.load_encoder(enc.CHECKWORTHINESS_PATH)


def test_the_model_files_ship_with_the_package():
    for path in (enc.ENCODER_PATH, enc.CHECKWORTHINESS_PATH, enc.TOKENIZER_PATH):
        assert path.is_file(), path
        assert path.stat().st_size < 30_000_000, path


def test_embeddings_are_unit_vectors_of_384_dimensions(encoder):
    vectors = encoder.embed([*PARAPHRASES, UNRELATED, "", "?"])
    assert vectors.shape == (5, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_paraphrase_is_closer_than_an_unrelated_sentence(encoder):
    first, second, unrelated = encoder.embed([*PARAPHRASES, UNRELATED])
    assert float(first @ second) > float(first @ unrelated) + 0.3
    assert float(first @ second) > 0.5


def test_embeddings_are_deterministic_and_do_not_depend_on_the_batch(encoder):
    texts = [*PARAPHRASES, UNRELATED, "A much longer sentence " * 12]
    together = encoder.embed(texts)
    assert np.array_equal(together, encoder.embed(texts))
    alone = np.vstack([encoder.embed([t]) for t in texts])
    assert np.array_equal(together, alone)


def test_long_texts_are_truncated_not_refused(encoder):
    ids = encoder.token_ids(["word " * 500])[0]
    assert len(ids) == enc.MAX_LENGTH
    assert encoder.embed(["word " * 500]).shape == (1, 384)


def test_an_empty_list_gives_an_empty_matrix(encoder):
    assert encoder.embed([]).shape[0] == 0


def test_a_bare_string_is_refused(encoder):
    with pytest.raises(TypeError):
        encoder.embed(PARAPHRASES[0])


def test_only_the_tuned_graph_has_a_classifier_output(encoder, tuned):
    assert not encoder.has_logit
    with pytest.raises(ValueError, match="no classifier output"):
        encoder.logits(list(PARAPHRASES))
    assert tuned.has_logit
    embeddings, logits = tuned.run(list(PARAPHRASES))
    assert embeddings.shape == (2, 384)
    assert logits is not None and logits.shape == (2,)
    assert np.all(np.isfinite(logits))


def test_module_embed_uses_the_untuned_encoder(encoder):
    assert np.array_equal(enc.embed([UNRELATED]), encoder.embed([UNRELATED]))
    assert enc.load_encoder() is encoder


LENGTHS = [
    "Short.",
    "Unemployment fell to 3.5 percent last year, the lowest in 50 years.",
    "The deficit tripled under this administration, to $1.4 trillion, the treasury said on "
    "Monday, and analysts expect it to grow further over the next decade.",
    "A much longer sentence " * 12,
]


def test_a_sentence_gets_the_same_numbers_whatever_runs_beside_it(tuned):
    alone = [tuned.run([t]) for t in LENGTHS]
    together_embeddings, together_logits = tuned.run([*LENGTHS, *reversed(LENGTHS), UNRELATED])
    assert together_logits is not None
    for i, (embedding, logit) in enumerate(alone):
        assert logit is not None
        assert np.array_equal(together_embeddings[i], embedding[0])  # equal, not close
        assert together_logits[i] == logit[0]
        assert together_logits[2 * len(LENGTHS) - 1 - i] == logit[0]


def test_one_thread_and_several_give_the_same_numbers():
    texts = [*LENGTHS, *PARAPHRASES, UNRELATED] * 3
    one = enc.SentenceEncoder(enc.CHECKWORTHINESS_PATH, threads=1).run(texts)
    three = enc.SentenceEncoder(enc.CHECKWORTHINESS_PATH, threads=3).run(texts)
    assert np.array_equal(one[0], three[0])
    assert one[1] is not None and three[1] is not None
    assert np.array_equal(one[1], three[1])


def _embed_in_child(encoder, texts, queue):
    queue.put(encoder.embed(texts))


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork (POSIX)"
)
def test_a_forked_worker_process_runs_the_encoder_it_inherited(encoder):
    # A Celery worker forks after the parent has used the encoder: the parent's worker
    # threads do not exist in the child, which must start its own instead of waiting on them.
    texts = [*LENGTHS, *PARAPHRASES]
    expected = encoder.embed(texts)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_embed_in_child, args=(encoder, texts, queue))
    child.start()
    try:
        result = queue.get(timeout=30)
    finally:
        child.join(timeout=5)
        if child.is_alive():
            child.kill()
            child.join()
    assert child.exitcode == 0
    assert np.array_equal(result, expected)
