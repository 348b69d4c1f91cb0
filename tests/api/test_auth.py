"""Tokens, sessions, throttling and the login lockout of the API."""

from __future__ import annotations

import json

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db


def token_request(client, payload):
    return client.post(
        "/api/auth/token/", data=json.dumps(payload), content_type="application/json"
    )


def test_password_is_exchanged_for_a_token_that_authenticates(anon_api, reviewer):
    response = token_request(anon_api, {"username": "rita", "password": "pw"})
    assert response.status_code == 200, response.content
    token = response.json()["token"]
    assert Token.objects.get(user=reviewer).key == token
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/articles/").status_code == 200
    # Asking again gives the same token (scripts on several machines share one user).
    assert token_request(anon_api, {"username": "rita", "password": "pw"}).json()["token"] == token


@pytest.mark.parametrize(
    "payload",
    [{"username": "rita", "password": "wrong"}, {"username": "nobody", "password": "pw"}],
)
def test_wrong_credentials_get_no_token(anon_api, reviewer, payload):
    error = error_of(token_request(anon_api, payload), 400, "invalid")
    assert error["message"] == "Wrong username or password."
    assert not Token.objects.exists()


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, {"username", "password"}),
        ({"username": "rita"}, {"password"}),
        ({"username": "rita", "password": 12345}, {"password"}),
        ({"username": ["rita"], "password": "pw"}, {"username"}),
    ],
)
def test_malformed_token_requests_are_refused(anon_api, reviewer, payload, fields):
    error = error_of(token_request(anon_api, payload), 400, "invalid")
    assert set(error["fields"]) == fields


def test_malformed_json_token_request_is_refused(anon_api):
    response = anon_api.post("/api/auth/token/", data="{username", content_type="application/json")
    error_of(response, 400, "invalid")


def test_inactive_users_get_no_token(anon_api, reviewer):
    reviewer.is_active = False
    reviewer.save(update_fields=["is_active"])
    error_of(token_request(anon_api, {"username": "rita", "password": "pw"}), 400)


def test_a_bad_token_is_a_401(article):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    error = error_of(client.get("/api/articles/"), 401, "not_authenticated")
    assert error["message"] == "Invalid token."


def test_session_login_works_for_reads_and_needs_csrf_for_writes(reviewer, article):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(reviewer)
    assert client.get(f"/api/articles/{article.pk}/").status_code == 200
    response = client.post(
        "/api/articles/", {"title": "T", "body": "Text.", "published": "2022-01-10"}
    )
    error = error_of(response, 403, "forbidden")
    assert "CSRF" in error["message"]


def test_requests_over_the_per_user_rate_are_throttled(settings, reviewer_api, editor_api):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "3/minute", "anon": "3/minute", "token": "3/minute"},
    }
    for _ in range(3):
        assert reviewer_api.get("/api/articles/").status_code == 200
    response = reviewer_api.get("/api/articles/")
    error_of(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    # Counted per user: another user is not slowed down by rita.
    assert editor_api.get("/api/articles/").status_code == 200


def test_repeated_failed_token_requests_lock_the_account_out(settings, anon_api, reviewer):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        token_request(anon_api, {"username": "rita", "password": "guess"})
    # Locked out: even the right password gets no token now.
    response = token_request(anon_api, {"username": "rita", "password": "pw"})
    error = error_of(response, 429, "locked_out")
    assert "try again later" in error["message"]
    assert not Token.objects.exists()


def test_browsable_api_renders_for_a_logged_in_desk_member(reviewer, claim):
    client = APIClient()
    client.force_login(reviewer)
    for url in (f"/api/claims/{claim.pk}/", f"/api/articles/{claim.article_id}/claims/"):
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html")
        assert claim.text in response.content.decode()
