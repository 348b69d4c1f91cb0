"""The desk's pages: the article's claims, the claim panel, queues, activity and search.
A page's query count must not grow with its rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from reviews.models import (
    Article,
    Claim,
    ClaimStatus,
    Comment,
    Evidence,
    Notification,
    Rating,
    RatingScale,
    Verdict,
)
from reviews.selectors.timeline import ChangeReason

# Claims that still need someone's work; approved and dismissed ones are done.
OPEN_STATUSES = (
    ClaimStatus.UNREVIEWED,
    ClaimStatus.IN_PROGRESS,
    ClaimStatus.RETURNED,
    ClaimStatus.REOPENED,
    ClaimStatus.SUBMITTED,
)
# A reviewer's queue: what was sent back first, then what is under way, then the rest.
QUEUE_PRIORITY: dict[str, int] = {
    ClaimStatus.RETURNED: 0,
    ClaimStatus.REOPENED: 1,
    ClaimStatus.IN_PROGRESS: 2,
    ClaimStatus.UNREVIEWED: 3,
    ClaimStatus.SUBMITTED: 4,
}


def _claims_counted(claims: QuerySet[Claim]) -> Coalesce:
    """How many of the claims of the outer article match: a correlated subquery, computed
    only for the articles a page shows (the index on (article, status) answers it)."""
    counted = (
        claims.filter(article_id=OuterRef("pk"))
        .order_by()
        .values("article_id")
        .annotate(n=Count("*"))  # no column: the (article, status) index alone answers
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def articles_for_desk() -> QuerySet[Article]:
    """Articles with their claim counts (not dismissed, approved). The counts are computed
    per article shown, after ordering and limiting: never over every claim of the desk."""
    return Article.objects.select_related("ingested_by").annotate(
        claim_count=_claims_counted(Claim.objects.exclude(status=ClaimStatus.DISMISSED)),
        approved_count=_claims_counted(Claim.objects.filter(status=ClaimStatus.APPROVED)),
    )


@dataclass(frozen=True)
class ClaimRow:
    """A claim of a list with its current verdict (None before the first save)."""

    claim: Claim
    verdict: Verdict | None


def _current_verdict_prefetch(queryset: QuerySet[Verdict] | None = None) -> Prefetch:
    if queryset is None:
        queryset = Verdict.objects.select_related("rating", "author", "last_edited_by")
    return Prefetch("verdicts", queryset=queryset.filter(is_current=True), to_attr="_current")


def _claim_rows(claims: Iterable[Claim]) -> tuple[ClaimRow, ...]:
    """The rows of a claim queryset prefetched with `_current_verdict_prefetch`."""
    rows = []
    for claim in claims:
        current = claim._current  # type: ignore[attr-defined]
        rows.append(ClaimRow(claim, current[0] if current else None))
    return tuple(rows)


def claims_for_review_page(article: Article) -> tuple[ClaimRow, ...]:
    """Every claim of the article with just what the highlights and the ranked list show:
    a long article has hundreds, and unused JSON and date columns cost more than the rest."""
    current = Verdict.objects.select_related("rating").only(
        "id", "claim", "rating", "rating__slug", "rating__label"
    )
    claims = (
        article.claims.select_related("assignee")
        .only(
            "id",
            "article",
            "start",
            "end",
            "text",
            "wording",
            "kind",
            "speaker",
            "number",
            "checkworthiness",
            "checkworthy",
            "score_reasons",
            "status",
            "needs_review",
            "assignee",
            "assignee__username",
        )
        .prefetch_related(_current_verdict_prefetch(current))
        .order_by("start")
    )
    return _claim_rows(claims)


@dataclass(frozen=True)
class ClaimFilters:
    status: str = ""
    assignee: str = ""  # a user id, "me" or "none"
    kind: str = ""
    min_score: float | None = None
    checkworthy_only: bool = False

    @property
    def active(self) -> bool:
        return bool(
            self.status
            or self.assignee
            or self.kind
            or self.min_score is not None
            or self.checkworthy_only
        )


def claims_ranked(rows: Sequence[ClaimRow], filters: ClaimFilters, *, user) -> list[ClaimRow]:
    """The claim list of the review page: filtered in memory (the page already holds every
    claim for the highlights), ranked by check-worthiness."""
    out = []
    for row in rows:
        claim = row.claim
        if filters.status and claim.status != filters.status:
            continue
        if filters.kind and claim.kind != filters.kind:
            continue
        if filters.min_score is not None and claim.checkworthiness < filters.min_score:
            continue
        if filters.checkworthy_only and not claim.checkworthy:
            continue
        if filters.assignee == "me" and claim.assignee_id != user.pk:
            continue
        if filters.assignee == "none" and claim.assignee_id is not None:
            continue
        if filters.assignee.isdigit() and claim.assignee_id != int(filters.assignee):
            continue
        out.append(row)
    return sorted(out, key=lambda r: (-r.claim.checkworthiness, r.claim.start))


@dataclass(frozen=True)
class ClaimPanel:
    """One claim with everything its panel shows."""

    claim: Claim
    verdicts: tuple[Verdict, ...]  # every version, newest first
    evidence: tuple[Evidence, ...]
    comments: tuple[Comment, ...]

    @property
    def current_verdict(self) -> Verdict | None:
        return next((v for v in self.verdicts if v.is_current), None)

    @property
    def latest_verdict(self) -> Verdict | None:
        """The verdict being worked on: the newest version."""
        return self.verdicts[0] if self.verdicts else None

    @property
    def earlier_verdicts(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if not v.is_current)


def claim_for_panel(claim_id: int) -> ClaimPanel:
    """One claim with every verdict version, its evidence and comments."""
    claim = Claim.objects.select_related(
        "article", "article__ingested_by", "article__next_version", "assignee"
    ).get(pk=claim_id)
    verdicts = claim.verdicts.select_related(
        "rating", "author", "last_edited_by", "approved_by"
    ).order_by("-number")
    evidence = claim.evidence.select_related("source", "added_by").order_by("created_at")
    comments = claim.comments.select_related("author").order_by("created_at")
    return ClaimPanel(claim, tuple(verdicts), tuple(evidence), tuple(comments))


def claim_next(claim: Claim) -> Claim | None:
    """The claim that follows this one in the article, the partner of "merge with next"."""
    return (
        Claim.objects.filter(article_id=claim.article_id, start__gte=claim.end)
        .exclude(pk=claim.pk)
        .order_by("start", "end")
        .first()
    )


def scale_ratings(scale: RatingScale) -> list[Rating]:
    return list(scale.ratings.order_by("position"))


def articles_in_progress(*, limit: int = 20) -> list[Article]:
    """Current versions of articles with claims still to review, newest first."""
    open_claims = Claim.objects.filter(status__in=OPEN_STATUSES)
    return list(
        articles_for_desk()
        .filter(~Exists(Article.objects.filter(previous_version=OuterRef("pk"))))
        .filter(Exists(open_claims.filter(article_id=OuterRef("pk"))))
        .annotate(open_count=_claims_counted(open_claims))
        .order_by("-ingested_at")[:limit]
    )


def unread_notifications(user, *, limit: int = 20) -> tuple[list[Notification], int]:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    return list(unread.select_related("claim", "claim__article")[:limit]), unread.count()


@dataclass(frozen=True)
class Activity:
    when: datetime
    who: str
    message: str
    claim_id: int | None
    claim_text: str = ""


def recent_activity(*, limit: int = 15) -> list[Activity]:
    """The latest changes to claims and verdicts and the latest comments, newest first."""
    events: list[Activity] = []
    # Extraction baselines are recorded lazily, at a claim's first change: not news.
    claim_records = (
        Claim.history.exclude(history_change_reason=ChangeReason.CLAIM_EXTRACTED)
        .select_related("history_user")
        .order_by("-history_date")
    )
    for record in claim_records[:limit]:
        events.append(
            Activity(
                record.history_date,
                _username(record.history_user),
                record.history_change_reason or _claim_change(record),
                record.id,
            )
        )
    verdict_records = Verdict.history.select_related("history_user").order_by("-history_date")
    for record in verdict_records[:limit]:
        events.append(
            Activity(
                record.history_date,
                _username(record.history_user),
                record.history_change_reason or f"Verdict {record.get_status_display().lower()}",
                record.claim_id,
            )
        )
    for comment in Comment.objects.select_related("author").order_by("-created_at")[:limit]:
        events.append(
            Activity(comment.created_at, _username(comment.author), "Commented", comment.claim_id)
        )
    # One service call writes a history row per model it touches (the claim's status and the
    # verdict's, say) with the same time, actor and reason: show it once.
    unique: dict[tuple, Activity] = {}
    for event in sorted(events, key=lambda e: e.when, reverse=True):
        unique.setdefault((event.when, event.who, event.message, event.claim_id), event)
    latest = list(unique.values())[:limit]
    claims = Claim.objects.only("text", "wording").in_bulk({e.claim_id for e in latest})
    return [
        Activity(
            e.when,
            e.who,
            e.message,
            e.claim_id if e.claim_id in claims else None,
            claims[e.claim_id].display_text if e.claim_id in claims else "",
        )
        for e in latest
    ]


def _username(user) -> str:
    return user.get_username() if user is not None else "the system"


def _claim_change(record) -> str:
    if record.history_type == "+":
        return "Claim added"
    if record.history_type == "-":
        return "Claim removed"
    return f"Claim {record.get_status_display().lower()}"


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    speaker: str = ""
    status: str = ""
    rating: str = ""  # a rating slug of the default scale

    @property
    def empty(self) -> bool:
        return not (self.text or self.speaker or self.status or self.rating)


# Full-text search on PostgreSQL (migration 0008): claims through an expression index, articles
# through a stored tsvector column. The expressions must stay those of the indexes.
CLAIM_DOCUMENT = (
    "to_tsvector('english'::regconfig, \"reviews_claim\".\"text\" || ' ' || "
    '"reviews_claim"."wording")'
)
ARTICLE_DOCUMENT = '"reviews_article"."search_vector"'
TS_QUERY = "websearch_to_tsquery('english'::regconfig, %s)"
SEARCH_PAGE = 50


def _full_text() -> bool:
    return connection.vendor == "postgresql"


def _has_terms(text: str) -> bool:
    """Whether full-text search can take the text: three characters or more with a word or
    a number in them. Punctuation alone makes an empty text query, and one or two letters
    are a fragment of words rather than one: both are searched as substrings."""
    return len(text.strip()) >= 3 and any(ch.isalnum() for ch in text)


def search_claims(query: SearchQuery, *, limit: int = 100, offset: int = 0) -> tuple[ClaimRow, ...]:
    """Claims matching the query, best first: by text rank on PostgreSQL (the words, or a
    "quoted phrase", of the query), then by check-worthiness. The matching ids are ranked
    and limited on the claims table alone; only those rows are joined and prefetched."""
    matching = Claim.objects.all()
    ordering: tuple = ("-checkworthiness", "pk")
    if query.text:
        if _full_text() and _has_terms(query.text):
            # Constant SQL (the index's expression); the text is a parameter.
            rank = RawSQL(f"ts_rank_cd({CLAIM_DOCUMENT}, {TS_QUERY})", [query.text])  # noqa: S611
            match = f"{CLAIM_DOCUMENT} @@ {TS_QUERY}"
            matching = matching.extra(where=[match], params=[query.text])  # noqa: S610
            matching = matching.annotate(rank=rank)
            ordering = ("-rank", *ordering)
        else:
            matching = matching.filter(
                Q(text__icontains=query.text) | Q(wording__icontains=query.text)
            )
    if query.speaker:
        matching = matching.filter(speaker__icontains=query.speaker)
    if query.status:
        matching = matching.filter(status=query.status)
    if query.rating:
        matching = matching.filter(
            Exists(
                Verdict.objects.filter(
                    claim_id=OuterRef("pk"), is_current=True, rating__slug=query.rating
                )
            )
        )
    ids = list(matching.order_by(*ordering).values_list("pk", flat=True)[offset : offset + limit])
    claims = (
        Claim.objects.filter(pk__in=ids)
        .select_related("article", "assignee")
        .prefetch_related(_current_verdict_prefetch())
    )
    position = {pk: i for i, pk in enumerate(ids)}
    return _claim_rows(sorted(claims, key=lambda c: position[c.pk]))


def search_articles(query: SearchQuery, *, limit: int = 50, offset: int = 0) -> list[Article]:
    """Articles whose title, outlet or text matches, newest first."""
    if not query.text:
        return []
    articles = articles_for_desk()
    if _full_text() and _has_terms(query.text):
        match = f"{ARTICLE_DOCUMENT} @@ {TS_QUERY}"
        articles = articles.extra(where=[match], params=[query.text])  # noqa: S610
    else:
        articles = articles.filter(
            Q(title__icontains=query.text)
            | Q(outlet__icontains=query.text)
            | Q(body__icontains=query.text)
        )
    return list(articles.order_by("-ingested_at", "-pk")[offset : offset + limit])
