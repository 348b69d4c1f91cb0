"""Claims in bulk through the API: an editor assigns many claims, or approves many submitted
verdicts, in one request; all or nothing, under the rules of the one-claim actions."""

from __future__ import annotations

import pytest

from reviews.models import Claim, ClaimStatus, Notification, Verdict
from reviews.services.claims import claim_dismiss
from reviews.services.verdicts import verdict_return
from tests.api.conftest import error_of, verdict_version
from tests.scenes import assign, fresh, submit

pytestmark = pytest.mark.django_db


def assignees(*claims) -> list:
    return [fresh(c).assignee for c in claims]


def statuses(*claims) -> list[str]:
    return [fresh(c).status for c in claims]


# --- assign ---------------------------------------------------------------------------------


def test_editor_assigns_many_claims_at_once(editor_api, reviewer, claim, second_claim, third_claim):
    ids = [claim.pk, second_claim.pk, third_claim.pk]
    response = editor_api.post("/api/claims/assign/", {"claims": ids, "assignee": reviewer.pk})
    assert response.status_code == 200, response.content
    assert response.json() == {"assigned": 3}
    assert assignees(claim, second_claim, third_claim) == [reviewer] * 3
    # One notice for the batch.
    notices = Notification.objects.filter(recipient=reviewer)
    assert [n.message for n in notices] == ["erin assigned you 3 claims"]


def test_editor_unassigns_many_claims(editor_api, editor, reviewer, claim, second_claim):
    assign(claim, reviewer, editor)
    response = editor_api.post(
        "/api/claims/assign/", {"claims": [claim.pk, second_claim.pk], "assignee": None}
    )
    assert response.json() == {"assigned": 1}  # the second had no assignee to remove
    assert assignees(claim, second_claim) == [None, None]


def test_dismissed_claims_and_claims_already_held_are_left_as_they_are(
    editor_api, editor, reviewer, claim, second_claim, third_claim
):
    assign(claim, reviewer, editor)
    claim_dismiss(claim=second_claim, reason="Opinion.", actor=editor)
    ids = [claim.pk, second_claim.pk, third_claim.pk, third_claim.pk]
    response = editor_api.post("/api/claims/assign/", {"claims": ids, "assignee": reviewer.pk})
    assert response.json() == {"assigned": 1}
    assert assignees(claim, second_claim, third_claim) == [reviewer, None, reviewer]


def test_reviewer_cannot_assign_claims_in_bulk(reviewer_api, reviewer, claim, second_claim):
    ids = [claim.pk, second_claim.pk]
    response = reviewer_api.post("/api/claims/assign/", {"claims": ids, "assignee": reviewer.pk})
    error_of(response, 403, "forbidden")
    assert assignees(claim, second_claim) == [None, None]
    assert not Notification.objects.exists()


def test_one_unknown_claim_assigns_none(editor_api, reviewer, claim):
    response = editor_api.post(
        "/api/claims/assign/", {"claims": [claim.pk, 987654], "assignee": reviewer.pk}
    )
    error_of(response, 404, "not_found")
    assert fresh(claim).assignee is None


def test_claims_cannot_be_assigned_to_an_outsider(editor_api, outsider, claim):
    response = editor_api.post(
        "/api/claims/assign/", {"claims": [claim.pk], "assignee": outsider.pk}
    )
    error = error_of(response, 400, "invalid")
    assert error["fields"] == {"assignee": "not a reviewer"}
    assert fresh(claim).assignee is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"assignee": None}, "claims"),
        ({"claims": [], "assignee": None}, "claims"),
        ({"claims": "1,2", "assignee": None}, "claims"),
        ({"claims": [0], "assignee": None}, "claims.0"),
        ({"claims": ["one"], "assignee": None}, "claims.0"),
        ({"claims": [2**70], "assignee": None}, "claims.0"),
        ({"claims": list(range(1, 1002)), "assignee": None}, "claims"),
        ({"claims": ["{claim}"]}, "assignee"),
        ({"claims": ["{claim}"], "assignee": "rita"}, "assignee"),
        ({"claims": ["{claim}"], "assignee": 987654}, "assignee"),
    ],
)
def test_bad_bulk_assignments_are_refused(editor_api, claim, payload, field):
    payload = {
        k: [claim.pk if v == "{claim}" else v for v in value] if isinstance(value, list) else value
        for k, value in payload.items()
    }
    error = error_of(editor_api.post("/api/claims/assign/", payload), 400, "invalid")
    assert field in error["fields"], error
    assert fresh(claim).assignee is None


# --- approve --------------------------------------------------------------------------------


@pytest.fixture
def two_submitted(claim, second_claim, reviewer, ratings):
    submit(claim, reviewer, ratings["false"])
    submit(second_claim, reviewer, ratings["true"])
    return claim, second_claim


def read(client, *claims) -> dict:
    """The bulk approval of `claims`, each with the version of the verdict `client` read."""
    return {"claims": [{"claim": c.pk, "version": verdict_version(client, c)} for c in claims]}


def test_editor_approves_many_submitted_verdicts(editor_api, editor, reviewer, two_submitted):
    first, second = two_submitted
    response = editor_api.post("/api/claims/approve/", read(editor_api, second, first))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["approved"] == 2
    assert [v["claim"] for v in data["verdicts"]] == [second.pk, first.pk]
    assert {v["status"] for v in data["verdicts"]} == {"approved"}
    assert {v["approved_by"]["username"] for v in data["verdicts"]} == {"erin"}
    assert statuses(first, second) == [ClaimStatus.APPROVED] * 2
    assert Notification.objects.filter(recipient=reviewer, kind="approved").count() == 2


def test_one_refused_verdict_approves_none(editor_api, two_submitted, third_claim):
    first, second = two_submitted
    payload = read(editor_api, first, second)
    payload["claims"].append({"claim": third_claim.pk, "version": 1})  # third has no verdict
    response = editor_api.post("/api/claims/approve/", payload)
    error = error_of(response, 400, "invalid")
    assert error["message"].startswith("Nothing was approved.")
    assert statuses(first, second) == [ClaimStatus.SUBMITTED] * 2
    assert not Verdict.objects.filter(status=Verdict.Status.APPROVED).exists()


def test_editor_cannot_approve_own_verdicts_in_bulk(
    editor_api, editor, claim, second_claim, ratings
):
    submit(claim, editor, ratings["false"])
    submit(second_claim, editor, ratings["true"])
    response = editor_api.post("/api/claims/approve/", read(editor_api, claim, second_claim))
    error = error_of(response, 403, "forbidden")
    assert "four-eyes" in error["message"]
    assert statuses(claim, second_claim) == [ClaimStatus.SUBMITTED] * 2


def test_reviewer_cannot_approve_in_bulk(reviewer2_api, two_submitted):
    first, second = two_submitted
    response = reviewer2_api.post("/api/claims/approve/", read(reviewer2_api, first, second))
    error_of(response, 403, "forbidden")
    assert statuses(first, second) == [ClaimStatus.SUBMITTED] * 2


def test_an_unknown_claim_approves_none(editor_api, two_submitted):
    first, second = two_submitted
    payload = read(editor_api, first)
    payload["claims"].append({"claim": 987654, "version": 1})
    response = editor_api.post("/api/claims/approve/", payload)
    error = error_of(response, 404, "not_found")
    assert error["fields"] == {"claims": "unknown"}
    assert statuses(first, second) == [ClaimStatus.SUBMITTED] * 2


def test_a_claim_named_twice_is_approved_once(editor_api, two_submitted):
    first, _ = two_submitted
    response = editor_api.post("/api/claims/approve/", read(editor_api, first, first))
    assert response.status_code == 200, response.content
    assert response.json()["approved"] == 1
    assert fresh(first).status == ClaimStatus.APPROVED


@pytest.mark.parametrize(
    "payload",
    [{}, {"claims": []}, {"claims": None}, {"claims": [True]}, {"claims": [-1]}, {"claims": 3}],
)
def test_bad_bulk_approvals_are_refused(editor_api, two_submitted, payload):
    error = error_of(editor_api.post("/api/claims/approve/", payload), 400, "invalid")
    assert any(name.startswith("claims") for name in error["fields"]), error
    assert not Claim.objects.filter(status=ClaimStatus.APPROVED).exists()


def test_a_bulk_approval_without_a_version_names_it_and_approves_none(editor_api, two_submitted):
    first, second = two_submitted
    payload = read(editor_api, first)
    payload["claims"].append({"claim": second.pk})
    error = error_of(editor_api.post("/api/claims/approve/", payload), 400, "invalid")
    assert "Send the version of the verdict you saw" in error["fields"]["claims.1.version"]
    assert statuses(first, second) == [ClaimStatus.SUBMITTED] * 2


def test_a_verdict_changed_since_it_was_read_approves_none(
    editor_api, editor2, reviewer, ratings, two_submitted
):
    first, second = two_submitted
    payload = read(editor_api, first, second)
    # Meanwhile the second verdict is returned, rewritten and submitted again.
    verdict_return(claim=second, actor=editor2, note="Check the date.")
    submit(second, reviewer, ratings["half-true"], rationale="The dated figure.")
    error = error_of(editor_api.post("/api/claims/approve/", payload), 409, "conflict")
    assert error["message"].startswith("Nothing was approved.")
    assert statuses(first, second) == [ClaimStatus.SUBMITTED] * 2
    assert not Verdict.objects.filter(status=Verdict.Status.APPROVED).exists()
    assert Verdict.objects.get(claim=second).rating.slug == "half-true"
