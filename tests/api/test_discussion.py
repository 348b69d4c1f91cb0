"""Comments, the claim's history and the rating scale through the API."""

from __future__ import annotations

import pytest

from reviews.models import Comment
from reviews.services.claims import claim_assign
from tests.api.conftest import error_of, verdict_version
from tests.scenes import submit

pytestmark = pytest.mark.django_db


def test_any_desk_member_comments_on_any_claim(
    reviewer_api, reviewer2_api, reviewer2, editor, claim
):
    claim_assign(claim=claim, assignee_id=reviewer2.pk, actor=editor)
    response = reviewer_api.post(f"/api/claims/{claim.pk}/comments/", {"body": "Source?"})
    assert response.status_code == 201, response.content
    assert response.json()["author"]["username"] == "rita"
    reviewer2_api.post(f"/api/claims/{claim.pk}/comments/", {"body": "The ministry."})
    page = reviewer_api.get(f"/api/claims/{claim.pk}/comments/").json()
    assert [c["body"] for c in page["results"]] == ["Source?", "The ministry."]


@pytest.mark.parametrize("payload", [{}, {"body": ""}, {"body": "  "}, {"body": 5}, {"body": None}])
def test_empty_comments_are_refused(reviewer_api, claim, payload):
    error = error_of(reviewer_api.post(f"/api/claims/{claim.pk}/comments/", payload), 400)
    assert error["fields"]
    assert not Comment.objects.exists()


def test_outsider_cannot_read_or_write_comments(outsider_api, claim):
    error_of(outsider_api.get(f"/api/claims/{claim.pk}/comments/"), 404)
    error_of(outsider_api.post(f"/api/claims/{claim.pk}/comments/", {"body": "Hi"}), 404)
    assert not Comment.objects.exists()


def test_history_lists_every_change_oldest_first(
    reviewer_api, reviewer, editor_api, claim, ratings
):
    submit(claim, reviewer, ratings["true"])
    payload = {"note": "Needs a primary source.", "version": verdict_version(editor_api, claim)}
    assert editor_api.post(f"/api/claims/{claim.pk}/return/", payload).status_code == 200
    reviewer_api.post(f"/api/claims/{claim.pk}/comments/", {"body": "On it."})
    events = reviewer_api.get(f"/api/claims/{claim.pk}/history/").json()
    messages = [e["message"] for e in events]
    assert "Verdict submitted by rita" in messages
    assert "Returned by erin: Needs a primary source." in messages
    assert messages[-1] == "Comment by rita"
    returned = next(e for e in events if e["message"].startswith("Returned"))
    assert {"field": "status", "before": "Submitted", "after": "Returned"} in returned["changes"]
    assert [e["when"] for e in events] == sorted(e["when"] for e in events)


def test_history_of_unknown_claim_is_404(reviewer_api):
    error_of(reviewer_api.get("/api/claims/987654/history/"), 404)


def test_ratings_list_the_desks_scale_in_order(reviewer_api, scale):
    page = reviewer_api.get("/api/ratings/").json()
    labels = [r["label"] for r in page["results"]]
    assert labels == [
        "True",
        "Mostly true",
        "Half true",
        "Mostly false",
        "False",
        "Misleading",
        "Unverifiable",
    ]
    assert page["results"][0]["value"] == 5 and page["results"][-1]["value"] is None
    assert page["results"][0]["scale"] == "Default"


def test_ratings_are_for_the_desk(outsider_api, anon_api, scale):
    error_of(outsider_api.get("/api/ratings/"), 403, "forbidden")
    error_of(anon_api.get("/api/ratings/"), 401, "not_authenticated")
