"""Bulk assignment in a real browser: an editor ticks three claims of the demo article and
gives them to a reviewer with one click."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reviews.models import Claim, Notification
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser]


def test_editor_selects_three_claims_and_assigns_them(sessions, demo_article):
    editor = sessions().login("editor")
    page = editor.page
    page.goto(f"/articles/{demo_article.pk}/")
    expect(page.locator("#bulk-assign")).to_be_visible()

    # Only the unassigned claims: the list reloads in place, with its checkboxes.
    page.select_option("#id_assignee", "none")
    expect(page.locator("#claim-list")).to_contain_text("match the filters")
    items = page.locator("#claim-ol .claim-item.pickable")
    picked = [int(items.nth(i).get_attribute("data-claim-id")) for i in range(3)]
    for claim_id in picked:
        page.locator(f"#claim-item-{claim_id} input.pick").check()
    expect(page.locator("#pick-count")).to_have_text("3 selected")
    expect(page.locator("#pick-all")).to_have_js_property("indeterminate", True)

    page.select_option("#id_bulk-assignee", label="reviewer")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "bulk-assign.png", full_page=False)
    page.get_by_role("button", name="Assign selected").click()

    message = page.locator("#bulk-message")
    expect(message).to_have_text("3 claims assigned to reviewer.")
    expect(message).to_be_focused()
    # Still filtered to the unassigned claims: the three have left the list.
    for claim_id in picked:
        expect(page.locator(f"#claim-item-{claim_id}")).to_have_count(0)
    assert (
        sorted(Claim.objects.filter(pk__in=picked).values_list("assignee__username", flat=True))
        == ["reviewer"] * 3
    )
    assert Notification.objects.filter(
        recipient__username="reviewer", message="editor assigned you 3 claims"
    ).exists()

    # A reviewer's page has no such control.
    reviewer = sessions().login("reviewer")
    reviewer.page.goto(f"/articles/{demo_article.pk}/")
    expect(reviewer.page.locator("#claim-ol .claim-item").first).to_be_visible()
    expect(reviewer.page.locator("#bulk-assign, input.pick")).to_have_count(0)

    assert editor.dialogs == [] and reviewer.dialogs == []
    assert not [
        e for e in editor.console_errors + reviewer.console_errors if "Content Security Policy" in e
    ], "a CSP violation was reported"
