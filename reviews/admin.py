"""The Django admin: users, roles, rating scales and a look at everything else.

The review workflow is not run from here. A claim's status, assignee, wording and reasons
and every field of a verdict change only through the services, which bump the version,
record the history reason and keep the four-eyes rule; here they are read-only. History is
shown but never reverted: a revert writes every field of an old version back, past the
services.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from reviews import models


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, with its history pages for reading only."""

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The form page hides "Revert" without the permission, but a POST would still save.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "outlet",
        "published",
        "language",
        "origin",
        "ingested_by",
        "ingested_at",
    ]
    list_filter = ["origin", "language", "outlet"]
    search_fields = ["title", "url", "outlet", "author"]
    date_hierarchy = "ingested_at"
    readonly_fields = ["body_hash", "ingested_at", "ingested_by", "previous_version"]
    list_select_related = ["ingested_by"]


@admin.register(models.Claim)
class ClaimAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "__str__",
        "article",
        "kind",
        "status",
        "checkworthiness",
        "speaker",
        "assignee",
    ]
    list_filter = ["status", "kind", "checkworthy", "headline", "needs_review"]
    search_fields = ["text", "wording", "speaker", "article__title"]
    raw_id_fields = ["article"]
    readonly_fields = [
        "start",
        "end",
        "text",
        # The workflow: claim_* services only.
        "status",
        "assignee",
        "wording",
        "dismissed_reason",
        "reopen_reason",
        "version",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["article", "assignee"]


class RatingInline(admin.TabularInline):
    model = models.Rating
    extra = 0
    prepopulated_fields = {"slug": ["label"]}


@admin.register(models.RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default"]
    inlines = [RatingInline]


@admin.register(models.Verdict)
class VerdictAdmin(ReadOnlyHistoryAdmin):
    """Verdicts are written, submitted, returned and approved through the verdict services
    only: every field is read-only here, and none is added here."""

    list_display = [
        "claim",
        "number",
        "rating",
        "status",
        "is_current",
        "author",
        "approved_by",
        "updated_at",
    ]
    list_filter = ["status", "is_current", "rating"]
    search_fields = ["rationale", "claim__text"]
    list_select_related = ["claim", "rating", "author", "approved_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "publisher",
        "published",
        "fetch_status",
        "is_reference",
        "fetched_at",
    ]
    list_filter = ["fetch_status", "is_reference"]
    search_fields = ["title", "url", "canonical_url", "publisher"]
    readonly_fields = ["content_hash", "fetched_at", "last_checked_at", "created_at"]


@admin.register(models.Evidence)
class EvidenceAdmin(ReadOnlyHistoryAdmin):
    list_display = ["claim", "source", "stance", "added_by", "created_at"]
    list_filter = ["stance"]
    search_fields = ["quote", "note", "source__title", "claim__text"]
    raw_id_fields = ["claim", "source", "candidate"]
    list_select_related = ["claim", "source", "added_by"]


@admin.register(models.Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "claim", "provider", "relevance", "decision", "decided_by"]
    list_filter = ["provider", "decision"]
    search_fields = ["title", "url", "snippet"]
    raw_id_fields = ["claim", "source"]
    list_select_related = ["claim", "decided_by"]


@admin.register(models.Job)
class JobAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "status",
        "progress_percent",
        "attempts",
        "created_at",
        "finished_at",
    ]
    list_filter = ["kind", "status"]
    search_fields = ["last_error"]
    raw_id_fields = ["article", "claim", "candidate"]
    readonly_fields = ["progress_percent", "created_at", "started_at", "finished_at"]


@admin.register(models.Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["claim", "author", "created_at"]
    search_fields = ["body"]
    raw_id_fields = ["claim"]


@admin.register(models.Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "message", "created_at", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["claim"]


class ReportRenderingInline(admin.TabularInline):
    model = models.ReportRendering
    fields = ["format", "content_type", "content_hash"]
    readonly_fields = fields
    extra = 0
    can_delete = False


class CorrectionInline(admin.TabularInline):
    model = models.Correction
    extra = 0
    can_delete = False
    readonly_fields = ["claim", "old_rating", "new_rating", "reason", "corrected_at"]


@admin.register(models.Report)
class ReportAdmin(admin.ModelAdmin):
    """Published reports are immutable: read-only here."""

    list_display = ["article", "number", "published_by", "published_at"]
    readonly_fields = [
        "article",
        "number",
        "snapshot",
        "content_hash",
        "published_by",
        "published_at",
    ]
    inlines = [ReportRenderingInline, CorrectionInline]

    def has_change_permission(self, request, obj=None):
        return False
