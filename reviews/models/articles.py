from django.conf import settings
from django.db import models

# The languages the ingest forms and the API offer for an article.
LANGUAGES = [
    ("en", "English"),
    ("de", "German"),
    ("es", "Spanish"),
    ("fr", "French"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("ru", "Russian"),
]


class Article(models.Model):
    """An article as ingested. `body` is never rewritten: claims point into it."""

    class Origin(models.TextChoices):
        PASTE = "paste", "Pasted text"
        UPLOAD = "upload", "Uploaded file"
        URL = "url", "Fetched from URL"

    title = models.CharField(max_length=500)
    url = models.URLField(max_length=2000, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=12, default="en")
    body = models.TextField()
    body_hash = models.CharField(max_length=64, help_text="SHA-256 of the body, hex")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.PASTE)
    original_filename = models.CharField(max_length=255, blank=True)
    # Re-ingesting an updated article creates a new row that points at the one it replaces.
    previous_version = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_version"
    )
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ingested_at"]
        indexes = [
            models.Index(fields=["url"], name="article_url_idx"),
            models.Index(fields=["-ingested_at"], name="article_ingested_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="article_body_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "next_version") or self.next_version is None
