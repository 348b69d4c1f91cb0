"""Who sees which page: anonymous visitors are sent to log in, people without a desk role get
nothing (403 for pages, 404 for objects), desk members see everything."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reviews.models import ClaimStatus

pytestmark = pytest.mark.django_db


def page_urls(article, claim) -> list[str]:
    return [
        reverse("reviews:dashboard"),
        reverse("reviews:article_list"),
        reverse("reviews:ingest"),
        reverse("reviews:article_detail", args=[article.pk]),
        reverse("reviews:claim_detail", args=[claim.pk]),
        reverse("reviews:approval_queue"),
        reverse("reviews:search"),
    ]


def test_anonymous_visitor_is_sent_to_login_from_every_page(article, claim):
    client = Client()
    for url in page_urls(article, claim):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def test_anonymous_post_changes_nothing_and_asks_to_log_in(claim):
    response = Client().post(reverse("reviews:claim_take", args=[claim.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    claim.refresh_from_db()
    assert claim.assignee is None


@pytest.mark.parametrize("client_name", ["reviewer_client", "editor_client"])
def test_desk_members_see_every_page(request, client_name, article, claim, scale):
    client = request.getfixturevalue(client_name)
    for url in page_urls(article, claim):
        assert client.get(url).status_code == 200, url


def test_outsider_is_refused_the_desk_pages(outsider_client):
    for name in ("dashboard", "article_list", "ingest", "approval_queue", "search"):
        response = outsider_client.get(reverse(f"reviews:{name}"))
        assert response.status_code == 403, name


def test_outsider_cannot_tell_whether_an_article_or_claim_exists(outsider_client, article, claim):
    assert (
        outsider_client.get(reverse("reviews:article_detail", args=[article.pk])).status_code == 404
    )
    assert outsider_client.get(reverse("reviews:claim_detail", args=[claim.pk])).status_code == 404
    missing = outsider_client.get(reverse("reviews:article_detail", args=[article.pk + 999]))
    assert missing.status_code == 404


def test_outsider_cannot_take_or_rate_a_claim(outsider_client, claim, scale):
    taken = outsider_client.post(reverse("reviews:claim_take", args=[claim.pk]))
    rated = outsider_client.post(
        reverse("reviews:verdict_save", args=[claim.pk]),
        {"verdict-rating": scale.ratings.first().pk, "verdict-confidence": 50},
    )
    assert taken.status_code == 404
    assert rated.status_code == 404
    claim.refresh_from_db()
    assert claim.assignee is None
    assert claim.status == ClaimStatus.UNREVIEWED
    assert not claim.verdicts.exists()


def test_unknown_claim_is_a_404_for_desk_members(reviewer_client, claim):
    response = reviewer_client.get(reverse("reviews:claim_detail", args=[claim.pk + 999]))
    assert response.status_code == 404


def test_actions_refuse_get_requests(reviewer_client, claim):
    response = reviewer_client.get(reverse("reviews:claim_take", args=[claim.pk]))
    assert response.status_code == 405
    claim.refresh_from_db()
    assert claim.assignee is None
