"""The claim panel's actions, posted as the browser would (htmx and plain forms): the
database changes, the page shows the outcome, and refused actions change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.models import Claim, ClaimStatus, Evidence, Verdict
from reviews.services.claims import claim_dismiss, claim_edit_wording, claim_reopen, claim_take
from reviews.services.verdicts import verdict_return, verdict_save
from reviews.web.forms import STALE_FORM
from tests import scenes
from tests.factories import ClaimFactory
from tests.views.conftest import HTMX, rating, seen_version

pytestmark = pytest.mark.django_db


def url(name: str, obj) -> str:
    return reverse(f"reviews:{name}", args=[obj.pk])


def verdict_data(scale, label="False", *, rationale="Officials said otherwise.", version=0):
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
    # The first verdict is saved with the version the page's form carries (no verdict yet).
    data = verdict_data(scale, version=seen_version(reviewer_client, claim, "verdict"))
    saved = reviewer_client.post(url("verdict_save", claim), data, headers=HTMX)
    assert saved.status_code == 200
    assert "Verdict saved." in saved.content.decode()
    assert 'id="submit-verdict"' in saved.content.decode()
    step = {"step-version": seen_version(reviewer_client, claim, "step")}
    submitted = reviewer_client.post(url("verdict_submit", claim), step, headers=HTMX)
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
    step = {"step-version": seen_version(editor_client, submitted_claim, "step")}
    response = editor_client.post(url("verdict_approve", submitted_claim), step, headers=HTMX)
    assert response.status_code == 200
    assert "Verdict approved." in response.content.decode()
    submitted_claim.refresh_from_db()
    assert submitted_claim.status == ClaimStatus.APPROVED


def test_reviewer_sees_no_approve_control_and_a_forged_approval_is_refused(
    reviewer_client, submitted_claim
):
    page = reviewer_client.get(url("claim_detail", submitted_claim)).content.decode()
    assert 'id="approve-verdict"' not in page
    # A forged form carries the right version: only the role refuses it.
    step = {"step-version": submitted_claim.verdicts.latest("number").version}
    response = reviewer_client.post(url("verdict_approve", submitted_claim), step, headers=HTMX)
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
    step = {"step-version": submitted_claim.verdicts.latest("number").version}
    response = editor_client.post(url("verdict_approve", submitted_claim), step, headers=HTMX)
    assert response.status_code == 403
    submitted_claim.refresh_from_db()
    assert submitted_claim.status != ClaimStatus.APPROVED


def test_return_needs_a_note(editor_client, submitted_claim):
    version = seen_version(editor_client, submitted_claim, "return")
    empty = editor_client.post(
        url("verdict_return", submitted_claim),
        {"return-note": "  ", "return-version": version},
        headers=HTMX,
    )
    assert empty.status_code == 400
    assert "This field is required." in empty.content.decode()
    submitted_claim.refresh_from_db()
    assert submitted_claim.status == ClaimStatus.SUBMITTED
    returned = editor_client.post(
        url("verdict_return", submitted_claim),
        {"return-note": "Needs a primary source", "return-version": version},
        headers=HTMX,
    )
    assert returned.status_code == 200
    submitted_claim.refresh_from_db()
    assert submitted_claim.status == ClaimStatus.RETURNED
    assert "Needs a primary source" in returned.content.decode()


def test_history_timeline_reads_as_sentences(editor_client, submitted_claim):
    version = seen_version(editor_client, submitted_claim, "return")
    returned = editor_client.post(
        url("verdict_return", submitted_claim),
        {"return-note": "needs a primary source", "return-version": version},
        headers=HTMX,
    )
    assert returned.status_code == 200
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


def test_editor_dismisses_with_a_reason_and_reviewer_cannot_dismiss_anothers(
    editor_client, reviewer_client, claim, editor, reviewer2
):
    scenes.assign(claim, reviewer2, editor)
    claim.refresh_from_db()
    forged = {"dismiss-reason": "Opinion", "dismiss-version": claim.version}
    refused = reviewer_client.post(url("claim_dismiss", claim), forged, headers=HTMX)
    assert refused.status_code == 403
    version = seen_version(editor_client, claim, "dismiss")
    no_reason = editor_client.post(
        url("claim_dismiss", claim),
        {"dismiss-reason": "", "dismiss-version": version},
        headers=HTMX,
    )
    assert no_reason.status_code == 400
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNREVIEWED
    dismissed = editor_client.post(
        url("claim_dismiss", claim),
        {"dismiss-reason": "Opinion", "dismiss-version": version},
        headers=HTMX,
    )
    assert dismissed.status_code == 200
    claim.refresh_from_db()
    assert (claim.status, claim.dismissed_reason) == (ClaimStatus.DISMISSED, "Opinion")


def test_editor_reopens_an_approved_claim_and_the_approved_verdict_stays(
    editor_client, submitted_claim
):
    step = {"step-version": seen_version(editor_client, submitted_claim, "step")}
    approved = editor_client.post(url("verdict_approve", submitted_claim), step, headers=HTMX)
    assert approved.status_code == 200
    reopen = {
        "reopen-reason": "New figures",
        "reopen-version": seen_version(editor_client, submitted_claim, "reopen"),
    }
    response = editor_client.post(url("claim_reopen", submitted_claim), reopen, headers=HTMX)
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
    # A forged form carries the draft's version: only the assignment refuses it.
    version = drafted_claim.verdicts.latest("number").version
    response = reviewer2_client.post(
        url("verdict_save", drafted_claim), verdict_data(scale, version=version), headers=HTMX
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


# --- every change of state carries the version the page showed ------------------------------


def desk_state(claim) -> tuple:
    """What a refused action must leave as it was."""
    claim.refresh_from_db()
    return (
        (claim.version, claim.status, claim.dismissed_reason, claim.wording),
        list(Claim.objects.order_by("pk").values_list("pk", "start", "end")),
        list(
            Verdict.objects.filter(claim=claim)
            .order_by("number")
            .values_list("number", "version", "status", "rating__label", "return_note")
        ),
    )


PANEL_ACTIONS = {
    # action: (view, form prefix, fields besides the version)
    "submit": ("verdict_submit", "step", {}),
    "approve": ("verdict_approve", "step", {}),
    "return": ("verdict_return", "return", {"return-note": "Needs a primary source"}),
    "dismiss": ("claim_dismiss", "dismiss", {"dismiss-reason": "Opinion"}),
    "reopen": ("claim_reopen", "reopen", {"reopen-reason": "It is checkable"}),
    "split": ("claim_split", "split", {"split-position": 15}),
}


@pytest.fixture
def panel_scene(claim, reviewer, editor2, scale, reviewer_client, editor_client):
    """For `action`: the claim where it applies, the client of whoever acts, and the change
    someone else makes after that person loaded the page."""

    def scene(action: str):
        def rewrite():
            verdict_return(claim=claim, actor=editor2, note="Check the date.")
            scenes.submit(
                claim, reviewer, rating(scale, "Half true"), rationale="The dated figure."
            )

        def reword():
            claim_edit_wording(
                claim=claim, wording="Troops arrived.", actor=editor2, expected_version=None
            )

        if action == "submit":
            claim_take(claim=claim, actor=reviewer)
            scenes.write(claim, reviewer, rating(scale, "Mostly true"))
            return reviewer_client, lambda: scenes.write(claim, editor2, rating(scale, "Half true"))
        if action in ("approve", "return"):
            scenes.submit(claim, reviewer, rating(scale, "Mostly true"))
            return editor_client, rewrite
        if action == "reopen":
            claim_dismiss(claim=claim, reason="Opinion.", actor=editor2)

            def redismiss():
                claim_reopen(claim=claim, reason="Checkable.", actor=editor2)
                claim_dismiss(claim=claim, reason="A duplicate.", actor=editor2)

            return editor_client, redismiss
        return (reviewer_client if action == "split" else editor_client), reword

    return scene


@pytest.mark.parametrize("action", PANEL_ACTIONS)
def test_a_panel_action_without_the_version_is_refused_with_a_message(panel_scene, claim, action):
    view, form, fields = PANEL_ACTIONS[action]
    client, _ = panel_scene(action)
    assert seen_version(client, claim, form)  # the page does carry it
    before = desk_state(claim)
    response = client.post(url(view, claim), fields, headers=HTMX)
    assert response.status_code == 400
    assert STALE_FORM in response.content.decode()
    assert desk_state(claim) == before


@pytest.mark.parametrize("action", PANEL_ACTIONS)
def test_a_panel_action_on_something_changed_since_the_page_loaded_is_a_conflict(
    panel_scene, claim, action
):
    view, form, fields = PANEL_ACTIONS[action]
    client, meanwhile = panel_scene(action)
    version = seen_version(client, claim, form)
    meanwhile()
    before = desk_state(claim)
    response = client.post(url(view, claim), {**fields, f"{form}-version": version}, headers=HTMX)
    assert response.status_code == 409
    assert desk_state(claim) == before


@pytest.mark.parametrize("action", PANEL_ACTIONS)
def test_a_panel_action_with_the_version_the_page_showed_is_done(panel_scene, claim, action):
    view, form, fields = PANEL_ACTIONS[action]
    client, _ = panel_scene(action)
    before = desk_state(claim)
    data = {**fields, f"{form}-version": seen_version(client, claim, form)}
    response = client.post(url(view, claim), data, headers=HTMX)
    assert response.status_code == 200, response.content.decode()[:500]
    assert desk_state(claim) != before
