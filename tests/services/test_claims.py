"""Claims: taking, assigning, wording, split, merge, add, dismiss."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.errors import ReviewError
from reviews.models import Claim, ClaimStatus, Comment, Evidence, Notification, Verdict
from reviews.services.claims import (
    claim_add,
    claim_assign,
    claim_dismiss,
    claim_edit_wording,
    claim_merge,
    claim_split,
    claim_take,
    claims_assign,
)
from reviews.services.comments import comment_add
from reviews.services.evidence import evidence_add
from tests.factories import ArticleFactory, ClaimFactory
from tests.scenes import approve, fresh, submit, write

pytestmark = pytest.mark.django_db


def spans_are_anchored(article) -> None:
    for claim in Claim.objects.filter(article=article):
        assert article.body[claim.start : claim.end] == claim.text
        assert claim.text == claim.text.strip()


# --- take and assign -------------------------------------------------------------------------


def test_reviewer_takes_an_unassigned_claim_without_changing_its_status(claim, reviewer):
    taken = claim_take(claim=claim, actor=reviewer)
    assert (taken.assignee, taken.status, taken.version) == (reviewer, "unreviewed", 2)


def test_taking_a_claim_already_yours_changes_nothing(claim, reviewer):
    claim_take(claim=claim, actor=reviewer)
    again = claim_take(claim=claim, actor=reviewer)
    assert again.version == 2


def test_reviewer_cannot_take_a_claim_assigned_to_someone_else(claim, reviewer, reviewer2):
    claim_take(claim=claim, actor=reviewer2)
    with pytest.raises(ReviewError, match="already assigned to ravi") as exc:
        claim_take(claim=claim, actor=reviewer)
    assert exc.value.code == "forbidden"
    assert fresh(claim).assignee == reviewer2


def test_approved_and_dismissed_claims_cannot_be_taken(
    claim, second_claim, reviewer, editor, editor2, ratings
):
    approve(claim, editor2, editor, ratings["true"])
    claim_assign(claim=claim, assignee_id=None, actor=editor)
    claim_dismiss(claim=second_claim, reason="Not a claim", actor=editor)
    for c in (claim, second_claim):
        with pytest.raises(ReviewError, match="Cannot take this claim"):
            claim_take(claim=c, actor=reviewer)


def test_editor_assigns_and_the_assignee_is_notified(claim, reviewer, editor):
    assigned = claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)

    assert assigned.assignee == reviewer
    notice = Notification.objects.get(recipient=reviewer)
    assert notice.kind == "assigned"
    assert notice.claim_id == claim.pk
    assert "erin assigned you the claim" in notice.message


def test_editor_unassigns(claim, reviewer, editor):
    claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)
    assert claim_assign(claim=claim, assignee_id=None, actor=editor).assignee is None


def test_only_desk_members_can_be_assigned(claim, editor, outsider):
    with pytest.raises(ReviewError, match="oscar is not a reviewer"):
        claim_assign(claim=claim, assignee_id=outsider.pk, actor=editor)
    assert fresh(claim).assignee is None


def test_reviewer_cannot_assign(claim, reviewer, reviewer2):
    with pytest.raises(ReviewError) as exc:
        claim_assign(claim=claim, assignee_id=reviewer2.pk, actor=reviewer)
    assert exc.value.code == "forbidden"


def test_bulk_assignment_counts_changes_and_sends_one_notice(
    article, claim, second_claim, reviewer, editor
):
    third = ClaimFactory(article=article, start=article.body.index("Prices"), end=len(article.body))
    claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)
    claim_dismiss(claim=third, reason="Not checkable", actor=editor)
    Notification.objects.all().delete()

    count = claims_assign(
        claim_ids=[claim.pk, second_claim.pk, third.pk], assignee_id=reviewer.pk, actor=editor
    )

    assert count == 1  # the first was hers already, the third is dismissed
    assert fresh(second_claim).assignee == reviewer
    assert fresh(third).assignee is None
    assert Notification.objects.filter(recipient=reviewer).count() == 1


def test_bulk_assignment_of_many_claims_sends_a_summary(
    article, claim, second_claim, reviewer, editor
):
    assert (
        claims_assign(claim_ids=[claim.pk, second_claim.pk], assignee_id=reviewer.pk, actor=editor)
        == 2
    )
    assert Notification.objects.get(recipient=reviewer).message == "erin assigned you 2 claims"


# --- wording ---------------------------------------------------------------------------------


def test_wording_edit_keeps_the_span(claim, reviewer):
    edited = claim_edit_wording(
        claim=claim,
        wording="  2,030 troops arrived on 10 January. ",
        actor=reviewer,
        expected_version=claim.version,
    )

    assert edited.wording == "2,030 troops arrived on 10 January."
    assert edited.display_text == edited.wording
    assert (edited.start, edited.end, edited.text) == (claim.start, claim.end, claim.text)


def test_wording_equal_to_the_text_means_as_in_the_article(claim, reviewer):
    claim_edit_wording(claim=claim, wording="Reworded", actor=reviewer, expected_version=1)
    edited = claim_edit_wording(claim=claim, wording=claim.text, actor=reviewer, expected_version=2)
    assert edited.wording == ""


def test_wording_of_an_approved_claim_is_frozen(claim, reviewer, editor, ratings):
    approve(claim, reviewer, editor, ratings["true"])
    with pytest.raises(ReviewError, match="approved"):
        claim_edit_wording(claim=claim, wording="x", actor=editor, expected_version=None)


# --- split -----------------------------------------------------------------------------------


def test_split_makes_two_trimmed_anchored_claims(article, reviewer):
    body = article.body
    whole = ClaimFactory(article=article, start=0, end=body.index("detained.") + 9)
    at = body.index("The ministry")  # right after the space

    first, second = claim_split(claim=whole, at=at - 1, actor=reviewer)

    assert first.pk == whole.pk
    assert first.text == "Officials said 2,030 troops arrived on Monday."
    assert second.text == "The ministry reported that 7,939 people were detained."
    assert second.status == "unreviewed"
    spans_are_anchored(article)


def test_split_keeps_quantities_with_their_half(article, reviewer):
    body = article.body
    whole = ClaimFactory(
        article=article,
        start=0,
        end=body.index("detained.") + 9,
        quantities=[
            {"text": "2,030 troops", "value": 2030},
            {"text": "7,939 people", "value": 7939},
        ],
    )
    first, second = claim_split(claim=whole, at=body.index("The ministry"), actor=reviewer)
    assert [q["value"] for q in first.quantities] == [2030]
    assert [q["value"] for q in second.quantities] == [7939]


@pytest.mark.parametrize("offset", ["start", "end", "before", "after"])
def test_split_position_must_lie_strictly_inside(claim, reviewer, offset):
    at = {"start": claim.start, "end": claim.end, "before": -1, "after": claim.end + 5}[offset]
    with pytest.raises(ReviewError, match="Split inside the claim"):
        claim_split(claim=claim, at=at, actor=reviewer)
    assert Claim.objects.count() == 1
    assert fresh(claim).version == 1


def test_split_leaving_only_whitespace_on_one_side_is_refused(article, reviewer):
    # A span that ends with the space before the next sentence (as a careless import may).
    claim = ClaimFactory(article=article, start=0, end=article.body.index("The ministry"))
    with pytest.raises(ReviewError, match="text on both sides"):
        claim_split(claim=claim, at=claim.end - 1, actor=reviewer)
    assert Claim.objects.count() == 1


def test_split_position_must_be_a_number(claim, reviewer):
    with pytest.raises(ReviewError, match="whole number"):
        claim_split(claim=claim, at="12", actor=reviewer)


def test_a_submitted_claim_cannot_be_split(claim, reviewer, ratings):
    submit(claim, reviewer, ratings["true"])
    with pytest.raises(ReviewError, match="waiting for an editor"):
        claim_split(claim=claim, at=claim.start + 5, actor=reviewer)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_split_offsets_always_match_the_body(data, reviewer):
    body = data.draw(
        st.text(alphabet="ab .\n", min_size=3, max_size=40).filter(lambda s: len(s.strip()) >= 2)
    )
    article = ArticleFactory(body=body)
    start, end = len(body) - len(body.lstrip()), len(body.rstrip())
    claim = ClaimFactory(article=article, start=start, end=end)
    at = data.draw(st.integers(min_value=start + 1, max_value=end - 1))
    try:
        first, second = claim_split(claim=claim, at=at, actor=reviewer)
    except ReviewError:
        # Only refused when one side is whitespace: and then nothing changed.
        assert not body[start:at].strip() or not body[at:end].strip()
        assert Claim.objects.filter(article=article).count() == 1
        return
    assert first.end <= at <= second.start
    spans_are_anchored(article)


# --- merge -----------------------------------------------------------------------------------


def test_merge_covers_both_neighbours(article, claim, second_claim, reviewer):
    merged = claim_merge(first=claim, second=second_claim, actor=reviewer)

    assert merged.pk == claim.pk
    assert (merged.start, merged.end) == (claim.start, second_claim.end)
    assert merged.text == article.body[claim.start : second_claim.end]
    assert not Claim.objects.filter(pk=second_claim.pk).exists()
    spans_are_anchored(article)


def test_merge_accepts_the_claims_in_either_order(article, claim, second_claim, reviewer):
    merged = claim_merge(first=second_claim, second=claim, actor=reviewer)
    assert (merged.start, merged.end) == (claim.start, second_claim.end)


def test_merge_keeps_the_claim_with_the_verdict_and_moves_the_rest(
    article, claim, second_claim, reviewer, ratings
):
    write(second_claim, reviewer, ratings["true"])
    evidence_add(claim=claim, actor=reviewer, url="https://example.org/a", stance="supports")
    comment_add(claim=claim, actor=reviewer, body="Same event as the next sentence")

    merged = claim_merge(first=claim, second=second_claim, actor=reviewer)

    assert merged.pk == second_claim.pk
    assert Verdict.objects.get().claim_id == merged.pk
    assert Evidence.objects.get().claim_id == merged.pk
    assert Comment.objects.get().claim_id == merged.pk
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_two_claims_with_verdicts_cannot_be_merged(claim, second_claim, reviewer, ratings):
    write(claim, reviewer, ratings["true"])
    write(second_claim, reviewer, ratings["true"])
    with pytest.raises(ReviewError, match="Both claims have verdicts"):
        claim_merge(first=claim, second=second_claim, actor=reviewer)
    assert Claim.objects.count() == 2


def test_only_neighbours_can_be_merged(article, claim, second_claim, reviewer):
    third = ClaimFactory(article=article, start=article.body.index("Prices"), end=len(article.body))
    with pytest.raises(ReviewError, match="neighbouring"):
        claim_merge(first=claim, second=third, actor=reviewer)
    assert Claim.objects.count() == 3


def test_claims_of_different_articles_cannot_be_merged(claim, reviewer):
    other = ClaimFactory()
    with pytest.raises(ReviewError, match="same article"):
        claim_merge(first=claim, second=other, actor=reviewer)


def test_a_claim_cannot_merge_with_itself(claim, reviewer):
    with pytest.raises(ReviewError, match="two different claims"):
        claim_merge(first=claim, second=claim, actor=reviewer)


def test_merge_with_the_next_claim_it_was_shown(article, claim, second_claim, reviewer):
    merged = claim_merge(first=claim, actor=reviewer, expected_second_id=second_claim.pk)

    assert (merged.start, merged.end) == (claim.start, second_claim.end)
    assert not Claim.objects.filter(pk=second_claim.pk).exists()


def test_merge_with_next_is_refused_when_the_next_claim_changed(
    article, claim, second_claim, reviewer
):
    shown = second_claim.pk
    second_claim.delete()
    third = ClaimFactory(article=article, start=article.body.index("Prices"), end=len(article.body))

    with pytest.raises(ReviewError, match="next claim has changed"):
        claim_merge(first=claim, actor=reviewer, expected_second_id=shown)

    assert set(Claim.objects.values_list("pk", flat=True)) == {claim.pk, third.pk}
    assert fresh(claim).end == article.body.index(".") + 1


def test_merge_with_next_is_refused_for_the_last_claim(article, claim, reviewer):
    with pytest.raises(ReviewError, match="next claim has changed"):
        claim_merge(first=claim, actor=reviewer)
    assert Claim.objects.count() == 1


# --- add -------------------------------------------------------------------------------------


def test_add_a_missed_claim_from_a_selection(article, reviewer, monkeypatch):
    body = article.body
    start = body.index("Prices") - 1  # the selection includes the space before
    added = claim_add(article=article, start=start, end=len(body), actor=reviewer)

    assert added.text == "Prices rose by 12 percent last year."
    assert added.start == start + 1
    assert added.added_manually
    assert added.status == "unreviewed"
    spans_are_anchored(article)


def test_adding_an_existing_span_is_refused(article, claim, reviewer):
    with pytest.raises(ReviewError, match="already a claim"):
        claim_add(article=article, start=claim.start, end=claim.end + 1, actor=reviewer)
    assert Claim.objects.count() == 1


@pytest.mark.parametrize("start,end", [(-1, 5), (5, 5), (10, 3), (0, 10_000)])
def test_a_selection_outside_the_text_is_refused(article, reviewer, start, end):
    with pytest.raises(ReviewError, match="outside"):
        claim_add(article=article, start=start, end=end, actor=reviewer)
    assert not Claim.objects.exists()


def test_a_whitespace_selection_is_refused(reviewer):
    article = ArticleFactory(body="One.   Two.")
    with pytest.raises(ReviewError, match="no text"):
        claim_add(article=article, start=4, end=7, actor=reviewer)


def test_outsider_cannot_add_a_claim(article, outsider):
    with pytest.raises(ReviewError) as exc:
        claim_add(article=article, start=0, end=5, actor=outsider)
    assert exc.value.code == "forbidden"
    assert not Claim.objects.exists()


def test_database_refuses_a_span_beyond_the_body(claim):
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(end=len(claim.article.body) + 1)


# --- dismiss ---------------------------------------------------------------------------------


def test_editor_dismisses_with_a_reason(claim, editor):
    dismissed = claim_dismiss(claim=claim, reason="  An opinion  ", actor=editor)
    assert (dismissed.status, dismissed.dismissed_reason) == ("dismissed", "An opinion")


def test_dismissal_needs_a_reason(claim, editor):
    with pytest.raises(ReviewError, match="reason is required"):
        claim_dismiss(claim=claim, reason="", actor=editor)
    assert fresh(claim).status == ClaimStatus.UNREVIEWED


def test_approved_claims_are_reopened_not_dismissed(claim, reviewer, editor, ratings):
    approve(claim, reviewer, editor, ratings["true"])
    with pytest.raises(ReviewError, match="Cannot dismiss"):
        claim_dismiss(claim=claim, reason="changed my mind", actor=editor)
    assert fresh(claim).status == ClaimStatus.APPROVED


def test_bulk_assignment_refuses_claims_of_a_replaced_article(claim, reviewer, editor):
    ArticleFactory(previous_version=claim.article)
    with pytest.raises(ReviewError, match="old version"):
        claims_assign(claim_ids=[claim.pk], assignee_id=reviewer.pk, actor=editor)
    assert fresh(claim).assignee is None


def test_claims_cannot_be_added_to_a_replaced_article(article, reviewer):
    ArticleFactory(previous_version=article)
    with pytest.raises(ReviewError, match="old version"):
        claim_add(article=article, start=0, end=10, actor=reviewer)
    assert not Claim.objects.exists()
