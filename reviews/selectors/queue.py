"""The queues of the desk: a reviewer's claims and the verdicts waiting for an editor."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.utils.safestring import SafeString, mark_safe

from reviews import permissions
from reviews.markdown import render_markdown
from reviews.models import Claim, ClaimStatus, Evidence, Verdict
from reviews.selectors.desk import OPEN_STATUSES, QUEUE_PRIORITY
from reviews.selectors.verdicts import Correction, corrections


@dataclass(frozen=True)
class QueueRow:
    """A submitted claim with the verdict waiting for approval and its evidence, whether the
    reader may approve it (not when they wrote or last edited the verdict: four eyes), and,
    for a correction, what it changes in the published verdict."""

    claim: Claim
    verdict: Verdict | None
    evidence: tuple[Evidence, ...]
    can_approve: bool
    correction: Correction | None = None
    rationale_html: SafeString = mark_safe("")  # noqa: S308 - empty


# Bump when the Markdown renderer's output changes: cached renderings of the old one go.
RATIONALE_RENDERING = 1
RATIONALE_CACHE_SECONDS = 7 * 24 * 3600
QUEUE_PAGE = 25


def rationale_cache_key(verdict: Verdict) -> str:
    """One rendering per verdict version: every save bumps `version`, so an edited rationale
    is never served from an older rendering."""
    return f"rationale-html:{RATIONALE_RENDERING}:{verdict.pk}:{verdict.version}"


def rationales_html(verdicts: list[Verdict]) -> dict[int, SafeString]:
    """The rendered rationales of the verdicts, by verdict id: from the cache (one round
    trip for the page), or rendered and stored there."""
    keys = {rationale_cache_key(v): v for v in verdicts if v.rationale}
    found = cache.get_many(list(keys))
    missing = {key: render_markdown(v.rationale) for key, v in keys.items() if key not in found}
    if missing:
        cache.set_many(missing, timeout=RATIONALE_CACHE_SECONDS)
    rendered = {**found, **missing}
    # The renderer's output is sanitised (nh3 allow-list), as the `markdown` filter's is.
    return {v.pk: mark_safe(rendered[key]) for key, v in keys.items()}  # noqa: S308


def approval_queue(
    user: AbstractBaseUser | AnonymousUser, *, limit: int = QUEUE_PAGE, offset: int = 0
) -> tuple[QueueRow, ...]:
    """Submitted claims, the longest waiting first: one page of them, with their rationales
    rendered (cached per verdict version)."""
    claims = (
        approval_queue_claims()
        .select_related("article", "assignee")
        .prefetch_related(
            Prefetch(
                # The submitted verdict and, during a correction, the published one.
                "verdicts",
                queryset=Verdict.objects.filter(
                    Q(is_current=True) | Q(status=Verdict.Status.SUBMITTED)
                )
                .select_related("rating", "author", "last_edited_by")
                .order_by("-number"),
                to_attr="_shown",
            ),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("source").order_by("created_at"),
                to_attr="_evidence",
            ),
        )[offset : offset + limit]
    )
    shown = []
    for claim in claims:
        verdicts = claim._shown  # type: ignore[attr-defined]
        working = verdicts[0] if verdicts else None  # the newest: the one submitted
        published = next((v for v in verdicts if v.is_current), None)
        shown.append((claim, working, published, tuple(claim._evidence)))  # type: ignore[attr-defined]
    changes = corrections(
        (published, working, evidence) for _, working, published, evidence in shown
    )
    html = rationales_html([working for _, working, _, _ in shown if working is not None])
    return tuple(
        QueueRow(
            claim=claim,
            verdict=working,
            evidence=evidence,
            can_approve=working is not None and permissions.can_approve(user, claim, working),
            correction=correction,
            rationale_html=html.get(working.pk, mark_safe("")) if working else mark_safe(""),  # noqa: S308
        )
        for (claim, working, _, evidence), correction in zip(shown, changes, strict=True)
    )


@dataclass(frozen=True)
class Waiting:
    """A submitted claim and the verdict it waits with, as the dashboard lists them."""

    claim: Claim
    verdict: Verdict | None


def approvals_waiting(*, limit: int = 10) -> tuple[Waiting, ...]:
    """The first claims of the approval queue with their submitted verdicts' rating and
    author only: the dashboard's extract of the queue (no evidence, no rendering)."""
    claims = (
        approval_queue_claims()
        .only("id", "text", "wording", "status", "updated_at")
        .prefetch_related(
            Prefetch(
                "verdicts",
                queryset=Verdict.objects.filter(status=Verdict.Status.SUBMITTED)
                .select_related("rating", "author")
                .order_by("-number"),
                to_attr="_submitted",
            )
        )[:limit]
    )
    return tuple(
        Waiting(claim, claim._submitted[0] if claim._submitted else None)  # type: ignore[attr-defined]
        for claim in claims
    )


def approval_queue_claims():
    """The claims waiting for an editor, in the queue's order."""
    return Claim.objects.filter(status=ClaimStatus.SUBMITTED).order_by("updated_at", "pk")


def approval_queue_count() -> int:
    return approval_queue_claims().count()


def my_queue(user, *, limit: int = 50) -> list[Claim]:
    """The user's open claims: what was sent back first, then what is under way, then the
    rest."""
    claims = list(
        Claim.objects.filter(assignee=user, status__in=OPEN_STATUSES)
        .select_related("article")
        .order_by("-article__ingested_at", "start")[:limit]
    )
    return sorted(claims, key=lambda c: QUEUE_PRIORITY.get(c.status, 9))
