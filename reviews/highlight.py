"""Split an article body into plain and highlighted segments for the review page.

Every segment knows where it starts in the body, so the page can carry the offsets as data
attributes and the browser can turn a text selection back into body offsets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    start: int = 0
    claim: object | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def segments(body: str, claims: Iterable) -> list[Segment]:
    """Claims sorted by start; an overlapping claim (rare: manual additions) is skipped in the
    body but stays in the claim list."""
    out: list[Segment] = []
    position = 0
    ordered: Sequence = sorted(claims, key=lambda c: (c.start, c.end))
    for claim in ordered:
        if claim.start < position or claim.end > len(body):
            continue
        if claim.start > position:
            out.append(Segment(body[position : claim.start], position))
        out.append(Segment(body[claim.start : claim.end], claim.start, claim))
        position = claim.end
    if position < len(body):
        out.append(Segment(body[position:], position))
    return out
