"""The shipped sentence encoders: load from the package without network, give unit vectors
that put paraphrases together, and give the same numbers every time.

Pure Python: no Django.
"""

from __future__ import annotations

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


def test_embeddings_are_deterministic_and_barely_depend_on_the_batch(encoder):
    texts = [*PARAPHRASES, UNRELATED, "A much longer sentence " * 12]
    together = encoder.embed(texts)
    assert np.array_equal(together, encoder.embed(texts))
    alone = np.vstack([encoder.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


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
