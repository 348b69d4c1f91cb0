"""Fixtures of the report tests: an article with three claims, rated through the desk's own
services (never by writing statuses into the database)."""

from __future__ import annotations

import pytest

from reviews.models import Claim, Rating
from reviews.services.claims import claim_reopen
from reviews.services.verdicts import verdict_approve, verdict_save, verdict_submit
from tests.factories import ClaimFactory
from tests.reports.publishing import INTERNAL_REASON


@pytest.fixture
def ratings(scale) -> dict[str, Rating]:
    return {r.label: r for r in scale.ratings.all()}


@pytest.fixture
def claims(article) -> list[Claim]:
    """One claim per sentence of the factory article's body, numbered 1, 2, 3 in article
    order as ingesting numbers them."""
    body = article.body
    out, start = [], 0
    while start < len(body):
        end = body.index(".", start) + 1
        out.append(ClaimFactory(article=article, start=start, end=end, number=len(out) + 1))
        start = end + 1
    return out


@pytest.fixture
def rate(reviewer, editor, ratings):
    """rate(claim, "False", "Rationale.") writes, submits and approves a verdict; `note` is
    the public correction note the approving editor writes for a correction."""

    def rate(
        claim: Claim,
        label: str,
        rationale: str = "The record says otherwise.",
        note: str | None = None,
        **kwargs,
    ):
        verdict_save(
            claim=claim,
            actor=reviewer,
            rating=ratings[label],
            rationale=rationale,
            confidence=80,
            **kwargs,
        )
        verdict_submit(claim=claim, actor=reviewer)
        return verdict_approve(claim=claim, actor=editor, correction_note=note)

    return rate


@pytest.fixture
def correct(rate, editor):
    """correct(claim, "Mostly false", note) reopens an approved claim (with an internal
    reason, INTERNAL_REASON) and approves a new rating with `note` as the public correction
    note, as the desk does for a correction."""

    def correct(claim: Claim, label: str, note: str, rationale: str = "Revised figures."):
        claim_reopen(claim=claim, actor=editor, reason=INTERNAL_REASON)
        return rate(claim, label, rationale, note=note)

    return correct
