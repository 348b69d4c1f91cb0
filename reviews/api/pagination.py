"""Cursor pagination for every list of the API.

Cursors stay stable while claims are added or change status (no page skips or repeats, as
with offsets), and a page costs the same at the end of a 10,000-claim list as at its start.
"""

from __future__ import annotations

import datetime
import math

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

# Positions beyond a 64-bit integer cannot be stored, and the database would refuse them.
BIGINT = 2**63


class DeskCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("-id",)

    def get_ordering(self, request, queryset, view):
        """A view's fixed `cursor_ordering`, or the order its ordering filter chose."""
        fixed = getattr(view, "cursor_ordering", None)
        if fixed:
            return tuple(fixed)
        return super().get_ordering(request, queryset, view)

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        self.view = view
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            self.check_position(cursor.position)
        return cursor

    def check_position(self, position: str) -> None:
        """A cursor is opaque to clients but not tamper-proof: refuse positions that are not
        values of the ordering field, instead of letting the database choke on them."""
        name = self.ordering[0].lstrip("-")
        # A view that pages by an annotation names the annotation's field type.
        annotated = getattr(self.view, "cursor_annotations", {}).get(name)
        try:
            field = annotated or self.model._meta.get_field(name)
            value = field.to_python(position)
        except (FieldDoesNotExist, DjangoValidationError, ValueError, TypeError):
            raise NotFound(self.invalid_cursor_message) from None
        if (
            "\x00" in position
            or (isinstance(value, float) and not math.isfinite(value))
            or (isinstance(value, int) and not -BIGINT <= value < BIGINT)
            or (isinstance(value, datetime.datetime) and timezone.is_naive(value))
        ):
            raise NotFound(self.invalid_cursor_message)
