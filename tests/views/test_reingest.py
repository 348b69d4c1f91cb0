"""A new version of an article from the article page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.models import Article, ClaimStatus

pytestmark = pytest.mark.django_db


def test_new_version_keeps_unchanged_verdicts_and_flags_changes(reviewer_client, submitted_claim):
    article = submitted_claim.article
    body = article.body.replace("12 percent", "15 percent")
    response = reviewer_client.post(
        reverse("reviews:article_reingest", args=[article.pk]), {"body": body}
    )
    new = Article.objects.get(previous_version=article)
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:article_detail", args=[new.pk])
    carried = new.claims.get(start=submitted_claim.start, end=submitted_claim.end)
    assert carried.status == ClaimStatus.SUBMITTED
    assert carried.verdicts.filter(is_current=True).exists()
    html = reviewer_client.get(response["Location"]).content.decode()
    assert "previous version" in html
    old = reviewer_client.get(reverse("reviews:article_detail", args=[article.pk]))
    assert "This is an old version of the article." in old.content.decode()


def test_empty_new_version_is_refused_and_nothing_is_created(reviewer_client, article):
    response = reviewer_client.post(
        reverse("reviews:article_reingest", args=[article.pk]), {"body": ""}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Article.objects.count() == 1
