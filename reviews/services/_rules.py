"""Checks shared by the claim, verdict, evidence and comment services: loading the claim as
stored now, who may work on it, whether its status allows an action, and clean input."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from reviews import permissions as perms
from reviews.errors import ReviewError
from reviews.markdown import unsafe_links
from reviews.models import Article, Claim, ClaimStatus

MAX_REASON = 5000


def claim_load(claim: Claim | int, *, for_update: bool = True) -> Claim:
    """The claim as stored now. With `for_update`, refuse claims of an article that has been
    re-ingested since: their work lives on in the new version."""
    pk = claim.pk if isinstance(claim, Claim) else claim
    current = Claim.objects.select_related("article__ingested_by", "assignee").filter(pk=pk).first()
    if current is None:
        raise ReviewError("This claim no longer exists.", "not_found")
    if for_update and Article.objects.filter(previous_version_id=current.article_id).exists():
        raise ReviewError(
            "This is an old version of the article; work on its current version.", "invalid"
        )
    return current


def status_label(status: str) -> str:
    return ClaimStatus(status).label.lower()


def require_work(actor: AbstractBaseUser, claim: Claim) -> None:
    """Reviewers work claims assigned to them or to nobody; editors any claim."""
    if perms.can_work(actor, claim):
        return
    if perms.is_desk_member(actor) and claim.assignee_id is not None:
        raise ReviewError(
            f"This claim is assigned to {claim.assignee.get_username()}; "
            "ask an editor to reassign it.",
            "forbidden",
        )
    raise ReviewError("Only members of the desk can work on claims.", "forbidden")


def require_status(claim: Claim, allowed: frozenset, action: str) -> None:
    if claim.status in allowed:
        return
    hints = {
        ClaimStatus.APPROVED: "an editor reopens an approved claim before it changes",
        ClaimStatus.DISMISSED: "an editor reopens a dismissed claim first",
        ClaimStatus.SUBMITTED: "it is waiting for an editor's approval",
    }
    hint = hints.get(claim.status)
    raise ReviewError(
        f"Cannot {action}: the claim is {status_label(claim.status)}"
        + (f"; {hint}." if hint else "."),
        "invalid",
    )


def clean_text(value: object, *, what: str, required: bool = True, limit: int = MAX_REASON) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ReviewError(f"The {what} must be text.", fields={what: "not text"})
    value = value.strip()
    if required and not value:
        raise ReviewError(f"A {what} is required.", fields={what: "required"})
    if len(value) > limit:
        raise ReviewError(
            f"The {what} is too long ({len(value):,} characters; at most {limit:,}).",
            fields={what: "too long"},
        )
    return value


def require_safe_links(text: str, *, what: str, field: str) -> None:
    """Refuse Markdown whose links point anywhere but http, https or mailto addresses: the
    exports carry the text itself, and a `javascript:` link is a script in whatever renders it."""
    bad = unique(unsafe_links(text))
    if bad:
        raise ReviewError(
            f"The {what} has a link that is not allowed. Links may only point to http, https "
            f"or mailto addresses: {', '.join(bad)}",
            fields={field: "unsafe link"},
        )


def clean_offset(value: object, *, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReviewError(f"The {what} must be a whole number.", fields={what: "not a number"})
    return value


def trimmed(body: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without surrounding whitespace, or None if nothing else is in it."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def unique(items: list) -> list:
    """`items` without repeats, in their order (dicts compare by their items)."""
    seen, result = set(), []
    for item in items:
        key = repr(sorted(item.items())) if isinstance(item, dict) else repr(item)
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result
