"""Quantities: value, unit and qualifier, anchored to the text they were read from."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimextract.quantities import find_quantities
from tests.claimextract.reference import ARTICLE, read_shared


def found(text: str, lang: str = "en") -> list[tuple]:
    return [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities(text, lang=lang)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "As many as 7,939 people were detained during the violence.",
            [("As many as 7,939 people", 7939, "people", "as many as")],
        ),
        (
            "More than 2,000 injured during several days of violence.",
            [("More than 2,000", 2000, None, "more than")],
        ),
        (
            "a CSTO mission that had 2,030 troops and 250 pieces of military hardware.",
            [
                ("2,030 troops", 2030, "troops", None),
                ("250 pieces of military hardware", 250, "pieces of military hardware", None),
            ],
        ),
        (
            "more than 2,000 troops his country had sent as peacekeepers",
            [("more than 2,000 troops", 2000, "troops", "more than")],
        ),
        (
            "scores of citizens and more than a dozen security forces personnel were killed.",
            [
                (
                    "more than a dozen security forces personnel",
                    12,
                    "security forces personnel",
                    "more than",
                )
            ],
        ),
        ("in Kazakhstan’s 30 years of independence.", [("30 years", 30, "years", None)]),
        ("following a five-day blackout.", [("five-day", 5, "day", None)]),
        ("a body that includes six members — Russia", [("six members", 6, "members", None)]),
    ],
)
def test_reference_article_sentences_yield_their_quantities(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Prices rose 3.5 percent.", [("3.5 percent", 3.5, "percent", None)]),
        ("Turnout was 12% lower.", [("12%", 12, "percent", None)]),
        ("a rise of 2 percentage points", [("2 percentage points", 2, "percentage points", None)]),
        ("a loan of $1.5 billion", [("$1.5 billion", 1_500_000_000, "USD", None)]),
        ("a fund of €200 million", [("€200 million", 200_000_000, "EUR", None)]),
        ("a £1.5bn deal", [("£1.5bn", 1_500_000_000, "GBP", None)]),
        ("a 1.5bn deal", [("1.5bn deal", 1_500_000_000, "deal", None)]),
        ("paid $2m in fines", [("$2m", 2_000_000, "USD", None)]),
        ("a million dollars", [("a million dollars", 1_000_000, "USD", None)]),
        ("2 million people", [("2 million people", 2_000_000, "people", None)]),
        ("twenty-five years", [("twenty-five years", 25, "years", None)]),
        ("two hundred and five men", [("two hundred and five men", 205, "men", None)]),
        ("a 30-year-old man", [("30-year-old", 30, "year-old", None)]),
        ("some 9 km away", [("some 9 km", 9, "km", "some")]),
        (
            "up to 40 tonnes of food aid",
            [("up to 40 tonnes of food aid", 40, "tonnes of food aid", "up to")],
        ),  # fmt: skip
        ("one person died", [("one person", 1, "person", None)]),
        ("2,000 Russian troops", [("2,000 Russian troops", 2000, "Russian troops", None)]),
        ("2000 troops", [("2000 troops", 2000, "troops", None)]),
        ("the 100m sprint", [("100m", 100, "m", None)]),
        ("warming of 2 °C (3.6 °F)", [("2 °C", 2, "°C", None), ("3.6 °F", 3.6, "°F", None)]),
        (
            "11,602 peer-reviewed articles",
            [("11,602 peer-reviewed articles", 11602, "peer-reviewed articles", None)],
        ),  # fmt: skip
        ("one paper rejecting it", [("one paper", 1, "paper", None)]),
        ("a 30 ppm increase took place", [("30 ppm increase", 30, "ppm increase", None)]),
    ],
)
def test_units_are_currencies_percentages_hyphen_words_or_the_noun_that_follows(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    ("qualifier", "number"),
    [
        ("more than", "5"),
        ("over", "5"),
        ("less than", "5"),
        ("fewer than", "5"),
        ("under", "5"),
        ("at least", "5"),
        ("at most", "5"),
        ("as many as", "5"),
        ("as few as", "5"),
        ("up to", "5"),
        ("about", "5"),
        ("around", "5"),
        ("nearly", "5"),
        ("almost", "5"),
        ("roughly", "5"),
        ("approximately", "5"),
        ("some", "5"),
        ("Nearly", "five"),
        ("no more than", "5"),
    ],
)
def test_qualifiers_are_lower_cased_and_part_of_the_quantity_text(qualifier, number):
    [quantity] = find_quantities(f"It took {qualifier} {number} vehicles.")
    assert quantity.qualifier == qualifier.lower()
    assert quantity.text == f"{qualifier} {number} vehicles"
    assert quantity.value == 5
    assert quantity.unit == "vehicles"


def test_a_range_is_two_quantities():
    assert found("between 10 and 20 people") == [
        ("10", 10, None, None),
        ("20 people", 20, "people", None),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Temperatures fell to -25 °C overnight.", [("-25 °C", -25, "°C", None)]),
        ("Output shrank (−3.5 percent) in 2020.", [("−3.5 percent", -3.5, "percent", None)]),
        ("between 10-25 people", [("10", 10, None, None), ("25 people", 25, "people", None)]),
    ],
)
def test_a_minus_sign_before_a_number_makes_it_negative_but_a_hyphen_range_does_not(
    sentence, expected
):
    assert found(sentence) == expected


def test_a_participle_after_the_number_is_not_a_unit():
    assert found("At least 20 killed and 30 wounded")[0][2] is None
    assert found("At least 20 killed and 30 wounded")[1][2] is None


def test_a_plural_head_ends_the_unit():
    assert found("7,939 people were detained")[0][2] == "people"
    assert found("2,030 troops his country sent")[0][2] == "troops"


def test_only_counting_nouns_keep_their_of_complement():
    assert found("250 pieces of military hardware")[0][2] == "pieces of military hardware"
    assert found("30 years of independence")[0][2] == "years"


@pytest.mark.parametrize(
    "sentence",
    [
        "unrest since January 2 after protests",
        "As of January 10, the situation is under control.",
        "It happened in 2022.",
        "since 2021",
        "on 10 January 2022",
        "Jan. 10",
        "2022-01-10",
        "three days ago",
        "the first time",
        "the 21st century",
        "in the 1990s",
        "at 10:30",
        "at 5 pm",
        "COVID-19 infections",
        "under Article 5",
        "the 2021 census",
        "the 2021-22 season",
        "scores of citizens",
        "dozens of people",
        "hundreds of protesters",
        "several days",
        "one of them",
        "no one came",
        "a one-off payment",
        "two-thirds of voters",
        "One costs more.",
    ],
)
def test_dates_ordinals_times_identifiers_and_vague_amounts_are_not_quantities(sentence):
    assert find_quantities(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("более 2 тыс. человек", [("более 2 тыс. человек", 2000, "человек", "более")]),
        ("задержаны 7939 человек", [("7939 человек", 7939, "человек", None)]),
        (
            "около 250 единиц техники",
            [("около 250 единиц техники", 250, "единиц техники", "около")],
        ),  # fmt: skip
        ("погибли 7 939 человек", [("7 939 человек", 7939, "человек", None)]),
        ("свыше 2,5 млн рублей", [("свыше 2,5 млн рублей", 2_500_000, "RUB", "свыше")]),
        ("рост на 3,5%", [("3,5%", 3.5, "percent", None)]),
        ("более 2 тыс. пострадавших.", [("более 2 тыс.", 2000, None, "более")]),
        ("10 января 2022 года", []),
        ("со 2 января", []),
        ("в 2021 году", []),
    ],
)
def test_russian_quantities(sentence, expected):
    assert found(sentence, lang="ru") == expected


def test_every_number_of_the_reference_article_is_a_quantity_and_its_dates_are_not():
    text = read_shared(ARTICLE)
    quantities = find_quantities(text)
    assert [(q.text, q.value, q.unit, q.qualifier) for q in quantities] == [
        ("five-day", 5, "day", None),
        ("2,030 troops", 2030, "troops", None),
        ("250 pieces of military hardware", 250, "pieces of military hardware", None),
        ("30 years", 30, "years", None),
        ("As many as 7,939 people", 7939, "people", "as many as"),
        ("More than 2,000", 2000, None, "more than"),
        (
            "more than a dozen security forces personnel",
            12,
            "security forces personnel",
            "more than",
        ),  # fmt: skip
        ("more than 2,000 troops", 2000, "troops", "more than"),
        ("six members", 6, "members", None),
    ]
    for quantity in quantities:
        assert text[quantity.start : quantity.end] == quantity.text
    assert "January 2" not in {q.text for q in quantities}


def test_a_megabyte_of_repeated_news_finds_every_quantity():
    sentence = (
        "As many as 7,939 people were detained on Monday, and more than a dozen of $1.5 billion "
        "in 30 years since January 2, 2022, said officials of 250 pieces of hardware. "
    )
    text = sentence * (1_000_000 // len(sentence))
    quantities = find_quantities(text)
    assert len(quantities) == 5 * (1_000_000 // len(sentence))


NEWSY_PIECES = [
    *"0123456789 ,.-%$€£/:\n",
    *["more than ", "a dozen ", "January ", "2022", "people", "five", "-day", "тыс.", "человек"],
]
NEWSY = st.lists(st.sampled_from(NEWSY_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=120), NEWSY), lang=st.sampled_from(["en", "ru"]))
def test_quantities_never_crash_and_their_offsets_slice_to_their_text(text, lang):
    for quantity in find_quantities(text, lang=lang):
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert text[quantity.start : quantity.end] == quantity.text
        assert isinstance(quantity.value, int | float)
