"""Fixtures of the review desk's service tests."""

from __future__ import annotations

import pytest

from reviews import roles
from reviews.models import Rating
from tests.factories import ClaimFactory, make_role_user


@pytest.fixture
def ratings(scale) -> dict[str, Rating]:
    return {r.slug: r for r in scale.ratings.all()}


@pytest.fixture
def editor2(db):
    return make_role_user("eddie", roles.EDITOR)


@pytest.fixture
def second_claim(article):
    """The article's second sentence, right after `claim`."""
    body = article.body
    start = body.index("The ministry")
    return ClaimFactory(article=article, start=start, end=body.index(".", start) + 1)
