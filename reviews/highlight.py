"""Split an article body into plain and highlighted segments for the review page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    claim: object | None = None


def segments(body: str, claims: Iterable) -> list[Segment]:
    """Claims sorted by start; an overlapping claim (rare: manual additions) is skipped in the
    body but stays in the claim list."""
    out: list[Segment] = []
    position = 0
    ordered: Sequence = sorted(claims, key=lambda c: (c.start, c.end))
    for claim in ordered:
        if claim.start < position:
            continue
        if claim.start > position:
            out.append(Segment(body[position : claim.start]))
        out.append(Segment(body[claim.start : claim.end], claim))
        position = claim.end
    if position < len(body):
        out.append(Segment(body[position:]))
    return out
