"""Numbers that disagree, as the reviewer sees them: a note in the claim panel linking to the
other claim, and a marker in the claim list (the API's field: tests/api)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import Article, Claim
from reviews.selectors.disagreements import SHOWN_LIMIT, article_disagreements
from reviews.services.articles import article_ingest
from reviews.services.claims import claim_dismiss
from tests import scenes
from tests.disagreement_scenes import (
    article_with_counts,
    claim_with,
    earlier_with_approved_toll,
    troops_article,
)
from tests.views.conftest import HTMX, rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(editor):
    return troops_article(editor)


@pytest.fixture
def earlier(editor, editor2, reviewer, scale):
    return earlier_with_approved_toll(
        editor=editor, editor2=editor2, reviewer=reviewer, scale=scale
    )


def panel(client, claim: Claim) -> str:
    url = reverse("reviews:claim_detail", args=[claim.pk])
    response = client.get(url, headers=HTMX)
    assert response.status_code == 200
    return response.content.decode()


def note(html: str) -> str:
    """The panel's "Numbers that disagree" note, as text without tags."""
    match = re.search(r'<section class="numbers-disagree".*?</section>', html, re.S)
    assert match, "the panel shows no numbers that disagree"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group()).split())


def list_item(html: str, claim: Claim) -> str:
    match = re.search(rf'<li id="claim-item-{claim.pk}".*?</li>', html, re.S)
    assert match, f"no list entry for claim {claim.pk}"
    return match.group()


def test_two_claims_of_one_article_that_disagree_link_to_each_other(reviewer_client, article):
    sent = claim_with(article, "2,030 troops")
    joined = claim_with(article, "more than 2,000 troops")

    html = panel(reviewer_client, sent)
    assert f"2,030 troops here; claim {joined.number} says more than 2,000 troops" in note(html)
    # The other claim of the page opens in the panel.
    other_url = reverse("reviews:claim_detail", args=[joined.pk])
    assert f'<a href="{other_url}" hx-get="{other_url}" hx-target="#claim-panel"' in html

    html = panel(reviewer_client, joined)
    assert f"more than 2,000 troops here; claim {sent.number} says 2,030 troops" in note(html)


def test_claims_without_disagreement_show_no_note(reviewer_client, article):
    html = panel(reviewer_client, claim_with(article, "12 percent"))
    assert "Numbers that disagree" not in html
    html = panel(reviewer_client, claim_with(article, "164 people"))
    assert "Numbers that disagree" not in html  # no earlier approved claim says otherwise


def test_an_earlier_approved_claim_of_another_article_is_linked(reviewer_client, article, earlier):
    toll = claim_with(earlier, "225 people")
    html = panel(reviewer_client, claim_with(article, "164 people"))
    assert (
        f"164 people here; claim {toll.number} of “Unrest in January” (approved) says 225 people"
        in note(html)
    )
    # Another article's claim opens on its own page, not in this page's panel.
    assert f'<a href="{reverse("reviews:claim_detail", args=[toll.pk])}">' in html


def test_an_unapproved_claim_of_another_article_is_not_compared(reviewer_client, article, editor):
    article_ingest(
        title="Draft", body="Officials said 225 people died in the unrest.\n", actor=editor
    )
    html = panel(reviewer_client, claim_with(article, "164 people"))
    assert "Numbers that disagree" not in html


def test_the_claim_list_marks_the_claims_with_numbers_that_disagree(
    reviewer_client, article, earlier
):
    html = reviewer_client.get(reverse("reviews:article_detail", args=[article.pk])).content
    html = html.decode()
    for words in ("2,030 troops", "more than 2,000 troops", "164 people"):
        assert "numbers disagree" in list_item(html, claim_with(article, words))
    assert "numbers disagree" not in list_item(html, claim_with(article, "12 percent"))


def test_the_panel_refreshes_the_list_entry_with_its_marker(reviewer_client, article):
    sent = claim_with(article, "2,030 troops")
    html = panel(reviewer_client, sent)
    # The out-of-band copy of the claim's list entry keeps the marker.
    assert "numbers disagree" in list_item(html, sent)


def test_a_dismissed_claim_no_longer_disagrees(reviewer_client, article, editor):
    sent = claim_with(article, "2,030 troops")
    joined = claim_with(article, "more than 2,000 troops")
    claim_dismiss(claim=joined, reason="Duplicate.", actor=editor, expected_version=joined.version)
    assert "Numbers that disagree" not in panel(reviewer_client, sent)


def test_the_article_page_query_count_does_not_grow_with_claims(
    reviewer_client, reviewer, editor, editor2, scale
):
    before = article_ingest(
        title="Earlier",
        body="Officials said 1,500 troops joined the mission in January.\n",
        actor=editor,
    )
    approved = before.claims.get()
    scenes.assign(approved, reviewer, editor)
    scenes.approve(scenes.fresh(approved), reviewer, editor2, rating(scale, "True"))
    small, large = article_with_counts(5, "Small"), article_with_counts(60, "Large")

    def count(article: Article) -> int:
        url = reverse("reviews:article_detail", args=[article.pk])
        reviewer_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = reviewer_client.get(url)
        html = response.content.decode()
        assert html.count("numbers disagree</span>") == article.claims.count()
        return len(queries)

    assert count(small) == count(large)
    # The earlier approved claim is among the leads of every claim (of the small article:
    # the large one's claims show their own article's leads first, up to the limit).
    leads = article_disagreements(small.pk)
    assert all(any(d.claim_id == approved.pk for d in found) for found in leads.values())


def test_the_claim_panel_query_count_does_not_grow_with_claims(reviewer_client):
    small, large = article_with_counts(5, "Small"), article_with_counts(60, "Large")

    def count(article: Article) -> int:
        claim = article.claims.order_by("start").first()
        panel(reviewer_client, claim)
        with CaptureQueriesContext(connection) as queries:
            html = panel(reviewer_client, claim)
        shown = min(article.claims.count() - 1, SHOWN_LIMIT)
        assert html.count('class="disagreement"') == shown
        return len(queries)

    assert count(small) == count(large)


def test_only_earlier_claims_that_count_the_articles_units_are_read(
    article, earlier, editor, editor2, reviewer, scale
):
    from reviews.selectors.disagreements import _earlier

    lake = claim_with(earlier, "12 kilometres")
    scenes.assign(lake, reviewer, editor)
    scenes.approve(scenes.fresh(lake), reviewer, editor2, rating(scale, "True"))
    toll = claim_with(earlier, "225 people")
    assert [row[0] for row in _earlier(article.pk, {"people"})] == [toll.pk]
    assert [row[0] for row in _earlier(article.pk, {"troops"})] == []
    # The article's own approved claims are not "earlier" claims.
    assert [row[0] for row in _earlier(earlier.pk, {"people"})] == []
