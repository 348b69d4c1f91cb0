"""Hostile text through the API: a link that is not http, https or mailto in a rationale,
a comment or an evidence quote or note is refused with a 400 naming the field and the
target, and nothing is stored."""

from __future__ import annotations

import pytest

from reviews.models import Comment, Evidence, Verdict
from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db

REFUSAL = "Links may only point to http, https or mailto addresses: javascript:alert(1)"


def test_verdict_with_a_script_link_in_its_rationale_is_refused(reviewer_api, claim, ratings):
    response = reviewer_api.put(
        f"/api/claims/{claim.pk}/verdict/",
        {
            "rating": "false",
            "rationale": "See [the figures](javascript:alert(1)).",
            "confidence": 80,
            "version": 0,
        },
    )
    error = error_of(response, 400, "invalid")
    assert error["fields"] == {"rationale": "unsafe link"}
    assert REFUSAL in error["message"]
    assert not Verdict.objects.exists()


def test_comment_with_a_script_link_is_refused(reviewer_api, claim):
    response = reviewer_api.post(
        f"/api/claims/{claim.pk}/comments/", {"body": "<a href='javascript:alert(1)'>src</a>"}
    )
    error = error_of(response, 400, "invalid")
    assert error["fields"] == {"body": "unsafe link"}
    assert REFUSAL in error["message"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize("field", ["quote", "note"])
def test_evidence_with_a_script_link_is_refused(reviewer_api, claim, field):
    response = reviewer_api.post(
        f"/api/claims/{claim.pk}/evidence/",
        {
            "url": "https://stat.example.org/report",
            "stance": "supports",
            field: "[the release](javascript:alert(1))",
        },
    )
    error = error_of(response, 400, "invalid")
    assert error["fields"] == {field: "unsafe link"}
    assert REFUSAL in error["message"]
    assert not Evidence.objects.exists()
