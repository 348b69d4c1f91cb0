"""Every format of a published report of the demo article, checked for content."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from django.db import transaction

from reviews import roles
from reviews.exports.markdown import text as markdown_text
from reviews.exports.snapshot import ReportSnapshot
from reviews.models import ClaimStatus, Verdict
from reviews.services.demo import demo_load
from reviews.services.evidence import evidence_add
from reviews.services.ratings import default_scale
from reviews.services.reports import report_snapshot
from reviews.services.verdicts import verdict_approve, verdict_save, verdict_submit
from tests.exports import claimreview_rules
from tests.exports.test_formats import pdf_text
from tests.factories import make_role_user
from tests.reports.publishing import publish

# Marks the module as a database user, so that pytest-django creates the test database
# before the module fixture below opens it (unmarked, it would reach the configured one).
pytestmark = pytest.mark.django_db


@dataclass
class DemoReport:
    snapshot: ReportSnapshot
    unrated: int
    rated: dict[str, str]
    renderings: dict[str, bytes]


SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "report.schema.json").read_text())
LABELS = ["False", "Mostly true", "Misleading", "True", "Half true", "Unverifiable"]


@pytest.fixture(scope="module")
def demo_report(django_db_setup, django_db_blocker):
    """The demo article with its own demo verdicts, plus one more approved claim for each
    label of the scale, published as version 1. Built once for the module inside a
    transaction that is rolled back; the tests get plain values (snapshot, bytes)."""
    with django_db_blocker.unblock(), transaction.atomic():
        reviewer = make_role_user("rita", roles.REVIEWER)
        editor = make_role_user("erin", roles.EDITOR)
        article = demo_load()
        article.url = "https://news.example.com/kazakhstan-unrest"
        article.save(update_fields=["url"])
        ratings = {r.label: r for r in default_scale().ratings.all()}
        unreviewed = article.claims.filter(checkworthy=True, status=ClaimStatus.UNREVIEWED)
        claims = list(unreviewed.order_by("start")[: len(LABELS)])
        assert len(claims) == len(LABELS)
        evidence_add(
            claim=claims[0],
            actor=reviewer,
            url="https://stats.example.org/detentions",
            stance="refutes",
            title="Detentions by region",
            publisher="Statistics Office",
            quote="9,900 people were detained",
        )
        for claim, label in zip(claims, LABELS, strict=True):
            verdict_save(
                claim=claim,
                actor=reviewer,
                rating=ratings[label],
                confidence=80,
                rationale=f"The record says **{label.lower()}**. Sources below.",
            )
            verdict_submit(claim=claim, actor=reviewer)
            verdict_approve(claim=claim, actor=editor)
        rated = {
            v.claim.display_text: v.rating.label
            for v in Verdict.objects.filter(
                claim__article=article, is_current=True, status=Verdict.Status.APPROVED
            ).select_related("claim", "rating")
        }
        assert len(rated) > len(LABELS)  # the demo's own approved verdicts are there too
        report = publish(article=article, actor=editor)
        result = DemoReport(
            snapshot=report_snapshot(report),
            unrated=article.claims.exclude(status=ClaimStatus.APPROVED).count(),
            rated=rated,
            renderings={r.format: bytes(r.content) for r in report.renderings.all()},
        )
        transaction.set_rollback(True)
    return result


def spaced(text: str) -> str:
    return " ".join(text.split())


def test_demo_report_lists_every_approved_claim_and_only_those(demo_report):
    snapshot, rated = demo_report.snapshot, demo_report.rated
    assert {c.text: c.rating for c in snapshot.claims} == rated
    assert demo_report.unrated > 0 and len(snapshot.claims) == len(rated)
    speakers = {c.speaker for c in snapshot.claims if c.speaker}
    assert speakers  # the extraction attributed some of them


def test_demo_report_html(demo_report):
    rated, renderings = demo_report.rated, demo_report.renderings
    page = renderings["html"].decode()
    for claim, label in rated.items():
        assert claim.replace("&", "&amp;").replace('"', "&quot;") in page
        assert f">{label}</span>" in page
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert claimreview_rules.validate(data) == []
    assert len(data) == len(rated)


def test_demo_report_pdf(demo_report):
    rated, renderings = demo_report.rated, demo_report.renderings
    text = pdf_text(renderings["pdf"])
    for claim, label in rated.items():
        assert spaced(claim) in text
        assert label in text
    assert "Kazakhstan restores order and internet access after week of unrest" in text


def test_demo_report_markdown(demo_report):
    rated, renderings = demo_report.rated, demo_report.renderings
    document = renderings["md"].decode()
    for claim, label in rated.items():
        assert f"> {markdown_text(claim)}" in document
        assert f"**{label}**" in document


def test_demo_report_csv(demo_report):
    rated, renderings = demo_report.rated, demo_report.renderings
    rows = list(csv.DictReader(io.StringIO(renderings["csv"].decode("utf-8-sig"))))
    assert {r["claim"]: r["rating"] for r in rows} == rated
    assert all(r["status"] == "approved" and r["report_version"] == "1" for r in rows)


def test_demo_report_json(demo_report):
    rated, renderings = demo_report.rated, demo_report.renderings
    data = json.loads(renderings["json"])
    jsonschema.validate(data, SCHEMA)
    assert {c["text"]: c["rating"] for c in data["claims"]} == rated
    assert data["article"]["title"].startswith("Kazakhstan restores order")
    assert data["article"]["published"] == "2022-01-10"


def test_demo_report_claimreview(demo_report):
    rated, renderings = demo_report.rated, demo_report.renderings
    reviews = json.loads(renderings["claimreview"])
    assert claimreview_rules.validate(reviews) == []
    assert {r["claimReviewed"]: r["reviewRating"]["alternateName"] for r in reviews} == rated
    for review in reviews:
        has_value = "ratingValue" in review["reviewRating"]
        outside = review["reviewRating"]["alternateName"] in ("Misleading", "Unverifiable")
        assert has_value != outside
        assert review["itemReviewed"]["appearance"]["url"] == (
            "https://news.example.com/kazakhstan-unrest"
        )
