"""Claims through the API: the filtered list, the detail, edits with a version check, and
the span actions (take, split, merge, dismiss, reopen, add)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reviews.models import Claim, ClaimStatus
from reviews.services.claims import (
    claim_assign,
    claim_dismiss,
    claim_edit_wording,
    claim_reopen,
)
from tests.api.conftest import claim_version, error_of

pytestmark = pytest.mark.django_db


def ids(page: dict) -> list[int]:
    return [c["id"] for c in page["results"]]


# --- the list -------------------------------------------------------------------------------


def test_claims_are_listed_in_the_article_order_by_default(
    reviewer_api, article, claim, second_claim, third_claim
):
    page = reviewer_api.get(f"/api/articles/{article.pk}/claims/").json()
    assert ids(page) == [claim.pk, second_claim.pk, third_claim.pk]
    first = page["results"][0]
    assert first["text"] == article.body[first["start"] : first["end"]]
    assert first["verdict"] is None
    assert "save_verdict" in first["actions"] and "approve" not in first["actions"]


def test_claims_can_be_ordered_by_score(reviewer_api, article, claim, second_claim, third_claim):
    page = reviewer_api.get(f"/api/articles/{article.pk}/claims/?ordering=score").json()
    assert ids(page) == [second_claim.pk, claim.pk, third_claim.pk]


def test_cursor_pages_through_claims_by_score_without_repeats(
    reviewer_api, article, claim, second_claim, third_claim
):
    seen, url = [], f"/api/articles/{article.pk}/claims/?ordering=score&page_size=1"
    while url:
        page = reviewer_api.get(url).json()
        assert len(page["results"]) <= 1
        seen += ids(page)
        url = page["next"]
    assert seen == [second_claim.pk, claim.pk, third_claim.pk]


def test_claims_filtered_by_status_kind_score_and_assignee(
    reviewer_api, reviewer, reviewer2, editor, article, claim, second_claim, third_claim
):
    claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)
    claim_assign(claim=third_claim, assignee_id=reviewer2.pk, actor=editor)
    claim_dismiss(claim=second_claim, reason="Not checkable.", actor=editor)
    url = f"/api/articles/{article.pk}/claims/"

    assert ids(reviewer_api.get(url, {"status": "dismissed"}).json()) == [second_claim.pk]
    assert ids(reviewer_api.get(url, {"kind": "event"}).json()) == [second_claim.pk]
    assert ids(reviewer_api.get(url, {"min_score": "0.5"}).json()) == [
        claim.pk,
        second_claim.pk,
    ]
    assert ids(reviewer_api.get(url, {"assignee": "me"}).json()) == [claim.pk]
    assert ids(reviewer_api.get(url, {"assignee": "none"}).json()) == [second_claim.pk]
    assert ids(reviewer_api.get(url, {"assignee": str(reviewer2.pk)}).json()) == [third_claim.pk]
    both = reviewer_api.get(url, {"status": "unreviewed", "min_score": "0.5"}).json()
    assert ids(both) == [claim.pk]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"status": "finished"}, "status"),
        ({"kind": "opinion"}, "kind"),
        ({"min_score": "high"}, "min_score"),
        ({"min_score": "1.5"}, "min_score"),
        ({"min_score": "NaN"}, "min_score"),
        ({"assignee": "rita"}, "assignee"),
        ({"assignee": "9" * 40}, "assignee"),
        ({"ordering": "date"}, "ordering"),
    ],
)
def test_bad_filters_are_refused_with_the_field_named(reviewer_api, article, claim, query, field):
    error = error_of(reviewer_api.get(f"/api/articles/{article.pk}/claims/", query), 400)
    assert field in error["fields"]


def test_claims_of_a_missing_or_hidden_article_are_404(reviewer_api, outsider_api, article):
    error_of(reviewer_api.get("/api/articles/999999/claims/"), 404, "not_found")
    error_of(outsider_api.get(f"/api/articles/{article.pk}/claims/"), 404, "not_found")


# --- detail and edits -----------------------------------------------------------------------


def test_claim_detail_shows_span_versions_and_actions(editor_api, claim):
    data = editor_api.get(f"/api/claims/{claim.pk}/").json()
    assert data["id"] == claim.pk
    assert data["version"] == claim.version
    assert data["verdicts"] == []
    assert data["status"] == "unreviewed"
    assert {"assign", "dismiss", "save_verdict"} <= set(data["actions"])


def test_reviewer_edits_the_wording_with_the_version_they_saw(reviewer_api, claim):
    response = reviewer_api.patch(
        f"/api/claims/{claim.pk}/",
        {"wording": "2,030 troops arrived on Monday.", "version": claim.version},
    )
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert claim.wording == "2,030 troops arrived on Monday."
    assert response.json()["version"] == claim.version == 2


def test_stale_version_is_a_409_with_the_current_values_and_changes_nothing(
    reviewer_api, reviewer2_api, claim
):
    url = f"/api/claims/{claim.pk}/"
    assert reviewer2_api.patch(url, {"wording": "First edit.", "version": 1}).status_code == 200
    error = error_of(reviewer_api.patch(url, {"wording": "Second edit.", "version": 1}), 409)
    assert error["code"] == "conflict"
    assert error["current"]["wording"] == "First edit."
    assert error["current"]["version"] == 2
    claim.refresh_from_db()
    assert claim.wording == "First edit."


@pytest.mark.parametrize(
    "payload",
    [
        {"wording": "New."},
        {"version": 1},
        {"wording": "New.", "version": "one"},
        {"wording": 12, "version": 1},
        {"assignee": "rita", "version": 1},
        {"wording": "New.", "version": 0},
    ],
)
def test_bad_claim_edits_are_refused(editor_api, claim, payload):
    error_of(editor_api.patch(f"/api/claims/{claim.pk}/", payload), 400, "invalid")
    claim.refresh_from_db()
    assert (claim.wording, claim.assignee_id, claim.version) == ("", None, 1)


def test_editor_assigns_and_rewords_in_one_edit(editor_api, reviewer2, claim):
    response = editor_api.patch(
        f"/api/claims/{claim.pk}/",
        {"wording": "Troops arrived.", "assignee": reviewer2.pk, "version": 1},
    )
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert (claim.wording, claim.assignee) == ("Troops arrived.", reviewer2)
    assert response.json()["assignee"] == {"id": reviewer2.pk, "username": "ravi"}


def test_stale_combined_edit_changes_neither_field(editor_api, reviewer_api, reviewer2, claim):
    assert (
        reviewer_api.patch(f"/api/claims/{claim.pk}/", {"wording": "Mine.", "version": 1})
    ).status_code == 200
    response = editor_api.patch(
        f"/api/claims/{claim.pk}/",
        {"wording": "Troops arrived.", "assignee": reviewer2.pk, "version": 1},
    )
    error_of(response, 409, "conflict")
    claim.refresh_from_db()
    assert (claim.wording, claim.assignee_id) == ("Mine.", None)


def test_editor_unassigns_a_claim(editor_api, editor, reviewer, claim):
    claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)
    claim.refresh_from_db()
    response = editor_api.patch(
        f"/api/claims/{claim.pk}/", {"assignee": None, "version": claim.version}
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.assignee is None


def test_reviewer_cannot_assign_claims(reviewer_api, reviewer2, claim):
    error_of(
        reviewer_api.patch(f"/api/claims/{claim.pk}/", {"assignee": reviewer2.pk, "version": 1}),
        403,
        "forbidden",
    )
    claim.refresh_from_db()
    assert claim.assignee is None


def test_claims_are_assigned_only_to_desk_members(editor_api, outsider, claim):
    error = error_of(
        editor_api.patch(f"/api/claims/{claim.pk}/", {"assignee": outsider.pk, "version": 1}),
        400,
    )
    assert error["fields"] == {"assignee": "not a reviewer"}
    error = error_of(
        editor_api.patch(f"/api/claims/{claim.pk}/", {"assignee": 987654, "version": 1}), 400
    )
    assert error["fields"] == {"assignee": "unknown"}


def test_reviewer_cannot_edit_someone_elses_claim(reviewer_api, reviewer2, editor, claim):
    claim_assign(claim=claim, assignee_id=reviewer2.pk, actor=editor)
    error = error_of(
        reviewer_api.patch(f"/api/claims/{claim.pk}/", {"wording": "Mine now.", "version": 2}),
        403,
        "forbidden",
    )
    assert "ravi" in error["message"]


def test_put_on_a_claim_is_not_allowed(editor_api, claim):
    error_of(editor_api.put(f"/api/claims/{claim.pk}/", {"wording": "x", "version": 1}), 405)


def test_reviewer_takes_an_unassigned_claim_but_not_a_taken_one(
    reviewer_api, reviewer2_api, reviewer, claim
):
    assert reviewer_api.post(f"/api/claims/{claim.pk}/take/").json()["assignee"]["id"] == (
        reviewer.pk
    )
    error_of(reviewer2_api.post(f"/api/claims/{claim.pk}/take/"), 403, "forbidden")
    claim.refresh_from_db()
    assert claim.assignee == reviewer


# --- split, merge, add ----------------------------------------------------------------------


def test_reviewer_splits_a_claim_in_two(reviewer_api, article, claim):
    at = article.body.index(" arrived")
    response = reviewer_api.post(f"/api/claims/{claim.pk}/split/", {"at": at, "version": 1})
    assert response.status_code == 200, response.content
    first, second = response.json()["first"], response.json()["second"]
    assert first["id"] == claim.pk
    assert first["text"] == "Officials said 2,030 troops"
    assert second["text"] == "arrived on Monday."
    assert Claim.objects.filter(article=article).count() == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [({}, "at"), ({"at": "middle"}, "at"), ({"at": 0}, "at"), ({"at": 10_000}, "at")],
)
def test_bad_split_positions_are_refused(reviewer_api, article, claim, payload, field):
    payload = {"version": claim_version(reviewer_api, claim), **payload}
    error = error_of(reviewer_api.post(f"/api/claims/{claim.pk}/split/", payload), 400)
    assert field in error["fields"]
    assert Claim.objects.filter(article=article).count() == 1


def test_split_with_a_stale_version_is_a_conflict(reviewer_api, article, claim):
    at = article.body.index(" arrived")
    error_of(reviewer_api.post(f"/api/claims/{claim.pk}/split/", {"at": at, "version": 7}), 409)
    assert Claim.objects.filter(article=article).count() == 1


def test_reviewer_merges_neighbouring_claims(reviewer_api, article, claim, second_claim):
    response = reviewer_api.post(f"/api/claims/{claim.pk}/merge/", {"other": second_claim.pk})
    assert response.status_code == 200, response.content
    merged = response.json()
    assert merged["start"] == claim.start and merged["end"] == second_claim.end
    assert Claim.objects.filter(article=article).count() == 1


def test_merge_refuses_claims_with_another_between(reviewer_api, claim, second_claim, third_claim):
    error_of(reviewer_api.post(f"/api/claims/{claim.pk}/merge/", {"other": third_claim.pk}), 400)
    assert Claim.objects.count() == 3


@pytest.mark.parametrize("other", [None, "next", 0, 987654])
def test_merge_needs_an_existing_partner(reviewer_api, claim, other):
    payload = {} if other is None else {"other": other}
    error = error_of(reviewer_api.post(f"/api/claims/{claim.pk}/merge/", payload), 400)
    assert "other" in error["fields"]


def test_reviewer_adds_a_missed_claim_from_offsets(reviewer_api, article, claim):
    start = article.body.index("Prices")
    response = reviewer_api.post(
        f"/api/articles/{article.pk}/claims/", {"start": start, "end": len(article.body)}
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["text"] == "Prices rose by 12 percent last year."
    assert data["added_manually"] is True


@pytest.mark.parametrize(
    "payload",
    [{"start": 0}, {"start": 5, "end": 2}, {"start": 0, "end": 100_000}, {"start": "a", "end": 3}],
)
def test_bad_added_claims_are_refused(reviewer_api, article, payload):
    error_of(reviewer_api.post(f"/api/articles/{article.pk}/claims/", payload), 400)
    assert Claim.objects.count() == 0


def test_added_claim_cannot_repeat_an_existing_span(reviewer_api, article, claim):
    error = error_of(
        reviewer_api.post(
            f"/api/articles/{article.pk}/claims/", {"start": claim.start, "end": claim.end}
        ),
        400,
    )
    assert error["fields"] == {"span": "taken"}


# --- dismiss and reopen ---------------------------------------------------------------------


def test_editor_dismisses_with_a_reason_and_reopens(editor_api, claim):
    payload = {"reason": "Opinion.", "version": claim_version(editor_api, claim)}
    response = editor_api.post(f"/api/claims/{claim.pk}/dismiss/", payload)
    assert response.status_code == 200
    assert response.json()["status"] == "dismissed"
    claim.refresh_from_db()
    assert claim.dismissed_reason == "Opinion."
    assert response.json()["version"] == claim.version
    payload = {"reason": "It is checkable.", "version": response.json()["version"]}
    response = editor_api.post(f"/api/claims/{claim.pk}/reopen/", payload)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNREVIEWED


def test_reviewer_dismisses_an_unrated_claim_but_only_an_editor_brings_it_back(
    reviewer_api, editor, claim
):
    payload = {"reason": "A caption.", "version": claim_version(reviewer_api, claim)}
    response = reviewer_api.post(f"/api/claims/{claim.pk}/dismiss/", payload)
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert (claim.status, claim.dismissed_reason) == (ClaimStatus.DISMISSED, "A caption.")
    assert claim.history.first().history_user.get_username() == "rita"
    payload = {"reason": "Yes.", "version": claim_version(reviewer_api, claim)}
    error_of(reviewer_api.post(f"/api/claims/{claim.pk}/reopen/", payload), 403)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISMISSED


def test_reviewer_cannot_dismiss_a_claim_with_a_verdict(reviewer_api, claim):
    save = reviewer_api.put(
        f"/api/claims/{claim.pk}/verdict/", {"rating": "false", "version": 0}, format="json"
    )
    assert save.status_code == 200, save.content
    payload = {"reason": "No.", "version": claim_version(reviewer_api, claim)}
    error = error_of(reviewer_api.post(f"/api/claims/{claim.pk}/dismiss/", payload), 403)
    assert "only an editor" in error["message"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_PROGRESS


@pytest.mark.parametrize("payload", [{}, {"reason": ""}, {"reason": "   "}, {"reason": ["a"]}])
def test_dismissal_needs_a_reason(editor_api, claim, payload):
    payload = {"version": claim_version(editor_api, claim), **payload}
    error = error_of(editor_api.post(f"/api/claims/{claim.pk}/dismiss/", payload), 400)
    assert "reason" in error["fields"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNREVIEWED


def test_reopening_an_open_claim_is_refused(editor_api, claim):
    payload = {"reason": "Why not.", "version": claim_version(editor_api, claim)}
    error = error_of(editor_api.post(f"/api/claims/{claim.pk}/reopen/", payload), 400)
    assert "version" not in error["fields"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNREVIEWED


# --- split, dismiss and reopen carry the claim's version ------------------------------------


def claim_state(claim) -> tuple:
    """What a refused split, dismissal or reopening must leave as it was."""
    claim.refresh_from_db()
    spans = list(Claim.objects.order_by("pk").values_list("pk", "start", "end"))
    return (claim.version, claim.status, claim.dismissed_reason, claim.wording, spans)


def staged_claim(action: str, claim, article, editor2) -> tuple[dict, Callable[[], None]]:
    """The request body of `action` (without its version) for a claim where it applies, and
    the change someone else makes after the client read the claim."""
    if action == "split":

        def meanwhile():
            claim_edit_wording(
                claim=claim, wording="Troops arrived.", actor=editor2, expected_version=None
            )

        return {"at": article.body.index(" arrived")}, meanwhile
    if action == "dismiss":

        def meanwhile():
            claim_assign(claim=claim, assignee_id=None, actor=editor2)
            claim_edit_wording(
                claim=claim, wording="Troops arrived.", actor=editor2, expected_version=None
            )

        return {"reason": "Opinion, not fact."}, meanwhile
    claim_dismiss(claim=claim, reason="Opinion.", actor=editor2)

    def meanwhile():
        claim_reopen(claim=claim, reason="Checkable.", actor=editor2)
        claim_dismiss(claim=claim, reason="A duplicate.", actor=editor2)

    return {"reason": "It is checkable after all."}, meanwhile


CLAIM_ACTIONS = ["split", "dismiss", "reopen"]


@pytest.mark.parametrize("action", CLAIM_ACTIONS)
def test_a_claim_action_without_the_version_is_refused_and_says_why(
    editor_api, article, claim, editor2, action
):
    fields, _ = staged_claim(action, claim, article, editor2)
    before = claim_state(claim)
    error = error_of(editor_api.post(f"/api/claims/{claim.pk}/{action}/", fields), 400, "invalid")
    assert "Send the version of the claim you saw" in error["fields"]["version"]
    assert "version" in error["message"]
    assert claim_state(claim) == before


@pytest.mark.parametrize("action", CLAIM_ACTIONS)
def test_a_claim_action_on_a_claim_changed_since_it_was_read_is_a_conflict(
    editor_api, article, claim, editor2, action
):
    fields, meanwhile = staged_claim(action, claim, article, editor2)
    read = claim_version(editor_api, claim)
    meanwhile()
    before = claim_state(claim)
    assert before[0] != read
    payload = {**fields, "version": read}
    error_of(editor_api.post(f"/api/claims/{claim.pk}/{action}/", payload), 409, "conflict")
    assert claim_state(claim) == before


@pytest.mark.parametrize("action", CLAIM_ACTIONS)
def test_a_claim_action_with_the_version_read_succeeds(editor_api, article, claim, editor2, action):
    fields, _ = staged_claim(action, claim, article, editor2)
    before = claim_state(claim)
    payload = {**fields, "version": claim_version(editor_api, claim)}
    response = editor_api.post(f"/api/claims/{claim.pk}/{action}/", payload)
    assert response.status_code == 200, response.content
    assert claim_state(claim) != before
