"""What every module of the API shares: the base of the desk's views, the error responses
the schema documents, and the strict field types of its inputs.

Inputs check types and shapes only (a rating is an id or a slug, a version a whole number);
every rule of the desk (who may do what, in which status, how long a text may be) stays in
the services, which the views call with the validated data. A `ReviewError` from a service
becomes the API's error body in reviews.api.exceptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from reviews.api.permissions import DeskMember
from reviews.models import Claim

if TYPE_CHECKING:
    from rest_framework.permissions import _PermissionClass

MAX_ID = 2**63 - 1
MAX_VERSION = 2**31 - 1


# --- input fields ---------------------------------------------------------------------------


class StrictText:
    """Text fields take JSON strings only: DRF would turn `12` or `true` into "12"/"True",
    hiding a client's mistake."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class Text(StrictText, serializers.CharField):
    pass


class Url(StrictText, serializers.URLField):
    pass


def object_id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def version_field(*, of: str = "claim", minimum: int = 1, **kwargs) -> serializers.IntegerField:
    """The version of the claim or verdict the client saw. Every change of state carries it,
    so that nobody approves, returns or dismisses something changed since they read it."""
    messages = {
        "required": f"Send the version of the {of} you saw ({of} `version`), so that a change "
        "made since you loaded it is not overwritten."
    }
    return serializers.IntegerField(
        min_value=minimum, max_value=MAX_VERSION, error_messages=messages, **kwargs
    )


# --- people ---------------------------------------------------------------------------------


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


def person(**kwargs) -> UserSerializer:
    return UserSerializer(read_only=True, allow_null=True, **kwargs)


# --- errors ---------------------------------------------------------------------------------


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="invalid, not_authenticated, forbidden, not_found, conflict, too_large, "
        "unsupported_media_type, method_not_allowed, throttled, locked_out"
    )
    message = serializers.CharField(help_text="What went wrong, for people.")
    fields = serializers.DictField(
        child=serializers.CharField(), help_text="The input fields at fault, with the reason."
    )
    current = serializers.DictField(
        required=False,
        help_text="409 only: the stored values the refused change was based on an old version of.",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


ERROR_DESCRIPTIONS = {
    400: "Bad input: malformed JSON, wrong types, missing fields, or a rule of the input.",
    401: "Not authenticated: send `Authorization: Token ...` or log in.",
    403: "Refused by a rule of the desk (four-eyes, someone else's claim, editors only).",
    404: "No such object, or one you may not see.",
    409: "Stale version: someone changed it after you loaded it. `current` has the values.",
    413: "The request body is too large.",
    415: "A body of a type this operation does not read (files: multipart/form-data).",
    429: "Too many requests (or failed logins); try again later.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code])
        for code in codes
    }


# --- views ----------------------------------------------------------------------------------


# Shared by the desk's views: desk members only, objects looked up in scope. Every route that
# names an object looks it up before reading the body, so a user who may not see it gets the
# same 404 as for an object that does not exist, whatever they send. (No docstring:
# drf-spectacular would show it as the description of every operation.)
class DeskView:
    permission_classes: Sequence[_PermissionClass] = [DeskMember]
    lookup_value_regex = "[0-9]+"

    def input(self, serializer_class: type[serializers.Serializer]) -> dict:
        serializer = serializer_class(data=self.request.data, context={"request": self.request})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def fake(self) -> bool:
        # drf-spectacular instantiates views without a request to build the schema.
        return getattr(self, "swagger_fake_view", False)

    def claim_from_url(self, key: str = "claim_id") -> Claim:
        return get_object_or_404(Claim.objects.select_related("article"), pk=self.kwargs[key])
