from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ClaimKind(models.TextChoices):
    STATISTIC = "statistic", "Statistic"
    QUOTE = "quote", "Quote"
    ATTRIBUTION = "attribution", "Attribution"
    EVENT = "event", "Event"
    CAUSAL = "causal", "Causal"
    PREDICTION = "prediction", "Prediction"
    OTHER = "other", "Other"


class ClaimStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"
    DISMISSED = "dismissed", "Dismissed"
    REOPENED = "reopened", "Reopened"


class Claim(models.Model):
    """A span of an article: `article.body[start:end]` is the claim as it appears."""

    article = models.ForeignKey("reviews.Article", on_delete=models.CASCADE, related_name="claims")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # The span's text, kept beside the offsets so that search and exports need no slicing.
    text = models.TextField()
    # The wording shown to readers when a reviewer rephrases it; blank means `text`.
    wording = models.TextField(blank=True)
    headline = models.BooleanField(default=False)
    kind = models.CharField(max_length=12, choices=ClaimKind.choices, default=ClaimKind.OTHER)
    speaker = models.CharField(max_length=300, blank=True)
    # Who the speaker is ("Health minister"), as a reviewer states it; published beside the name.
    speaker_role = models.CharField(max_length=200, blank=True)
    # The claim's number in its article, kept for good: a claim added or split later takes the
    # next free number, so "claim 3" means the same claim in every version of the report.
    number = models.PositiveIntegerField(default=0)
    quantities = models.JSONField(default=list, blank=True)
    dates = models.JSONField(default=list, blank=True)
    checkworthiness = models.FloatField(default=0.0)
    checkworthy = models.BooleanField(default=False)
    score_reasons = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.UNREVIEWED
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    dismissed_reason = models.TextField(blank=True)
    # Why an editor reopened an approved claim; the correction (the next verdict) carries it.
    reopen_reason = models.TextField(blank=True)
    # Set when a re-ingested article changed this claim's text or added it.
    needs_review = models.BooleanField(default=False)
    added_manually = models.BooleanField(default=False)
    # Optimistic concurrency: every save through a service bumps it; a stale one is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article_id", "start"]
        indexes = [
            models.Index(fields=["article", "start"], name="claim_article_start_idx"),
            models.Index(fields=["article", "-checkworthiness"], name="claim_article_score_idx"),
            models.Index(fields=["status"], name="claim_status_idx"),
            models.Index(fields=["assignee", "status"], name="claim_assignee_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="claim_start_before_end"
            ),
            models.CheckConstraint(
                condition=models.Q(checkworthiness__gte=0) & models.Q(checkworthiness__lte=1),
                name="claim_checkworthiness_in_unit_range",
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span"),
            models.CheckConstraint(
                condition=~models.Q(status="dismissed") | ~models.Q(dismissed_reason=""),
                name="claim_dismissal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.display_text[:80]

    @property
    def display_text(self) -> str:
        return self.wording or self.text
