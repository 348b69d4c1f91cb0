"""A claim's verdicts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reviews.models import Claim, Evidence, Verdict


def verdict_latest(claim: Claim) -> Verdict | None:
    """The verdict being worked on: the highest number (a correction in progress, while the
    approved version it will replace is still the current one)."""
    return claim.verdicts.select_related("rating").order_by("-number").first()


@dataclass(frozen=True)
class Correction:
    """What a correction in progress changes in the published verdict: what an editor reads
    before approving it."""

    published: Verdict
    rating_changed: bool
    rationale_changed: bool
    confidence_changed: bool
    sources_added: int
    sources_removed: int

    @property
    def summary(self) -> list[str]:
        lines = []
        if self.rating_changed:
            lines.append(f"Rating was {self.published.rating.label}")
        if self.rationale_changed:
            lines.append("Rationale rewritten")
        if self.confidence_changed:
            lines.append(f"Confidence was {self.published.confidence}%")
        if self.sources_added:
            lines.append(
                f"{self.sources_added} source{'s' if self.sources_added > 1 else ''} added"
            )
        if self.sources_removed:
            n = self.sources_removed
            lines.append(f"{n} source{'s' if n > 1 else ''} removed")
        return lines or ["No change to rating, rationale, confidence or sources yet"]


def corrections(
    pairs: Iterable[tuple[Verdict | None, Verdict | None, Iterable[Evidence]]],
) -> list[Correction | None]:
    """For each (published, working, evidence) of a claim: the Correction when the working
    verdict is a new version of a published one, else None. Sources removed since the
    published version was approved are counted from the evidence history in one query."""
    pairs = list(pairs)
    since = {
        working.claim_id: published.approved_at
        for published, working, _ in pairs
        if published is not None
        and working is not None
        and _is_correction(published, working)
        and published.approved_at is not None
    }
    removed: dict[int, int] = {}
    if since:
        rows = Evidence.history.filter(
            claim_id__in=list(since), history_type="-", history_date__gt=min(since.values())
        ).values_list("claim_id", "history_date")
        for claim_id, when in rows:
            if when > since[claim_id]:
                removed[claim_id] = removed.get(claim_id, 0) + 1
    found: list[Correction | None] = []
    for published, working, evidence in pairs:
        if published is None or working is None or not _is_correction(published, working):
            found.append(None)
            continue
        approved_at = published.approved_at
        found.append(
            Correction(
                published=published,
                rating_changed=published.rating_id != working.rating_id,
                rationale_changed=published.rationale != working.rationale,
                confidence_changed=published.confidence != working.confidence,
                sources_added=sum(
                    1 for e in evidence if approved_at is None or e.created_at > approved_at
                ),
                sources_removed=removed.get(working.claim_id, 0),
            )
        )
    return found


def _is_correction(published: Verdict, working: Verdict) -> bool:
    return published.pk != working.pk and published.status in (
        Verdict.Status.APPROVED,
        Verdict.Status.SUPERSEDED,
    )
