"""Scenes: claims brought into each workflow state through the services themselves (never
by writing statuses into the database). Every test suite builds its states from here."""

from __future__ import annotations

from reviews.models import Claim, Rating
from reviews.services.claims import claim_assign
from reviews.services.verdicts import verdict_approve, verdict_save, verdict_submit


def write(
    claim: Claim,
    actor,
    rating: Rating,
    rationale: str = "The ministry's own figure.",
    confidence: int = 80,
    **kwargs,
):
    return verdict_save(
        claim=claim,
        actor=actor,
        rating=rating,
        rationale=rationale,
        confidence=confidence,
        **kwargs,
    )


def submit(claim: Claim, actor, rating: Rating, **kwargs):
    write(claim, actor, rating, **kwargs)
    return verdict_submit(claim=claim, actor=actor)


def approve(claim: Claim, author, approver, rating: Rating):
    submit(claim, author, rating)
    return verdict_approve(claim=claim, actor=approver)


def assign(claim: Claim, assignee, editor):
    return claim_assign(claim=claim, assignee_id=assignee.pk if assignee else None, actor=editor)


def fresh(claim: Claim) -> Claim:
    claim.refresh_from_db()
    return claim
