"""A claim's timeline: its history rows, its verdicts' and its evidence's, and its comments,
as readable events ("Verdict submitted by rita", "Returned by erin: needs a primary source").

The rows are written by reviews.services.history, labelled with a `ChangeReason`. One
service call writes one row per object it changes, all with the same actor, time and reason;
they are shown as one event, so every change appears exactly once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from reviews.models import Claim, ClaimStatus, Comment, Evidence, Rating, Source, Stance, Verdict


class ChangeReason(StrEnum):
    """What a history row records. The services label their changes with these; the
    timeline and the dashboard show them."""

    CLAIM_EXTRACTED = "Extracted from the article"
    CLAIM_TAKEN = "Claim taken"
    CLAIM_ASSIGNED = "Assigned"
    CLAIM_UNASSIGNED = "Unassigned"
    CLAIM_WORDING = "Wording edited"
    CLAIM_SPEAKER = "Speaker corrected"
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


# Field name -> the label a reader sees in before/after, in the order they are shown.
CLAIM_FIELDS = {
    "status": "status",
    "assignee": "assignee",
    "wording": "wording",
    "start": "start",
    "end": "end",
    "text": "text",
    "kind": "kind",
    "speaker": "speaker",
    "speaker_role": "speaker's role",
    "dismissed_reason": "dismissal reason",
    "reopen_reason": "reopen reason",
    "needs_review": "needs review",
}
VERDICT_FIELDS = {
    "status": "verdict status",
    "rating": "rating",
    "rationale": "rationale",
    "confidence": "confidence",
    "is_current": "current verdict",
    "return_note": "return note",
    "correction_reason": "correction reason",
    "correction_note": "public correction note",
    "approved_by": "approved by",
}
EVIDENCE_FIELDS = {
    "source": "source",
    "stance": "stance",
    "quote": "quote",
    "note": "note",
}
# The reason whose event message ends with the text of one field (": needs a primary source").
DETAIL_FIELD = {
    ChangeReason.VERDICT_RETURNED: "return_note",
    ChangeReason.CLAIM_DISMISSED: "dismissed_reason",
    ChangeReason.CLAIM_REOPENED: "reopen_reason",
}
USER_FIELDS = ("assignee", "approved_by")


@dataclass
class TimelineEvent:
    when: datetime.datetime
    actor: AbstractBaseUser | None  # None for the system
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

    def user(self, user_id: int | None) -> AbstractBaseUser | None:
        return self.users.get(user_id) if user_id else None

    def value(self, kind: str, name: str, value: Any) -> Any:
        if value is None:
            return None
        if name in USER_FIELDS:
            user = self.users.get(value)
            return user.get_username() if user else f"user {value}"
        if name == "rating":
            rating = self.ratings.get(value)
            return rating.label if rating else value
        if name == "source":
            source = self.sources.get(value)
            return (source.canonical_url or source.url or str(source)) if source else value
        return self.choices.get((kind, name), {}).get(value, value)


def _stored(row: Any, name: str) -> Any:
    """A field of a history row as stored: the id, for a foreign key (as diff_against gives)."""
    return row._meta.get_field(name).value_from_object(row)


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
        if row.history_type == "-":
            for name, shown in fields.items():
                before[prefix + shown] = names.value(kind, name, _stored(row, name))
        elif prior is None:
            for name, shown in fields.items():
                new = _stored(row, name)
                if new not in ("", None, [], {}):
                    after[prefix + shown] = names.value(kind, name, new)
        else:
            delta = {c.field: c for c in row.diff_against(prior, included_fields=fields).changes}
            for name, shown in fields.items():  # in the order a reader expects, not by name
                if name in delta:
                    before[prefix + shown] = names.value(kind, name, delta[name].old)
                    after[prefix + shown] = names.value(kind, name, delta[name].new)
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
        events.append(
            TimelineEvent(
                when=claim.created_at, actor=None, message=ChangeReason.CLAIM_EXTRACTED.value
            )
        )
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


def _message(
    reason: str, group: list[_Change], actor: AbstractBaseUser | None, after: dict[str, Any]
) -> str:
    by = f" by {actor.get_username()}" if actor is not None else ""
    if reason == ChangeReason.CLAIM_ASSIGNED:
        return f"Assigned to {after.get('assignee') or 'nobody'}{by}"
    if not reason:
        kind = _kind(group)
        verb = {"+": "created", "-": "deleted"}.get(group[0].history_type, "changed")
        return f"{kind.capitalize()} {verb}{by}"
    detail = next((c.detail for c in group if c.detail), "")
    return f"{reason}{by}" + (f": {detail}" if detail else "")
