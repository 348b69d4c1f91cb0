"""Celery tasks: thin wrappers that take a job id, call one service and retry what is worth
retrying. The services claim the job with a conditional update, so a duplicate delivery or a
redelivery after a crash does no work twice.

Every task is acknowledged late and rejected (requeued) when its worker dies, so a task
killed half-way runs again on another worker; retries back off exponentially with jitter
and happen only for transient failures (timeouts, connection errors, 5xx), never for
refusals or 4xx answers.

Tasks are an interface: each body imports its service inside the function, and this module
imports no service at its top, because the services import the task objects to queue them
(`find_candidates_task.delay_on_commit(job.pk)`).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from typing import Any

from celery import Task, shared_task
from celery.contrib.django.task import DjangoTask
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError, transaction

MAX_RETRIES = 5


class DeskTask(DjangoTask):
    """The desk's tasks: sent once the transaction that asked for them has committed."""

    def delay_on_commit(self, *args: Any, **kwargs: Any) -> None:
        self._send_on_commit(partial(self.delay, *args, **kwargs), "delay")

    def apply_async_on_commit(self, *args: Any, **kwargs: Any) -> None:
        self._send_on_commit(partial(self.apply_async, *args, **kwargs), "apply_async")

    def _send_on_commit(self, send: partial[Any], how: str) -> None:
        # Django names a robust callback that failed by its __qualname__, which a partial
        # lacks: without one, logging the failure would raise instead.
        send.__qualname__ = f"{self.name}.{how}"  # type: ignore[attr-defined]
        # robust: a broker hiccup (or an eager task's crash) must not undo the request that
        # asked for the work. A job stays queued and visible; a published report's PDF stays
        # "being prepared", and `export_report` can still render it.
        transaction.on_commit(send, robust=True)


TASK_OPTIONS: dict[str, Any] = {
    "base": DeskTask,
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": MAX_RETRIES,
}


# Extracting a long article's claims: minutes of model work, and a timeout is no
# outside hiccup worth retrying at once (the job's lease follows the same limit).
LONG_TASK_OPTIONS: dict[str, Any] = {
    **TASK_OPTIONS,
    "soft_time_limit": settings.CELERY_LONG_TASK_TIME_LIMIT - 60,
    "time_limit": settings.CELERY_LONG_TASK_TIME_LIMIT,
    "max_retries": 1,
}


def _backoff(retries: int) -> float:
    """Exponential backoff with full jitter: 5 s, 10 s, 20 s ... capped at 10 minutes."""
    return random.uniform(0.5, 1.0) * min(600, 5 * 2**retries)


def _run_job(task: Task, service: Callable[..., object], job_id: int) -> None:
    from reviews.services.jobs import JobBusy, TransientJobError, job_give_up, job_release

    try:
        service(job_id=job_id)
    except JobBusy as exc:
        # Another worker holds the job (or held it and died): look again when its lease ends.
        if not task.request.is_eager:
            raise task.retry(countdown=exc.wait + random.uniform(0, 2)) from None
    except (TransientJobError, SoftTimeLimitExceeded) as exc:
        message = str(exc) or "The task ran out of time."
        job_release(job_id=job_id, error=message)
        if task.request.is_eager or task.request.retries >= task.max_retries:
            job_give_up(job_id=job_id, error=message)
            return
        raise task.retry(countdown=_backoff(task.request.retries)) from None
    except Exception as exc:
        # A bug, not the outside world: no retry, but the job must not stay "running".
        job_give_up(job_id=job_id, error=f"Internal error: {exc!r}")
        raise


@shared_task(name="reviews.find_candidates", **TASK_OPTIONS)
def find_candidates(self: Task, job_id: int) -> None:
    from reviews.services.candidates import candidates_find_run

    _run_job(self, candidates_find_run, job_id)


@shared_task(name="reviews.fetch_candidate", **TASK_OPTIONS)
def fetch_candidate(self: Task, job_id: int) -> None:
    from reviews.services.candidates import candidate_fetch_run

    _run_job(self, candidate_fetch_run, job_id)


@shared_task(name="reviews.fetch_reference", **TASK_OPTIONS)
def fetch_reference(self: Task, job_id: int) -> None:
    from reviews.services.library import reference_fetch_run

    _run_job(self, reference_fetch_run, job_id)


@shared_task(name="reviews.ingest_article_url", **TASK_OPTIONS)
def ingest_article_url(self: Task, job_id: int) -> None:
    from reviews.services.articles import article_ingest_from_url_run

    _run_job(self, article_ingest_from_url_run, job_id)


@shared_task(name="reviews.extract_article_claims", **LONG_TASK_OPTIONS)
def extract_article_claims(self: Task, job_id: int) -> None:
    from reviews.services.articles import article_claims_extract_run

    _run_job(self, article_claims_extract_run, job_id)


@shared_task(name="reviews.recheck_evidence", **TASK_OPTIONS)
def recheck_evidence(self: Task, job_id: int) -> None:
    from reviews.services.linkrot import evidence_recheck_run

    _run_job(self, evidence_recheck_run, job_id)


@shared_task(name="reviews.match_factchecks", **TASK_OPTIONS)
def match_factchecks(self: Task, job_id: int) -> None:
    from reviews.services.matches import claim_matches_run

    _run_job(self, claim_matches_run, job_id)


@shared_task(name="reviews.recheck_evidence_due", base=DeskTask, acks_late=True)
def recheck_evidence_due() -> None:
    """Celery beat, daily: queue the link-rot check of attached sources."""
    from reviews.services.linkrot import evidence_recheck_due

    evidence_recheck_due()


@shared_task(name="reviews.render_report_pdf", **TASK_OPTIONS)
def render_report_pdf(self: Task, report_id: int) -> None:
    """Lay out a published report version's PDF after publishing has committed; a re-run
    finds it stored and does nothing."""
    from reviews.services.reports import report_pdf_render

    try:
        report_pdf_render(report_id=report_id)
    except OperationalError as exc:  # the database went away: worth another try
        if self.request.is_eager or self.request.retries >= self.max_retries:
            raise
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from None
