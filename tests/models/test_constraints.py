"""What must never be false is enforced by the database itself."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from reviews.models import Claim, Evidence, Source, Verdict
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_claim_span_must_lie_inside_the_article_body(article):
    length = len(article.body)
    refused(lambda: ClaimFactory(article=article, start=5, end=length + 1, text="x"))
    refused(lambda: ClaimFactory(article=article, start=10, end=10, text=""))
    refused(lambda: ClaimFactory(article=article, start=10, end=5, text=""))
    ClaimFactory(article=article, start=0, end=length)
    assert Claim.objects.filter(article=article).count() == 1


def test_moving_a_claim_past_the_body_end_is_refused(claim):
    claim.end = len(claim.article.body) + 10
    refused(lambda: claim.save(update_fields=["end"]))


def test_same_span_twice_is_refused(claim):
    refused(lambda: ClaimFactory(article=claim.article, start=claim.start, end=claim.end))


def test_checkworthiness_stays_in_unit_range(article):
    refused(lambda: ClaimFactory(article=article, checkworthiness=1.5))


def test_dismissed_claim_needs_a_reason(claim):
    claim.status = "dismissed"
    refused(lambda: claim.save(update_fields=["status"]))


def test_only_one_current_verdict_per_claim(claim, scale, reviewer):
    rating = scale.ratings.first()
    Verdict.objects.create(claim=claim, rating=rating, author=reviewer, last_edited_by=reviewer)
    refused(
        lambda: Verdict.objects.create(
            claim=claim, rating=rating, number=2, author=reviewer, last_edited_by=reviewer
        )
    )


def test_verdict_cannot_be_approved_by_its_author(claim, scale, reviewer, editor):
    rating = scale.ratings.first()
    refused(
        lambda: Verdict.objects.create(
            claim=claim,
            rating=rating,
            author=editor,
            last_edited_by=editor,
            status="approved",
            approved_by=editor,
        )
    )
    refused(
        lambda: Verdict.objects.create(
            claim=claim,
            rating=rating,
            author=reviewer,
            last_edited_by=editor,
            status="approved",
            approved_by=editor,
        )
    )
    Verdict.objects.create(
        claim=claim,
        rating=rating,
        author=reviewer,
        last_edited_by=reviewer,
        status="approved",
        approved_by=editor,
    )
    assert Verdict.objects.filter(status="approved").count() == 1


def test_a_source_is_attached_to_a_claim_once(claim, reviewer):
    source = Source.objects.create(
        url="https://example.org/a", canonical_url="https://example.org/a"
    )
    Evidence.objects.create(claim=claim, source=source, stance="supports", added_by=reviewer)
    refused(
        lambda: Evidence.objects.create(
            claim=claim, source=source, stance="refutes", added_by=reviewer
        )
    )


def test_canonical_urls_are_unique_among_sources():
    Source.objects.create(url="https://example.org/a", canonical_url="https://example.org/a")
    refused(
        lambda: Source.objects.create(
            url="https://EXAMPLE.org/a", canonical_url="https://example.org/a"
        )
    )
