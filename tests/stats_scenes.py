"""A desk with known figures for the statistics tests, built through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from reviews.models import Article, Claim
from reviews.services.claims import claim_dismiss
from reviews.services.verdicts import verdict_return
from tests import scenes
from tests.factories import ArticleFactory, ClaimFactory


def aged_article(hours: float) -> Article:
    """An article ingested `hours` ago (ingested_at is set on insert; moved back after)."""
    article = ArticleFactory()
    when = timezone.now() - datetime.timedelta(hours=hours)
    Article.objects.filter(pk=article.pk).update(ingested_at=when)
    article.refresh_from_db()
    return article


def claims_on(article: Article, count: int) -> list[Claim]:
    """`count` distinct claims on one article (spans of growing length from the start)."""
    return [ClaimFactory(article=article, start=0, end=10 + i) for i in range(count)]


def rate(scale, label: str):
    return scale.ratings.get(label=label)


def approved(claim: Claim, author, editor, scale, label: str) -> Claim:
    scenes.approve(claim, author, editor, rate(scale, label))
    return scenes.fresh(claim)


def returned_then_resubmitted(claim: Claim, author, editor, scale) -> Claim:
    """Submitted, returned by the editor, submitted again: two submissions, one return."""
    scenes.submit(claim, author, rate(scale, "False"))
    verdict_return(claim=claim, actor=editor, note="Cite the ministry's table.")
    scenes.submit(claim, author, rate(scale, "Mostly false"), rationale="The table says so.")
    return scenes.fresh(claim)


def busy_desk(size: int, *, reviewer, reviewer2, editor, scale) -> None:
    """A desk of `size` claims (at least 5) in every state: approved, submitted after a
    return, assigned and open, dismissed, untouched. The query count of the statistics
    must not depend on `size`."""
    article = aged_article(hours=30)
    claims = claims_on(article, size)
    labels = ["True", "False", "Half true", "Misleading"]
    approved_count = max(1, size // 3)
    for index, claim in enumerate(claims[:approved_count]):
        author = reviewer if index % 2 == 0 else reviewer2
        approved(claim, author, editor, scale, labels[index % len(labels)])
    rest = claims[approved_count:]
    returned_then_resubmitted(rest[0], reviewer, editor, scale)
    claim_dismiss(claim=rest[1], actor=editor, reason="Not check-worthy.")
    for claim in rest[2 : len(rest) // 2 + 2]:
        scenes.assign(claim, reviewer2, editor)
