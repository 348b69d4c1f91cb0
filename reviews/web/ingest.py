"""Adding an article: pasted text or an uploaded file (its claims are extracted straight away),
or a URL that a job fetches."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from reviews.errors import ReviewError
from reviews.selectors import jobs as jobs_selectors
from reviews.services import articles as article_services
from reviews.web.access import desk_required
from reviews.web.errors import error_status, form_error
from reviews.web.ingest_forms import IngestForm, IngestUrlForm


@desk_required
def ingest(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "reviews/web/ingest.html", {"form": IngestForm()})
    form = IngestForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        try:
            if upload:
                article = article_services.article_ingest_upload(
                    name=upload.name,
                    data=upload.read(),
                    title=data["title"].strip(),
                    actor=request.user,
                    **form.article_fields(),
                )
            else:
                article = article_services.article_ingest(
                    title=data["title"],
                    body=data["body"],
                    actor=request.user,
                    **form.article_fields(),
                )
        except ReviewError as exc:
            form_error(form, exc)
            status = error_status(exc)
        else:
            job = jobs_selectors.article_extraction_job(article)
            if job is not None:
                messages.success(
                    request,
                    f"Stored “{article.title}”; its claims are being extracted in the background.",
                )
                return redirect("reviews:job_detail", job.pk)
            messages.success(
                request, f"Ingested “{article.title}”: {article.claims.count()} claims."
            )
            return redirect("reviews:article_detail", article_id=article.pk)
    return render(request, "reviews/web/ingest.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@desk_required
def ingest_url(request: HttpRequest) -> HttpResponse:
    form = IngestUrlForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = article_services.article_ingest_from_url(actor=request.user, **form.cleaned_data)
        except ReviewError as exc:
            form.add_error("url" if "url" in exc.fields else None, exc.message)
        else:
            return redirect("reviews:job_detail", job.pk)
    status = 400 if form.errors else 200
    return render(request, "reviews/web/ingest_url.html", {"form": form}, status=status)
