"""The verdict workflow: save, submit, approve, return, reopen and correct."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from reviews.errors import ConflictError, ReviewError
from reviews.markdown import render_markdown
from reviews.models import ClaimStatus, Verdict
from reviews.services.claims import claim_dismiss, claim_reopen
from reviews.services.verdicts import (
    verdict_approve,
    verdict_return,
    verdict_submit,
    verdicts_approve,
)
from tests.scenes import approve, assign, fresh, submit, write

pytestmark = pytest.mark.django_db


def read(*claims) -> list[tuple[int, int]]:
    """Each claim with the version of its latest verdict, as an editor reads it."""
    return [(c.pk, c.verdicts.latest("number").version) for c in claims]


def test_first_save_creates_a_draft_and_starts_work(claim, reviewer, ratings):
    verdict = write(claim, reviewer, ratings["mostly-true"], rationale="Matches the **ministry**.")

    claim = fresh(claim)
    assert claim.status == ClaimStatus.IN_PROGRESS
    assert claim.assignee == reviewer
    assert (verdict.number, verdict.status, verdict.is_current) == (1, "draft", True)
    assert verdict.rating.label == "Mostly true"
    assert verdict.author == verdict.last_edited_by == reviewer
    assert verdict.rationale == "Matches the **ministry**."


def test_saving_again_updates_the_same_draft_and_bumps_its_version(claim, reviewer, ratings):
    first = write(claim, reviewer, ratings["true"])
    second = write(claim, reviewer, ratings["false"], confidence=55, expected_version=first.version)

    assert Verdict.objects.filter(claim=claim).count() == 1
    assert second.pk == first.pk
    assert (second.rating.slug, second.confidence, second.version) == ("false", 55, 2)


def test_saving_unchanged_values_writes_nothing(claim, reviewer, ratings):
    first = write(claim, reviewer, ratings["true"])
    again = write(claim, reviewer, ratings["true"])

    assert again.version == first.version == 1
    assert Verdict.history.filter(id=first.pk).count() == 1


def test_submit_moves_claim_to_submitted(claim, reviewer, ratings):
    verdict = submit(claim, reviewer, ratings["false"])

    assert fresh(claim).status == ClaimStatus.SUBMITTED
    assert verdict.status == "submitted"
    assert verdict.submitted_at is not None


def test_submit_needs_a_verdict(claim, reviewer):
    with pytest.raises(ReviewError, match="Write and save a verdict"):
        verdict_submit(claim=claim, actor=reviewer)
    assert fresh(claim).status == ClaimStatus.UNREVIEWED


def test_submit_needs_a_rationale(claim, reviewer, ratings):
    write(claim, reviewer, ratings["false"], rationale="   ")

    with pytest.raises(ReviewError, match="rationale") as exc:
        verdict_submit(claim=claim, actor=reviewer)
    assert exc.value.fields == {"rationale": "required"}
    assert fresh(claim).status == ClaimStatus.IN_PROGRESS


def test_submitting_twice_is_refused(claim, reviewer, ratings):
    submit(claim, reviewer, ratings["false"])
    with pytest.raises(ReviewError, match="submitted"):
        verdict_submit(claim=claim, actor=reviewer)


def test_editor_approves_a_reviewers_verdict(claim, reviewer, editor, ratings):
    submit(claim, reviewer, ratings["false"])
    verdict = verdict_approve(claim=claim, actor=editor)

    assert fresh(claim).status == ClaimStatus.APPROVED
    assert (verdict.status, verdict.approved_by, verdict.is_current) == ("approved", editor, True)
    assert verdict.approved_at is not None


def test_editor_cannot_approve_own_verdict(claim, editor, ratings):
    submit(claim, editor, ratings["false"])

    with pytest.raises(ReviewError) as exc:
        verdict_approve(claim=claim, actor=editor)
    assert exc.value.code == "forbidden"
    assert "four-eyes" in exc.value.message
    assert fresh(claim).status == ClaimStatus.SUBMITTED


def test_editor_who_last_edited_a_reviewers_verdict_cannot_approve_it(
    claim, reviewer, editor, editor2, ratings
):
    submit(claim, reviewer, ratings["false"])
    # The editor fixes the submitted verdict in the approval queue: it stays submitted.
    edited = write(claim, editor, ratings["mostly-false"])
    assert (edited.status, edited.last_edited_by, edited.author) == ("submitted", editor, reviewer)

    with pytest.raises(ReviewError) as exc:
        verdict_approve(claim=claim, actor=editor)
    assert exc.value.code == "forbidden"

    approved = verdict_approve(claim=claim, actor=editor2)
    assert approved.approved_by == editor2
    assert approved.rating.slug == "mostly-false"


def test_database_refuses_an_approval_by_the_author(claim, editor, ratings):
    verdict = submit(claim, editor, ratings["false"])
    verdict.status, verdict.approved_by = "approved", editor
    with pytest.raises(IntegrityError), transaction.atomic():
        verdict.save()


def test_reviewer_cannot_approve(claim, reviewer, reviewer2, ratings):
    submit(claim, reviewer2, ratings["true"])
    with pytest.raises(ReviewError) as exc:
        verdict_approve(claim=claim, actor=reviewer)
    assert exc.value.code == "forbidden"
    assert fresh(claim).status == ClaimStatus.SUBMITTED


def test_only_a_submitted_verdict_can_be_approved(claim, reviewer, editor, ratings):
    write(claim, reviewer, ratings["true"])
    with pytest.raises(ReviewError, match="Only a submitted verdict can be approved"):
        verdict_approve(claim=claim, actor=editor)


def test_return_requires_a_note(claim, reviewer, editor, ratings):
    submit(claim, reviewer, ratings["false"])
    with pytest.raises(ReviewError, match="note is required") as exc:
        verdict_return(claim=claim, actor=editor, note="  ")
    assert exc.value.fields == {"note": "required"}
    assert fresh(claim).status == ClaimStatus.SUBMITTED


def test_returned_verdict_goes_back_to_the_reviewer_who_resumes(claim, reviewer, editor, ratings):
    submit(claim, reviewer, ratings["false"])
    returned = verdict_return(claim=claim, actor=editor, note="needs a primary source")

    assert returned.status == "returned"
    assert returned.return_note == "needs a primary source"
    assert fresh(claim).status == ClaimStatus.RETURNED

    resumed = write(claim, reviewer, ratings["false"], rationale="Ministry statement, linked.")
    assert resumed.status == "draft"
    assert fresh(claim).status == ClaimStatus.IN_PROGRESS

    verdict_submit(claim=claim, actor=reviewer)
    assert verdict_approve(claim=claim, actor=editor).status == "approved"


def test_a_returned_verdict_can_be_resubmitted_as_it_is(claim, reviewer, editor, ratings):
    submit(claim, reviewer, ratings["false"])
    verdict_return(claim=claim, actor=editor, note="Is the figure final?")

    verdict = verdict_submit(claim=claim, actor=reviewer)
    assert verdict.status == "submitted"
    assert fresh(claim).status == ClaimStatus.SUBMITTED


def test_approved_verdict_is_never_edited(claim, reviewer, editor, ratings):
    approve(claim, reviewer, editor, ratings["false"])

    with pytest.raises(ReviewError, match="reopens"):
        write(claim, reviewer, ratings["true"])
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.rating.slug, verdict.status) == ("false", "approved")


def test_reopen_then_save_creates_a_new_version_and_keeps_the_approved_one(
    claim, reviewer, editor, ratings
):
    v1 = approve(claim, reviewer, editor, ratings["false"])
    reopened = claim_reopen(claim=claim, actor=editor, reason="The ministry revised the figure")
    assert reopened.status == ClaimStatus.REOPENED
    assert reopened.reopen_reason == "The ministry revised the figure"

    v2 = write(claim, reviewer, ratings["mostly-false"])
    assert (v2.number, v2.status, v2.is_current) == (2, "draft", False)
    assert v2.correction_reason == "The ministry revised the figure"
    v1.refresh_from_db()
    assert (v1.status, v1.is_current) == ("approved", True)
    assert fresh(claim).status == ClaimStatus.IN_PROGRESS


def test_approving_a_correction_supersedes_the_old_verdict(claim, reviewer, editor, ratings):
    v1 = approve(claim, reviewer, editor, ratings["false"])
    claim_reopen(claim=claim, actor=editor, reason="New figures")
    submit(claim, reviewer, ratings["mostly-false"])
    v2 = verdict_approve(claim=claim, actor=editor)

    v1.refresh_from_db()
    assert (v1.status, v1.is_current) == ("superseded", False)
    assert (v2.status, v2.is_current, v2.number) == ("approved", True, 2)
    assert Verdict.objects.filter(claim=claim, is_current=True).get() == v2
    assert fresh(claim).status == ClaimStatus.APPROVED


def test_a_returned_correction_leaves_the_approved_verdict_current(
    claim, reviewer, editor, ratings
):
    v1 = approve(claim, reviewer, editor, ratings["false"])
    claim_reopen(claim=claim, actor=editor, reason="Check again")
    submit(claim, reviewer, ratings["true"])
    verdict_return(claim=claim, actor=editor, note="Not convinced")

    v1.refresh_from_db()
    assert (v1.status, v1.is_current) == ("approved", True)
    assert Verdict.objects.get(claim=claim, number=2).status == "returned"


def test_reopen_requires_a_reason_and_an_approved_or_dismissed_claim(
    claim, reviewer, editor, ratings
):
    write(claim, reviewer, ratings["true"])
    with pytest.raises(ReviewError, match="Cannot reopen this claim: the claim is in progress"):
        claim_reopen(claim=claim, actor=editor, reason="why not")
    with pytest.raises(ReviewError, match="reason is required"):
        claim_reopen(claim=claim, actor=editor, reason="")


def test_a_dismissed_claim_cannot_be_rated(claim, reviewer, editor, ratings):
    claim_dismiss(claim=claim, actor=editor, reason="Opinion, not a factual claim")
    with pytest.raises(ReviewError, match="dismissed"):
        write(claim, reviewer, ratings["true"])
    assert not Verdict.objects.filter(claim=claim).exists()


def test_a_dismissed_claim_reopened_resumes_where_its_work_stood(claim, reviewer, editor, ratings):
    write(claim, reviewer, ratings["true"])
    claim_dismiss(claim=claim, actor=editor, reason="Duplicate")
    restored = claim_reopen(claim=claim, actor=editor, reason="Not a duplicate after all")

    assert restored.status == ClaimStatus.IN_PROGRESS
    assert restored.dismissed_reason == ""
    submit(claim, reviewer, ratings["true"])
    assert fresh(claim).status == ClaimStatus.SUBMITTED


def test_bulk_approval_approves_all(article, claim, second_claim, reviewer, editor, ratings):
    submit(claim, reviewer, ratings["true"])
    submit(second_claim, reviewer, ratings["false"])

    approved = verdicts_approve(seen=read(claim, second_claim), actor=editor)

    assert {v.claim_id for v in approved} == {claim.pk, second_claim.pk}
    assert set(article.claims.values_list("status", flat=True)) == {ClaimStatus.APPROVED}


def test_bulk_approval_of_a_verdict_changed_since_it_was_read_approves_none(
    claim, second_claim, reviewer, editor, editor2, ratings
):
    submit(claim, reviewer, ratings["true"])
    submit(second_claim, reviewer, ratings["false"])
    seen = read(claim, second_claim)
    verdict_return(claim=second_claim, actor=editor2, note="Check the date.")
    submit(second_claim, reviewer, ratings["half-true"], rationale="The dated figure.")

    with pytest.raises(ConflictError, match="Nothing was approved") as exc:
        verdicts_approve(seen=seen, actor=editor)

    assert exc.value.code == "conflict"
    assert [fresh(c).status for c in (claim, second_claim)] == [ClaimStatus.SUBMITTED] * 2
    assert Verdict.objects.filter(status="approved").count() == 0


def test_bulk_approval_without_versions_is_for_callers_that_show_no_verdict(
    claim, reviewer, editor, ratings
):
    submit(claim, reviewer, ratings["true"])
    (verdict,) = verdicts_approve(seen=[(claim.pk, None)], actor=editor)
    assert verdict.status == "approved"


def test_bulk_approval_is_all_or_nothing(claim, second_claim, reviewer, editor, ratings):
    submit(claim, reviewer, ratings["true"])
    submit(second_claim, editor, ratings["false"])  # the editor's own: four-eyes refuses it

    with pytest.raises(ReviewError, match="Nothing was approved") as exc:
        verdicts_approve(seen=read(claim, second_claim), actor=editor)
    assert exc.value.code == "forbidden"
    assert fresh(claim).status == ClaimStatus.SUBMITTED
    assert Verdict.objects.filter(status="approved").count() == 0


def test_bulk_approval_of_a_claim_that_no_longer_exists_approves_none(
    claim, second_claim, reviewer, editor, ratings
):
    submit(claim, reviewer, ratings["true"])
    submit(second_claim, reviewer, ratings["false"])
    gone = second_claim.pk
    second_claim.delete()

    with pytest.raises(ReviewError, match="no longer exist; nothing was approved") as exc:
        verdicts_approve(seen=[*read(claim), (gone, 1)], actor=editor)

    assert (exc.value.code, exc.value.fields) == ("not_found", {"claims": "unknown"})
    assert fresh(claim).status == ClaimStatus.SUBMITTED


def test_bulk_approval_approves_in_the_order_given_and_each_claim_once(
    claim, second_claim, reviewer, editor, ratings
):
    submit(claim, reviewer, ratings["true"])
    submit(second_claim, reviewer, ratings["false"])

    approved = verdicts_approve(seen=read(second_claim, claim, second_claim), actor=editor)

    assert [v.claim_id for v in approved] == [second_claim.pk, claim.pk]


def test_bulk_approval_needs_an_editor_and_a_selection(claim, reviewer, reviewer2, editor, ratings):
    submit(claim, reviewer, ratings["true"])
    with pytest.raises(ReviewError) as exc:
        verdicts_approve(seen=[*read(claim), (987654, 1)], actor=reviewer2)
    assert exc.value.code == "forbidden"
    with pytest.raises(ReviewError, match="Select at least one"):
        verdicts_approve(seen=[], actor=editor)
    assert fresh(claim).status == ClaimStatus.SUBMITTED


def test_rating_confidence_and_rationale_are_validated(claim, reviewer, ratings):
    with pytest.raises(ReviewError, match="Choose a rating"):
        write(claim, reviewer, None)
    with pytest.raises(ReviewError, match="from 0 to 100"):
        write(claim, reviewer, ratings["true"], confidence=101)
    with pytest.raises(ReviewError, match="whole number"):
        write(claim, reviewer, ratings["true"], confidence="high")
    with pytest.raises(ReviewError, match="does not exist"):
        write(claim, reviewer, 999_999)
    with pytest.raises(ReviewError, match="too long"):
        write(claim, reviewer, ratings["true"], rationale="x" * 20_001)
    assert not Verdict.objects.exists()
    assert fresh(claim).status == ClaimStatus.UNREVIEWED


def test_unassigned_claim_is_assigned_to_whoever_starts_the_verdict(claim, reviewer2, ratings):
    write(claim, reviewer2, ratings["true"])
    assert fresh(claim).assignee == reviewer2


def test_work_on_a_claim_of_a_replaced_article_version_is_refused(claim, reviewer, ratings):
    from tests.factories import ArticleFactory

    ArticleFactory(previous_version=claim.article)
    with pytest.raises(ReviewError, match="old version"):
        write(claim, reviewer, ratings["true"])


def test_assigning_after_submission_keeps_status(claim, reviewer, reviewer2, editor, ratings):
    submit(claim, reviewer, ratings["true"])
    assign(claim, reviewer2, editor)
    assert fresh(claim).status == ClaimStatus.SUBMITTED


def test_rationale_markdown_is_rendered_and_sanitised():
    html = render_markdown(
        "**Sources**: [ministry](https://example.org/a) "
        "[bad](javascript:alert(1)) <script>alert(1)</script>"
        '<img src=x onerror="alert(1)"> <a href="https://x.org" onclick="steal()">x</a>'
    )
    assert "<strong>Sources</strong>" in html
    assert 'href="https://example.org/a"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    for bad in ("<script", "javascript:", "onerror", "onclick", "<img", "alert(1)</"):
        assert bad not in html
