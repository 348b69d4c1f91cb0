import numpy as np
import pytest

from claimextract.matching import (
    Entry,
    LexicalIndex,
    Matcher,
    Settings,
    clean_query,
    embedding_text,
    fuse,
    top_indices,
    top_rows,
)

ARCHIVE = [
    Entry(
        "A viral video shows a 10-meter-long anaconda swimming across a river in Brazil.",
        "Does Video Show a 10-Meter-Long Anaconda?",
        "The anaconda is one of the largest snakes in the world.",
    ),
    Entry(
        "McDonald's restaurants are offering $1 Any Size Fries between May 18 and 31.",
        "$1 McDonald's Any Size Fries",
    ),
    Entry(
        "Wombats herded other animals into their burrows to save them from the Australian fires.",
        "Did Wombats Shelter Animals from Australian Wildfires?",
    ),
    Entry("The U.S. Army is sending text messages about a military draft.", "Draft Texts"),
]

LEXICAL = Settings(lexical_weight=1.0, dense_weight=0.0)


def test_a_post_is_read_as_words_without_links_handles_or_dates():
    post = (
        "How are butterflies surviving the #AustralianFires? pic.twitter.com/0eJtwJyS1J "
        "— Center for Bio Div (@CenterForBioDiv) January 14, 2020"
    )
    assert clean_query(post) == (
        "How are butterflies surviving the Australian Fires? — Center for Bio Div"
    )


def test_links_and_html_entities_are_dropped_from_a_claim():
    assert clean_query("Fries &amp; shakes https://t.co/xyz at www.example.com now") == (
        "Fries & shakes at now"
    )


def test_the_fact_check_of_a_repeated_claim_ranks_first():
    matcher = Matcher(ARCHIVE, settings=LEXICAL)
    hits = matcher.search("Wow, wombats are saving animals from the fires in Australia!", k=3)
    assert hits[0].index == 2
    assert hits[0].score > hits[1].score if len(hits) > 1 else True


def test_a_fact_check_found_by_its_title_alone_is_returned():
    matcher = Matcher(ARCHIVE, settings=LEXICAL)
    hits = matcher.search("Got draft texts today??", k=2)
    assert hits[0].index == 3


def test_nothing_shared_means_no_match_without_embeddings():
    matcher = Matcher(ARCHIVE, settings=LEXICAL)
    assert matcher.search("Parliament voted on the budget", k=5) == []


def test_an_exact_repeat_scores_near_one_and_a_loose_one_lower():
    matcher = Matcher(ARCHIVE, settings=LEXICAL)
    exact = matcher.search(ARCHIVE[1].claim + " " + ARCHIVE[1].title, k=1)[0]
    loose = matcher.search("McDonald's has cheap fries", k=1)[0]
    assert exact.index == loose.index == 1
    assert 0.8 <= exact.score <= 1.2
    assert loose.score < exact.score / 2


def test_a_longer_field_match_weighs_less_than_a_short_one():
    index = LexicalIndex(
        [Entry("anaconda"), Entry("anaconda " + "river " * 30)], Settings(claim_b=0.75)
    )
    scores, scale = index.scores("anaconda")
    assert scores[0] > scores[1] > 0
    assert scale > 0


def test_top_indices_are_best_first_with_ties_by_position():
    scores = np.array([0.5, 0.9, 0.5, 0.1], dtype=np.float32)
    assert top_indices(scores, 3) == [1, 0, 2]
    assert top_indices(scores, 10) == [1, 0, 2, 3]
    assert top_indices(scores, 0) == []


def test_top_rows_ranks_each_row_on_its_own():
    scores = np.array([[0.1, 0.3, 0.2], [0.9, 0.0, 0.5]], dtype=np.float32)
    assert [list(r) for r, _ in top_rows(scores, 2)] == [[1, 2], [0, 2]]


def test_the_score_of_a_few_entries_equals_their_score_over_the_archive():
    index = LexicalIndex(ARCHIVE, Settings(subtitle_weight=0.5))
    query = index.query("anaconda video fries wombats")
    full, _ = index.scores("anaconda video fries wombats")
    some = np.array([3, 0, 2], dtype=np.intp)
    assert index.scores_of(query, some) == pytest.approx(full[some], rel=1e-6)


# --- dense --------------------------------------------------------------------------------

# A toy encoder: each text becomes the normalised count of three topic words.
TOPICS = ("snake", "fries", "wombat")


def toy_embed(texts: list[str]) -> np.ndarray:
    rows = np.array([[text.lower().count(t) for t in TOPICS] for text in texts], dtype=np.float32)
    rows += 1e-3
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def archive_embeddings() -> np.ndarray:
    # As if the encoder knew an anaconda is a snake: the matrix is what an import stored.
    return toy_embed(["snake", "fries", "wombat", "nothing"])


def test_the_dense_score_finds_a_paraphrase_sharing_no_word():
    matcher = Matcher(
        ARCHIVE,
        embeddings=archive_embeddings(),
        embed=toy_embed,
        settings=Settings(lexical_weight=1.0, dense_weight=1.0),
    )
    hits = matcher.search("a giant snake crossing water", k=2)
    assert hits[0].index == 0
    assert hits[0].dense == pytest.approx(1.0, abs=1e-3)
    assert hits[0].lexical == 0.0


def test_the_matcher_ranks_by_the_fusion_formula():
    settings = Settings(lexical_weight=1.0, dense_weight=0.7)
    embeddings = archive_embeddings()
    matcher = Matcher(ARCHIVE, embeddings=embeddings, embed=toy_embed, settings=settings)
    text = clean_query("A snake video from a river, and fries")
    [hits] = matcher.search_many([text], k=4)
    raw, scale = matcher.lexical.scores(text)
    cosines = embeddings @ toy_embed([text])[0]
    fused, lexical = fuse(raw, scale, cosines, settings)
    assert [h.index for h in hits] == list(np.argsort(-fused, kind="stable"))
    for hit in hits:
        assert hit.score == pytest.approx(fused[hit.index], abs=1e-5)
        assert hit.lexical == pytest.approx(lexical[hit.index], abs=1e-5)
        assert hit.dense == pytest.approx(cosines[hit.index], abs=1e-5)


def test_with_no_dense_weight_the_ranking_is_lexical():
    texts = ["snake fries", "wombats fires"]
    lexical = Matcher(ARCHIVE, settings=LEXICAL).search_many(texts, k=2)
    hybrid = Matcher(
        ARCHIVE,
        embeddings=archive_embeddings(),
        embed=toy_embed,
        settings=Settings(lexical_weight=1.0, dense_weight=0.0),
    ).search_many(texts, k=2)
    assert [[h.index for h in r] for r in hybrid] == [[h.index for h in r] for r in lexical]


def test_precomputed_query_embeddings_are_used_as_given():
    def refuse(texts):
        raise AssertionError("the queries were embedded already")

    matcher = Matcher(
        ARCHIVE,
        embeddings=archive_embeddings(),
        embed=refuse,
        settings=Settings(lexical_weight=0.0, dense_weight=1.0),
    )
    hits = matcher.search_many(["anything"], k=1, query_embeddings=toy_embed(["wombat"]))
    assert hits[0][0].index == 2


def test_one_embedding_row_per_fact_check_is_required():
    with pytest.raises(ValueError, match="one embedding row per entry"):
        Matcher(ARCHIVE, embeddings=toy_embed(["snake"]), embed=toy_embed)


def test_the_embedded_text_leads_with_the_title():
    assert embedding_text(Entry("Claim.", "Title")) == "Title. Claim."
    assert embedding_text(Entry("Same", "Same")) == "Same"
