"""Link rot: is the page behind each attached source still there? Celery beat queues one
sweep a day; a vanished page is marked gone and its archived snapshot stays the record."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from claimextract.webpage import content_hash
from reviews.models import Job, Source
from reviews.selectors.jobs import ACTIVE
from reviews.services.fetching import fetch_policy
from reviews.services.jobs import (
    job_claim_or_wait,
    job_create,
    job_finish,
    job_progress,
)
from reviews.tasks import recheck_evidence as recheck_evidence_task
from safefetch import FetchError, Resolver, fetch


def evidence_recheck(*, source: Source, resolver: Resolver | None = None) -> Source:
    """Is an attached source still there? 404/410 marks it gone (its snapshot stays the
    record); a changed page is noted; a timeout changes nothing but the note."""
    now = timezone.now()
    status: str = Source.FetchStatus.FETCHED
    error = ""
    try:
        result = fetch(source.url, policy=fetch_policy(), resolver=resolver)
    except FetchError as exc:
        if exc.status in (404, 410):
            status, error = Source.FetchStatus.GONE, exc.message
        elif exc.transient:
            status, error = source.fetch_status, f"Re-check failed: {exc.message}"
        else:
            status, error = Source.FetchStatus.FAILED, exc.message
    else:
        if source.content_hash and content_hash(result.body) != source.content_hash:
            error = f"The page has changed since it was archived ({now:%Y-%m-%d})."
    Source.objects.filter(pk=source.pk).update(
        fetch_status=status, fetch_error=error, last_checked_at=now
    )
    source.refresh_from_db()
    return source


def evidence_recheck_due(*, actor: AbstractBaseUser | None = None) -> Job | None:
    """Queue one job that re-checks every attached source not checked recently."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.EVIDENCE_RECHECK_DAYS)
    with transaction.atomic():
        if Job.objects.filter(kind=Job.Kind.RECHECK_EVIDENCE, status__in=ACTIVE).exists():
            return None
        job = job_create(
            kind=Job.Kind.RECHECK_EVIDENCE,
            created_by=actor,
            total=_sources_due_for_recheck(cutoff).count(),
            params={"cutoff": cutoff.isoformat()},
        )
        recheck_evidence_task.delay_on_commit(job.pk)
    return job


def _sources_due_for_recheck(cutoff: datetime.datetime) -> QuerySet[Source]:
    return (
        Source.objects.filter(evidence__isnull=False)
        .exclude(url="")
        # The desk's own pages (an earlier verdict accepted as evidence) cannot rot away.
        .exclude(url__startswith=settings.FACTCHECK["DESK_URL"].rstrip("/") + "/")
        .filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=cutoff))
        .distinct()
        .order_by("pk")
    )


def evidence_recheck_run(*, job_id: int, resolver: Resolver | None = None) -> Job | None:
    """Re-check every source due (the task's work), counting those that are gone."""
    job = job_claim_or_wait(job_id=job_id)
    if job is None:
        return None
    cutoff = datetime.datetime.fromisoformat(job.params["cutoff"])
    counts = {"checked": 0, "gone": 0}
    # Sources checked by an earlier, interrupted attempt are past the cutoff now: skipped.
    for source in _sources_due_for_recheck(cutoff).iterator():
        checked = evidence_recheck(source=source, resolver=resolver)
        counts["checked"] += 1
        counts["gone"] += checked.fetch_status == Source.FetchStatus.GONE
        job_progress(job=job, step=1)
    job_finish(job=job, result=counts)
    return job
