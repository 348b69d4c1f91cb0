"""Earlier fact-checks: a claim's matches in the archive, and importing fact-checks into it
(editors)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from reviews.api.common import DeskView, errors
from reviews.api.parsers import LimitedMultiPartParser
from reviews.selectors import matches as match_selectors
from reviews.services import matches as match_services


class MatchSerializer(serializers.Serializer):
    factcheck = serializers.IntegerField(source="factcheck_id", help_text="The fact-check's id.")
    rank = serializers.IntegerField(help_text="1 for the best match.")
    score = serializers.FloatField(help_text="How similar the claims are, from 0 to 1.")
    likely_same = serializers.BooleanField(
        help_text="The score reaches the desk's threshold for “likely the same claim”."
    )
    publisher = serializers.CharField()
    rating = serializers.CharField(help_text="The fact-checker's verdict, as they label it.")
    published = serializers.DateField(allow_null=True)
    url = serializers.CharField(source="link", help_text="Where the fact-check can be read.")
    claim = serializers.CharField(help_text="The claim as the fact-check states it.")
    title = serializers.CharField()
    claimant = serializers.CharField()
    by_desk = serializers.BooleanField(help_text="The desk's own approved verdict.")
    stance = serializers.CharField(help_text="The stance it takes as evidence on this claim.")
    matched_at = serializers.DateTimeField()


class ClaimMatchesSerializer(serializers.Serializer):
    threshold = serializers.FloatField(
        help_text="The similarity from which a match is “likely the same claim”."
    )
    pending = serializers.BooleanField(help_text="A match job is still working on the claim.")
    matches = MatchSerializer(many=True)


class FactCheckImportSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="JSON Lines, schema.org ClaimReview JSON-LD, or CSV/TSV with a header."
    )
    publisher = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="The fact-checker of records that name none.",
    )


class RecordErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="The line the record starts on.")
    message = serializers.CharField()
    identifier = serializers.CharField()


class FactCheckImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    duplicates = serializers.IntegerField(
        help_text="Records repeating an identifier of the same file: the last one is kept."
    )
    errors = RecordErrorSerializer(many=True, help_text="Records not imported, and why.")  # type: ignore[assignment]
    warnings = RecordErrorSerializer(many=True, help_text="Records imported with a field left out.")


class ClaimMatchesView(DeskView, APIView):
    """Earlier fact-checks of the claim, best first: the desk's archive of imported
    fact-checks and its own approved verdicts, matched by the background match job."""

    @extend_schema(
        operation_id="claims_matches_list",
        summary="Earlier fact-checks of a claim, most similar first",
        responses={200: ClaimMatchesSerializer, **errors(401, 404)},
    )
    def get(self, request, claim_id: int):
        claim = self.claim_from_url()
        found = match_selectors.previously_checked(claim)
        return Response(ClaimMatchesSerializer(found).data)


class FactCheckImportView(DeskView, APIView):
    """Import published fact-checks into the archive (editors). Importing a file again
    updates what it imported before; bad records are listed with their line numbers and
    the others imported."""

    parser_classes = [LimitedMultiPartParser]

    @extend_schema(
        operation_id="factchecks_import_create",
        summary="Import fact-checks from a JSON Lines, ClaimReview or CSV file (editors)",
        request={"multipart/form-data": FactCheckImportSerializer},
        responses={200: FactCheckImportResultSerializer, **errors(400, 401, 403, 413, 415)},
    )
    def post(self, request):
        data = self.input(FactCheckImportSerializer)
        upload = data["file"]
        result = match_services.factchecks_import_upload(
            name=upload.name,
            data=upload.read(),
            publisher=data.get("publisher", ""),
            actor=request.user,
        )
        return Response(FactCheckImportResultSerializer(result).data, status=status.HTTP_200_OK)
