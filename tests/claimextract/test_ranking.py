from claimextract.ranking import Document, Ranker, best_passage, rank_documents, terms

DOCS = [
    Document(
        "bears",
        "Polar bear",
        [
            "The polar bear is a large bear of the Arctic.",
            "Polar bear numbers are estimated at 26,000.",
        ],
    ),
    Document(
        "warming",
        "Global warming",
        ["Global warming is the long-term rise in temperature.", "Sea ice is melting fast."],
    ),
    Document("reef", "Great Barrier Reef", ["The reef suffered mass coral bleaching in 2016."]),
]


def test_terms_are_stemmed_and_stopwords_dropped():
    assert terms("The polar bears were growing") == ["polar", "bear", "grow"]


def test_the_document_about_the_claim_ranks_first_with_its_best_passage():
    hits = Ranker(DOCS).search("How many polar bears are there? About 26,000", k=3)
    assert hits[0].key == "bears"
    assert "26,000" in hits[0].passage


def test_a_title_named_in_the_claim_lifts_the_document():
    hits = rank_documents("The Great Barrier Reef is dying", DOCS)
    assert hits[0].key == "reef"
    assert hits[0].signals["title_in_claim"] == 1.0


def test_documents_sharing_no_term_are_not_returned():
    hits = Ranker(DOCS).search("Kazakhstan troops", k=3)
    assert hits == []


def test_best_passage_picks_the_window_with_the_facts():
    text = (
        "The weather was fine.\n\nThe CSTO deployed 2,030 troops to Kazakhstan.\n\n"
        "Markets were calm."
    )
    passage, score = best_passage("2,030 CSTO troops deployed", text, passages=text.split("\n\n"))
    assert passage == "The CSTO deployed 2,030 troops to Kazakhstan."
    assert score > 0


# --- hybrid ranking -----------------------------------------------------------------------

import numpy as np  # noqa: E402

from claimextract.ranking import (  # noqa: E402
    EMBEDDINGS,
    Weights,
    default_embed,
    dense_sentences,
)


class ConceptEncoder:
    """A stand-in sentence encoder: one axis per concept, a text points along the concepts
    whose words it has (so "warming" and "heating" are the same thing). Counts what it is
    asked to embed."""

    CONCEPTS = (
        ("warm", "heat", "hotter"),
        ("bear", "bears"),
        ("ice", "glacier", "glaciers"),
        ("coral", "reef"),
    )

    def __init__(self):
        self.calls: list[list[str]] = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        rows = np.zeros((len(texts), len(self.CONCEPTS) + 1), dtype=np.float32)
        for i, text in enumerate(texts):
            lowered = text.lower()
            for axis, words in enumerate(self.CONCEPTS):
                rows[i, axis] = sum(lowered.count(w) for w in words)
            rows[i, -1] = 0.1
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    @property
    def embedded(self):
        return [t for call in self.calls for t in call]


def setup_function():
    EMBEDDINGS.clear()


PLANET = [
    Document(
        "records",
        "Weather records",
        ["The planet keeps records of weather.", "Records of the planet go back centuries."],
    ),
    Document(
        "heat",
        "Heat waves",
        ["The planet sees hotter summers.", "Heat waves grow longer every decade."],
    ),
]


def test_without_an_encoder_the_ranking_is_lexical():
    hits = Ranker(PLANET, embed=None).search("The planet is warming, records show")
    assert [h.key for h in hits] == ["records", "heat"]
    assert "dense" not in hits[0].signals


def test_the_encoder_lifts_the_document_that_says_the_same_in_other_words():
    encoder = ConceptEncoder()
    hits = Ranker(PLANET, embed=encoder).search("The planet is warming, records show")
    assert [h.key for h in hits] == ["heat", "records"]
    assert hits[0].signals["dense"] > hits[1].signals["dense"]
    # Scores stay comparable within the claim: lexical share of the best is at most 1.
    assert hits[1].signals["lexical"] == 1.0
    assert hits[0].score > hits[1].score > 0


def test_documents_sharing_no_term_are_not_returned_with_an_encoder_either():
    encoder = ConceptEncoder()
    assert Ranker(PLANET, embed=encoder).search("Glaciers melt") == []
    assert encoder.calls == []


def test_only_the_lexically_best_documents_are_embedded():
    encoder = ConceptEncoder()
    documents = [
        Document(i, f"Report {i}", [f"The planet report number {i}." + " Filler words." * i])
        for i in range(10)
    ]
    Ranker(documents, Weights(dense_pool=3), embed=encoder).search("planet report")
    titles = {t for t in encoder.embedded if t.startswith("Report")}
    assert len(titles) == 3


def test_a_long_document_is_embedded_up_to_the_cap_best_passages_first():
    encoder = ConceptEncoder()
    filler = [f"Sentence {i} is about nothing much." for i in range(40)]
    long_passages = [" ".join(filler[i : i + 4]) for i in range(0, 40, 4)]
    long_passages.insert(7, "Polar bears hunt seals on the sea ice.")
    document = Document("long", "", long_passages)
    Ranker([document], Weights(max_sentences=5), embed=encoder).search("polar bears and sea ice")
    sentences = [t for t in encoder.embedded if t != "polar bears and sea ice"]
    assert len(sentences) == 5
    assert sentences[0] == "Polar bears hunt seals on the sea ice."


def test_ranking_the_same_documents_again_embeds_nothing_new():
    encoder = ConceptEncoder()
    Ranker(PLANET, embed=encoder).search("The planet is warming, records show")
    first = len(encoder.embedded)
    hits = rank_documents("The planet is warming, records show", PLANET, embed=encoder)
    assert first > 0
    assert len(encoder.embedded) == first
    assert hits[0].key == "heat"


def test_dense_sentences_takes_the_best_passages_first_then_the_start():
    passages_ = ["A one. A two.", "B one. B two.", "C one."]
    assert dense_sentences(passages_, [2], 3) == ["C one.", "A one.", "A two."]
    assert dense_sentences(passages_, [], 10) == ["A one.", "A two.", "B one.", "B two.", "C one."]


def test_the_shipped_encoder_is_the_default_and_finds_the_paraphrase():
    assert default_embed() is not None
    documents = [
        Document(
            "ice",
            "Arctic sea ice",
            ["Arctic sea ice extent has declined sharply since satellite records began."],
        ),
        Document(
            "records",
            "Records",
            ["The Arctic museum keeps records of expeditions and sea voyages."],
        ),
    ]
    hits = Ranker(documents).search("The Arctic is losing its frozen sea cover, records show")
    assert hits[0].key == "ice"
    assert hits[0].signals["dense"] > hits[1].signals["dense"]
    lexical = Ranker(documents, embed=None).search(
        "The Arctic is losing its frozen sea cover, records show"
    )
    assert lexical[0].key == "records"


def test_two_encoders_never_share_cached_vectors():
    first, second = ConceptEncoder(), ConceptEncoder()
    Ranker(PLANET, embed=first).search("planet heat")
    Ranker(PLANET, embed=second).search("planet heat")
    assert first.embedded
    assert sorted(second.embedded) == sorted(first.embedded)
