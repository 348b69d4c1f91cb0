"""Celery tasks: thin wrappers that take a job id, call one service and retry what is worth
retrying. The services claim the job with a conditional update, so a duplicate delivery or a
redelivery after a crash does no work twice.

Every task is acknowledged late and rejected (requeued) when its worker dies, so a task
killed half-way runs again on another worker; retries back off exponentially with jitter
and happen only for transient failures (timeouts, connection errors, 5xx), never for
refusals or 4xx answers.
"""

from __future__ import annotations

import random

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from reviews.services import sources
from reviews.services.jobs import job_release_by_id

MAX_RETRIES = 5
TASK_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": MAX_RETRIES,
}


def backoff(retries: int) -> float:
    """Exponential backoff with full jitter: 5 s, 10 s, 20 s ... capped at 10 minutes."""
    return random.uniform(0.5, 1.0) * min(600, 5 * 2**retries)


def run_job(task, service, job_id: int) -> None:
    try:
        service(job_id=job_id)
    except sources.JobBusy as exc:
        # Another worker holds the job (or held it and died): look again when its lease ends.
        if not task.request.is_eager:
            raise task.retry(countdown=exc.wait + random.uniform(0, 2)) from None
    except (sources.TransientJobError, SoftTimeLimitExceeded) as exc:
        message = str(exc) or "The task ran out of time."
        job_release_by_id(job_id=job_id, error=message)
        if task.request.is_eager or task.request.retries >= task.max_retries:
            sources.job_give_up(job_id=job_id, error=message)
            return
        raise task.retry(countdown=backoff(task.request.retries)) from None
    except Exception as exc:
        # A bug, not the outside world: no retry, but the job must not stay "running".
        sources.job_give_up(job_id=job_id, error=f"Internal error: {exc!r}")
        raise


@shared_task(name="reviews.find_candidates", **TASK_OPTIONS)
def find_candidates(self, job_id: int) -> None:
    run_job(self, sources.candidates_find_run, job_id)


@shared_task(name="reviews.fetch_candidate", **TASK_OPTIONS)
def fetch_candidate(self, job_id: int) -> None:
    run_job(self, sources.candidate_fetch_run, job_id)


@shared_task(name="reviews.fetch_reference", **TASK_OPTIONS)
def fetch_reference(self, job_id: int) -> None:
    run_job(self, sources.reference_fetch_run, job_id)


@shared_task(name="reviews.ingest_article_url", **TASK_OPTIONS)
def ingest_article_url(self, job_id: int) -> None:
    run_job(self, sources.article_ingest_url_run, job_id)


@shared_task(name="reviews.recheck_evidence", **TASK_OPTIONS)
def recheck_evidence(self, job_id: int) -> None:
    run_job(self, sources.evidence_recheck_run, job_id)


@shared_task(name="reviews.recheck_evidence_due", acks_late=True)
def recheck_evidence_due() -> None:
    """Celery beat, daily: queue the link-rot check of attached sources."""
    sources.evidence_recheck_due()


@shared_task(name="reviews.render_report_pdf", **TASK_OPTIONS)
def render_report_pdf(self, report_id: int) -> None:
    """Lay out a published report version's PDF after publishing has committed; a re-run
    finds it stored and does nothing."""
    from django.db import OperationalError

    from reviews.services.reports import report_pdf_render

    try:
        report_pdf_render(report_id=report_id)
    except OperationalError as exc:  # the database went away: worth another try
        if self.request.is_eager or self.request.retries >= self.max_retries:
            raise
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from None
