"""A verdict whose rating says the opposite of every source attached to it.

True with nothing but refuting sources, or False with nothing but supporting ones, is most
often a slip (the wrong rating picked, or the stances set the wrong way round); the desk says
so before the verdict is submitted and again on the editor's approval card. Mixed evidence,
context-only evidence and ratings in the middle of the scale (Half true, Misleading) are a
reviewer's judgement and are never flagged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from reviews.models.sources import Stance
from reviews.selectors.matches import REFUTING_LABELS, SUPPORTING_LABELS


class RatingLike(Protocol):
    label: str
    value: int | None


def _leaning(rating: RatingLike, bounds: tuple[int, int] | None) -> str:
    """Which way a rating points: "true", "false", or "" for the middle and off-scale labels."""
    label = " ".join(rating.label.lower().replace("-", " ").split()).strip(" .!")
    if label in SUPPORTING_LABELS:
        return "true"
    if label in REFUTING_LABELS:
        return "false"
    if bounds is not None and rating.value is not None and bounds[0] != bounds[1]:
        worst, best = min(bounds), max(bounds)
        if rating.value == best:
            return "true"
        if rating.value == worst:
            return "false"
    return ""


def evidence_contradiction(
    rating: RatingLike, stances: Sequence[str], *, bounds: tuple[int, int] | None = None
) -> str:
    """The warning for a rating that contradicts all of its evidence, or "" when there is none.

    `stances` are the Evidence.stance values of the claim's sources; `bounds` the lowest and
    highest ratingValue of the rating's scale, for scales whose labels are the desk's own.
    """
    if not stances:
        return ""
    leaning = _leaning(rating, bounds)
    if leaning == "true" and all(stance == Stance.REFUTES for stance in stances):
        return (
            f"Rated {rating.label}, but every source attached refutes the claim. "
            "Check the rating and the stances before this goes to an editor."
        )
    if leaning == "false" and all(stance == Stance.SUPPORTS for stance in stances):
        return (
            f"Rated {rating.label}, but every source attached supports the claim. "
            "Check the rating and the stances before this goes to an editor."
        )
    return ""
