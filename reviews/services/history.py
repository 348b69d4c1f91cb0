"""The record of every change to claims, verdicts and evidence (django-simple-history rows).

`versioned_update()` changes one row with a conditional UPDATE on its version and records
exactly one history row for it; `stamp()` labels an instance before a `save()`/`delete()` so
that django-simple-history's signal records who, when and why. The labels are
`ChangeReason`s; reviews.selectors.timeline reads the rows back as the claim's timeline.
"""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.db.models import F

from reviews.errors import ConflictError, ReviewError
from reviews.models import Claim, Verdict
from reviews.selectors.timeline import ChangeReason

# The row's own model comes back from the versioned updates, so callers keep its type.
M = TypeVar("M", bound=models.Model)


def stamp(
    obj: models.Model, *, actor: AbstractBaseUser | None, reason: str, when: datetime.datetime
) -> models.Model:
    """Label `obj` so that the history row its next save()/delete() writes reads well."""
    obj._history_user = actor
    obj._change_reason = reason
    obj._history_date = when
    return obj


def record(
    obj: models.Model,
    *,
    actor: AbstractBaseUser | None,
    reason: str,
    when: datetime.datetime,
    created: bool = False,
) -> None:
    """Write the history row of a change made with QuerySet.update(), which sends no signal."""
    stamp(obj, actor=actor, reason=reason, when=when)
    type(obj).history.bulk_history_create([obj], update=not created)


def ensure_baselines(objs: list[models.Model]) -> None:
    """Rows created by bulk_create (extraction) have no history yet; record their original
    state first, so that the first change has a "before"."""
    if not objs:
        return
    model = type(objs[0])
    known = set(model.history.filter(id__in=[o.pk for o in objs]).values_list("id", flat=True))
    baselines = []
    for obj in objs:
        if obj.pk in known:
            continue
        if isinstance(obj, Claim):
            actor, reason = obj.article.ingested_by, ChangeReason.CLAIM_EXTRACTED
        else:
            actor, reason = None, "Created"
        baseline = model(
            **{f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
        )
        baselines.append(stamp(baseline, actor=actor, reason=reason, when=obj.created_at))
    if baselines:
        model.history.bulk_history_create(baselines)


def versioned_update(
    obj: M,
    *,
    expected_version: int | None,
    actor: AbstractBaseUser,
    reason: str,
    when: datetime.datetime,
    changes: dict[str, Any],
) -> M:
    """Apply `changes` to `obj`'s row only if its version is still `expected_version`.

    Two concurrent saves cannot both win: the UPDATE's WHERE clause checks the version and
    bumps it in one statement, so the second finds no row and gets a ConflictError with the
    current values. `obj` is refreshed in place from the stored row and returned; its history
    row is recorded.
    """
    model = type(obj)
    if expected_version is None:
        expected_version = obj.version
    ensure_baselines([obj])
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
    objs: list[M],
    *,
    actor: AbstractBaseUser,
    reason: str,
    when: datetime.datetime,
    changes: dict[str, Any],
) -> list[M]:
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
    """The error for a save based on `expected_version` of a row that has moved on (or gone)."""
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
