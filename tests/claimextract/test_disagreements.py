"""Numbers that disagree: the same thing counted differently in two claims, found in claims
as the extraction gives them."""

from __future__ import annotations

import pytest

from claimextract import extract_claims
from claimextract.disagreements import (
    MAX_RATIO,
    Disagreement,
    Mention,
    disagreements,
    mentions,
    same_thing,
)


def claim_mentions(text: str, *, first_key: int = 1) -> list[Mention]:
    """The countable quantities of each sentence of `text`, keyed by the claim's number."""
    found: list[Mention] = []
    for key, claim in enumerate(extract_claims(text), start=first_key):
        found += mentions(key, claim.text, [q.as_json() for q in claim.quantities])
    return found


def flagged(text: str) -> dict:
    return disagreements(claim_mentions(text))


def test_same_unit_counts_that_differ_are_flagged_on_both_claims():
    found = flagged(
        "Russia sent 2,030 troops to the peacekeeping mission, officials said on Monday. "
        "The alliance said more than 2,000 troops joined the peacekeeping mission."
    )
    assert found == {
        1: [Disagreement("2,030 troops", 2, "more than 2,000 troops", "troops")],
        2: [Disagreement("more than 2,000 troops", 1, "2,030 troops", "troops")],
    }


def test_death_tolls_that_differ_are_flagged():
    found = flagged(
        "The health ministry said 164 people died in the unrest. "
        "A later count put the death toll at 225 people."
    )
    assert found[1] == [Disagreement("164 people", 2, "225 people", "people")]
    assert found[2] == [Disagreement("225 people", 1, "164 people", "people")]


def test_the_same_figure_is_no_disagreement():
    assert not flagged(
        "Russia sent 2,030 troops to the mission. "
        "The alliance said 2,030 troops joined the mission."
    )


def test_figures_more_than_max_ratio_apart_count_different_things():
    assert MAX_RATIO == 2.0
    assert not flagged(
        "Police detained 9,900 people across the country. "
        "In Almaty alone, police detained 3,000 people."
    )
    # Just within the ratio, the same wording is a lead.
    assert flagged(
        "Police detained 6,000 people across the country. "
        "Police detained 3,000 people across the country, a rights group said."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Turnout was 64 percent in the capital. Turnout was 41 percent in the capital.",
        "The bridge cost $5 million to build. The bridge cost $3 million to build.",
        "He served 10 years in prison for fraud. He served 7 years in prison for fraud.",
        "The lake lies 12 kilometres from the town. The lake lies 9 kilometres from the town.",
    ],
    ids=["percent", "money", "years", "distance"],
)
def test_measures_are_not_compared(text):
    quantities = [q for c in extract_claims(text) for q in c.quantities]
    assert len(quantities) == 2  # the extraction finds both figures ...
    assert not flagged(text)  # ... but measures differ for many reasons


def test_different_events_are_not_the_same_thing():
    assert not flagged(
        "Officials said 164 people died in the clashes. "
        "Officials said 225 people were injured in the clashes."
    )


def test_each_figure_counts_the_event_of_its_own_clause():
    found = flagged(
        "The protests left 164 people dead and 300 people injured. "
        "The health ministry later said 225 people died in the protests."
    )
    assert found[1] == [Disagreement("164 people", 2, "225 people", "people")]
    assert [d.here for d in found[2]] == ["225 people"]


def test_people_with_no_event_need_shared_words():
    assert not flagged(
        "About 120 people attended the concert. The school has 180 people on its staff list."
    )
    assert flagged(
        "About 120 people attended the opening concert. "
        "Organisers counted 180 people at the opening concert."
    )


def test_specific_units_need_one_shared_word():
    assert not flagged("The army sent 300 tanks north. The museum keeps 400 tanks of fish.")
    assert flagged("The army sent 300 tanks to the border. The army moved 400 tanks to the border.")


def test_table_rows_are_not_compared():
    rows = "| Almaty | 120 people | 200 people |"
    assert not mentions(1, rows, [{"text": "120 people", "value": 120, "unit": "people"}])
    assert not flagged(f"{rows}\n| Astana | 150 people | 180 people |\n")


def test_four_digit_model_numbers_are_not_counts():
    text = (
        "The shop sold 3080 cards to gamers in March. The shop sold 2,500 cards to gamers in March."
    )
    found = claim_mentions(text)
    assert [m.text for m in found] == ["2,500 cards"]
    assert not disagreements(found)


def test_acronym_plurals_count_things():
    assert flagged(
        "The lab bought 1,200 GPUs for the training cluster. "
        "The lab bought 1,500 GPUs for the training cluster."
    )


def test_currency_codes_are_measures():
    assert not mentions(
        1, "It cost $5 million.", [{"text": "$5 million", "value": 5e6, "unit": "USD"}]
    )


def test_earlier_claims_are_flagged_on_this_articles_claims_only():
    article = claim_mentions("The health ministry said 164 people died in the unrest.")
    earlier = claim_mentions(
        "The final death toll of the unrest was 225 people, the government said.", first_key=100
    )
    found = disagreements(article, earlier)
    assert found == {1: [Disagreement("164 people", 100, "225 people", "people")]}


def test_earlier_claims_of_other_events_or_scopes_are_not_flagged():
    article = claim_mentions("The health ministry said 164 people died in the unrest.")
    earlier = claim_mentions(
        "Police said 200 people were arrested during the unrest. "
        "Across the region, 9,000 people died in the unrest.",
        first_key=100,
    )
    assert not disagreements(article, earlier)


def test_a_figure_written_twice_is_one_lead():
    one = Mention(1, "164 people", 164, "people", "164 people died; yes, 164 people died.")
    other = Mention(2, "225 people", 225, "people", "225 people died.")
    assert disagreements([one, one, other]) == {
        1: [Disagreement("164 people", 2, "225 people", "people")],
        2: [Disagreement("225 people", 1, "164 people", "people")],
    }


def test_quantities_of_one_claim_do_not_disagree_with_each_other():
    assert not flagged("Police detained 1,200 people on Monday and 1,500 people on Tuesday.")


def test_same_thing_needs_the_same_unit():
    a = Mention(1, "2,030 troops", 2030, "troops", "Russia sent 2,030 troops to the mission.")
    b = Mention(2, "2,000 soldiers", 2000, "soldiers", "Russia sent 2,000 soldiers to the mission.")
    assert not same_thing(a, b)


def test_stored_quantities_that_are_not_numbers_are_skipped():
    stored = [
        {"text": "some troops", "value": None, "unit": "troops"},
        {"text": "true troops", "value": True, "unit": "troops"},
        {"text": "no unit", "value": 12, "unit": None},
        {"text": "2,030 troops", "value": 2030, "unit": "troops"},
    ]
    assert [m.text for m in mentions(1, "Russia sent 2,030 troops.", stored)] == ["2,030 troops"]
