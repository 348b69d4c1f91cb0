"""Claims: the spans of an article the desk checks, and the actions of their review (edit,
take, split, merge, dismiss, reopen, and the verdict's save, submit, approve and return).
Writes carry the version the client saw; a stale one is refused with 409.

Over 400 lines: the claim's eleven review actions are one viewset, on one route and lookup.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from reviews import permissions as perms
from reviews.api.common import (
    MAX_VERSION,
    DeskView,
    Text,
    errors,
    object_id,
    person,
    version_field,
)
from reviews.api.filters import ClaimFilter, ClaimOrdering
from reviews.api.jobs import JobListSerializer, JobSerializer
from reviews.api.sources import FindSourcesSerializer
from reviews.api.verdicts import (
    ApproveSerializer,
    ReturnSerializer,
    VerdictInputSerializer,
    VerdictSerializer,
    VerdictVersionSerializer,
)
from reviews.errors import ReviewError
from reviews.models import Article, Claim, Verdict
from reviews.selectors.claims import (
    VERDICT_RELATIONS,
    claim_verdict_latest,
    claim_verdicts,
    claims_with_verdicts,
)
from reviews.selectors.disagreements import NumberDisagreement, article_disagreements
from reviews.services import candidates as candidate_services
from reviews.services import claims as claim_services
from reviews.services import verdicts as verdict_services

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


# --- serializers ----------------------------------------------------------------------------


class QuantitySerializer(serializers.Serializer):
    text = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    unit = serializers.CharField(allow_null=True)
    qualifier = serializers.CharField(allow_null=True)


class DateMentionSerializer(serializers.Serializer):
    text = serializers.CharField()
    value = serializers.CharField(
        allow_null=True, help_text="ISO date (or first day of a period), null if unresolved."
    )
    end = serializers.CharField(
        required=False, help_text="Last day, month or year of a period; absent for one date."
    )


@extend_schema_field(VerdictSerializer(allow_null=True))
class LatestVerdictSerializer(VerdictSerializer):
    # A declared field, not a method field: one serializer is built per list, not per claim
    # (building a ModelSerializer's fields costs more than rendering a row).
    def get_attribute(self, claim: Claim) -> Verdict | None:
        return claim_verdict_latest(claim)


class AllVerdictsSerializer(serializers.ListSerializer):
    def get_attribute(self, claim: Claim) -> list[Verdict]:
        return claim_verdicts(claim)


class DisagreementSerializer(serializers.Serializer):
    here = serializers.CharField(
        help_text='The quantity in this claim, as written: "2,030 troops".'
    )
    there = serializers.CharField(
        help_text='The quantity in the other claim, as written: "more than 2,000 troops".'
    )
    unit = serializers.CharField(help_text="What both count.")
    claim = serializers.IntegerField(source="claim_id", help_text="The other claim's id.")
    claim_number = serializers.IntegerField(help_text="The other claim's number in its article.")
    article = serializers.IntegerField(source="article_id", help_text="The other claim's article.")
    same_article = serializers.BooleanField(
        help_text="True for a claim of the same article; false for an earlier approved claim "
        "of another article."
    )


class DisagreementsSerializer(serializers.ListSerializer):
    # Worked out once per article and kept in the serializer's context, shared by the rows of
    # a list: two queries per article, not per claim.
    def get_attribute(self, claim: Claim) -> tuple[NumberDisagreement, ...]:
        known: dict[int, dict[int, tuple[NumberDisagreement, ...]]] = {}
        if isinstance(self.context, dict):
            known = self.context.setdefault("_disagreements", known)
        if claim.article_id not in known:
            known[claim.article_id] = article_disagreements(claim.article_id)
        return known[claim.article_id].get(claim.pk, ())


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
    disagreements = DisagreementsSerializer(
        child=DisagreementSerializer(),
        read_only=True,
        help_text="Numbers that disagree: quantities of the same thing that differ in another "
        "claim of the article or in an earlier approved claim of another article.",
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
            "speaker_role",
            "number",
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
            "disagreements",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=ACTIONS)))
    def get_actions(self, claim: Claim) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return sorted(perms.claim_actions(request.user, claim, claim_verdict_latest(claim)))


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
    speaker = Text(
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="Who made the claim, as the desk publishes them (the report's Speaker, "
        "ClaimReview's itemReviewed.author); empty: nobody named.",
    )
    speaker_role = Text(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text='Who the speaker is, e.g. "Health minister".',
    )
    assignee = object_id(
        required=False, allow_null=True, help_text="A desk member's user id, or null (editors)."
    )
    version = version_field(help_text="The claim's version you edited; 409 if it has changed.")

    def validate(self, attrs):
        if not {"wording", "speaker", "speaker_role", "assignee"} & set(attrs):
            raise serializers.ValidationError(
                "Change the wording, the speaker, the assignee, or several of them."
            )
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
    version = version_field(help_text="The claim's version you saw; 409 if it has changed.")


class SplitResultSerializer(serializers.Serializer):
    first = ClaimSerializer()
    second = ClaimSerializer()


class MergeSerializer(serializers.Serializer):
    other = object_id(help_text="The neighbouring claim of the same article to merge with.")


class ReasonSerializer(serializers.Serializer):
    reason = Text(help_text="Why; shown in the claim's history.")
    version = version_field(help_text="The claim's version you saw; 409 if it has changed.")


# --- views ----------------------------------------------------------------------------------


def claim_body(request, claim: Claim, *, status_code: int = status.HTTP_200_OK) -> Response:
    """The claim as stored after an action, with its verdicts and the user's actions."""
    fresh = claims_with_verdicts().get(pk=claim.pk)
    data = ClaimDetailSerializer(fresh, context={"request": request}).data
    return Response(data, status=status_code)


@extend_schema(parameters=[OpenApiParameter("article_id", int, OpenApiParameter.PATH)])
class ArticleClaimsView(DeskView, generics.ListCreateAPIView):
    """Claims of an article: spans of its body with their check-worthiness and review status."""

    filter_backends = [DjangoFilterBackend, ClaimOrdering]
    filterset_class = ClaimFilter
    serializer_class = ClaimSerializer

    def article(self) -> Article:
        return get_object_or_404(Article, pk=self.kwargs["article_id"])

    def get_queryset(self):
        if self.fake():
            return Claim.objects.none()
        return claims_with_verdicts().filter(article=self.article())

    @extend_schema(
        summary="The article's claims, filtered, in the article's order or by score",
        responses={200: ClaimSerializer(many=True), **errors(400, 401, 404)},
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        summary="Add a claim the extraction missed, from offsets into the article body",
        request=ClaimAddSerializer,
        responses={201: ClaimDetailSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request, *args, **kwargs):
        article = self.article()
        data = self.input(ClaimAddSerializer)
        claim = claim_services.claim_add(
            article=article, start=data["start"], end=data["end"], actor=request.user
        )
        return claim_body(request, claim, status_code=status.HTTP_201_CREATED)


CLAIM_ERRORS = errors(400, 401, 403, 404, 409)


@extend_schema_view(
    retrieve=extend_schema(
        summary="One claim with every verdict version",
        responses={200: ClaimDetailSerializer, **errors(401, 404)},
    ),
)
class ClaimViewSet(DeskView, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A claim and the actions of its review: verdict, submit, approve, return, split, merge,
    dismiss, reopen. Writes carry the version the client saw (409 when stale)."""

    serializer_class = ClaimDetailSerializer

    def get_queryset(self):
        return claims_with_verdicts().select_related("article")

    @extend_schema(
        summary="Edit the wording, the speaker and their role, and/or the assignee, with the "
        "version you edited",
        request=ClaimPatchSerializer,
        responses={200: ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    def partial_update(self, request, pk=None):
        claim = self.get_object()
        data = self.input(ClaimPatchSerializer)
        changes = {k: data[k] for k in ("wording", "speaker", "speaker_role") if k in data}
        if "assignee" in data:
            changes["assignee_id"] = data["assignee"]
        claim = claim_services.claim_edit(
            actor=request.user, claim_id=claim.pk, expected_version=data["version"], **changes
        )
        return claim_body(request, claim)

    @extend_schema(
        summary="Take an unassigned claim (it becomes yours)",
        request=None,
        responses={200: ClaimDetailSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def take(self, request, pk=None):
        claim = self.get_object()
        return claim_body(request, claim_services.claim_take(claim=claim, actor=request.user))

    @extend_schema(
        summary="Split the claim in two at an offset of the article body",
        request=SplitSerializer,
        responses={200: SplitResultSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def split(self, request, pk=None):
        claim = self.get_object()
        data = self.input(SplitSerializer)
        first, second = claim_services.claim_split(
            claim=claim,
            at=data["at"],
            actor=request.user,
            expected_version=data["version"],
        )
        both = {c.pk: c for c in claims_with_verdicts().filter(pk__in=[first.pk, second.pk])}
        context = {"request": request}
        return Response(
            {
                "first": ClaimSerializer(both[first.pk], context=context).data,
                "second": ClaimSerializer(both[second.pk], context=context).data,
            }
        )

    @extend_schema(
        summary="Merge the claim with a neighbouring claim of the same article",
        request=MergeSerializer,
        responses={200: ClaimDetailSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        claim = self.get_object()
        data = self.input(MergeSerializer)
        other = Claim.objects.filter(pk=data["other"]).first()
        if other is None:
            raise ReviewError("There is no such claim to merge with.", fields={"other": "unknown"})
        merged = claim_services.claim_merge(first=claim, second=other, actor=request.user)
        return claim_body(request, merged)

    @extend_schema(
        summary="Dismiss the claim as not worth checking, with the reason (editors; reviewers "
        "an unrated claim of theirs or nobody's)",
        request=ReasonSerializer,
        responses={200: ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        claim = self.get_object()
        data = self.input(ReasonSerializer)
        return claim_body(
            request,
            claim_services.claim_dismiss(
                claim=claim,
                reason=data["reason"],
                actor=request.user,
                expected_version=data["version"],
            ),
        )

    @extend_schema(
        summary="Reopen an approved claim for a correction, or a dismissed one (editors)",
        request=ReasonSerializer,
        responses={200: ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        claim = self.get_object()
        data = self.input(ReasonSerializer)
        return claim_body(
            request,
            claim_services.claim_reopen(
                claim=claim,
                reason=data["reason"],
                actor=request.user,
                expected_version=data["version"],
            ),
        )

    @extend_schema(
        summary="Save the verdict being worked on (created on the first save)",
        request=VerdictInputSerializer,
        responses={200: VerdictSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["put"])
    def verdict(self, request, pk=None):
        claim = self.get_object()
        data = self.input(VerdictInputSerializer)
        verdict = verdict_services.verdict_save(
            claim=claim,
            actor=request.user,
            rating=data["rating"],
            rationale=data["rationale"],
            confidence=data["confidence"],
            expected_version=data["version"],
        )
        verdict = Verdict.objects.select_related(*VERDICT_RELATIONS).get(pk=verdict.pk)
        return Response(VerdictSerializer(verdict).data)

    @extend_schema(
        summary="Submit the verdict for an editor's approval",
        request=VerdictVersionSerializer,
        responses={200: ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        claim = self.get_object()
        data = self.input(VerdictVersionSerializer)
        verdict_services.verdict_submit(
            claim=claim, actor=request.user, expected_version=data["version"]
        )
        return claim_body(request, claim)

    @extend_schema(
        summary="Approve the submitted verdict (editors; never their own: four-eyes)",
        request=ApproveSerializer,
        responses={200: ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        claim = self.get_object()
        data = self.input(ApproveSerializer)
        verdict_services.verdict_approve(
            claim=claim,
            actor=request.user,
            expected_version=data["version"],
            correction_note=data.get("correction_note"),
        )
        return claim_body(request, claim)

    @extend_schema(
        summary="Return the submitted verdict to the reviewer with a note (editors)",
        request=ReturnSerializer,
        responses={200: ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        claim = self.get_object()
        data = self.input(ReturnSerializer)
        verdict_services.verdict_return(
            claim=claim,
            actor=request.user,
            note=data["note"],
            expected_version=data["version"],
        )
        return claim_body(request, claim)

    @extend_schema(
        summary="Look for candidate sources with the desk's providers (background jobs)",
        request=FindSourcesSerializer,
        responses={202: JobListSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"], url_path="find-sources", url_name="find-sources")
    def find_sources(self, request, pk=None):
        claim = self.get_object()
        data = self.input(FindSourcesSerializer)
        jobs = candidate_services.candidates_find(
            claim=claim, actor=request.user, providers=data.get("providers")
        )
        return Response(
            {"jobs": JobSerializer(jobs, many=True).data}, status=status.HTTP_202_ACCEPTED
        )
