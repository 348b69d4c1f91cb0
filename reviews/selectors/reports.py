"""Published fact-check reports: their versions and their stored renderings."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from reviews.errors import ReviewError
from reviews.models import Article, Report, ReportRendering

# Formats rendered after publishing has committed, by a background task.
DEFERRED_FORMATS = ("pdf",)
# How long a client is asked to wait before asking again for a rendering being prepared.
PENDING_RETRY_AFTER = 30


class RenderingPending(ReviewError):
    """A published version's rendering is still being prepared by the background task."""

    def __init__(self, report: Report, format: str):
        super().__init__(
            f"The {format.upper()} of version {report.number} is being prepared; "
            f"try again in {PENDING_RETRY_AFTER} seconds.",
            "conflict",
        )
        self.format = format
        self.retry_after = PENDING_RETRY_AFTER


def report_latest_published(*, article: Article | int) -> Report | None:
    article_id = article if isinstance(article, int) else article.pk
    return (
        Report.objects.filter(article_id=article_id)
        .select_related("article", "published_by")
        .order_by("-number")
        .first()
    )


def report_get(*, article_id: int, number: int) -> Report:
    report = (
        Report.objects.filter(article_id=article_id, number=number)
        .select_related("article", "published_by")
        .first()
    )
    if report is None:
        raise ReviewError("There is no such report version.", "not_found")
    return report


def reports_index(*, limit: int = 200) -> list[Report]:
    """The latest published version of each article's report, most recent first."""
    latest = (
        Report.objects.filter(article=OuterRef("article")).order_by("-number").values("number")[:1]
    )
    return list(
        Report.objects.filter(number=Subquery(latest))
        .select_related("article")
        .defer("snapshot")
        .order_by("-published_at")[:limit]
    )


def reports_published(*, article: Article | int) -> list[Report]:
    """Every published version of an article's report, newest first (no snapshot bodies)."""
    article_id = article if isinstance(article, int) else article.pk
    return list(
        Report.objects.filter(article_id=article_id)
        .select_related("published_by")
        .defer("snapshot")
        .order_by("-number")
    )


def report_rendering(*, report: Report, format: str) -> ReportRendering:
    rendering = ReportRendering.objects.filter(report=report, format=format).first()
    if rendering is None:
        if format in DEFERRED_FORMATS:
            raise RenderingPending(report, format)
        raise ReviewError(f"Version {report.number} has no {format} rendering.", "not_found")
    return rendering


def report_formats_pending(*, report: Report) -> set[str]:
    """The deferred formats of a version that are not stored yet."""
    stored = ReportRendering.objects.filter(report=report, format__in=DEFERRED_FORMATS)
    return set(DEFERRED_FORMATS) - set(stored.values_list("format", flat=True))
