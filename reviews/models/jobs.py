from django.conf import settings
from django.db import models


class Job(models.Model):
    """The visible state of a background job. Nothing a job does is invisible."""

    class Kind(models.TextChoices):
        INGEST_URL = "ingest_url", "Ingest article from URL"
        FIND_CANDIDATES = "find_candidates", "Find candidate sources"
        FETCH_CANDIDATE = "fetch_candidate", "Fetch candidate"
        RECHECK_EVIDENCE = "recheck_evidence", "Re-check evidence links"
        INGEST_TEXT = "ingest_text", "Ingest a long article"
        MATCH_FACTCHECKS = "match_factchecks", "Match earlier fact-checks"
        RENDER_REPORT = "render_report", "Render a published report"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    article = models.ForeignKey(
        "reviews.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    claim = models.ForeignKey(
        "reviews.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    candidate = models.ForeignKey(
        "reviews.Candidate", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "kind"], name="job_status_kind_idx"),
            models.Index(fields=["claim", "kind", "-created_at"], name="job_claim_idx"),
            models.Index(fields=["article", "kind", "-created_at"], name="job_article_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 100 if self.status == self.Status.DONE else 0
        return round(100 * self.progress_done / self.progress_total)
