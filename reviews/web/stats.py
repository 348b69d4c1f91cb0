"""The desk's statistics page: every chart drawn on the server as SVG, each with a table of
the same figures beside it."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from reviews.exports import charts
from reviews.models import ClaimStatus
from reviews.selectors import stats as stats_selectors
from reviews.web.access import desk_required

# The claim statuses' colours, as the desk's badges show them.
STATUS_COLOURS: dict[str, str] = {
    ClaimStatus.UNREVIEWED: "#d4a72c",
    ClaimStatus.IN_PROGRESS: "#8250df",
    ClaimStatus.SUBMITTED: "#0969da",
    ClaimStatus.APPROVED: "#1a7f37",
    ClaimStatus.RETURNED: "#cf222e",
    ClaimStatus.DISMISSED: "#8c959f",
    ClaimStatus.REOPENED: "#8250df",
}
RETURN_COLOUR = "#cf222e"


@dataclass(frozen=True)
class Charts:
    ratings: SafeString
    statuses: SafeString
    waits: SafeString
    load: SafeString
    returns: SafeString


@require_GET
@desk_required
def desk_statistics(request: HttpRequest) -> HttpResponse:
    period = stats_selectors.Period.parse(request.GET.get("period"))
    stats = stats_selectors.desk_stats(period)
    return render(
        request,
        "reviews/web/stats.html",
        {
            "stats": stats,
            "charts": draw(stats),
            "periods": list(stats_selectors.Period),
            "median": charts.format_duration(stats.time_to_approval.median_seconds),
            "p90": charts.format_duration(stats.time_to_approval.p90_seconds),
        },
    )


def draw(stats: stats_selectors.DeskStats) -> Charts:
    # The chart functions escape every label and value; their SVG is safe to embed.
    approved = stats.approved_total
    ratings = [
        charts.Bar(
            r.label, r.count, colour=r.colour, note=_share(r.count, approved) if r.count else ""
        )
        for r in stats.ratings
    ]
    statuses = [
        charts.Bar(s.label, s.count, colour=STATUS_COLOURS.get(s.status, charts.DEFAULT_COLOUR))
        for s in stats.statuses
    ]
    load = [
        charts.Bar(r.username, r.open, note=f"of {r.assigned} assigned") for r in stats.reviewers
    ]
    returns = [
        charts.Bar(
            r.username,
            round(100 * r.return_rate, 1),
            colour=RETURN_COLOUR,
            note=f"{r.returned} of {r.submitted}",
        )
        for r in stats.reviewers
        if r.return_rate is not None
    ]
    return Charts(
        # A section heading names each chart on the page; the two of reviewer load share one.
        ratings=_safe(
            charts.bar_chart(ratings, title="Approved verdicts by rating", show_title=False)
        ),
        statuses=_safe(charts.bar_chart(statuses, title="Claims by status", show_title=False)),
        waits=_safe(
            charts.histogram(
                [(b.label, b.count) for b in stats.time_to_approval.buckets]
                if stats.time_to_approval.count
                else [],
                title="Time from ingest to approval",
                show_title=False,
            )
        ),
        load=_safe(charts.bar_chart(load, title="Open claims per reviewer")),
        returns=_safe(charts.bar_chart(returns, title="Return rate per reviewer", unit="%")),
    )


def _safe(svg: str) -> SafeString:
    return mark_safe(svg)  # noqa: S308 - built by reviews.exports.charts, which escapes


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else ""
