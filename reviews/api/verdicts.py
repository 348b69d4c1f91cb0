"""Verdicts and the rating scale they use: the scale's labels (`/api/ratings/`) and the shapes
of a verdict. The verdict's actions (save, submit, approve, return) are the claim's, in
reviews.api.claims."""

from __future__ import annotations

import re

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from reviews.api.common import MAX_ID, DeskView, Text, errors, person, version_field
from reviews.models import Rating, Verdict
from reviews.services.ratings import default_scale

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")


# --- the rating scale -----------------------------------------------------------------------


class RatingSerializer(serializers.ModelSerializer):
    scale = serializers.CharField(source="scale.name", read_only=True)

    class Meta:
        model = Rating
        fields = ["id", "scale", "label", "slug", "value", "position", "description", "color"]
        read_only_fields = fields


class RatingSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["id", "label", "slug", "value"]
        read_only_fields = fields


@extend_schema_field(
    {"oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "maxLength": 60}]}
)
class RatingChoiceField(serializers.Field):
    """A rating of the desk's scale by id (`3`) or by slug (`mostly-false`)."""

    default_error_messages = {
        "invalid": "Give a rating id or slug from /api/ratings/.",
        "unknown": "There is no rating {value!r} on the desk's scale.",
    }

    def to_internal_value(self, data) -> int:
        if isinstance(data, bool) or not isinstance(data, int | str) or data == "":
            self.fail("invalid")
        if isinstance(data, int) or data.isdigit():
            if not 1 <= int(data) <= MAX_ID:
                self.fail("unknown", value=data)
            # Existence is the service's check, with its own message.
            return int(data)
        if not SLUG.fullmatch(data):
            self.fail("unknown", value=data[:60])
        rating = Rating.objects.filter(scale=default_scale(), slug=data).first()
        if rating is None:
            self.fail("unknown", value=data)
        return rating.pk

    def to_representation(self, value):
        return value


@extend_schema_view(
    list=extend_schema(
        summary="The desk's rating scale, in order",
        responses={200: RatingSerializer(many=True), **errors(401, 403)},
    ),
)
class RatingViewSet(DeskView, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The labels of the desk's rating scale; `value` is ClaimReview's ratingValue."""

    serializer_class = RatingSerializer
    cursor_ordering = ("position", "id")

    def get_queryset(self):
        if self.fake():
            return Rating.objects.none()
        return Rating.objects.filter(scale=default_scale()).select_related("scale")


# --- verdicts -------------------------------------------------------------------------------


class VerdictSerializer(serializers.ModelSerializer):
    rating = RatingSummarySerializer(read_only=True)
    author = person()
    last_edited_by = person()
    approved_by = person()

    class Meta:
        model = Verdict
        fields = [
            "id",
            "claim",
            "number",
            "status",
            "is_current",
            "rating",
            "rationale",
            "confidence",
            "author",
            "last_edited_by",
            "submitted_at",
            "approved_by",
            "approved_at",
            "return_note",
            "correction_reason",
            "correction_note",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class VerdictInputSerializer(serializers.Serializer):
    rating = RatingChoiceField()
    rationale = Text(
        allow_blank=True,
        required=False,
        default="",
        trim_whitespace=False,
        help_text="Why this rating (Markdown). Needed before submitting.",
    )
    confidence = serializers.IntegerField(
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
        default=None,
        help_text="How sure the reviewer is, 0-100; null (the default) when not stated.",
    )
    version = version_field(
        of="verdict",
        minimum=0,
        help_text="The version of the verdict you edited, 0 if the claim had none (a "
        "verdict someone else saved meanwhile is not overwritten: 409).",
    )


class VerdictVersionSerializer(serializers.Serializer):
    version = version_field(
        of="verdict",
        help_text="The version of the verdict you reviewed; 409 if it has changed since.",
    )


class ApproveSerializer(VerdictVersionSerializer):
    correction_note = Text(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text="For a correction: the notice readers get with it (the reopen reason stays "
        "internal). Left out: any note already written stays.",
    )


class ReturnSerializer(VerdictVersionSerializer):
    note = Text(help_text="What must change.")
