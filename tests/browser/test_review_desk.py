"""The review desk in a real browser: a reviewer rates a claim of the demo article with the
keyboard and the forms, an editor approves it, and what must not happen does not."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Article, Claim, ClaimStatus, Evidence
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser]

SOURCE_TITLE = "Timeline of the unrest (demo source)"


def open_article(page, article: Article) -> None:
    page.goto(f"/articles/{article.pk}/")
    expect(page.locator("#article-body mark.claim").first).to_be_visible()


def panel_claim_id(page) -> int:
    return int(page.locator("#claim-panel .panel").get_attribute("data-claim-id"))


def test_reviewer_rates_a_claim_and_editor_approves_it(sessions, demo_article):
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    open_article(page, demo_article)

    # Every claim is highlighted in place.
    claims = demo_article.claims.count()
    expect(page.locator("#article-body mark.claim[data-claim-id]")).to_have_count(claims)
    screenshot(page, "article.png", full_page=False)

    # j opens the best-ranked claim, j again the next, k goes back.
    ranked = list(
        demo_article.claims.order_by("-checkworthiness", "start").values_list("pk", flat=True)
    )
    page.locator("body").press("j")
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", str(ranked[0]))
    page.keyboard.press("j")
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", str(ranked[1]))
    page.keyboard.press("k")
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", str(ranked[0]))
    expect(page).to_have_url(re.compile(rf"/claims/{ranked[0]}/$"))
    expect(page.locator(f"mark#claim-{ranked[0]}")).to_have_class(re.compile("selected"))

    # The demo has claims in every state: filter the list down to the unreviewed ones.
    page.select_option("#id_status", "unreviewed")
    expect(page.locator("#claim-ol .claim-item.status-approved")).to_have_count(0)
    claim_id = (
        demo_article.claims.filter(status=ClaimStatus.UNREVIEWED)
        .order_by("-checkworthiness", "start")
        .values_list("pk", flat=True)
        .first()
    )
    # Open it from the filtered list (j would step past it when it is the claim already open).
    expect(page.locator(f"#claim-item-{claim_id}")).to_be_visible()
    page.locator(f"#claim-item-{claim_id} .claim-link").click()
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", str(claim_id))
    page.wait_for_load_state("networkidle")

    # a: assign to me; v: straight to the verdict form.
    page.keyboard.press("a")
    expect(page.locator("#claim-panel")).to_contain_text("The claim is assigned to you.")
    page.keyboard.press("v")
    expect(page.locator("#id_verdict-rating")).to_be_focused()
    page.select_option("#id_verdict-rating", label="Mostly true")
    page.fill("#id_verdict-rationale", "The dates and figures match the **primary source** below.")
    page.fill("#id_verdict-confidence", "85")
    page.get_by_role("button", name="Save verdict").click()
    expect(page.locator("#claim-panel")).to_contain_text("Verdict saved.")
    expect(page.locator("#claim-panel .rationale strong")).to_have_text("primary source")

    # Attach a source.
    page.locator("#evidence-details summary").click()
    page.fill("#id_evidence-url", "https://archive.example.org/kazakhstan/timeline")
    page.select_option("#id_evidence-stance", "supports")
    page.fill("#id_evidence-title", SOURCE_TITLE)
    page.fill("#id_evidence-quote", "protests broke out on 2 January over fuel prices")
    page.get_by_role("button", name="Attach source").click()
    expect(page.locator("#claim-panel .evidence-list")).to_contain_text(SOURCE_TITLE)
    page.locator(".panel-col").evaluate("(panel) => panel.scrollTo(0, 0)")
    screenshot(page, "claim-panel.png", full_page=False)

    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator("#claim-panel")).to_contain_text("Verdict submitted for approval.")
    expect(page.locator(f"mark#claim-{claim_id}")).to_have_class(re.compile("status-submitted"))
    assert Claim.objects.get(pk=claim_id).status == ClaimStatus.SUBMITTED
    assert Evidence.objects.filter(claim_id=claim_id).count() == 1

    # The reviewer has no approve control, and a forged approval is refused.
    expect(page.locator("#approve-verdict")).to_have_count(0)
    forged = page.request.post(
        f"/claims/{claim_id}/approve/", headers={"X-CSRFToken": reviewer.csrf_token()}
    )
    assert forged.status == 403
    assert Claim.objects.get(pk=claim_id).status == ClaimStatus.SUBMITTED

    page.goto("/")
    expect(page.get_by_role("heading", name="My queue")).to_be_visible()

    # The editor approves it from the approval queue.
    editor = sessions().login("editor")
    screenshot(editor.page, "dashboard.png")
    editor.page.goto("/queue/")
    item = editor.page.locator(f"#queue-{claim_id}")
    expect(item).to_contain_text(SOURCE_TITLE)
    expect(item).to_contain_text("Mostly true")
    screenshot(editor.page, "approval-queue.png")
    item.get_by_role("button", name="Approve", exact=True).click()
    expect(editor.page.locator(".messages")).to_contain_text("Verdict approved.")
    assert Claim.objects.get(pk=claim_id).status == ClaimStatus.APPROVED

    assert reviewer.dialogs == [] and editor.dialogs == []
    assert not [
        e for e in reviewer.console_errors + editor.console_errors if "Content Security Policy" in e
    ], "a CSP violation was reported"


def test_a_stale_save_shows_the_conflict(sessions, demo_article):
    claim = (
        demo_article.claims.filter(status=ClaimStatus.UNREVIEWED)
        .order_by("-checkworthiness")
        .first()
    )
    editor = sessions().login("editor")
    reviewer = sessions().login("reviewer")
    for session in (reviewer, editor):
        session.page.goto(f"/claims/{claim.pk}/")
    # The reviewer takes the claim and saves a first draft; the editor's page is now stale
    # about the claim, then both edit the same verdict.
    reviewer.page.get_by_role("button", name="Assign to me").click()
    expect(reviewer.page.locator("#claim-panel")).to_contain_text("assigned to you")
    reviewer.page.select_option("#id_verdict-rating", label="True")
    reviewer.page.get_by_role("button", name="Save verdict").click()
    expect(reviewer.page.locator("#claim-panel")).to_contain_text("Verdict saved.")

    editor.page.reload()
    editor.page.select_option("#id_verdict-rating", label="Half true")
    editor.page.fill("#id_verdict-rationale", "Editor's reading of the figures.")

    reviewer.page.select_option("#id_verdict-rating", label="False")
    reviewer.page.fill("#id_verdict-rationale", "Reviewer's reading.")
    reviewer.page.get_by_role("button", name="Save verdict").click()
    expect(reviewer.page.locator("#claim-panel")).to_contain_text("Verdict saved.")

    editor.page.get_by_role("button", name="Save verdict").click()
    conflict = editor.page.locator("#claim-panel .conflict")
    expect(conflict).to_contain_text("Someone else saved this verdict while you were editing.")
    expect(conflict).to_contain_text("Reviewer's reading.")
    # The editor's own input is still in the form.
    expect(editor.page.locator("#id_verdict-rationale")).to_have_value(
        "Editor's reading of the figures."
    )
    verdict = claim.verdicts.get(is_current=True)
    assert (verdict.rating.label, verdict.rationale) == ("False", "Reviewer's reading.")


def test_script_in_an_article_is_shown_as_text(sessions, demo_article):
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    page.goto("/articles/new/")
    page.fill("#id_title", "Kazakhstan: CSTO troops to leave within days")
    page.fill("#id_outlet", "Example News")
    page.fill("#id_url", "https://news.example.org/kazakhstan-csto")
    page.fill("#id_published", "2022-01-11")
    page.fill("#id_body", "Kazakhstan's president said on Tuesday that the CSTO mission would end.")
    screenshot(page, "ingest.png")
    page.fill("#id_title", "Hostile <script>alert(1)</script> title")
    page.fill(
        "#id_body",
        "Officials said <script>alert(1)</script> that 2,030 troops arrived on Monday.\n"
        "<img src=x onerror=alert(2)> The ministry reported 7,939 detentions.",
    )
    page.get_by_role("button", name="Ingest and extract claims").click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    body = page.locator("#article-body")
    expect(body).to_contain_text("<script>alert(1)</script>")
    expect(body).to_contain_text("<img src=x onerror=alert(2)>")
    expect(page.locator("h1")).to_have_text("Hostile <script>alert(1)</script> title")
    assert page.locator("#article-body script, #article-body img").count() == 0
    page.keyboard.press("j")
    expect(page.locator("#claim-panel .panel")).to_be_visible()
    assert reviewer.dialogs == []


def test_selecting_text_adds_a_missed_claim_at_the_right_offsets(sessions, transactional_db):
    from reviews.services.demo import demo_users_ensure
    from tests.factories import ArticleFactory, ClaimFactory

    demo_users_ensure()
    # Characters outside the Basic Multilingual Plane count once in Python, twice in
    # JavaScript: the offsets must still match.
    body = "Crowds 🎉🎉 gathered on Monday. Officials said 2,030 troops arrived. Prices rose."
    article = ArticleFactory(body=body, body_hash="x")
    first_end = body.index(".") + 1
    ClaimFactory(article=article, start=0, end=first_end)
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    page.goto(f"/articles/{article.pk}/")
    expect(page.locator("#add-claim-button")).to_be_disabled()
    target = "Officials said 2,030 troops arrived."
    page.evaluate(
        """(target) => {
            const span = [...document.querySelectorAll('#article-body span')]
                .find((s) => s.textContent.includes(target));
            const node = span.firstChild;
            const start = node.data.indexOf(target);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + target.length);
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
        }""",
        target,
    )
    expect(page.locator("#add-claim-button")).to_be_enabled()
    expect(page.locator("#add-claim-hint")).to_contain_text(target)
    page.locator("#add-claim-button").click()
    page.wait_for_url(re.compile(r"/claims/\d+/$"))
    added = Claim.objects.get(article=article, added_manually=True)
    assert added.text == target
    assert body[added.start : added.end] == target
    expect(page.locator(f"mark#claim-{added.pk}")).to_have_text(target)


def test_question_mark_opens_the_keyboard_help(sessions, demo_article):
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    open_article(page, demo_article)
    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    expect(page.locator("#help")).to_contain_text("Next claim")
    page.keyboard.press("Escape")
    expect(page.locator("#help")).to_be_hidden()


def test_a_link_to_a_highlight_opens_its_claim(sessions, demo_article):
    # Notifications and e-mails link to /articles/<id>/#claim-<id>.
    claim = demo_article.claims.order_by("start").last()
    reviewer = sessions().login("reviewer")
    reviewer.page.goto(f"/articles/{demo_article.pk}/#claim-{claim.pk}")
    panel = reviewer.page.locator("#claim-panel .panel")
    expect(panel).to_have_attribute("data-claim-id", str(claim.pk))
    expect(reviewer.page.locator(f"mark#claim-{claim.pk}")).to_have_class(re.compile("selected"))


def test_placing_the_cursor_in_a_claim_splits_it_there(sessions, transactional_db):
    from reviews.services.demo import demo_users_ensure
    from tests.factories import ArticleFactory, ClaimFactory

    demo_users_ensure()
    body = "Crowds 🎉 gathered on Monday and 2,030 troops arrived on Tuesday. Prices rose."
    article = ArticleFactory(body=body, body_hash="x")
    claim = ClaimFactory(article=article, start=0, end=body.index(".") + 1)
    reviewer = sessions().login("reviewer")
    page = reviewer.page
    page.goto(f"/claims/{claim.pk}/")
    page.get_by_text("Split into two claims").click()
    page.evaluate(
        """() => {
            const node = document.querySelector('#claim-text').firstChild;
            const at = node.data.indexOf(' and 2,030');
            const range = document.createRange();
            range.setStart(node, at);
            range.collapse(true);
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
        }"""
    )
    expected = body.index(" and 2,030")  # in code points, as the server counts
    expect(page.locator("#id_split-position")).to_have_value(str(expected))
    page.get_by_role("button", name="Split", exact=True).click()
    expect(page.locator("#article-body mark.claim")).to_have_count(2)
    texts = list(article.claims.order_by("start").values_list("text", flat=True))
    assert texts == ["Crowds 🎉 gathered on Monday", "and 2,030 troops arrived on Tuesday."]
