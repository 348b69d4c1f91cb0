"""The desk's statistics as JSON: the figures of the statistics page, from the same selector."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from reviews.api.common import DeskView, errors
from reviews.selectors import stats as stats_selectors


class StatsQuerySerializer(serializers.Serializer):
    period = serializers.ChoiceField(
        choices=[(p.value, p.label) for p in stats_selectors.Period],
        required=False,
        default=stats_selectors.DEFAULT_PERIOD.value,
        help_text="Days back from now (7, 30, 90) or `all`.",
    )


class RatingCountSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment] # a field, not Field.label
    slug = serializers.CharField()
    colour = serializers.CharField(help_text="The rating's colour, #rrggbb.")
    count = serializers.IntegerField()


class StatusCountSerializer(serializers.Serializer):
    status = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment] # a field, not Field.label
    count = serializers.IntegerField()


class DurationBucketSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment] # a field, not Field.label
    count = serializers.IntegerField()


class TimeToApprovalSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Claims first approved in the period.")
    median_seconds = serializers.FloatField(
        allow_null=True, help_text="Median time from the article's ingest to the approval."
    )
    p90_seconds = serializers.FloatField(allow_null=True, help_text="90th percentile.")
    buckets = DurationBucketSerializer(many=True)


class ReviewerLoadSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="user_id")
    username = serializers.CharField()
    assigned = serializers.IntegerField(help_text="Claims assigned now (not dismissed).")
    open = serializers.IntegerField(help_text="Of those, the ones still needing work.")
    submitted = serializers.IntegerField(help_text="Verdict submissions in the period.")
    returned = serializers.IntegerField(help_text="Of those, returned by an editor.")
    return_rate = serializers.FloatField(
        allow_null=True, help_text="returned / submitted; null when nothing was submitted."
    )


class DeskStatsSerializer(serializers.Serializer):
    period = serializers.CharField(source="period.value")
    since = serializers.DateTimeField(allow_null=True, help_text="Null for `all`.")
    approved_total = serializers.IntegerField()
    claims_total = serializers.IntegerField()
    ratings = RatingCountSerializer(
        many=True, help_text="Current approved verdicts per rating, approved in the period."
    )
    statuses = StatusCountSerializer(
        many=True, help_text="Claims of articles ingested in the period, per status."
    )
    time_to_approval = TimeToApprovalSerializer()
    reviewers = ReviewerLoadSerializer(many=True)


class StatsView(DeskView, APIView):
    @extend_schema(
        operation_id="stats_retrieve",
        summary="Desk statistics: ratings, claims by status, time to approval, reviewer load",
        parameters=[StatsQuerySerializer],
        responses={200: DeskStatsSerializer, **errors(400, 401, 403)},
    )
    def get(self, request):
        query = StatsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = stats_selectors.Period(query.validated_data["period"])
        return Response(DeskStatsSerializer(stats_selectors.desk_stats(period)).data)
