"""Background jobs (article ingests, source searches, fetches) as the API shows them: the
operations that start one answer 202 with the job, which the client then polls."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from reviews.api.common import DeskView, errors
from reviews.api.filters import JobFilter
from reviews.models import Job


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


@extend_schema_view(
    list=extend_schema(
        summary="Background jobs, newest first: of an article, of a claim, by status or kind",
        responses={200: JobSerializer(many=True), **errors(400, 401, 403)},
    ),
    retrieve=extend_schema(
        summary="A background job's state and progress",
        responses={200: JobSerializer, **errors(401, 404)},
    ),
)
class JobViewSet(
    DeskView, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Background work (article ingests, source searches, fetches) and how far it got."""

    serializer_class = JobSerializer
    queryset = Job.objects.all()
    filterset_class = JobFilter
    cursor_ordering = ("-created_at", "-id")
