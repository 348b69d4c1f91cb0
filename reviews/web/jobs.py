"""A job's page: its state, progress and outcome, polled while the job is queued or running."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reviews.models import Article, Job
from reviews.selectors.jobs import ACTIVE, job_line
from reviews.web.access import desk_required, get_job_for_user
from reviews.web.htmx import HtmxHttpRequest

# How often a page asks again while a job it shows is queued or running.
POLL_SECONDS = 2


@require_GET
@desk_required
def job_detail(request: HtmxHttpRequest, job_id: int) -> HttpResponse:
    job = get_job_for_user(request.user, job_id)
    article = None
    if job.kind == Job.Kind.INGEST_URL and job.result.get("article_id"):
        article = Article.objects.filter(pk=job.result["article_id"]).first()
    elif job.kind == Job.Kind.INGEST_TEXT:
        article = job.article
    context = {
        "job": job,
        "line": job_line(job),
        "article": article,
        "active": job.status in ACTIVE,
        "poll_seconds": POLL_SECONDS,
    }
    if request.htmx:
        return render(request, "reviews/web/_job.html", context)
    return render(request, "reviews/web/job_detail.html", context)
