"""Login throttling (django-axes): failures lock out one username from one address, for a
cool-off period; other usernames and other addresses keep working."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.utils import timezone

LOGIN = "/accounts/login/"
PASSWORD = "correct horse battery"
LIMIT = 3


@pytest.fixture(autouse=True)
def throttling(settings):
    # The API's own request rates live in the cache: start from none, so that only axes
    # decides here.
    cache.clear()
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


@pytest.fixture
def rita(reviewer):
    reviewer.set_password(PASSWORD)
    reviewer.save(update_fields=["password"])
    return reviewer


@pytest.fixture
def ravi(reviewer2):
    reviewer2.set_password(PASSWORD)
    reviewer2.save(update_fields=["password"])
    return reviewer2


def login(client, username: str, password: str, ip: str = "192.0.2.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, username: str, times: int, ip: str = "192.0.2.1"):
    return [login(client, username, "wrong", ip).status_code for _ in range(times)]


def is_locked_out(response) -> bool:
    return response.status_code == 429 and "Too many failed logins" in response.content.decode()


def test_failures_below_the_limit_only_show_the_form_error(client, rita):
    assert fail(client, "rita", LIMIT - 1) == [200] * (LIMIT - 1)
    response = login(client, "rita", PASSWORD)
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_the_limit_of_failures_locks_the_username_out_even_with_the_right_password(client, rita):
    statuses = fail(client, "rita", LIMIT)
    assert statuses[:-1] == [200] * (LIMIT - 1)
    assert statuses[-1] == 429
    response = login(client, "rita", PASSWORD)
    assert is_locked_out(response)
    page = response.content.decode()
    assert f"after {LIMIT} failed attempts" in page
    assert "Try again in 0:15:00" in page
    assert response.headers["Content-Type"].startswith("text/html")
    assert "_auth_user_id" not in client.session


def test_another_username_from_the_same_address_still_logs_in(client, rita, ravi):
    fail(client, "rita", LIMIT)
    assert login(client, "ravi", PASSWORD).status_code == 302


def test_the_same_username_from_another_address_still_logs_in(client, rita):
    fail(client, "rita", LIMIT, ip="192.0.2.1")
    assert is_locked_out(login(client, "rita", PASSWORD, ip="192.0.2.1"))
    assert login(client, "rita", PASSWORD, ip="198.51.100.9").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, rita):
    fail(client, "rita", LIMIT)
    assert is_locked_out(login(client, "rita", PASSWORD))
    # Sixteen minutes pass (the cool-off is fifteen).
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    response = login(client, "rita", PASSWORD)
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_successful_login_resets_the_count(client, rita):
    fail(client, "rita", LIMIT - 1)
    assert login(client, "rita", PASSWORD).status_code == 302
    client.logout()
    assert fail(client, "rita", LIMIT - 1) == [200] * (LIMIT - 1)
    assert login(client, "rita", PASSWORD).status_code == 302


def test_a_locked_out_username_gets_no_api_token_either(client, rita):
    fail(client, "rita", LIMIT)
    response = client.post(
        "/api/auth/token/",
        {"username": "rita", "password": PASSWORD},
        content_type="application/json",
        REMOTE_ADDR="192.0.2.1",
    )
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "locked_out"


def test_failures_through_the_api_count_toward_the_lockout(client, rita):
    for _ in range(LIMIT):
        client.post(
            "/api/auth/token/",
            {"username": "rita", "password": "wrong"},
            content_type="application/json",
            REMOTE_ADDR="192.0.2.1",
        )
    assert is_locked_out(login(client, "rita", PASSWORD))


def test_a_spoofed_forwarded_for_header_does_not_dodge_the_lockout(client, rita, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    for n in range(LIMIT):
        response = client.post(
            LOGIN,
            {"username": "rita", "password": "wrong"},
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",  # a new "address" every try
        )
    assert is_locked_out(response)
    assert AccessAttempt.objects.get().ip_address == "192.0.2.1"


def test_behind_a_trusted_proxy_the_forwarded_client_is_locked_out_not_the_proxy(
    client, rita, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]

    def via_proxy(password: str, client_address: str):
        return client.post(
            LOGIN,
            {"username": "rita", "password": password},
            REMOTE_ADDR="10.0.0.5",
            # The client may prepend anything; the proxy appends the address it saw.
            HTTP_X_FORWARDED_FOR=f"203.0.113.99, {client_address}",
        )

    for _ in range(LIMIT):
        response = via_proxy("wrong", "192.0.2.7")
    assert is_locked_out(response)
    assert AccessAttempt.objects.get().ip_address == "192.0.2.7"
    # Another client behind the same proxy still logs in.
    assert via_proxy(PASSWORD, "192.0.2.8").status_code == 302
