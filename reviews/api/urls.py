"""The REST API's routes: every action of the desk's web interface has an endpoint here.
The OpenAPI schema is generated from these views (committed as schema.yml, which a test
keeps current) and served with Swagger UI at /api/docs/."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.http import JsonResponse
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from reviews.api import (
    articles,
    auth,
    claims,
    desk,
    discussion,
    jobs,
    matches,
    reports,
    sources,
    stats,
    verdicts,
)
from reviews.api.exceptions import NOT_FOUND_MESSAGE, error_body

app_name = "api"

router = SimpleRouter()
router.register("articles", articles.ArticleViewSet, basename="article")
router.register("claims", claims.ClaimViewSet, basename="claim")
router.register("candidates", sources.CandidateViewSet, basename="candidate")
router.register("evidence", sources.EvidenceViewSet, basename="evidence")
router.register("ratings", verdicts.RatingViewSet, basename="rating")
router.register("jobs", jobs.JobViewSet, basename="job")


def not_found(request, *args, **kwargs):
    """Unknown API paths answer in the API's error shape, not with the site's HTML page."""
    return JsonResponse(error_body("not_found", NOT_FOUND_MESSAGE), status=404)


urlpatterns = [
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    # Collection routes before the router's: `/api/claims/assign/` is not a claim's id.
    path("articles/from-url/", articles.ArticleFromUrlView.as_view(), name="article-from-url"),
    path("articles/upload/", articles.ArticleUploadView.as_view(), name="article-upload"),
    path("claims/assign/", desk.ClaimsAssignView.as_view(), name="claims-assign"),
    path("claims/approve/", desk.ClaimsApproveView.as_view(), name="claims-approve"),
    path("claims/dismiss/", desk.ClaimsDismissView.as_view(), name="claims-dismiss"),
    path("notifications/", desk.NotificationListView.as_view(), name="notifications"),
    path("notifications/read/", desk.NotificationsReadView.as_view(), name="notifications-read"),
    path("search/", desk.SearchView.as_view(), name="search"),
    path("stats/", stats.StatsView.as_view(), name="stats"),
    path("references/", sources.ReferenceListView.as_view(), name="references"),
    path("factchecks/import/", matches.FactCheckImportView.as_view(), name="factchecks-import"),
    path(
        "articles/<int:article_id>/claims/",
        claims.ArticleClaimsView.as_view(),
        name="article-claims",
    ),
    path(
        "articles/<int:article_id>/report/",
        reports.ArticleReportView.as_view(),
        name="article-report",
    ),
    path(
        "claims/<int:claim_id>/evidence/",
        sources.ClaimEvidenceView.as_view(),
        name="claim-evidence",
    ),
    path(
        "claims/<int:claim_id>/candidates/",
        sources.ClaimCandidatesView.as_view(),
        name="claim-candidates",
    ),
    path(
        "claims/<int:claim_id>/matches/",
        matches.ClaimMatchesView.as_view(),
        name="claim-matches",
    ),
    path(
        "claims/<int:claim_id>/comments/",
        discussion.ClaimCommentsView.as_view(),
        name="claim-comments",
    ),
    path(
        "claims/<int:claim_id>/history/",
        discussion.ClaimHistoryView.as_view(),
        name="claim-history",
    ),
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's setup script from a URL of its own: the site's
    # Content-Security-Policy allows no inline scripts. Swagger UI styles its elements
    # inline; that much is allowed on this page alone.
    path(
        "docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    re_path(r"^.*$", not_found),
]
