"""Fixtures of the web UI tests: logged-in clients of the named actors, claims in each stage
of the workflow (made through the services, as the desk would)."""

from __future__ import annotations

import pytest
from django.test import Client

from reviews.services.claims import claim_take
from reviews.services.verdicts import verdict_save, verdict_submit

HTMX = {"HX-Request": "true", "HX-Target": "claim-panel"}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reviewer_client(reviewer):
    return client_for(reviewer)


@pytest.fixture
def reviewer2_client(reviewer2):
    return client_for(reviewer2)


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def outsider_client(outsider):
    return client_for(outsider)


def rating(scale, label: str):
    return scale.ratings.get(label=label)


@pytest.fixture
def drafted_claim(claim, reviewer, scale):
    """A claim the reviewer took and rated, not yet submitted."""
    claim_take(claim=claim, actor=reviewer)
    verdict_save(
        claim=claim,
        actor=reviewer,
        rating=rating(scale, "Mostly true"),
        rationale="The ministry's *own* figures.",
        confidence=80,
    )
    claim.refresh_from_db()
    return claim


@pytest.fixture
def submitted_claim(drafted_claim, reviewer):
    verdict_submit(claim=drafted_claim, actor=reviewer)
    drafted_claim.refresh_from_db()
    return drafted_claim
