"""Routes of the desk's pages, in the `reviews:` namespace (see factcheck/urls.py)."""

from django.urls import path

from reviews.web import (
    article,
    claim_actions,
    claim_panel,
    dashboard,
    factchecks,
    ingest,
    jobs,
    library,
    matches,
    queue,
    reports,
    sources,
    stats,
)

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("notifications/read/", dashboard.notifications_read, name="notifications_read"),
    path("articles/", dashboard.article_list, name="article_list"),
    path("search/", dashboard.search, name="search"),
    # Ingest
    path("articles/new/", ingest.ingest, name="ingest"),
    path("articles/from-url/", ingest.ingest_url, name="ingest_url"),
    # The article review page
    path("articles/<int:article_id>/", article.article_detail, name="article_detail"),
    path("articles/<int:article_id>/claims/add/", article.claim_add, name="claim_add"),
    path(
        "articles/<int:article_id>/claims/assign/",
        article.claims_bulk_assign,
        name="claims_bulk_assign",
    ),
    path(
        "articles/<int:article_id>/claims/dismiss/",
        article.claims_bulk_dismiss,
        name="claims_bulk_dismiss",
    ),
    path(
        "articles/<int:article_id>/new-version/", article.article_reingest, name="article_reingest"
    ),
    # The claim panel and its actions
    path("claims/<int:claim_id>/", claim_panel.claim_detail, name="claim_detail"),
    path("claims/<int:claim_id>/take/", claim_actions.claim_take, name="claim_take"),
    path("claims/<int:claim_id>/assign/", claim_actions.claim_assign, name="claim_assign"),
    path("claims/<int:claim_id>/wording/", claim_actions.claim_wording, name="claim_wording"),
    path("claims/<int:claim_id>/speaker/", claim_actions.claim_speaker, name="claim_speaker"),
    path("claims/<int:claim_id>/split/", claim_actions.claim_split, name="claim_split"),
    path("claims/<int:claim_id>/merge/", claim_actions.claim_merge, name="claim_merge"),
    path("claims/<int:claim_id>/dismiss/", claim_actions.claim_dismiss, name="claim_dismiss"),
    path("claims/<int:claim_id>/reopen/", claim_actions.claim_reopen, name="claim_reopen"),
    path("claims/<int:claim_id>/verdict/", claim_actions.verdict_save, name="verdict_save"),
    path("claims/<int:claim_id>/submit/", claim_actions.verdict_submit, name="verdict_submit"),
    path("claims/<int:claim_id>/approve/", claim_actions.verdict_approve, name="verdict_approve"),
    path("claims/<int:claim_id>/return/", claim_actions.verdict_return, name="verdict_return"),
    path("claims/<int:claim_id>/evidence/", claim_actions.evidence_add, name="evidence_add"),
    path(
        "evidence/<int:evidence_id>/remove/",
        claim_actions.evidence_remove,
        name="evidence_remove",
    ),
    path("claims/<int:claim_id>/comments/", claim_actions.comment_add, name="comment_add"),
    path(
        "claims/<int:claim_id>/matches/<int:factcheck_id>/attach/",
        matches.match_attach,
        name="match_attach",
    ),
    path(
        "claims/<int:claim_id>/matches/<int:factcheck_id>/verdict/",
        matches.match_verdict,
        name="match_verdict",
    ),
    path("factchecks/", factchecks.factchecks, name="factchecks"),
    path("stats/", stats.desk_statistics, name="stats"),
    # The approval queue
    path("queue/", queue.approval_queue, name="approval_queue"),
    path("queue/approve/", queue.approvals_bulk, name="approvals_bulk"),
    # Candidate sources
    path("claims/<int:claim_id>/sources/", sources.claim_sources, name="claim_sources"),
    path(
        "claims/<int:claim_id>/sources/find/",
        sources.claim_sources_find,
        name="claim_sources_find",
    ),
    path(
        "candidates/<int:candidate_id>/accept/", sources.candidate_accept, name="candidate_accept"
    ),
    path(
        "candidates/<int:candidate_id>/dismiss/",
        sources.candidate_dismiss,
        name="candidate_dismiss",
    ),
    path("articles/<int:article_id>/sources/", sources.article_sources, name="article_sources"),
    path(
        "articles/<int:article_id>/sources/find/",
        sources.article_sources_find,
        name="article_sources_find",
    ),
    # Jobs and the reference library
    path("jobs/<int:job_id>/", jobs.job_detail, name="job_detail"),
    path("sources/references/", library.references, name="references"),
    path("sources/<int:source_id>/", library.source_detail, name="source_detail"),
    path("sources/<int:source_id>/snapshot/", library.source_snapshot, name="source_snapshot"),
    # The report preview, its exports (drafts) and publishing
    path("articles/<int:article_id>/report/", reports.report_preview, name="report_preview"),
    path(
        "articles/<int:article_id>/report/export/<str:fmt>/",
        reports.report_draft_export,
        name="report_draft_export",
    ),
    path(
        "articles/<int:article_id>/report/publish/",
        reports.report_publish,
        name="report_publish",
    ),
]
