"""The article review page: highlights in place, the ranked claim list, filters, the panel,
and a query count that does not grow with the number of claims."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import Article, Claim, ClaimKind, ClaimStatus
from tests.factories import ArticleFactory, ClaimFactory
from tests.views.conftest import HTMX

pytestmark = pytest.mark.django_db


def marks(html: str) -> dict[str, tuple[str, str]]:
    """claim id -> (status class, highlighted text) of every <mark> in the page."""
    found = re.findall(
        r'<mark class="claim status-(\w+)[^"]*" id="claim-\d+" data-claim-id="(\d+)"'
        r' data-start="(\d+)"[^>]*>(.*?)</mark>',
        html,
        flags=re.S,
    )
    return {claim_id: (status, text) for status, claim_id, _start, text in found}


def article_with_claims(count: int) -> Article:
    sentences = [f"Sentence {i} says {i * 7} people came." for i in range(count)]
    body = " ".join(sentences)
    article = ArticleFactory(
        body=body, body_hash=hashlib.sha256(body.encode()).hexdigest(), title=f"{count} claims"
    )
    position = 0
    claims = []
    for i, sentence in enumerate(sentences):
        claims.append(
            Claim(
                article=article,
                start=position,
                end=position + len(sentence),
                text=sentence,
                checkworthiness=(i % 100) / 100,
                kind=ClaimKind.STATISTIC,
                score_reasons=["mentions a number"],
            )
        )
        position += len(sentence) + 1
    Claim.objects.bulk_create(claims)
    return article


def test_every_claim_is_highlighted_in_place_with_its_status(reviewer_client, article):
    first = ClaimFactory(article=article)
    second_start = article.body.index("The ministry")
    second = ClaimFactory(
        article=article,
        start=second_start,
        end=article.body.index(".", second_start) + 1,
        status=ClaimStatus.SUBMITTED,
    )
    response = reviewer_client.get(reverse("reviews:article_detail", args=[article.pk]))
    highlighted = marks(response.content.decode())
    assert highlighted[str(first.pk)] == ("unreviewed", first.text)
    assert highlighted[str(second.pk)] == ("submitted", second.text)
    assert f'data-start="{second_start}"' in response.content.decode()


def test_page_text_reassembles_the_article_body_exactly(reviewer_client, article, claim):
    response = reviewer_client.get(reverse("reviews:article_detail", args=[article.pk]))
    html = response.content.decode()
    inner = re.search(r'<article class="body"[^>]*>(.*?)</article>', html, flags=re.S).group(1)
    text = re.sub(r"<[^>]+>", "", inner)
    assert text == article.body


def test_claims_are_listed_by_check_worthiness_with_their_reasons(reviewer_client):
    article = article_with_claims(5)
    response = reviewer_client.get(reverse("reviews:article_detail", args=[article.pk]))
    listed = re.findall(r'id="claim-item-(\d+)"', response.content.decode())
    expected = list(article.claims.order_by("-checkworthiness").values_list("pk", flat=True))
    assert [int(pk) for pk in listed] == expected
    assert "mentions a number" in response.content.decode()


def test_claim_list_filters_by_status_kind_assignee_and_score(reviewer_client, reviewer):
    article = article_with_claims(20)
    mine = article.claims.get(text__startswith="Sentence 3 ")
    mine.assignee = reviewer
    mine.status = ClaimStatus.IN_PROGRESS
    mine.save()
    url = reverse("reviews:article_detail", args=[article.pk])

    def listed(**params):
        html = reviewer_client.get(url, params).content.decode()
        return {int(pk) for pk in re.findall(r'id="claim-item-(\d+)"', html)}

    assert listed(status="in_progress") == {mine.pk}
    assert listed(assignee="me") == {mine.pk}
    assert len(listed(assignee="none")) == 19
    assert len(listed(min_score="0.15")) == 5
    assert listed(kind="quote") == set()


def test_filter_request_from_htmx_gets_only_the_list(reviewer_client):
    article = article_with_claims(3)
    response = reviewer_client.get(
        reverse("reviews:article_detail", args=[article.pk]),
        {"min_score": "0.02"},
        headers={"HX-Request": "true", "HX-Target": "claim-list"},
    )
    html = response.content.decode()
    assert "<html" not in html
    assert len(re.findall(r'id="claim-item-', html)) == 1


def test_article_text_is_escaped_not_executed(reviewer_client):
    body = "Intro <script>alert(1)</script> and <b onmouseover=x>bold</b> claims 5 things."
    article = ArticleFactory(body=body, body_hash="x")
    ClaimFactory(article=article, start=0, end=len(body))
    html = reviewer_client.get(reverse("reviews:article_detail", args=[article.pk])).content
    assert b"<script>alert(1)</script>" not in html
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert b"<b onmouseover" not in html


def test_claim_panel_opens_as_fragment_for_htmx_and_as_page_otherwise(reviewer_client, claim):
    url = reverse("reviews:claim_detail", args=[claim.pk])
    fragment = reviewer_client.get(url, headers=HTMX).content.decode()
    page = reviewer_client.get(url).content.decode()
    assert "<html" not in fragment
    assert 'id="panel-title"' in fragment
    assert "<html" in page and 'id="panel-title"' in page and 'id="article-body"' in page


def test_panel_shows_speaker_quantities_dates_and_reasons(reviewer_client, article):
    claim = ClaimFactory(
        article=article,
        speaker="Kassym-Jomart Tokayev",
        quantities=[{"text": "2,030 troops", "value": 2030, "unit": "troops", "qualifier": None}],
        dates=[{"text": "on Monday", "value": "2022-01-10"}],
        score_reasons=["contains a statistic"],
    )
    html = reviewer_client.get(reverse("reviews:claim_detail", args=[claim.pk])).content.decode()
    assert "Kassym-Jomart Tokayev" in html
    assert "2,030 troops = 2030 troops" in html
    assert "on Monday = 2022-01-10" in html
    assert "contains a statistic" in html


def test_article_page_query_count_does_not_grow_with_claims(reviewer_client):
    small, large = article_with_claims(10), article_with_claims(300)

    def count(article) -> int:
        url = reverse("reviews:article_detail", args=[article.pk])
        reviewer_client.get(url)  # warm the session and caches alike for both
        with CaptureQueriesContext(connection) as queries:
            response = reviewer_client.get(url)
        assert response.status_code == 200
        assert len(marks(response.content.decode())) == article.claims.count()
        return len(queries)

    assert count(small) == count(large)


def test_claim_panel_query_count_does_not_grow_with_evidence_or_history(
    reviewer_client, reviewer, claim, scale
):
    from reviews.services.comments import comment_add

    url = reverse("reviews:claim_detail", args=[claim.pk])
    reviewer_client.get(url, headers=HTMX)
    with CaptureQueriesContext(connection) as before:
        reviewer_client.get(url, headers=HTMX)
    for i in range(15):
        comment_add(claim=claim, actor=reviewer, body=f"Note {i}")
    with CaptureQueriesContext(connection) as after:
        response = reviewer_client.get(url, headers=HTMX)
    assert "Note 14" in response.content.decode()
    assert len(after) == len(before)
