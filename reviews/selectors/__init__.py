"""Every non-trivial read, shared by the HTML desk and the API; one module per area.

The names below are the package's public reads, importable as `selectors.<name>`.
"""

from reviews.selectors.desk import (
    Activity,
    ClaimFilters,
    SearchQuery,
    approval_queue,
    approval_queue_count,
    articles_for_desk,
    articles_in_progress,
    claim_for_panel,
    claim_next,
    claims_for_review_page,
    claims_ranked,
    my_queue,
    recent_activity,
    scale_ratings,
    search_articles,
    search_claims,
    unread_notifications,
)
from reviews.selectors.reports import (
    RenderingPending,
    report_formats_pending,
    report_get,
    report_latest_published,
    report_rendering,
    reports_index,
    reports_published,
)
from reviews.selectors.timeline import ChangeReason, TimelineEvent, claim_timeline
from reviews.selectors.users import desk_user_get, desk_users
from reviews.selectors.verdicts import verdict_latest

__all__ = [
    "Activity",
    "ChangeReason",
    "ClaimFilters",
    "RenderingPending",
    "SearchQuery",
    "TimelineEvent",
    "approval_queue",
    "approval_queue_count",
    "articles_for_desk",
    "articles_in_progress",
    "claim_for_panel",
    "claim_next",
    "claim_timeline",
    "claims_for_review_page",
    "claims_ranked",
    "desk_user_get",
    "desk_users",
    "my_queue",
    "recent_activity",
    "report_formats_pending",
    "report_get",
    "report_latest_published",
    "report_rendering",
    "reports_index",
    "reports_published",
    "scale_ratings",
    "search_articles",
    "search_claims",
    "unread_notifications",
    "verdict_latest",
]
