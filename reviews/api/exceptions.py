"""One error shape for the whole API: `{"error": {"code", "message", "fields"}}`.

Services raise `ReviewError`; DRF raises its own exceptions for parsing, authentication,
permissions, throttling and validation. This handler turns all of them into the same body, so
a client reads `error.code` and never has to know which layer refused it:

- 400 `invalid`: bad input (malformed JSON, wrong types, missing fields, a rule of the input);
- 401 `not_authenticated`: no or bad credentials;
- 403 `forbidden`: a rule of the desk (four-eyes, someone else's claim, editors only);
- 404 `not_found`: no such object, or one the user may not see (the body is the same);
- 409 `conflict`: a stale version; `current` carries the stored values to compare with;
- 413 `too_large`, 415 `unsupported_media_type`, 429 `throttled` / `locked_out`;
- 503 `busy`: the database gave up waiting for another writer's lock; `Retry-After` says
  when to send the same request again.
"""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from reviews.errors import (
    BUSY_MESSAGE,
    BUSY_RETRY_AFTER,
    ConflictError,
    ReviewError,
    is_database_busy,
)

STATUS_OF_CODE = {
    "invalid": status.HTTP_400_BAD_REQUEST,
    "forbidden": status.HTTP_403_FORBIDDEN,
    "not_found": status.HTTP_404_NOT_FOUND,
    "conflict": status.HTTP_409_CONFLICT,
}
CODE_OF_STATUS = {
    400: "invalid",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    429: "throttled",
    503: "busy",
}
NOT_FOUND_MESSAGE = "Not found."


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = "Too many failed attempts to log in; try again later."
    default_code = "locked_out"


def error_body(code: str, message: str, fields: dict | None = None, **extra) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}, **extra}}


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's EXCEPTION_HANDLER. Returns None (a 500) only for what nobody anticipated."""
    if isinstance(exc, ReviewError):
        return review_error_response(exc)
    if is_database_busy(exc):
        set_rollback()
        return Response(
            error_body("busy", BUSY_MESSAGE),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(BUSY_RETRY_AFTER)},
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND_MESSAGE)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail)
    if not isinstance(exc, exceptions.APIException):
        return None

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(math.ceil(exc.wait))
    code = CODE_OF_STATUS.get(exc.status_code, "invalid")
    if isinstance(exc, LockedOut):
        code = "locked_out"
    if isinstance(exc, exceptions.ValidationError):
        message, fields = validation_message(exc.detail)
    else:
        message, fields = str(exc.detail), {}
    set_rollback()
    return Response(error_body(code, message, fields), status=exc.status_code, headers=headers)


def review_error_response(exc: ReviewError) -> Response:
    extra = {}
    if isinstance(exc, ConflictError) and exc.current:
        extra["current"] = exc.current
    set_rollback()
    return Response(
        error_body(exc.code, exc.message, dict(exc.fields), **extra),
        status=STATUS_OF_CODE.get(exc.code, status.HTTP_400_BAD_REQUEST),
    )


def validation_message(detail) -> tuple[str, dict[str, str]]:
    """A sentence for people and `{field: reason}` for programs, from DRF's nested detail."""
    fields: dict[str, str] = {}
    general: list[str] = []
    flatten(detail, "", fields, general)
    if general:
        message = " ".join(general)
    elif fields:
        name, reason = next(iter(fields.items()))
        message = f"{name}: {reason}"
        if len(fields) > 1:
            message += f" (and {len(fields) - 1} more)"
    else:
        message = "Invalid input."
    return message, fields


def flatten(detail, prefix: str, fields: dict[str, str], general: list[str]) -> None:
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key in ("non_field_errors", "detail") and not prefix:
                general.extend(texts(value))
            else:
                flatten(value, f"{prefix}.{key}" if prefix else str(key), fields, general)
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        for index, item in enumerate(detail):
            if item:
                flatten(item, f"{prefix}.{index}" if prefix else str(index), fields, general)
    elif prefix:
        fields[prefix] = " ".join(texts(detail))
    else:
        general.extend(texts(detail))


def texts(detail) -> list[str]:
    if isinstance(detail, list):
        return [str(item) for item in detail]
    return [str(detail)]
