"""The desk's whole workflow through the API only, as a newsroom script would drive it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rest_framework.test import APIClient

from tests.exports import claimreview_rules

pytestmark = pytest.mark.django_db

DEMO_ARTICLE = Path(__file__).resolve().parents[2] / "fixtures" / "demo_article.txt"


def logged_in(username: str) -> APIClient:
    client = APIClient()
    response = client.post("/api/auth/token/", {"username": username, "password": "pw"})
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def test_article_to_published_claimreview_through_the_api(reviewer, editor):
    rita, erin = logged_in("rita"), logged_in("erin")
    body = DEMO_ARTICLE.read_text(encoding="utf-8")

    ingested = rita.post(
        "/api/articles/",
        {
            "title": body.splitlines()[0],
            "body": body,
            "published": "2022-01-11",
            "url": "https://news.example.org/kazakhstan-order-restored",
            "outlet": "Example News",
        },
    )
    assert ingested.status_code == 201, ingested.content
    article = ingested.json()
    assert article["claim_count"] >= 10

    claims = rita.get(f"/api/articles/{article['id']}/claims/?ordering=score&kind=statistic")
    claim = next(c for c in claims.json()["results"] if "7,939" in c["text"])
    assert claim["status"] == "unreviewed" and claim["verdict"] is None

    ratings = {r["slug"]: r for r in rita.get("/api/ratings/").json()["results"]}
    saved = rita.put(
        f"/api/claims/{claim['id']}/verdict/",
        {
            "rating": ratings["true"]["id"],
            "rationale": "The Interior Ministry's statement gives **7,939** detentions.",
            "confidence": 90,
            "version": 0,
        },
    )
    assert saved.status_code == 200, saved.content
    evidence = rita.post(
        f"/api/claims/{claim['id']}/evidence/",
        {
            "url": "https://gov.example.kz/press/detentions",
            "stance": "supports",
            "quote": "7,939 people were detained",
        },
    )
    assert evidence.status_code == 201, evidence.content

    submitted = rita.post(
        f"/api/claims/{claim['id']}/submit/", {"version": saved.json()["version"]}
    )
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"

    read = submitted.json()["verdict"]["version"]
    refused = rita.post(f"/api/claims/{claim['id']}/approve/", {"version": read})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"

    seen = erin.get(f"/api/claims/{claim['id']}/").json()["verdict"]
    assert seen["status"] == "submitted"
    approved = erin.post(f"/api/claims/{claim['id']}/approve/", {"version": seen["version"]})
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"
    assert approved.json()["verdict"]["approved_by"]["username"] == "erin"

    published = erin.post(f"/api/articles/{article['id']}/publish/")
    assert published.status_code == 201, published.content
    assert published.json()["number"] == 1

    export = APIClient().get(f"/api/articles/{article['id']}/report/?format=claimreview")
    assert export.status_code == 200
    reviews = export.json()
    assert claimreview_rules.validate(reviews) == []
    assert [r["claimReviewed"] for r in reviews] == [claim["text"]]
    assert reviews[0]["reviewRating"]["alternateName"] == "True"

    history = rita.get(f"/api/claims/{claim['id']}/history/").json()
    assert [e["message"] for e in history][-3:] == [
        "Evidence added by rita",
        "Verdict submitted by rita",
        "Approved by erin",
    ]
