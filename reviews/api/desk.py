"""Desk-wide operations: assigning, dismissing and approving claims in bulk (all or none),
the user's notifications, and searching claims and articles."""

from __future__ import annotations

from django.db.models import BigIntegerField, Case, F, Value, When
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from reviews.api.articles import ArticleSerializer
from reviews.api.common import (
    DeskView,
    ErrorSerializer,
    Text,
    errors,
    object_id,
    person,
    version_field,
)
from reviews.api.filters import NotificationFilter
from reviews.api.verdicts import RatingSummarySerializer, VerdictSerializer
from reviews.models import Claim, ClaimStatus, Notification, Rating, Verdict
from reviews.selectors import desk as desk_selectors
from reviews.selectors.claims import VERDICT_RELATIONS
from reviews.services import claims as claim_services
from reviews.services import notifications as notification_services
from reviews.services import verdicts as verdict_services
from reviews.services.ratings import default_scale

# One request handles at most this many claims: an article's claims fit many times over.
MAX_BATCH = 1000
# Unread notices rank above every read one; within each group, newest first. One integer
# key, unique per notice, so that cursor pages neither skip nor repeat.
UNREAD_RANK = 2**62


def claim_ids(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=object_id(), allow_empty=False, max_length=MAX_BATCH, **kwargs
    )


def unique(ids: list[int]) -> list[int]:
    # A claim named twice is one claim: approving it "again" must not refuse the batch.
    return list(dict.fromkeys(ids))


# --- claims in bulk -------------------------------------------------------------------------


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


class ClaimsDismissSerializer(serializers.Serializer):
    claims = claim_ids(help_text="The claims to dismiss (any articles).")
    reason = Text(help_text="Why they are not worth checking; shown in their history.")

    def validate_claims(self, ids: list[int]) -> list[int]:
        return unique(ids)


class ClaimsDismissResultSerializer(serializers.Serializer):
    dismissed = serializers.IntegerField()
    claims = serializers.ListField(child=serializers.IntegerField(), help_text="Their ids.")


class ApprovalSerializer(serializers.Serializer):
    claim = object_id(help_text="The claim whose submitted verdict to approve.")
    version = version_field(
        of="verdict", help_text="The version of the verdict you read; 409 if it has changed."
    )


class ClaimsApproveSerializer(serializers.Serializer):
    claims = serializers.ListField(
        child=ApprovalSerializer(),
        allow_empty=False,
        max_length=MAX_BATCH,
        help_text="Each claim with the version of the verdict you read: all approved, or none.",
    )


class ClaimsApproveResultSerializer(serializers.Serializer):
    approved = serializers.IntegerField()
    verdicts = VerdictSerializer(many=True, help_text="The approved verdicts.")


class ClaimsAssignView(DeskView, APIView):
    """Assign (or unassign) many claims at once."""

    @extend_schema(
        operation_id="claims_assign_many",
        summary="Assign many claims to a desk member, or unassign them (editors; all or none)",
        request=ClaimsAssignSerializer,
        responses={
            200: ClaimsAssignResultSerializer,
            **errors(400, 401, 403),
            404: OpenApiResponse(ErrorSerializer, description="Some of the claims do not exist."),
            409: OpenApiResponse(
                ErrorSerializer, description="A claim changed meanwhile; nothing was assigned."
            ),
        },
    )
    def post(self, request):
        data = self.input(ClaimsAssignSerializer)
        assigned = claim_services.claims_assign(
            claim_ids=data["claims"], assignee_id=data["assignee"], actor=request.user
        )
        return Response({"assigned": assigned})


class ClaimsDismissView(DeskView, APIView):
    """Dismiss many claims at once with one reason."""

    @extend_schema(
        operation_id="claims_dismiss_many",
        summary="Dismiss many claims with one reason (all or none; editors any claim not "
        "decided, reviewers unrated claims that are theirs or nobody's)",
        request=ClaimsDismissSerializer,
        responses={
            200: ClaimsDismissResultSerializer,
            **errors(400, 401, 403),
            404: OpenApiResponse(
                ErrorSerializer, description="Some of the claims do not exist; none dismissed."
            ),
            409: OpenApiResponse(
                ErrorSerializer, description="A claim changed meanwhile; none dismissed."
            ),
        },
    )
    def post(self, request):
        data = self.input(ClaimsDismissSerializer)
        dismissed = claim_services.claims_dismiss(
            claim_ids=data["claims"], reason=data["reason"], actor=request.user
        )
        return Response({"dismissed": len(dismissed), "claims": [c.pk for c in dismissed]})


class ClaimsApproveView(DeskView, APIView):
    """Approve many submitted verdicts at once."""

    @extend_schema(
        operation_id="claims_approve_many",
        summary="Approve the submitted verdicts of many claims (editors; four-eyes; all or none)",
        request=ClaimsApproveSerializer,
        responses={
            200: ClaimsApproveResultSerializer,
            **errors(400, 401, 403),
            404: OpenApiResponse(
                ErrorSerializer,
                description="Some of the claims do not exist; nothing was approved.",
            ),
            409: OpenApiResponse(
                ErrorSerializer, description="A verdict changed meanwhile; nothing approved."
            ),
        },
    )
    def post(self, request):
        items = self.input(ClaimsApproveSerializer)["claims"]
        approved = verdict_services.verdicts_approve(
            seen=[(item["claim"], item["version"]) for item in items], actor=request.user
        )
        verdicts = Verdict.objects.select_related(*VERDICT_RELATIONS).filter(
            pk__in=[v.pk for v in approved]
        )
        by_id = {v.pk: v for v in verdicts}
        return Response(
            {
                "approved": len(approved),
                "verdicts": VerdictSerializer([by_id[v.pk] for v in approved], many=True).data,
            }
        )


# --- notifications --------------------------------------------------------------------------


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


@extend_schema_view(
    get=extend_schema(
        summary="Your notifications: unread first, then read ones, newest first in each",
        responses={200: NotificationSerializer(many=True), **errors(400, 401, 403)},
    )
)
class NotificationListView(DeskView, generics.ListAPIView):
    """Notices to you: claims assigned or returned to you, verdicts submitted or approved."""

    serializer_class = NotificationSerializer
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
        request=NotificationsReadSerializer,
        responses={200: NotificationsReadResultSerializer, **errors(400, 401, 403)},
    )
    def post(self, request):
        data = self.input(NotificationsReadSerializer)
        marked = notification_services.notifications_mark_read(
            actor=request.user, ids=data.get("ids")
        )
        return Response({"marked": marked})


# --- search ---------------------------------------------------------------------------------


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
        # The current verdicts come from the search selector's rows, never a query per claim.
        verdict = self.context["verdicts"][claim.pk]
        return RatingSummarySerializer(verdict.rating).data if verdict is not None else None


class SearchResultSerializer(serializers.Serializer):
    articles = ArticleSerializer(many=True, help_text="At most 50, newest first; text only.")
    claims = SearchClaimSerializer(many=True, help_text="At most 100, the most check-worthy first.")


class SearchView(DeskView, APIView):
    """The desk's search page: claims and articles by text, speaker, status and rating."""

    @extend_schema(
        operation_id="search_retrieve",
        summary="Search claims (text, speaker, status, rating) and articles (text)",
        parameters=[SearchQuerySerializer],
        responses={200: SearchResultSerializer, **errors(400, 401, 403)},
    )
    def get(self, request):
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        search = desk_selectors.SearchQuery(
            text=data["q"].strip(),
            speaker=data["speaker"].strip(),
            status=data["status"],
            rating=data["rating"],
        )
        articles, rows = [], ()
        if not search.empty:
            rows = desk_selectors.search_claims(search)
            articles = desk_selectors.search_articles(search)
        context = {"request": request}
        claims = SearchClaimSerializer(
            [row.claim for row in rows],
            many=True,
            context={**context, "verdicts": {row.claim.pk: row.verdict for row in rows}},
        )
        return Response(
            {
                "articles": ArticleSerializer(articles, many=True, context=context).data,
                "claims": claims.data,
            }
        )
