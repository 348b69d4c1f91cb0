"""The review page's layout in a real browser: the text and the claim panel side by side on
laptops and desktops, the panel near the top on a phone, highlights shaded by
check-worthiness, the confirmation of an action in view, and a page the browser has nothing
to complain about (no console errors, no Content-Security-Policy violations, no 404s)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reviews.models import Article, Claim, ClaimStatus

pytestmark = [pytest.mark.browser]

LAPTOP = {"width": 1024, "height": 768}
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}

# Collected in the page itself: the console message alone does not say which directive.
RECORD_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  (window.cspViolations = window.cspViolations || []).push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def unreviewed_claims(article: Article):
    unreviewed = article.claims.filter(status=ClaimStatus.UNREVIEWED)
    return unreviewed.order_by("-checkworthiness", "start")


def open_claim(session, claim: Claim, viewport: dict) -> None:
    page = session.page
    page.set_viewport_size(viewport)
    page.goto(f"/claims/{claim.pk}/")
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", str(claim.pk))
    page.wait_for_load_state("networkidle")


def box(page, selector: str) -> dict:
    found = page.locator(selector).bounding_box()
    assert found is not None, f"{selector} is not rendered"
    return found


def in_viewport(page, selector: str) -> bool:
    """The element's box lies inside the window and inside every scrolling column around it."""
    return page.locator(selector).evaluate(
        """(el) => {
          const r = el.getBoundingClientRect();
          if (r.height === 0 || r.top < 0 || r.bottom > window.innerHeight) return false;
          for (let a = el.parentElement; a; a = a.parentElement) {
            const style = getComputedStyle(a);
            if (!/(auto|scroll|hidden)/.test(style.overflowY)) continue;
            const c = a.getBoundingClientRect();
            if (r.top < c.top - 1 || r.bottom > c.bottom + 1) return false;
          }
          return true;
        }"""
    )


def save_a_verdict(page) -> None:
    page.keyboard.press("a")
    expect(page.locator("#claim-panel")).to_contain_text("The claim is assigned to you.")
    page.keyboard.press("v")
    expect(page.locator("#id_verdict-rating")).to_be_focused()
    page.select_option("#id_verdict-rating", label="Mostly true")
    page.fill("#id_verdict-rationale", "The figures match the ministry's own release.")
    page.fill("#id_verdict-confidence", "80")
    page.get_by_role("button", name="Save verdict").click()
    expect(page.locator("#claim-panel .notice")).to_have_text("Verdict saved.")


@pytest.mark.parametrize("viewport", [LAPTOP, DESKTOP], ids=["1024", "1400"])
def test_text_and_panel_stand_side_by_side_on_laptop_and_desktop(sessions, demo_article, viewport):
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    ranked = list(unreviewed_claims(demo_article))
    open_claim(reviewer, ranked[0], viewport)

    text, panel = box(page, "#article-body"), box(page, "#claim-panel")
    assert panel["x"] >= text["x"] + text["width"], "the panel is not to the right of the text"
    assert panel["y"] < text["y"] + text["height"] and text["y"] < panel["y"] + panel["height"]
    assert panel["y"] < viewport["height"] / 3, "the panel starts below the first screen"
    assert text["y"] < viewport["height"] / 2, "the text starts below the first screen"
    assert text["width"] >= 380, "the text column is too narrow to read"
    page.screenshot(path=f"/tmp/layout-{viewport['width']}.png", caret="initial")

    # j moves to the next claim; the panel shows it without leaving the screen.
    page.locator("body").press("j")
    expect(page.locator("#claim-panel .panel")).not_to_have_attribute(
        "data-claim-id", str(ranked[0].pk)
    )
    assert in_viewport(page, "#panel-title")
    opened = page.locator("#claim-panel .panel").get_attribute("data-claim-id")
    expect(page.locator(f"mark#claim-{opened}")).to_be_in_viewport()
    page.keyboard.press("k")
    expect(page.locator("#claim-panel .panel")).to_have_attribute(
        "data-claim-id", str(ranked[0].pk)
    )


def test_on_a_laptop_the_claim_list_opens_as_a_drawer(sessions, demo_article):
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    claim = unreviewed_claims(demo_article).first()
    open_claim(reviewer, claim, LAPTOP)

    toggle = page.locator("#claims-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#claim-ol")).to_be_hidden()
    # The folded list keeps to a strip at the left of the text.
    assert box(page, ".claims-col")["width"] < 60

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(f"#claim-item-{claim.pk}")).to_be_in_viewport()
    expect(page.locator(f"#claim-item-{claim.pk} .claim-link")).to_be_focused()
    # The open drawer leaves the panel uncovered.
    drawer, panel = box(page, "#claims-drawer"), box(page, "#claim-panel")
    assert drawer["x"] + drawer["width"] <= panel["x"]
    page.screenshot(path="/tmp/layout-1024-drawer.png", caret="initial")

    other = unreviewed_claims(demo_article).exclude(pk=claim.pk).first()
    page.locator(f"#claim-item-{other.pk} .claim-link").click()
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", str(other.pk))

    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(page.locator("#claim-ol")).to_be_hidden()

    # A click beside the open drawer closes it too.
    toggle.click()
    expect(page.locator("#claim-ol")).to_be_visible()
    page.locator("#panel-title").click()
    expect(page.locator("#claim-ol")).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_on_a_phone_the_panel_comes_before_the_text(sessions, demo_article):
    """One column: the claim list folded into a bar, then the panel, then the text; a tap on
    a highlight far down the text brings the panel back into view."""
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    claim = unreviewed_claims(demo_article).first()
    open_claim(reviewer, claim, PHONE)

    page.screenshot(path="/tmp/layout-390.png", caret="initial")
    page.screenshot(path="/tmp/layout-390-full.png", full_page=True, caret="initial")
    text, panel = box(page, "#article-body"), box(page, "#claim-panel")
    assert panel["y"] + panel["height"] <= text["y"], "the panel is not above the text"
    assert panel["y"] < PHONE["height"], "the panel starts below the first screen"
    assert box(page, "#claims-toggle")["y"] < panel["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    last = demo_article.claims.exclude(status=ClaimStatus.DISMISSED).order_by("-start").first()
    mark = page.locator(f"mark#claim-{last.pk}")
    mark.scroll_into_view_if_needed()
    mark.click()
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", str(last.pk))
    expect(page.locator("#panel-title")).to_be_in_viewport()
    assert in_viewport(page, "#panel-title")
    assert box(page, "#panel-title")["y"] >= box(page, "#claims-toggle")["height"] - 1, (
        "the claim bar covers the panel's heading"
    )

    # The list opens over the page and closes again once a claim is picked from it.
    page.locator("#claims-toggle").click()
    expect(page.locator(f"#claim-item-{last.pk} .claim-link")).to_be_focused()
    expect(page.locator(f"#claim-item-{last.pk}")).to_be_in_viewport()
    drawer = box(page, "#claims-drawer")
    assert drawer["y"] <= 0 and drawer["height"] >= PHONE["height"]
    page.screenshot(path="/tmp/layout-390-drawer.png", caret="initial")
    page.locator(f"#claim-item-{claim.pk} .claim-link").click()
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", str(claim.pk))
    expect(page.locator("#claim-ol")).to_be_hidden()
    expect(page.locator("#panel-title")).to_be_in_viewport()


def test_highlights_are_shaded_by_check_worthiness(sessions, demo_article):
    high, low = unreviewed_claims(demo_article)[:2]
    Claim.objects.filter(pk=high.pk).update(checkworthiness=0.91)
    Claim.objects.filter(pk=low.pk).update(checkworthiness=0.12)
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    page.set_viewport_size(DESKTOP)
    page.goto(f"/articles/{demo_article.pk}/")
    expect(page.locator("#hl-legend")).to_be_visible()
    expect(page.locator(f"mark#claim-{high.pk}")).to_have_class("claim status-unreviewed band-4")
    expect(page.locator(f"mark#claim-{low.pk}")).to_have_class("claim status-unreviewed band-1")
    expect(page.locator(f"mark#claim-{high.pk}")).to_have_attribute(
        "title", "Unreviewed · check-worthiness 0.91"
    )

    def shade(claim_id: int) -> str:
        return page.locator(f"mark#claim-{claim_id}").evaluate(
            "(el) => getComputedStyle(el).backgroundColor"
        )

    assert shade(high.pk) != shade(low.pk)
    # Every claim of the article is in one of the four bands, and the demo uses several.
    bands = page.locator("#article-body mark.claim").evaluate_all(
        "(marks) => marks.map((m) => [...m.classList].find((c) => c.startsWith('band-')))"
    )
    assert None not in bands and len(set(bands)) >= 3

    # The claim open in the panel stays distinct from the shading, and keeps its band after
    # an action replaces its highlight.
    page.locator(f"mark#claim-{high.pk}").click()
    selected = page.locator(f"mark#claim-{high.pk}")
    expect(selected).to_have_class("claim status-unreviewed band-4 selected")
    assert selected.evaluate("(el) => getComputedStyle(el).outlineStyle") == "solid"
    other = page.locator(f"mark#claim-{low.pk}")
    assert other.evaluate("(el) => getComputedStyle(el).outlineStyle") == "none"
    selected.evaluate("(el) => { el.dataset.before = 'action'; }")
    page.keyboard.press("a")
    expect(page.locator("#claim-panel")).to_contain_text("The claim is assigned to you.")
    expect(selected).not_to_have_attribute("data-before", "action")  # replaced by the answer
    expect(selected).to_have_class("claim status-unreviewed band-4 selected")
    page.locator("#article-body").screenshot(path="/tmp/layout-highlights.png", caret="initial")


@pytest.mark.parametrize("viewport", [DESKTOP, LAPTOP, PHONE], ids=["1400", "1024", "390"])
def test_the_save_confirmation_is_in_view(sessions, demo_article, viewport):
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    open_claim(reviewer, unreviewed_claims(demo_article).first(), viewport)
    save_a_verdict(page)
    page.screenshot(path=f"/tmp/layout-saved-{viewport['width']}.png", caret="initial")
    assert in_viewport(page, "#claim-panel .notice"), "Verdict saved. is out of view"
    expect(page.locator("#claim-panel .notice")).to_be_in_viewport()


def test_the_claim_page_loads_without_errors_violations_or_404s(sessions, demo_article):
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))

    claim = unreviewed_claims(demo_article).first()
    for viewport in (DESKTOP, LAPTOP, PHONE):
        open_claim(reviewer, claim, viewport)
        page.keyboard.press("j")
        expect(page.locator("#claim-panel .panel")).not_to_have_attribute(
            "data-claim-id", str(claim.pk)
        )
        page.keyboard.press("k")
        expect(page.locator("#claim-panel .panel")).to_have_attribute(
            "data-claim-id", str(claim.pk)
        )
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.cspViolations || []") == []
    save_a_verdict(page)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.cspViolations || []") == []

    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(icon).headers["content-type"].startswith("image/svg+xml")
    # Pages without the link (the admin, the API docs) get the same icon at the usual place.
    legacy = page.request.get("/favicon.ico")
    assert legacy.ok and legacy.headers["content-type"].startswith("image/svg+xml")
    assert failed == []
    assert reviewer.console_errors == []
