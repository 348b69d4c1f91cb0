"""Claims with their verdicts, in the one prefetch shape both the desk and the API read."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from reviews.models import Claim, Verdict

# What a verdict's representation shows besides its own columns.
VERDICT_RELATIONS = ("rating", "author", "last_edited_by", "approved_by")
# Private to this module: read it through `claim_verdicts`, which fails without it.
_VERDICTS = "_verdicts_newest_first"


class MissingPrefetch(LookupError):
    """A claim was read without the prefetch its reader needs: one query per row would
    follow, so fail instead."""


def claims_with_verdicts() -> QuerySet[Claim]:
    """Claims with their assignee and every verdict version, newest first, in a fixed
    number of queries; read the verdicts with `claim_verdicts`."""
    verdicts = Verdict.objects.select_related(*VERDICT_RELATIONS).order_by("-number")
    return Claim.objects.select_related("assignee").prefetch_related(
        Prefetch("verdicts", queryset=verdicts, to_attr=_VERDICTS)
    )


def claim_verdicts(claim: Claim) -> list[Verdict]:
    """Every verdict version of a claim from `claims_with_verdicts`, newest first."""
    try:
        return getattr(claim, _VERDICTS)
    except AttributeError:
        raise MissingPrefetch(
            f"claim {claim.pk} was not read through claims_with_verdicts()"
        ) from None


def claim_verdict_latest(claim: Claim) -> Verdict | None:
    """The verdict being worked on: the newest version (a correction in progress, while the
    approved version it will replace is still the current one)."""
    verdicts = claim_verdicts(claim)
    return verdicts[0] if verdicts else None
