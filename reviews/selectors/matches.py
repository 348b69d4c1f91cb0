"""Reads of the earlier fact-checks matched to claims: the claim panel's "Previously
fact-checked" section, the article page's badges and the API."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from reviews.models import Claim, ClaimMatch, FactCheck, Job, MatchSettings, Stance
from reviews.models.matches import DEFAULT_LIKELY_SAME

# A fact-checker's rating whose label says this plainly tells the stance of the evidence;
# anything else ("Half true", "Missing context", "Satire") is context.
REFUTING_LABELS = frozenset(
    {
        "false",
        "mostly false",
        "pants on fire",
        "pants on fire!",
        "fake",
        "incorrect",
        "wrong",
        "not true",
        "untrue",
        "fabricated",
        "hoax",
        "four pinocchios",
    }
)
SUPPORTING_LABELS = frozenset({"true", "mostly true", "correct", "accurate", "right"})


def likely_same_threshold() -> float:
    """The similarity from which the desk shows a match as "likely the same claim"."""
    found = MatchSettings.objects.filter(pk=1).values_list("likely_same", flat=True).first()
    return DEFAULT_LIKELY_SAME if found is None else found


def stance_from_rating(factcheck: FactCheck) -> str:
    """The stance an earlier fact-check takes on the same claim: refutes or supports when its
    rating says so plainly (by its label, or at the end of its numeric scale), else context."""
    label = " ".join(factcheck.rating.lower().replace("-", " ").split()).strip(" .!")
    if label in REFUTING_LABELS:
        return Stance.REFUTES
    if label in SUPPORTING_LABELS:
        return Stance.SUPPORTS
    value, best, worst = factcheck.rating_value, factcheck.rating_best, factcheck.rating_worst
    if not label and None not in (value, best, worst) and best != worst:
        if value == best:
            return Stance.SUPPORTS
        if value == worst:
            return Stance.REFUTES
    return Stance.CONTEXT


def factcheck_link(factcheck: FactCheck) -> str:
    """Where a reader finds the fact-check: its own page, else, for the desk's own verdict,
    the claim in the desk."""
    if factcheck.url:
        return factcheck.url
    if factcheck.desk_claim_id is not None:
        claim = Claim.objects.filter(pk=factcheck.desk_claim_id).only("article_id").first()
        if claim is not None:
            return (
                settings.FACTCHECK["DESK_URL"].rstrip("/")
                + reverse("reviews:article_detail", args=[claim.article_id])
                + f"#claim-{claim.pk}"
            )
    return ""


@dataclass(frozen=True)
class MatchRow:
    """One earlier fact-check of a claim, as the desk shows it."""

    factcheck_id: int
    rank: int
    score: float
    likely_same: bool
    publisher: str
    rating: str
    published: datetime.date | None
    link: str
    claim: str
    title: str
    claimant: str
    by_desk: bool
    stance: str
    matched_at: datetime.datetime


@dataclass(frozen=True)
class PreviouslyChecked:
    matches: tuple[MatchRow, ...]
    threshold: float
    # The latest match job that covered the claim's article, if it has not finished.
    pending: bool


def _rows(matches: Iterable[ClaimMatch], threshold: float) -> tuple[MatchRow, ...]:
    rows = []
    for match in matches:
        factcheck = match.factcheck
        rows.append(
            MatchRow(
                factcheck_id=factcheck.pk,
                rank=match.rank,
                score=match.score,
                likely_same=match.score >= threshold,
                publisher=factcheck.publisher,
                rating=factcheck.rating,
                published=factcheck.published,
                link=factcheck_link(factcheck),
                claim=factcheck.claim,
                title=factcheck.title,
                claimant=factcheck.claimant,
                by_desk=factcheck.desk_claim_id is not None,
                stance=stance_from_rating(factcheck),
                matched_at=match.matched_at,
            )
        )
    return tuple(rows)


def claim_matches(claim_id: int, *, threshold: float | None = None) -> tuple[MatchRow, ...]:
    """A claim's stored matches, best first; `likely_same` from `threshold` (the desk's
    setting unless given)."""
    if threshold is None:
        threshold = likely_same_threshold()
    matches = (
        ClaimMatch.objects.filter(claim_id=claim_id)
        .select_related("factcheck")
        .defer("factcheck__embedding", "factcheck__search_text")
        .order_by("rank")
    )
    return _rows(matches, threshold)


def previously_checked(claim) -> PreviouslyChecked:
    """What the claim panel shows first: the claim's earlier fact-checks, the desk's
    threshold, and whether a match job is still working on it."""
    pending = Job.objects.filter(
        kind=Job.Kind.MATCH_FACTCHECKS,
        status__in=[Job.Status.QUEUED, Job.Status.RUNNING],
        article_id=claim.article_id,
    ).exists()
    threshold = likely_same_threshold()
    rows = claim_matches(claim.pk, threshold=threshold)
    return PreviouslyChecked(matches=rows, threshold=threshold, pending=pending)


def strong_match_ids(claim_ids: Iterable[int]) -> frozenset[int]:
    """Which of these claims have a match from the desk's "likely the same" threshold up:
    one query for a whole list."""
    threshold = likely_same_threshold()
    return frozenset(
        ClaimMatch.objects.filter(claim_id__in=list(claim_ids), score__gte=threshold)
        .values_list("claim_id", flat=True)
        .distinct()
    )
