"""Verdicts through the API: save with a version, submit, and the editors' approve and
return under the four-eyes rule."""

from __future__ import annotations

import pytest

from reviews.models import ClaimStatus, Verdict
from tests.api.conftest import error_of
from tests.scenes import approve, submit, write

pytestmark = pytest.mark.django_db


def put_verdict(client, claim, **fields):
    payload = {"rationale": "The ministry's own figure.", "confidence": 80, "version": 0}
    payload.update(fields)
    return client.put(f"/api/claims/{claim.pk}/verdict/", payload)


def test_reviewer_saves_a_first_verdict_by_rating_slug(reviewer_api, reviewer, claim, ratings):
    response = put_verdict(reviewer_api, claim, rating="mostly-true")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["rating"]["slug"] == "mostly-true"
    assert data["status"] == "draft"
    assert data["version"] == 1
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.rating, verdict.author, verdict.confidence) == (
        ratings["mostly-true"],
        reviewer,
        80,
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_PROGRESS
    assert claim.assignee == reviewer


def test_verdict_is_updated_with_its_version_and_by_rating_id(reviewer_api, claim, ratings):
    put_verdict(reviewer_api, claim, rating="true")
    response = put_verdict(reviewer_api, claim, rating=ratings["false"].pk, version=1)
    assert response.status_code == 200, response.content
    assert response.json()["rating"]["label"] == "False"
    assert response.json()["version"] == 2
    assert Verdict.objects.get(claim=claim).rating == ratings["false"]


def test_a_stale_verdict_version_is_a_conflict(reviewer_api, editor_api, claim, ratings):
    put_verdict(reviewer_api, claim, rating="true")
    put_verdict(editor_api, claim, rating="half-true", version=1)
    error = error_of(put_verdict(reviewer_api, claim, rating="false", version=1), 409, "conflict")
    assert error["current"]["rating"] == "Half true"
    assert Verdict.objects.get(claim=claim).rating == ratings["half-true"]


def test_a_second_first_verdict_is_a_conflict_not_an_overwrite(reviewer_api, editor_api, claim):
    put_verdict(reviewer_api, claim, rating="true")
    error_of(put_verdict(editor_api, claim, rating="false", version=0), 409, "conflict")
    assert Verdict.objects.get(claim=claim).rating.slug == "true"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rating": "sort-of-true"}, "rating"),
        ({"rating": 987654}, "rating"),
        ({"rating": 0}, "rating"),
        ({"rating": True}, "rating"),
        ({"rating": 1.5}, "rating"),
        ({"rating": ["true"]}, "rating"),
        ({"rating": ""}, "rating"),
        ({"rating": "bad\x00slug"}, "rating"),
        ({"rating": "true", "confidence": 101}, "confidence"),
        ({"rating": "true", "confidence": -1}, "confidence"),
        ({"rating": "true", "confidence": "high"}, "confidence"),
        ({"rating": "true", "rationale": 5}, "rationale"),
        ({"rating": "true", "version": -1}, "version"),
        ({"rating": "true", "version": None}, "version"),
    ],
)
def test_bad_verdicts_are_refused_and_nothing_is_saved(reviewer_api, claim, scale, fields, field):
    error = error_of(put_verdict(reviewer_api, claim, **fields), 400, "invalid")
    assert field in error["fields"]
    assert not Verdict.objects.exists()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNREVIEWED


def test_verdict_needs_a_rating_and_a_version(reviewer_api, claim, scale):
    response = reviewer_api.put(f"/api/claims/{claim.pk}/verdict/", {})
    error = error_of(response, 400)
    assert {"rating", "version"} <= set(error["fields"])


def test_reviewer_submits_and_cannot_submit_without_a_rationale(reviewer_api, claim, ratings):
    put_verdict(reviewer_api, claim, rating="true", rationale="")
    error = error_of(reviewer_api.post(f"/api/claims/{claim.pk}/submit/"), 400)
    assert error["fields"] == {"rationale": "required"}
    put_verdict(reviewer_api, claim, rating="true", version=1)
    response = reviewer_api.post(f"/api/claims/{claim.pk}/submit/", {"version": 2})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    assert response.json()["verdict"]["status"] == "submitted"


def test_submitting_with_a_stale_verdict_version_is_a_conflict(reviewer_api, claim, ratings):
    put_verdict(reviewer_api, claim, rating="true")
    error_of(reviewer_api.post(f"/api/claims/{claim.pk}/submit/", {"version": 5}), 409)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_PROGRESS


def test_nothing_to_submit_is_bad_input(reviewer_api, claim):
    error_of(reviewer_api.post(f"/api/claims/{claim.pk}/submit/"), 400, "invalid")


def test_editor_approves_a_submitted_verdict(editor_api, reviewer, claim, ratings):
    submit(claim, reviewer, ratings["true"])
    response = editor_api.post(f"/api/claims/{claim.pk}/approve/")
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert response.json()["verdict"]["approved_by"]["username"] == "erin"


def test_reviewer_cannot_approve(reviewer_api, reviewer2, claim, ratings):
    submit(claim, reviewer2, ratings["true"])
    error = error_of(reviewer_api.post(f"/api/claims/{claim.pk}/approve/"), 403, "forbidden")
    assert "editor" in error["message"].lower()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_editor_cannot_approve_own_verdict(editor_api, editor, claim, ratings):
    submit(claim, editor, ratings["true"])
    error = error_of(editor_api.post(f"/api/claims/{claim.pk}/approve/"), 403, "forbidden")
    assert "four-eyes" in error["message"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_editor_cannot_approve_a_verdict_they_last_edited(
    editor_api, editor, reviewer, claim, ratings
):
    write(claim, reviewer, ratings["true"])
    write(claim, editor, ratings["half-true"])
    api_submit = editor_api.post(f"/api/claims/{claim.pk}/submit/")
    assert api_submit.status_code == 200
    error_of(editor_api.post(f"/api/claims/{claim.pk}/approve/"), 403, "forbidden")


def test_approving_with_a_stale_verdict_version_is_a_conflict(editor_api, reviewer, claim, ratings):
    submit(claim, reviewer, ratings["true"])
    error_of(editor_api.post(f"/api/claims/{claim.pk}/approve/", {"version": 1}), 409)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_approving_an_unsubmitted_claim_is_bad_input(editor_api, claim):
    error_of(editor_api.post(f"/api/claims/{claim.pk}/approve/"), 400, "invalid")


def test_editor_returns_a_verdict_with_a_note(editor_api, reviewer, claim, ratings):
    submit(claim, reviewer, ratings["true"])
    response = editor_api.post(f"/api/claims/{claim.pk}/return/", {"note": "Needs a source."})
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RETURNED
    assert Verdict.objects.get(claim=claim).return_note == "Needs a source."


@pytest.mark.parametrize("payload", [{}, {"note": ""}, {"note": 3}, {"note": "ok", "version": "x"}])
def test_return_needs_a_note(editor_api, reviewer, claim, ratings, payload):
    submit(claim, reviewer, ratings["true"])
    error_of(editor_api.post(f"/api/claims/{claim.pk}/return/", payload), 400, "invalid")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_reviewer_cannot_return(reviewer_api, reviewer2, claim, ratings):
    submit(claim, reviewer2, ratings["true"])
    error_of(reviewer_api.post(f"/api/claims/{claim.pk}/return/", {"note": "No."}), 403)


def test_reopened_claim_takes_a_corrected_verdict_as_a_new_version(
    editor_api, reviewer_api, reviewer, editor, claim, ratings
):
    approve(claim, reviewer, editor, ratings["true"])
    response = editor_api.post(f"/api/claims/{claim.pk}/reopen/", {"reason": "New figures."})
    assert response.json()["status"] == "reopened"
    latest = response.json()["verdict"]
    response = put_verdict(reviewer_api, claim, rating="false", version=latest["version"])
    assert response.status_code == 200, response.content
    assert response.json()["number"] == 2
    assert response.json()["correction_reason"] == "New figures."
    detail = reviewer_api.get(f"/api/claims/{claim.pk}/").json()
    assert [v["number"] for v in detail["verdicts"]] == [2, 1]
