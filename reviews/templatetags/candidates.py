"""How a candidate source's card explains itself: its match in words, and the rationale of
an earlier verdict rendered from Markdown."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from reviews.markdown import render_markdown
from reviews.providers.base import text_match
from reviews.providers.labels import provider_label

register = template.Library()

# Relevance is relative to the claim's best candidate (claim_rerank): these bands say how
# close a candidate comes, not whether it is right.
STRONG = 0.75
FAIR = 0.4


@register.filter
def match_label(candidate) -> str:
    """ "strong match", "fair match" or "weak match", for the candidate's text."""
    score = text_match(candidate.relevance or 0.0, candidate.extra.get("kind", ""))
    if score >= STRONG:
        return "strong match"
    if score >= FAIR:
        return "fair match"
    return "weak match"


@register.filter
def earlier_rationale(candidate) -> SafeString:
    """An earlier verdict's rationale as HTML, through the desk's safe Markdown renderer.
    Candidates stored before the rationale had a key of its own carry it after the claim
    in their text."""
    extra = candidate.extra or {}
    rationale = extra.get("rationale")
    if rationale is None:
        _claim, _sep, rationale = str(extra.get("text", "")).partition("\n\n")
    return mark_safe(render_markdown(rationale))  # noqa: S308 - sanitised by nh3


@register.filter
def provider_labels(names) -> str:
    """The providers that suggested a candidate, as the desk names them."""
    return ", ".join(provider_label(name) for name in names or [])
