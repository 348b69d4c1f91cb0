"""The review page's claim list: page furniture makes no claim but is not lost (the page says
how many lines were left out and a reviewer restores one as a claim); the claims worth
checking are marked, and a filter shows only them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.services.articles import article_ingest
from reviews.services.reingest import article_reingest

pytestmark = pytest.mark.django_db

BODY = (
    "Troops arrive in Almaty\n"
    "By Jane Smith\n"
    "Officials said 2,030 troops arrived on Monday.\n"
    "Read more: Kazakhstan's week of unrest in pictures\n"
    "The ministry reported that 7,939 people were detained.\n"
)


@pytest.fixture
def article(editor):
    return article_ingest(title="Troops arrive", body=BODY, actor=editor)


def page(client, article) -> str:
    return client.get(reverse("reviews:article_detail", args=[article.pk])).content.decode()


def test_furniture_lines_make_no_claims_and_are_listed(reviewer_client, article):
    texts = [c.text for c in article.claims.all()]
    assert not [t for t in texts if "Read more" in t or "Jane Smith" in t]
    assert any("2,030 troops" in t for t in texts)
    html = page(reviewer_client, article)
    assert "2 lines left out as page furniture" in html
    assert "By Jane Smith" in html and "Restore as a claim" in html


def test_a_reviewer_restores_a_left_out_line_as_a_claim(reviewer_client, reviewer, article):
    start = BODY.index("Read more")
    end = BODY.index("\n", start)
    answer = reviewer_client.post(
        reverse("reviews:claim_add", args=[article.pk]), {"start": start, "end": end}
    )
    assert answer.status_code == 302
    restored = article.claims.get(start=start)
    assert restored.text == BODY[start:end]
    assert (restored.added_manually, restored.assignee) == (True, reviewer)
    html = page(reviewer_client, article)
    assert "1 line left out as page furniture" in html


def test_an_old_version_offers_no_restore(editor_client, editor, article):
    article_reingest(previous=article, body=BODY + "Prices rose by 12 percent.\n", actor=editor)
    html = page(editor_client, article)
    assert "left out as page furniture" in html
    assert "Restore as a claim" not in html


def test_the_list_marks_and_filters_the_claims_worth_checking(reviewer_client, article):
    worth = article.claims.filter(checkworthy=True)
    rest = article.claims.filter(checkworthy=False)
    assert worth.exists() and rest.exists(), "the example needs both kinds"
    url = reverse("reviews:article_detail", args=[article.pk])
    html = reviewer_client.get(url).content.decode()
    for claim in worth:
        assert (
            f'id="claim-item-{claim.pk}" class="claim-item status-unreviewed worth-checking' in html
        )
    filtered = reviewer_client.get(url, {"checkworthy": "on"}).content.decode()
    assert all(f'id="claim-item-{c.pk}"' in filtered for c in worth)
    assert not any(f'id="claim-item-{c.pk}"' in filtered for c in rest)
