"""The desk's rating scale."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from reviews.models import Rating, RatingScale

# (label, ClaimReview ratingValue or None outside the ordinal range, colour)
DEFAULT_SCALE = [
    ("True", 5, "#1a7f37"),
    ("Mostly true", 4, "#4d9a3a"),
    ("Half true", 3, "#b58100"),
    ("Mostly false", 2, "#c9510c"),
    ("False", 1, "#cf222e"),
    ("Misleading", None, "#8250df"),
    ("Unverifiable", None, "#57606a"),
]
DEFAULT_SCALE_NAME = "Default"


def rating_scale_ensure_default() -> RatingScale:
    """Create the default scale if the desk has none; idempotent."""
    with transaction.atomic():
        scale = RatingScale.objects.filter(is_default=True).first()
        if scale is not None:
            return scale
        scale, _ = RatingScale.objects.get_or_create(
            name=DEFAULT_SCALE_NAME,
            defaults={
                "is_default": True,
                "description": "Five ordinal labels plus Misleading and Unverifiable.",
            },
        )
        if not scale.is_default:
            scale.is_default = True
            scale.save(update_fields=["is_default"])
        for position, (label, value, color) in enumerate(DEFAULT_SCALE):
            Rating.objects.get_or_create(
                scale=scale,
                slug=slugify(label),
                defaults={"label": label, "value": value, "position": position, "color": color},
            )
        return scale


def default_scale() -> RatingScale:
    scale = RatingScale.objects.filter(is_default=True).first()
    return scale or rating_scale_ensure_default()
