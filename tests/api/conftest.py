"""Fixtures of the API tests: token-authenticated clients of the named actors, and a check
of the one error shape every refusal has."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from reviews import roles
from tests.factories import ClaimFactory, make_role_user


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # The throttles count requests in the cache; every test starts with none.
    cache.clear()
    yield
    cache.clear()


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


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
def editor2(db):
    return make_role_user("eddie", roles.EDITOR)


@pytest.fixture
def anon_api(db):
    return api_client()


@pytest.fixture
def reviewer_api(reviewer):
    return api_client(reviewer)


@pytest.fixture
def reviewer2_api(reviewer2):
    return api_client(reviewer2)


@pytest.fixture
def editor_api(editor):
    return api_client(editor)


@pytest.fixture
def editor2_api(editor2):
    return api_client(editor2)


@pytest.fixture
def outsider_api(outsider):
    return api_client(outsider)


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
