"""Hostile display names in a real browser: the claim panel (opened by URL and through htmx)
and the public report open no dialog, whoever reads them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.views.test_display_name_xss import desk, hostile  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser]


def test_hostile_names_open_no_dialog_on_the_claim_panel(sessions, desk, hostile):  # noqa: F811
    session = sessions().login(hostile["reviewer"].username, password="pw")
    page = session.page
    page.goto(f"/claims/{desk['approved'].pk}/")
    expect(page.locator("#claim-panel .panel")).to_be_visible()
    expect(page.locator("#claim-panel")).to_contain_text("<script>alert(1)</script>")
    page.goto(f"/articles/{desk['article'].pk}/")
    page.keyboard.press("j")
    expect(page.locator("#claim-panel .panel")).to_be_visible()
    page.goto("/queue/")
    page.wait_for_timeout(300)
    assert session.dialogs == []
    assert page.locator("img").count() == 0


def test_hostile_names_open_no_dialog_on_the_public_report(sessions, desk, hostile):  # noqa: F811
    session = sessions()
    page = session.page
    response = page.goto(f"/reports/{desk['article'].pk}/")
    assert response.status == 200
    expect(page.locator("body")).to_contain_text('Reviewed by "><img src=x onerror=alert(1)>')
    page.wait_for_timeout(300)
    assert session.dialogs == []
    assert page.locator("img").count() == 0
