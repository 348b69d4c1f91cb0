"""Shared fixtures: the named actors every test suite reuses.

- `reviewer`: writes verdicts; `reviewer2`: another reviewer;
- `editor`: assigns, approves and returns;
- `outsider`: logged in, but in no desk role.
"""

from __future__ import annotations

import pytest

from reviews import roles
from reviews.services.ratings import rating_scale_ensure_default
from tests.factories import ArticleFactory, ClaimFactory, make_role_user


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
