"""Reports: what publishing an article's report returns, and the report in each export
format: the published version for anyone, the report as it stands now for editors."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from reviews.api.common import MAX_VERSION, ErrorSerializer, errors, person
from reviews.exports import FORMATS, STANDALONE_REPORT_CSP
from reviews.models import Report
from reviews.selectors.reports import RenderingPending
from reviews.services import reports as report_services


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
        return report_services.report_public_url(report.article_id, report.number)

    @extend_schema_field(serializers.DictField(child=serializers.URLField()))
    def get_downloads(self, report: Report) -> dict[str, str]:
        request = self.context.get("request")
        urls = {}
        for name in FORMATS:
            path = reverse("reviews:report_download", args=[report.article_id, report.number, name])
            urls[name] = request.build_absolute_uri(path) if request is not None else path
        return urls


class FirstRenderer(BaseContentNegotiation):
    """The report's format comes from `?format=`, not from Accept; errors are JSON."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ReportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=list(FORMATS), required=False, default="json")
    draft = serializers.BooleanField(required=False, default=False)
    version = serializers.IntegerField(min_value=1, max_value=MAX_VERSION, required=False)


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
                ErrorSerializer,
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
            if not request.user.is_authenticated:
                raise NotAuthenticated()
            content, content_type = report_services.report_export(
                article_id=article_id, format=fmt, draft=True, actor=request.user
            )
            stem = f"factcheck-{article_id}-draft"
        else:
            try:
                content, content_type = report_services.report_export(
                    article_id=article_id,
                    format=fmt,
                    actor=request.user,
                    number=query.validated_data.get("version"),
                )
            except RenderingPending as pending:
                # Rendered by a background job after publishing: ask the client to come back.
                body = {"error": {"code": "pending", "message": pending.message, "fields": {}}}
                return JsonResponse(
                    body, status=202, headers={"Retry-After": str(pending.retry_after)}
                )
            stem = f"factcheck-{article_id}"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = FORMATS[fmt].content_disposition(stem)
        return response
