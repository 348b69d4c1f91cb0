"""Numbers that disagree: quantities of the same thing that differ between the claims of one
article, or between an article and the desk's earlier approved claims (claimextract.
disagreements has the rule). Two queries per article, whatever its number of claims: its own
claims, and the earlier approved claims that count one of its units."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast

from claimextract.disagreements import Mention, disagreements, mentions
from reviews.models import Claim, ClaimStatus, Verdict

# The most earlier claims compared with one article, the newest first: a bound on the memory
# and the time of a page, whatever the size of the archive.
EARLIER_LIMIT = 2000
# The most leads shown for one claim: beyond a handful, a list of figures is no lead.
SHOWN_LIMIT = 10


@dataclass(frozen=True)
class NumberDisagreement:
    """`here` in the claim, `there` in claim `claim_number` (`claim_id`) of article
    `article_id`: the same thing, another number."""

    here: str
    there: str
    unit: str
    claim_id: int
    claim_number: int
    article_id: int
    article_title: str
    same_article: bool


@dataclass(frozen=True)
class _Other:
    number: int
    article_id: int
    article_title: str


def _unit_needle(unit: str) -> str:
    """How a unit appears in a claim's stored quantities, as JSON text: SQLite keeps the text
    Python's json wrote (non-ASCII escaped), PostgreSQL prints jsonb with the same spacing."""
    return '"unit": ' + json.dumps(unit, ensure_ascii=connection.vendor != "postgresql")


def _earlier(article_id: int, units: Iterable[str]) -> list[tuple]:
    """Claims of other articles with an approved verdict that count one of `units`, the
    newest first. Only current versions: a re-ingested article carries its approved claims
    over, and the article's own other versions repeat its figures."""
    counts_unit = Q()
    for unit in sorted(units):
        counts_unit |= Q(quantities_text__icontains=_unit_needle(unit))
    approved = Verdict.objects.filter(claim=OuterRef("pk"), status=Verdict.Status.APPROVED)
    return list(
        Claim.objects.annotate(quantities_text=Cast("quantities", TextField()))
        .filter(counts_unit, Exists(approved), article__next_version__isnull=True)
        .exclude(article_id=article_id)
        .exclude(article__previous_version_id=article_id)
        .order_by("-pk")
        .values_list("pk", "number", "text", "quantities", "article_id", "article__title")[
            :EARLIER_LIMIT
        ]
    )


def article_disagreements(article_id: int) -> dict[int, tuple[NumberDisagreement, ...]]:
    """For each claim of the article (by id) that has any, its numbers that disagree: with
    the article's other claims first (in the article's order), then with earlier approved
    claims (the newest article first), at most `SHOWN_LIMIT`. Dismissed claims are left out:
    the desk judged them not worth checking."""
    own = (
        Claim.objects.filter(article_id=article_id)
        .exclude(status=ClaimStatus.DISMISSED)
        .order_by("start")
        .values_list("pk", "number", "text", "quantities")
    )
    others: dict[int, _Other] = {}
    mine: list[Mention] = []
    for pk, number, text, quantities in own:
        others[pk] = _Other(number, article_id, "")
        mine += mentions(pk, text, quantities or [])
    if not mine:
        return {}
    earlier: list[Mention] = []
    for pk, number, text, quantities, other_article, title in _earlier(
        article_id, {m.unit for m in mine}
    ):
        others[pk] = _Other(number, other_article, title)
        earlier += mentions(pk, text, quantities or [])
    found: dict[int, tuple[NumberDisagreement, ...]] = {}
    for claim_id, items in disagreements(mine, earlier).items():
        rows = []
        for item in items:
            other = others[item.other]
            rows.append(
                NumberDisagreement(
                    here=item.here,
                    there=item.there,
                    unit=item.unit,
                    claim_id=item.other,
                    claim_number=other.number,
                    article_id=other.article_id,
                    article_title=other.article_title,
                    same_article=other.article_id == article_id,
                )
            )
        rows.sort(key=lambda r: (not r.same_article, -r.article_id, r.claim_number))
        found[claim_id] = tuple(rows[:SHOWN_LIMIT])
    return found


def claim_disagreements(claim: Claim) -> tuple[NumberDisagreement, ...]:
    """The claim's numbers that disagree (see `article_disagreements`)."""
    return article_disagreements(claim.article_id).get(claim.pk, ())


def disagreeing_claim_ids(article_id: int) -> frozenset[int]:
    """The claims of the article that have numbers that disagree: the claim list's marker."""
    return frozenset(article_disagreements(article_id))
