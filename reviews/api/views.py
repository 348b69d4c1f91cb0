"""The REST API (DESIGN.md section 7): every action of the desk, under the rules of the UI.

Interfaces only: parse the request (serializers), check access (reviews.api.permissions and
the scoped querysets below), call one service, render. A `ReviewError` from a service
becomes the API's error body in reviews.api.exceptions. Every route that names an object
looks it up before reading the body, so a user who may not see it gets the same 404 as for
an object that does not exist, whatever they send.
"""

from __future__ import annotations

from csp.decorators import csp_replace
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from reviews import history, selectors
from reviews import permissions as perms
from reviews.api import serializers as s
from reviews.api.exceptions import NOT_FOUND_MESSAGE, LockedOut
from reviews.api.filters import CandidateFilter, ClaimFilter, ClaimOrdering, JobFilter
from reviews.api.permissions import DeskMember
from reviews.api.throttling import TokenThrottle
from reviews.errors import ReviewError
from reviews.exports import FORMATS, STANDALONE_REPORT_CSP
from reviews.models import Article, Candidate, Claim, Comment, Evidence, Job, Rating, Verdict
from reviews.services import articles as article_services
from reviews.services import claims as claim_services
from reviews.services import comments as comment_services
from reviews.services import evidence as evidence_services
from reviews.services import reingest as reingest_services
from reviews.services import reports as report_services
from reviews.services import sources as source_services
from reviews.services import verdicts as verdict_services
from reviews.services.ratings import default_scale

ERROR_DESCRIPTIONS = {
    400: "Bad input: malformed JSON, wrong types, missing fields, or a rule of the input.",
    401: "Not authenticated: send `Authorization: Token ...` or log in.",
    403: "Refused by a rule of the desk (four-eyes, someone else's claim, editors only).",
    404: "No such object, or one you may not see.",
    409: "Stale version: someone changed it after you loaded it. `current` has the values.",
    413: "The request body is too large.",
    415: "A body of a type this operation does not read (files: multipart/form-data).",
    429: "Too many requests (or failed logins); try again later.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(s.ErrorSerializer, description=ERROR_DESCRIPTIONS[code])
        for code in codes
    }


def claims_queryset() -> QuerySet[Claim]:
    """Claims with what their representation shows, in a fixed number of queries."""
    verdicts = Verdict.objects.select_related(
        "rating", "author", "last_edited_by", "approved_by"
    ).order_by("-number")
    return Claim.objects.select_related("assignee").prefetch_related(
        Prefetch("verdicts", queryset=verdicts, to_attr="api_verdicts")
    )


# Shared by the desk's views: desk members only, objects looked up in scope. (No docstring:
# drf-spectacular would show it as the description of every operation.)
class DeskView:
    permission_classes = [DeskMember]
    lookup_value_regex = "[0-9]+"

    def input(self, serializer_class: type[serializers.Serializer]) -> dict:
        serializer = serializer_class(data=self.request.data, context={"request": self.request})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def fake(self) -> bool:
        # drf-spectacular instantiates views without a request to build the schema.
        return getattr(self, "swagger_fake_view", False)

    def claim_from_url(self, key: str = "claim_id") -> Claim:
        return get_object_or_404(Claim.objects.select_related("article"), pk=self.kwargs[key])

    def claim_body(self, claim: Claim, *, status_code: int = status.HTTP_200_OK) -> Response:
        """The claim as stored after an action, with its verdicts and the user's actions."""
        fresh = claims_queryset().get(pk=claim.pk)
        data = s.ClaimDetailSerializer(fresh, context={"request": self.request}).data
        return Response(data, status=status_code)


# --- authentication -------------------------------------------------------------------------


class TokenView(APIView):
    """Exchange a username and password for an API token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle]

    @extend_schema(
        operation_id="auth_token_create",
        request=s.TokenRequestSerializer,
        responses={200: s.TokenSerializer, **errors(400, 429)},
        auth=[],
        tags=["auth"],
    )
    def post(self, request):
        serializer = s.TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # django-axes counts failures per username and address; it needs the request.
        user = authenticate(
            request=request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            raise LockedOut()
        if user is None:
            raise ReviewError("Wrong username or password.", "invalid")
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


# --- articles -------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Articles of the desk, newest first",
        responses={200: s.ArticleSerializer(many=True), **errors(401, 403)},
    ),
    retrieve=extend_schema(
        summary="One article with its body",
        responses={200: s.ArticleDetailSerializer, **errors(401, 404)},
    ),
)
class ArticleViewSet(
    DeskView, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Articles as ingested; the body is never rewritten (claims point into it)."""

    cursor_ordering = ("-ingested_at", "-id")

    def get_queryset(self):
        return selectors.articles_for_desk()

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer

    @extend_schema(
        summary="Ingest an article: store the text and extract its claims",
        request=s.ArticleCreateSerializer,
        responses={201: s.ArticleSerializer, **errors(400, 401, 403, 413)},
    )
    def create(self, request):
        data = self.input(s.ArticleCreateSerializer)
        article = article_services.article_ingest(user=request.user, **data)
        stored = selectors.articles_for_desk().get(pk=article.pk)
        return Response(
            s.ArticleSerializer(stored, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Ingest an updated text as the article's next version; the desk's work on "
        "unchanged claims carries over",
        request=s.ArticleVersionSerializer,
        responses={
            201: s.ArticleSerializer,
            **errors(400, 401, 403, 404, 413),
            409: OpenApiResponse(
                s.ErrorSerializer, description="This version was replaced already."
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="new-version", url_name="new-version")
    def new_version(self, request, pk=None):
        article = self.get_object()
        data = self.input(s.ArticleVersionSerializer)
        new = reingest_services.article_reingest(
            previous=article,
            body=data["body"],
            actor=request.user,
            title=data.get("title"),
            published=data.get("published"),
        )
        stored = selectors.articles_for_desk().get(pk=new.pk)
        return Response(
            s.ArticleSerializer(stored, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Look for candidate sources for every open claim of the article (editors)",
        request=None,
        responses={202: s.JobListSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"], url_path="find-sources", url_name="find-sources")
    def find_sources(self, request, pk=None):
        article = self.get_object()
        jobs = source_services.candidates_find_for_article(article=article, actor=request.user)
        return Response(
            {"jobs": s.JobSerializer(jobs, many=True).data}, status=status.HTTP_202_ACCEPTED
        )

    @extend_schema(
        summary="Publish the next version of the article's report (editors)",
        request=None,
        responses={
            201: s.ReportSerializer,
            **errors(400, 401, 403, 404),
            409: OpenApiResponse(
                s.ErrorSerializer, description="Nothing changed since the last version."
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        article = self.get_object()
        report = report_services.report_publish(article=article, actor=request.user)
        return Response(
            s.ReportSerializer(report, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(parameters=[OpenApiParameter("article_id", int, OpenApiParameter.PATH)])
class ArticleClaimsView(DeskView, generics.ListCreateAPIView):
    """Claims of an article: spans of its body with their check-worthiness and review status."""

    filter_backends = [DjangoFilterBackend, ClaimOrdering]
    filterset_class = ClaimFilter
    serializer_class = s.ClaimSerializer

    def article(self) -> Article:
        return get_object_or_404(Article, pk=self.kwargs["article_id"])

    def get_queryset(self):
        if self.fake():
            return Claim.objects.none()
        return claims_queryset().filter(article=self.article())

    @extend_schema(
        summary="The article's claims, filtered, in the article's order or by score",
        responses={200: s.ClaimSerializer(many=True), **errors(400, 401, 404)},
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        summary="Add a claim the extraction missed, from offsets into the article body",
        request=s.ClaimAddSerializer,
        responses={201: s.ClaimDetailSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request, *args, **kwargs):
        article = self.article()
        data = self.input(s.ClaimAddSerializer)
        claim = claim_services.claim_add(
            article=article, start=data["start"], end=data["end"], actor=request.user
        )
        return self.claim_body(claim, status_code=status.HTTP_201_CREATED)


# --- claims ---------------------------------------------------------------------------------

CLAIM_ERRORS = errors(400, 401, 403, 404, 409)


@extend_schema_view(
    retrieve=extend_schema(
        summary="One claim with every verdict version",
        responses={200: s.ClaimDetailSerializer, **errors(401, 404)},
    ),
)
class ClaimViewSet(DeskView, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A claim and the actions of its review: verdict, submit, approve, return, split, merge,
    dismiss, reopen. Writes carry the version the client saw (409 when stale)."""

    serializer_class = s.ClaimDetailSerializer

    def get_queryset(self):
        return claims_queryset().select_related("article")

    @extend_schema(
        summary="Edit the wording and/or the assignee, with the version you edited",
        request=s.ClaimPatchSerializer,
        responses={200: s.ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    def partial_update(self, request, pk=None):
        claim = self.get_object()
        data = self.input(s.ClaimPatchSerializer)
        assignee = None
        if data.get("assignee") is not None:
            assignee = get_user_model().objects.filter(pk=data["assignee"]).first()
            if assignee is None:
                raise ReviewError("There is no such user.", fields={"assignee": "unknown"})
        version = data["version"]
        with transaction.atomic():
            if "wording" in data and "assignee" in data:
                # Two services, one edit: both changes or neither, and both based on the
                # version the client saw. The row lock keeps others out in between.
                stored = (
                    Claim.objects.select_for_update()
                    .filter(pk=claim.pk)
                    .values_list("version", flat=True)
                    .first()
                )
                if stored != version:
                    raise history.conflict(Claim, claim.pk, version)
            if "wording" in data:
                claim = claim_services.claim_edit_wording(
                    claim=claim,
                    wording=data["wording"],
                    actor=request.user,
                    expected_version=version,
                )
                version = claim.version
            if "assignee" in data:
                claim = claim_services.claim_assign(
                    claim=claim, assignee=assignee, actor=request.user, expected_version=version
                )
        return self.claim_body(claim)

    @extend_schema(
        summary="Take an unassigned claim (it becomes yours)",
        request=None,
        responses={200: s.ClaimDetailSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def take(self, request, pk=None):
        claim = self.get_object()
        return self.claim_body(claim_services.claim_take(claim=claim, actor=request.user))

    @extend_schema(
        summary="Split the claim in two at an offset of the article body",
        request=s.SplitSerializer,
        responses={200: s.SplitResultSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def split(self, request, pk=None):
        claim = self.get_object()
        data = self.input(s.SplitSerializer)
        first, second = claim_services.claim_split(
            claim=claim,
            at=data["at"],
            actor=request.user,
            expected_version=data.get("version"),
        )
        both = {c.pk: c for c in claims_queryset().filter(pk__in=[first.pk, second.pk])}
        context = {"request": request}
        return Response(
            {
                "first": s.ClaimSerializer(both[first.pk], context=context).data,
                "second": s.ClaimSerializer(both[second.pk], context=context).data,
            }
        )

    @extend_schema(
        summary="Merge the claim with a neighbouring claim of the same article",
        request=s.MergeSerializer,
        responses={200: s.ClaimDetailSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        claim = self.get_object()
        data = self.input(s.MergeSerializer)
        other = Claim.objects.filter(pk=data["other"]).first()
        if other is None:
            raise ReviewError("There is no such claim to merge with.", fields={"other": "unknown"})
        merged = claim_services.claim_merge(first=claim, second=other, actor=request.user)
        return self.claim_body(merged)

    @extend_schema(
        summary="Dismiss the claim as not worth checking, with the reason (editors)",
        request=s.ReasonSerializer,
        responses={200: s.ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        claim = self.get_object()
        data = self.input(s.ReasonSerializer)
        return self.claim_body(
            claim_services.claim_dismiss(
                claim=claim,
                reason=data["reason"],
                actor=request.user,
                expected_version=data.get("version"),
            )
        )

    @extend_schema(
        summary="Reopen an approved claim for a correction, or a dismissed one (editors)",
        request=s.ReasonSerializer,
        responses={200: s.ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        claim = self.get_object()
        data = self.input(s.ReasonSerializer)
        return self.claim_body(
            claim_services.claim_reopen(
                claim=claim,
                reason=data["reason"],
                actor=request.user,
                expected_version=data.get("version"),
            )
        )

    @extend_schema(
        summary="Save the verdict being worked on (created on the first save)",
        request=s.VerdictInputSerializer,
        responses={200: s.VerdictSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["put"])
    def verdict(self, request, pk=None):
        claim = self.get_object()
        data = self.input(s.VerdictInputSerializer)
        verdict = verdict_services.verdict_save(
            claim=claim,
            actor=request.user,
            rating=data["rating"],
            rationale=data["rationale"],
            confidence=data["confidence"],
            expected_version=data["version"],
        )
        verdict = Verdict.objects.select_related(
            "rating", "author", "last_edited_by", "approved_by"
        ).get(pk=verdict.pk)
        return Response(s.VerdictSerializer(verdict).data)

    @extend_schema(
        summary="Submit the verdict for an editor's approval",
        request=s.VerdictVersionSerializer,
        responses={200: s.ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        claim = self.get_object()
        data = self.input(s.VerdictVersionSerializer)
        verdict_services.verdict_submit(
            claim=claim, actor=request.user, expected_version=data.get("version")
        )
        return self.claim_body(claim)

    @extend_schema(
        summary="Approve the submitted verdict (editors; never their own: four-eyes)",
        request=s.VerdictVersionSerializer,
        responses={200: s.ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        claim = self.get_object()
        data = self.input(s.VerdictVersionSerializer)
        verdict_services.verdict_approve(
            claim=claim, actor=request.user, expected_version=data.get("version")
        )
        return self.claim_body(claim)

    @extend_schema(
        summary="Return the submitted verdict to the reviewer with a note (editors)",
        request=s.ReturnSerializer,
        responses={200: s.ClaimDetailSerializer, **CLAIM_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        claim = self.get_object()
        data = self.input(s.ReturnSerializer)
        verdict_services.verdict_return(
            claim=claim,
            actor=request.user,
            note=data["note"],
            expected_version=data.get("version"),
        )
        return self.claim_body(claim)

    @extend_schema(
        summary="Look for candidate sources with the desk's providers (background jobs)",
        request=s.FindSourcesSerializer,
        responses={202: s.JobListSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"], url_path="find-sources", url_name="find-sources")
    def find_sources(self, request, pk=None):
        claim = self.get_object()
        data = self.input(s.FindSourcesSerializer)
        jobs = source_services.candidates_find(
            claim=claim, actor=request.user, providers=data.get("providers")
        )
        return Response(
            {"jobs": s.JobSerializer(jobs, many=True).data}, status=status.HTTP_202_ACCEPTED
        )


@extend_schema(parameters=[OpenApiParameter("claim_id", int, OpenApiParameter.PATH)])
class ClaimEvidenceView(DeskView, generics.ListCreateAPIView):
    """Sources attached to a claim, with their stance and the quote that matters."""

    serializer_class = s.EvidenceSerializer
    cursor_ordering = ("created_at", "id")

    def get_queryset(self):
        if self.fake():
            return Evidence.objects.none()
        claim = self.claim_from_url()
        return Evidence.objects.filter(claim=claim).select_related("source", "added_by")

    @extend_schema(
        summary="The sources attached to the claim",
        responses={200: s.EvidenceSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        summary="Attach a source to the claim, with its stance and the quote that matters",
        request=s.EvidenceCreateSerializer,
        responses={201: s.EvidenceSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request, *args, **kwargs):
        claim = self.claim_from_url()
        data = self.input(s.EvidenceCreateSerializer)
        evidence = evidence_services.evidence_add(claim=claim, actor=request.user, **data)
        stored = Evidence.objects.select_related("source", "added_by").get(pk=evidence.pk)
        return Response(s.EvidenceSerializer(stored).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[OpenApiParameter("claim_id", int, OpenApiParameter.PATH)])
class ClaimCandidatesView(DeskView, generics.ListAPIView):
    """Sources the providers suggested for a claim; accept or dismiss them."""

    serializer_class = s.CandidateSerializer
    filterset_class = CandidateFilter
    cursor_ordering = ("-relevance", "id")

    def get_queryset(self):
        if self.fake():
            return Candidate.objects.none()
        claim = self.claim_from_url()
        return Candidate.objects.filter(claim=claim).select_related("decided_by")

    @extend_schema(
        summary="Candidate sources the providers suggested, most relevant first",
        responses={200: s.CandidateSerializer(many=True), **errors(400, 401, 404)},
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


@extend_schema(parameters=[OpenApiParameter("claim_id", int, OpenApiParameter.PATH)])
class ClaimCommentsView(DeskView, generics.ListCreateAPIView):
    """Discussion on a claim, open to the whole desk."""

    serializer_class = s.CommentSerializer
    cursor_ordering = ("created_at", "id")

    def get_queryset(self):
        if self.fake():
            return Comment.objects.none()
        claim = self.claim_from_url()
        return Comment.objects.filter(claim=claim).select_related("author")

    @extend_schema(
        summary="The discussion on the claim, oldest first",
        responses={200: s.CommentSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        summary="Add a comment to the claim",
        request=s.CommentCreateSerializer,
        responses={201: s.CommentSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request, *args, **kwargs):
        claim = self.claim_from_url()
        data = self.input(s.CommentCreateSerializer)
        comment = comment_services.comment_add(claim=claim, actor=request.user, body=data["body"])
        stored = Comment.objects.select_related("author").get(pk=comment.pk)
        return Response(s.CommentSerializer(stored).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[OpenApiParameter("claim_id", int, OpenApiParameter.PATH)])
class ClaimHistoryView(DeskView, APIView):
    """Who changed what and when: the claim, its verdicts, its evidence, its comments."""

    # The timeline is assembled in memory from several histories: one list, oldest first,
    # not paginated.

    @extend_schema(
        summary="Every recorded change of the claim, its verdicts, evidence and comments",
        responses={200: s.HistoryEventSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request, *args, **kwargs):
        claim = self.claim_from_url()
        events = history.claim_timeline(claim)
        return Response(s.HistoryEventSerializer(events, many=True).data)


# --- candidates, evidence, ratings, jobs ----------------------------------------------------


@extend_schema_view(
    retrieve=extend_schema(
        summary="One candidate source", responses={200: s.CandidateSerializer, **errors(401, 404)}
    ),
)
class CandidateViewSet(DeskView, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A candidate source; accepting it makes it evidence, dismissing it is recorded."""

    serializer_class = s.CandidateSerializer

    def get_queryset(self):
        return Candidate.objects.select_related("claim", "decided_by")

    @extend_schema(
        summary="Accept the candidate: it becomes evidence for its claim",
        request=s.CandidateAcceptSerializer,
        responses={201: s.EvidenceSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        candidate = self.get_object()
        data = self.input(s.CandidateAcceptSerializer)
        evidence = source_services.candidate_accept(candidate=candidate, actor=request.user, **data)
        stored = Evidence.objects.select_related("source", "added_by").get(pk=evidence.pk)
        return Response(s.EvidenceSerializer(stored).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Dismiss the candidate (the decision is kept to improve ranking)",
        request=s.CandidateDismissSerializer,
        responses={200: s.CandidateSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        candidate = self.get_object()
        data = self.input(s.CandidateDismissSerializer)
        source_services.candidate_dismiss(
            candidate=candidate, actor=request.user, reason=data["reason"]
        )
        return Response(s.CandidateSerializer(self.get_queryset().get(pk=candidate.pk)).data)


@extend_schema_view(
    retrieve=extend_schema(
        summary="One piece of evidence", responses={200: s.EvidenceSerializer, **errors(401, 404)}
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

    serializer_class = s.EvidenceSerializer

    def get_queryset(self):
        return Evidence.objects.select_related("source", "added_by")

    def perform_destroy(self, instance):
        evidence_services.evidence_remove(evidence=instance, actor=self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="The desk's rating scale, in order",
        responses={200: s.RatingSerializer(many=True), **errors(401, 403)},
    ),
)
class RatingViewSet(DeskView, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The labels of the desk's rating scale; `value` is ClaimReview's ratingValue."""

    serializer_class = s.RatingSerializer
    cursor_ordering = ("position", "id")

    def get_queryset(self):
        if self.fake():
            return Rating.objects.none()
        return Rating.objects.filter(scale=default_scale()).select_related("scale")


@extend_schema_view(
    list=extend_schema(
        summary="Background jobs, newest first: of an article, of a claim, by status or kind",
        responses={200: s.JobSerializer(many=True), **errors(400, 401, 403)},
    ),
    retrieve=extend_schema(
        summary="A background job's state and progress",
        responses={200: s.JobSerializer, **errors(401, 404)},
    ),
)
class JobViewSet(
    DeskView, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Background work (article ingests, source searches, fetches) and how far it got."""

    serializer_class = s.JobSerializer
    queryset = Job.objects.all()
    filterset_class = JobFilter
    cursor_ordering = ("-created_at", "-id")


# --- reports --------------------------------------------------------------------------------


class FirstRenderer(BaseContentNegotiation):
    """The report's format comes from `?format=`, not from Accept; errors are JSON."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ReportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=list(FORMATS), required=False, default="json")
    draft = serializers.BooleanField(required=False, default=False)
    version = serializers.IntegerField(min_value=1, max_value=s.MAX_VERSION, required=False)


REPORT_CONTENT = {
    (200, "text/html"): OpenApiTypes.STR,
    (200, "application/pdf"): OpenApiTypes.BINARY,
    (200, "text/markdown"): OpenApiTypes.STR,
    (200, "text/csv"): OpenApiTypes.STR,
    (200, "application/json"): OpenApiTypes.OBJECT,
    (200, "application/ld+json"): OpenApiTypes.OBJECT,
}


@method_decorator(csp_replace(STANDALONE_REPORT_CSP), name="dispatch")
class ArticleReportView(APIView):
    """The article's report in one format: the published version (public), or with
    `draft=1` the report as it stands now, for editors."""

    permission_classes = [AllowAny]
    content_negotiation_class = FirstRenderer

    @extend_schema(
        summary="The report in one export format (published; `draft=1` for editors)",
        parameters=[
            OpenApiParameter("article_id", int, OpenApiParameter.PATH),
            OpenApiParameter("format", str, enum=list(FORMATS), default="json"),
            OpenApiParameter(
                "draft", bool, default=False, description="The report as it stands now (editors)."
            ),
            OpenApiParameter(
                "version", int, description="A published version (default: the latest)."
            ),
        ],
        responses={
            **REPORT_CONTENT,
            (202, "application/json"): OpenApiResponse(
                s.ErrorSerializer,
                description="This format of the published version is still being rendered by "
                "a background job; ask again after Retry-After seconds.",
            ),
            **errors(400, 401, 403, 404),
        },
        auth=[{"tokenAuth": []}, {"cookieAuth": []}, {}],
    )
    def get(self, request, article_id: int):
        query = ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        fmt, draft = query.validated_data["format"], query.validated_data["draft"]
        if draft:
            self.require_editor(request.user, article_id)
            content, content_type = report_services.report_export(
                article_id=article_id, format=fmt, draft=True
            )
            stem = f"factcheck-{article_id}-draft"
        else:
            try:
                content, content_type = report_services.report_export(
                    article_id=article_id, format=fmt, number=query.validated_data.get("version")
                )
            except report_services.RenderingPending as pending:
                # Rendered by a background job after publishing: ask the client to come back.
                body = {"error": {"code": "pending", "message": pending.message, "fields": {}}}
                return JsonResponse(
                    body, status=202, headers={"Retry-After": str(pending.retry_after)}
                )
            stem = f"factcheck-{article_id}"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = FORMATS[fmt].content_disposition(stem)
        return response

    @staticmethod
    def require_editor(user, article_id: int) -> None:
        if not user or not user.is_authenticated:
            raise NotAuthenticated()
        if not perms.is_desk_member(user) or not Article.objects.filter(pk=article_id).exists():
            raise NotFound(NOT_FOUND_MESSAGE)
        if not perms.is_desk_editor(user):
            raise PermissionDenied("Only editors see draft reports.")
