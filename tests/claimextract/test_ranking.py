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
