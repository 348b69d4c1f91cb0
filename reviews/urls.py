from django.urls import include, path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/new/", views.ingest, name="ingest"),
    path("articles/<int:article_id>/", views.article_detail, name="article_detail"),
    path("articles/<int:article_id>/claims/add/", views.claim_add, name="claim_add"),
    path(
        "articles/<int:article_id>/claims/assign/",
        views.claims_bulk_assign,
        name="claims_bulk_assign",
    ),
    path("articles/<int:article_id>/new-version/", views.article_reingest, name="article_reingest"),
    path("claims/<int:claim_id>/", views.claim_detail, name="claim_detail"),
    path("claims/<int:claim_id>/take/", views.claim_take, name="claim_take"),
    path("claims/<int:claim_id>/assign/", views.claim_assign, name="claim_assign"),
    path("claims/<int:claim_id>/wording/", views.claim_wording, name="claim_wording"),
    path("claims/<int:claim_id>/split/", views.claim_split, name="claim_split"),
    path("claims/<int:claim_id>/merge/", views.claim_merge, name="claim_merge"),
    path("claims/<int:claim_id>/dismiss/", views.claim_dismiss, name="claim_dismiss"),
    path("claims/<int:claim_id>/reopen/", views.claim_reopen, name="claim_reopen"),
    path("claims/<int:claim_id>/verdict/", views.verdict_save, name="verdict_save"),
    path("claims/<int:claim_id>/submit/", views.verdict_submit, name="verdict_submit"),
    path("claims/<int:claim_id>/approve/", views.verdict_approve, name="verdict_approve"),
    path("claims/<int:claim_id>/return/", views.verdict_return, name="verdict_return"),
    path("claims/<int:claim_id>/evidence/", views.evidence_add, name="evidence_add"),
    path("evidence/<int:evidence_id>/remove/", views.evidence_remove, name="evidence_remove"),
    path("claims/<int:claim_id>/comments/", views.comment_add, name="comment_add"),
    path("queue/", views.approval_queue, name="approval_queue"),
    path("queue/approve/", views.approvals_bulk, name="approvals_bulk"),
    path("search/", views.search, name="search"),
    path("", include("reviews.urls_sources")),
    path("", include("reviews.urls_reports")),
]
