"""Re-ingesting an updated article: a new version that keeps the desk's work.

Articles get corrected and updated after publication. The new text becomes a new Article
pointing at the one it replaces (the old version stays as it was, with its reports). Every
claim of the old version whose exact text is still in the new body is carried over with
its status, assignee, verdicts, evidence, candidates and comments; claims the extraction
finds in new or changed text are added and flagged `needs_review`.
"""

from __future__ import annotations

import datetime
import hashlib

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from reviews import permissions as perms
from reviews.errors import ReviewError
from reviews.models import Article, Candidate, Claim, Comment, Evidence, Verdict
from reviews.selectors.timeline import ChangeReason
from reviews.services import history
from reviews.services.articles import MAX_TITLE_LENGTH, claims_from_body, validate_article_body

# Copied as they are from the old claim (the span is the new one's).
CLAIM_COPY = [
    "wording",
    "headline",
    "kind",
    "speaker",
    "speaker_role",
    "number",
    "quantities",
    "dates",
    "checkworthiness",
    "checkworthy",
    "score_reasons",
    "status",
    "assignee_id",
    "dismissed_reason",
    "reopen_reason",
    "needs_review",
    "added_manually",
]
VERDICT_COPY = [
    "number",
    "is_current",
    "status",
    "rating_id",
    "rationale",
    "confidence",
    "author_id",
    "last_edited_by_id",
    "submitted_at",
    "approved_by_id",
    "approved_at",
    "return_note",
    "correction_reason",
]
EVIDENCE_COPY = ["source_id", "stance", "quote", "note", "added_by_id"]
CANDIDATE_COPY = [
    "source_id",
    "url",
    "canonical_url",
    "title",
    "snippet",
    "publisher",
    "published",
    "provider",
    "providers",
    "query",
    "rank",
    "provider_score",
    "relevance",
    "passage",
    "extra",
    "decision",
    "decided_by_id",
    "decided_at",
]


def article_reingest(
    *,
    previous: Article,
    body: str,
    actor: AbstractBaseUser,
    title: str | None = None,
    published: datetime.date | None = None,
) -> Article:
    """Store `body` as the new version of `previous` and carry the desk's work over."""
    perms.require(perms.can_reingest(actor, previous), "Only members of the desk ingest articles.")
    validate_article_body(body)
    if title is not None:
        title = title.strip()
        if not title:
            raise ReviewError("The article needs a title.", fields={"title": "required"})
        if len(title) > MAX_TITLE_LENGTH:
            raise ReviewError(
                f"The title is longer than {MAX_TITLE_LENGTH} characters.",
                fields={"title": "too long"},
            )
    if published is not None and not isinstance(published, datetime.date):
        raise ReviewError("The publication date is not a date.", fields={"published": "invalid"})
    when = timezone.now()
    with transaction.atomic():
        previous = Article.objects.filter(pk=previous.pk).first()
        if previous is None:
            raise ReviewError("This article no longer exists.", "not_found")
        newer = Article.objects.filter(previous_version=previous).first()
        if newer is not None:
            raise ReviewError(
                f"This version was already replaced by “{newer.title}”; re-ingest the current "
                "version instead.",
                "conflict",
            )
        if body == previous.body:
            raise ReviewError(
                "The text is the same as the current version; nothing changed.",
                fields={"body": "unchanged"},
            )
        article = Article(
            title=title or previous.title,
            body=body,
            body_hash=hashlib.sha256(body.encode("utf-8", errors="surrogatepass")).hexdigest(),
            published=published or previous.published,
            url=previous.url,
            outlet=previous.outlet,
            author=previous.author,
            language=previous.language,
            origin=previous.origin,
            original_filename=previous.original_filename,
            previous_version=previous,
            ingested_by=actor,
        )
        try:
            with transaction.atomic():
                article.save()
        except IntegrityError:
            raise ReviewError(
                "Someone re-ingested this article a moment ago; open its current version.",
                "conflict",
            ) from None
        _carry_over(previous, article, actor=actor, when=when)
    return article


def _carry_over(
    previous: Article, article: Article, *, actor: AbstractBaseUser, when: datetime.datetime
) -> None:
    old_claims = list(previous.claims.order_by("start", "end"))
    located = _locate(old_claims, previous.body, article.body)
    carried = []
    for old, (start, end) in located:
        claim = Claim(
            article=article,
            start=start,
            end=end,
            text=article.body[start:end],
            **{name: getattr(old, name) for name in CLAIM_COPY},
        )
        carried.append((old, claim))

    covered = bytearray(len(article.body))
    for _, claim in carried:
        covered[claim.start : claim.end] = b"\x01" * (claim.end - claim.start)
    flagged = []
    # A new claim takes a number no claim of the article ever had: "claim 3" of v1 is
    # "claim 3" of v2, and the report's corrections can say what was added.
    next_number = max((old.number for old in old_claims), default=0) + 1
    for claim in claims_from_body(article):
        uncovered = any(
            not covered[i] and not article.body[i].isspace() for i in range(claim.start, claim.end)
        )
        if uncovered:
            claim.needs_review = True
            claim.number = next_number
            next_number += 1
            flagged.append(claim)

    _create_with_history(
        [c for _, c in carried], Claim, actor=actor, when=when, reason=ChangeReason.CLAIM_CARRIED
    )
    _create_with_history(
        flagged, Claim, actor=actor, when=when, reason=ChangeReason.CLAIM_CHANGED_IN_VERSION
    )
    _copy_work({old.pk: new for old, new in carried}, actor=actor, when=when)


def _locate(old_claims: list[Claim], old_body: str, new_body: str) -> list[tuple[Claim, tuple]]:
    """Where each old claim's exact text is in the new body: the occurrence nearest to where
    it used to be (proportionally), never the same span twice."""
    ratio = len(new_body) / max(len(old_body), 1)
    used: set[tuple[int, int]] = set()
    found = []
    for old in old_claims:
        expected = old.start * ratio
        best = None
        position = new_body.find(old.text)
        while position != -1:
            span = (position, position + len(old.text))
            if span not in used and (
                best is None or abs(position - expected) < abs(best[0] - expected)
            ):
                best = span
            position = new_body.find(old.text, position + 1)
        if best is not None:
            used.add(best)
            found.append((old, best))
    return found


def _create_with_history(
    objs: list, model: type, *, actor: AbstractBaseUser, when: datetime.datetime, reason: str
) -> list:
    """bulk_create plus one history row each (bulk_create sends no signals)."""
    if not objs:
        return objs
    created = model.objects.bulk_create(objs)
    # PostgreSQL and SQLite >= 3.35 return the new ids, which the history rows need.
    if not all(obj.pk for obj in created):
        raise RuntimeError("The database did not return the ids of the new rows.")
    for obj in created:
        history.stamp(obj, actor=actor, reason=reason, when=when)
    model.history.bulk_history_create(created)
    return created


def _copy_work(
    new_by_old: dict[int, Claim], *, actor: AbstractBaseUser, when: datetime.datetime
) -> None:
    """Copy verdicts, candidates, evidence and comments of carried claims, in bulk."""
    if not new_by_old:
        return
    old_ids = list(new_by_old)

    def copies(rows, fields):
        return [
            type(row)(claim=new_by_old[row.claim_id], **{f: getattr(row, f) for f in fields})
            for row in rows
        ]

    verdicts = list(Verdict.objects.filter(claim_id__in=old_ids).order_by("claim_id", "number"))
    _create_with_history(
        copies(verdicts, VERDICT_COPY),
        Verdict,
        actor=actor,
        when=when,
        reason=ChangeReason.CLAIM_CARRIED,
    )

    candidates = list(Candidate.objects.filter(claim_id__in=old_ids).order_by("pk"))
    new_candidates = Candidate.objects.bulk_create(copies(candidates, CANDIDATE_COPY))
    candidate_map = {old.pk: new for old, new in zip(candidates, new_candidates, strict=True)}

    evidence = list(Evidence.objects.filter(claim_id__in=old_ids).order_by("pk"))
    new_evidence = copies(evidence, EVIDENCE_COPY)
    for old, new in zip(evidence, new_evidence, strict=True):
        new.candidate = candidate_map.get(old.candidate_id)
    _create_with_history(
        new_evidence, Evidence, actor=actor, when=when, reason=ChangeReason.CLAIM_CARRIED
    )

    comments = list(Comment.objects.filter(claim_id__in=old_ids).order_by("pk"))
    new_comments = Comment.objects.bulk_create(copies(comments, ["author_id", "body"]))
    # created_at is auto_now_add: put the discussion back at the time it happened.
    for old, new in zip(comments, new_comments, strict=True):
        Comment.objects.filter(pk=new.pk).update(created_at=old.created_at)
