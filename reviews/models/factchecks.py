from django.conf import settings
from django.db import models

MAX_IDENTIFIER = 500
MAX_URL = 2000
MAX_TEXT_FIELDS = {"title": 500, "publisher": 300, "author": 300, "rating": 200, "claimant": 300}


class FactCheck(models.Model):
    """A published fact-check imported into the desk's archive (a ClaimReview feed, JSON
    Lines, CSV), matched against new claims by the archive provider (docs/CLAIM_MATCHING.md).

    `identifier` is the fact-check's own id in its source (the ClaimReview's url or
    identifier, a data set's id): unique per publisher, so that importing a file again
    updates what it imported before instead of adding copies.
    """

    identifier = models.CharField(max_length=MAX_IDENTIFIER)
    publisher = models.CharField(max_length=MAX_TEXT_FIELDS["publisher"], blank=True)
    claim = models.TextField(help_text="The claim as the fact-check states it.")
    title = models.CharField(max_length=MAX_TEXT_FIELDS["title"], blank=True)
    subtitle = models.TextField(blank=True)
    author = models.CharField(max_length=MAX_TEXT_FIELDS["author"], blank=True)
    rating = models.CharField(
        max_length=MAX_TEXT_FIELDS["rating"], blank=True, help_text="The verdict's label."
    )
    rating_value = models.FloatField(null=True, blank=True)
    rating_best = models.FloatField(null=True, blank=True)
    rating_worst = models.FloatField(null=True, blank=True)
    claimant = models.CharField(max_length=MAX_TEXT_FIELDS["claimant"], blank=True)
    url = models.URLField(max_length=MAX_URL, blank=True)
    appearance_url = models.URLField(max_length=MAX_URL, blank=True)
    published = models.DateField(null=True, blank=True)
    # The text the matcher's lexical index and the embedding read (claimextract.matching).
    search_text = models.TextField(blank=True)
    # float32 row of `embedding_dim` values, L2-normalised, by the encoder `embedding_model`.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_model = models.CharField(max_length=200, blank=True)
    embedding_dim = models.PositiveSmallIntegerField(null=True, blank=True)
    # Set on the desk's own approved verdicts, which join the archive when approved: the
    # claim they rate (never matched against itself).
    desk_claim = models.ForeignKey(
        "reviews.Claim",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(help_text="When this version was imported.")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["publisher", "identifier"], name="factcheck_unique_identifier"
            ),
        ]
        indexes = [models.Index(fields=["imported_at"], name="factcheck_imported_idx")]

    def __str__(self) -> str:
        return self.title or self.claim[:80]
