"""Presentation helpers of the desk's templates.

The article body and the claim list repeat one small fragment per claim (300 and more on a
long article). Django's template engine costs tens of microseconds per variable there, so
these fragments are built here, every value passed through `html.escape` (what Django's own
`escape` does, without its lazy-string checks), once for the page and for the out-of-band
updates after an htmx action alike.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape as e

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe

from reviews.markdown import render_markdown
from reviews.models import ClaimKind, ClaimStatus

register = template.Library()

STATUS_LABELS = dict(ClaimStatus.choices)
KIND_LABELS = dict(ClaimKind.choices)
LIST_TEXT_LENGTH = 160
OOB = ' hx-swap-oob="true"'
CURRENT = ' aria-current="true"'


@register.filter
def quantity(q) -> str:
    """'as many as 7,939 people' -> 'as many as 7,939 people = 7939 people'."""
    if not isinstance(q, dict):
        return str(q)
    text = q.get("text", "")
    value = q.get("value")
    if value is None:
        return text
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    normalised = " ".join(str(part) for part in (value, q.get("unit")) if part)
    qualifier = q.get("qualifier")
    if qualifier:
        normalised = f"{qualifier} {normalised}"
    return f"{text} = {normalised}" if normalised and normalised != text else text


STRONG_MATCH_BADGE = (
    '<span class="badge match-strong" title="An earlier fact-check is likely the same claim">'
    "checked before</span>"
)
DISAGREE_BADGE = (
    '<span class="badge numbers-disagree" title="A number in this claim disagrees with another '
    "claim's\">numbers disagree</span>"
)


@register.filter
def date_mention(d) -> str:
    """'on Monday' -> 'on Monday = 2022-01-10'; 'last week' -> 'last week = 2022-01-03 –
    2022-01-09'."""
    if not isinstance(d, dict):
        return str(d)
    text, value, end = d.get("text", ""), d.get("value"), d.get("end")
    if value and end:
        return f"{text} = {value} – {end}"
    return f"{text} = {value}" if value and value != text else text


@register.filter
def markdown(text: str):
    """Rationale Markdown as sanitised HTML (the services' renderer: nh3 allow-list)."""
    # nh3 has removed scripts, event handlers and unsafe URLs: the output is safe to insert.
    return mark_safe(render_markdown(text or ""))  # noqa: S308


@lru_cache(maxsize=8)
def _claim_url_pattern(script_prefix: str) -> str:
    sentinel = 987654321
    return reverse("reviews:claim_detail", args=[sentinel]).replace(str(sentinel), "{}")


def claim_url(claim_id: int) -> str:
    # One reverse() per script prefix instead of one per claim: the page has hundreds.
    return _claim_url_pattern(get_script_prefix()).format(int(claim_id))


def shorten(text: str, length: int = LIST_TEXT_LENGTH) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# The shading bands of the legend above the article text: 0.75 and up, 0.50-0.74, 0.25-0.49
# and under 0.25 (band-4 to band-1), so that the claims worth checking stand out in the text.
BAND_FLOORS = (0.75, 0.5, 0.25)


def score_band(score: float) -> int:
    return next((4 - i for i, floor in enumerate(BAND_FLOORS) if score >= floor), 1)


def mark_html(claim, text: str, start: int, *, selected: bool, oob: bool = False) -> str:
    score = float(claim.checkworthiness or 0)
    status = STATUS_LABELS.get(claim.status, claim.status)
    return (
        f'<mark class="claim status-{e(claim.status)} band-{score_band(score)}'
        f'{" selected" if selected else ""}"'
        f' id="claim-{claim.pk}" data-claim-id="{claim.pk}" data-start="{int(start)}"'
        f' data-href="{e(claim_url(claim.pk))}"'
        f' title="{e(status)} · check-worthiness {score:.2f}"'
        f"{OOB if oob else ''}>{e(text)}</mark>"
    )


@register.simple_tag
def article_body(segments, selected_id=None) -> SafeString:
    """The article text, every claim a <mark>, the rest in <span>s; each piece carries its
    offset in the body (data-start) so that a selection can be turned back into offsets.
    No whitespace is added between pieces: the page text is the body, character for
    character."""
    parts = []
    for segment in segments:
        if segment.claim is None:
            parts.append(f'<span data-start="{int(segment.start)}">{e(segment.text)}</span>')
        else:
            selected = segment.claim.pk == selected_id
            parts.append(mark_html(segment.claim, segment.text, segment.start, selected=selected))
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above


@register.simple_tag
def claim_mark_oob(claim) -> SafeString:
    """The claim's highlight, to replace the one in the page after an action."""
    html = mark_html(claim, claim.text, claim.start, selected=True, oob=True)
    return mark_safe(html)  # noqa: S308 - every value is escaped in mark_html


@register.simple_tag
def claim_item(
    claim,
    selected_id=None,
    oob: bool = False,
    pick=False,
    picked=(),
    verdict=None,
    matched: bool = False,
    disagrees: bool = False,
) -> SafeString:
    """One entry of the ranked claim list, with the rating of its current `verdict`; with
    `pick`, a checkbox of the editors' bulk assignment form (ticked if the claim's id is in
    `picked`); `matched` marks a claim an earlier fact-check likely checked already,
    `disagrees` one with a number that disagrees with another claim's."""
    url = e(claim_url(claim.pk))
    selected = claim.pk == selected_id
    meta = [STRONG_MATCH_BADGE] if matched else []
    meta += [DISAGREE_BADGE] if disagrees else []
    meta += [
        f'<span class="score" title="Check-worthiness: how likely a fact-checker would '
        f'check it">{claim.checkworthiness:.2f}</span>',
        f'<span class="badge status-{e(claim.status)}">'
        f"{e(STATUS_LABELS.get(claim.status, claim.status))}</span>",
        f'<span class="kind">{e(KIND_LABELS.get(claim.kind, claim.kind))}</span>',
    ]
    if claim.speaker:
        meta.append(f'<span class="speaker">{e(claim.speaker)}</span>')
    if claim.assignee_id:
        meta.append(f'<span class="assignee">→ {e(claim.assignee.get_username())}</span>')
    if verdict is not None:
        rating = verdict.rating
        meta.append(f'<span class="rating rating-{e(rating.slug)}">{e(rating.label)}</span>')
    if claim.needs_review:
        meta.append('<span class="flag">needs review</span>')
    reasons = ""
    if claim.score_reasons:
        items = "".join(f"<li>{e(str(r))}</li>" for r in claim.score_reasons)
        reasons = (
            f'<details class="reasons"><summary>Why this score</summary><ul>{items}</ul></details>'
        )
    html = (
        f'<li id="claim-item-{claim.pk}" class="claim-item status-{e(claim.status)}'
        f"{' worth-checking' if claim.checkworthy else ''}"
        f'{" selected" if selected else ""}{" pickable" if pick else ""}"'
        f' data-claim-id="{claim.pk}"{OOB if oob else ""}>'
        f"{pick_box(claim, picked) if pick else ''}"
        f'<a class="claim-link" href="{url}" hx-get="{url}" hx-target="#claim-panel"'
        f' hx-push-url="true"{CURRENT if selected else ""}>'
        f"{e(shorten(claim.display_text))}</a>"
        f'<span class="item-meta">{" ".join(meta)}</span>{reasons}</li>'
    )
    return mark_safe(html)  # noqa: S308 - every value is escaped above


def pick_box(claim, picked) -> str:
    # Dismissed claims are not assigned (claims_assign skips them): nothing to tick.
    if claim.status == ClaimStatus.DISMISSED:
        return ""
    checked = " checked" if claim.pk in picked else ""
    return (
        f'<input type="checkbox" class="pick" name="bulk-claims" value="{claim.pk}"'
        f' form="bulk-assign" aria-label="Select claim: {e(shorten(claim.display_text, 80))}"'
        f"{checked}>"
    )
