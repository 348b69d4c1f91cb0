"""Claims: taking and assigning them, editing what they say, and the editors' decisions that
do not involve a verdict (dismiss, reopen).
(Over 400 lines: every write to a claim row is here; split, merge and add guard its span.)

Every write re-reads the claim inside its transaction, checks who may do it and whether the
claim's status allows it, and changes the row with a conditional UPDATE on `version`
(reviews.services.history.versioned_update) so that concurrent edits never silently
overwrite each other. Offsets always satisfy `article.body[start:end] == text`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from enum import Enum

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from reviews import permissions as perms
from reviews.errors import ReviewError
from reviews.models import Article, Candidate, Claim, ClaimStatus, Comment, Notification, Verdict
from reviews.selectors.desk import claim_next
from reviews.selectors.timeline import ChangeReason
from reviews.selectors.users import desk_user_get
from reviews.selectors.verdicts import verdict_latest
from reviews.services import history
from reviews.services._rules import (
    claim_load,
    clean_offset,
    clean_text,
    require_status,
    require_work,
    trimmed,
    unique,
)
from reviews.services.notifications import claim_excerpt, notify, notify_author_and_assignee

MAX_WORDING = 5000
MAX_SPEAKER = 300  # Claim.speaker's length
MAX_ROLE = 200  # Claim.speaker_role's length


class _Unset(Enum):
    UNSET = "unset"


# claim_edit's "leave this as it is" (None is a value there: it unassigns).
_UNSET = _Unset.UNSET


# --- assignment ----------------------------------------------------------------------------


def claim_take(*, claim: Claim | int, actor: AbstractBaseUser) -> Claim:
    """A reviewer takes an unassigned claim. Taking sets the assignee only; the status moves
    to in progress when work starts (the first verdict save)."""
    perms.require(perms.is_desk_member(actor), "Only members of the desk can take claims.")
    when = timezone.now()
    with transaction.atomic():
        current = claim_load(claim)
        require_status(current, perms.SAVABLE, "take this claim")
        if current.assignee_id == actor.pk:
            return current
        if current.assignee_id is not None:
            raise ReviewError(
                f"This claim is already assigned to {current.assignee.get_username()}.",
                "forbidden",
            )
        return history.versioned_update(
            current,
            expected_version=None,
            actor=actor,
            reason=ChangeReason.CLAIM_TAKEN,
            when=when,
            changes={"assignee": actor},
        )


def claim_assign(
    *,
    claim: Claim | int,
    assignee_id: int | None,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
) -> Claim:
    """An editor assigns a claim to a desk member, or unassigns it (`assignee_id=None`)."""
    assignee = _assignee(actor, assignee_id)
    with transaction.atomic():
        current = claim_load(claim)
        return _assign(current, assignee, actor=actor, expected_version=expected_version)


def _assignee(actor: AbstractBaseUser, assignee_id: int | None) -> AbstractBaseUser | None:
    """Who an editor's assignment names, once the actor is known to be allowed to assign."""
    perms.require(perms.can_assign(actor), "Only editors assign claims.")
    return desk_user_get(assignee_id) if assignee_id is not None else None


def _assign(
    current: Claim,
    assignee: AbstractBaseUser | None,
    *,
    actor: AbstractBaseUser,
    expected_version: int | None,
) -> Claim:
    if current.status == ClaimStatus.DISMISSED:
        raise ReviewError("A dismissed claim is not assigned; reopen it first.")
    new_id = assignee.pk if assignee is not None else None
    if current.assignee_id == new_id:
        return current
    updated = history.versioned_update(
        current,
        expected_version=expected_version,
        actor=actor,
        when=timezone.now(),
        reason=ChangeReason.CLAIM_ASSIGNED if assignee else ChangeReason.CLAIM_UNASSIGNED,
        changes={"assignee": assignee},
    )
    if assignee is not None and assignee.pk != actor.pk:
        notify(
            recipient=assignee,
            kind=Notification.Kind.ASSIGNED,
            claim=updated,
            message=f"{actor.get_username()} assigned you the claim {claim_excerpt(updated)}",
        )
    return updated


def claims_assign(
    *, claim_ids: Iterable[int], assignee_id: int | None, actor: AbstractBaseUser
) -> int:
    """Assign many claims at once, all or nothing. Dismissed claims and claims that already
    belong to the assignee are left as they are; returns how many changed hands."""
    assignee = _assignee(actor, assignee_id)
    ids = set(claim_ids)
    if not ids:
        raise ReviewError("Select at least one claim to assign.")
    when = timezone.now()
    with transaction.atomic():
        found = list(
            Claim.objects.select_related("article__ingested_by").filter(pk__in=ids).order_by("pk")
        )
        if len(found) != len(ids):
            raise ReviewError("Some of these claims no longer exist.", "not_found")
        replaced = Article.objects.filter(
            previous_version_id__in={c.article_id for c in found}
        ).exists()
        if replaced:
            raise ReviewError(
                "Some of these claims belong to an old version of their article.", "invalid"
            )
        to_change = [
            c for c in found if c.status != ClaimStatus.DISMISSED and c.assignee_id != assignee_id
        ]
        # One conditional UPDATE for the batch: a claim changed meanwhile refuses them all.
        changed = history.versioned_update_many(
            to_change,
            actor=actor,
            when=when,
            changes={"assignee": assignee},
            reason=ChangeReason.CLAIM_ASSIGNED if assignee else ChangeReason.CLAIM_UNASSIGNED,
        )
        if changed and assignee is not None and assignee.pk != actor.pk:
            # One notice for the batch: an editor assigning forty claims sends one e-mail.
            if len(changed) == 1:
                message = f"{actor.get_username()} assigned you the claim " + claim_excerpt(
                    changed[0]
                )
            else:
                message = f"{actor.get_username()} assigned you {len(changed)} claims"
            notify(
                recipient=assignee,
                kind=Notification.Kind.ASSIGNED,
                message=message,
                claim=changed[0] if len(changed) == 1 else None,
            )
    return len(changed)


# --- what the claim says ---------------------------------------------------------------------


def claim_edit(
    *,
    actor: AbstractBaseUser,
    claim_id: int,
    wording: str | _Unset = _UNSET,
    speaker: str | _Unset = _UNSET,
    speaker_role: str | _Unset = _UNSET,
    assignee_id: int | None | _Unset = _UNSET,
    expected_version: int,
) -> Claim:
    """Edit the wording, the speaker (and their role), the assignee, or several of them, based
    on the version the person saw: all the changes are made or none. Leaving an argument out
    leaves that part as it is."""
    if all(v is _UNSET for v in (wording, speaker, speaker_role, assignee_id)):
        raise ReviewError("Change the wording, the speaker, the assignee, or several of them.")
    assignee = _assignee(actor, assignee_id) if assignee_id is not _UNSET else _UNSET
    with transaction.atomic():
        # Several changes, one edit: all start from the version the person saw, and the row
        # lock keeps everyone else out until they are made.
        stored = (
            Claim.objects.select_for_update()
            .filter(pk=claim_id)
            .values_list("version", flat=True)
            .first()
        )
        if stored is not None and stored != expected_version:
            raise history.conflict(Claim, claim_id, expected_version)
        version = expected_version
        claim = claim_load(claim_id)
        if wording is not _UNSET:
            claim = claim_edit_wording(
                claim=claim, wording=wording, actor=actor, expected_version=version
            )
            version = claim.version
        if speaker is not _UNSET or speaker_role is not _UNSET:
            claim = claim_edit_speaker(
                claim=claim,
                speaker=claim.speaker if speaker is _UNSET else speaker,
                speaker_role=claim.speaker_role if speaker_role is _UNSET else speaker_role,
                actor=actor,
                expected_version=version,
            )
            version = claim.version
        if assignee is not _UNSET:
            claim = _assign(claim, assignee, actor=actor, expected_version=version)
    return claim


def claim_edit_speaker(
    *,
    claim: Claim | int,
    speaker: str,
    speaker_role: str = "",
    actor: AbstractBaseUser,
    expected_version: int | None,
) -> Claim:
    """Correct who made the claim (and who they are: "Health minister"). What the desk
    publishes as the claimant is this: the report's Speaker column, ClaimReview's
    itemReviewed.author. Empty means nobody is named."""
    speaker = clean_text(speaker, what="speaker", required=False, limit=MAX_SPEAKER)
    speaker_role = clean_text(speaker_role, what="speaker's role", required=False, limit=MAX_ROLE)
    if speaker_role and not speaker:
        raise ReviewError(
            "Name the speaker to give their role.", fields={"speaker": "required with a role"}
        )
    when = timezone.now()
    with transaction.atomic():
        current = claim_load(claim)
        require_work(actor, current)
        require_status(current, perms.SAVABLE, "correct the speaker")
        if (speaker, speaker_role) == (current.speaker, current.speaker_role):
            return current
        return history.versioned_update(
            current,
            expected_version=expected_version,
            actor=actor,
            reason=ChangeReason.CLAIM_SPEAKER,
            when=when,
            changes={"speaker": speaker, "speaker_role": speaker_role},
        )


def claim_edit_wording(
    *, claim: Claim | int, wording: str, actor: AbstractBaseUser, expected_version: int | None
) -> Claim:
    """Change the wording shown to readers; the span in the article stays where it is.
    A wording equal to the article's text (or empty) means "as in the article"."""
    wording = clean_text(wording, what="wording", required=False, limit=MAX_WORDING)
    when = timezone.now()
    with transaction.atomic():
        current = claim_load(claim)
        require_work(actor, current)
        require_status(current, perms.SAVABLE, "edit the wording")
        if wording == current.text.strip():
            wording = ""
        if wording == current.wording:
            return current
        return history.versioned_update(
            current,
            expected_version=expected_version,
            actor=actor,
            reason=ChangeReason.CLAIM_WORDING,
            when=when,
            changes={"wording": wording},
        )


def claim_split(
    *, claim: Claim | int, at: int, actor: AbstractBaseUser, expected_version: int | None = None
) -> tuple[Claim, Claim]:
    """Split a claim at absolute offset `at` of the article body (strictly inside the span).

    The claim keeps its first half, with its verdict draft, evidence and comments; the second
    half becomes a new unreviewed claim. Both are trimmed of whitespace.
    """
    at = clean_offset(at, what="split position")
    when = timezone.now()
    with transaction.atomic():
        current = claim_load(claim)
        require_work(actor, current)
        require_status(current, perms.EDITABLE_SPAN, "split this claim")
        if not current.start < at < current.end:
            raise ReviewError(
                f"Split inside the claim: the position must lie between {current.start} and "
                f"{current.end}, exclusive.",
                fields={"at": "outside the claim"},
            )
        body = current.article.body
        first, second = trimmed(body, current.start, at), trimmed(body, at, current.end)
        if first is None or second is None:
            raise ReviewError(
                "Split where there is text on both sides.", fields={"at": "nothing on one side"}
            )
        _refuse_taken_span(current.article_id, *first, exclude=[current.pk])
        _refuse_taken_span(current.article_id, *second, exclude=[current.pk])
        first_text, second_text = body[first[0] : first[1]], body[second[0] : second[1]]
        # Each half is scored and described afresh: a number or date that went with the other
        # half is no longer this half's reason. The speaker (perhaps corrected by a reviewer)
        # stays with both.
        head, tail = (
            {k: v for k, v in d.items() if k != "speaker"}
            for d in _describe_spans(current.article, [first, second])
        )
        # versioned_update refreshes `current` in place: take what the halves share first.
        article, speaker, speaker_role = current.article, current.speaker, current.speaker_role
        updated = history.versioned_update(
            current,
            expected_version=expected_version,
            actor=actor,
            reason=ChangeReason.CLAIM_SPLIT,
            when=when,
            changes={"start": first[0], "end": first[1], "text": first_text, "wording": "", **head},
        )
        new = Claim(
            article=article,
            start=second[0],
            end=second[1],
            text=second_text,
            number=claim_number_next(article.pk),
            speaker=speaker,
            speaker_role=speaker_role,
            **tail,
            assignee=current.assignee,
            needs_review=current.needs_review,
            added_manually=current.added_manually,
        )
        history.stamp(new, actor=actor, reason=ChangeReason.CLAIM_SPLIT, when=when)
        new.save()
    return updated, new


def claim_merge(
    *,
    first: Claim | int,
    second: Claim | int | None = None,
    actor: AbstractBaseUser,
    expected_second_id: int | None = None,
) -> Claim:
    """Merge two neighbouring claims of one article into one whose span covers both.

    Without `second`, `first` merges with the claim that follows it in the article.
    `expected_second_id` is the claim the person saw as the partner: if that is no longer
    the claim being merged with (another claim came between, or it is gone), nothing is
    merged. The claim that carries a verdict survives (the first one if neither does); the
    other's evidence, comments and candidates move over and it is deleted. Two claims that
    both carry verdicts cannot be merged: one of the verdicts would be lost.
    """
    when = timezone.now()
    with transaction.atomic():
        a = claim_load(first)
        following = claim_next(a) if second is None else claim_load(second)
        if following is None or (
            expected_second_id is not None and following.pk != expected_second_id
        ):
            raise ReviewError("The next claim has changed; reload the page and try again.")
        b = claim_load(following) if second is None else following
        if a.pk == b.pk:
            raise ReviewError("Choose two different claims to merge.")
        if a.article_id != b.article_id:
            raise ReviewError("Only claims of the same article can be merged.")
        if (b.start, b.end) < (a.start, a.end):
            a, b = b, a
        for c in (a, b):
            require_work(actor, c)
            require_status(c, perms.EDITABLE_SPAN, "merge these claims")
        between = Claim.objects.filter(article_id=a.article_id).exclude(pk__in=[a.pk, b.pk])
        between = between.filter(
            Q(start__gt=a.start) | Q(start=a.start, end__gt=a.end),
            Q(start__lt=b.start) | Q(start=b.start, end__lt=b.end),
        )
        if between.exists():
            raise ReviewError("Only neighbouring claims can be merged; other claims lie between.")
        with_verdicts = set(
            Verdict.objects.filter(claim__in=[a, b]).values_list("claim_id", flat=True)
        )
        if len(with_verdicts) == 2:
            raise ReviewError(
                "Both claims have verdicts; merging would discard one. Dismiss one instead."
            )
        keep, gone = (b, a) if b.pk in with_verdicts else (a, b)
        start, end = min(a.start, b.start), max(a.end, b.end)
        _refuse_taken_span(a.article_id, start, end, exclude=[a.pk, b.pk])
        _move_dependents(gone, keep, actor=actor, when=when)
        history.stamp(gone, actor=actor, reason=ChangeReason.CLAIM_MERGED, when=when)
        gone.delete()
        text = keep.article.body[start:end]
        stronger = max((a, b), key=lambda c: c.checkworthiness)
        return history.versioned_update(
            keep,
            expected_version=None,
            actor=actor,
            reason=ChangeReason.CLAIM_MERGED,
            when=when,
            changes={
                "start": start,
                "end": end,
                "text": text,
                "wording": "",
                "quantities": unique(a.quantities + b.quantities),
                "dates": unique(a.dates + b.dates),
                "speaker": keep.speaker or gone.speaker,
                "checkworthiness": stronger.checkworthiness,
                "checkworthy": a.checkworthy or b.checkworthy,
                "score_reasons": stronger.score_reasons,
                "headline": a.headline and b.headline,
                "needs_review": a.needs_review or b.needs_review,
                "assignee": keep.assignee or gone.assignee,
            },
        )


def _move_dependents(
    gone: Claim, keep: Claim, *, actor: AbstractBaseUser, when: datetime.datetime
) -> None:
    """Before `gone` is deleted, hand its evidence, comments, candidates and notices over."""
    kept_sources = set(keep.evidence.values_list("source_id", flat=True))
    for evidence in gone.evidence.all():
        history.stamp(evidence, actor=actor, reason=ChangeReason.CLAIM_MERGED, when=when)
        if evidence.source_id in kept_sources:
            evidence.delete()
        else:
            evidence.claim = keep
            evidence.save(update_fields=["claim"])
    Comment.objects.filter(claim=gone).update(claim=keep)
    kept_urls = keep.candidates.values_list("canonical_url", flat=True)
    Candidate.objects.filter(claim=gone).exclude(canonical_url__in=kept_urls).update(claim=keep)
    Notification.objects.filter(claim=gone).update(claim=keep)


def claim_add(*, article: Article, start: int, end: int, actor: AbstractBaseUser) -> Claim:
    """Add a claim the extraction missed, from text selected in the article (trimmed)."""
    perms.require(perms.can_add_claim(actor, article), "Only members of the desk add claims.")
    start = clean_offset(start, what="start")
    end = clean_offset(end, what="end")
    when = timezone.now()
    with transaction.atomic():
        article = Article.objects.filter(pk=article.pk).first()
        if article is None:
            raise ReviewError("This article no longer exists.", "not_found")
        if Article.objects.filter(previous_version=article).exists():
            raise ReviewError(
                "This is an old version of the article; add the claim to the current version."
            )
        body = article.body
        if not 0 <= start < end <= len(body):
            raise ReviewError(
                "The selection lies outside the article's text.", fields={"span": "outside"}
            )
        span = trimmed(body, start, end)
        if span is None:
            raise ReviewError("The selection contains no text.", fields={"span": "empty"})
        _refuse_taken_span(article.pk, *span, exclude=[])
        described = _describe_spans(article, [span])[0]
        # Picked by hand: the person who saw it is worth checking says so.
        described["checkworthy"] = True
        claim = Claim(
            article=article,
            start=span[0],
            end=span[1],
            text=body[span[0] : span[1]],
            number=claim_number_next(article.pk),
            added_manually=True,
            # The reviewer who found it takes it; an editor's find waits for assignment.
            assignee=None if perms.is_desk_editor(actor) else actor,
            **described,
        )
        history.stamp(claim, actor=actor, reason=ChangeReason.CLAIM_ADDED, when=when)
        try:
            with transaction.atomic():
                claim.save()
        except IntegrityError:
            # Someone added the same span a moment ago.
            _refuse_taken_span(article.pk, *span, exclude=[])
            raise
    return claim


def _describe_spans(article: Article, spans: list[tuple[int, int]]) -> list[dict]:
    """Kind, speaker, quantities, dates and score for hand-picked spans (an added claim, the
    halves of a split). A span that is exactly an extracted unit takes that unit as it is;
    any other is scored on its own words, with the speaker of the unit it overlaps most
    (extraction sees the context: who is speaking)."""
    from claimextract import extract_claims, extract_one

    units = extract_claims(article.body, published=article.published, lang=article.language)
    described = []
    for start, end in spans:
        text = article.body[start:end]
        best, best_overlap = None, 0
        for unit in units:
            overlap = min(end, unit.end) - max(start, unit.start)
            if overlap > best_overlap:
                best, best_overlap = unit, overlap
        exact = best is not None and (start, end) == (best.start, best.end)
        own = (
            best if exact else extract_one(text, published=article.published, lang=article.language)
        )
        if own is None:
            described.append({})
            continue
        speaker = own.speaker or (best.speaker if best is not None else "") or ""
        described.append(
            {
                "kind": own.kind,
                "speaker": speaker,
                "headline": bool(exact and own.headline),
                "quantities": _mentions_within([q.as_json() for q in own.quantities], text),
                "dates": _mentions_within([d.as_json() for d in own.dates], text),
                "checkworthiness": min(max(own.checkworthiness, 0.0), 1.0),
                "checkworthy": own.checkworthy,
                "score_reasons": own.reasons,
            }
        )
    return described


def claim_number_next(article_id: int) -> int:
    """The number a claim added to the article now takes: numbers are never reused, so
    "claim 3" stays the same claim in every version of the report."""
    highest = Claim.objects.filter(article_id=article_id).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def _refuse_taken_span(article_id: int, start: int, end: int, *, exclude: list[int]) -> None:
    other = (
        Claim.objects.filter(article_id=article_id, start=start, end=end)
        .exclude(pk__in=exclude)
        .first()
    )
    if other is not None:
        raise ReviewError(
            f"That text is already a claim: {claim_excerpt(other)}.",
            "invalid",
            fields={"span": "taken"},
        )


def _mentions_within(items: list, text: str) -> list:
    """Quantities and dates whose own text lies in `text` (the rest belong elsewhere)."""
    return [item for item in items or [] if str(item.get("text", "")) in text]


# --- editors' decisions ----------------------------------------------------------------------


def claim_dismiss(
    *, claim: Claim | int, reason: str, actor: AbstractBaseUser, expected_version: int | None = None
) -> Claim:
    """Mark a claim as not worth checking, with the reason. Editors dismiss any claim that
    is not decided; reviewers dismiss claims nobody has rated yet that are theirs or nobody's
    (page furniture, a question), and an editor can bring them back with a reopen."""
    perms.require(perms.is_desk_member(actor), "Only members of the desk dismiss claims.")
    reason = clean_text(reason, what="reason")
    when = timezone.now()
    with transaction.atomic():
        current = claim_load(claim)
        require_status(current, perms.DISMISSABLE, "dismiss this claim")
        if not perms.is_desk_editor(actor):
            perms.require(
                perms.holds(actor, current),
                "This claim is assigned to someone else; ask them or an editor to dismiss it.",
            )
            perms.require(
                current.status in perms.REVIEWER_DISMISSABLE,
                "This claim has a verdict; only an editor dismisses it now.",
            )
        return history.versioned_update(
            current,
            expected_version=expected_version,
            actor=actor,
            reason=ChangeReason.CLAIM_DISMISSED,
            when=when,
            changes={
                "status": ClaimStatus.DISMISSED,
                "dismissed_reason": reason,
                "needs_review": False,
            },
        )


def claims_dismiss(
    *, claim_ids: Iterable[int], reason: str, actor: AbstractBaseUser
) -> list[Claim]:
    """Dismiss several claims with one reason, all or nothing: the same rules as dismissing
    one, and if one of them may not be dismissed (decided already, someone else's, gone),
    none is."""
    perms.require(perms.is_desk_member(actor), "Only members of the desk dismiss claims.")
    reason = clean_text(reason, what="reason")
    ids = set(claim_ids)
    if not ids:
        raise ReviewError("Select at least one claim to dismiss.", fields={"claims": "empty"})
    when = timezone.now()
    with transaction.atomic():
        found = list(Claim.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        if len(found) != len(ids):
            raise ReviewError(
                "Some of these claims no longer exist; nothing was dismissed.",
                "not_found",
                fields={"claims": "unknown"},
            )
        if Article.objects.filter(previous_version_id__in={c.article_id for c in found}).exists():
            raise ReviewError(
                "Some of these claims belong to an old version of their article; nothing was "
                "dismissed.",
                fields={"claims": "old version"},
            )
        editor = perms.is_desk_editor(actor)
        allowed = perms.DISMISSABLE if editor else perms.REVIEWER_DISMISSABLE
        refused = [
            c for c in found if c.status not in allowed or not (editor or perms.holds(actor, c))
        ]
        if refused:
            why = (
                "they are approved or dismissed already"
                if editor
                else "they have a verdict or belong to someone else (an editor can dismiss them)"
            )
            raise ReviewError(
                f"Nothing was dismissed: {len(refused)} of the {len(found)} claims cannot be "
                f"dismissed now, because {why}. First: {claim_excerpt(refused[0])}.",
                "forbidden" if not editor and refused[0].status in allowed else "invalid",
                fields={"claims": "refused"},
            )
        return history.versioned_update_many(
            found,
            actor=actor,
            when=when,
            reason=ChangeReason.CLAIM_DISMISSED,
            changes={
                "status": ClaimStatus.DISMISSED,
                "dismissed_reason": reason,
                "needs_review": False,
            },
        )


def claim_reopen(
    *, claim: Claim | int, actor: AbstractBaseUser, reason: str, expected_version: int | None = None
) -> Claim:
    """An editor reopens an approved claim for a correction (the approved verdict stays on
    record until a new version is approved), or brings back a dismissed one."""
    perms.require(perms.is_desk_editor(actor), "Only editors reopen claims.")
    reason = clean_text(reason, what="reason")
    when = timezone.now()
    with transaction.atomic():
        current = claim_load(claim)
        require_status(current, perms.REOPENABLE, "reopen this claim")
        latest = verdict_latest(current)
        was_approved = current.status == ClaimStatus.APPROVED
        updated = history.versioned_update(
            current,
            expected_version=expected_version,
            actor=actor,
            reason=ChangeReason.CLAIM_REOPENED,
            when=when,
            changes={
                "status": _status_for_verdict(latest),
                "reopen_reason": reason,
                "dismissed_reason": "",
            },
        )
        if was_approved:
            # The correction is theirs to make.
            notify_author_and_assignee(
                verdict=latest,
                claim=updated,
                actor=actor,
                kind=Notification.Kind.REOPENED,
                message=f"{actor.get_username()} reopened {claim_excerpt(updated)} for a "
                f"correction: {reason}",
            )
    return updated


def _status_for_verdict(verdict: Verdict | None) -> str:
    """The claim status that matches its latest verdict (a claim coming back from dismissal
    resumes where its work stood)."""
    if verdict is None:
        return ClaimStatus.UNREVIEWED
    return {
        Verdict.Status.DRAFT: ClaimStatus.IN_PROGRESS,
        Verdict.Status.SUBMITTED: ClaimStatus.SUBMITTED,
        Verdict.Status.RETURNED: ClaimStatus.RETURNED,
        Verdict.Status.APPROVED: ClaimStatus.REOPENED,
    }.get(verdict.status, ClaimStatus.IN_PROGRESS)
