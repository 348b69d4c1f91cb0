"""Fixtures of the API tests: token-authenticated clients of the named actors, and a check
of the one error shape every refusal has."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.clients import api_client  # noqa: F401 - imported from here by API tests
from tests.factories import ClaimFactory


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # The throttles count requests in the cache; every test starts with none.
    cache.clear()
    yield
    cache.clear()


def error_of(response, status: int, code: str | None = None) -> dict:
    """The error body of `response`, after checking its status and shape."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert {"code", "message", "fields"} <= set(error), error
    assert isinstance(error["message"], str) and error["message"], error
    assert isinstance(error["fields"], dict), error
    if code is not None:
        assert error["code"] == code, error
    return error


@pytest.fixture
def ratings(scale) -> dict:
    return {r.slug: r for r in scale.ratings.all()}


def sentence_claim(article, starts_with: str, **fields):
    """A claim on the sentence of `article` that begins with `starts_with`."""
    body = article.body
    start = body.index(starts_with)
    return ClaimFactory(article=article, start=start, end=body.index(".", start) + 1, **fields)


@pytest.fixture
def second_claim(article):
    return sentence_claim(article, "The ministry", kind="event", checkworthiness=0.95)


@pytest.fixture
def third_claim(article):
    return sentence_claim(article, "Prices rose", kind="statistic", checkworthiness=0.3)


def seen(client, claim) -> dict:
    """The claim as `client` reads it before acting: its detail, with the claim's `version`
    and its latest verdict's `verdict.version`."""
    response = client.get(f"/api/claims/{claim.pk}/")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def claim_version(client, claim) -> int:
    return seen(client, claim)["version"]


def verdict_version(client, claim) -> int:
    return seen(client, claim)["verdict"]["version"]
