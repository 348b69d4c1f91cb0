"""Template tags of earlier fact-checks: the claim panel's "Previously fact-checked" section
and the article page's mark on claims that have a strong match."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString

from reviews.selectors import matches as match_selectors
from reviews.templatetags.desk import claim_item

register = template.Library()


@register.simple_tag
def previously_checked_for(claim) -> match_selectors.PreviouslyChecked:
    """The claim's earlier fact-checks, as the panel shows them."""
    return match_selectors.previously_checked(claim)


@register.simple_tag
def strong_match_ids(rows: Iterable) -> frozenset[int]:
    """The claims of a ranked list (rows with a `claim`) that have a strong match: one
    query for the whole list."""
    return match_selectors.strong_match_ids(row.claim.pk for row in rows)


@register.simple_tag
def claim_item_refreshed(claim, verdict=None, **kwargs) -> SafeString:
    """The open claim's list entry as the panel refreshes it (out of band), marked as the
    list marks it."""
    strong = match_selectors.strong_match_ids([claim.pk])
    return claim_item(
        claim, claim.pk, oob=True, verdict=verdict, matched=claim.pk in strong, **kwargs
    )


@register.simple_tag
def claim_item_marked(
    claim, selected_id=None, strong=frozenset(), disagreeing=frozenset(), **kwargs
) -> SafeString:
    """`claim_item`, with a "checked before" badge first in its details when the claim is
    in `strong`, and a "numbers disagree" one when it is in `disagreeing`."""
    return claim_item(
        claim,
        selected_id,
        matched=claim.pk in strong,
        disagrees=claim.pk in disagreeing,
        **kwargs,
    )
