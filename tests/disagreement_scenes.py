"""The desk of the numbers-that-disagree tests (tests/views and tests/api): articles whose
claims count the same things with other figures."""

from __future__ import annotations

import hashlib

from reviews.models import Article, Claim, ClaimKind
from reviews.services.articles import article_ingest
from tests import scenes
from tests.factories import ArticleFactory
from tests.views.conftest import rating

BODY = (
    "Russia sent 2,030 troops to the peacekeeping mission, officials said on Monday.\n"
    "The health ministry said 164 people died in the unrest.\n"
    "The alliance said more than 2,000 troops joined the peacekeeping mission.\n"
    "Prices rose by 12 percent last year.\n"
)
EARLIER_BODY = (
    "Officials said 225 people died in the unrest in January.\n"
    "The lake lies 12 kilometres from the town.\n"
)


def earlier_with_approved_toll(*, editor, editor2, reviewer, scale) -> Article:
    """An article of last month with an approved verdict on its death toll (225 people)."""
    earlier = article_ingest(title="Unrest in January", body=EARLIER_BODY, actor=editor)
    toll = claim_with(earlier, "225 people")
    scenes.assign(toll, reviewer, editor)
    scenes.approve(scenes.fresh(toll), reviewer, editor2, rating(scale, "True"))
    return earlier


def troops_article(editor) -> Article:
    """An article of two claims on one mission's troops that disagree, and a death toll."""
    return article_ingest(title="Troops in Almaty", body=BODY, actor=editor)


def claim_with(article: Article, words: str) -> Claim:
    return article.claims.get(text__contains=words)


def article_with_counts(count: int, title: str) -> Article:
    """An article whose every claim counts troops of one mission, each with another figure."""
    sentences = [f"Sentence {i} says {1000 + i} troops joined the mission." for i in range(count)]
    body = " ".join(sentences)
    article = ArticleFactory(body=body, body_hash=hashlib.sha256(body.encode()).hexdigest())
    article.title = title
    article.save(update_fields=["title"])
    claims, position = [], 0
    for i, sentence in enumerate(sentences):
        figure = f"{1000 + i:,} troops"
        claims.append(
            Claim(
                article=article,
                start=position,
                end=position + len(sentence),
                text=sentence,
                number=i + 1,
                kind=ClaimKind.STATISTIC,
                checkworthiness=0.5,
                quantities=[
                    {"text": figure, "value": 1000 + i, "unit": "troops", "qualifier": None}
                ],
            )
        )
        position += len(sentence) + 1
    Claim.objects.bulk_create(claims)
    return article
