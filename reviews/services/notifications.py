"""Notices to desk members: in the app, and by e-mail through Django's e-mail backend."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from reviews.errors import ReviewError
from reviews.models import Claim, Notification, Verdict

logger = logging.getLogger(__name__)

MAX_SUBJECT = 120


def notify(
    *, recipient: AbstractBaseUser, kind: str, message: str, claim: Claim | None = None
) -> Notification:
    """Store an in-app notice and e-mail it once the transaction commits.

    The e-mail waits for the commit so that a rolled-back action never announces itself,
    and a failing mail server never undoes the action it reports.
    """
    if kind not in Notification.Kind.values:
        raise ReviewError(f"Unknown notification kind {kind!r}.")
    message = (message or "").strip()
    if not message:
        raise ReviewError("A notification needs a message.")
    with transaction.atomic():
        notification = Notification.objects.create(
            recipient=recipient, kind=kind, message=message, claim=claim
        )
    if recipient.email and recipient.is_active:
        email = recipient.email

        def send() -> None:
            _send_email(email, message, claim)

        # A named function, not a bare partial: Django logs a failed robust callback by its
        # __qualname__, which a partial lacks.
        transaction.on_commit(send, robust=True)
    return notification


def notify_author_and_assignee(
    *, verdict: Verdict | None, claim: Claim, actor: AbstractBaseUser, kind: str, message: str
) -> None:
    """Tell the reviewer who wrote the verdict and whoever holds the claim (once each, never
    the person who acted): a return or a reopen is theirs to act on."""
    recipients = {}
    if verdict is not None:
        recipients[verdict.author_id] = verdict.author
    if claim.assignee_id is not None:
        recipients[claim.assignee_id] = claim.assignee
    for user_id, user in recipients.items():
        if user_id != actor.pk:
            notify(recipient=user, kind=kind, claim=claim, message=message)


def notifications_mark_read(*, actor: AbstractBaseUser, ids: list[int] | None = None) -> int:
    """Mark the actor's own unread notices (all, or those in `ids`) read; returns how many."""
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    with transaction.atomic():
        return unread.update(read_at=timezone.now())


def claim_excerpt(claim: Claim, length: int = 70) -> str:
    """A claim as a notice names it: its opening words, quoted."""
    text = " ".join(claim.display_text.split())
    if len(text) > length:
        text = text[: length - 1].rstrip() + "…"
    return f"“{text}”"


def _claim_link(claim: Claim | None) -> str:
    if claim is None:
        return ""
    base = settings.FACTCHECK.get("DESK_URL", "").rstrip("/")
    path = reverse("reviews:article_detail", args=[claim.article_id])
    return f"{base}{path}#claim-{claim.pk}"


def _send_email(address: str, message: str, claim: Claim | None) -> None:
    desk = settings.FACTCHECK.get("DESK_NAME", "Factcheck")
    # A header cannot carry line breaks, and a claim's text may contain them.
    subject = " ".join(f"[{desk}] {message}".split())
    if len(subject) > MAX_SUBJECT:
        subject = subject[: MAX_SUBJECT - 1] + "…"
    try:
        link = _claim_link(claim)
        body = message + (f"\n\n{link}\n" if link else "\n")
        send_mail(subject, body, None, [address])
    except Exception:
        # The notice is in the app already; a mail outage must not break the desk.
        logger.exception("Could not e-mail a notification to %s", address)
