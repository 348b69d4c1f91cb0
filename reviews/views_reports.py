"""Report pages: the desk's preview and publishing, and the public report pages.

Interfaces only: parse, check access, call a service, render. The report itself is HTML
produced by `reviews.exports.html` (which escapes and sanitises every value), embedded as is.
"""

from __future__ import annotations

from csp.constants import NONCE
from csp.decorators import csp_replace, csp_update
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from reviews import permissions
from reviews.access import desk_required, get_article_for_user
from reviews.errors import ReviewError
from reviews.exports import FORMATS, STANDALONE_REPORT_CSP, claimreview
from reviews.exports import html as html_export
from reviews.services import reports as report_services


def _report_context(snapshot) -> dict:
    # Both strings come from the exports, which escape every value they take from the
    # snapshot: Django must not escape them a second time.
    return {
        "snapshot": snapshot,
        "report_html": mark_safe(html_export.fragment(snapshot)),  # noqa: S308
        "report_css": mark_safe(  # noqa: S308
            html_export.stylesheet(snapshot) + html_export.BROWSER_PRINT_CSS
        ),
    }


def _file_response(content: bytes, fmt: str, filename_stem: str) -> HttpResponse:
    spec = FORMATS[fmt]
    response = HttpResponse(content, content_type=spec.content_type)
    response["Content-Disposition"] = spec.content_disposition(filename_stem)
    return response


# --- the desk ------------------------------------------------------------------------------


@require_GET
@desk_required
@csp_update({"style-src": [NONCE]})
def report_preview(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    snapshot = report_services.report_snapshot_build(article, draft=True)
    context = {
        **_report_context(snapshot),
        "article": article,
        "formats": FORMATS.values(),
        "versions": report_services.reports_published(article=article),
        "can_publish": permissions.can_publish(request.user, article),
    }
    return render(request, "reviews/reports/preview.html", context)


@require_GET
@desk_required
@csp_replace(STANDALONE_REPORT_CSP)
def report_draft_export(request: HttpRequest, article_id: int, fmt: str) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    if fmt not in FORMATS:
        raise Http404("No such format")
    snapshot = report_services.report_snapshot_build(article, draft=True)
    content, _ = report_services.report_render(snapshot, fmt)
    return _file_response(content, fmt, f"factcheck-{article.pk}-draft")


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


# --- public ------------------------------------------------------------------------------


@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "reviews/reports/index.html", {"reports": report_services.reports_index()}
    )


@require_GET
@csp_update({"style-src": [NONCE]})
def report_public(request: HttpRequest, article_id: int, number: int | None = None) -> HttpResponse:
    versions = report_services.reports_published(article=article_id)
    if not versions:
        raise Http404("No published report")
    try:
        report = report_services.report_get(
            article_id=article_id, number=number or versions[0].number
        )
    except ReviewError as exc:
        raise Http404(exc.message) from None
    snapshot = report_services.report_snapshot(report)
    context = {
        **_report_context(snapshot),
        "report": report,
        "versions": versions,
        "latest": versions[0],
        "formats": FORMATS.values(),
        "pending": report_services.report_formats_pending(report=report),
        "jsonld": mark_safe(claimreview.script_tag(snapshot)),  # noqa: S308 - escaped JSON
    }
    return render(request, "reviews/reports/public.html", context)


def _pending_response(request: HttpRequest, report, exc) -> HttpResponse:
    # 202: the version exists and its rendering is on the way; Retry-After tells a client
    # when to ask again, and nobody may cache this answer in place of the file.
    response = render(
        request,
        "reviews/reports/pending.html",
        {"report": report, "format": FORMATS[exc.format], "retry_after": exc.retry_after},
        status=202,
    )
    response["Retry-After"] = str(exc.retry_after)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@csp_replace(STANDALONE_REPORT_CSP)
def report_download(request: HttpRequest, article_id: int, number: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("No such format")
    try:
        report = report_services.report_get(article_id=article_id, number=number)
        rendering = report_services.report_rendering(report=report, format=fmt)
    except report_services.RenderingPending as exc:
        return _pending_response(request, report, exc)
    except ReviewError as exc:
        raise Http404(exc.message) from None
    response = _file_response(bytes(rendering.content), fmt, f"factcheck-{article_id}-v{number}")
    # A published version never changes: caches may keep it.
    response["ETag"] = f'"{rendering.content_hash}"'
    response["Cache-Control"] = "public, max-age=86400, immutable"
    return response
