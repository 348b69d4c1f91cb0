"""The archive of published fact-checks: importing it and matching claims against it.

The desk's own approved verdicts are not in this archive: the archive provider matches
them separately (reviews/providers/archive.py).
"""

from __future__ import annotations

import datetime

import numpy as np
import pytest

from claimextract.factcheck_formats import FactCheckRecord, RecordError
from reviews.models import FactCheck
from reviews.services.factchecks import (
    factcheck_encoder,
    factcheck_matches,
    factcheck_matches_many,
    factchecks_import,
)

pytestmark = pytest.mark.django_db


def record(identifier: str, claim: str, line: int = 1, **fields) -> FactCheckRecord:
    return FactCheckRecord(identifier=identifier, claim=claim, line=line, **fields)


ANACONDA = record(
    "vclaim-anaconda",
    "A viral video shows a 10-meter-long anaconda swimming across a river in Brazil.",
    title="Does Video Show a 10-Meter-Long Anaconda?",
    rating="Miscaptioned",
    url="https://checks.example/anaconda",
    published=datetime.date(2021, 3, 6),
)
FRIES = record(
    "vclaim-fries",
    "McDonald's restaurants are offering $1 Any Size Fries between May 18 and 31.",
    line=2,
    title="$1 McDonald's Any Size Fries",
    rating="True",
)
DRAFT = record(
    "vclaim-draft",
    "The U.S. Army is sending text messages to people about a military draft.",
    line=3,
    title="Is the Army Texting People About a Draft?",
    rating="False",
)


@pytest.fixture
def words_only(settings):
    settings.FACTCHECK_MATCHING_DENSE = False


def test_imported_fact_checks_are_stored_with_their_fields(words_only, editor):
    result = factchecks_import(records=[ANACONDA, FRIES], publisher="Snopes", actor=editor)
    assert (result.created, result.updated, result.unchanged, result.errors) == (2, 0, 0, [])
    stored = FactCheck.objects.get(identifier="vclaim-anaconda")
    assert stored.publisher == "Snopes"
    assert stored.claim == ANACONDA.claim
    assert stored.title == ANACONDA.title
    assert stored.rating == "Miscaptioned"
    assert stored.url == "https://checks.example/anaconda"
    assert stored.published == datetime.date(2021, 3, 6)
    assert stored.imported_by == editor
    assert stored.imported_at is not None
    assert ANACONDA.title in stored.search_text and ANACONDA.claim in stored.search_text


def test_importing_the_same_records_again_adds_nothing(words_only):
    factchecks_import(records=[ANACONDA, FRIES], publisher="Snopes")
    first = {fc.identifier: fc.imported_at for fc in FactCheck.objects.all()}
    result = factchecks_import(records=[ANACONDA, FRIES], publisher="Snopes")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert FactCheck.objects.count() == 2
    assert {fc.identifier: fc.imported_at for fc in FactCheck.objects.all()} == first


def test_a_changed_record_updates_its_fact_check_in_place(words_only):
    factchecks_import(records=[ANACONDA], publisher="Snopes")
    pk = FactCheck.objects.get().pk
    changed = record(ANACONDA.identifier, ANACONDA.claim, title=ANACONDA.title, rating="False")
    result = factchecks_import(records=[changed], publisher="Snopes")
    assert (result.created, result.updated) == (0, 1)
    stored = FactCheck.objects.get()
    assert (stored.pk, stored.rating, stored.url) == (pk, "False", "")


def test_a_bad_record_does_not_stop_the_good_ones(words_only):
    parser_error = RecordError(4, "not valid JSON (Expecting value at column 1)")
    bad_url = record("vclaim-bad-url", "Some claim.", line=5, url="javascript:alert(1)")
    too_long = record("x" * 501, "Another claim.", line=6)
    result = factchecks_import(
        records=[ANACONDA, parser_error, bad_url, FRIES, too_long], publisher="Snopes"
    )
    assert result.created == 2
    assert [(e.line, e.message.split(":")[0]) for e in result.errors] == [
        (4, "not valid JSON (Expecting value at column 1)"),
        (5, "url is not a web address"),
        (6, "identifier longer than 500 characters"),
    ]
    assert set(FactCheck.objects.values_list("identifier", flat=True)) == {
        "vclaim-anaconda",
        "vclaim-fries",
    }


def test_a_malformed_appearance_link_is_dropped_and_the_fact_check_kept(words_only):
    odd = record("vclaim-odd", "A claim.", appearance_url="not a link")
    result = factchecks_import(records=[odd])
    assert result.created == 1
    assert FactCheck.objects.get().appearance_url == ""


def test_the_same_identifier_from_two_publishers_is_two_fact_checks(words_only):
    factchecks_import(records=[ANACONDA], publisher="Snopes")
    factchecks_import(records=[ANACONDA], publisher="Full Fact")
    assert sorted(FactCheck.objects.values_list("publisher", flat=True)) == [
        "Full Fact",
        "Snopes",
    ]


def test_a_record_naming_its_publisher_keeps_it(words_only):
    own = record("r1", "A claim.", publisher="PolitiFact")
    factchecks_import(records=[own], publisher="Snopes")
    assert FactCheck.objects.get().publisher == "PolitiFact"


def test_an_identifier_repeated_in_one_import_keeps_the_last_record(words_only):
    later = record(ANACONDA.identifier, ANACONDA.claim, line=9, rating="False")
    result = factchecks_import(records=[ANACONDA, FRIES, later])
    assert (result.created, result.duplicates) == (2, 1)
    assert FactCheck.objects.get(identifier=ANACONDA.identifier).rating == "False"


def test_progress_is_reported_per_batch(words_only):
    seen = []
    factchecks_import(records=[ANACONDA, FRIES], progress=lambda done, total: seen.append(done))
    assert seen == [2]


def test_warnings_of_the_parser_are_kept_with_the_fact_check(words_only):
    undated = record("u1", "A claim.", line=7, warnings=("unreadable date 'x': left out",))
    result = factchecks_import(records=[undated])
    assert result.created == 1
    assert [(w.line, w.message) for w in result.warnings] == [(7, "unreadable date 'x': left out")]


# --- matching -----------------------------------------------------------------------------


def test_a_claim_is_matched_to_the_fact_check_that_checked_it(words_only):
    factchecks_import(records=[ANACONDA, FRIES, DRAFT], publisher="Snopes")
    matches = factcheck_matches(
        text="Huge anaconda filmed swimming across a river in Brazil! pic.twitter.com/abc",
        top_k=3,
    )
    assert matches[0].factcheck.identifier == "vclaim-anaconda"
    assert matches[0].score > 0
    assert all(a.score >= b.score for a, b in zip(matches, matches[1:], strict=False))


def test_an_empty_archive_matches_nothing(words_only):
    assert factcheck_matches(text="Anything at all", top_k=5) == []


def test_matching_sees_fact_checks_imported_after_the_first_search(words_only):
    factchecks_import(records=[ANACONDA, FRIES])
    before = factcheck_matches(text="Army draft text messages", top_k=1)
    assert [m.factcheck.identifier for m in before] != ["vclaim-draft"]
    factchecks_import(records=[DRAFT])
    after = factcheck_matches(text="Army draft text messages", top_k=1)
    assert [m.factcheck.identifier for m in after] == ["vclaim-draft"]


def test_an_updated_fact_check_is_matched_by_its_new_text(words_only):
    factchecks_import(records=[ANACONDA, FRIES])
    assert factcheck_matches(text="giraffe on a skateboard", top_k=1) == []
    giraffe = record(FRIES.identifier, "A video shows a giraffe riding a skateboard.")
    factchecks_import(records=[giraffe])
    [match] = factcheck_matches(text="giraffe on a skateboard", top_k=1)
    assert match.factcheck.identifier == FRIES.identifier


def test_many_claims_are_matched_in_one_call_in_their_order(words_only):
    factchecks_import(records=[ANACONDA, FRIES, DRAFT])
    results = factcheck_matches_many(
        texts=["military draft texts", "dollar fries at McDonald's", "no shared word here"],
        top_k=1,
    )
    assert [[m.factcheck.identifier for m in r] for r in results] == [
        ["vclaim-draft"],
        ["vclaim-fries"],
        [],
    ]


def test_a_minimum_score_keeps_weak_matches_out(words_only):
    factchecks_import(records=[ANACONDA, FRIES, DRAFT])
    assert factcheck_matches(text="river", top_k=3, min_score=0.9) == []


def test_with_dense_matching_off_nothing_is_embedded(words_only):
    result = factchecks_import(records=[ANACONDA])
    stored = FactCheck.objects.get()
    assert (result.embedded, stored.embedding, stored.embedding_model) == (0, None, "")


# --- with the sentence encoder ------------------------------------------------------------


@pytest.fixture
def encoder(settings):
    settings.FACTCHECK_MATCHING_DENSE = True
    encoder = factcheck_encoder()
    if encoder is None:
        pytest.skip("no sentence encoder installed (claimextract/encoder.py and its model)")
    return encoder


def test_each_fact_check_is_stored_with_its_unit_embedding(encoder):
    result = factchecks_import(records=[ANACONDA, FRIES])
    assert result.embedded == 2
    stored = FactCheck.objects.get(identifier="vclaim-anaconda")
    assert (stored.embedding_model, stored.embedding_dim) == (encoder.name, encoder.dim)
    vector = np.frombuffer(bytes(stored.embedding), dtype=np.float32)
    assert vector.shape == (encoder.dim,)
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-4)
    # The int8 graph quantizes activations per batch: alone, a text embeds a hair apart.
    alone = encoder.embed([stored.search_text])[0]
    assert np.dot(vector, alone) > 0.98


def test_an_unchanged_text_is_not_embedded_again(encoder):
    factchecks_import(records=[ANACONDA, FRIES])
    rerated = record(ANACONDA.identifier, ANACONDA.claim, title=ANACONDA.title, rating="False")
    result = factchecks_import(records=[rerated, FRIES])
    assert (result.updated, result.unchanged, result.embedded) == (1, 1, 0)


def test_a_paraphrase_sharing_few_words_is_matched_by_meaning(encoder):
    factchecks_import(records=[ANACONDA, FRIES, DRAFT])
    [match] = factcheck_matches(text="Giant snake filmed in South American waters", top_k=1)
    assert match.factcheck.identifier == "vclaim-anaconda"
    assert match.dense > 0.3


# --- as the archive provider offers them ----------------------------------------------------


def test_the_archive_provider_offers_a_matching_fact_check_with_its_rating(words_only, claim):
    from reviews.providers.archive import ArchiveProvider

    published = record(
        "https://checks.example/same-claim",
        claim.display_text,
        title="Checked before",
        rating="False",
        url="https://checks.example/same-claim",
    )
    unaddressed = record("no-url", claim.display_text, line=2, rating="True")
    factchecks_import(records=[published, unaddressed], publisher="Example Checks")
    found = [c for c in ArchiveProvider().search(claim) if c.extra.get("kind") == "fact_check"]
    assert [(c.url, c.publisher, c.extra["rating"]) for c in found] == [
        ("https://checks.example/same-claim", "Example Checks", "False")
    ]
    assert "Rated: False." in found[0].snippet
    assert found[0].score >= 0.6
