"""Demo verdicts on the demo article, in each state a desk sees: one approved (with
evidence), one submitted and waiting for the editor, one returned with a note.

Everything goes through the review services, so the demo's history and notifications are
what real work produces. Idempotent: a claim that already has a verdict, or that someone
started working on, is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviews.models import Article, Claim, ClaimStatus
from reviews.services.evidence import evidence_add
from reviews.services.ratings import default_scale
from reviews.services.verdicts import (
    verdict_approve,
    verdict_return,
    verdict_save,
    verdict_submit,
)


@dataclass(frozen=True)
class DemoVerdict:
    contains: str  # the claim is chosen by its text...
    state: str  # approved, submitted, returned
    author: str
    rating: str
    rationale: str
    confidence: int


DEMO_VERDICTS = [
    DemoVerdict(
        contains="7,939",
        state="approved",
        author="reviewer",
        rating="true",
        rationale=(
            "The figure is the Ministry of Internal Affairs' own, as the article says: "
            "**7,939 people detained** across the country during the unrest.\n\n"
            "It counts detentions, not arrests or charges; later figures may differ."
        ),
        confidence=85,
    ),
    DemoVerdict(
        contains="2,030",
        state="submitted",
        author="reviewer2",
        rating="true",
        rationale=(
            "Tokayev gave the size of the CSTO mission as 2,030 troops and 250 pieces of "
            "military hardware in his address to the CSTO leaders."
        ),
        confidence=75,
    ),
    DemoVerdict(
        contains="Putin said",
        state="returned",
        author="reviewer",
        rating="half-true",
        rationale="Putin blamed *destructive internal and external forces*; no evidence given.",
        confidence=60,
    ),
]
DEMO_EVIDENCE = {
    "url": "https://example.org/demo/interior-ministry-detentions",
    "title": "Interior ministry: 7,939 detained (demo source)",
    "publisher": "Factcheck demo",
    "stance": "supports",
    "quote": "as many as 7,939 people had been detained",
    "note": "A stand-in for the ministry's statement; the demo does not fetch real sources.",
}
RETURN_NOTE = "Needs a primary source: link the Kremlin's transcript of the CSTO meeting."


def demo_verdicts_ensure(article: Article, users: dict) -> list[Claim]:
    """Create the demo verdicts on `article`; returns the claims that carry them."""
    ratings = {r.slug: r for r in default_scale().ratings.all()}
    chosen = choose_claims(article, DEMO_VERDICTS)
    for spec, claim in zip(DEMO_VERDICTS, chosen, strict=True):
        if claim is None or claim.verdicts.exists() or claim.status != ClaimStatus.UNREVIEWED:
            continue
        author, editor = users[spec.author], users["editor"]
        verdict_save(
            claim=claim,
            actor=author,
            rating=ratings[spec.rating],
            rationale=spec.rationale,
            confidence=spec.confidence,
        )
        if spec.state == "approved":
            evidence_add(claim=claim, actor=author, **DEMO_EVIDENCE)
        verdict_submit(claim=claim, actor=author)
        if spec.state == "approved":
            verdict_approve(claim=claim, actor=editor)
        elif spec.state == "returned":
            verdict_return(claim=claim, actor=editor, note=RETURN_NOTE)
    return [c for c in chosen if c is not None]


def choose_claims(article: Article, specs: list[DemoVerdict]) -> list[Claim | None]:
    """The claim containing each spec's text; where extraction cut the text differently,
    the claim that overlaps it, else the highest-scored claim nobody else took. Stable from
    run to run, so that a second run finds the same claims (and their verdicts). A spec
    whose text is not in the article at all (another article) gets no claim."""
    claims = list(article.claims.exclude(status=ClaimStatus.DISMISSED).order_by("start"))
    chosen: list[Claim | None] = []
    for spec in specs:
        match = next((c for c in claims if spec.contains in c.text and c not in chosen), None)
        if match is None and spec.contains in article.body:
            at = article.body.index(spec.contains)
            match = next((c for c in claims if c.start <= at < c.end and c not in chosen), None)
        chosen.append(match)
    fallback = sorted(
        (c for c in claims if c not in chosen and not c.headline),
        key=lambda c: (-c.checkworthiness, c.start),
    )
    return [
        c
        if c is not None or spec.contains not in article.body
        else (fallback.pop(0) if fallback else None)
        for spec, c in zip(specs, chosen, strict=True)
    ]
