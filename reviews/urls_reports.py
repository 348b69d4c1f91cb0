"""Routes of report previews, exports and the public report pages."""

from django.urls import path

from reviews import views_reports

urlpatterns = [
    # The desk: preview of the report as it stands (draft), its exports, publishing.
    path("articles/<int:article_id>/report/", views_reports.report_preview, name="report_preview"),
    path(
        "articles/<int:article_id>/report/export/<str:fmt>/",
        views_reports.report_draft_export,
        name="report_draft_export",
    ),
    path(
        "articles/<int:article_id>/report/publish/",
        views_reports.report_publish,
        name="report_publish",
    ),
    # Public, no login: published versions only.
    path("reports/", views_reports.report_index, name="report_index"),
    path("reports/<int:article_id>/", views_reports.report_public, name="report_public"),
    path(
        "reports/<int:article_id>/v<int:number>/",
        views_reports.report_public,
        name="report_version",
    ),
    path(
        "reports/<int:article_id>/v<int:number>/<str:fmt>/",
        views_reports.report_download,
        name="report_download",
    ),
]
