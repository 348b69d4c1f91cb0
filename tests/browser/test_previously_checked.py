"""Earlier fact-checks in a real browser: an editor imports a fact-check file on the
desk's page, a new article repeats a checked claim and its match job runs; the reviewer
sees the claim marked in the list, the earlier fact-check first in the panel, and attaches
it as evidence with one click."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Evidence, FactCheck
from reviews.services.matches import factchecks_match_article
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser]

ARCHIVE = (
    b'{"vclaim_id": "troops-2030", "vclaim": "Officials said 2,030 CSTO troops arrived in '
    b'Almaty on Monday.", "title": "Did 2,030 CSTO troops arrive on Monday?", '
    b'"page_url": "https://checks.example/troops", "rating": "False", "date": "2 April 2025"}\n'
    b'{"vclaim_id": "anaconda", "vclaim": "A viral video shows a giant anaconda in a river.", '
    b'"title": "Giant anaconda video", "page_url": "https://checks.example/anaconda"}\n'
)


@pytest.fixture
def desk_users(transactional_db, settings):
    from reviews.services.demo import demo_users_ensure

    # Words-only matching: the browser test needs no sentence encoder.
    settings.FACTCHECK_MATCHING_DENSE = False
    return demo_users_ensure()


def test_a_new_articles_claim_shows_the_earlier_check_and_the_reviewer_attaches_it(
    sessions, desk_users, tmp_path
):
    editor = sessions().login("editor")
    page = editor.page
    page.goto("/factchecks/")
    archive = tmp_path / "archive.jsonl"
    archive.write_bytes(ARCHIVE)
    page.get_by_label("Fact-check file").set_input_files(str(archive))
    page.get_by_label("Publisher").fill("Checks Daily")
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-summary")).to_contain_text("2 added")
    assert FactCheck.objects.count() == 2

    # A new article repeating the checked claim, stored as ingestion stores it, and the
    # match job that ingestion queues (run eagerly here).
    body = (
        "Officials said 2,030 CSTO troops arrived in Almaty on Monday. "
        "The weather was mild for January."
    )
    article = ArticleFactory(title="CSTO troops arrive", body=body, body_hash="new")
    claim = ClaimFactory(article=article, start=0, end=body.index(".") + 1)
    factchecks_match_article(article=article)

    reviewer = sessions().login("reviewer")
    page = reviewer.page
    page.goto(f"/articles/{article.pk}/")
    item = page.locator(f"#claim-item-{claim.pk}")
    expect(item.locator(".match-strong")).to_have_text("checked before")
    item.locator(".claim-link").click()
    panel = page.locator("#claim-panel .panel")
    expect(panel).to_have_attribute("data-claim-id", str(claim.pk))
    section = page.locator("#previously-checked")
    expect(section).to_be_visible()
    first_heading = page.locator("#claim-panel .panel h3").first
    expect(first_heading).to_have_text(re.compile(r"^Previously fact-checked"))
    match = section.locator(".match").first
    expect(match).to_contain_text("Checks Daily")
    expect(match).to_contain_text("rated it False")
    expect(match).to_contain_text("2 Apr 2025")
    expect(match).to_contain_text("Likely the same claim")
    expect(match.get_by_role("link")).to_have_attribute("href", "https://checks.example/troops")

    match.get_by_role("button", name=re.compile("Attach as evidence")).click()
    expect(page.locator("#claim-panel")).to_contain_text(
        "The earlier fact-check is attached as evidence."
    )
    expect(page.locator("#claim-panel .evidence-list li")).to_contain_text("Refutes")
    evidence = Evidence.objects.get(claim=claim)
    assert evidence.source.url == "https://checks.example/troops"
    assert evidence.stance == "refutes"
    assert reviewer.dialogs == [] and editor.dialogs == []
