from django.conf import settings
from django.db import models


class Comment(models.Model):
    claim = models.ForeignKey("reviews.Claim", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "created_at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="comment_body_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Comment by {self.author} on claim {self.claim_id}"


class Notification(models.Model):
    """An in-app notice: assigned to you, returned to you, approved."""

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", "Assigned to you"
        RETURNED = "returned", "Returned to you"
        APPROVED = "approved", "Approved"
        SUBMITTED = "submitted", "Submitted for approval"
        REOPENED = "reopened", "Reopened for a correction"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    message = models.TextField()
    claim = models.ForeignKey(
        "reviews.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
        ]

    def __str__(self) -> str:
        return self.message[:80]
