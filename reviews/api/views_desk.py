"""The API's desk-wide operations (DESIGN.md section 7): ingesting an article from a URL or
a file, assigning and approving claims in bulk, the user's notifications, search, and the
reference library. The same interfaces as reviews.api.views: parse, check access, call one
service, render.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import BigIntegerField, Case, F, Value, When
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from reviews import selectors
from reviews.api import serializers as s
from reviews.api import serializers_desk as d
from reviews.api.filters import NotificationFilter
from reviews.api.parsers import LimitedJSONParser, LimitedMultiPartParser
from reviews.api.views import DeskView, errors
from reviews.errors import ReviewError
from reviews.models import Claim, Job, Notification, Source, Verdict
from reviews.services import articles as article_services
from reviews.services import claims as claim_services
from reviews.services import notifications as notification_services
from reviews.services import sources as source_services
from reviews.services import verdicts as verdict_services

# Unread notices rank above every read one; within each group, newest first. One integer
# key, unique per notice, so that cursor pages neither skip nor repeat.
UNREAD_RANK = 2**62


# --- ingesting by URL or file -------------------------------------------------------------------


class ArticleFromUrlView(DeskView, APIView):
    """Ingest an article from the web: a background job fetches the page, extracts its main
    text and creates the article and its claims."""

    @extend_schema(
        operation_id="articles_from_url_create",
        summary="Ingest an article from a web address (a background job; poll the job)",
        request=d.ArticleFromUrlSerializer,
        responses={202: s.JobSerializer, **errors(400, 401, 403, 413)},
    )
    def post(self, request):
        data = self.input(d.ArticleFromUrlSerializer)
        job = source_services.article_ingest_from_url(actor=request.user, **data)
        return Response(s.JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ArticleUploadView(DeskView, APIView):
    """Ingest an article from a file: its text is stored exactly as read, and its claims
    extracted."""

    parser_classes = [LimitedMultiPartParser]

    @extend_schema(
        operation_id="articles_upload_create",
        summary="Ingest an article from a .txt, .md, .html or .docx file",
        request={"multipart/form-data": d.ArticleUploadSerializer},
        responses={201: s.ArticleSerializer, **errors(400, 401, 403, 413, 415)},
    )
    def post(self, request):
        data = self.input(d.ArticleUploadSerializer)
        upload = data.pop("file")
        article = article_services.article_ingest_upload(
            name=upload.name, data=upload.read(), user=request.user, **data
        )
        stored = selectors.articles_for_desk().get(pk=article.pk)
        return Response(
            s.ArticleSerializer(stored, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


# --- claims in bulk -----------------------------------------------------------------------------


class ClaimsAssignView(DeskView, APIView):
    """Assign (or unassign) many claims at once."""

    @extend_schema(
        operation_id="claims_assign_many",
        summary="Assign many claims to a desk member, or unassign them (editors; all or none)",
        request=d.ClaimsAssignSerializer,
        responses={
            200: d.ClaimsAssignResultSerializer,
            **errors(400, 401, 403),
            404: OpenApiResponse(s.ErrorSerializer, description="Some of the claims do not exist."),
            409: OpenApiResponse(
                s.ErrorSerializer, description="A claim changed meanwhile; nothing was assigned."
            ),
        },
    )
    def post(self, request):
        data = self.input(d.ClaimsAssignSerializer)
        assignee = None
        if data["assignee"] is not None:
            assignee = get_user_model().objects.filter(pk=data["assignee"]).first()
            if assignee is None:
                raise ReviewError("There is no such user.", fields={"assignee": "unknown"})
        assigned = claim_services.claims_assign(
            claims=data["claims"], assignee=assignee, actor=request.user
        )
        return Response({"assigned": assigned})


class ClaimsApproveView(DeskView, APIView):
    """Approve many submitted verdicts at once."""

    @extend_schema(
        operation_id="claims_approve_many",
        summary="Approve the submitted verdicts of many claims (editors; four-eyes; all or none)",
        request=d.ClaimsApproveSerializer,
        responses={
            200: d.ClaimsApproveResultSerializer,
            **errors(400, 401, 403),
            404: OpenApiResponse(
                s.ErrorSerializer,
                description="Some of the claims do not exist; nothing was approved.",
            ),
            409: OpenApiResponse(
                s.ErrorSerializer, description="A verdict changed meanwhile; nothing approved."
            ),
        },
    )
    def post(self, request):
        ids = self.input(d.ClaimsApproveSerializer)["claims"]
        found = Claim.objects.select_related("article").in_bulk(ids)
        if len(found) != len(ids):
            raise ReviewError(
                "Some of these claims do not exist; nothing was approved.",
                "not_found",
                fields={"claims": "unknown"},
            )
        approved = verdict_services.verdicts_approve(
            claims=[found[pk] for pk in ids], actor=request.user
        )
        verdicts = Verdict.objects.select_related(
            "rating", "author", "last_edited_by", "approved_by"
        ).filter(pk__in=[v.pk for v in approved])
        by_id = {v.pk: v for v in verdicts}
        return Response(
            {
                "approved": len(approved),
                "verdicts": s.VerdictSerializer([by_id[v.pk] for v in approved], many=True).data,
            }
        )


# --- notifications ------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="Your notifications: unread first, then read ones, newest first in each",
        responses={200: d.NotificationSerializer(many=True), **errors(400, 401, 403)},
    )
)
class NotificationListView(DeskView, generics.ListAPIView):
    """Notices to you: claims assigned or returned to you, verdicts submitted or approved."""

    serializer_class = d.NotificationSerializer
    filterset_class = NotificationFilter
    cursor_ordering = ("-inbox_position",)
    cursor_annotations = {"inbox_position": BigIntegerField()}

    def get_queryset(self):
        if self.fake():
            return Notification.objects.none()
        return (
            Notification.objects.filter(recipient=self.request.user)
            .select_related("claim")
            .annotate(
                inbox_position=Case(
                    When(read_at__isnull=True, then=F("id") + Value(UNREAD_RANK)),
                    default=F("id"),
                    output_field=BigIntegerField(),
                )
            )
        )


class NotificationsReadView(DeskView, APIView):
    """Mark your notifications read."""

    @extend_schema(
        operation_id="notifications_read_create",
        summary="Mark your notifications read: those in `ids`, or all of them",
        request=d.NotificationsReadSerializer,
        responses={200: d.NotificationsReadResultSerializer, **errors(400, 401, 403)},
    )
    def post(self, request):
        data = self.input(d.NotificationsReadSerializer)
        marked = notification_services.notifications_mark_read(
            user=request.user, ids=data.get("ids")
        )
        return Response({"marked": marked})


# --- search -------------------------------------------------------------------------------------


class SearchView(DeskView, APIView):
    """The desk's search page: claims and articles by text, speaker, status and rating."""

    @extend_schema(
        operation_id="search_retrieve",
        summary="Search claims (text, speaker, status, rating) and articles (text)",
        parameters=[d.SearchQuerySerializer],
        responses={200: d.SearchResultSerializer, **errors(400, 401, 403)},
    )
    def get(self, request):
        query = d.SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        search = selectors.SearchQuery(
            text=data["q"].strip(),
            speaker=data["speaker"].strip(),
            status=data["status"],
            rating=data["rating"],
        )
        articles, claims = [], []
        if not search.empty:
            claims = selectors.search_claims(search)
            articles = selectors.search_articles(search)
        context = {"request": request}
        return Response(
            {
                "articles": s.ArticleSerializer(articles, many=True, context=context).data,
                "claims": d.SearchClaimSerializer(claims, many=True, context=context).data,
            }
        )


# --- the reference library ----------------------------------------------------------------------


class ReferenceListView(DeskView, generics.ListCreateAPIView):
    """The desk's reference library: documents the archive provider searches for every
    claim (statistics releases, laws, earlier reports)."""

    serializer_class = d.ReferenceSerializer
    parser_classes = [LimitedJSONParser, LimitedMultiPartParser]
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self):
        return Source.objects.filter(is_reference=True).select_related("added_by")

    @extend_schema(
        operation_id="references_list",
        summary="The reference library, newest first",
        responses={200: d.ReferenceSerializer(many=True), **errors(401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        operation_id="references_create",
        summary="Add a reference document: a file (stored now) or a web address (fetched by "
        "a background job)",
        request={
            "application/json": d.ReferenceCreateSerializer,
            "multipart/form-data": d.ReferenceCreateSerializer,
        },
        responses={
            201: OpenApiResponse(d.ReferenceSerializer, description="The file is stored."),
            202: OpenApiResponse(s.JobSerializer, description="The job that fetches the URL."),
            **errors(400, 401, 403, 413, 415),
        },
    )
    def post(self, request, *args, **kwargs):
        data = self.input(d.ReferenceCreateSerializer)
        upload = data.get("file")
        added = source_services.reference_document_add(
            actor=request.user,
            url=data["url"],
            name=upload.name if upload else "",
            data=upload.read() if upload else None,
            title=data["title"],
        )
        if isinstance(added, Job):
            return Response(s.JobSerializer(added).data, status=status.HTTP_202_ACCEPTED)
        stored = self.get_queryset().get(pk=added.pk)
        return Response(d.ReferenceSerializer(stored).data, status=status.HTTP_201_CREATED)
