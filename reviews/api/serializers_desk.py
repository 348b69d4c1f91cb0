"""Shapes of the desk-wide operations: ingesting by URL or file, claims in bulk,
notifications, search, the reference library and the job list.

As in reviews.api.serializers: inputs check types and shapes only; the rules stay in the
services.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reviews.api.serializers import (
    ArticleSerializer,
    RatingSummarySerializer,
    SourceSerializer,
    Text,
    Url,
    VerdictSerializer,
    object_id,
    person,
)
from reviews.forms import LANGUAGES
from reviews.models import Article, Claim, ClaimStatus, Notification, Rating, Source
from reviews.services.ratings import default_scale

# One request handles at most this many claims: an article's claims fit many times over.
MAX_BATCH = 1000
TITLE_LENGTH = Article._meta.get_field("title").max_length


def claim_ids(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=object_id(), allow_empty=False, max_length=MAX_BATCH, **kwargs
    )


def unique(ids: list[int]) -> list[int]:
    # A claim named twice is one claim: approving it "again" must not refuse the batch.
    return list(dict.fromkeys(ids))


# --- ingesting by URL or file -------------------------------------------------------------------


class ArticleFromUrlSerializer(serializers.Serializer):
    url = Url(max_length=2000, help_text="The article's web address (http or https).")
    title = Text(
        max_length=TITLE_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Default: the page's own title.",
    )
    published = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Default: the page's date."
    )
    outlet = Text(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Default: the page's publisher.",
    )
    language = serializers.ChoiceField(choices=LANGUAGES, required=False, default="en")


class ArticleUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A .txt, .md, .html or .docx file.")
    title = Text(
        max_length=TITLE_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Default: the text's first line.",
    )
    published = serializers.DateField(required=False, allow_null=True, default=None)
    url = Url(max_length=2000, required=False, allow_blank=True, default="")
    outlet = Text(max_length=200, required=False, allow_blank=True, default="")
    author = Text(max_length=300, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(choices=LANGUAGES, required=False, default="en")


# --- claims in bulk -----------------------------------------------------------------------------


class ClaimsAssignSerializer(serializers.Serializer):
    claims = claim_ids(help_text="The claims to assign (any articles).")
    assignee = object_id(allow_null=True, help_text="A desk member's user id, or null to unassign.")

    def validate_claims(self, ids: list[int]) -> list[int]:
        return unique(ids)


class ClaimsAssignResultSerializer(serializers.Serializer):
    assigned = serializers.IntegerField(
        help_text="Claims that changed hands (dismissed claims, and claims the assignee "
        "already had, are left as they are)."
    )


class ClaimsApproveSerializer(serializers.Serializer):
    claims = claim_ids(help_text="Claims whose submitted verdicts to approve: all or none.")

    def validate_claims(self, ids: list[int]) -> list[int]:
        return unique(ids)


class ClaimsApproveResultSerializer(serializers.Serializer):
    approved = serializers.IntegerField()
    verdicts = VerdictSerializer(many=True, help_text="The approved verdicts.")


# --- notifications ------------------------------------------------------------------------------


class NotificationSerializer(serializers.ModelSerializer):
    article = serializers.IntegerField(
        source="claim.article_id", read_only=True, allow_null=True, default=None
    )
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "claim", "article", "created_at", "read_at", "unread"]
        read_only_fields = fields

    def get_unread(self, notification: Notification) -> bool:
        return notification.read_at is None


class NotificationsReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=object_id(),
        required=False,
        allow_empty=False,
        max_length=MAX_BATCH,
        help_text="The notices to mark read; leave out to mark all of yours read. Ids that "
        "are not yours are ignored.",
    )


class NotificationsReadResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="Notices that were unread and are read now.")


# --- search -------------------------------------------------------------------------------------


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Text in a claim (its wording or the article's words) or in an article's "
        "title, outlet or body.",
    )
    speaker = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="Who said it."
    )
    status = serializers.ChoiceField(
        choices=ClaimStatus.choices, required=False, allow_blank=True, default=""
    )
    rating = serializers.CharField(
        max_length=60,
        required=False,
        allow_blank=True,
        default="",
        help_text="A rating slug of the desk's scale (see /api/ratings/): claims whose "
        "current verdict has it.",
    )

    def validate_rating(self, slug: str) -> str:
        if slug and not Rating.objects.filter(scale=default_scale(), slug=slug).exists():
            raise serializers.ValidationError(f"There is no rating {slug!r} on the desk's scale.")
        return slug


class SearchClaimSerializer(serializers.ModelSerializer):
    article_title = serializers.CharField(source="article.title", read_only=True)
    assignee = person()
    rating = serializers.SerializerMethodField(
        help_text="The rating of the claim's current verdict, or null."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "article_title",
            "display_text",
            "speaker",
            "kind",
            "status",
            "checkworthiness",
            "assignee",
            "rating",
        ]
        read_only_fields = fields

    @extend_schema_field(RatingSummarySerializer(allow_null=True))
    def get_rating(self, claim: Claim) -> dict | None:
        verdict = getattr(claim, "current_verdict", None)
        return RatingSummarySerializer(verdict.rating).data if verdict is not None else None


class SearchResultSerializer(serializers.Serializer):
    articles = ArticleSerializer(many=True, help_text="At most 50, newest first; text only.")
    claims = SearchClaimSerializer(many=True, help_text="At most 100, the most check-worthy first.")


# --- the reference library ----------------------------------------------------------------------


class ReferenceSerializer(SourceSerializer):
    added_by = person()
    uploaded = serializers.SerializerMethodField(help_text="Added as a file, not from the web.")

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "uploaded", "added_by", "created_at"]
        read_only_fields = fields

    def get_uploaded(self, source: Source) -> bool:
        return bool(source.uploaded_file)


class ReferenceCreateSerializer(serializers.Serializer):
    url = Url(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="A web address to fetch (a background job); or send `file` instead.",
    )
    file = serializers.FileField(
        required=False, help_text="A .txt, .md, .html or .docx file (multipart/form-data)."
    )
    title = Text(max_length=500, required=False, allow_blank=True, default="")
