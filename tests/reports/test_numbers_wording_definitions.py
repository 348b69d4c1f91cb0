"""Published reports as the desk makes them: stable claim numbers and the log of added claims
(J22), the desk's wording beside the article's sentence (J6), the speaker's role, no
confidence invented for the reviewer (J13) and the rating scale's definitions (J21)."""

from __future__ import annotations

import importlib
import json

from django.apps import apps
from django.urls import reverse

from reviews.exports.snapshot import human_date
from reviews.models import Rating
from reviews.services.claims import claim_add, claim_edit_speaker, claim_edit_wording
from reviews.services.ratings import DEFAULT_SCALE, rating_scale_ensure_default
from reviews.services.reports import report_snapshot
from reviews.services.verdicts import verdict_approve, verdict_submit
from tests.clients import desk_client
from tests.exports.test_formats import pdf_text
from tests.factories import ArticleFactory, ClaimFactory
from tests.reports.publishing import publish
from tests.views.conftest import page_input

INTRO = "Exports doubled in the first quarter."
BODY = f"{INTRO} Officials said 2,030 troops arrived on Monday. Prices rose by 12 percent."


def rendered(report) -> dict[str, str]:
    """Every stored format of a version as the text a reader gets."""
    out = {}
    for r in report.renderings.all():
        content = bytes(r.content)
        out[r.format] = pdf_text(content) if r.format == "pdf" else content.decode("utf-8-sig")
    return out


def test_a_claim_keeps_its_number_when_a_claim_is_added_before_it(
    scale, rate, correct, editor, reviewer
):
    article = ArticleFactory(body=BODY)
    start = len(INTRO) + 1
    troops = ClaimFactory(article=article, start=start, end=BODY.index(".", start) + 1, number=1)
    rate(troops, "True")
    v1 = publish(article=article, actor=editor)
    assert [c.number for c in report_snapshot(v1).claims] == [1]

    # A claim found later, earlier in the article, takes the next free number.
    exports = claim_add(article=article, start=0, end=len(INTRO), actor=editor)
    assert exports.number == 2
    rate(exports, "False")
    correct(troops, "Mostly true", "two counts differ")
    v2 = publish(article=article, actor=editor)

    snapshot = report_snapshot(v2)
    assert [(c.number, c.text) for c in snapshot.claims] == [(2, INTRO), (1, troops.text)]
    date = human_date(snapshot.date)
    corrected = (
        f"Rating of claim 1 (“{troops.text}”) changed from True to Mostly true on {date}: "
        "two counts differ"
    )
    added = f"Claim 2 (“{INTRO}”) added on {date}."
    assert [c.message for c in snapshot.corrections] == [corrected, added]

    formats = rendered(v2)
    for name in ("html", "pdf", "md", "json"):
        assert corrected in formats[name], name
        assert added in formats[name], name
    assert "Claim 2" in formats["html"] and "Claim 1 " in formats["pdf"]
    assert formats["html"].index("<h3>Claim 2 ") < formats["html"].index("<h3>Claim 1 ")
    csv_lines = formats["csv"].splitlines()
    assert csv_lines[1].split(",")[1:3] == ["2", str(exports.pk)]
    assert added in csv_lines[1] and corrected in csv_lines[2]
    reviews = json.loads(formats["claimreview"])
    assert [r["claimReviewed"] for r in reviews] == [INTRO, troops.text]
    assert "correction" not in reviews[0] and reviews[0]["datePublished"] == snapshot.date
    assert reviews[1]["correction"][0]["text"] == corrected


def test_a_reworded_claim_is_published_as_the_desks_wording_beside_the_articles_text(
    article, claims, rate, editor, reviewer
):
    wording = "Officials said 2,030 CSTO troops arrived on Monday 10 January 2022."
    claim_edit_wording(claim=claims[0], wording=wording, actor=reviewer, expected_version=None)
    rate(claims[0], "True")
    rate(claims[1], "False")
    formats = rendered(publish(article=article, actor=editor))

    page = formats["html"]
    card = page[page.index(f'id="claim-{claims[0].pk}"') :]
    card = card[: card.index("</section>")]
    assert "Claim as the desk states it" in card and wording in card
    assert f"“{claims[0].text}”" in card
    assert f"“{wording}" not in page
    other = page[page.index(f'id="claim-{claims[1].pk}"') :]
    assert "desk states it" not in other[: other.index("</section>")]
    assert f"**Claim as the desk states it:** {wording}" in formats["md"]
    assert f"> {claims[0].text}" in formats["md"]
    assert "claim as the desk states it" in formats["pdf"].lower()
    reviews = json.loads(formats["claimreview"])
    assert reviews[0]["claimReviewed"] == wording
    data = json.loads(formats["json"])["claims"][0]
    assert (data["text"], data["article_text"]) == (wording, claims[0].text)


def test_the_speakers_role_is_published_with_the_name(article, claims, rate, editor, reviewer):
    claim_edit_speaker(
        claim=claims[0],
        speaker="Ana Lima",
        speaker_role="Defence minister",
        actor=reviewer,
        expected_version=None,
    )
    rate(claims[0], "True")
    formats = rendered(publish(article=article, actor=editor))
    assert "<td>Ana Lima, Defence minister</td>" in formats["html"]
    assert "Said by Ana Lima, Defence minister" in formats["pdf"]
    (review,) = json.loads(formats["claimreview"])
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Ana Lima",
        "jobTitle": "Defence minister",
    }


def test_a_verdict_saved_without_a_confidence_is_published_without_one(
    article, claims, reviewer, editor, scale
):
    client = desk_client(reviewer)
    claim = claims[0]
    page = client.get(reverse("reviews:claim_detail", args=[claim.pk])).content.decode()
    # The form offers an empty field: nothing is stated for the reviewer.
    assert page_input(page, "verdict-confidence") == ""
    answer = client.post(
        reverse("reviews:verdict_save", args=[claim.pk]),
        {
            "verdict-rating": str(scale.ratings.get(label="False").pk),
            "verdict-rationale": "The ministry counted 1,200.",
            "verdict-confidence": page_input(page, "verdict-confidence"),
            "verdict-version": page_input(page, "verdict-version"),
        },
    )
    assert answer.status_code in (200, 302)
    verdict = claim.verdicts.get(is_current=True)
    assert verdict.confidence is None
    verdict_submit(claim=claim, actor=reviewer)
    verdict_approve(claim=claim, actor=editor)

    formats = rendered(publish(article=article, actor=editor))
    for name in ("html", "pdf", "md"):
        assert "confidence" not in formats[name].lower(), name
    assert json.loads(formats["json"])["claims"][0]["confidence"] is None


def test_every_rating_of_the_default_scale_is_defined_in_the_report(article, claims, rate, editor):
    rate(claims[0], "False")
    formats = rendered(publish(article=article, actor=editor))
    scale = json.loads(formats["json"])["scale"]["ratings"]
    assert [(r["label"], r["description"]) for r in scale] == [
        (label, definition) for label, _, _, definition in DEFAULT_SCALE
    ]
    assert all(r["description"] for r in scale)
    for label, value, _, definition in DEFAULT_SCALE:
        shown = value if value is not None else "outside the scale"
        assert f"<tr><td>{label}</td><td>{shown}</td><td>{definition}</td></tr>" in formats["html"]
        assert f"| {label} | {shown} | {definition} |" in formats["md"]


migration = importlib.import_module("reviews.migrations.0010_default_rating_definitions")


def test_the_migration_fills_empty_definitions_and_keeps_the_desks_own(db):
    scale = rating_scale_ensure_default()
    Rating.objects.filter(scale=scale).update(description="")
    Rating.objects.filter(scale=scale, slug="false").update(description="Our own words.")
    Rating.objects.filter(scale=scale, slug="half-true").update(description="   ")
    Rating.objects.create(scale=scale, label="Satire", slug="satire", position=9)

    migration.fill_definitions(apps, None)

    meanings = dict(Rating.objects.filter(scale=scale).values_list("slug", "description"))
    assert meanings["false"] == "Our own words."
    assert meanings["true"] == migration.DEFINITIONS["true"]
    assert meanings["half-true"] == migration.DEFINITIONS["half-true"]
    assert meanings["satire"] == ""  # not a built-in rating: nothing to give it
    assert all(meanings[slug] for slug in migration.DEFINITIONS)

    migration.clear_definitions(apps, None)
    meanings = dict(Rating.objects.filter(scale=scale).values_list("slug", "description"))
    assert meanings["false"] == "Our own words." and meanings["true"] == ""
