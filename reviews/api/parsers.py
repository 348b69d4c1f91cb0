"""Request parsing with size limits.

DRF's JSONParser reads the request stream directly, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE
never applies to JSON bodies: without a limit here one request could make the process read
any amount of data into memory before a service gets to refuse it.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.utils import json

from reviews.api.exceptions import PayloadTooLarge


def max_request_bytes() -> int:
    # An article at the size limit, escaped as JSON (\uXXXX for every non-ASCII character
    # of a Cyrillic text is three times its UTF-8 size), fits with room to spare; the
    # article service then gives the precise "too large" answer.
    return 4 * settings.FACTCHECK["MAX_ARTICLE_BYTES"]


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        limit = max_request_bytes()
        request = parser_context.get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > limit:
            raise PayloadTooLarge(f"The request body is larger than {limit:,} bytes.")
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            raise PayloadTooLarge(f"The request body is larger than {limit:,} bytes.")
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.loads(raw.decode(encoding), parse_constant=json.strict_constant)
        except (ValueError, RecursionError) as exc:
            # RecursionError: thousands of nested brackets; still just bad input.
            raise ParseError(f"The request body is not valid JSON: {exc}") from None


def max_upload_bytes() -> int:
    # The larger of the two uploads the desk takes (an article file, a reference document),
    # plus room for the form's other fields; each service then checks its own limit.
    article = 4 * settings.FACTCHECK["MAX_ARTICLE_BYTES"]
    return max(article, settings.FETCH_MAX_BYTES) + 64 * 1024


class LimitedMultiPartParser(MultiPartParser):
    """File uploads with a size limit: Django streams a large file to a temporary file, so
    without this one request could fill the disk before a service refuses it."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        request = parser_context.get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        limit = max_upload_bytes()
        if declared and declared.isdigit() and int(declared) > limit:
            raise PayloadTooLarge(f"The upload is larger than {limit:,} bytes.")
        return super().parse(stream, media_type, parser_context)
