"""GET /api/stats/: the statistics page's figures as JSON, for desk members only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import error_of
from tests.stats_scenes import (
    aged_article,
    approved,
    busy_desk,
    claims_on,
    returned_then_resubmitted,
)

pytestmark = pytest.mark.django_db

URL = "/api/stats/"


def test_anonymous_request_is_unauthenticated(anon_api):
    error_of(anon_api.get(URL), 401, "not_authenticated")


def test_outsider_is_forbidden(outsider_api):
    error_of(outsider_api.get(URL), 403)


def test_unknown_period_is_bad_input(reviewer_api):
    error = error_of(reviewer_api.get(URL, {"period": "365"}), 400, "invalid")

    assert "period" in error["fields"]


def test_figures_match_what_the_desk_did(editor_api, reviewer, reviewer2, editor, scale):
    claims = claims_on(aged_article(hours=2), 6)
    for claim, label in zip(claims[:4], ["True", "True", "True", "False"], strict=True):
        approved(claim, reviewer, editor, scale, label)
    returned_then_resubmitted(claims[4], reviewer, editor, scale)

    response = editor_api.get(URL, {"period": "7"})

    assert response.status_code == 200
    body = response.json()
    assert body["period"] == "7" and body["since"] is not None
    ratings = {r["slug"]: r["count"] for r in body["ratings"]}
    assert (ratings["true"], ratings["false"], ratings["half-true"]) == (3, 1, 0)
    assert body["approved_total"] == 4
    statuses = {s["status"]: s["count"] for s in body["statuses"]}
    assert statuses["approved"] == 4
    assert statuses["submitted"] == 1
    assert statuses["unreviewed"] == 1
    assert body["claims_total"] == 6
    waits = body["time_to_approval"]
    assert waits["count"] == 4
    # Every article was ingested two hours before its approvals (a few seconds ago).
    assert 2 * 3600 <= waits["median_seconds"] < 2 * 3600 + 120
    assert 2 * 3600 <= waits["p90_seconds"] < 2 * 3600 + 120
    assert {b["label"]: b["count"] for b in waits["buckets"]}["1–6 h"] == 4
    rows = {r["username"]: r for r in body["reviewers"]}
    assert rows["rita"] == {
        "id": reviewer.pk,
        "username": "rita",
        "assigned": 5,
        "open": 1,
        "submitted": 6,
        "returned": 1,
        "return_rate": pytest.approx(1 / 6),
    }
    assert rows["ravi"]["assigned"] == 0 and rows["ravi"]["return_rate"] is None


def test_all_time_has_no_start_and_an_empty_desk_no_waits(reviewer_api):
    body = reviewer_api.get(URL, {"period": "all"}).json()

    assert body["period"] == "all" and body["since"] is None
    assert body["time_to_approval"]["median_seconds"] is None


def test_query_count_does_not_grow_with_the_desk(editor_api, reviewer, reviewer2, editor, scale):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor_api.get(URL).status_code == 200
        return len(captured)

    busy_desk(5, reviewer=reviewer, reviewer2=reviewer2, editor=editor, scale=scale)
    small = queries()
    busy_desk(50, reviewer=reviewer, reviewer2=reviewer2, editor=editor, scale=scale)

    assert queries() == small
