"""The desk's rating scale."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from reviews.models import Rating, RatingScale

# (label, ClaimReview ratingValue or None outside the ordinal range, colour, the definition
# readers see in the report's rating scale). Migration 0010 gives a desk that already has
# the scale these definitions where its own are empty.
DEFAULT_SCALE = [
    ("True", 5, "#1a7f37", "The claim is accurate, and nothing significant is left out."),
    (
        "Mostly true",
        4,
        "#4d9a3a",
        "The claim is accurate but needs clarification or additional information.",
    ),
    (
        "Half true",
        3,
        "#b58100",
        "The claim is partly accurate but leaves out important details or takes things out "
        "of context.",
    ),
    (
        "Mostly false",
        2,
        "#c9510c",
        "The claim has an element of truth but ignores facts that would give a different "
        "impression.",
    ),
    ("False", 1, "#cf222e", "The claim is not accurate."),
    (
        "Misleading",
        None,
        "#8250df",
        "The facts stated may be accurate, but the claim uses them to give a false impression.",
    ),
    (
        "Unverifiable",
        None,
        "#57606a",
        "The evidence available does not establish whether the claim is accurate or not.",
    ),
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
        for position, (label, value, color, description) in enumerate(DEFAULT_SCALE):
            Rating.objects.get_or_create(
                scale=scale,
                slug=slugify(label),
                defaults={
                    "label": label,
                    "value": value,
                    "position": position,
                    "color": color,
                    "description": description,
                },
            )
        return scale


def default_scale() -> RatingScale:
    scale = RatingScale.objects.filter(is_default=True).first()
    return scale or rating_scale_ensure_default()
