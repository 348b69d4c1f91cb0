"""Earlier fact-checks through the API: a claim's matches, and importing a file of
fact-checks (editors), with each bad record's line number in the answer."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claimextract.factcheck_formats import FactCheckRecord
from reviews.models import FactCheck, Job
from reviews.services.factchecks import factchecks_import
from reviews.services.matches import claim_matches_run, factchecks_match_article
from tests.api.conftest import error_of

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

JSONLD = b"""[
  {"@type": "ClaimReview", "url": "https://checks.example/prices",
   "claimReviewed": "Prices rose by 12 percent last year.",
   "reviewRating": {"@type": "Rating", "alternateName": "Mostly true"},
   "author": {"@type": "Organization", "name": "Checks Daily"},
   "datePublished": "2025-01-10"},
  {"@type": "ClaimReview", "url": "https://checks.example/empty"},
  {"@type": "ClaimReview", "url": "not a web address",
   "claimReviewed": "The ministry reported that 7,939 people were detained."}
]
"""


@pytest.fixture(autouse=True)
def words_only(settings):
    settings.FACTCHECK_MATCHING_DENSE = False


def upload(data: bytes, name: str = "feed.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/json")


def test_a_claims_matches_best_first_with_rating_link_and_similarity(reviewer_api, claim):
    factchecks_import(records=[TROOPS], publisher="Checks Daily")
    claim_matches_run(job_id=factchecks_match_article(article=claim.article).pk)
    response = reviewer_api.get(f"/api/claims/{claim.pk}/matches/")
    assert response.status_code == 200
    body = response.json()
    assert body["pending"] is False
    assert 0 <= body["threshold"] <= 1
    (match,) = body["matches"]
    assert match["factcheck"] == FactCheck.objects.get().pk
    assert match["rank"] == 1
    assert match["publisher"] == "Checks Daily"
    assert match["rating"] == "False"
    assert match["published"] == "2025-04-02"
    assert match["url"] == "https://checks.example/troops"
    assert match["stance"] == "refutes"
    assert match["likely_same"] is (match["score"] >= body["threshold"])
    assert match["score"] > 0.9 and match["by_desk"] is False


def test_no_matches_yet_and_unknown_claims(reviewer_api, claim, anon_api):
    body = reviewer_api.get(f"/api/claims/{claim.pk}/matches/").json()
    assert body["matches"] == []
    error_of(reviewer_api.get("/api/claims/999999/matches/"), 404)
    error_of(anon_api.get(f"/api/claims/{claim.pk}/matches/"), 401)


def test_an_editor_imports_a_feed_and_bad_records_come_back_with_their_lines(editor_api, claim):
    response = editor_api.post(
        "/api/factchecks/import/", {"file": upload(JSONLD)}, format="multipart"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (1, 0, 0)
    assert [e["line"] for e in body["errors"]] == [7, 8]
    assert "url is not a web address" in body["errors"][1]["message"]
    stored = FactCheck.objects.get()
    assert (stored.publisher, stored.rating) == ("Checks Daily", "Mostly true")
    assert Job.objects.filter(kind=Job.Kind.MATCH_FACTCHECKS).count() == 1
    # Again: updates nothing, duplicates nothing.
    again = editor_api.post(
        "/api/factchecks/import/", {"file": upload(JSONLD)}, format="multipart"
    ).json()
    assert (again["created"], again["unchanged"]) == (0, 1)
    assert FactCheck.objects.count() == 1


def test_the_publisher_names_records_that_name_none(editor_api):
    data = (
        b"id,claim,rating,url\nc1,Prices rose by 12 percent last year.,False,https://c.example/1\n"
    )
    response = editor_api.post(
        "/api/factchecks/import/",
        {"file": upload(data, "checks.csv"), "publisher": "Spreadsheet Checks"},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    assert FactCheck.objects.get().publisher == "Spreadsheet Checks"


def test_reviewers_cannot_import_and_unreadable_files_are_refused(reviewer_api, editor_api):
    error_of(
        reviewer_api.post("/api/factchecks/import/", {"file": upload(JSONLD)}, format="multipart"),
        403,
    )
    error_of(
        editor_api.post(
            "/api/factchecks/import/", {"file": upload(b"\xff\xfe\x00bad")}, format="multipart"
        ),
        400,
    )
    error_of(editor_api.post("/api/factchecks/import/", {}, format="multipart"), 400)
    assert not FactCheck.objects.exists()
