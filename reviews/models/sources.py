from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    REFUTES = "refutes", "Refutes"
    CONTEXT = "context", "Context"


class Source(models.Model):
    """A document at a URL (or an uploaded file) that evidence and candidates point to."""

    class FetchStatus(models.TextChoices):
        PENDING = "pending", "Not fetched yet"
        FETCHED = "fetched", "Fetched"
        FAILED = "failed", "Fetch failed"
        GONE = "gone", "Gone (link rot)"

    url = models.URLField(max_length=2000, blank=True)
    canonical_url = models.CharField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    fetch_status = models.CharField(
        max_length=10, choices=FetchStatus.choices, default=FetchStatus.PENDING
    )
    fetch_error = models.TextField(blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.FileField(upload_to="snapshots/%Y/%m/", blank=True)
    uploaded_file = models.FileField(upload_to="sources/%Y/%m/", blank=True)
    # A reference document of the desk's library, searched by the archive provider.
    is_reference = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["is_reference"], name="source_reference_idx"),
            models.Index(fields=["fetch_status"], name="source_fetch_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["canonical_url"],
                condition=~models.Q(canonical_url=""),
                name="source_unique_canonical_url",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.canonical_url or self.url or f"Source {self.pk}"


class Evidence(models.Model):
    """A source attached to a claim with a stance and the quote that matters."""

    claim = models.ForeignKey("reviews.Claim", on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    stance = models.CharField(max_length=10, choices=Stance.choices)
    quote = models.TextField(blank=True)
    note = models.TextField(blank=True)
    candidate = models.OneToOneField(
        "reviews.Candidate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["claim_id", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "source"], name="evidence_unique_source"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.source}"


class Candidate(models.Model):
    """A source a provider suggested for a claim. Accept/dismiss decisions are kept: they are
    the data for improving ranking."""

    class Decision(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    claim = models.ForeignKey("reviews.Claim", on_delete=models.CASCADE, related_name="candidates")
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidates"
    )
    url = models.URLField(max_length=2000)
    # Deduplication key across providers (scheme/host lower-cased, tracking parameters removed).
    canonical_url = models.CharField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    snippet = models.TextField(blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    provider = models.CharField(max_length=40)
    providers = models.JSONField(default=list, blank=True)
    query = models.CharField(max_length=500, blank=True)
    rank = models.PositiveIntegerField(default=0)
    provider_score = models.FloatField(default=0.0)
    relevance = models.FloatField(default=0.0)
    passage = models.TextField(blank=True)
    # Extra facts a provider knows (an earlier verdict's rating and date, a fact-check's rating).
    extra = models.JSONField(default=dict, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "-relevance"]
        indexes = [
            models.Index(
                fields=["claim", "decision", "-relevance"], name="candidate_claim_rank_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "canonical_url"], name="candidate_unique_url_per_claim"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url
