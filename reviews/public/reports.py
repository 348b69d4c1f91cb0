"""The public report pages: the index of published reports, each version of a report, and its
downloads in every export format.

The report itself is HTML produced by `reviews.exports.html` (which escapes and sanitises
every value), embedded as is. The desk's preview (`reviews.web.reports`) shows it the same way.
"""

from __future__ import annotations

from csp.constants import NONCE
from csp.decorators import csp_replace, csp_update
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from reviews.errors import ReviewError
from reviews.exports import FORMATS, STANDALONE_REPORT_CSP, claimreview
from reviews.exports import html as html_export
from reviews.selectors import reports as reports_selectors
from reviews.services import reports as report_services


def report_context(snapshot) -> dict:
    # Both strings come from the exports, which escape every value they take from the
    # snapshot: Django must not escape them a second time.
    return {
        "snapshot": snapshot,
        "report_html": mark_safe(html_export.fragment(snapshot)),  # noqa: S308
        "report_css": mark_safe(  # noqa: S308
            html_export.stylesheet(snapshot) + html_export.BROWSER_PRINT_CSS
        ),
    }


def file_response(content: bytes, fmt: str, filename_stem: str) -> HttpResponse:
    spec = FORMATS[fmt]
    response = HttpResponse(content, content_type=spec.content_type)
    response["Content-Disposition"] = spec.content_disposition(filename_stem)
    return response


@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "reviews/public/report_index.html", {"reports": reports_selectors.reports_index()}
    )


@require_GET
@csp_update({"style-src": [NONCE]})
def report_public(request: HttpRequest, article_id: int, number: int | None = None) -> HttpResponse:
    versions = reports_selectors.reports_published(article=article_id)
    if not versions:
        raise Http404("No published report")
    try:
        report = reports_selectors.report_get(
            article_id=article_id, number=number or versions[0].number
        )
    except ReviewError as exc:
        raise Http404(exc.message) from None
    snapshot = report_services.report_snapshot(report)
    context = {
        **report_context(snapshot),
        "report": report,
        "versions": versions,
        "latest": versions[0],
        "formats": FORMATS.values(),
        "pending": reports_selectors.report_formats_pending(report=report),
        "jsonld": mark_safe(claimreview.script_tag(snapshot)),  # noqa: S308 - escaped JSON
    }
    return render(request, "reviews/public/report.html", context)


def _pending_response(request: HttpRequest, report, exc) -> HttpResponse:
    # 202: the version exists and its rendering is on the way; Retry-After tells a client
    # when to ask again, and nobody may cache this answer in place of the file.
    response = render(
        request,
        "reviews/public/report_pending.html",
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
        report = reports_selectors.report_get(article_id=article_id, number=number)
        rendering = reports_selectors.report_rendering(report=report, format=fmt)
    except reports_selectors.RenderingPending as exc:
        return _pending_response(request, report, exc)
    except ReviewError as exc:
        raise Http404(exc.message) from None
    response = file_response(bytes(rendering.content), fmt, f"factcheck-{article_id}-v{number}")
    # A published version never changes: caches may keep it.
    response["ETag"] = f'"{rendering.content_hash}"'
    response["Cache-Control"] = "public, max-age=86400, immutable"
    return response
