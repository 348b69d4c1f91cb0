"""Template tags of numbers that disagree: the claim list's marker on the claims that have
any (the claim panel gets its note from its view)."""

from __future__ import annotations

from django import template

from reviews.selectors import disagreements as disagreement_selectors

register = template.Library()


@register.simple_tag
def disagreeing_ids(article) -> frozenset[int]:
    """The claims of the article with numbers that disagree: two queries for the list."""
    return disagreement_selectors.disagreeing_claim_ids(article.pk)
