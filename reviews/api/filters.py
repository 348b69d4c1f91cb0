"""Filters of the API's lists (django-filter) and the claims' ordering."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from reviews.models import Candidate, Claim, ClaimKind, ClaimStatus, Job, Notification

# Larger ids than a bigint cannot exist; refusing them here keeps them out of SQL.
MAX_ID_DIGITS = 18
MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1})
class IdFilter(filters.Filter):
    """An object's id: a whole number a bigint column can hold (anything else is a 400, not
    a database error)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=MAX_ID, **kwargs)


class ClaimFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=ClaimStatus.choices, help_text="Review status.")
    kind = filters.ChoiceFilter(choices=ClaimKind.choices, help_text="Kind of claim.")
    assignee = filters.CharFilter(
        method="filter_assignee",
        validators=[
            RegexValidator(
                rf"^(me|none|[0-9]{{1,{MAX_ID_DIGITS}}})$",
                "A user id, `me` or `none`.",
            )
        ],
        help_text="A user id, `me` (the requesting user) or `none` (unassigned).",
    )
    min_score = filters.NumberFilter(
        field_name="checkworthiness",
        lookup_expr="gte",
        min_value=0,
        max_value=1,
        help_text="Lowest check-worthiness score, from 0 to 1.",
    )
    checkworthy = filters.BooleanFilter(
        help_text="true: only the claims the model finds worth checking; false: only the rest."
    )

    class Meta:
        model = Claim
        fields = ["status", "kind", "assignee", "min_score", "checkworthy"]

    def filter_assignee(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee_id=self.request.user.pk)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=int(value))


class CandidateFilter(filters.FilterSet):
    decision = filters.ChoiceFilter(
        choices=Candidate.Decision.choices, help_text="Pending, accepted or dismissed."
    )

    class Meta:
        model = Candidate
        fields = ["decision"]


class JobFilter(filters.FilterSet):
    article = IdFilter(
        method="filter_article",
        help_text="Jobs of an article: its own (ingest) and those of its claims.",
    )
    claim = IdFilter(field_name="claim_id", help_text="Jobs of a claim.")
    status = filters.ChoiceFilter(choices=Job.Status.choices, help_text="Queued, running, ...")
    kind = filters.ChoiceFilter(choices=Job.Kind.choices, help_text="Kind of job.")

    class Meta:
        model = Job
        fields = ["article", "claim", "status", "kind"]

    def filter_article(self, queryset, name, value):
        return queryset.filter(Q(article_id=value) | Q(claim__article_id=value))


class StrictBooleanField(forms.NullBooleanField):
    """`true` or `false`; Django's field would read anything else as "not given" and
    silently return the whole list."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in (True, "true", "True", "1"):
            return True
        if value in (False, "false", "False", "0"):
            return False
        raise forms.ValidationError("Give true or false.", code="invalid")


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        # django-filter's widget maps unknown values to None before the field sees them.
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class NotificationFilter(filters.FilterSet):
    unread = StrictBooleanFilter(
        field_name="read_at",
        lookup_expr="isnull",
        help_text="`true`: unread notices only; `false`: read ones only.",
    )

    class Meta:
        model = Notification
        fields = ["unread"]


class ClaimOrdering(BaseFilterBackend):
    """`?ordering=position` (the article's order, the default) or `score` (check-worthiness,
    highest first). The cursor paginator asks `get_ordering` for the order it pages by."""

    param = "ordering"
    orderings = {
        "position": ("start", "end", "id"),
        "score": ("-checkworthiness", "start", "id"),
    }
    default = "position"

    def get_ordering(self, request, queryset, view) -> tuple[str, ...]:
        value = request.query_params.get(self.param) or self.default
        if value not in self.orderings:
            raise ValidationError({self.param: f"Order by one of: {', '.join(self.orderings)}."})
        return self.orderings[value]

    def filter_queryset(self, request, queryset, view):
        return queryset.order_by(*self.get_ordering(request, queryset, view))

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": "`position`: in the article's order; `score`: by "
                "check-worthiness, highest first.",
                "schema": {"type": "string", "enum": list(self.orderings), "default": self.default},
            }
        ]
