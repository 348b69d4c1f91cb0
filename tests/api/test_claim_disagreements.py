"""A claim's `disagreements` in the API: its numbers that disagree with another claim of the
article or with an earlier approved claim."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.selectors.disagreements import SHOWN_LIMIT
from tests.disagreement_scenes import (
    article_with_counts,
    claim_with,
    earlier_with_approved_toll,
    troops_article,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(editor):
    return troops_article(editor)


@pytest.fixture
def earlier(editor, editor2, reviewer, scale):
    return earlier_with_approved_toll(
        editor=editor, editor2=editor2, reviewer=reviewer, scale=scale
    )


def test_the_api_lists_a_claims_disagreements(reviewer_api, article, earlier):
    died = claim_with(article, "164 people")
    toll = claim_with(earlier, "225 people")
    sent = claim_with(article, "2,030 troops")
    joined = claim_with(article, "more than 2,000 troops")

    response = reviewer_api.get(f"/api/claims/{died.pk}/")
    assert response.status_code == 200
    assert response.json()["disagreements"] == [
        {
            "here": "164 people",
            "there": "225 people",
            "unit": "people",
            "claim": toll.pk,
            "claim_number": toll.number,
            "article": earlier.pk,
            "same_article": False,
        }
    ]

    response = reviewer_api.get(f"/api/articles/{article.pk}/claims/")
    assert response.status_code == 200
    rows = response.json()["results"]
    by_id = {row["id"]: row["disagreements"] for row in rows}
    assert [d["claim"] for d in by_id[sent.pk]] == [joined.pk]
    assert by_id[joined.pk][0]["same_article"] is True
    assert by_id[claim_with(article, "12 percent").pk] == []


def test_the_claim_list_works_out_disagreements_once_per_page(reviewer_api):
    small, large = article_with_counts(5, "Small"), article_with_counts(40, "Large")

    def count(article) -> int:
        url = f"/api/articles/{article.pk}/claims/?page_size=100"
        with CaptureQueriesContext(connection) as queries:
            response = reviewer_api.get(url)
        rows = response.json()["results"]
        shown = min(len(rows) - 1, SHOWN_LIMIT)
        assert all(len(row["disagreements"]) == shown for row in rows)
        return len(queries)

    assert count(small) == count(large)
