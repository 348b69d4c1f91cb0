"""Small presentation helpers of the desk's templates."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from reviews.markdown import render_markdown

register = template.Library()


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


@register.filter
def date_mention(d) -> str:
    """'on Monday' -> 'on Monday = 2022-01-10'."""
    if not isinstance(d, dict):
        return str(d)
    text, value = d.get("text", ""), d.get("value")
    return f"{text} = {value}" if value and value != text else text


@register.filter
def markdown(text: str):
    """Rationale Markdown as sanitised HTML (the services' renderer: nh3 allow-list)."""
    # nh3 has removed scripts, event handlers and unsafe URLs: the output is safe to insert.
    return mark_safe(render_markdown(text or ""))  # noqa: S308
