"""The whole pipeline on the demo article and on the original article it retells.

The original lives in ../shared/articles: CI always has it, and a contributor's fresh
clone, without ../shared, skips those cases (tests/claimextract/reference.py).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from claimextract import extract_claims
from tests.claimextract.reference import ARTICLE, read_shared

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "fixtures" / "demo_article.txt"
ORIGINAL = ARTICLE
PUBLISHED = datetime.date(2022, 1, 10)

TOKAYEV = "Kassym-Jomart Tokayev"
COMMITTEE = "National Security Committee"
MINISTRY = "Ministry of Internal Affairs"
PUTIN = "Vladimir Putin"
KARIN = "Erlan Karin"

# (fragment that identifies the claim, speaker it must carry) for each text.
SPEAKERS = {
    "demo": [
        ("constitutional order had been restored", TOKAYEV),
        ("Order has been fully restored", TOKAYEV),
        ("Threats to the security of the country", TOKAYEV),
        ("counter-terrorism", TOKAYEV),
        ("armed militants", TOKAYEV),
        ("steadily stabilizing", COMMITTEE),
        ("As of January 10", COMMITTEE),
        ("hotbeds of the terrorist threat", COMMITTEE),
        ("7,939", MINISTRY),
        ("destructive internal and external forces", PUTIN),
        ("peacekeepers", PUTIN),
        ("for a limited time period", PUTIN),
        ("The Russian leader added", PUTIN),
        ("exclusively peacekeeping", KARIN),
        ("Once the situation is stabilized", KARIN),
        ("guard essential facilities", KARIN),
    ],
    "original": [
        ("attempted coup", TOKAYEV),
        ("Order has been fully restored", TOKAYEV),
        ("Threats to the security of the country", TOKAYEV),
        ("counter-terrorism", TOKAYEV),
        ("armed militants", TOKAYEV),
        ("steadily stabilizing", COMMITTEE),
        ("As of January 10", COMMITTEE),
        ("hotbeds of the terrorist threat", COMMITTEE),
        ("7,939", MINISTRY),
        ("destructive internal and external forces", PUTIN),
        ("for a limited time period", PUTIN),
        ("The Russian leader added", PUTIN),
        ("exclusively peacekeeping", KARIN),
        ("Once the situation is stabilized", KARIN),
    ],
}

# Every number of the article, as (fragment of the claim, quantity value).
QUANTITIES = [
    ("2,030", 2030),
    ("250 pieces", 250),
    ("7,939", 7939),
    ("More than 2,000", 2000),
    ("more than 2,000 troops", 2000),
    ("more than a dozen", 12),
    ("30 years", 30),
    ("six members", 6),
]


def load(name: str) -> str:
    if name == "demo":
        return DEMO.read_text(encoding="utf-8")
    return read_shared(ORIGINAL)


@pytest.fixture(params=["demo", "original"])
def article(request):
    text = load(request.param)
    return request.param, text, extract_claims(text, published=PUBLISHED)


def claim_containing(claims, fragment: str):
    found = [c for c in claims if fragment in c.text]
    assert found, f"no claim contains {fragment!r}"
    return found[0]


def test_every_claim_is_an_exact_span_of_the_text(article):
    _, text, claims = article
    assert claims
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    assert [c.index for c in claims] == list(range(len(claims)))


def test_units_cover_every_word_of_the_text(article):
    _, text, claims = article

    def squeeze(s: str) -> str:
        return "".join(s.split())

    assert squeeze("".join(c.text for c in claims)) == squeeze(text)


def test_headline_and_subheading_are_units_of_their_own(article):
    _, text, claims = article
    lines = [line for line in text.splitlines() if line.strip()]
    headlines = [c.text for c in claims if c.headline]
    assert lines[0] in headlines
    assert any("Russian troops will stay" in h for h in headlines)
    assert len(headlines) == 2


def test_every_attributed_statement_carries_its_speaker(article):
    name, _, claims = article
    for fragment, speaker in SPEAKERS[name]:
        claim = claim_containing(claims, fragment)
        assert claim.speaker and speaker in claim.speaker, (fragment, claim.speaker)


def test_every_number_is_a_quantity(article):
    _, _, claims = article
    for fragment, value in QUANTITIES:
        claim = claim_containing(claims, fragment)
        assert value in [q.value for q in claim.quantities], (fragment, claim.quantities)


def test_on_monday_resolves_to_the_publication_date(article):
    _, _, claims = article
    mondays = [d for c in claims for d in c.dates if "Monday" in d.text]
    assert mondays
    assert {d.value for d in mondays} == {"2022-01-10"}


def test_month_and_day_dates_take_the_publication_year(article):
    _, _, claims = article
    values = {d.value for c in claims for d in c.dates}
    assert {"2022-01-02", "2022-01-10"} <= values


def test_statistics_outscore_pleasantries():
    claims = extract_claims(
        "As many as 7,939 people were detained, the ministry said. Thank you all for coming."
    )
    assert claims[0].checkworthiness > claims[1].checkworthiness
    assert claims[0].kind == "statistic"
    assert all(0.0 <= c.checkworthiness <= 1.0 for c in claims)


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\n\n"])
def test_empty_text_has_no_claims(text):
    assert extract_claims(text) == []


def test_lines_mode_keeps_each_line_whole():
    text = "SPEAKER 1: We cut taxes. We created 2 million jobs.\n\nSPEAKER 2: That is false.\n"
    claims = extract_claims(text, units="lines")
    assert [c.text for c in claims] == [
        "SPEAKER 1: We cut taxes. We created 2 million jobs.",
        "SPEAKER 2: That is false.",
    ]


def test_claims_carry_reasons_in_words(article):
    _, _, claims = article
    for claim in claims:
        assert claim.reasons
        band = ("likely", "possibly") if claim.checkworthy else ("unlikely",)
        assert claim.reasons[0].startswith(band), claim.reasons
        shown = float(claim.reasons[0].split("(")[1].rstrip(")"))
        assert shown <= claim.checkworthiness < shown + 0.01
    troops = claim_containing(claims, "2,030")
    assert "states numbers (2,030 troops, 250 pieces of military hardware)" in troops.reasons
    assert f"attributed to {TOKAYEV}" in troops.reasons
    monday = claim_containing(claims, "Tokayev said on Monday")
    assert "a date (on Monday: 10 January 2022)" in monday.reasons
    headline = next(c for c in claims if c.headline)
    assert "a headline" in headline.reasons


@pytest.mark.parametrize("glyph", ["- ", "* ", "• ", "⁃ ", "– "])
def test_a_list_items_glyph_is_not_part_of_its_claim(glyph):
    text = f"Key figures\n{glyph}Prices rose by 12 percent last year.\n-5 degrees was the low."
    claims = extract_claims(text)
    texts = [c.text for c in claims]
    assert "Prices rose by 12 percent last year." in texts
    assert "-5 degrees was the low." in texts  # a minus sign is not a bullet
    assert all(text[c.start : c.end] == c.text for c in claims)
