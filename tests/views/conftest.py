"""Fixtures of the web UI tests: claims in each stage of the workflow, made through the
scenes (tests/scenes.py); the actors' clients come from tests/clients.py."""

from __future__ import annotations

import pytest

from reviews.services.claims import claim_take
from reviews.services.verdicts import verdict_submit
from tests import scenes

HTMX = {"HX-Request": "true", "HX-Target": "claim-panel"}


def rating(scale, label: str):
    return scale.ratings.get(label=label)


@pytest.fixture
def drafted_claim(claim, reviewer, scale):
    """A claim the reviewer took and rated, not yet submitted."""
    claim_take(claim=claim, actor=reviewer)
    scenes.write(claim, reviewer, rating(scale, "Mostly true"), "The ministry's *own* figures.")
    return scenes.fresh(claim)


@pytest.fixture
def submitted_claim(drafted_claim, reviewer):
    verdict_submit(claim=drafted_claim, actor=reviewer)
    return scenes.fresh(drafted_claim)
