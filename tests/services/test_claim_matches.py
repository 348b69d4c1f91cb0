"""Earlier fact-checks of the desk's claims: the match job, the stored matches, the desk's
approved verdicts in the archive, and a reviewer's one-click uses of a match."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings as django_settings

from claimextract.factcheck_formats import FactCheckRecord
from reviews.errors import ReviewError
from reviews.models import ClaimMatch, Evidence, FactCheck, Job, Stance
from reviews.selectors.matches import (
    claim_matches,
    likely_same_threshold,
    stance_from_rating,
    strong_match_ids,
)
from reviews.services.factchecks import factchecks_import
from reviews.services.matches import (
    claim_matches_run,
    desk_identifier,
    factcheck_archive_verdict,
    factchecks_import_and_match,
    factchecks_match_article,
    factchecks_match_open,
    match_attach,
    match_settings_update,
    verdict_start_from_match,
)
from tests import scenes
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

TROOPS = FactCheckRecord(
    identifier="troops-2030",
    claim="Officials said 2,030 troops arrived on Monday.",
    title="Did 2,030 troops arrive on Monday?",
    rating="False",
    url="https://checks.example/troops",
    published=datetime.date(2025, 4, 2),
    line=1,
)
PRICES = FactCheckRecord(
    identifier="prices-12",
    claim="Prices rose by 12 percent last year, the statistics office says.",
    title="Prices and the 12 percent figure",
    rating="Needs context",
    url="https://checks.example/prices",
    line=2,
)
UNRELATED = FactCheckRecord(
    identifier="anaconda",
    claim="A viral video shows a 10-meter-long anaconda swimming across a river in Brazil.",
    title="Does video show a giant anaconda?",
    rating="Miscaptioned",
    url="https://checks.example/anaconda",
    line=3,
)


@pytest.fixture(autouse=True)
def words_only(settings):
    settings.FACTCHECK_MATCHING_DENSE = False


@pytest.fixture
def archive(db):
    factchecks_import(records=[TROOPS, PRICES, UNRELATED], publisher="Checks Daily")
    return {fc.identifier: fc for fc in FactCheck.objects.all()}


def run_job(job: Job) -> Job:
    claim_matches_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_an_ingested_articles_claims_are_matched_by_a_job_and_stored(archive, claim, editor):
    job = factchecks_match_article(article=claim.article, actor=editor)
    assert (job.kind, job.status, job.article_id) == (
        Job.Kind.MATCH_FACTCHECKS,
        "queued",
        claim.article_id,
    )
    job = run_job(job)
    assert job.status == Job.Status.DONE
    assert job.result == {"claims": 1, "matched": 1}
    stored = list(ClaimMatch.objects.filter(claim=claim).order_by("rank"))
    assert stored[0].factcheck == archive["troops-2030"]
    assert stored[0].rank == 1 and stored[0].score > 0.9
    assert all(m.factcheck.identifier != "anaconda" for m in stored)
    assert [m.rank for m in stored] == list(range(1, len(stored) + 1))


def test_running_the_job_again_stores_nothing_twice_and_a_finished_job_does_nothing(archive, claim):
    job = run_job(factchecks_match_article(article=claim.article))
    first = list(ClaimMatch.objects.filter(claim=claim).values_list("factcheck_id", "rank"))
    assert claim_matches_run(job_id=job.pk) is None  # a redelivery of a finished job
    job.refresh_from_db()
    assert job.attempts == 1
    # A second job over the same claims replaces the rows, it adds none.
    run_job(factchecks_match_article(article=claim.article))
    again = list(ClaimMatch.objects.filter(claim=claim).values_list("factcheck_id", "rank"))
    assert again == first


def test_no_job_for_an_empty_archive(claim):
    assert factchecks_match_article(article=claim.article) is None
    assert not Job.objects.exists()


def test_an_import_matches_the_open_claims_again_in_one_queued_job(claim, editor):
    result = factchecks_import_and_match(records=[TROOPS], publisher="Checks Daily", actor=editor)
    assert result.created == 1
    jobs = Job.objects.filter(kind=Job.Kind.MATCH_FACTCHECKS)
    assert jobs.count() == 1 and jobs.get().params == {"scope": "open"}
    # A second change before the job started: the queued job covers it.
    factchecks_import_and_match(records=[PRICES], publisher="Checks Daily", actor=editor)
    assert jobs.count() == 1
    # Nothing changed: no job at all.
    run_job(jobs.get())
    factchecks_import_and_match(records=[TROOPS, PRICES], publisher="Checks Daily")
    assert jobs.count() == 1
    assert ClaimMatch.objects.filter(claim=claim, factcheck__identifier="troops-2030").exists()


def test_open_claims_exclude_dismissed_ones(archive, article):
    kept = ClaimFactory(article=article)
    start = article.body.index("Prices")
    dismissed = ClaimFactory(
        article=article,
        start=start,
        end=len(article.body),
        status="dismissed",
        dismissed_reason="Opinion, not a fact.",
    )
    run_job(factchecks_match_open())
    assert ClaimMatch.objects.filter(claim=kept).exists()
    assert not ClaimMatch.objects.filter(claim=dismissed).exists()


def test_an_approved_verdict_joins_the_archive_and_matches_other_claims_not_itself(
    claim, reviewer, editor, ratings
):
    verdict = scenes.approve(claim, reviewer, editor, ratings["mostly-false"])
    factcheck = factcheck_archive_verdict(verdict=verdict)
    assert factcheck.publisher == django_settings.FACTCHECK["DESK_NAME"]
    assert factcheck.identifier == desk_identifier(claim.pk)
    assert (factcheck.claim, factcheck.rating, factcheck.desk_claim_id) == (
        claim.text,
        "Mostly false",
        claim.pk,
    )
    assert factcheck.url == ""  # no published report yet
    # Approving again (a correction) updates the same entry.
    factcheck_archive_verdict(verdict=verdict)
    assert FactCheck.objects.filter(desk_claim=claim).count() == 1
    # A new article repeating the claim finds the desk's verdict; the claim itself does not.
    repeat = ClaimFactory(article=ArticleFactory())
    run_job(Job.objects.get(kind=Job.Kind.MATCH_FACTCHECKS, params__scope="open"))
    assert not ClaimMatch.objects.filter(claim=claim).exists()
    match = ClaimMatch.objects.get(claim=repeat)
    assert match.factcheck == factcheck
    rows = claim_matches(repeat.pk)
    assert rows[0].by_desk and rows[0].rating == "Mostly false"
    assert rows[0].link.endswith(f"/articles/{claim.article_id}/#claim-{claim.pk}")


def test_the_threshold_is_the_editors_and_marks_strong_matches(archive, claim, editor, reviewer):
    run_job(factchecks_match_article(article=claim.article))
    best = ClaimMatch.objects.get(claim=claim, rank=1)
    assert claim_matches(claim.pk)[0].likely_same == (best.score >= likely_same_threshold())
    match_settings_update(actor=editor, likely_same=1.0)
    assert likely_same_threshold() == 1.0
    assert strong_match_ids([claim.pk]) == (
        frozenset({claim.pk}) if best.score >= 1 else frozenset()
    )
    match_settings_update(actor=editor, likely_same=0.5)
    assert strong_match_ids([claim.pk]) == {claim.pk}
    assert claim_matches(claim.pk)[0].likely_same
    with pytest.raises(ReviewError, match="Only editors"):
        match_settings_update(actor=reviewer, likely_same=0.2)
    with pytest.raises(ReviewError):
        match_settings_update(actor=editor, likely_same=1.5)
    assert likely_same_threshold() == 0.5


def test_attaching_a_match_adds_evidence_with_the_stance_of_its_rating(archive, claim, reviewer):
    run_job(factchecks_match_article(article=claim.article))
    evidence = match_attach(claim=claim, factcheck_id=archive["troops-2030"].pk, actor=reviewer)
    assert Evidence.objects.filter(claim=claim).count() == 1
    assert evidence.stance == Stance.REFUTES
    assert evidence.source.url == "https://checks.example/troops"
    assert evidence.source.publisher == "Checks Daily"
    assert "Rated 'False' by Checks Daily on 2025-04-02" in evidence.note
    with pytest.raises(ReviewError, match="attached"):
        match_attach(claim=claim, factcheck_id=archive["troops-2030"].pk, actor=reviewer)
    with pytest.raises(ReviewError, match="not a match"):
        match_attach(claim=claim, factcheck_id=archive["anaconda"].pk, actor=reviewer)


@pytest.mark.parametrize(
    ("rating", "value", "expected"),
    [
        ("False", None, Stance.REFUTES),
        ("Pants on Fire!", None, Stance.REFUTES),
        ("mostly-true", None, Stance.SUPPORTS),
        ("Half true", None, Stance.CONTEXT),
        ("Missing context", None, Stance.CONTEXT),
        ("", 1.0, Stance.REFUTES),
        ("", 5.0, Stance.SUPPORTS),
        ("", 3.0, Stance.CONTEXT),
    ],
)
def test_the_stance_of_a_rating(rating, value, expected):
    factcheck = FactCheck(rating=rating, rating_value=value, rating_best=5.0, rating_worst=1.0)
    assert stance_from_rating(factcheck) == expected


def test_starting_a_verdict_takes_the_rating_of_the_same_label_and_links_the_check(
    archive, claim, scale
):
    run_job(factchecks_match_article(article=claim.article))
    start = verdict_start_from_match(
        claim=claim, factcheck_id=archive["troops-2030"].pk, rationale="Our notes."
    )
    assert start.rating is not None and start.rating.label == "False"
    assert start.rationale.startswith("Our notes.\n\n")
    assert "(https://checks.example/troops)" in start.rationale
    assert "Checks Daily rated it 'False' on 2025-04-02" in start.rationale
    # "Needs context" is not on the desk's scale: the link only.
    body = claim.article.body
    prices = ClaimFactory(article=claim.article, start=body.index("Prices"), end=len(body))
    run_job(factchecks_match_article(article=claim.article))
    other = verdict_start_from_match(claim=prices, factcheck_id=archive["prices-12"].pk)
    assert other.rating is None
    assert other.rationale.startswith("Previously fact-checked: [Checks Daily rated it")


def test_the_archive_provider_offers_the_stored_matches_but_not_the_desks_own_verdicts(
    archive, claim, reviewer, editor, ratings
):
    from reviews.providers.archive import ArchiveProvider

    run_job(factchecks_match_article(article=claim.article))
    other = ClaimFactory(article=ArticleFactory())
    factcheck_archive_verdict(verdict=scenes.approve(other, reviewer, editor, ratings["false"]))
    FactCheck.objects.filter(desk_claim=other).update(url="https://desk.example/report")
    run_job(factchecks_match_open())
    assert ClaimMatch.objects.filter(claim=claim, factcheck__desk_claim=other).exists()
    ClaimMatch.objects.filter(claim=claim, factcheck__identifier="troops-2030").update(score=0.99)
    found = ArchiveProvider().factcheck_candidates(claim)
    assert [c.url for c in found] == ["https://checks.example/troops"]
    assert found[0].score == 0.99  # the stored score, not one computed again
