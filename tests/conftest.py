"""Shared fixtures: the named actors every test suite reuses.

- `reviewer`: writes verdicts; `reviewer2`: another reviewer;
- `editor`: assigns, approves and returns; `editor2`: another editor;
- `outsider`: logged in, but in no desk role.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviews import roles
from reviews.services.ratings import rating_scale_ensure_default
from tests.factories import ArticleFactory, ClaimFactory, make_role_user

# The fake outside services (a news site, Wikipedia, Fact Check Tools, SearxNG) on 127.0.0.1.
pytest_plugins = ["tests.fakes.fixtures", "tests.clients"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's Chromium driven by Playwright, one for the whole run: Playwright's sync API
    runs an event loop in this thread, and a second instance alongside it refuses to start."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    # With that loop running, Django refuses database access from this thread unless told
    # that it is deliberate (the live server and the test share the test database).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    # Argon2 is deliberately slow; tests create many users. Login throttling is tested on
    # its own (it needs a request on every authenticate call, which Client.login lacks).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False


@pytest.fixture
def reviewer(db):
    return make_role_user("rita", roles.REVIEWER)


@pytest.fixture
def reviewer2(db):
    return make_role_user("ravi", roles.REVIEWER)


@pytest.fixture
def editor(db):
    return make_role_user("erin", roles.EDITOR)


@pytest.fixture
def editor2(db):
    """A second editor, for the four-eyes rule between editors."""
    return make_role_user("eddie", roles.EDITOR)


@pytest.fixture
def outsider(db):
    return make_role_user("oscar", None)


@pytest.fixture
def scale(db):
    return rating_scale_ensure_default()


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def claim(article):
    return ClaimFactory(article=article)
