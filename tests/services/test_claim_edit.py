"""One edit of a claim's wording and assignee, and assignees named by their user id."""

from __future__ import annotations

import pytest

from reviews.errors import ConflictError, ReviewError
from reviews.models import Notification
from reviews.services.claims import claim_assign, claim_edit, claim_edit_wording, claims_assign
from tests.scenes import fresh

pytestmark = pytest.mark.django_db


def test_editor_changes_wording_and_assignee_in_one_edit(claim, editor, reviewer):
    edited = claim_edit(
        actor=editor,
        claim_id=claim.pk,
        wording="Troops arrived.",
        assignee_id=reviewer.pk,
        expected_version=claim.version,
    )

    claim = fresh(claim)
    assert (claim.wording, claim.assignee, claim.version) == ("Troops arrived.", reviewer, 3)
    assert edited.pk == claim.pk and edited.version == claim.version
    assert Notification.objects.filter(recipient=reviewer, kind="assigned").count() == 1


def test_an_edit_from_a_stale_version_changes_neither(claim, editor, reviewer, reviewer2):
    claim_edit_wording(claim=claim, wording="Mine.", actor=reviewer, expected_version=1)

    with pytest.raises(ConflictError) as exc:
        claim_edit(
            actor=editor,
            claim_id=claim.pk,
            wording="Troops arrived.",
            assignee_id=reviewer2.pk,
            expected_version=1,
        )

    assert exc.value.current["wording"] == "Mine."
    claim = fresh(claim)
    assert (claim.wording, claim.assignee_id, claim.version) == ("Mine.", None, 2)


def test_an_edit_can_change_the_wording_alone(claim, reviewer):
    edited = claim_edit(actor=reviewer, claim_id=claim.pk, wording="Troops.", expected_version=1)
    assert (edited.wording, edited.assignee_id) == ("Troops.", None)


def test_an_edit_can_unassign_alone(claim, editor, reviewer):
    claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)

    edited = claim_edit(actor=editor, claim_id=claim.pk, assignee_id=None, expected_version=2)

    assert fresh(claim).assignee is None
    assert edited.wording == ""


def test_a_reviewer_cannot_assign_in_an_edit_and_the_wording_stays(claim, reviewer, reviewer2):
    with pytest.raises(ReviewError) as exc:
        claim_edit(
            actor=reviewer,
            claim_id=claim.pk,
            wording="Troops arrived.",
            assignee_id=reviewer2.pk,
            expected_version=1,
        )
    assert exc.value.code == "forbidden"
    claim = fresh(claim)
    assert (claim.wording, claim.assignee_id, claim.version) == ("", None, 1)


def test_an_edit_that_changes_nothing_is_refused(claim, editor):
    with pytest.raises(ReviewError, match="the wording, the speaker, the assignee, or several"):
        claim_edit(actor=editor, claim_id=claim.pk, expected_version=1)


def test_an_edit_of_a_claim_that_is_gone_is_not_found(claim, editor, reviewer):
    pk = claim.pk
    claim.delete()
    with pytest.raises(ReviewError) as exc:
        claim_edit(
            actor=editor, claim_id=pk, wording="x", assignee_id=reviewer.pk, expected_version=1
        )
    assert exc.value.code == "not_found"


# --- assignees by id --------------------------------------------------------------------------


def test_assigning_an_unknown_user_is_refused_on_the_assignee_field(claim, editor):
    with pytest.raises(ReviewError, match="no such user") as exc:
        claim_assign(claim=claim, assignee_id=987654, actor=editor)
    assert (exc.value.code, exc.value.fields) == ("invalid", {"assignee": "unknown"})
    assert fresh(claim).assignee is None


def test_assigning_someone_outside_the_desk_is_refused(claim, editor, outsider):
    with pytest.raises(ReviewError) as exc:
        claim_edit(actor=editor, claim_id=claim.pk, assignee_id=outsider.pk, expected_version=1)
    assert exc.value.fields == {"assignee": "not a reviewer"}
    assert fresh(claim).assignee is None


def test_bulk_assignment_resolves_the_assignee_before_touching_any_claim(
    claim, second_claim, editor
):
    with pytest.raises(ReviewError) as exc:
        claims_assign(claim_ids=[claim.pk, second_claim.pk], assignee_id=987654, actor=editor)
    assert exc.value.fields == {"assignee": "unknown"}
    assert [fresh(c).assignee for c in (claim, second_claim)] == [None, None]


def test_a_reviewer_learns_nothing_about_user_ids_from_an_assignment(claim, reviewer):
    with pytest.raises(ReviewError) as exc:
        claims_assign(claim_ids=[claim.pk], assignee_id=987654, actor=reviewer)
    assert exc.value.code == "forbidden"
