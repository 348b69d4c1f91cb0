"""The claim panel's actions, posted as the browser would (htmx and plain forms): the
database changes, the page shows the outcome, and refused actions change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.models import Claim, ClaimStatus, Evidence, Verdict
from reviews.services.verdicts import verdict_save
from tests.factories import ClaimFactory
from tests.views.conftest import HTMX, rating

pytestmark = pytest.mark.django_db


def url(name: str, obj) -> str:
    return reverse(f"reviews:{name}", args=[obj.pk])


def verdict_data(scale, label="False", *, rationale="Officials said otherwise.", version=""):
    return {
        "verdict-rating": rating(scale, label).pk,
        "verdict-rationale": rationale,
        "verdict-confidence": 90,
        "verdict-version": version,
    }


def test_reviewer_takes_a_claim_with_assign_to_me(reviewer_client, reviewer, claim):
    response = reviewer_client.post(url("claim_take", claim), headers=HTMX)
    assert response.status_code == 200
    assert "The claim is assigned to you." in response.content.decode()
    claim.refresh_from_db()
    assert claim.assignee == reviewer


def test_plain_form_post_redirects_back_to_the_claim(reviewer_client, claim):
    response = reviewer_client.post(url("claim_take", claim))
    assert response.status_code == 302
    assert response["Location"] == url("claim_detail", claim)


def test_reviewer_rates_and_submits_a_claim(reviewer_client, reviewer, claim, scale):
    reviewer_client.post(url("claim_take", claim), headers=HTMX)
    saved = reviewer_client.post(url("verdict_save", claim), verdict_data(scale), headers=HTMX)
    assert saved.status_code == 200
    assert "Verdict saved." in saved.content.decode()
    assert 'id="submit-verdict"' in saved.content.decode()
    submitted = reviewer_client.post(url("verdict_submit", claim), headers=HTMX)
    assert submitted.status_code == 200
    claim.refresh_from_db()
    verdict = claim.verdicts.get(is_current=True)
    assert claim.status == ClaimStatus.SUBMITTED
    assert (verdict.rating.label, verdict.confidence, verdict.author) == ("False", 90, reviewer)
    # The panel's out-of-band parts repaint the highlight and the list entry.
    html = submitted.content.decode()
    assert f'id="claim-{claim.pk}"' in html and "status-submitted" in html
    assert 'hx-swap-oob="true"' in html


def test_rationale_markdown_is_rendered_and_sanitised(reviewer_client, reviewer, claim, scale):
    reviewer_client.post(url("claim_take", claim), headers=HTMX)
    data = verdict_data(scale, rationale="**Bold** <script>alert(1)</script> <svg onload=alert(2)>")
    html = reviewer_client.post(url("verdict_save", claim), data, headers=HTMX).content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "<svg onload" not in html


def test_rationale_with_a_script_link_is_refused_on_the_form(reviewer_client, claim, scale):
    data = verdict_data(scale, rationale="See [x](javascript:alert(1))")
    response = reviewer_client.post(url("verdict_save", claim), data, headers=HTMX)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Links may only point to http, https or mailto addresses: javascript:alert(1)" in html
    assert "See [x](javascript:alert(1))</textarea>" in html
    assert not Verdict.objects.exists()


def test_verdict_form_errors_keep_the_input_and_save_nothing(reviewer_client, claim, scale):
    data = verdict_data(scale, rationale="Keep this text")
    data["verdict-confidence"] = 150
    response = reviewer_client.post(url("verdict_save", claim), data, headers=HTMX)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Keep this text" in html
    assert "Ensure this value is less than or equal to 100." in html
    assert not Verdict.objects.filter(claim=claim).exists()


def test_stale_verdict_save_shows_the_conflict_and_keeps_the_users_input(
    reviewer_client, editor, drafted_claim, scale
):
    verdict = drafted_claim.verdicts.get(is_current=True)
    stale_version = verdict.version
    # The editor changes the verdict after the reviewer opened the form.
    verdict_save(
        claim=drafted_claim,
        actor=editor,
        rating=rating(scale, "Half true"),
        rationale="Editor's view.",
        confidence=60,
        expected_version=stale_version,
    )
    data = verdict_data(scale, "True", rationale="My stale text", version=stale_version)
    response = reviewer_client.post(url("verdict_save", drafted_claim), data, headers=HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this verdict while you were editing." in html
    assert "Half true" in html and "Editor&#x27;s view." in html  # what changed
    assert "My stale text" in html  # the user's input is kept
    verdict.refresh_from_db()
    assert verdict.rating.label == "Half true"
    assert verdict.rationale == "Editor's view."


def test_resaving_after_a_conflict_overwrites_deliberately(
    reviewer_client, editor, drafted_claim, scale
):
    verdict = drafted_claim.verdicts.get(is_current=True)
    verdict_save(
        claim=drafted_claim,
        actor=editor,
        rating=rating(scale, "Half true"),
        rationale="Editor's view.",
        confidence=60,
        expected_version=verdict.version,
    )
    data = verdict_data(scale, "True", rationale="Mine", version=verdict.version)
    conflict = reviewer_client.post(url("verdict_save", drafted_claim), data, headers=HTMX)
    current_version = verdict.version + 1
    assert f'name="verdict-version" value="{current_version}"' in conflict.content.decode()
    data["verdict-version"] = current_version
    again = reviewer_client.post(url("verdict_save", drafted_claim), data, headers=HTMX)
    assert again.status_code == 200
    verdict.refresh_from_db()
    assert verdict.rationale == "Mine"


def test_stale_wording_edit_is_refused_with_the_current_wording(
    reviewer_client, editor_client, reviewer, claim
):
    reviewer_client.post(url("claim_take", claim), headers=HTMX)
    claim.refresh_from_db()
    seen = claim.version
    editor_client.post(
        url("claim_wording", claim),
        {"wording-wording": "Officials: 2,030 troops arrived.", "wording-version": seen},
        headers=HTMX,
    )
    response = reviewer_client.post(
        url("claim_wording", claim),
        {"wording-wording": "Reviewer wording", "wording-version": seen},
        headers=HTMX,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Officials: 2,030 troops arrived." in html
    assert "Reviewer wording" in html
    claim.refresh_from_db()
    assert claim.wording == "Officials: 2,030 troops arrived."


def test_editor_approves_a_submitted_verdict(editor_client, submitted_claim):
    page = editor_client.get(url("claim_detail", submitted_claim)).content.decode()
    assert 'id="approve-verdict"' in page
    response = editor_client.post(url("verdict_approve", submitted_claim), headers=HTMX)
    assert response.status_code == 200
    assert "Verdict approved." in response.content.decode()
    submitted_claim.refresh_from_db()
    assert submitted_claim.status == ClaimStatus.APPROVED


def test_reviewer_sees_no_approve_control_and_a_forged_approval_is_refused(
    reviewer_client, submitted_claim
):
    page = reviewer_client.get(url("claim_detail", submitted_claim)).content.decode()
    assert 'id="approve-verdict"' not in page
    response = reviewer_client.post(url("verdict_approve", submitted_claim), headers=HTMX)
    assert response.status_code == 403
    assert 'role="alert"' in response.content.decode()
    submitted_claim.refresh_from_db()
    assert submitted_claim.status == ClaimStatus.SUBMITTED


def test_editor_cannot_approve_a_verdict_they_last_edited(editor_client, editor, submitted_claim):
    verdict = submitted_claim.verdicts.get(is_current=True)
    verdict_save(
        claim=submitted_claim,
        actor=editor,
        rating=verdict.rating,
        rationale="Tightened.",
        confidence=verdict.confidence,
        expected_version=verdict.version,
    )
    submitted_claim.refresh_from_db()
    page = editor_client.get(url("claim_detail", submitted_claim)).content.decode()
    assert 'id="approve-verdict"' not in page
    assert "someone else approves it" in page
    response = editor_client.post(url("verdict_approve", submitted_claim), headers=HTMX)
    assert response.status_code == 403
    submitted_claim.refresh_from_db()
    assert submitted_claim.status != ClaimStatus.APPROVED


def test_return_needs_a_note(editor_client, submitted_claim):
    empty = editor_client.post(
        url("verdict_return", submitted_claim), {"return-note": "  "}, headers=HTMX
    )
    assert empty.status_code == 400
    assert "This field is required." in empty.content.decode()
    submitted_claim.refresh_from_db()
    assert submitted_claim.status == ClaimStatus.SUBMITTED
    returned = editor_client.post(
        url("verdict_return", submitted_claim),
        {"return-note": "Needs a primary source"},
        headers=HTMX,
    )
    assert returned.status_code == 200
    submitted_claim.refresh_from_db()
    assert submitted_claim.status == ClaimStatus.RETURNED
    assert "Needs a primary source" in returned.content.decode()


def test_history_timeline_reads_as_sentences(editor_client, submitted_claim):
    editor_client.post(
        url("verdict_return", submitted_claim),
        {"return-note": "needs a primary source"},
        headers=HTMX,
    )
    html = editor_client.get(url("claim_detail", submitted_claim), headers=HTMX).content.decode()
    assert "Verdict submitted by rita" in html
    assert "Returned by erin: needs a primary source" in html


def test_reviewer_attaches_and_removes_a_source(reviewer_client, reviewer, drafted_claim):
    data = {
        "evidence-url": "https://stat.example.org/report?id=7",
        "evidence-stance": "refutes",
        "evidence-title": "Statistics office report",
        "evidence-quote": "2,000 troops",
    }
    response = reviewer_client.post(url("evidence_add", drafted_claim), data, headers=HTMX)
    assert response.status_code == 200
    assert "Statistics office report" in response.content.decode()
    evidence = Evidence.objects.get(claim=drafted_claim)
    assert (evidence.stance, evidence.quote, evidence.added_by) == (
        "refutes",
        "2,000 troops",
        reviewer,
    )
    removed = reviewer_client.post(url("evidence_remove", evidence), headers=HTMX)
    assert removed.status_code == 200
    assert not Evidence.objects.filter(claim=drafted_claim).exists()


def test_evidence_needs_a_valid_url(reviewer_client, drafted_claim):
    response = reviewer_client.post(
        url("evidence_add", drafted_claim),
        {"evidence-url": "not a url", "evidence-stance": "supports"},
        headers=HTMX,
    )
    assert response.status_code == 400
    assert "Enter a valid URL." in response.content.decode()
    assert not Evidence.objects.exists()


def test_comment_is_shown_escaped(reviewer_client, claim):
    response = reviewer_client.post(
        url("comment_add", claim),
        {"comment-body": "<svg onload=alert(1)> check"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert "&lt;svg onload=alert(1)&gt; check" in html
    assert "<svg onload" not in html


def test_editor_dismisses_with_a_reason_and_reviewer_cannot(editor_client, reviewer_client, claim):
    refused = reviewer_client.post(
        url("claim_dismiss", claim), {"dismiss-reason": "Opinion"}, headers=HTMX
    )
    assert refused.status_code == 403
    no_reason = editor_client.post(
        url("claim_dismiss", claim), {"dismiss-reason": ""}, headers=HTMX
    )
    assert no_reason.status_code == 400
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNREVIEWED
    editor_client.post(url("claim_dismiss", claim), {"dismiss-reason": "Opinion"}, headers=HTMX)
    claim.refresh_from_db()
    assert (claim.status, claim.dismissed_reason) == (ClaimStatus.DISMISSED, "Opinion")


def test_editor_reopens_an_approved_claim_and_the_approved_verdict_stays(
    editor_client, submitted_claim
):
    editor_client.post(url("verdict_approve", submitted_claim), headers=HTMX)
    response = editor_client.post(
        url("claim_reopen", submitted_claim), {"reopen-reason": "New figures"}, headers=HTMX
    )
    assert response.status_code == 200
    submitted_claim.refresh_from_db()
    assert submitted_claim.status == ClaimStatus.REOPENED
    assert submitted_claim.verdicts.filter(status=Verdict.Status.APPROVED).exists()


def test_editor_assigns_a_claim(editor_client, reviewer2, claim):
    claim.refresh_from_db()
    response = editor_client.post(
        url("claim_assign", claim),
        {"assign-assignee": reviewer2.pk, "assign-version": claim.version},
        headers=HTMX,
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.assignee == reviewer2


def test_reviewer_cannot_work_a_claim_assigned_to_someone_else(
    reviewer2_client, drafted_claim, scale
):
    page = reviewer2_client.get(url("claim_detail", drafted_claim)).content.decode()
    assert 'id="verdict-form"' not in page
    response = reviewer2_client.post(
        url("verdict_save", drafted_claim), verdict_data(scale), headers=HTMX
    )
    assert response.status_code == 403
    assert drafted_claim.verdicts.get(is_current=True).rating.label == "Mostly true"


def test_split_at_a_position_makes_two_claims(reviewer_client, article, claim):
    position = claim.text.index("2,030")
    response = reviewer_client.post(
        url("claim_split", claim),
        {"split-position": position, "split-version": claim.version},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == url("claim_detail", claim)
    claims = list(article.claims.order_by("start"))
    assert [c.text for c in claims] == ["Officials said", "2,030 troops arrived on Monday."]


def test_split_outside_the_claim_is_refused(reviewer_client, article, claim):
    response = reviewer_client.post(
        url("claim_split", claim),
        {"split-position": 500, "split-version": claim.version},
        headers=HTMX,
    )
    assert response.status_code == 400
    assert "Split inside the claim" in response.content.decode()
    assert article.claims.count() == 1


def test_merge_with_next_claim(reviewer_client, article, claim):
    start = article.body.index("The ministry")
    second = ClaimFactory(article=article, start=start, end=article.body.index(".", start) + 1)
    response = reviewer_client.post(url("claim_merge", claim), {"next": second.pk}, headers=HTMX)
    assert response.status_code == 200
    merged = article.claims.get()
    assert (merged.start, merged.end) == (claim.start, second.end)


def test_add_a_missed_claim_from_selected_offsets(reviewer_client, article, claim):
    start = article.body.index("Prices")
    response = reviewer_client.post(
        url("claim_add", article), {"start": start - 1, "end": len(article.body)}
    )
    added = Claim.objects.get(article=article, added_manually=True)
    assert response.status_code == 302
    assert response["Location"] == url("claim_detail", added)
    assert added.text == "Prices rose by 12 percent last year."


def test_adding_a_claim_over_an_existing_span_is_refused(reviewer_client, article, claim):
    response = reviewer_client.post(url("claim_add", article), {"start": 0, "end": claim.end})
    assert response.status_code == 400
    assert article.claims.count() == 1
    assert 'role="alert"' in response.content.decode()
