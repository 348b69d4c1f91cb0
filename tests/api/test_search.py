"""Search through the API: the web search page's results (claims by text, speaker, status and
the current verdict's rating; articles by text), with bad filters refused."""

from __future__ import annotations

import pytest

from tests.api.conftest import error_of, sentence_claim
from tests.factories import ArticleFactory
from tests.scenes import approve

pytestmark = pytest.mark.django_db


def ids(results: list[dict]) -> list[int]:
    return [r["id"] for r in results]


def test_text_finds_claims_and_articles(reviewer_api, article, claim, second_claim):
    other = ArticleFactory(title="Weather report", body="Snow fell on Monday.")
    data = reviewer_api.get("/api/search/?q=troops").json()
    assert ids(data["claims"]) == [claim.pk]
    assert ids(data["articles"]) == [article.pk]
    found = data["claims"][0]
    assert (found["display_text"], found["article"], found["article_title"]) == (
        claim.text,
        article.pk,
        article.title,
    )
    assert found["rating"] is None
    weather = reviewer_api.get("/api/search/?q=snow").json()
    assert (ids(weather["claims"]), ids(weather["articles"])) == ([], [other.pk])


def test_claims_by_speaker_status_and_rating(
    reviewer_api, reviewer, editor, article, claim, second_claim, third_claim, ratings
):
    second_claim.speaker = "Interior Ministry"
    second_claim.save(update_fields=["speaker"])
    approve(claim, reviewer, editor, ratings["false"])
    approve(third_claim, reviewer, editor, ratings["true"])

    by_speaker = reviewer_api.get("/api/search/?speaker=ministry").json()
    assert ids(by_speaker["claims"]) == [second_claim.pk]
    assert by_speaker["articles"] == []  # articles match text only

    by_rating = reviewer_api.get("/api/search/?rating=false").json()["claims"]
    assert ids(by_rating) == [claim.pk]
    assert by_rating[0]["rating"]["slug"] == "false"

    approved = reviewer_api.get("/api/search/?status=approved").json()["claims"]
    assert set(ids(approved)) == {claim.pk, third_claim.pk}
    both = reviewer_api.get("/api/search/?status=approved&rating=true").json()["claims"]
    assert ids(both) == [third_claim.pk]


def test_claims_are_ranked_by_check_worthiness(reviewer_api, article):
    low = sentence_claim(article, "Officials", checkworthiness=0.2)
    high = sentence_claim(article, "The ministry", checkworthiness=0.9)
    data = reviewer_api.get("/api/search/?q=e").json()
    assert ids(data["claims"]) == [high.pk, low.pk]


def test_an_empty_search_finds_nothing(reviewer_api, claim):
    assert reviewer_api.get("/api/search/").json() == {"articles": [], "claims": []}
    assert reviewer_api.get("/api/search/?q=%20%20").json() == {"articles": [], "claims": []}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=maybe", "status"),
        ("rating=somewhat-true", "rating"),
        ("q=" + "x" * 201, "q"),
        ("speaker=" + "x" * 201, "speaker"),
        ("q=%00", "q"),
    ],
)
def test_bad_search_filters_are_refused(reviewer_api, scale, claim, query, field):
    error = error_of(reviewer_api.get(f"/api/search/?{query}"), 400, "invalid")
    assert field in error["fields"]


def test_only_the_desk_searches(outsider_api, anon_api, claim):
    error_of(outsider_api.get("/api/search/?q=troops"), 403, "forbidden")
    error_of(anon_api.get("/api/search/?q=troops"), 401, "not_authenticated")
