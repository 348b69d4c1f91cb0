from django.conf import settings
from django.db import models

# Shown as "likely the same claim" from this fused score up, until an editor sets another:
# on the CheckThat! 2022 train and dev queries, most best matches that reach it are right
# (docs/CLAIM_MATCHING.md).
DEFAULT_LIKELY_SAME = 0.75


class ClaimMatch(models.Model):
    """An earlier fact-check found for a claim by the match job: one row per (claim,
    fact-check), replaced whenever the claim is matched again (docs/CLAIM_MATCHING.md)."""

    claim = models.ForeignKey("reviews.Claim", on_delete=models.CASCADE, related_name="matches")
    factcheck = models.ForeignKey(
        "reviews.FactCheck", on_delete=models.CASCADE, related_name="claim_matches"
    )
    # The matcher's fused score in [0, 1]: how similar the claim and the fact-check are.
    score = models.FloatField()
    lexical = models.FloatField(default=0.0)
    dense = models.FloatField(default=0.0)
    # 1 for the best match of the claim.
    rank = models.PositiveSmallIntegerField()
    matched_at = models.DateTimeField()

    class Meta:
        ordering = ["claim_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "factcheck"], name="claimmatch_unique"),
        ]
        indexes = [
            models.Index(fields=["claim", "rank"], name="claimmatch_claim_rank_idx"),
            models.Index(fields=["claim", "-score"], name="claimmatch_claim_score_idx"),
        ]

    def __str__(self) -> str:
        return f"claim {self.claim_id} ~ fact-check {self.factcheck_id} ({self.score:.2f})"


class MatchSettings(models.Model):
    """The desk's settings for earlier fact-checks, one row (pk 1), set by editors."""

    likely_same = models.FloatField(
        default=DEFAULT_LIKELY_SAME,
        help_text='Matches from this similarity are "likely the same claim".',
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name_plural = "match settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likely_same__gte=0) & models.Q(likely_same__lte=1),
                name="matchsettings_likely_same_range",
            ),
        ]

    def __str__(self) -> str:
        return f"likely the same claim from {self.likely_same:.2f}"
