"""Reads with joins. A page's query count must not grow with its rows."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from reviews.models import Article, Claim, ClaimStatus


def articles_for_desk() -> QuerySet[Article]:
    return Article.objects.select_related("ingested_by").annotate(
        claim_count=Count("claims", filter=~Q(claims__status=ClaimStatus.DISMISSED)),
        approved_count=Count("claims", filter=Q(claims__status=ClaimStatus.APPROVED)),
    )


def claims_of_article(article: Article) -> QuerySet[Claim]:
    return article.claims.select_related("assignee").order_by("start")
