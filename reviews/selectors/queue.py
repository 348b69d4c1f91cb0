"""The queues of the desk: a reviewer's claims and the verdicts waiting for an editor."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch

from reviews import permissions
from reviews.models import Claim, ClaimStatus, Evidence, Verdict
from reviews.selectors.desk import OPEN_STATUSES, QUEUE_PRIORITY


@dataclass(frozen=True)
class QueueRow:
    """A submitted claim with its current verdict and evidence, and whether the reader may
    approve it (not when they wrote or last edited the verdict: four eyes)."""

    claim: Claim
    verdict: Verdict | None
    evidence: tuple[Evidence, ...]
    can_approve: bool


def approval_queue(
    user: AbstractBaseUser | AnonymousUser, *, limit: int = 200
) -> tuple[QueueRow, ...]:
    """Submitted claims, the longest waiting first."""
    claims = (
        Claim.objects.filter(status=ClaimStatus.SUBMITTED)
        .select_related("article", "assignee")
        .prefetch_related(
            Prefetch(
                "verdicts",
                queryset=Verdict.objects.filter(is_current=True).select_related(
                    "rating", "author", "last_edited_by"
                ),
                to_attr="_current",
            ),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("source").order_by("created_at"),
                to_attr="_evidence",
            ),
        )
        .order_by("updated_at")[:limit]
    )
    rows = []
    for claim in claims:
        verdict = claim._current[0] if claim._current else None  # type: ignore[attr-defined]
        rows.append(
            QueueRow(
                claim=claim,
                verdict=verdict,
                evidence=tuple(claim._evidence),  # type: ignore[attr-defined]
                can_approve=verdict is not None and permissions.can_approve(user, claim, verdict),
            )
        )
    return tuple(rows)


def approval_queue_count() -> int:
    return Claim.objects.filter(status=ClaimStatus.SUBMITTED).count()


def my_queue(user, *, limit: int = 50) -> list[Claim]:
    """The user's open claims: what was sent back first, then what is under way, then the
    rest."""
    claims = list(
        Claim.objects.filter(assignee=user, status__in=OPEN_STATUSES)
        .select_related("article")
        .order_by("-article__ingested_at", "start")[:limit]
    )
    return sorted(claims, key=lambda c: QUEUE_PRIORITY.get(c.status, 9))
