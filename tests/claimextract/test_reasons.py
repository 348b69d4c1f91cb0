"""Reasons for a score in words a reviewer understands: the verdict, then what the pipeline
found in the unit. No vocabulary weights.

Pure Python: no Django.
"""

from __future__ import annotations

import datetime
import json

import pytest

from claimextract import explain_score, extract_claims
from claimextract.dates import find_dates
from claimextract.quantities import find_quantities
from claimextract.reasons import LIKELY, describe, verdict

THRESHOLD = 0.33


def reasons_for(text: str, *, score: float = 0.9, **signals) -> list[str]:
    """The reasons with the signals the pipeline's own extractors find in `text`."""
    published = signals.pop("published", None)
    return describe(
        text,
        score=score,
        threshold=THRESHOLD,
        quantities=find_quantities(text),
        dates=find_dates(text, published=published),
        **signals,
    )


@pytest.mark.parametrize(
    ("score", "words"),
    [
        (0.874, "likely worth checking (0.87)"),
        (LIKELY, "likely worth checking (0.70)"),
        (0.699, "possibly worth checking (0.69)"),
        (THRESHOLD, "possibly worth checking (0.33)"),
        (0.3299, "unlikely to be worth checking (0.32)"),
        (0.29, "unlikely to be worth checking (0.29)"),
        (0.0, "unlikely to be worth checking (0.00)"),
        (1.0, "likely worth checking (1.00)"),
        (0.57, "possibly worth checking (0.57)"),
    ],
)
def test_the_verdict_agrees_with_the_threshold(score, words):
    assert verdict(score, THRESHOLD) == words


def test_the_verdict_comes_first_and_alone_when_nothing_else_is_found():
    assert reasons_for("Thank you very much.", score=0.02) == [
        "unlikely to be worth checking (0.02)"
    ]


def test_figures_are_named_with_the_words_of_the_text():
    reasons = reasons_for("Kazakhstan said 2,030 troops and 250 pieces of military hardware came.")
    assert "states numbers (2,030 troops, 250 pieces of military hardware)" in reasons
    reasons = reasons_for("The tax cut cost $1.5 trillion and 83% went to the top.")
    assert "states an amount of money ($1.5 trillion)" in reasons
    assert "states a percentage (83%)" in reasons
    assert not any(r.startswith("states a number") for r in reasons)


def test_a_speaker_a_date_and_the_kind_are_named():
    text = "President Kassym-Jomart Tokayev said on Monday that order had been restored."
    reasons = reasons_for(
        text,
        speaker="Kassym-Jomart Tokayev",
        kind="event",
        published=datetime.date(2022, 1, 10),
    )
    assert "attributed to Kassym-Jomart Tokayev" in reasons
    assert "a date (on Monday: 10 January 2022)" in reasons
    assert "reports an event" in reasons
    assert reasons_for("The blackout ended on 31 December.")[1:] == ["a date (on 31 December)"]


def test_predictions_questions_and_opinions_are_marked_not_checkable():
    assert "a prediction: not checkable yet" in reasons_for(
        "Russian troops will stay.", kind="prediction"
    )
    assert "a question: not checkable as stated" in reasons_for("Why would anyone believe that?")
    assert "an opinion: not checkable as stated" in reasons_for("I think we need to do better.")
    assert "a call to act: not checkable as stated" in reasons_for("We must stop this madness.")
    # An opinion wrapped around a figure is still a figure to check.
    hedged = reasons_for("I think unemployment is 12 percent.")
    assert "an opinion: not checkable as stated" not in hedged
    assert "states a percentage (12 percent)" in hedged


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment fell to 3.5 percent last year, the lowest in 50 years.",
        "Crime in our cities has gone up 40 percent since 2015.",
        "It is the worst violence Kazakhstan has seen in its 30 years of independence.",
        "Since 2015 crime has doubled.",
        "GDP grew 2.1 per cent, the fastest pace since 2010.",
        "Инфляция выросла до 8,4% — максимум с 2016 года.",
    ],
)
def test_comparisons_with_the_past_are_recognised(text):
    assert "compares with the past" in reasons_for(text)


@pytest.mark.parametrize(
    "text",
    [
        # "more than" qualifies the figure; "since" only dates the arrival.
        "More than 2,000 troops have arrived since Monday.",
        # The rise comes after the date, in another clause.
        "Unrest has gripped the country since January 2, when protests against a rise in "
        "fuel prices broke out.",
        "He has lived in Ohio since 1990.",
    ],
)
def test_a_date_or_a_qualifier_alone_is_no_comparison_with_the_past(text):
    assert "compares with the past" not in reasons_for(text)


def test_other_comparisons_are_named():
    assert "makes a comparison" in reasons_for("The plan is better than the Senate's.")
    assert "makes a comparison" in reasons_for("Almaty, the country's largest city, is online.")
    assert "makes a comparison" not in reasons_for("He would rather stay than go.")
    assert "makes a comparison" not in reasons_for("As many as 7,939 people were detained.")


def test_no_reason_is_a_bare_word_weight():
    claims = extract_claims(
        "Unemployment fell to 3.5 percent last year. Thank you all for coming. Will it last?"
    )
    for claim in claims:
        for reason in claim.reasons:
            assert not reason.startswith("word "), reason
            assert "weight" not in reason


def test_every_claim_carries_its_reasons_in_its_json():
    text = (
        "The Kazakh Ministry of Internal Affairs said that as many as 7,939 people had been "
        "detained. Thank you for reading."
    )
    claims = extract_claims(text)
    detained, thanks = claims
    assert detained.reasons[0].startswith("likely worth checking (")
    assert "states a number (as many as 7,939 people)" in detained.reasons
    assert "attributed to Kazakh Ministry of Internal Affairs" in detained.reasons
    assert thanks.reasons == [verdict(thanks.checkworthiness, THRESHOLD)]
    payload = json.loads(json.dumps([c.as_json() for c in claims]))
    assert [c["reasons"] for c in payload] == [detained.reasons, thanks.reasons]


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment fell to 3.5 percent last year, the lowest in 50 years.",
        "Thank you very much, it is great to be here.",
        "Prime Minister Rutte said the cabinet would not intervene.",
        "  Crime has gone up 40 percent since 2015.\n",
    ],
)
def test_explain_score_gives_the_reasons_of_the_text_as_one_claim(text):
    claims = extract_claims(text)
    assert len(claims) == 1
    assert explain_score(text) == claims[0].reasons
    assert explain_score(text, k=2) == claims[0].reasons[:2]


def test_explain_score_of_nothing_is_nothing():
    assert explain_score("") == []
    assert explain_score("  \n ") == []
