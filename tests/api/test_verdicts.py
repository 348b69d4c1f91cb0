"""Verdicts through the API: save with a version, submit, and the editors' approve and
return under the four-eyes rule."""

from __future__ import annotations

import pytest

from reviews.models import ClaimStatus, Verdict
from reviews.services.verdicts import verdict_return
from tests.api.conftest import claim_version, error_of, verdict_version
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
    error = error_of(
        reviewer_api.post(f"/api/claims/{claim.pk}/submit/", {"version": 1}), 400, "invalid"
    )
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
    error = error_of(
        reviewer_api.post(f"/api/claims/{claim.pk}/submit/", {"version": 1}), 400, "invalid"
    )
    assert "version" not in error["fields"]


def test_editor_approves_a_submitted_verdict(editor_api, reviewer, claim, ratings):
    submit(claim, reviewer, ratings["true"])
    version = verdict_version(editor_api, claim)
    response = editor_api.post(f"/api/claims/{claim.pk}/approve/", {"version": version})
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert response.json()["verdict"]["approved_by"]["username"] == "erin"


def test_reviewer_cannot_approve(reviewer_api, reviewer2, claim, ratings):
    submit(claim, reviewer2, ratings["true"])
    version = verdict_version(reviewer_api, claim)
    response = reviewer_api.post(f"/api/claims/{claim.pk}/approve/", {"version": version})
    error = error_of(response, 403, "forbidden")
    assert "editor" in error["message"].lower()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_editor_cannot_approve_own_verdict(editor_api, editor, claim, ratings):
    submit(claim, editor, ratings["true"])
    version = verdict_version(editor_api, claim)
    response = editor_api.post(f"/api/claims/{claim.pk}/approve/", {"version": version})
    error = error_of(response, 403, "forbidden")
    assert "four-eyes" in error["message"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_editor_cannot_approve_a_verdict_they_last_edited(
    editor_api, editor, reviewer, claim, ratings
):
    write(claim, reviewer, ratings["true"])
    write(claim, editor, ratings["half-true"])
    version = verdict_version(editor_api, claim)
    api_submit = editor_api.post(f"/api/claims/{claim.pk}/submit/", {"version": version})
    assert api_submit.status_code == 200, api_submit.content
    version = api_submit.json()["verdict"]["version"]
    response = editor_api.post(f"/api/claims/{claim.pk}/approve/", {"version": version})
    error_of(response, 403, "forbidden")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_approving_with_a_stale_verdict_version_is_a_conflict(editor_api, reviewer, claim, ratings):
    submit(claim, reviewer, ratings["true"])
    error_of(editor_api.post(f"/api/claims/{claim.pk}/approve/", {"version": 1}), 409)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_approving_an_unsubmitted_claim_is_bad_input(editor_api, claim):
    error = error_of(
        editor_api.post(f"/api/claims/{claim.pk}/approve/", {"version": 1}), 400, "invalid"
    )
    assert "version" not in error["fields"]


def test_editor_returns_a_verdict_with_a_note(editor_api, reviewer, claim, ratings):
    submit(claim, reviewer, ratings["true"])
    version = verdict_version(editor_api, claim)
    response = editor_api.post(
        f"/api/claims/{claim.pk}/return/", {"note": "Needs a source.", "version": version}
    )
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RETURNED
    assert Verdict.objects.get(claim=claim).return_note == "Needs a source."


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"note": None}, "note"),
        ({"note": ""}, "note"),
        ({"note": 3}, "note"),
        ({"version": "x"}, "version"),
        ({"version": None}, "version"),
    ],
)
def test_return_needs_a_note(editor_api, reviewer, claim, ratings, change, field):
    submit(claim, reviewer, ratings["true"])
    payload = {"note": "Needs a source.", "version": verdict_version(editor_api, claim)}
    payload = {k: v for k, v in (payload | change).items() if v is not None}  # None: left out
    response = editor_api.post(f"/api/claims/{claim.pk}/return/", payload)
    assert field in error_of(response, 400, "invalid")["fields"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_reviewer_cannot_return(reviewer_api, reviewer2, claim, ratings):
    submit(claim, reviewer2, ratings["true"])
    version = verdict_version(reviewer_api, claim)
    payload = {"note": "No.", "version": version}
    error_of(reviewer_api.post(f"/api/claims/{claim.pk}/return/", payload), 403)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_reopened_claim_takes_a_corrected_verdict_as_a_new_version(
    editor_api, reviewer_api, reviewer, editor, claim, ratings
):
    approve(claim, reviewer, editor, ratings["true"])
    payload = {"reason": "New figures.", "version": claim_version(editor_api, claim)}
    response = editor_api.post(f"/api/claims/{claim.pk}/reopen/", payload)
    assert response.json()["status"] == "reopened"
    latest = response.json()["verdict"]
    response = put_verdict(reviewer_api, claim, rating="false", version=latest["version"])
    assert response.status_code == 200, response.content
    assert response.json()["number"] == 2
    assert response.json()["correction_reason"] == "New figures."
    detail = reviewer_api.get(f"/api/claims/{claim.pk}/").json()
    assert [v["number"] for v in detail["verdicts"]] == [2, 1]


# --- every change of state carries the version the client saw -------------------------------


def desk_state(claim) -> tuple:
    """What a refused change of state must leave as it was."""
    claim.refresh_from_db()
    verdicts = Verdict.objects.filter(claim=claim).order_by("number")
    return (
        (claim.version, claim.status),
        list(verdicts.values_list("number", "version", "status", "rating__slug", "return_note")),
    )


@pytest.fixture
def staged(claim, reviewer, editor2, ratings):
    """For each verdict action: the client that acts, and the claim brought to where the
    action applies (submit: a draft; approve and return: a submitted verdict)."""

    def stage(action: str, clients: dict):
        if action == "submit":
            write(claim, reviewer, ratings["true"])
            return clients["reviewer"]
        submit(claim, reviewer, ratings["true"])
        return clients["editor"]

    return stage


def change_meanwhile(action: str, claim, reviewer, editor2, ratings):
    """Someone else changes the verdict after the client read it."""
    if action == "submit":
        write(claim, editor2, ratings["half-true"])  # an editor rewrites the draft
        return
    verdict_return(claim=claim, actor=editor2, note="Check the date.")
    submit(claim, reviewer, ratings["half-true"], rationale="The ministry's dated figure.")


VERDICT_ACTIONS = [("submit", {}), ("approve", {}), ("return", {"note": "Needs a source."})]


@pytest.mark.parametrize(("action", "fields"), VERDICT_ACTIONS, ids=[a for a, _ in VERDICT_ACTIONS])
def test_a_verdict_action_without_the_version_is_refused_and_says_why(
    reviewer_api, editor_api, staged, claim, action, fields
):
    client = staged(action, {"reviewer": reviewer_api, "editor": editor_api})
    before = desk_state(claim)
    error = error_of(client.post(f"/api/claims/{claim.pk}/{action}/", fields), 400, "invalid")
    assert "Send the version of the verdict you saw" in error["fields"]["version"]
    assert "version" in error["message"]
    assert desk_state(claim) == before


@pytest.mark.parametrize(("action", "fields"), VERDICT_ACTIONS, ids=[a for a, _ in VERDICT_ACTIONS])
def test_a_verdict_action_on_a_verdict_changed_since_it_was_read_is_a_conflict(
    reviewer_api, editor_api, staged, claim, reviewer, editor2, ratings, action, fields
):
    client = staged(action, {"reviewer": reviewer_api, "editor": editor_api})
    read = verdict_version(client, claim)
    change_meanwhile(action, claim, reviewer, editor2, ratings)
    before = desk_state(claim)
    assert before[1][-1][1] != read  # the verdict's version moved on
    payload = {**fields, "version": read}
    error_of(client.post(f"/api/claims/{claim.pk}/{action}/", payload), 409, "conflict")
    assert desk_state(claim) == before
    assert Verdict.objects.get(claim=claim).rating.slug == "half-true"


@pytest.mark.parametrize(("action", "fields"), VERDICT_ACTIONS, ids=[a for a, _ in VERDICT_ACTIONS])
def test_a_verdict_action_with_the_version_read_succeeds(
    reviewer_api, editor_api, staged, claim, action, fields
):
    client = staged(action, {"reviewer": reviewer_api, "editor": editor_api})
    payload = {**fields, "version": verdict_version(client, claim)}
    response = client.post(f"/api/claims/{claim.pk}/{action}/", payload)
    assert response.status_code == 200, response.content
    expected = {"submit": "submitted", "approve": "approved", "return": "returned"}[action]
    assert desk_state(claim)[0][1] == expected
