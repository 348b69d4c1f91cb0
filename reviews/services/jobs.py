"""The visible state of background jobs, and the plumbing every job's work shares. Every
task claims its job with a conditional update, so a duplicate delivery finds it taken (or
finished) and does nothing.

A job left `running` by a worker that died (SIGKILL, lost machine) is taken over by the
redelivered message once its lease has passed: the lease is the hard time limit, since no
live worker can still be running a task after that.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from reviews.errors import ReviewError
from reviews.models import Article, Candidate, Claim, Job
from reviews.providers.base import ERROR_ANSWER, FAILED, UNREACHABLE, UNREADABLE
from reviews.services.fetching import FetchedDocument, document_fetch
from safefetch import FetchError, FetchFailed, FetchRefused, FetchUnavailable, Resolver

log = logging.getLogger(__name__)

MAX_ERROR = 2000

# What a job's failure says on the desk's pages, after the name of what failed ("Wikipedia
# could not be reached"). The reason's details (exception text, hosts, settings) go to the
# logs and to Job.last_error, which only the admin shows.
REFUSED = "refused"  # the safe fetcher would not fetch it (see safefetch)
FAILURE_WORDS = {
    UNREACHABLE: "could not be reached",
    ERROR_ANSWER: "answered with an error",
    UNREADABLE: "sent an answer the desk could not read",
    REFUSED: "is not one the desk may fetch",
    FAILED: "failed",
}


def failure_words(reason: str) -> str:
    return FAILURE_WORDS.get(reason, FAILURE_WORDS[FAILED])


def failure_result(*, subject: str, reason: str, **more: Any) -> dict[str, Any]:
    """A failed job's outcome as Job.result stores it for the desk's pages."""
    return {"failure": reason, "message": f"{subject} {failure_words(reason)}", **more}


def fetch_failure_reason(exc: FetchError) -> str:
    """The FAILURE_WORDS key of a safe fetcher's error."""
    if isinstance(exc, FetchRefused):
        return REFUSED
    if isinstance(exc, FetchUnavailable):
        return ERROR_ANSWER if exc.status else UNREACHABLE
    if isinstance(exc, FetchFailed) or exc.status:
        return ERROR_ANSWER
    return UNREADABLE  # the document came, but no text could be read from it


class TransientJobError(Exception):
    """The job's work failed in a way a later try may fix; the task retries with backoff."""


class JobBusy(Exception):
    """Another worker holds the job; try again when its lease ends."""

    def __init__(self, wait: float):
        super().__init__(f"job busy for {wait:.0f}s")
        self.wait = wait


# Jobs whose task runs under the long time limit (reviews.tasks.LONG_TASK_OPTIONS).
LONG_KINDS = frozenset({Job.Kind.INGEST_TEXT})


def _lease_seconds(kind: str = "") -> int:
    if kind in LONG_KINDS:
        return int(settings.CELERY_LONG_TASK_TIME_LIMIT) + 5
    return int(settings.CELERY_TASK_TIME_LIMIT) + 5


def _kind(job_id: int) -> str:
    return Job.objects.filter(pk=job_id).values_list("kind", flat=True).first() or ""


def job_create(
    *,
    kind: str,
    article: Article | None = None,
    claim: Claim | None = None,
    candidate: Candidate | None = None,
    params: dict[str, Any] | None = None,
    created_by: AbstractBaseUser | None = None,
    total: int = 0,
) -> Job:
    if kind not in Job.Kind.values:
        raise ReviewError(f"Unknown job kind {kind!r}.")
    with transaction.atomic():
        return Job.objects.create(
            kind=kind,
            article=article,
            claim=claim,
            candidate=candidate,
            params=params or {},
            created_by=created_by
            if created_by is not None and created_by.is_authenticated
            else None,
            progress_total=total,
        )


def job_claim(*, job_id: int, lease_seconds: int | None = None) -> Job | None:
    """Take a queued job (or one whose worker died) for this worker; None if another
    worker has it or it is finished."""
    now = timezone.now()
    lease = datetime.timedelta(seconds=lease_seconds or _lease_seconds(_kind(job_id)))
    with transaction.atomic():
        claimed = (
            Job.objects.filter(pk=job_id)
            .filter(
                Q(status=Job.Status.QUEUED)
                | Q(status=Job.Status.RUNNING, started_at__lt=now - lease)
            )
            .update(status=Job.Status.RUNNING, started_at=now, attempts=F("attempts") + 1)
        )
    if claimed != 1:
        return None
    return Job.objects.select_related("article", "claim", "candidate", "created_by").get(pk=job_id)


def job_claim_or_wait(*, job_id: int) -> Job | None:
    """The job, taken for this worker; None when finished; JobBusy when running elsewhere."""
    job = job_claim(job_id=job_id)
    if job is not None:
        return job
    wait = job_lease_remaining(job_id=job_id)
    if wait > 0:
        raise JobBusy(wait)
    return None


def job_release(*, job_id: int, error: str, result: dict[str, Any] | None = None) -> None:
    """Give a running job back to the queue for a retry (its work failed for now, or its
    task ran out of time), with the reason on show (`result`: in the desk's words)."""
    changes: dict[str, Any] = {"status": Job.Status.QUEUED, "last_error": error[:MAX_ERROR]}
    if result is not None:
        changes["result"] = result
    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(**changes)


def job_progress(
    *, job: Job, done: int | None = None, total: int | None = None, step: int = 0
) -> None:
    """Progress of a running job; `step` adds to what is done (safe under concurrency)."""
    changes: dict[str, Any] = {}
    if total is not None:
        changes["progress_total"] = total
    if done is not None:
        changes["progress_done"] = done
    elif step:
        changes["progress_done"] = F("progress_done") + step
    if changes:
        Job.objects.filter(pk=job.pk).update(**changes)


def job_finish(*, job: Job, result: dict[str, Any] | None = None, **links: Any) -> bool:
    """Mark a running job done. False if it was not running (someone else finished it)."""
    changes = {"status": Job.Status.DONE, "finished_at": timezone.now(), "last_error": ""}
    if result is not None:
        changes["result"] = result
    changes.update(links)
    with transaction.atomic():
        updated = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(**changes)
        if updated:
            Job.objects.filter(pk=job.pk, progress_total__gt=0).update(
                progress_done=F("progress_total")
            )
    return bool(updated)


def job_fail(*, job: Job, error: str, result: dict[str, Any] | None = None) -> bool:
    changes = {
        "status": Job.Status.FAILED,
        "finished_at": timezone.now(),
        "last_error": (error or "failed")[:MAX_ERROR],
    }
    if result is not None:
        changes["result"] = result
    updated = Job.objects.filter(pk=job.pk).exclude(status=Job.Status.DONE).update(**changes)
    return bool(updated)


def job_fail_or_retry(
    *, job: Job, error: str, transient: bool, result: dict[str, Any] | None = None
) -> None:
    """The outside world let a job down. A transient failure gives the job back and raises
    TransientJobError, so that its task retries with backoff; any other fails it for good.
    `result` (the outcome in the desk's words) stays on the job either way."""
    if transient:
        job_release(job_id=job.pk, error=error, result=result)
        raise TransientJobError(error) from None
    job_fail(job=job, error=error, result=result)


def job_fetch(
    *,
    job: Job,
    url: str,
    resolver: Resolver | None = None,
    on_failure: Callable[[str], object] | None = None,
) -> FetchedDocument | None:
    """Fetch and read a document for a running job. None when the fetch failed for good:
    `on_failure` has been told why and the job is failed. A transient failure raises
    TransientJobError (see job_fail_or_retry)."""
    try:
        return document_fetch(url=url, resolver=resolver)
    except FetchError as exc:
        log.warning("Job %s: fetching %s failed: %s", job.pk, url, exc.message)
        if not exc.transient and on_failure is not None:
            on_failure(exc.message)
        result = failure_result(subject="The page", reason=fetch_failure_reason(exc))
        job_fail_or_retry(job=job, error=exc.message, transient=exc.transient, result=result)
        return None


def job_give_up(*, job_id: int, error: str) -> None:
    """A task out of retries: the job is failed with the last reason."""
    job = Job.objects.filter(pk=job_id).first()
    if job is not None:
        job_fail(job=job, error=error)


def job_lease_remaining(*, job_id: int) -> float:
    """Seconds until a running job's lease ends (0 if it is not running)."""
    job = Job.objects.filter(pk=job_id).only("status", "started_at", "kind").first()
    if job is None or job.status != Job.Status.RUNNING or job.started_at is None:
        return 0.0
    ends = job.started_at + datetime.timedelta(seconds=_lease_seconds(job.kind))
    return max((ends - timezone.now()).total_seconds(), 0.0)
