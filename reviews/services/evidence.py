"""Evidence: a source attached to a claim, with its stance and the quote that matters."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from reviews import permissions as perms
from reviews.errors import ReviewError
from reviews.models import Candidate, Claim, Evidence, Source, Stance
from reviews.selectors.timeline import ChangeReason
from reviews.services import history
from reviews.services._rules import (
    claim_load,
    clean_text,
    require_safe_links,
    require_status,
    require_work,
)
from reviews.services.library import source_get_or_create

MAX_TITLE = Source._meta.get_field("title").max_length
MAX_PUBLISHER = Source._meta.get_field("publisher").max_length
MAX_QUOTE = 10_000
MAX_NOTE = 5_000


def evidence_add(
    *,
    claim: Claim | int,
    actor: AbstractBaseUser,
    url: str,
    stance: str,
    title: str = "",
    publisher: str = "",
    quote: str = "",
    note: str = "",
    published: datetime.date | None = None,
    source: Source | None = None,
    candidate: Candidate | None = None,
) -> Evidence:
    """Attach a source to a claim. The source is found or created by its canonical URL, so
    the same page attached with other tracking parameters is one source. Accepting a
    candidate passes it here and records the decision."""
    if stance not in Stance.values:
        raise ReviewError(
            "Choose whether the source supports, refutes or gives context to the claim.",
            fields={"stance": "invalid"},
        )
    title = clean_text(title, what="title", required=False, limit=MAX_TITLE)
    publisher = clean_text(publisher, what="publisher", required=False, limit=MAX_PUBLISHER)
    quote = clean_text(quote, what="quote", required=False, limit=MAX_QUOTE)
    note = clean_text(note, what="note", required=False, limit=MAX_NOTE)
    require_safe_links(quote, what="quote", field="quote")
    require_safe_links(note, what="note", field="note")
    if published is not None and not isinstance(published, datetime.date):
        raise ReviewError("The publication date is not a date.", fields={"published": "invalid"})
    when = timezone.now()
    with transaction.atomic():
        current = claim_load(claim)
        require_work(actor, current)
        require_status(current, perms.SAVABLE, "attach evidence")
        if candidate is not None:
            candidate = Candidate.objects.filter(pk=candidate.pk, claim=current).first()
            if candidate is None:
                raise ReviewError("That candidate is not a suggestion for this claim.")
            if Evidence.objects.filter(candidate=candidate).exists():
                raise ReviewError("That candidate has been accepted already.")
            source = source or candidate.source
            url = url or candidate.url
            title = title or candidate.title[:MAX_TITLE]
            publisher = publisher or candidate.publisher[:MAX_PUBLISHER]
            published = published or candidate.published
        if source is None:
            source = source_get_or_create(
                url=url, title=title, publisher=publisher, published=published, actor=actor
            )
        if Evidence.objects.filter(claim=current, source=source).exists():
            raise ReviewError(
                "This source is attached to the claim already.", fields={"url": "duplicate"}
            )
        evidence = Evidence(
            claim=current,
            source=source,
            stance=stance,
            quote=quote,
            note=note,
            candidate=candidate,
            added_by=actor,
        )
        history.stamp(evidence, actor=actor, reason=ChangeReason.EVIDENCE_ADDED, when=when)
        try:
            with transaction.atomic():
                evidence.save()
        except IntegrityError:
            raise ReviewError(
                "This source was attached to the claim a moment ago.", fields={"url": "duplicate"}
            ) from None
        if candidate is not None:
            Candidate.objects.filter(pk=candidate.pk).update(
                decision=Candidate.Decision.ACCEPTED,
                decided_by=actor,
                decided_at=when,
                source=source,
            )
    return evidence


def evidence_remove(*, evidence: Evidence, actor: AbstractBaseUser) -> None:
    """Detach a source from a claim (the source itself stays in the desk's library)."""
    when = timezone.now()
    with transaction.atomic():
        current = Evidence.objects.filter(pk=evidence.pk).first()
        if current is None:
            raise ReviewError("This evidence was removed already.", "not_found")
        claim = claim_load(current.claim_id)
        require_work(actor, claim)
        require_status(claim, perms.SAVABLE, "remove evidence")
        history.stamp(current, actor=actor, reason=ChangeReason.EVIDENCE_REMOVED, when=when)
        current.delete()
