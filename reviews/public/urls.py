"""Routes of the public report pages: no login, published versions only."""

from django.urls import path

from reviews.public import reports

urlpatterns = [
    path("reports/", reports.report_index, name="report_index"),
    path("reports/<int:article_id>/", reports.report_public, name="report_public"),
    path("reports/<int:article_id>/v<int:number>/", reports.report_public, name="report_version"),
    path(
        "reports/<int:article_id>/v<int:number>/<str:fmt>/",
        reports.report_download,
        name="report_download",
    ),
]
