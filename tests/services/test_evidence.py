"""Evidence: attaching sources to claims, and taking them off again."""

from __future__ import annotations

import datetime

import pytest

from reviews.errors import ReviewError
from reviews.models import Candidate, Evidence, Source
from reviews.services.claims import claim_take
from reviews.services.evidence import evidence_add, evidence_remove
from tests.scenes import approve

pytestmark = pytest.mark.django_db

URL = "https://www.gov.example/news/detained?id=7&utm_source=twitter"


def test_evidence_creates_its_source_by_canonical_url(claim, reviewer):
    evidence = evidence_add(
        claim=claim,
        actor=reviewer,
        url=URL,
        stance="supports",
        title="Ministry statement",
        publisher="Ministry of Internal Affairs",
        quote="7,939 people were detained",
        note="Primary source",
        published=datetime.date(2022, 1, 10),
    )

    source = evidence.source
    assert source.canonical_url == "https://www.gov.example/news/detained?id=7"
    assert source.url == URL
    assert (source.title, source.publisher) == (
        "Ministry statement",
        "Ministry of Internal Affairs",
    )
    assert source.published == datetime.date(2022, 1, 10)
    assert (evidence.stance, evidence.quote, evidence.note, evidence.added_by) == (
        "supports",
        "7,939 people were detained",
        "Primary source",
        reviewer,
    )


def test_the_same_page_is_one_source_across_claims(claim, second_claim, reviewer):
    evidence_add(claim=claim, actor=reviewer, url=URL, stance="supports")
    evidence_add(
        claim=second_claim,
        actor=reviewer,
        stance="context",
        url="HTTPS://WWW.GOV.EXAMPLE:443/news/detained?id=7&fbclid=abc#top",
    )

    assert Source.objects.count() == 1
    assert Evidence.objects.count() == 2


def test_a_known_source_gets_missing_metadata_but_keeps_its_own(claim, second_claim, reviewer):
    evidence_add(claim=claim, actor=reviewer, url=URL, stance="supports", title="Statement")
    evidence_add(
        claim=second_claim,
        actor=reviewer,
        url=URL,
        stance="supports",
        title="Another title",
        publisher="Ministry",
    )
    source = Source.objects.get()
    assert (source.title, source.publisher) == ("Statement", "Ministry")


def test_attaching_the_same_source_twice_is_refused(claim, reviewer):
    evidence_add(claim=claim, actor=reviewer, url=URL, stance="supports")
    with pytest.raises(ReviewError, match="attached to the claim already"):
        evidence_add(claim=claim, actor=reviewer, url=URL + "&utm_medium=x", stance="refutes")
    assert Evidence.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "ftp://example.org/file",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://" + "a" * 2000 + ".org",
    ],
)
def test_bad_urls_are_refused_and_nothing_is_created(claim, reviewer, url):
    with pytest.raises(ReviewError) as exc:
        evidence_add(claim=claim, actor=reviewer, url=url, stance="supports")
    assert "url" in exc.value.fields or "URL" in exc.value.fields
    assert not Source.objects.exists()
    assert not Evidence.objects.exists()


def test_stance_must_be_one_of_the_three(claim, reviewer):
    with pytest.raises(ReviewError, match="supports, refutes or gives context"):
        evidence_add(claim=claim, actor=reviewer, url=URL, stance="maybe")
    assert not Source.objects.exists()


def test_accepting_a_candidate_records_the_decision(claim, reviewer):
    candidate = Candidate.objects.create(
        claim=claim,
        url=URL,
        canonical_url="https://www.gov.example/news/detained?id=7",
        title="Ministry statement",
        publisher="Ministry",
        provider="searxng",
    )
    evidence = evidence_add(
        claim=claim, actor=reviewer, url="", stance="supports", candidate=candidate
    )

    candidate.refresh_from_db()
    assert evidence.candidate == candidate
    assert evidence.source.title == "Ministry statement"
    assert (candidate.decision, candidate.decided_by, candidate.source) == (
        "accepted",
        reviewer,
        evidence.source,
    )
    assert candidate.decided_at is not None


def test_a_candidate_of_another_claim_is_refused(claim, second_claim, reviewer):
    candidate = Candidate.objects.create(
        claim=second_claim, url=URL, canonical_url=URL, provider="wikipedia"
    )
    with pytest.raises(ReviewError, match="not a suggestion for this claim"):
        evidence_add(claim=claim, actor=reviewer, url="", stance="supports", candidate=candidate)
    assert not Evidence.objects.exists()


def test_evidence_on_an_approved_claim_is_frozen(claim, reviewer, editor, ratings):
    approve(claim, reviewer, editor, ratings["true"])
    with pytest.raises(ReviewError, match="approved"):
        evidence_add(claim=claim, actor=reviewer, url=URL, stance="supports")
    assert not Evidence.objects.exists()


def test_remove_detaches_but_keeps_the_source(claim, reviewer):
    evidence = evidence_add(claim=claim, actor=reviewer, url=URL, stance="supports")
    evidence_remove(evidence=evidence, actor=reviewer)

    assert not Evidence.objects.exists()
    assert Source.objects.count() == 1


def test_removing_twice_says_it_is_gone(claim, reviewer):
    evidence = evidence_add(claim=claim, actor=reviewer, url=URL, stance="supports")
    evidence_remove(evidence=evidence, actor=reviewer)
    with pytest.raises(ReviewError) as exc:
        evidence_remove(evidence=evidence, actor=reviewer)
    assert exc.value.code == "not_found"


def test_reviewer_cannot_remove_evidence_from_someone_elses_claim(claim, reviewer, reviewer2):
    evidence = evidence_add(claim=claim, actor=reviewer2, url=URL, stance="supports")
    claim_take(claim=claim, actor=reviewer2)
    with pytest.raises(ReviewError) as exc:
        evidence_remove(evidence=evidence, actor=reviewer)
    assert exc.value.code == "forbidden"
    assert Evidence.objects.count() == 1
