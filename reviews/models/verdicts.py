from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Verdict(models.Model):
    """A reviewer's rating of one claim. Versioned: an approved verdict is never edited in
    place; a correction is a new version and the old one stays on record."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned"
        SUPERSEDED = "superseded", "Superseded"

    claim = models.ForeignKey("reviews.Claim", on_delete=models.CASCADE, related_name="verdicts")
    number = models.PositiveIntegerField(
        default=1, help_text="1 for the first verdict, then +1 for each correction"
    )
    is_current = models.BooleanField(default=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    rating = models.ForeignKey("reviews.Rating", on_delete=models.PROTECT, related_name="+")
    rationale = models.TextField(blank=True, help_text="Markdown")
    # None until the reviewer states it: a pre-filled number would be published as theirs.
    confidence = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0-100")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts_written"
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts_approved",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    return_note = models.TextField(blank=True)
    # Internal: why the claim was reopened (the desk's history only, never published).
    correction_reason = models.TextField(blank=True)
    # Public: the correction notice for readers, written by the editor who approves it.
    correction_note = models.TextField(blank=True)
    # Optimistic concurrency, as on Claim.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim_id", "-number"]
        indexes = [
            models.Index(fields=["status", "is_current"], name="verdict_status_current_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=models.Q(is_current=True),
                name="verdict_one_current_per_claim",
            ),
            models.UniqueConstraint(fields=["claim", "number"], name="verdict_unique_number"),
            models.CheckConstraint(
                condition=models.Q(confidence__lte=100), name="verdict_confidence_max_100"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved")
                | (
                    models.Q(approved_by__isnull=False)
                    & ~models.Q(approved_by=models.F("author"))
                    & ~models.Q(approved_by=models.F("last_edited_by"))
                ),
                # Four-eyes rule, also for writes that bypass the services.
                name="verdict_approved_by_someone_else",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating} (v{self.number}) on claim {self.claim_id}"
