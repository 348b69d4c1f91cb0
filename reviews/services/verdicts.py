"""Verdicts: a reviewer rates a claim, submits it, and an editor approves or returns it.
(Over 400 lines: the verdict's whole workflow is one state machine, kept in one place.)

The claim's status, as these services drive it:

    unreviewed/returned/reopened --verdict_save--> in_progress --verdict_submit--> submitted
    submitted --verdict_approve--> approved      submitted --verdict_return--> returned
    approved --claim_reopen--> reopened (the next save starts verdict number + 1)

An approved verdict is never edited: after a reopen the next save creates a new version,
which is not current until it is approved; its approval supersedes the old one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from reviews import permissions as perms
from reviews.errors import ConflictError, ReviewError
from reviews.models import Claim, ClaimStatus, Notification, Rating, Verdict
from reviews.selectors.timeline import ChangeReason
from reviews.selectors.verdicts import verdict_latest
from reviews.services import history
from reviews.services._rules import (
    claim_load,
    clean_text,
    require_safe_links,
    require_status,
    require_work,
    status_label,
)
from reviews.services.matches import factcheck_archive_verdict
from reviews.services.notifications import claim_excerpt, notify, notify_author_and_assignee

MAX_RATIONALE = 20_000
MAX_NOTE = 5_000


def _clean_rating(rating: Rating | int | str | None) -> Rating:
    if isinstance(rating, Rating):
        pk = rating.pk
    elif isinstance(rating, int) and not isinstance(rating, bool):
        pk = rating
    elif isinstance(rating, str) and rating.isdigit():
        pk = int(rating)
    else:
        raise ReviewError("Choose a rating.", fields={"rating": "required"})
    found = Rating.objects.filter(pk=pk).first()
    if found is None:
        raise ReviewError("That rating does not exist.", fields={"rating": "unknown"})
    return found


def _clean_confidence(confidence: int | str | None) -> int | None:
    """The reviewer's stated confidence, or None when they left it empty: the desk never
    states a confidence for them."""
    if confidence is None or (isinstance(confidence, str) and not confidence.strip()):
        return None
    if isinstance(confidence, str) and confidence.strip().isdigit():
        confidence = int(confidence)
    if isinstance(confidence, bool) or not isinstance(confidence, int):
        raise ReviewError(
            "Confidence must be a whole number from 0 to 100.",
            fields={"confidence": "not a number"},
        )
    if not 0 <= confidence <= 100:
        raise ReviewError(
            "Confidence must be from 0 to 100.", fields={"confidence": "out of range"}
        )
    return confidence


def verdict_save(
    *,
    claim: Claim | int,
    actor: AbstractBaseUser,
    rating: Rating | int | str | None,
    rationale: str,
    confidence: int | str | None = None,
    expected_version: int | None = None,
    correction_reason: str | None = None,
) -> Verdict:
    """Create or update the claim's working verdict (a draft; a submitted one stays submitted
    so an editor's fix shows up in the queue).

    `expected_version` is the version of the verdict the person was looking at: 0 when they
    saw none (so a verdict someone else created meanwhile is not overwritten), None to skip
    the check. An unassigned claim is assigned to whoever starts working on it.
    """
    fields = {
        "rating": _clean_rating(rating),
        "rationale": clean_text(rationale, what="rationale", required=False, limit=MAX_RATIONALE),
        "confidence": _clean_confidence(confidence),
    }
    require_safe_links(fields["rationale"], what="rationale", field="rationale")
    when = timezone.now()
    with transaction.atomic():
        current = claim_load(claim)
        require_work(actor, current)
        require_status(current, perms.SAVABLE, "save a verdict")
        latest = verdict_latest(current)
        if latest is None or latest.status == Verdict.Status.APPROVED:
            verdict = _verdict_create(
                current,
                latest,
                actor=actor,
                when=when,
                expected_version=expected_version,
                correction_reason=correction_reason,
                **fields,
            )
        else:
            verdict = _verdict_update(
                latest, actor=actor, when=when, expected_version=expected_version, **fields
            )
        _claim_work_started(current, actor=actor, when=when)
    return verdict


def _verdict_create(
    claim: Claim,
    latest: Verdict | None,
    *,
    actor: AbstractBaseUser,
    when: datetime.datetime,
    expected_version: int | None,
    correction_reason: str | None,
    rating: Rating,
    rationale: str,
    confidence: int | None,
) -> Verdict:
    """The claim's first verdict, or (after a reopen) the correction of its approved one."""
    if latest is not None and claim.status != ClaimStatus.REOPENED:
        raise ReviewError("This claim's verdict is approved; an editor reopens it first.")
    if latest is None and expected_version not in (None, 0):
        raise ReviewError("The verdict you edited no longer exists.", "not_found")
    if latest is not None and expected_version not in (None, 0, latest.version):
        raise history.conflict(Verdict, latest.pk, expected_version)
    reason = ""
    if latest is not None:
        given = correction_reason if correction_reason is not None else claim.reopen_reason
        reason = clean_text(given, what="correction reason", required=False)
    verdict = Verdict(
        claim=claim,
        number=latest.number + 1 if latest else 1,
        # A correction is not current until approved: the approved one stays published.
        is_current=latest is None,
        status=Verdict.Status.DRAFT,
        author=actor,
        last_edited_by=actor,
        rating=rating,
        rationale=rationale,
        confidence=confidence,
        correction_reason=reason,
    )
    history.stamp(verdict, actor=actor, reason=ChangeReason.VERDICT_SAVED, when=when)
    try:
        with transaction.atomic():
            verdict.save()
    except IntegrityError:
        # Two first saves at once: the unique (claim, number) lets one win.
        other = claim.verdicts.filter(number=verdict.number).first()
        if other is None:
            raise
        raise ConflictError(
            f"{other.author.get_username()} saved a verdict on this claim at the same time. "
            "Nothing was saved: compare and try again.",
            current=history.snapshot(other),
        ) from None
    return verdict


def _verdict_update(
    latest: Verdict,
    *,
    actor: AbstractBaseUser,
    when: datetime.datetime,
    expected_version: int | None,
    rating: Rating,
    rationale: str,
    confidence: int | None,
) -> Verdict:
    """A new state of the working verdict; a returned one goes back to draft."""
    if expected_version == 0:
        raise ConflictError(
            f"{latest.last_edited_by.get_username()} started a verdict on this claim "
            "while you were writing yours. Nothing was saved: compare and try again.",
            current=history.snapshot(latest),
        )
    changes = {
        "rating": rating,
        "rationale": rationale,
        "confidence": confidence,
        "last_edited_by": actor,
    }
    if latest.status == Verdict.Status.RETURNED:
        changes["status"] = Verdict.Status.DRAFT
    unchanged = (
        latest.rating_id == rating.pk
        and latest.rationale == rationale
        and latest.confidence == confidence
        and "status" not in changes
    )
    if unchanged:
        if expected_version not in (None, latest.version):
            raise history.conflict(Verdict, latest.pk, expected_version)
        return latest
    return history.versioned_update(
        latest,
        expected_version=expected_version,
        actor=actor,
        reason=ChangeReason.VERDICT_SAVED,
        when=when,
        changes=changes,
    )


def _claim_work_started(claim: Claim, *, actor: AbstractBaseUser, when: datetime.datetime) -> None:
    """A saved verdict puts its claim in progress, with an assignee and no review flag."""
    changes: dict[str, object] = {}
    if claim.status in (ClaimStatus.UNREVIEWED, ClaimStatus.RETURNED, ClaimStatus.REOPENED):
        changes["status"] = ClaimStatus.IN_PROGRESS
    if claim.assignee_id is None:
        changes["assignee"] = actor
    if claim.needs_review:
        changes["needs_review"] = False
    if changes:
        history.versioned_update(
            claim,
            expected_version=None,
            actor=actor,
            reason=ChangeReason.VERDICT_SAVED,
            when=when,
            changes=changes,
        )


def _workflow_step(
    verdict: Verdict,
    claim: Claim,
    *,
    expected_version: int | None,
    actor: AbstractBaseUser,
    reason: str,
    when: datetime.datetime,
    verdict_changes: dict,
    claim_status: str,
) -> tuple[Verdict, Claim]:
    """One step of the workflow: the verdict and its claim move together, recorded under the
    same reason so that the timeline shows one event. The caller's expected version is the
    verdict's (the one its form showed); the claim's status follows the verdict."""
    verdict = history.versioned_update(
        verdict,
        expected_version=expected_version,
        actor=actor,
        reason=reason,
        when=when,
        changes=verdict_changes,
    )
    claim = history.versioned_update(
        claim,
        expected_version=None,
        actor=actor,
        reason=reason,
        when=when,
        changes={"status": claim_status},
    )
    return verdict, claim


def verdict_submit(
    *, claim: Claim | int, actor: AbstractBaseUser, expected_version: int | None = None
) -> Verdict:
    """Send the working verdict to the editors. The rationale must say why."""
    when = timezone.now()
    with transaction.atomic():
        current = claim_load(claim)
        require_work(actor, current)
        latest = verdict_latest(current)
        if latest is None or current.status == ClaimStatus.UNREVIEWED:
            raise ReviewError("Write and save a verdict before submitting it.")
        require_status(current, perms.SUBMITTABLE, "submit")
        if latest.status not in (Verdict.Status.DRAFT, Verdict.Status.RETURNED):
            raise ReviewError("Save the verdict before submitting it.")
        if not latest.rationale.strip():
            raise ReviewError(
                "Explain the rating in the rationale before submitting.",
                fields={"rationale": "required"},
            )
        verdict, updated = _workflow_step(
            latest,
            current,
            expected_version=expected_version,
            actor=actor,
            reason=ChangeReason.VERDICT_SUBMITTED,
            when=when,
            verdict_changes={"status": Verdict.Status.SUBMITTED, "submitted_at": when},
            claim_status=ClaimStatus.SUBMITTED,
        )
        editor = _assigning_editor(updated)
        if editor is not None and editor.pk != actor.pk:
            notify(
                recipient=editor,
                kind=Notification.Kind.SUBMITTED,
                claim=updated,
                message=f"{actor.get_username()} submitted a verdict on "
                f"{claim_excerpt(updated)} for approval",
            )
    return verdict


def _assigning_editor(claim: Claim) -> AbstractBaseUser | None:
    """The editor who assigned the claim to its assignee, if an editor did. Only they hear of
    the submission: notifying every editor of every submission is noise."""
    if claim.assignee_id is None:
        return None
    row = (
        Claim.history.filter(
            id=claim.pk,
            assignee_id=claim.assignee_id,
            history_change_reason=ChangeReason.CLAIM_ASSIGNED,
        )
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    user = row.history_user if row is not None else None
    return user if user is not None and perms.is_desk_editor(user) else None


def verdict_approve(
    *,
    claim: Claim | int,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
    correction_note: str | None = None,
) -> Verdict:
    """An editor approves the submitted verdict. Four-eyes: not its author, not whoever last
    edited it. Approving a correction supersedes the verdict it replaces; `correction_note`
    is the notice readers get about it (the reopen reason stays internal). None keeps any
    note already written."""
    perms.require(perms.is_desk_editor(actor), "Only editors approve verdicts.")
    if correction_note is not None:
        correction_note = clean_text(
            correction_note, what="correction note", required=False, limit=MAX_NOTE
        )
    when = timezone.now()
    with transaction.atomic():
        current = claim_load(claim)
        latest = _submitted_verdict(current, "approve")
        if not perms.four_eyes_allows(actor, latest):
            raise ReviewError(
                "You wrote or last edited this verdict; another editor must approve it "
                "(four-eyes rule).",
                "forbidden",
            )
        replaced = current.verdicts.filter(is_current=True).exclude(pk=latest.pk).first()
        if replaced is not None:
            # The unique "one current verdict per claim" forbids two at once: flip the old first.
            replaced_changes = {"is_current": False}
            if replaced.status == Verdict.Status.APPROVED:
                replaced_changes["status"] = Verdict.Status.SUPERSEDED
            history.versioned_update(
                replaced,
                expected_version=None,
                actor=actor,
                reason=ChangeReason.VERDICT_APPROVED,
                when=when,
                changes=replaced_changes,
            )
        verdict, updated = _workflow_step(
            latest,
            current,
            expected_version=expected_version,
            actor=actor,
            reason=ChangeReason.VERDICT_APPROVED,
            when=when,
            verdict_changes={
                "status": Verdict.Status.APPROVED,
                "approved_by": actor,
                "approved_at": when,
                "is_current": True,
                # Only a correction has readers to tell; a first verdict has nothing to correct.
                **(
                    {"correction_note": correction_note}
                    if correction_note is not None and replaced is not None
                    else {}
                ),
            },
            claim_status=ClaimStatus.APPROVED,
        )
        if verdict.author_id != actor.pk:
            notify(
                recipient=verdict.author,
                kind=Notification.Kind.APPROVED,
                claim=updated,
                message=f"{actor.get_username()} approved your verdict on {claim_excerpt(updated)}",
            )
        # From now on the desk's own verdict is an earlier fact-check for new claims.
        factcheck_archive_verdict(verdict=verdict)
    return verdict


def verdicts_approve(
    *, seen: Iterable[tuple[int, int | None]], actor: AbstractBaseUser
) -> list[Verdict]:
    """Approve the submitted verdicts of several claims at once, in the order given: all of
    them, or none if one is refused, has changed since the editor read it, or one of the
    claims no longer exists.

    `seen` pairs each claim id with the version of its verdict the editor read (None only
    for callers that show no verdict, such as scripts).
    """
    perms.require(perms.is_desk_editor(actor), "Only editors approve verdicts.")
    versions = dict(seen)  # a claim named twice is one claim, with the last version given
    ids = list(versions)
    if not ids:
        raise ReviewError("Select at least one verdict to approve.")
    approved = []
    with transaction.atomic():
        found = Claim.objects.in_bulk(ids)
        if len(found) != len(ids):
            raise ReviewError(
                "Some of these claims no longer exist; nothing was approved.",
                "not_found",
                fields={"claims": "unknown"},
            )
        for claim in (found[pk] for pk in ids):
            try:
                approved.append(
                    verdict_approve(claim=claim, actor=actor, expected_version=versions[claim.pk])
                )
            except ConflictError as exc:
                raise ConflictError(
                    f"Nothing was approved. {claim_excerpt(claim)}: the verdict was changed "
                    "after you read it; reload and read it again.",
                    current=exc.current,
                ) from exc
            except ReviewError as exc:
                label = claim_excerpt(claim)
                raise ReviewError(
                    f"Nothing was approved. {label}: {exc.message}", exc.code, fields=exc.fields
                ) from exc
    return approved


def verdict_return(
    *,
    claim: Claim | int,
    actor: AbstractBaseUser,
    note: str,
    expected_version: int | None = None,
) -> Verdict:
    """An editor sends the submitted verdict back with a note saying what must change."""
    perms.require(perms.is_desk_editor(actor), "Only editors return verdicts.")
    note = clean_text(note, what="note", limit=MAX_NOTE)
    when = timezone.now()
    with transaction.atomic():
        current = claim_load(claim)
        latest = _submitted_verdict(current, "return")
        if not perms.four_eyes_allows(actor, latest):
            raise ReviewError(
                "You wrote or last edited this verdict; edit it yourself, or another editor "
                "returns it (four-eyes rule).",
                "forbidden",
            )
        verdict, updated = _workflow_step(
            latest,
            current,
            expected_version=expected_version,
            actor=actor,
            reason=ChangeReason.VERDICT_RETURNED,
            when=when,
            verdict_changes={"status": Verdict.Status.RETURNED, "return_note": note},
            claim_status=ClaimStatus.RETURNED,
        )
        notify_author_and_assignee(
            verdict=verdict,
            claim=updated,
            actor=actor,
            kind=Notification.Kind.RETURNED,
            message=f"{actor.get_username()} returned the verdict on "
            f"{claim_excerpt(updated)}: {note}",
        )
    return verdict


def _submitted_verdict(claim: Claim, action: str) -> Verdict:
    if claim.status != ClaimStatus.SUBMITTED:
        raise ReviewError(
            f"Only a submitted verdict can be {action}d; this claim is "
            f"{status_label(claim.status)}."
        )
    latest = verdict_latest(claim)
    if latest is None or latest.status != Verdict.Status.SUBMITTED:
        raise ReviewError(f"This claim has no submitted verdict to {action}.")
    return latest
