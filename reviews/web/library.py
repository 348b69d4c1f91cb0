"""The desk's reference library and its sources: adding a document (an upload, or a URL a job
fetches), a source's page with the claims it is evidence for, and its archived copy."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from reviews.errors import ReviewError
from reviews.models import Job, Source
from reviews.services import library as library_services
from reviews.web.access import desk_required, get_source_for_user
from reviews.web.forms import ReferenceForm


@require_http_methods(["GET", "POST"])
@desk_required
def references(request: HttpRequest) -> HttpResponse:
    form = ReferenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = library_services.reference_document_add(
                actor=request.user,
                url=form.cleaned_data["url"],
                name=upload.name if upload else "",
                data=upload.read() if upload else None,
                title=form.cleaned_data["title"],
            )
        except ReviewError as exc:
            form.add_error(None, exc.message)
        else:
            if isinstance(result, Job):
                return redirect("reviews:job_detail", result.pk)
            messages.success(request, f"“{result.title}” is in the reference library.")
            return redirect("reviews:references")
    library = Source.objects.filter(is_reference=True).order_by("-created_at")[:200]
    status = 400 if form.errors else 200
    return render(
        request,
        "reviews/web/references.html",
        {"form": form, "library": library},
        status=status,
    )


@require_GET
@desk_required
def source_detail(request: HttpRequest, source_id: int) -> HttpResponse:
    source = get_source_for_user(request.user, source_id)
    evidence = source.evidence.select_related("claim", "claim__article", "added_by")
    return render(
        request, "reviews/web/source_detail.html", {"source": source, "evidence": evidence}
    )


@require_GET
@desk_required
def source_snapshot(request: HttpRequest, source_id: int) -> HttpResponse:
    """The archived copy, as plain text: never rendered as the page it was (its scripts and
    styles are someone else's)."""
    source = get_source_for_user(request.user, source_id)
    if not source.snapshot:
        raise Http404("No snapshot")
    with source.snapshot.open("rb") as handle:
        body = handle.read()
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="snapshot-{source.pk}.txt"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
