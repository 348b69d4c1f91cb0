"""Lists cost a fixed number of queries, whatever their length."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import Article, Claim, Verdict
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def article_with_claims(count: int, *, assignees, rating) -> Article:
    sentences = [f"Officials said {i + 2} troops arrived on day {i}." for i in range(count)]
    body = " ".join(sentences)
    article = ArticleFactory(body=body, body_hash=hashlib.sha256(body.encode()).hexdigest())
    claims, start = [], 0
    for i, sentence in enumerate(sentences):
        claims.append(
            Claim(
                article=article,
                start=start,
                end=start + len(sentence),
                text=sentence,
                checkworthiness=(i % 10) / 10,
                assignee=assignees[i % len(assignees)],
            )
        )
        start += len(sentence) + 1
    Claim.objects.bulk_create(claims)
    author = assignees[0]
    Verdict.objects.bulk_create(
        Verdict(claim=c, rating=rating, author=author, last_edited_by=author)
        for c in Claim.objects.filter(article=article)[::2]
    )
    return article


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.parametrize("ordering", ["position", "score"])
def test_claims_list_queries_do_not_grow_with_the_page(
    editor_api, reviewer, reviewer2, ratings, django_assert_num_queries, ordering
):
    rating = ratings["true"]
    small = article_with_claims(5, assignees=[reviewer, reviewer2, None], rating=rating)
    large = article_with_claims(50, assignees=[reviewer, reviewer2, None], rating=rating)
    url = "/api/articles/{}/claims/?page_size=50&ordering=" + ordering
    expected = queries_for(editor_api, url.format(small.pk))
    with django_assert_num_queries(expected):
        response = editor_api.get(url.format(large.pk))
    assert len(response.json()["results"]) == 50


def test_articles_list_queries_do_not_grow_with_the_page(
    editor_api, reviewer, ratings, django_assert_num_queries
):
    for _ in range(5):
        article_with_claims(3, assignees=[reviewer], rating=ratings["true"])
    expected = queries_for(editor_api, "/api/articles/?page_size=50")
    for _ in range(45):
        article_with_claims(3, assignees=[reviewer], rating=ratings["true"])
    with django_assert_num_queries(expected):
        response = editor_api.get("/api/articles/?page_size=50")
    assert len(response.json()["results"]) == 50
