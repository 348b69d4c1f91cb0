"""A claim's discussion and history: the desk's comments on it, and the timeline of every
recorded change to the claim, its verdicts, its evidence and its comments."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from reviews.api.common import DeskView, Text, errors, person
from reviews.models import Comment
from reviews.selectors import timeline as timeline_selectors
from reviews.services import comments as comment_services


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


@extend_schema(parameters=[OpenApiParameter("claim_id", int, OpenApiParameter.PATH)])
class ClaimCommentsView(DeskView, generics.ListCreateAPIView):
    """Discussion on a claim, open to the whole desk."""

    serializer_class = CommentSerializer
    cursor_ordering = ("created_at", "id")

    def get_queryset(self):
        if self.fake():
            return Comment.objects.none()
        claim = self.claim_from_url()
        return Comment.objects.filter(claim=claim).select_related("author")

    @extend_schema(
        summary="The discussion on the claim, oldest first",
        responses={200: CommentSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        summary="Add a comment to the claim",
        request=CommentCreateSerializer,
        responses={201: CommentSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request, *args, **kwargs):
        claim = self.claim_from_url()
        data = self.input(CommentCreateSerializer)
        comment = comment_services.comment_add(claim=claim, actor=request.user, body=data["body"])
        stored = Comment.objects.select_related("author").get(pk=comment.pk)
        return Response(CommentSerializer(stored).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[OpenApiParameter("claim_id", int, OpenApiParameter.PATH)])
class ClaimHistoryView(DeskView, APIView):
    """Who changed what and when: the claim, its verdicts, its evidence, its comments."""

    # The timeline is assembled in memory from several histories: one list, oldest first,
    # not paginated.

    @extend_schema(
        summary="Every recorded change of the claim, its verdicts, evidence and comments",
        responses={200: HistoryEventSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request, *args, **kwargs):
        claim = self.claim_from_url()
        events = timeline_selectors.claim_timeline(claim)
        return Response(HistoryEventSerializer(events, many=True).data)
