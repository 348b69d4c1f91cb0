"""The desk's report preview: the report as it stands (a draft), its exports, and publishing
it as a new version."""

from __future__ import annotations

from csp.constants import NONCE
from csp.decorators import csp_replace, csp_update
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from reviews import permissions
from reviews.errors import ReviewError
from reviews.exports import FORMATS, STANDALONE_REPORT_CSP
from reviews.public.reports import file_response, report_context
from reviews.selectors import reports as reports_selectors
from reviews.services import reports as report_services
from reviews.web.access import desk_required, get_article_for_user


@require_GET
@desk_required
@csp_update({"style-src": [NONCE]})
def report_preview(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    snapshot = report_services.report_snapshot_build(article, draft=True)
    context = {
        **report_context(snapshot),
        "article": article,
        "formats": FORMATS.values(),
        "versions": reports_selectors.reports_published(article=article),
        "can_publish": permissions.can_publish(request.user, article),
    }
    return render(request, "reviews/web/report_preview.html", context)


@require_GET
@desk_required
@csp_replace(STANDALONE_REPORT_CSP)
def report_draft_export(request: HttpRequest, article_id: int, fmt: str) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    if fmt not in FORMATS:
        raise Http404("No such format")
    snapshot = report_services.report_snapshot_build(article, draft=True)
    content, _ = report_services.report_render(snapshot, fmt)
    return file_response(content, fmt, f"factcheck-{article.pk}-draft")


@require_POST
@desk_required
def report_publish(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    try:
        report = report_services.report_publish(article=article, actor=request.user)
    except ReviewError as exc:
        messages.error(request, exc.message)
        return redirect("reviews:report_preview", article_id=article.pk)
    messages.success(request, f"Version {report.number} of the report is published.")
    return redirect("reviews:report_version", article_id=article.pk, number=report.number)
