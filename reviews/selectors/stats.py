"""The desk's statistics: ratings, claim statuses, time to approval, reviewer load, returns.

Every figure is an aggregate computed by the database: one query per chart, the same number
of queries for ten claims or ten thousand. `desk_stats(period)` gathers them all for the
statistics page and the API.

What is counted:

- An article re-ingested as a new version carries its claims and verdicts over as copies.
  Counts of claims and verdicts read the current version of each article only, so a claim
  is never counted twice. Times to approval read the verdicts approved on the version they
  were approved on (a carried copy was approved before its article version was ingested).
- Submissions and returns are read from the verdicts' history: a verdict returned and
  submitted again counts as two submissions and one return.
- The period applies to when things happened: approvals (ratings, time to approval),
  submissions and returns, and the ingest of the article (claims by status). Assigned and
  open claims are the desk's state now, whatever the period.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from enum import Enum

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import Window
from django.db.models.functions import Coalesce, RowNumber, TruncDate, TruncMonth, TruncWeek
from django.utils import timezone

from reviews import roles
from reviews.models import Claim, ClaimStatus, Rating, Verdict
from reviews.selectors.desk import OPEN_STATUSES
from reviews.selectors.timeline import ChangeReason


class Period(Enum):
    """The periods the page offers: the value is its query parameter."""

    WEEK = "7"
    MONTH = "30"
    QUARTER = "90"
    ALL = "all"

    @property
    def label(self) -> str:
        return "All time" if self is Period.ALL else f"Last {self.value} days"

    @property
    def days(self) -> int | None:
        return None if self is Period.ALL else int(self.value)

    def since(self, now: datetime.datetime | None = None) -> datetime.datetime | None:
        if self.days is None:
            return None
        return (now or timezone.now()) - datetime.timedelta(days=self.days)

    @classmethod
    def parse(cls, value: str | None, default: Period | None = None) -> Period:
        """The period named by a query parameter; the default for anything else."""
        try:
            return cls(value)
        except ValueError:
            return default or DEFAULT_PERIOD


DEFAULT_PERIOD = Period.MONTH

# The histogram of time to approval: (label, upper bound), the last bucket unbounded.
DURATION_BUCKETS: tuple[tuple[str, datetime.timedelta | None], ...] = (
    ("< 1 h", datetime.timedelta(hours=1)),
    ("1–6 h", datetime.timedelta(hours=6)),
    ("6–24 h", datetime.timedelta(days=1)),
    ("1–3 d", datetime.timedelta(days=3)),
    ("3–7 d", datetime.timedelta(days=7)),
    ("1–4 wk", datetime.timedelta(days=28)),
    ("> 4 wk", None),
)


@dataclass(frozen=True)
class RatingCount:
    label: str
    slug: str
    colour: str
    count: int


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class DurationBucket:
    label: str
    count: int


@dataclass(frozen=True)
class TimeToApproval:
    """From an article's ingest to the first approval of each of its claims' verdicts."""

    count: int
    median: datetime.timedelta | None
    p90: datetime.timedelta | None
    buckets: tuple[DurationBucket, ...]

    @property
    def median_seconds(self) -> float | None:
        return self.median.total_seconds() if self.median is not None else None

    @property
    def p90_seconds(self) -> float | None:
        return self.p90.total_seconds() if self.p90 is not None else None


@dataclass(frozen=True)
class ApprovalsOverTime:
    """Verdicts approved per day, week or month of the period, empty steps included."""

    step: str  # "day", "week" or "month"
    points: tuple[tuple[datetime.date, int], ...]


@dataclass(frozen=True)
class ReviewerLoad:
    user_id: int
    username: str
    assigned: int  # claims assigned to them now, whatever their status
    open: int  # of those, the ones still needing work
    submitted: int  # submissions of verdicts they wrote, in the period
    returned: int  # of those, returned by an editor

    @property
    def return_rate(self) -> float | None:
        """Returns per submission, 0..1; None when nothing was submitted."""
        return self.returned / self.submitted if self.submitted else None


@dataclass(frozen=True)
class DeskStats:
    period: Period
    since: datetime.datetime | None
    ratings: tuple[RatingCount, ...]
    statuses: tuple[StatusCount, ...]
    time_to_approval: TimeToApproval
    reviewers: tuple[ReviewerLoad, ...]
    approvals: ApprovalsOverTime

    @property
    def approved_total(self) -> int:
        return sum(r.count for r in self.ratings)

    @property
    def claims_total(self) -> int:
        return sum(s.count for s in self.statuses)


def desk_stats(period: Period = DEFAULT_PERIOD) -> DeskStats:
    since = period.since()
    return DeskStats(
        period=period,
        since=since,
        ratings=rating_distribution(since),
        statuses=claims_by_status(since),
        time_to_approval=time_to_approval(since),
        reviewers=reviewer_load(since),
        approvals=approvals_over_time(period),
    )


def _current_claims() -> QuerySet[Claim]:
    # Claims of the latest version of their article (see the module's docstring).
    return Claim.objects.filter(article__next_version__isnull=True)


def rating_distribution(since: datetime.datetime | None) -> tuple[RatingCount, ...]:
    """Current approved verdicts per rating: every rating of the default scale (a zero is a
    figure too), and those of other scales that were used. One query."""
    approved = Verdict.objects.filter(
        rating_id=OuterRef("pk"),
        status=Verdict.Status.APPROVED,
        is_current=True,
        claim__in=_current_claims(),
    )
    if since is not None:
        approved = approved.filter(approved_at__gte=since)
    counted = approved.order_by().values("rating_id").annotate(n=Count("*")).values("n")
    rows = (
        Rating.objects.annotate(n=Coalesce(Subquery(counted, output_field=IntegerField()), 0))
        .filter(Q(scale__is_default=True) | Q(n__gt=0))
        .order_by("-scale__is_default", "scale_id", "position")
        .values_list("label", "slug", "color", "n")
    )
    return tuple(
        RatingCount(label=label, slug=slug, colour=colour, count=n)
        for label, slug, colour, n in rows
    )


def claims_by_status(since: datetime.datetime | None) -> tuple[StatusCount, ...]:
    """Claims per review status, in workflow order, zeros included. One query."""
    claims = _current_claims()
    if since is not None:
        claims = claims.filter(article__ingested_at__gte=since)
    counts = dict(
        claims.order_by().values("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return tuple(
        StatusCount(status=status.value, label=status.label, count=counts.get(status.value, 0))
        for status in ClaimStatus
    )


def time_to_approval(since: datetime.datetime | None) -> TimeToApproval:
    """How long claims waited from their article's ingest to their first approved verdict:
    the histogram in one query, the median and 90th percentile in a second."""
    waits = _first_approvals(since)
    buckets = _bucket_counts(waits)
    count = sum(b.count for b in buckets)
    median, p90 = _percentiles(waits, count)
    return TimeToApproval(count=count, median=median, p90=p90, buckets=buckets)


def _first_approvals(since: datetime.datetime | None) -> QuerySet[Verdict]:
    # Number 1 is the first verdict of a claim; corrections are later numbers. A superseded
    # first verdict still says when the claim was first approved.
    verdicts = Verdict.objects.filter(number=1, approved_at__isnull=False).annotate(
        wait=ExpressionWrapper(
            F("approved_at") - F("claim__article__ingested_at"), output_field=DurationField()
        )
    )
    # A copy carried to a new article version was approved before that version existed.
    verdicts = verdicts.filter(approved_at__gte=F("claim__article__ingested_at"))
    if since is not None:
        verdicts = verdicts.filter(approved_at__gte=since)
    return verdicts


def _bucket_counts(waits: QuerySet[Verdict]) -> tuple[DurationBucket, ...]:
    aggregates = {}
    lower: datetime.timedelta | None = None
    for index, (_, upper) in enumerate(DURATION_BUCKETS):
        condition = Q()
        if lower is not None:
            condition &= Q(wait__gte=lower)
        if upper is not None:
            condition &= Q(wait__lt=upper)
        aggregates[f"b{index}"] = Count("id", filter=condition)
        lower = upper
    counts = waits.order_by().aggregate(**aggregates)
    return tuple(
        DurationBucket(label=label, count=counts[f"b{index}"])
        for index, (label, _) in enumerate(DURATION_BUCKETS)
    )


def _percentiles(
    waits: QuerySet[Verdict], count: int
) -> tuple[datetime.timedelta | None, datetime.timedelta | None]:
    """The median (the mean of the two middle values for an even count) and the 90th
    percentile (nearest rank), reading only the rows at those ranks: SQLite has no
    percentile aggregate, and this works the same on PostgreSQL."""
    if count == 0:
        return None, None
    median_ranks = {(count + 1) // 2, count // 2 + 1}
    p90_rank = max(1, math.ceil(0.9 * count))
    ranked = (
        waits.order_by()
        .annotate(rank=Window(RowNumber(), order_by=[F("wait").asc(), F("pk").asc()]))
        .filter(rank__in=median_ranks | {p90_rank})
        .values_list("rank", "wait")
    )
    by_rank = dict(ranked)
    middle = [by_rank[rank] for rank in sorted(median_ranks)]
    median = sum(middle, datetime.timedelta()) / len(middle)
    return median, by_rank[p90_rank]


def reviewer_load(since: datetime.datetime | None) -> tuple[ReviewerLoad, ...]:
    """Per person: claims assigned and open now, verdict submissions and returns in the
    period. Reviewers are listed even with nothing to do; anyone else (an editor who also
    reviews) when they have some work. One query: each figure is a correlated subquery."""
    assigned = Claim.objects.filter(assignee_id=OuterRef("pk")).filter(
        ~Q(status=ClaimStatus.DISMISSED)
    )
    events = Verdict.history.filter(author_id=OuterRef("pk"))
    if since is not None:
        events = events.filter(history_date__gte=since)
    submitted = events.filter(history_change_reason=ChangeReason.VERDICT_SUBMITTED)
    returned = events.filter(history_change_reason=ChangeReason.VERDICT_RETURNED)
    is_reviewer = Group.objects.filter(name=roles.REVIEWER, user=OuterRef("pk"))
    rows = (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(
            n_assigned=_count(assigned, "assignee_id"),
            n_open=_count(assigned.filter(status__in=OPEN_STATUSES), "assignee_id"),
            n_submitted=_count(submitted, "author_id"),
            n_returned=_count(returned, "author_id"),
        )
        .filter(Exists(is_reviewer) | Q(n_assigned__gt=0) | Q(n_submitted__gt=0))
        .order_by("-n_open", "-n_assigned", "username")
        .values_list("pk", "username", "n_assigned", "n_open", "n_submitted", "n_returned")
    )
    return tuple(
        ReviewerLoad(
            user_id=pk,
            username=username,
            assigned=n_assigned,
            open=n_open,
            submitted=n_submitted,
            returned=n_returned,
        )
        for pk, username, n_assigned, n_open, n_submitted, n_returned in rows
    )


def _count(rows: QuerySet, key: str) -> Coalesce:
    counted = rows.order_by().values(key).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def approvals_over_time(
    period: Period, *, now: datetime.datetime | None = None
) -> ApprovalsOverTime:
    """Approvals (any verdict version) per day for a week or a month, per week for a quarter,
    per month for all time. One query; the steps without approvals are filled in here, so
    the work in Python follows the length of the period, not the size of the desk."""
    now = timezone.localtime(now or timezone.now())
    since = period.since(now)
    step = "day" if period.days is not None and period.days <= 30 else "week"
    if period is Period.ALL:
        step = "month"
    trunc = {"day": TruncDate, "week": TruncWeek, "month": TruncMonth}[step]
    approvals = Verdict.objects.filter(approved_at__isnull=False, claim__in=_current_claims())
    if since is not None:
        approvals = approvals.filter(approved_at__gte=since)
    rows = (
        approvals.annotate(bucket=trunc("approved_at"))
        .order_by()
        .values("bucket")
        .annotate(n=Count("id"))
        .values_list("bucket", "n")
    )
    counts = {_as_date(bucket): n for bucket, n in rows}
    first = _as_date(since) if since is not None else min(counts, default=now.date())
    return ApprovalsOverTime(
        step=step,
        points=tuple((day, counts.get(day, 0)) for day in _steps(first, now.date(), step)),
    )


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _steps(first: datetime.date, last: datetime.date, step: str) -> list[datetime.date]:
    """The start of every day, week (Monday) or month from `first` to `last`."""
    if step == "week":
        first -= datetime.timedelta(days=first.weekday())
    elif step == "month":
        first = first.replace(day=1)
    steps = []
    current = first
    while current <= last:
        steps.append(current)
        if step == "day":
            current += datetime.timedelta(days=1)
        elif step == "week":
            current += datetime.timedelta(days=7)
        else:
            current = (current.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return steps
