"""The demo comes with verdicts in each state, made by the review services."""

from __future__ import annotations

import pytest

from reviews.models import Article, Claim, Evidence, Verdict
from reviews.services.demo import demo_load

pytestmark = pytest.mark.django_db


def state():
    return (
        sorted((v.claim_id, v.status, v.version, v.author.username) for v in Verdict.objects.all()),
        Evidence.objects.count(),
        Claim.objects.filter(status="unreviewed").count(),
    )


def test_demo_has_an_approved_a_submitted_and_a_returned_verdict():
    demo_load()

    approved = Verdict.objects.get(status="approved")
    assert "7,939" in approved.claim.text
    assert (approved.author.username, approved.approved_by.username) == ("reviewer", "editor")
    assert Evidence.objects.get().claim == approved.claim

    submitted = Verdict.objects.get(status="submitted")
    assert "2,030" in submitted.claim.text
    assert submitted.claim.status == "submitted"

    returned = Verdict.objects.get(status="returned")
    assert "Putin said" in returned.claim.text
    assert returned.return_note.startswith("Needs a primary source")
    assert returned.claim.status == "returned"


def test_demo_verdicts_are_created_once():
    demo_load()
    first = state()
    demo_load()
    assert state() == first


def test_another_article_gets_no_demo_verdicts(tmp_path):
    path = tmp_path / "other.txt"
    path.write_text("Budget passes\nThe parliament approved a budget of $2 billion on Friday.\n")
    demo_load(article_path=path)
    assert Article.objects.count() == 1
    assert not Verdict.objects.exists()
