"""A claim's candidate sources and source jobs, as its sources panel shows them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count, Q

from claimextract.ranking import terms
from reviews.models import Article, Candidate, Claim, Job

# Numbers with separators ("2,030") are one token, as a reader sees them.
TOKEN = re.compile(r"\d[\d,.]*\d|[^\W_]+(?:['’-][^\W_]+)*|[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class PendingCandidate:
    """A candidate still to decide on, with its passage cut into (text, matches a term of
    the claim) runs."""

    candidate: Candidate
    passage_runs: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class ClaimCandidates:
    pending: tuple[PendingCandidate, ...]  # best first
    accepted: int
    dismissed: int


def claim_candidates(claim: Claim) -> ClaimCandidates:
    """The claim's pending candidates best first, and how many were accepted and dismissed."""
    pending = (
        claim.candidates.filter(decision=Candidate.Decision.PENDING)
        .select_related("source")
        .order_by("-relevance", "rank", "pk")
    )
    decided = claim.candidates.aggregate(
        accepted=Count("pk", filter=Q(decision=Candidate.Decision.ACCEPTED)),
        dismissed=Count("pk", filter=Q(decision=Candidate.Decision.DISMISSED)),
    )
    text = claim.display_text
    return ClaimCandidates(
        pending=tuple(
            PendingCandidate(c, highlighted(c.passage or c.snippet, text)) for c in pending
        ),
        accepted=decided["accepted"],
        dismissed=decided["dismissed"],
    )


@dataclass(frozen=True)
class ClaimCandidateCount:
    claim: Claim
    pending: int  # candidates not decided on yet


@dataclass(frozen=True)
class ArticleSources:
    """The source work of a whole article: its claims with their pending candidates, the
    latest jobs, and how many jobs are in each status."""

    claims: tuple[ClaimCandidateCount, ...]  # in the article's order
    jobs: tuple[Job, ...]  # newest first
    counts: dict[str, int]

    @property
    def active(self) -> bool:
        return self.counts[Job.Status.QUEUED] + self.counts[Job.Status.RUNNING] > 0


def article_sources(article: Article, *, limit: int = 100) -> ArticleSources:
    claims = article.claims.annotate(
        pending_candidates=Count(
            "candidates",
            filter=Q(candidates__decision=Candidate.Decision.PENDING),
            distinct=True,
        ),
    ).order_by("start")
    of_article = Job.objects.filter(Q(article=article) | Q(claim__article=article))
    jobs = of_article.select_related("claim", "candidate").order_by("-created_at", "-pk")
    counts = dict.fromkeys(Job.Status.values, 0)
    for row in of_article.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return ArticleSources(
        claims=tuple(
            ClaimCandidateCount(c, c.pending_candidates)  # type: ignore[attr-defined]
            for c in claims
        ),
        jobs=tuple(jobs[:limit]),
        counts=counts,
    )


def highlighted(passage: str, claim_text: str) -> tuple[tuple[str, bool], ...]:
    """The passage cut into (text, matches a term of the claim) runs, for <mark>."""
    wanted = set(terms(claim_text))
    runs: list[tuple[str, bool]] = []
    for token in TOKEN.findall(passage):
        found = terms(token) if token[0].isalnum() else []
        hit = bool(found) and all(t in wanted for t in found)
        if runs and runs[-1][1] == hit and not hit:
            runs[-1] = (runs[-1][0] + token, False)
        else:
            runs.append((token, hit))
    return tuple(runs)
