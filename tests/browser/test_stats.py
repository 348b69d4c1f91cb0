"""The statistics page in a real browser: an editor opens it from the navigation and sees
the charts, drawn under the site's Content-Security-Policy without a complaint."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.stats_scenes import aged_article, approved, claims_on, returned_then_resubmitted

pytestmark = [pytest.mark.browser]

# Where the screenshot goes; docs/screenshots/ is for the README's pictures.
SHOTS = Path(os.environ.get("STATS_SHOTS", "/tmp/shots-stats"))


def test_editor_opens_statistics_from_the_nav_and_sees_the_charts(
    transactional_db, sessions, reviewer, reviewer2, editor, scale
):
    claims = claims_on(aged_article(hours=20), 8)
    for claim, label in zip(claims[:4], ["True", "True", "True", "False"], strict=True):
        approved(claim, reviewer, editor, scale, label)
    approved(claims[4], reviewer2, editor, scale, "Misleading")
    returned_then_resubmitted(claims[5], reviewer2, editor, scale)

    session = sessions().login(editor.username, password="pw")
    page = session.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Statistics").click()
    page.wait_for_url("**/stats/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Statistics")
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(5)
    ratings = page.locator("#stats-ratings")
    expect(ratings.get_by_role("img", name="Approved verdicts by rating")).to_be_visible()
    expect(ratings.locator("rect.chart-bar")).to_have_count(scale.ratings.count())
    expect(ratings.locator("tr[data-rating='true'] td").nth(1)).to_have_text("3")
    expect(page.locator("#wait-count")).to_have_text("5")
    true_bar = ratings.locator("rect.chart-bar").first
    assert float(true_bar.get_attribute("width")) > 0
    box = true_bar.bounding_box()
    assert box is not None and box["width"] > 50  # drawn, not just present in the markup

    page.get_by_role("link", name="All time").click()
    page.wait_for_url("**/stats/?period=all")
    expect(page.get_by_role("link", name="All time")).to_have_attribute("aria-current", "page")
    expect(page.locator("svg.chart")).to_have_count(5)

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "stats.png"), full_page=True, caret="initial")
    # Chromium reports a CSP violation (an inline style, a script) as a console error. The
    # browser's own request for /favicon.ico is the site's, not this page's.
    errors = [e for e in session.console_errors if "/favicon.ico" not in e]
    assert errors == [], errors
