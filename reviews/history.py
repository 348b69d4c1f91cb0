"""The record of every change to claims, verdicts and evidence, and the claim's timeline.

Write side (used by the services): `versioned_update()` changes one row with a conditional
UPDATE on its version and records exactly one history row for it; `stamp()` labels an
instance before a `save()`/`delete()` so that django-simple-history's signal records who,
when and why.

Read side: `claim_timeline(claim)` turns the history rows of a claim, its verdicts and its
evidence, plus its comments, into readable events ("Verdict submitted by rita",
"Returned by erin: needs a primary source"). Rows written by one service call share actor,
timestamp and reason and are shown as one event, so every change appears exactly once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F

from reviews.errors import ConflictError, ReviewError
from reviews.models import (
    Claim,
    ClaimStatus,
    Comment,
    Evidence,
    Rating,
    Source,
    Stance,
    Verdict,
)

# Change reasons. Services use these constants; the timeline formats them.
CLAIM_EXTRACTED = "Extracted from the article"
CLAIM_TAKEN = "Claim taken"
CLAIM_ASSIGNED = "Assigned"
CLAIM_UNASSIGNED = "Unassigned"
CLAIM_WORDING = "Wording edited"
CLAIM_SPLIT = "Claim split"
CLAIM_MERGED = "Claims merged"
CLAIM_ADDED = "Claim added"
CLAIM_DISMISSED = "Dismissed"
CLAIM_REOPENED = "Reopened"
CLAIM_CARRIED = "Carried over from the previous version"
CLAIM_CHANGED_IN_VERSION = "New or changed in this version"
VERDICT_SAVED = "Verdict saved"
VERDICT_SUBMITTED = "Verdict submitted"
VERDICT_APPROVED = "Approved"
VERDICT_RETURNED = "Returned"
EVIDENCE_ADDED = "Evidence added"
EVIDENCE_REMOVED = "Evidence removed"

# (model, attname) -> the label a reader sees in before/after.
CLAIM_FIELDS = {
    "status": "status",
    "assignee_id": "assignee",
    "wording": "wording",
    "start": "start",
    "end": "end",
    "text": "text",
    "kind": "kind",
    "speaker": "speaker",
    "dismissed_reason": "dismissal reason",
    "reopen_reason": "reopen reason",
    "needs_review": "needs review",
}
VERDICT_FIELDS = {
    "status": "verdict status",
    "rating_id": "rating",
    "rationale": "rationale",
    "confidence": "confidence",
    "is_current": "current verdict",
    "return_note": "return note",
    "correction_reason": "correction reason",
    "approved_by_id": "approved by",
}
EVIDENCE_FIELDS = {
    "source_id": "source",
    "stance": "stance",
    "quote": "quote",
    "note": "note",
}
# The reason whose event message ends with the text of one field (": needs a primary source").
DETAIL_FIELD = {
    VERDICT_RETURNED: "return_note",
    CLAIM_DISMISSED: "dismissed_reason",
    CLAIM_REOPENED: "reopen_reason",
}


# --- write side ------------------------------------------------------------------------


def stamp(obj: models.Model, *, actor, reason: str, when: datetime.datetime) -> models.Model:
    """Label `obj` so that the history row its next save()/delete() writes reads well."""
    obj._history_user = actor
    obj._change_reason = reason
    obj._history_date = when
    return obj


def record(
    obj: models.Model, *, actor, reason: str, when: datetime.datetime, created: bool = False
) -> None:
    """Write the history row of a change made with QuerySet.update(), which sends no signal."""
    stamp(obj, actor=actor, reason=reason, when=when)
    type(obj).history.bulk_history_create([obj], update=not created)


def ensure_baseline(obj: models.Model) -> None:
    """Rows created by bulk_create (extraction) have no history yet; record their original
    state first, so that the first change has a "before"."""
    ensure_baselines([obj])


def ensure_baselines(objs: list[models.Model]) -> None:
    if not objs:
        return
    model = type(objs[0])
    known = set(model.history.filter(id__in=[o.pk for o in objs]).values_list("id", flat=True))
    baselines = []
    for obj in objs:
        if obj.pk in known:
            continue
        if isinstance(obj, Claim):
            actor, reason = obj.article.ingested_by, CLAIM_EXTRACTED
        else:
            actor, reason = None, "Created"
        baseline = model(
            **{f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
        )
        baselines.append(stamp(baseline, actor=actor, reason=reason, when=obj.created_at))
    if baselines:
        model.history.bulk_history_create(baselines)


def versioned_update(
    obj: models.Model,
    *,
    expected_version: int | None,
    actor,
    reason: str,
    when: datetime.datetime,
    changes: dict[str, Any],
) -> models.Model:
    """Apply `changes` to `obj`'s row only if its version is still `expected_version`.

    Two concurrent saves cannot both win: the UPDATE's WHERE clause checks the version and
    bumps it in one statement, so the second finds no row and gets a ConflictError with the
    current values. `obj` is refreshed in place from the stored row and returned; its history
    row is recorded.
    """
    model = type(obj)
    if expected_version is None:
        expected_version = obj.version
    ensure_baseline(obj)
    values = dict(changes)
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = when
    updated = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if updated != 1:
        raise conflict(model, obj.pk, expected_version)
    obj.refresh_from_db()
    record(obj, actor=actor, reason=reason, when=when)
    return obj


def versioned_update_many(
    objs: list[models.Model],
    *,
    actor,
    reason: str,
    when: datetime.datetime,
    changes: dict[str, Any],
) -> list[models.Model]:
    """versioned_update() for many rows of one model in a fixed number of queries: one
    conditional UPDATE that names each row's version; if any row changed since it was read,
    the whole batch is refused (the caller's transaction rolls back)."""
    if not objs:
        return []
    model = type(objs[0])
    ensure_baselines(objs)
    condition = models.Q()
    for obj in objs:
        condition |= models.Q(pk=obj.pk, version=obj.version)
    values = dict(changes)
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = when
    updated = model._default_manager.filter(condition).update(version=F("version") + 1, **values)
    if updated != len(objs):
        stale = next(
            o
            for o in objs
            if not model._default_manager.filter(pk=o.pk, version=o.version + 1).exists()
        )
        raise conflict(model, stale.pk, stale.version)
    stored = list(model._default_manager.filter(pk__in=[o.pk for o in objs]).order_by("pk"))
    for obj in stored:
        stamp(obj, actor=actor, reason=reason, when=when)
    model.history.bulk_history_create(stored, update=True)
    return stored


def conflict(model: type[models.Model], pk: int, expected_version: int) -> ReviewError:
    current = model._default_manager.filter(pk=pk).first()
    noun = model._meta.verbose_name
    if current is None:
        return ReviewError(f"This {noun} no longer exists.", "not_found")
    last = current.history.order_by("-history_date", "-history_id").first()
    by = ""
    if last is not None and last.history_user is not None:
        by = f" by {last.history_user.get_username()}"
    return ConflictError(
        f"This {noun} was changed{by} after you opened it (your version {expected_version}, "
        f"now {current.version}). Nothing was saved: compare with the current values and "
        f"try again.",
        current=snapshot(current),
    )


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The fields of a claim or verdict a person compares when their save was refused."""
    if isinstance(obj, Claim):
        return {
            "id": obj.pk,
            "version": obj.version,
            "status": obj.status,
            "assignee": obj.assignee.get_username() if obj.assignee_id else None,
            "wording": obj.wording,
            "text": obj.text,
            "start": obj.start,
            "end": obj.end,
            "dismissed_reason": obj.dismissed_reason,
            "updated_at": obj.updated_at.isoformat() if obj.updated_at else None,
        }
    if isinstance(obj, Verdict):
        return {
            "id": obj.pk,
            "version": obj.version,
            "number": obj.number,
            "status": obj.status,
            "rating": obj.rating.label,
            "rating_id": obj.rating_id,
            "rationale": obj.rationale,
            "confidence": obj.confidence,
            "last_edited_by": obj.last_edited_by.get_username(),
            "updated_at": obj.updated_at.isoformat() if obj.updated_at else None,
        }
    return {"id": obj.pk, "version": getattr(obj, "version", None)}


# --- read side -------------------------------------------------------------------------


@dataclass
class TimelineEvent:
    when: datetime.datetime
    actor: Any  # a user, or None for the system
    message: str
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    kind: str = "claim"  # claim, verdict, evidence, comment

    @property
    def actor_name(self) -> str:
        return self.actor.get_username() if self.actor is not None else "system"

    @property
    def changes(self) -> list[tuple[str, Any, Any]]:
        """(label, before, after) for each field that changed, in a stable order."""
        keys = list(dict.fromkeys([*self.before, *self.after]))
        return [(k, self.before.get(k), self.after.get(k)) for k in keys]


@dataclass
class _Change:
    when: datetime.datetime
    user_id: int | None
    reason: str
    kind: str
    history_type: str
    before: dict[str, Any]
    after: dict[str, Any]
    detail: str = ""
    order: tuple = ()


class _Names:
    """Turns the ids and codes of history rows into what a reader recognises, in bulk."""

    def __init__(self, claim_rows: list, verdict_rows: list, evidence_rows: list):
        user_ids = {r.history_user_id for r in [*claim_rows, *verdict_rows, *evidence_rows]}
        user_ids |= {r.assignee_id for r in claim_rows} | {r.approved_by_id for r in verdict_rows}
        user_ids.discard(None)
        ratings = {r.rating_id for r in verdict_rows}
        sources = {r.source_id for r in evidence_rows}
        self.users = get_user_model().objects.in_bulk(user_ids) if user_ids else {}
        self.ratings = Rating.objects.in_bulk(ratings) if ratings else {}
        self.sources = Source.objects.in_bulk(sources) if sources else {}
        self.choices = {
            ("claim", "status"): dict(ClaimStatus.choices),
            ("verdict", "status"): dict(Verdict.Status.choices),
            ("evidence", "stance"): dict(Stance.choices),
        }

    def user(self, user_id: int | None):
        return self.users.get(user_id) if user_id else None

    def value(self, kind: str, attname: str, value: Any) -> Any:
        if value is None:
            return None
        if attname in ("assignee_id", "approved_by_id"):
            user = self.users.get(value)
            return user.get_username() if user else f"user {value}"
        if attname == "rating_id":
            rating = self.ratings.get(value)
            return rating.label if rating else value
        if attname == "source_id":
            source = self.sources.get(value)
            return (source.canonical_url or source.url or str(source)) if source else value
        return self.choices.get((kind, attname), {}).get(value, value)


def _diff(
    rows: Iterable,
    fields: dict[str, str],
    kind: str,
    names: _Names,
    label: Callable[[Any], str] | None = None,
) -> list[_Change]:
    """One _Change per history row, with the fields that differ from the object's previous
    row (rows of one object must come in order)."""
    changes: list[_Change] = []
    previous: dict[int, Any] = {}
    for row in rows:
        prior = previous.get(row.id)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        prefix = label(row) if label else ""
        for attname, name in fields.items():
            new = getattr(row, attname)
            key = prefix + name
            if row.history_type == "-":
                before[key] = names.value(kind, attname, new)
            elif prior is None:
                if new not in ("", None, [], {}):
                    after[key] = names.value(kind, attname, new)
            else:
                old = getattr(prior, attname)
                if old != new:
                    before[key] = names.value(kind, attname, old)
                    after[key] = names.value(kind, attname, new)
        detail_field = DETAIL_FIELD.get(row.history_change_reason or "")
        changes.append(
            _Change(
                when=row.history_date,
                user_id=row.history_user_id,
                reason=row.history_change_reason or "",
                kind=kind,
                history_type=row.history_type,
                before=before,
                after=after,
                detail=getattr(row, detail_field, "") if detail_field else "",
                order=(row.history_date, row.history_id),
            )
        )
        previous[row.id] = row
    return changes


def claim_timeline(claim: Claim) -> list[TimelineEvent]:
    """Every recorded change of the claim, its verdicts and its evidence, and its comments,
    oldest first. A fixed number of queries, whatever the length of the history."""
    order = ("history_date", "history_id")
    claim_rows = list(Claim.history.filter(id=claim.pk).order_by(*order))
    verdict_rows = list(Verdict.history.filter(claim_id=claim.pk).order_by(*order))
    evidence_rows = list(Evidence.history.filter(claim_id=claim.pk).order_by(*order))
    comments = list(Comment.objects.filter(claim_id=claim.pk).select_related("author"))
    names = _Names(claim_rows, verdict_rows, evidence_rows)

    # A correction's rows are labelled by verdict number once there is more than one.
    several = len({row.id for row in verdict_rows}) > 1
    changes = (
        _diff(claim_rows, CLAIM_FIELDS, "claim", names)
        + _diff(
            verdict_rows,
            VERDICT_FIELDS,
            "verdict",
            names,
            (lambda row: f"v{row.number} ") if several else None,
        )
        + _diff(evidence_rows, EVIDENCE_FIELDS, "evidence", names)
    )

    # One service call = one event: group rows that share time, actor and reason.
    groups: dict[tuple, list[_Change]] = {}
    for change in sorted(changes, key=lambda c: c.order):
        groups.setdefault((change.when, change.user_id, change.reason), []).append(change)

    events: list[TimelineEvent] = []
    if not claim_rows:
        events.append(TimelineEvent(when=claim.created_at, actor=None, message=CLAIM_EXTRACTED))
    for (when, user_id, reason), group in groups.items():
        actor = names.user(user_id)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for change in group:
            before.update(change.before)
            after.update(change.after)
        events.append(
            TimelineEvent(
                when=when,
                actor=actor,
                message=_message(reason, group, actor, after),
                before=before,
                after=after,
                kind=_kind(group),
            )
        )
    for comment in comments:
        events.append(
            TimelineEvent(
                when=comment.created_at,
                actor=comment.author,
                message=f"Comment by {comment.author.get_username()}",
                after={"comment": comment.body},
                kind="comment",
            )
        )
    events.sort(key=lambda e: e.when)
    return events


def _kind(group: list[_Change]) -> str:
    kinds = {c.kind for c in group}
    for kind in ("verdict", "evidence", "claim"):
        if kind in kinds:
            return kind
    return "claim"


def _message(reason: str, group: list[_Change], actor, after: dict[str, Any]) -> str:
    by = f" by {actor.get_username()}" if actor is not None else ""
    if reason == CLAIM_ASSIGNED:
        return f"Assigned to {after.get('assignee') or 'nobody'}{by}"
    if not reason:
        kind = _kind(group)
        verb = {"+": "created", "-": "deleted"}.get(group[0].history_type, "changed")
        return f"{kind.capitalize()} {verb}{by}"
    detail = next((c.detail for c in group if c.detail), "")
    return f"{reason}{by}" + (f": {detail}" if detail else "")
