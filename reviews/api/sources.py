"""Sources: the evidence attached to claims, the candidates the providers suggest for them,
and the desk's reference library."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from reviews.api.common import DeskView, Text, Url, errors, person
from reviews.api.filters import CandidateFilter
from reviews.api.jobs import JobSerializer
from reviews.api.parsers import LimitedJSONParser, LimitedMultiPartParser
from reviews.models import Candidate, Evidence, Job, Source, Stance
from reviews.providers import registry
from reviews.services import candidates as candidate_services
from reviews.services import evidence as evidence_services
from reviews.services import library as library_services


def evidence_queryset() -> QuerySet[Evidence]:
    return Evidence.objects.select_related("source", "added_by")


# --- serializers ----------------------------------------------------------------------------


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
        known = registry()
        unknown = [name for name in names if name not in known]
        if unknown:
            raise serializers.ValidationError(
                f"Unknown provider {unknown[0]!r}; one of: {', '.join(sorted(known))}."
            )
        return list(dict.fromkeys(names))


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


# --- a claim's evidence and candidates ------------------------------------------------------


@extend_schema(parameters=[OpenApiParameter("claim_id", int, OpenApiParameter.PATH)])
class ClaimEvidenceView(DeskView, generics.ListCreateAPIView):
    """Sources attached to a claim, with their stance and the quote that matters."""

    serializer_class = EvidenceSerializer
    cursor_ordering = ("created_at", "id")

    def get_queryset(self):
        if self.fake():
            return Evidence.objects.none()
        claim = self.claim_from_url()
        return evidence_queryset().filter(claim=claim)

    @extend_schema(
        summary="The sources attached to the claim",
        responses={200: EvidenceSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        summary="Attach a source to the claim, with its stance and the quote that matters",
        request=EvidenceCreateSerializer,
        responses={201: EvidenceSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request, *args, **kwargs):
        claim = self.claim_from_url()
        data = self.input(EvidenceCreateSerializer)
        evidence = evidence_services.evidence_add(claim=claim, actor=request.user, **data)
        stored = evidence_queryset().get(pk=evidence.pk)
        return Response(EvidenceSerializer(stored).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[OpenApiParameter("claim_id", int, OpenApiParameter.PATH)])
class ClaimCandidatesView(DeskView, generics.ListAPIView):
    """Sources the providers suggested for a claim; accept or dismiss them."""

    serializer_class = CandidateSerializer
    filterset_class = CandidateFilter
    cursor_ordering = ("-relevance", "id")

    def get_queryset(self):
        if self.fake():
            return Candidate.objects.none()
        claim = self.claim_from_url()
        return Candidate.objects.filter(claim=claim).select_related("decided_by")

    @extend_schema(
        summary="Candidate sources the providers suggested, most relevant first",
        responses={200: CandidateSerializer(many=True), **errors(400, 401, 404)},
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


# --- candidates and evidence by id ----------------------------------------------------------


@extend_schema_view(
    retrieve=extend_schema(
        summary="One candidate source", responses={200: CandidateSerializer, **errors(401, 404)}
    ),
)
class CandidateViewSet(DeskView, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A candidate source; accepting it makes it evidence, dismissing it is recorded."""

    serializer_class = CandidateSerializer

    def get_queryset(self):
        return Candidate.objects.select_related("claim", "decided_by")

    @extend_schema(
        summary="Accept the candidate: it becomes evidence for its claim",
        request=CandidateAcceptSerializer,
        responses={201: EvidenceSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        candidate = self.get_object()
        data = self.input(CandidateAcceptSerializer)
        evidence = candidate_services.candidate_accept(
            candidate=candidate, actor=request.user, **data
        )
        stored = evidence_queryset().get(pk=evidence.pk)
        return Response(EvidenceSerializer(stored).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Dismiss the candidate (the decision is kept to improve ranking)",
        request=CandidateDismissSerializer,
        responses={200: CandidateSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        candidate = self.get_object()
        data = self.input(CandidateDismissSerializer)
        candidate_services.candidate_dismiss(
            candidate=candidate, actor=request.user, reason=data["reason"]
        )
        return Response(CandidateSerializer(self.get_queryset().get(pk=candidate.pk)).data)


@extend_schema_view(
    retrieve=extend_schema(
        summary="One piece of evidence", responses={200: EvidenceSerializer, **errors(401, 404)}
    ),
    destroy=extend_schema(
        summary="Detach the source from its claim",
        responses={204: None, **errors(400, 401, 403, 404)},
    ),
)
class EvidenceViewSet(
    DeskView, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """A source attached to a claim."""

    serializer_class = EvidenceSerializer

    def get_queryset(self):
        return evidence_queryset()

    def perform_destroy(self, instance):
        evidence_services.evidence_remove(evidence=instance, actor=self.request.user)


# --- the reference library ------------------------------------------------------------------


class ReferenceListView(DeskView, generics.ListCreateAPIView):
    """The desk's reference library: documents the archive provider searches for every
    claim (statistics releases, laws, earlier reports)."""

    serializer_class = ReferenceSerializer
    parser_classes = [LimitedJSONParser, LimitedMultiPartParser]
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self):
        return Source.objects.filter(is_reference=True).select_related("added_by")

    @extend_schema(
        operation_id="references_list",
        summary="The reference library, newest first",
        responses={200: ReferenceSerializer(many=True), **errors(401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        operation_id="references_create",
        summary="Add a reference document: a file (stored now) or a web address (fetched by "
        "a background job)",
        request={
            "application/json": ReferenceCreateSerializer,
            "multipart/form-data": ReferenceCreateSerializer,
        },
        responses={
            201: OpenApiResponse(ReferenceSerializer, description="The file is stored."),
            202: OpenApiResponse(JobSerializer, description="The job that fetches the URL."),
            **errors(400, 401, 403, 413, 415),
        },
    )
    def post(self, request, *args, **kwargs):
        data = self.input(ReferenceCreateSerializer)
        upload = data.get("file")
        added = library_services.reference_document_add(
            actor=request.user,
            url=data["url"],
            name=upload.name if upload else "",
            data=upload.read() if upload else None,
            title=data["title"],
        )
        if isinstance(added, Job):
            return Response(JobSerializer(added).data, status=status.HTTP_202_ACCEPTED)
        stored = self.get_queryset().get(pk=added.pk)
        return Response(ReferenceSerializer(stored).data, status=status.HTTP_201_CREATED)
