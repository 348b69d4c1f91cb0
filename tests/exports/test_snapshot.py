import dataclasses

from reviews.exports.snapshot import ReportSnapshot, first_sentence, markdown_to_safe_html
from tests.exports.samples import claim, sample, snapshot


def test_snapshot_survives_a_round_trip_through_its_dict():
    original = sample()
    assert ReportSnapshot.from_dict(original.to_dict()) == original


def test_snapshot_from_dict_ignores_fields_it_does_not_know():
    data = sample().to_dict()
    data["claims"][0]["written_by_a_newer_version"] = True
    data["something_new"] = 1
    assert ReportSnapshot.from_dict(data) == sample()


def test_fingerprint_ignores_version_dates_and_corrections():
    first = sample()
    later = dataclasses.replace(
        first, version=5, published_at="2023-01-01T00:00:00+00:00", corrections=()
    )
    assert first.fingerprint() == later.fingerprint()


def test_fingerprint_changes_with_a_rating():
    first = snapshot(claim(1, "A claim."))
    changed = snapshot(claim(1, "A claim.", rating="True", rating_slug="true", rating_value=5))
    assert first.fingerprint() != changed.fingerprint()


def test_conclusion_is_the_first_sentence_of_the_rationale_as_plain_text():
    rationale = "The **U.S.** figure of 2,030 troops is right. Mr. Smith was wrong."
    assert first_sentence(rationale) == "The U.S. figure of 2,030 troops is right."


def test_conclusion_of_a_single_sentence_is_that_sentence():
    assert first_sentence("No source confirms it") == "No source confirms it"


def test_correction_message_names_the_claim_both_ratings_the_date_and_the_reason():
    entry = sample().corrections[0]
    assert entry.message == (
        "Rating of claim 1 (“As many as 7,939 people had been detained during the violence.”) "
        "changed from False to Mostly true on 12 January 2022: "
        "the ministry published a revised count"
    )


def test_rationale_markdown_is_rendered_and_stripped_of_active_content():
    rendered = markdown_to_safe_html(
        "**bold** <script>alert(1)</script> <img src=x onerror=alert(2)> "
        "[link](javascript:alert(3)) [ok](https://example.org)"
    )
    assert "<strong>bold</strong>" in rendered
    assert "<script" not in rendered and "alert(1)" not in rendered
    assert "<img" not in rendered and "onerror" not in rendered
    assert "javascript:" not in rendered
    assert 'href="https://example.org"' in rendered


def test_correction_that_keeps_the_rating_says_so():
    entry = dataclasses.replace(sample().corrections[0], old_rating="False", new_rating="False")
    assert entry.message.startswith("Claim 1 (“As many as 7,939")
    assert entry.message.endswith(
        "was corrected on 12 January 2022; its rating stays False: "
        "the ministry published a revised count"
    )


def test_withdrawn_claim_says_so():
    entry = dataclasses.replace(sample().corrections[0], new_rating="")
    assert ", rated False, was withdrawn on 12 January 2022: the ministry" in entry.message
