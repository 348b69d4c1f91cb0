from django.conf import settings
from django.db import models


class Report(models.Model):
    """An immutable, numbered snapshot of an article's approved verdicts."""

    article = models.ForeignKey("reviews.Article", on_delete=models.PROTECT, related_name="reports")
    number = models.PositiveIntegerField()
    # Everything the exports need, frozen at publication (JSON of the report snapshot).
    snapshot = models.JSONField()
    content_hash = models.CharField(max_length=64)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["article_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="report_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Report v{self.number} of {self.article}"


class ReportRendering(models.Model):
    """One stored export format of a published report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="renderings")
    format = models.CharField(max_length=12)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    content_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="rendering_unique_format"),
        ]

    def __str__(self) -> str:
        return f"{self.report} as {self.format}"


class Correction(models.Model):
    """A corrections-log entry: a published rating that a later report version changed."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="corrections")
    claim = models.ForeignKey("reviews.Claim", on_delete=models.PROTECT, related_name="+")
    old_rating = models.CharField(max_length=60)
    new_rating = models.CharField(max_length=60)
    reason = models.TextField(blank=True)
    corrected_at = models.DateTimeField()

    class Meta:
        ordering = ["report_id", "corrected_at"]

    def __str__(self) -> str:
        return f"{self.old_rating} -> {self.new_rating}"
