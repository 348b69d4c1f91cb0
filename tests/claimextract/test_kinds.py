"""Claim kinds: the rules and their order of precedence."""

from __future__ import annotations

import pytest

from claimextract.kinds import KINDS, classify_kind, quoted_words
from claimextract.quantities import find_quantities
from tests.claimextract.reference import ARTICLE, read_shared


def kind(text: str, speaker: str | None = None, *, headline: bool = False, lang: str = "en"):
    quantities = find_quantities(text, lang=lang)
    return classify_kind(text, speaker=speaker, quantities=quantities, headline=headline)


# The reference article, unit by unit, with the speaker attribution gives each.
REFERENCE_UNITS = [
    (
        "Internet services also restored as situation stabilizes in Kazakhstan",
        None,
        True,
        "event",
    ),
    (
        "Kazakhstan’s constitutional order has been restored after an “an attempted coup d’état” "
        "was thwarted, President Kassym-Jomart Tokayev said on Monday.",
        "Kassym-Jomart Tokayev",
        False,
        "quote",
    ),
    (
        "Internet services have also returned to Almaty, Kazakhstan’s largest city, following a "
        "five-day blackout.",
        None,
        False,
        "event",
    ),
    ("“Order has been fully restored in Kazakhstan.", "Tokayev", False, "quote"),
    (
        "Tokayev said that a large-scale “counter-terrorism” operation would soon end along with "
        "a CSTO mission that had 2,030 troops and 250 pieces of military hardware.",
        "Tokayev",
        False,
        "prediction",
    ),
    (
        "The oil and gas-rich Central Asian nation has been gripped by unrest since January 2 "
        "after mass protests broke out over a fuel price hike in the worst violence in "
        "Kazakhstan’s 30 years of independence.",
        None,
        False,
        "event",
    ),
    (
        "The situation is steadily stabilizing in Kazakhstan, according to the country’s "
        "National Security Committee.",
        "National Security Committee",
        False,
        "attribution",
    ),
    (
        "All seized administrative facilities in Almaty, Kyzylorda, Taldykorgan, and Taraz have "
        "been recaptured.",
        None,
        False,
        "event",
    ),
    (
        "As many as 7,939 people were detained during the violence, according to the Kazakh "
        "Ministry of Internal Affairs.",
        "Kazakh Ministry of Internal Affairs",
        False,
        "statistic",
    ),
    (
        "More than 2,000 injured during several days of violence and scores of citizens and more "
        "than a dozen security forces personnel were killed.",
        None,
        False,
        "statistic",
    ),
    ("Russian troops will stay to finish job in Kazakhstan: Putin", "Putin", True, "prediction"),
    (
        "On Monday, Russian President Vladimir Putin said that recent unrest in Kazakhstan had "
        "been caused by “destructive internal and external forces” and that more than 2,000 "
        "troops his country had sent as “peacekeepers” would leave once their mission was "
        "complete.",
        "Vladimir Putin",
        False,
        "quote",
    ),
    (
        "Putin made the comments at a meeting of CSTO, a body equivalent to NATO that includes "
        "six members — Russia, Armenia, Belarus, Kazakhstan, Kyrgyzstan and Tajikistan.",
        "Putin",
        False,
        "statistic",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "headline", "expected"), REFERENCE_UNITS)
def test_reference_article_units_get_sensible_kinds(text, speaker, headline, expected):
    assert kind(text, speaker, headline=headline) == expected


def test_reference_article_units_classify_the_same_read_from_the_file():
    article = read_shared(ARTICLE)
    for text, speaker, headline, expected in REFERENCE_UNITS:
        assert text in article
        assert kind(text, speaker, headline=headline) == expected


def test_a_quotation_with_a_speaker_outranks_numbers_and_the_future():
    text = "“We will send 2,030 troops because they asked,” Tokayev said."
    assert kind(text, "Tokayev") == "quote"


def test_a_quotation_without_a_speaker_is_classified_by_what_it_says():
    assert kind("“We will send 2,030 troops there soon.”") == "prediction"


def test_scare_quotes_are_not_a_quotation():
    assert quoted_words("a large-scale “counter-terrorism” operation") == 1
    assert kind("He called it a “counter-terrorism” operation, Tokayev said.", "Tokayev") == (
        "attribution"
    )


def test_a_quotation_cut_by_the_sentence_splitter_still_counts():
    assert quoted_words("“Order has been fully restored in Kazakhstan.") == 7
    assert quoted_words("Threats have been repelled,” said Tokayev.") == 4


@pytest.mark.parametrize(
    "text",
    [
        "The economy will grow by 3% next year.",
        "Prices are expected to rise 10%.",
        "The ministry plans to hire 500 teachers.",
        "Tokayev said the 2,000 troops would leave.",
        "The bank forecasts 4% inflation.",
        "Правительство будет повышать налоги на 5%.",
    ],
)
def test_a_prediction_outranks_a_statistic(text):
    lang = "ru" if "Правительство" in text else "en"
    assert kind(text, lang=lang) == "prediction"


def test_reported_would_needs_a_reporting_verb():
    assert kind("It would be wrong to blame them.") == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose 10% because of the drought.",
        "The blackout was caused by a storm.",
        "Unemployment fell due to 2,000 new jobs.",
        "The protests led to 164 deaths.",
        "Цены выросли на 10% из-за засухи.",
    ],
)
def test_a_causal_claim_outranks_a_statistic(text):
    lang = "ru" if "Цены" in text else "en"
    assert kind(text, lang=lang) == "causal"


def test_following_is_temporal_not_causal():
    assert kind("Services returned following a blackout.") == "event"


def test_a_statistic_outranks_attribution():
    text = "As many as 7,939 people were detained, according to the ministry."
    assert kind(text, "the ministry") == "statistic"


def test_a_speaker_without_a_quotation_is_an_attribution():
    assert kind("The situation is stabilizing, the committee said.", "the committee") == (
        "attribution"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Mass protests broke out over a fuel price hike.",
        "The facilities have been recaptured.",
        "Several activists were detained.",
        "Российские войска были выведены.",
    ],
)
def test_something_reported_as_having_happened_is_an_event(text):
    lang = "ru" if "войска" in text else "en"
    assert kind(text, lang=lang) == "event"


def test_a_bare_participle_makes_an_event_only_in_a_headline():
    assert kind("Internet services reconnected", headline=True) == "event"
    assert kind("Internet services reconnected") == "other"


def test_a_headline_infinitive_is_a_prediction():
    assert kind("Kazakhstan to hold snap elections", headline=True) == "prediction"


def test_durations_alone_decide_only_when_nothing_else_does():
    assert kind("The blackout lasted five days.") == "statistic"
    assert kind("Protests broke out in the country's 30 years of independence.") == "event"


def test_nothing_to_check_is_other():
    assert kind("The situation is complicated.") == "other"


@pytest.mark.parametrize("text", ["", "   ", "“", "”", "«»", "\"'"])
def test_every_answer_is_one_of_the_kinds(text):
    assert kind(text, "someone") in KINDS
    assert kind(text) in KINDS
