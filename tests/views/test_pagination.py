"""The desk's lists come in pages, cost the same queries whatever the desk's size, and count
each article's claims from its own rows."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import Article, Claim, ClaimStatus, Verdict
from reviews.selectors import desk as desk_selectors
from reviews.selectors import queue as queue_selectors
from tests.factories import ArticleFactory, VerdictFactory

pytestmark = pytest.mark.django_db

SENTENCE = "Officials said {n} troops arrived in Arden on day {n}."


def article_with(statuses: list[str], *, title: str = "", word: str = "troops") -> Article:
    """An article whose claims have these statuses (written straight into the database: the
    lists only read them)."""
    sentences = [SENTENCE.format(n=i + 2).replace("troops", word) for i in range(len(statuses))]
    body = " ".join(sentences) or "An article without claims."
    extra = {"title": title} if title else {}
    digest = hashlib.sha256(body.encode()).hexdigest()
    article = ArticleFactory(body=body, body_hash=digest, **extra)
    claims, start = [], 0
    for i, (sentence, status) in enumerate(zip(sentences, statuses, strict=True)):
        claims.append(
            Claim(
                article=article,
                start=start,
                end=start + len(sentence),
                text=sentence,
                status=status,
                checkworthiness=round(1 - i / 1000, 3),
                dismissed_reason="Not checkable." if status == ClaimStatus.DISMISSED else "",
            )
        )
        start += len(sentence) + 1
    Claim.objects.bulk_create(claims)
    return article


def queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(captured), response.content.decode()


def test_article_counts_come_from_each_articles_own_claims():
    busy = article_with(
        [ClaimStatus.APPROVED] * 3
        + [ClaimStatus.DISMISSED] * 2
        + [ClaimStatus.SUBMITTED, ClaimStatus.UNREVIEWED]
    )
    empty = article_with([])
    done = article_with([ClaimStatus.APPROVED, ClaimStatus.DISMISSED])
    counted = {a.pk: a for a in desk_selectors.articles_for_desk()}
    assert (counted[busy.pk].claim_count, counted[busy.pk].approved_count) == (5, 3)
    assert (counted[empty.pk].claim_count, counted[empty.pk].approved_count) == (0, 0)
    assert (counted[done.pk].claim_count, counted[done.pk].approved_count) == (1, 1)
    in_progress = desk_selectors.articles_in_progress()
    assert [a.pk for a in in_progress] == [busy.pk]
    assert in_progress[0].open_count == 2


def test_articles_in_progress_leave_out_replaced_versions():
    old = article_with([ClaimStatus.UNREVIEWED])
    new = article_with([ClaimStatus.UNREVIEWED])
    new.previous_version = old
    new.save()
    assert [a.pk for a in desk_selectors.articles_in_progress()] == [new.pk]


def test_article_list_comes_in_pages_of_fifty(editor_client):
    articles = [article_with([ClaimStatus.APPROVED, ClaimStatus.UNREVIEWED]) for _ in range(53)]
    url = reverse("reviews:article_list")
    first_queries, first = queries(editor_client, url)
    second_queries, second = queries(editor_client, url + "?page=2")
    shown_first = set(re.findall(r'href="/articles/(\d+)/"', first))
    shown_second = set(re.findall(r'href="/articles/(\d+)/"', second))
    assert len(shown_first) == 50 and len(shown_second) == 3
    assert shown_first | shown_second == {str(a.pk) for a in articles}
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert "Page 2 of 2" in second and 'rel="prev"' in second
    assert 'aria-label="1 of 2 approved"' in second
    # A page of three articles costs what a page of fifty does.
    assert second_queries == first_queries


def test_article_list_queries_do_not_grow_with_the_desk(editor_client):
    article_with([ClaimStatus.APPROVED] * 3)
    url = reverse("reviews:article_list")
    few, _ = queries(editor_client, url)
    for _ in range(30):
        article_with([ClaimStatus.APPROVED] * 3 + [ClaimStatus.SUBMITTED])
    many, _ = queries(editor_client, url)
    assert many == few


def test_a_page_beyond_the_last_shows_the_last(editor_client):
    article_with([ClaimStatus.APPROVED], title="The only article")
    _, html = queries(editor_client, reverse("reviews:article_list") + "?page=9")
    assert "The only article" in html


def submitted(count: int, author, rating) -> list[Claim]:
    article = article_with([ClaimStatus.SUBMITTED] * count)
    claims = list(article.claims.order_by("start"))
    for i, claim in enumerate(claims):
        VerdictFactory(
            claim=claim,
            rating=rating,
            author=author,
            last_edited_by=author,
            status=Verdict.Status.SUBMITTED,
            rationale=f"Rationale **{i}** of the queue.",
        )
    return claims


def test_approval_queue_comes_in_pages(editor_client, reviewer, scale):
    rating = scale.ratings.order_by("position").first()
    claims = submitted(queue_selectors.QUEUE_PAGE + 4, reviewer, rating)
    url = reverse("reviews:approval_queue")
    first_queries, first = queries(editor_client, url)
    second_queries, second = queries(editor_client, url + "?page=2")
    on_first = set(re.findall(r'id="queue-(\d+)"', first))
    on_second = set(re.findall(r'id="queue-(\d+)"', second))
    assert len(on_first) == queue_selectors.QUEUE_PAGE and len(on_second) == 4
    assert on_first | on_second == {str(c.pk) for c in claims}
    assert f"({len(claims)})" in first  # the whole queue's size, not the page's
    assert "<strong>0</strong>" in first and "<strong>28</strong>" in second
    assert second_queries == first_queries


def test_queue_rationale_is_rendered_once_per_verdict_version(editor_client, reviewer, scale):
    cache.clear()
    rating = scale.ratings.order_by("position").first()
    (claim,) = submitted(1, reviewer, rating)
    verdict = claim.verdicts.get()
    url = reverse("reviews:approval_queue")
    _, html = queries(editor_client, url)
    assert "<strong>0</strong>" in html
    key = queue_selectors.rationale_cache_key(verdict)
    assert "<strong>0</strong>" in cache.get(key)
    # The page reads the stored rendering of this version rather than rendering again.
    cache.set(key, "<p>stored rendering</p>")
    _, html = queries(editor_client, url)
    assert "<p>stored rendering</p>" in html
    # A saved change is a new version (every save bumps it): rendered afresh.
    Verdict.objects.filter(pk=verdict.pk).update(
        rationale="A *new* reading.", version=F("version") + 1
    )
    _, html = queries(editor_client, url)
    assert "<em>new</em> reading" in html and "stored rendering" not in html


def test_search_results_come_in_pages(editor_client):
    article_with([ClaimStatus.UNREVIEWED] * (desk_selectors.SEARCH_PAGE + 5), word="tractors")
    article_with([ClaimStatus.UNREVIEWED] * 3, word="ferries")
    url = reverse("reviews:search") + "?q=tractors"
    first_queries, first = queries(editor_client, url)
    second_queries, second = queries(editor_client, url + "&page=2")
    on_first = re.findall(r'href="/claims/(\d+)/"', first)
    on_second = re.findall(r'href="/claims/(\d+)/"', second)
    assert len(on_first) == desk_selectors.SEARCH_PAGE and len(on_second) == 5
    assert not set(on_first) & set(on_second)
    assert "page=2" in first and 'rel="next"' in first and 'rel="next"' not in second
    assert "ferries" not in first + second
    # The best-ranked first: check-worthiness falls along the article.
    assert [int(i) for i in on_first] == sorted(int(i) for i in on_first)
    assert second_queries <= first_queries


def test_search_page_parameter_refuses_nonsense(editor_client):
    article_with([ClaimStatus.UNREVIEWED] * 2, word="tractors")
    for page in ("-1", "abc", "0", "99999999999999999999"):
        _, html = queries(editor_client, reverse("reviews:search") + f"?q=tractors&page={page}")
        assert len(re.findall(r'href="/claims/(\d+)/"', html)) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_full_text_search_ranks_matches_and_reads_the_index():
    article_with([ClaimStatus.UNREVIEWED] * 3, word="tractors")
    article_with([ClaimStatus.UNREVIEWED] * 2, word="ferries", title="Harbour ferries")
    found = desk_selectors.search_claims(desk_selectors.SearchQuery(text="tractor"))
    assert len(found) == 3 and all("tractors" in row.claim.text for row in found)
    phrase = desk_selectors.search_claims(desk_selectors.SearchQuery(text='"2 ferries"'))
    assert [row.claim.text for row in phrase] == [SENTENCE.format(n=2).replace("troops", "ferries")]
    articles = desk_selectors.search_articles(desk_selectors.SearchQuery(text="harbour"))
    assert [a.title for a in articles] == ["Harbour ferries"]
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        document, tsquery = desk_selectors.CLAIM_DOCUMENT, desk_selectors.TS_QUERY
        cursor.execute(
            f"EXPLAIN SELECT id FROM reviews_claim WHERE {document} @@ {tsquery}",  # noqa: S608
            ["tractor"],
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "claim_fts_idx" in plan


def test_dashboard_lists_the_first_waiting_verdicts_at_a_fixed_cost(editor_client, reviewer, scale):
    rating = scale.ratings.order_by("position").first()
    submitted(2, reviewer, rating)
    url = reverse("reviews:dashboard")
    few, html = queries(editor_client, url)
    assert 'Waiting for approval <span class="muted">(2)</span>' in html
    assert f"rating-{rating.slug}" in html and "by rita" in html
    submitted(30, reviewer, rating)
    for _ in range(5):
        article_with([ClaimStatus.UNREVIEWED, ClaimStatus.APPROVED])
    many, html = queries(editor_client, url)
    assert 'Waiting for approval <span class="muted">(32)</span>' in html
    assert html.count("by rita") == 10
    assert many == few
