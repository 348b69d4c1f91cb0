"""Clients of the named actors, one set for every suite: logged-in browsers of the desk
(`<actor>_client`) and token-authenticated API clients (`<actor>_api`)."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def desk_client(user) -> Client:
    """A Django test client logged in as `user` (a session, as a reviewer's browser has)."""
    client = Client()
    client.force_login(user)
    return client


def api_client(user=None) -> APIClient:
    """An API client with `user`'s token, or anonymous."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def reviewer_client(reviewer):
    return desk_client(reviewer)


@pytest.fixture
def reviewer2_client(reviewer2):
    return desk_client(reviewer2)


@pytest.fixture
def editor_client(editor):
    return desk_client(editor)


@pytest.fixture
def outsider_client(outsider):
    return desk_client(outsider)


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
