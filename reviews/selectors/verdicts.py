"""A claim's verdicts."""

from __future__ import annotations

from reviews.models import Claim, Verdict


def verdict_latest(claim: Claim) -> Verdict | None:
    """The verdict being worked on: the highest number (a correction in progress, while the
    approved version it will replace is still the current one)."""
    return claim.verdicts.select_related("rating").order_by("-number").first()
