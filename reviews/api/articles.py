"""Articles: ingesting one (pasted text, a file, or a web address fetched by a background
job), reading it, ingesting its next version, and the article-wide actions (finding sources
for every open claim, publishing the report). The body is stored exactly as given."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from reviews.api.common import DeskView, ErrorSerializer, Text, Url, errors, person
from reviews.api.jobs import JobListSerializer, JobSerializer
from reviews.api.parsers import LimitedMultiPartParser
from reviews.api.reports import ReportSerializer
from reviews.models import Article
from reviews.models.articles import LANGUAGES
from reviews.selectors import desk as desk_selectors
from reviews.selectors import jobs as jobs_selectors
from reviews.services import articles as article_services
from reviews.services import candidates as candidate_services
from reviews.services import reingest as reingest_services
from reviews.services import reports as report_services

TITLE_LENGTH = Article._meta.get_field("title").max_length


# --- serializers ----------------------------------------------------------------------------


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
    title = Text(max_length=TITLE_LENGTH)
    body = Text(trim_whitespace=False, help_text="The article's text, stored exactly as given.")
    published = serializers.DateField(help_text="Publication date (YYYY-MM-DD).")
    url = Url(max_length=2000, required=False, allow_blank=True, default="")
    outlet = Text(max_length=200, required=False, allow_blank=True, default="")
    author = Text(max_length=300, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(choices=LANGUAGES, required=False, default="en")


class ArticleVersionSerializer(serializers.Serializer):
    body = Text(trim_whitespace=False, help_text="The updated text, stored exactly as given.")
    title = Text(
        max_length=TITLE_LENGTH,
        required=False,
        help_text="Default: the previous version's title.",
    )
    published = serializers.DateField(
        required=False, help_text="Default: the previous version's date."
    )


class ArticleFromUrlSerializer(serializers.Serializer):
    url = Url(max_length=2000, help_text="The article's web address (http or https).")
    title = Text(
        max_length=TITLE_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Default: the page's own title.",
    )
    published = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Default: the page's date."
    )
    outlet = Text(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Default: the page's publisher.",
    )
    language = serializers.ChoiceField(choices=LANGUAGES, required=False, default="en")


class ArticleUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A .txt, .md, .html or .docx file.")
    title = Text(
        max_length=TITLE_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Default: the text's first line.",
    )
    published = serializers.DateField(required=False, allow_null=True, default=None)
    url = Url(max_length=2000, required=False, allow_blank=True, default="")
    outlet = Text(max_length=200, required=False, allow_blank=True, default="")
    author = Text(max_length=300, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(choices=LANGUAGES, required=False, default="en")


# --- views ----------------------------------------------------------------------------------


class ArticleExtractingSerializer(serializers.Serializer):
    article = ArticleSerializer(help_text="The article as stored, without claims yet.")
    job = JobSerializer(help_text="The job extracting its claims; poll it for progress.")


def article_created(request, article: Article) -> Response:
    """201 with the article and its claims; 202 with the article and the job extracting
    its claims when the body was long enough to be extracted in the background."""
    stored = desk_selectors.articles_for_desk().get(pk=article.pk)
    data = ArticleSerializer(stored, context={"request": request}).data
    job = jobs_selectors.article_extraction_job(article)
    if job is None:
        return Response(data, status=status.HTTP_201_CREATED)
    return Response(
        {"article": data, "job": JobSerializer(job).data}, status=status.HTTP_202_ACCEPTED
    )


INGESTED = {
    201: ArticleSerializer,
    202: OpenApiResponse(
        ArticleExtractingSerializer,
        description="A long article: stored, its claims extracted by a background job.",
    ),
}


@extend_schema_view(
    list=extend_schema(
        summary="Articles of the desk, newest first",
        responses={200: ArticleSerializer(many=True), **errors(401, 403)},
    ),
    retrieve=extend_schema(
        summary="One article with its body",
        responses={200: ArticleDetailSerializer, **errors(401, 404)},
    ),
)
class ArticleViewSet(
    DeskView, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Articles as ingested; the body is never rewritten (claims point into it)."""

    cursor_ordering = ("-ingested_at", "-id")

    def get_queryset(self):
        return desk_selectors.articles_for_desk()

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    @extend_schema(
        summary="Ingest an article: store the text and extract its claims",
        request=ArticleCreateSerializer,
        responses={**INGESTED, **errors(400, 401, 403, 413)},
    )
    def create(self, request):
        data = self.input(ArticleCreateSerializer)
        article = article_services.article_ingest(actor=request.user, **data)
        return article_created(request, article)

    @extend_schema(
        summary="Ingest an updated text as the article's next version; the desk's work on "
        "unchanged claims carries over",
        request=ArticleVersionSerializer,
        responses={
            201: ArticleSerializer,
            **errors(400, 401, 403, 404, 413),
            409: OpenApiResponse(ErrorSerializer, description="This version was replaced already."),
        },
    )
    @action(detail=True, methods=["post"], url_path="new-version", url_name="new-version")
    def new_version(self, request, pk=None):
        article = self.get_object()
        data = self.input(ArticleVersionSerializer)
        new = reingest_services.article_reingest(
            previous=article,
            body=data["body"],
            actor=request.user,
            title=data.get("title"),
            published=data.get("published"),
        )
        return article_created(request, new)

    @extend_schema(
        summary="Look for candidate sources for every open claim of the article (editors)",
        request=None,
        responses={202: JobListSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"], url_path="find-sources", url_name="find-sources")
    def find_sources(self, request, pk=None):
        article = self.get_object()
        jobs = candidate_services.candidates_find_for_article(article=article, actor=request.user)
        return Response(
            {"jobs": JobSerializer(jobs, many=True).data}, status=status.HTTP_202_ACCEPTED
        )

    @extend_schema(
        summary="Publish the next version of the article's report (editors)",
        request=None,
        responses={
            201: ReportSerializer,
            **errors(400, 401, 403, 404),
            409: OpenApiResponse(
                ErrorSerializer, description="Nothing changed since the last version."
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        article = self.get_object()
        report = report_services.report_publish(article=article, actor=request.user)
        return Response(
            ReportSerializer(report, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class ArticleFromUrlView(DeskView, APIView):
    """Ingest an article from the web: a background job fetches the page, extracts its main
    text and creates the article and its claims."""

    @extend_schema(
        operation_id="articles_from_url_create",
        summary="Ingest an article from a web address (a background job; poll the job)",
        request=ArticleFromUrlSerializer,
        responses={202: JobSerializer, **errors(400, 401, 403, 413)},
    )
    def post(self, request):
        data = self.input(ArticleFromUrlSerializer)
        job = article_services.article_ingest_from_url(actor=request.user, **data)
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ArticleUploadView(DeskView, APIView):
    """Ingest an article from a file: its text is stored exactly as read, and its claims
    extracted."""

    parser_classes = [LimitedMultiPartParser]

    @extend_schema(
        operation_id="articles_upload_create",
        summary="Ingest an article from a .txt, .md, .html or .docx file",
        request={"multipart/form-data": ArticleUploadSerializer},
        responses={**INGESTED, **errors(400, 401, 403, 413, 415)},
    )
    def post(self, request):
        data = self.input(ArticleUploadSerializer)
        upload = data.pop("file")
        article = article_services.article_ingest_upload(
            name=upload.name, data=upload.read(), actor=request.user, **data
        )
        return article_created(request, article)
