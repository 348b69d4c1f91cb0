"""Routes of the candidate-source panel and job progress."""

from django.urls import path

from reviews import views_sources as views

urlpatterns = [
    path("claims/<int:claim_id>/sources/", views.claim_sources, name="claim_sources"),
    path(
        "claims/<int:claim_id>/sources/find/", views.claim_sources_find, name="claim_sources_find"
    ),
    path("candidates/<int:candidate_id>/accept/", views.candidate_accept, name="candidate_accept"),
    path(
        "candidates/<int:candidate_id>/dismiss/", views.candidate_dismiss, name="candidate_dismiss"
    ),
    path("articles/<int:article_id>/sources/", views.article_sources, name="article_sources"),
    path(
        "articles/<int:article_id>/sources/find/",
        views.article_sources_find,
        name="article_sources_find",
    ),
    path("articles/from-url/", views.ingest_url, name="ingest_url"),
    path("jobs/<int:job_id>/", views.job_detail, name="job_detail"),
    path("sources/references/", views.references, name="references"),
    path("sources/<int:source_id>/", views.source_detail, name="source_detail"),
    path("sources/<int:source_id>/snapshot/", views.source_snapshot, name="source_snapshot"),
]
