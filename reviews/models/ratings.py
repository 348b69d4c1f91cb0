from django.db import models


class RatingScale(models.Model):
    """A desk's ordered verdict labels."""

    name = models.CharField(max_length=100, unique=True)
    is_default = models.BooleanField(default=False)
    description = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="ratingscale_one_default",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """One label of a scale. `value` is ClaimReview's ratingValue; null outside the ordinal range
    (Misleading, Unverifiable)."""

    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="ratings")
    label = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60)
    value = models.SmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(blank=True)
    color = models.CharField(max_length=7, default="#777777")

    class Meta:
        ordering = ["scale_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "label"], name="rating_unique_label"),
            models.UniqueConstraint(fields=["scale", "slug"], name="rating_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_ordinal(self) -> bool:
        return self.value is not None
