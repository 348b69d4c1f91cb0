"""The desk as a newsroom uses it, in a real browser: a reviewer corrects a speaker and the
report names the corrected one; page furniture is dismissed by a reviewer and in bulk by an
editor; a rating that contradicts all its evidence is questioned before it is submitted."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from reviews.models import Claim, ClaimStatus, Verdict
from reviews.services.evidence import evidence_add
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser]


def unrated(article, count: int) -> list[Claim]:
    return list(
        article.claims.filter(status=ClaimStatus.UNREVIEWED, assignee__isnull=True).order_by(
            "start"
        )[:count]
    )


def no_csp_violations(*sessions) -> bool:
    return not [e for s in sessions for e in s.console_errors if "Content Security Policy" in e]


def test_a_reviewer_corrects_the_speaker_and_the_report_names_them(sessions, demo_article):
    claim = unrated(demo_article, 1)[0]
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    page.goto(f"/claims/{claim.pk}/")
    page.get_by_text("Correct the speaker").click()
    page.get_by_label("Speaker", exact=True).fill("Bill de Blasio")
    page.get_by_label("Speaker's role").fill("Mayor of New York City")
    page.get_by_role("button", name="Save speaker").click()
    expect(page.locator("#claim-speaker")).to_have_text("Bill de Blasio, Mayor of New York City")
    expect(page.locator("#claim-panel")).to_contain_text("Speaker saved.")
    page.locator("#claim-speaker").scroll_into_view_if_needed()
    screenshot(page, "speaker-corrected.png", full_page=False)

    # Rated, submitted and approved, the claim goes out under the corrected name.
    page.select_option("#id_verdict-rating", label="Mostly true")
    page.get_by_label("Rationale (Markdown)").fill("The city's own records say so.")
    page.get_by_role("button", name="Save verdict").click()
    expect(page.locator("#claim-panel")).to_contain_text("Verdict saved.")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator("#claim-panel")).to_contain_text("submitted")

    editor = sessions().login("editor")
    editor.page.goto(f"/claims/{claim.pk}/")
    editor.page.get_by_role("button", name="Approve").click()
    expect(editor.page.locator("#claim-panel")).to_contain_text("Verdict approved.")
    answer = editor.page.request.get(f"/articles/{demo_article.pk}/report/export/claimreview/")
    assert answer.ok, answer.status
    reviews = json.loads(answer.text())
    reviews = reviews if isinstance(reviews, list) else reviews.get("@graph", [reviews])
    ours = [r for r in reviews if "Bill de Blasio" in json.dumps(r)]
    assert ours, "the corrected speaker is not in the ClaimReview"
    assert ours[0]["itemReviewed"]["author"]["name"] == "Bill de Blasio"
    assert "history" not in ours[0]  # nothing internal travels with it
    claim.refresh_from_db()
    assert claim.history.filter(history_change_reason="Speaker corrected").count() == 1
    assert no_csp_violations(reviewer, editor)


def test_furniture_is_dismissed_by_a_reviewer_and_in_bulk_by_an_editor(sessions, demo_article):
    first, second, third = unrated(demo_article, 3)
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    page.goto(f"/claims/{first.pk}/")
    page.get_by_text("Dismiss (not check-worthy)").click()
    page.get_by_label("Reason for dismissing").fill("Page furniture: navigation, caption")
    page.get_by_role("button", name="Dismiss claim").click()
    expect(page.locator("#claim-panel")).to_contain_text("Claim dismissed.")
    first.refresh_from_db()
    assert first.status == ClaimStatus.DISMISSED
    assert first.history.first().history_user.get_username() == "reviewer"

    editor = sessions().login("editor")
    page = editor.page
    page.goto(f"/articles/{demo_article.pk}/")
    for claim in (second, third):
        page.locator(f"#claim-item-{claim.pk} input.pick").check()
    page.locator("#bulk-reason").fill("Not a factual claim: opinion, question or prediction")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "bulk-dismiss.png", full_page=False)
    page.get_by_role("button", name="Dismiss selected").click()
    expect(page.locator("#bulk-message")).to_have_text(
        "2 claims dismissed: Not a factual claim: opinion, question or prediction"
    )
    for claim in (second, third):
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.DISMISSED

    # The editor brings the reviewer's dismissal back.
    page.goto(f"/claims/{first.pk}/")
    page.get_by_text("Reopen for a correction").click()
    page.get_by_label("Reason for reopening").fill("It is a claim after all")
    page.get_by_role("button", name="Reopen").click()
    expect(page.locator("#claim-panel")).to_contain_text("Claim reopened")
    first.refresh_from_db()
    assert first.status == ClaimStatus.UNREVIEWED
    assert no_csp_violations(reviewer, editor)


def test_a_rating_against_all_its_evidence_is_questioned_before_submission(sessions, demo_article):
    claim = unrated(demo_article, 1)[0]
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    page.goto(f"/claims/{claim.pk}/")
    page.select_option("#id_verdict-rating", label="True")
    page.get_by_label("Rationale (Markdown)").fill("Looks right.")
    page.get_by_role("button", name="Save verdict").click()
    expect(page.locator("#claim-panel")).to_contain_text("Verdict saved.")
    claim.refresh_from_db()
    evidence_add(
        claim=claim,
        actor=claim.assignee,
        url="https://stats.example.org/refuting",
        stance="refutes",
        quote="The figure is 1,200.",
    )
    page.reload()
    warning = page.locator("#contradiction")
    expect(warning).to_contain_text("every source attached refutes the claim")
    warning.scroll_into_view_if_needed()
    screenshot(page, "contradiction-warning.png", full_page=False)

    # Cancelled at the question: nothing is submitted.
    page.get_by_role("button", name="Submit for approval").click()
    assert reviewer.dialogs and "Submit anyway?" in reviewer.dialogs[-1]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_PROGRESS

    # Confirmed: it goes to the editor.
    reviewer.accept_dialogs = True
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator("#claim-panel")).to_contain_text("Verdict submitted for approval.")
    assert Verdict.objects.get(claim=claim).status == Verdict.Status.SUBMITTED
