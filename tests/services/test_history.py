"""The claim's timeline: every change, once, readable, with before and after."""

from __future__ import annotations

import pytest

from reviews.models import Claim, Evidence, Verdict
from reviews.selectors.timeline import claim_timeline
from reviews.services.claims import (
    claim_assign,
    claim_dismiss,
    claim_edit_wording,
    claim_reopen,
    claim_split,
)
from reviews.services.comments import comment_add
from reviews.services.evidence import evidence_add, evidence_remove
from reviews.services.verdicts import verdict_approve, verdict_return, verdict_submit
from tests.scenes import approve, submit, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(article):
    """Claims are born as extraction makes them: in bulk, without a history row."""
    return bulk_claim(article, "Officials")


@pytest.fixture
def second_claim(article):
    return bulk_claim(article, "The ministry")


def bulk_claim(article, opening: str) -> Claim:
    start = article.body.index(opening)
    end = article.body.index(".", start) + 1
    Claim.objects.bulk_create(
        [Claim(article=article, start=start, end=end, text=article.body[start:end])]
    )
    return Claim.objects.get(article=article, start=start)


def messages(claim):
    return [event.message for event in claim_timeline(claim)]


def test_a_whole_review_reads_as_a_timeline(claim, reviewer, editor, ratings):
    claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)
    write(claim, reviewer, ratings["false"])
    evidence_add(claim=claim, actor=reviewer, url="https://example.org/m", stance="refutes")
    verdict_submit(claim=claim, actor=reviewer)
    verdict_return(claim=claim, actor=editor, note="needs a primary source")
    write(claim, reviewer, ratings["false"], rationale="The ministry's statement, linked.")
    verdict_submit(claim=claim, actor=reviewer)
    verdict_approve(claim=claim, actor=editor)
    comment_add(claim=claim, actor=editor, body="Good work")

    assert messages(claim) == [
        "Extracted from the article",
        "Assigned to rita by erin",
        "Verdict saved by rita",
        "Evidence added by rita",
        "Verdict submitted by rita",
        "Returned by erin: needs a primary source",
        "Verdict saved by rita",
        "Verdict submitted by rita",
        "Approved by erin",
        "Comment by erin",
    ]


def test_one_action_is_one_event_with_before_and_after(claim, reviewer, ratings):
    write(claim, reviewer, ratings["false"])
    verdict_submit(claim=claim, actor=reviewer)

    submitted = claim_timeline(claim)[-1]
    assert submitted.message == "Verdict submitted by rita"
    assert submitted.actor == reviewer
    assert submitted.kind == "verdict"
    assert submitted.before == {"status": "In progress", "verdict status": "Draft"}
    assert submitted.after == {"status": "Submitted", "verdict status": "Submitted"}


def test_the_first_save_shows_the_rating_and_the_assignment(claim, reviewer, ratings):
    write(claim, reviewer, ratings["mostly-false"], rationale="Lower figure", confidence=60)

    saved = claim_timeline(claim)[-1]
    assert saved.message == "Verdict saved by rita"
    assert saved.after["rating"] == "Mostly false"
    assert saved.after["rationale"] == "Lower figure"
    assert saved.after["confidence"] == 60
    assert (saved.before["assignee"], saved.after["assignee"]) == (None, "rita")
    assert (saved.before["status"], saved.after["status"]) == ("Unreviewed", "In progress")


def test_wording_edit_and_dismissal_show_what_changed(claim, reviewer, editor):
    claim_edit_wording(claim=claim, wording="2,030 troops", actor=reviewer, expected_version=1)
    claim_dismiss(claim=claim, reason="Not check-worthy", actor=editor)

    wording, dismissed = claim_timeline(claim)[-2:]
    assert wording.message == "Wording edited by rita"
    assert (wording.before, wording.after) == ({"wording": ""}, {"wording": "2,030 troops"})
    assert dismissed.message == "Dismissed by erin: Not check-worthy"
    assert dismissed.after["dismissal reason"] == "Not check-worthy"


def test_a_correction_shows_both_versions(claim, reviewer, editor, ratings):
    approve(claim, reviewer, editor, ratings["false"])
    claim_reopen(claim=claim, actor=editor, reason="Figure revised on 12 January")
    submit(claim, reviewer, ratings["mostly-false"])
    verdict_approve(claim=claim, actor=editor)

    events = claim_timeline(claim)
    assert [e.message for e in events][-5:] == [
        "Approved by erin",
        "Reopened by erin: Figure revised on 12 January",
        "Verdict saved by rita",
        "Verdict submitted by rita",
        "Approved by erin",
    ]
    last = events[-1]
    assert last.after["v1 verdict status"] == "Superseded"
    assert last.after["v2 verdict status"] == "Approved"
    assert last.after["v2 current verdict"] is True
    assert last.after["v1 current verdict"] is False


def test_evidence_added_and_removed(claim, reviewer):
    evidence = evidence_add(
        claim=claim, actor=reviewer, url="https://example.org/m", stance="supports", quote="7,939"
    )
    evidence_remove(evidence=evidence, actor=reviewer)

    added, removed = claim_timeline(claim)[-2:]
    assert added.message == "Evidence added by rita"
    assert added.after == {
        "source": "https://example.org/m",
        "stance": "Supports",
        "quote": "7,939",
    }
    assert removed.message == "Evidence removed by rita"
    assert removed.before["source"] == "https://example.org/m"


def test_split_appears_on_both_halves(article, reviewer):
    from tests.factories import ClaimFactory

    whole = ClaimFactory(article=article, start=0, end=article.body.index("detained.") + 9)
    first, second = claim_split(claim=whole, at=article.body.index("The ministry"), actor=reviewer)

    assert messages(first)[-1] == "Claim split by rita"
    assert messages(second) == ["Claim split by rita"]
    assert claim_timeline(first)[-1].after["end"] == first.end


def test_every_service_write_records_who_and_why(claim, second_claim, reviewer, editor, ratings):
    claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)
    approve(claim, reviewer, editor, ratings["true"])
    claim_reopen(claim=claim, actor=editor, reason="Check")
    write(claim, reviewer, ratings["false"])
    evidence_add(claim=claim, actor=reviewer, url="https://example.org", stance="context")
    claim_dismiss(claim=second_claim, reason="No", actor=editor)

    rows = [*Claim.history.all(), *Verdict.history.all(), *Evidence.history.all()]
    extracted = [r for r in rows if r.history_change_reason == "Extracted from the article"]
    assert len(extracted) == 2  # one baseline per claim, written before its first change
    for row in rows:
        assert row.history_change_reason
        if row not in extracted:
            assert row.history_user in (reviewer, editor)


def test_every_change_appears_exactly_once(claim, reviewer, editor, ratings):
    actions = [
        lambda: claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor),
        lambda: write(claim, reviewer, ratings["true"]),
        lambda: write(claim, reviewer, ratings["false"]),
        lambda: verdict_submit(claim=claim, actor=reviewer),
        lambda: verdict_approve(claim=claim, actor=editor),
        lambda: claim_reopen(claim=claim, actor=editor, reason="x"),
    ]
    for count, action in enumerate(actions, start=2):
        action()
        assert len(claim_timeline(claim)) == count


def test_the_timeline_costs_the_same_queries_however_long(
    claim, reviewer, editor, ratings, django_assert_max_num_queries
):
    write(claim, reviewer, ratings["true"])
    comment_add(claim=claim, actor=editor, body="One")
    evidence_add(claim=claim, actor=reviewer, url="https://example.org/", stance="context")
    with django_assert_max_num_queries(10) as short:
        claim_timeline(claim)
    for i in range(15):
        write(claim, reviewer, ratings["true"], rationale=f"Take {i}")
        comment_add(claim=claim, actor=editor, body=f"Comment {i}")
        evidence_add(claim=claim, actor=reviewer, url=f"https://example.org/{i}", stance="context")
    with django_assert_max_num_queries(len(short.captured_queries)):
        claim_timeline(claim)


def test_bulk_assignment_appears_on_each_claim(claim, second_claim, reviewer, editor):
    from reviews.services.claims import claims_assign

    claims_assign(claim_ids=[claim.pk, second_claim.pk], assignee_id=reviewer.pk, actor=editor)
    for c in (claim, second_claim):
        assert messages(c) == ["Extracted from the article", "Assigned to rita by erin"]


def test_a_merge_is_one_event_on_the_surviving_claim(claim, second_claim, reviewer):
    from reviews.services.claims import claim_merge

    evidence_add(claim=second_claim, actor=reviewer, url="https://example.org/m", stance="supports")
    merged = claim_merge(first=claim, second=second_claim, actor=reviewer)

    event = claim_timeline(merged)[-1]
    assert event.message == "Claims merged by rita"
    assert (event.before["end"], event.after["end"]) == (claim.end, second_claim.end)
