"""Shapes of the API's requests and responses.

Output serializers render objects the views load; input serializers only check types and
shapes (a rating is an id or a slug, a version a whole number). Every rule of the desk —
who may do what, in which status, how long a text may be — stays in the services, which the
views call with the validated data.
"""

from __future__ import annotations

import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reviews import permissions as perms
from reviews.forms import LANGUAGES
from reviews.models import (
    Article,
    Candidate,
    Claim,
    Comment,
    Evidence,
    Job,
    Rating,
    Report,
    Source,
    Stance,
    Verdict,
)

MAX_ID = 2**63 - 1
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")
MAX_VERSION = 2**31 - 1
ACTIONS = sorted(
    {
        "approve",
        "assign",
        "comment",
        "dismiss",
        "edit_wording",
        "merge",
        "remove_evidence",
        "reopen",
        "return",
        "save_verdict",
        "add_evidence",
        "split",
        "submit",
        "take",
    }
)


class StrictText:
    """Text fields take JSON strings only: DRF would turn `12` or `true` into "12"/"True",
    hiding a client's mistake."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class Text(StrictText, serializers.CharField):
    pass


class Url(StrictText, serializers.URLField):
    pass


def object_id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def version_field(*, minimum: int = 1, **kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=minimum, max_value=MAX_VERSION, **kwargs)


# --- errors and authentication --------------------------------------------------------------


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="invalid, not_authenticated, forbidden, not_found, conflict, too_large, "
        "unsupported_media_type, method_not_allowed, throttled, locked_out"
    )
    message = serializers.CharField(help_text="What went wrong, for people.")
    fields = serializers.DictField(
        child=serializers.CharField(), help_text="The input fields at fault, with the reason."
    )
    current = serializers.DictField(
        required=False,
        help_text="409 only: the stored values the refused change was based on an old version of.",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


class TokenRequestSerializer(serializers.Serializer):
    username = Text(max_length=150)
    password = Text(max_length=4096, trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")


# --- people ---------------------------------------------------------------------------------


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


def person(**kwargs) -> UserSerializer:
    return UserSerializer(read_only=True, allow_null=True, **kwargs)


# --- articles -------------------------------------------------------------------------------


class ArticleSerializer(serializers.ModelSerializer):
    ingested_by = person()
    claim_count = serializers.IntegerField(read_only=True, help_text="Claims not dismissed.")
    approved_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "url",
            "outlet",
            "author",
            "published",
            "language",
            "origin",
            "previous_version",
            "ingested_by",
            "ingested_at",
            "claim_count",
            "approved_count",
        ]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body", "body_hash"]
        read_only_fields = fields


class ArticleCreateSerializer(serializers.Serializer):
    title = Text(max_length=Article._meta.get_field("title").max_length)
    body = Text(trim_whitespace=False, help_text="The article's text, stored exactly as given.")
    published = serializers.DateField(help_text="Publication date (YYYY-MM-DD).")
    url = Url(max_length=2000, required=False, allow_blank=True, default="")
    outlet = Text(max_length=200, required=False, allow_blank=True, default="")
    author = Text(max_length=300, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(choices=LANGUAGES, required=False, default="en")


class ArticleVersionSerializer(serializers.Serializer):
    body = Text(trim_whitespace=False, help_text="The updated text, stored exactly as given.")
    title = Text(
        max_length=Article._meta.get_field("title").max_length,
        required=False,
        help_text="Default: the previous version's title.",
    )
    published = serializers.DateField(
        required=False, help_text="Default: the previous version's date."
    )


# --- ratings and verdicts -------------------------------------------------------------------


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
            "version",
            "created_at",
            "updated_at",
        ]
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
        from reviews.services.ratings import default_scale

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


class VerdictInputSerializer(serializers.Serializer):
    rating = RatingChoiceField()
    rationale = Text(
        allow_blank=True,
        required=False,
        default="",
        trim_whitespace=False,
        help_text="Why this rating (Markdown). Needed before submitting.",
    )
    confidence = serializers.IntegerField(min_value=0, max_value=100, required=False, default=70)
    version = version_field(
        minimum=0,
        help_text="The version of the verdict you edited, 0 if the claim had none (a "
        "verdict someone else saved meanwhile is not overwritten: 409).",
    )


class VerdictVersionSerializer(serializers.Serializer):
    version = version_field(
        required=False,
        help_text="The version of the verdict you reviewed; 409 if it has changed since.",
    )


class ReturnSerializer(VerdictVersionSerializer):
    note = Text(help_text="What must change.")


# --- claims ---------------------------------------------------------------------------------


class QuantitySerializer(serializers.Serializer):
    text = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    unit = serializers.CharField(allow_null=True)
    qualifier = serializers.CharField(allow_null=True)


class DateMentionSerializer(serializers.Serializer):
    text = serializers.CharField()
    value = serializers.CharField(allow_null=True, help_text="ISO date, or null if unresolved.")


def latest_verdict(claim: Claim) -> Verdict | None:
    """The verdict being worked on: the newest version (views prefetch them newest first)."""
    verdicts = getattr(claim, "api_verdicts", None)
    if verdicts is None:
        verdicts = claim.verdicts.select_related(
            "rating", "author", "last_edited_by", "approved_by"
        ).order_by("-number")[:1]
    return verdicts[0] if verdicts else None


@extend_schema_field(VerdictSerializer(allow_null=True))
class LatestVerdictSerializer(VerdictSerializer):
    # A declared field, not a method field: one serializer is built per list, not per claim
    # (building a ModelSerializer's fields costs more than rendering a row).
    def get_attribute(self, claim: Claim) -> Verdict | None:
        return latest_verdict(claim)


class AllVerdictsSerializer(serializers.ListSerializer):
    def get_attribute(self, claim: Claim):
        verdicts = getattr(claim, "api_verdicts", None)
        if verdicts is None:
            verdicts = claim.verdicts.select_related(
                "rating", "author", "last_edited_by", "approved_by"
            ).order_by("-number")
        return verdicts


class ClaimSerializer(serializers.ModelSerializer):
    assignee = person()
    quantities = QuantitySerializer(many=True, read_only=True)
    dates = DateMentionSerializer(many=True, read_only=True)
    verdict = LatestVerdictSerializer(
        read_only=True,
        allow_null=True,
        help_text="The verdict being worked on (the newest version), or null.",
    )
    actions = serializers.SerializerMethodField(
        help_text="What the requesting user could do to this claim right now."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "start",
            "end",
            "text",
            "wording",
            "display_text",
            "headline",
            "kind",
            "speaker",
            "quantities",
            "dates",
            "checkworthiness",
            "checkworthy",
            "status",
            "assignee",
            "dismissed_reason",
            "reopen_reason",
            "needs_review",
            "added_manually",
            "version",
            "created_at",
            "updated_at",
            "verdict",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=ACTIONS)))
    def get_actions(self, claim: Claim) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return sorted(perms.claim_actions(request.user, claim, latest_verdict(claim)))


class ClaimDetailSerializer(ClaimSerializer):
    score_reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    verdicts = AllVerdictsSerializer(
        child=VerdictSerializer(), read_only=True, help_text="Every version, newest first."
    )

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "score_reasons", "verdicts"]
        read_only_fields = fields


class ClaimPatchSerializer(serializers.Serializer):
    wording = Text(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="The wording readers see; empty means the article's own text.",
    )
    assignee = object_id(
        required=False, allow_null=True, help_text="A desk member's user id, or null (editors)."
    )
    version = version_field(help_text="The claim's version you edited; 409 if it has changed.")

    def validate(self, attrs):
        if "wording" not in attrs and "assignee" not in attrs:
            raise serializers.ValidationError("Change the wording, the assignee, or both.")
        return attrs


class ClaimAddSerializer(serializers.Serializer):
    start = serializers.IntegerField(min_value=0, max_value=MAX_VERSION)
    end = serializers.IntegerField(min_value=0, max_value=MAX_VERSION)


class SplitSerializer(serializers.Serializer):
    at = serializers.IntegerField(
        min_value=0,
        max_value=MAX_VERSION,
        help_text="Where to split: an offset into the article body, strictly inside the claim.",
    )
    version = version_field(required=False, help_text="The claim's version; 409 if stale.")


class SplitResultSerializer(serializers.Serializer):
    first = ClaimSerializer()
    second = ClaimSerializer()


class MergeSerializer(serializers.Serializer):
    other = object_id(help_text="The neighbouring claim of the same article to merge with.")


class ReasonSerializer(serializers.Serializer):
    reason = Text(help_text="Why; shown in the claim's history.")
    version = version_field(required=False, help_text="The claim's version; 409 if stale.")


# --- evidence, sources, candidates -----------------------------------------------------------


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "canonical_url",
            "title",
            "publisher",
            "author",
            "published",
            "fetch_status",
            "fetched_at",
            "content_hash",
        ]
        read_only_fields = fields


class EvidenceSerializer(serializers.ModelSerializer):
    source = SourceSerializer(read_only=True)
    added_by = person()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "claim",
            "source",
            "stance",
            "quote",
            "note",
            "candidate",
            "added_by",
            "created_at",
        ]
        read_only_fields = fields


class EvidenceCreateSerializer(serializers.Serializer):
    url = Url(max_length=2000)
    stance = serializers.ChoiceField(choices=Stance.choices)
    quote = Text(required=False, allow_blank=True, default="")
    note = Text(required=False, allow_blank=True, default="")
    title = Text(required=False, allow_blank=True, default="", max_length=500)
    publisher = Text(required=False, allow_blank=True, default="", max_length=300)
    published = serializers.DateField(required=False, allow_null=True, default=None)


class CandidateSerializer(serializers.ModelSerializer):
    decided_by = person()
    providers = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "claim",
            "url",
            "title",
            "snippet",
            "publisher",
            "published",
            "provider",
            "providers",
            "query",
            "rank",
            "provider_score",
            "relevance",
            "passage",
            "extra",
            "source",
            "decision",
            "decided_by",
            "decided_at",
            "created_at",
        ]
        read_only_fields = fields


class CandidateAcceptSerializer(serializers.Serializer):
    stance = serializers.ChoiceField(choices=Stance.choices)
    quote = Text(required=False, allow_blank=True, default="")
    note = Text(required=False, allow_blank=True, default="")


class CandidateDismissSerializer(serializers.Serializer):
    reason = Text(required=False, allow_blank=True, default="", max_length=500)


class FindSourcesSerializer(serializers.Serializer):
    providers = serializers.ListField(
        child=Text(max_length=40),
        required=False,
        allow_empty=False,
        max_length=20,
        help_text="Provider names (archive, wikipedia, factcheck_tools, searxng); default: "
        "every provider switched on.",
    )

    def validate_providers(self, names: list[str]) -> list[str]:
        from reviews.providers import registry

        known = registry()
        unknown = [name for name in names if name not in known]
        if unknown:
            raise serializers.ValidationError(
                f"Unknown provider {unknown[0]!r}; one of: {', '.join(sorted(known))}."
            )
        return list(dict.fromkeys(names))


# --- jobs, comments, history, reports --------------------------------------------------------


class JobSerializer(serializers.ModelSerializer):
    progress_percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "status",
            "article",
            "claim",
            "candidate",
            "progress_done",
            "progress_total",
            "progress_percent",
            "attempts",
            "last_error",
            "result",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class JobListSerializer(serializers.Serializer):
    jobs = JobSerializer(many=True)


class CommentSerializer(serializers.ModelSerializer):
    author = person()

    class Meta:
        model = Comment
        fields = ["id", "claim", "author", "body", "created_at"]
        read_only_fields = fields


class CommentCreateSerializer(serializers.Serializer):
    body = Text()


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)


class HistoryEventSerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    actor = serializers.CharField(
        source="actor_name", help_text="Username, or `system` for background work."
    )
    kind = serializers.ChoiceField(choices=["claim", "verdict", "evidence", "comment"])
    message = serializers.CharField()
    changes = serializers.SerializerMethodField()

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changes(self, event) -> list[dict]:
        return [
            {"field": name, "before": before, "after": after}
            for name, before, after in event.changes
        ]


class ReportSerializer(serializers.ModelSerializer):
    published_by = person()
    url = serializers.SerializerMethodField(help_text="The public page of this version.")
    downloads = serializers.SerializerMethodField(help_text="Each export format's public URL.")

    class Meta:
        model = Report
        fields = [
            "id",
            "article",
            "number",
            "published_at",
            "published_by",
            "content_hash",
            "url",
            "downloads",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, report: Report) -> str:
        from reviews.services.reports import report_public_url

        return report_public_url(report.article_id, report.number)

    @extend_schema_field(serializers.DictField(child=serializers.URLField()))
    def get_downloads(self, report: Report) -> dict[str, str]:
        from django.urls import reverse

        from reviews.exports import FORMATS

        request = self.context.get("request")
        urls = {}
        for name in FORMATS:
            path = reverse("reviews:report_download", args=[report.article_id, report.number, name])
            urls[name] = request.build_absolute_uri(path) if request is not None else path
        return urls
