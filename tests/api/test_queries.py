"""Lists cost a fixed number of queries, whatever their length."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reviews.api.claims import ClaimSerializer
from reviews.models import Article, Claim, Notification, Source, Verdict
from reviews.selectors.claims import MissingPrefetch, claims_with_verdicts
from reviews.services.candidates import candidates_find
from reviews.services.notifications import notify
from tests.factories import ArticleFactory
from tests.scenes import approve

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


def grow_and_compare(client, url: str, grow, assert_num_queries, *, key: str = "results") -> None:
    """The query count of `url` stays the same after `grow()` adds rows to what it lists."""
    expected = queries_for(client, url)
    before = len(client.get(url).json()[key])
    grow()
    with assert_num_queries(expected):
        response = client.get(url)
    assert len(response.json()[key]) > before


def test_notifications_list_queries_do_not_grow_with_the_page(
    reviewer_api, reviewer, ratings, django_assert_num_queries
):
    article = article_with_claims(40, assignees=[reviewer, None], rating=ratings["true"])
    claims = list(article.claims.all())

    def notify_about(few: slice):
        for claim in claims[few]:
            notify(recipient=reviewer, kind="assigned", message="A claim", claim=claim)
            notify(recipient=reviewer, kind="approved", message="Elsewhere")

    notify_about(slice(0, 3))
    Notification.objects.filter(recipient=reviewer).update(read_at=timezone.now())
    grow_and_compare(
        reviewer_api,
        "/api/notifications/?page_size=60",
        lambda: notify_about(slice(3, 30)),
        django_assert_num_queries,
    )


def test_jobs_list_queries_do_not_grow_with_the_page(
    reviewer_api, reviewer, ratings, django_assert_num_queries
):
    article = article_with_claims(40, assignees=[reviewer, None], rating=ratings["true"])
    claims = list(article.claims.all())

    def search(few: slice):
        for claim in claims[few]:
            candidates_find(claim=claim, actor=reviewer, providers=["archive"])

    search(slice(0, 3))
    grow_and_compare(
        reviewer_api,
        f"/api/jobs/?article={article.pk}&page_size=50",
        lambda: search(slice(3, 40)),
        django_assert_num_queries,
    )


def test_references_list_queries_do_not_grow_with_the_page(
    reviewer_api, reviewer, editor, django_assert_num_queries
):
    def add(count: int, start: int):
        for i in range(start, start + count):
            Source.objects.create(
                title=f"Release {i}",
                text="Figures.",
                is_reference=True,
                added_by=(reviewer, editor, None)[i % 3],
            )

    add(3, 0)
    grow_and_compare(
        reviewer_api, "/api/references/?page_size=50", lambda: add(40, 3), django_assert_num_queries
    )


def test_search_queries_do_not_grow_with_the_results(
    reviewer_api, reviewer, editor, ratings, django_assert_num_queries
):
    def articles(count: int):
        for _ in range(count):
            article = article_with_claims(4, assignees=[reviewer, None], rating=ratings["false"])
            approve(article.claims.order_by("start").first(), reviewer, editor, ratings["false"])

    articles(2)
    grow_and_compare(
        reviewer_api,
        "/api/search/?q=troops",
        lambda: articles(10),
        django_assert_num_queries,
        key="claims",
    )
    rated = reviewer_api.get("/api/search/?q=troops&rating=false").json()["claims"]
    assert rated and all(c["rating"]["slug"] == "false" for c in rated)


def test_a_claim_read_without_its_verdicts_is_refused_rather_than_queried(reviewer, ratings):
    article = article_with_claims(2, assignees=[reviewer], rating=ratings["true"])
    claim = Claim.objects.filter(article=article).first()
    with pytest.raises(MissingPrefetch):
        _ = ClaimSerializer(claim).data
    prefetched = claims_with_verdicts().get(pk=claim.pk)
    assert ClaimSerializer(prefetched).data["verdict"]["rating"]["slug"] == "true"
