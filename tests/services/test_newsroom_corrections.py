"""Speakers corrected, claims dismissed in bulk, reopening heard by the reviewer, the public
correction notice kept apart from the internal reason, stable claim numbers, fresh halves of
a split, and four-eyes on returns."""

from __future__ import annotations

import pytest

from reviews.errors import ConflictError, ReviewError
from reviews.models import Claim, ClaimStatus, Notification
from reviews.selectors.timeline import ChangeReason
from reviews.services.articles import article_ingest
from reviews.services.claims import (
    claim_add,
    claim_dismiss,
    claim_edit,
    claim_edit_speaker,
    claim_reopen,
    claim_split,
    claims_dismiss,
)
from reviews.services.reingest import article_reingest
from reviews.services.verdicts import verdict_approve, verdict_return
from tests.scenes import approve, assign, fresh, submit, write

pytestmark = pytest.mark.django_db

BODY = (
    "Officials said 2,030 troops arrived on Monday. "
    "The ministry reported that 7,939 people were detained. "
    "Read more: the war in pictures. "
    "Prices rose by 12 percent last year, while wages rose by 83,000 tenge."
)


@pytest.fixture
def article(editor):
    return article_ingest(title="Troops arrive", body=BODY, actor=editor)


def claim_with(article, words: str) -> Claim:
    return next(c for c in article.claims.all() if words in c.text)


# --- speakers ---------------------------------------------------------------------------------


def test_a_reviewer_corrects_the_speaker_and_their_role_with_history(article, reviewer):
    claim = claim_with(article, "troops")
    seen = claim.version
    edited = claim_edit_speaker(
        claim=claim,
        speaker="  Kassym-Jomart Tokayev ",
        speaker_role="President of Kazakhstan",
        actor=reviewer,
        expected_version=seen,
    )
    stored = fresh(claim)
    assert (stored.speaker, stored.speaker_role) == (
        "Kassym-Jomart Tokayev",
        "President of Kazakhstan",
    )
    assert stored.version == edited.version == seen + 1
    row = stored.history.first()
    assert row.history_change_reason == ChangeReason.CLAIM_SPEAKER
    assert row.history_user == reviewer


def test_a_stale_speaker_edit_is_refused_and_changes_nothing(article, reviewer, reviewer2):
    claim = claim_with(article, "troops")
    claim_edit(actor=reviewer, claim_id=claim.pk, speaker="Officials", expected_version=1)
    with pytest.raises(ConflictError):
        claim_edit(actor=reviewer2, claim_id=claim.pk, speaker="The CSTO", expected_version=1)
    assert fresh(claim).speaker == "Officials"


def test_a_role_needs_a_speaker(article, reviewer):
    claim = claim_with(article, "troops")
    with pytest.raises(ReviewError, match="Name the speaker"):
        claim_edit_speaker(
            claim=claim, speaker="", speaker_role="Minister", actor=reviewer, expected_version=1
        )


def test_someone_elses_claim_keeps_its_speaker(article, reviewer, reviewer2, editor):
    claim = claim_with(article, "troops")
    assign(claim, reviewer2, editor)
    with pytest.raises(ReviewError) as refused:
        claim_edit_speaker(claim=claim, speaker="X", actor=reviewer, expected_version=None)
    assert refused.value.code == "forbidden"
    assert fresh(claim).speaker != "X"


# --- dismissal --------------------------------------------------------------------------------


def test_a_reviewer_dismisses_an_unrated_claim_and_an_editor_brings_it_back(
    article, reviewer, editor
):
    furniture = claim_with(article, "Read more")
    claim_dismiss(claim=furniture, reason="Page furniture", actor=reviewer)
    stored = fresh(furniture)
    assert (stored.status, stored.dismissed_reason) == (ClaimStatus.DISMISSED, "Page furniture")
    assert stored.history.first().history_user == reviewer
    with pytest.raises(ReviewError):
        claim_reopen(claim=furniture, reason="It is a claim", actor=reviewer)
    claim_reopen(claim=furniture, reason="It is a claim", actor=editor)
    assert fresh(furniture).status == ClaimStatus.UNREVIEWED


def test_a_reviewer_cannot_dismiss_a_rated_claim_or_someone_elses(
    article, reviewer, reviewer2, editor, ratings
):
    rated = claim_with(article, "troops")
    write(rated, reviewer, ratings["true"])
    with pytest.raises(ReviewError, match="only an editor"):
        claim_dismiss(claim=rated, reason="No", actor=reviewer)
    taken = claim_with(article, "detained")
    assign(taken, reviewer2, editor)
    with pytest.raises(ReviewError, match="assigned to someone else"):
        claim_dismiss(claim=taken, reason="No", actor=reviewer)
    assert {fresh(rated).status, fresh(taken).status} == {"in_progress", "unreviewed"}


def test_bulk_dismissal_is_all_or_nothing(article, reviewer, editor, ratings):
    furniture, troops, prices = (claim_with(article, w) for w in ("Read more", "troops", "Prices"))
    approve(troops, reviewer, editor, ratings["true"])
    with pytest.raises(ReviewError, match="Nothing was dismissed: 1 of the 2"):
        claims_dismiss(claim_ids=[furniture.pk, troops.pk], reason="Junk", actor=editor)
    assert fresh(furniture).status == ClaimStatus.UNREVIEWED

    done = claims_dismiss(claim_ids=[furniture.pk, prices.pk], reason="Junk", actor=editor)
    assert sorted(c.pk for c in done) == sorted([furniture.pk, prices.pk])
    for claim in (furniture, prices):
        stored = fresh(claim)
        assert (stored.status, stored.dismissed_reason) == ("dismissed", "Junk")
        assert stored.history.first().history_change_reason == ChangeReason.CLAIM_DISMISSED


def test_bulk_dismissal_by_a_reviewer_follows_the_rules_of_one(
    article, reviewer, reviewer2, editor
):
    furniture, troops = claim_with(article, "Read more"), claim_with(article, "troops")
    assign(troops, reviewer2, editor)
    with pytest.raises(ReviewError):
        claims_dismiss(claim_ids=[furniture.pk, troops.pk], reason="Junk", actor=reviewer)
    assert fresh(furniture).status == ClaimStatus.UNREVIEWED
    claims_dismiss(claim_ids=[furniture.pk], reason="Junk", actor=reviewer)
    assert fresh(furniture).status == ClaimStatus.DISMISSED


def test_bulk_dismissal_needs_claims_that_exist_and_a_reason(article, editor):
    troops = claim_with(article, "troops")
    with pytest.raises(ReviewError, match="no longer exist"):
        claims_dismiss(claim_ids=[troops.pk, 999_999], reason="Junk", actor=editor)
    with pytest.raises(ReviewError, match="reason"):
        claims_dismiss(claim_ids=[troops.pk], reason="  ", actor=editor)
    assert fresh(troops).status == ClaimStatus.UNREVIEWED


# --- corrections ------------------------------------------------------------------------------


def test_reopening_tells_the_author_and_the_assignee(article, reviewer, reviewer2, editor, ratings):
    claim = claim_with(article, "troops")
    approve(claim, reviewer, editor, ratings["true"])
    assign(claim, reviewer2, editor)
    Notification.objects.all().delete()
    claim_reopen(claim=claim, reason="Reader e-mail: the figure was revised", actor=editor)
    notices = {n.recipient.get_username(): n for n in Notification.objects.all()}
    assert set(notices) == {"rita", reviewer2.get_username()}
    assert all(n.kind == Notification.Kind.REOPENED for n in notices.values())
    assert "figure was revised" in notices["rita"].message


def test_the_public_correction_note_is_written_on_approval_apart_from_the_reason(
    article, reviewer, editor, editor2, ratings
):
    claim = claim_with(article, "troops")
    approve(claim, reviewer, editor, ratings["true"])
    claim_reopen(claim=claim, reason="Reader e-mail from Mr X", actor=editor)
    submit(claim, reviewer, ratings["mostly-true"])
    verdict = verdict_approve(
        claim=claim, actor=editor2, correction_note="The count was revised to 2,000."
    )
    assert verdict.correction_note == "The count was revised to 2,000."
    assert verdict.correction_reason == "Reader e-mail from Mr X"


def test_a_first_verdict_takes_no_correction_note(article, reviewer, editor, ratings):
    claim = claim_with(article, "troops")
    submit(claim, reviewer, ratings["true"])
    verdict = verdict_approve(claim=claim, actor=editor, correction_note="Nothing to correct")
    assert verdict.correction_note == ""


def test_an_editor_does_not_return_their_own_verdict(article, editor, editor2, ratings):
    claim = claim_with(article, "troops")
    submit(claim, editor, ratings["true"])
    with pytest.raises(ReviewError, match="four-eyes"):
        verdict_return(claim=claim, actor=editor, note="Hm")
    verdict_return(claim=claim, actor=editor2, note="Needs a source")
    assert fresh(claim).status == ClaimStatus.RETURNED


# --- numbers, split, added claims -------------------------------------------------------------


def test_claims_are_numbered_in_the_order_of_the_text(article):
    claims = list(article.claims.order_by("start"))
    assert [c.number for c in claims] == list(range(1, len(claims) + 1))


def test_numbers_survive_a_new_version_and_new_claims_take_fresh_ones(article, editor):
    before = {c.text: c.number for c in article.claims.all()}
    new = article_reingest(
        previous=article, body="Breaking: a curfew was declared in Almaty. " + BODY, actor=editor
    )
    after = {c.text: c.number for c in new.claims.all()}
    for text, number in before.items():
        assert after[text] == number
    added = [n for t, n in after.items() if t not in before]
    assert added == [max(before.values()) + 1]


def test_split_halves_are_scored_afresh_and_numbered(article, reviewer):
    claim = claim_with(article, "Prices")
    at = claim.start + claim.text.index(", while") + 1
    first, second = claim_split(claim=claim, at=at, actor=reviewer, expected_version=None)
    assert "83,000" not in " ".join(first.score_reasons)
    assert "83,000" not in str(first.quantities) and "12 percent" in str(first.quantities)
    assert "83,000" in str(second.quantities)
    assert "83,000" in " ".join(second.score_reasons)
    assert first.number == claim.number
    assert second.number == max(c.number for c in article.claims.all())
    assert second.number > len(BODY.split(". ")) - 1


def test_a_claim_added_by_a_reviewer_is_theirs_with_its_own_description(article, reviewer):
    # A span inside an extracted sentence: described from its own words.
    text = "2,030 troops arrived on Monday"
    start = article.body.index(text)
    added = claim_add(article=article, start=start, end=start + len(text), actor=reviewer)
    assert added.assignee == reviewer
    assert added.number == max(c.number for c in article.claims.all())
    assert "2,030" in str(added.quantities)
    assert added.kind == "statistic"


def test_a_claim_added_by_an_editor_waits_for_assignment(article, editor):
    text = "7,939 people were detained"
    start = article.body.index(text)
    added = claim_add(article=article, start=start, end=start + len(text), actor=editor)
    assert added.assignee is None
