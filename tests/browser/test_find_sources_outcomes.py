"""Find sources in a real browser: one provider answers, one cannot be reached. The reviewer
sees each provider's outcome in words, without reloading, and the jobs area stops polling
once every search has ended."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reviews.models import Job
from reviews.services.claims import claim_take
from reviews.services.jobs import job_create
from reviews.tasks import find_candidates
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser]

SHOTS = Path("/tmp/shots-jobs")
BODY = (
    "Officials said 2,030 troops of the CSTO arrived in Almaty on Monday. "
    "The weather was mild for January."
)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def desk(transactional_db, settings, fake_searxng):
    """The reviewer's claim; web search answers with two stories, Wikipedia is down."""
    from reviews.services.demo import demo_users_ensure

    users = demo_users_ensure()
    reviewer = users["reviewer"]
    settings.FACTCHECK_PROVIDERS = ["wikipedia", "searxng"]
    settings.WIKIPEDIA_API_URL = f"http://127.0.0.1:{closed_port()}/w/api.php"
    settings.WIKIPEDIA_MIN_INTERVAL_MS = 0
    settings.SEARXNG_URL = fake_searxng.url
    settings.FETCH_TOP_CANDIDATES = 0
    fake_searxng.results = [
        {"url": "https://news.example/troops", "title": "Peacekeepers land in Almaty"},
        {"url": "https://news.example/csto", "title": "CSTO sends 2,030 troops"},
    ]
    article = ArticleFactory(title="CSTO troops arrive", body=BODY, body_hash="jobs")
    claim = ClaimFactory(article=article, start=0, end=BODY.index(".") + 1)
    claim_take(claim=claim, actor=reviewer)
    return claim


def open_claim(sessions, claim):
    page = sessions().login("reviewer").page
    page.goto(f"/articles/{claim.article_id}/")
    page.locator(f"#claim-item-{claim.pk} .claim-link").click()
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", str(claim.pk))
    return page


def provider_line(page, provider: str):
    return page.locator(f'.job-outcome[data-provider="{provider}"]')


def test_find_sources_shows_each_providers_outcome_and_a_retry(sessions, desk):
    page = open_claim(sessions, desk)
    sources = page.locator(f"#sources-{desk.pk}")
    sources.get_by_role("button", name="Find sources").click()
    failed = provider_line(page, "wikipedia")
    expect(failed).to_contain_text("Wikipedia could not be reached")
    expect(failed.get_by_role("button", name=re.compile("Retry"))).to_be_enabled()
    expect(provider_line(page, "searxng")).to_contain_text("Web search: 2 candidates")
    expect(sources.locator(".candidate")).to_have_count(2)
    expect(sources).not_to_contain_text("Searching 2 source provider")
    text = sources.inner_text()
    assert not re.search(r"127\.0\.0\.1|Errno|HTTPConnection|WIKIPEDIA_API_URL", text), text
    SHOTS.mkdir(parents=True, exist_ok=True)
    sources.screenshot(path=str(SHOTS / "find-sources-outcomes.png"), caret="initial")
    sources.get_by_text("All jobs").click()
    table = sources.locator(".source-jobs table")
    expect(table).to_contain_text("Wikipedia could not be reached")
    # The table fits the panel: no column is cut off at its edge.
    table_box, panel_box = table.bounding_box(), sources.bounding_box()
    assert table_box["x"] + table_box["width"] <= panel_box["x"] + panel_box["width"] + 1
    sources.screenshot(path=str(SHOTS / "find-sources-all-jobs.png"), caret="initial")


def test_the_panel_follows_running_searches_until_they_end(sessions, desk):
    # Jobs queued for a worker that has not picked them up yet.
    jobs = [
        job_create(
            kind=Job.Kind.FIND_CANDIDATES,
            claim=desk,
            article=desk.article,
            params={"provider": name},
            total=1,
        )
        for name in ("wikipedia", "searxng")
    ]
    page = open_claim(sessions, desk)
    expect(provider_line(page, "wikipedia")).to_contain_text("Wikipedia: waiting to start")
    expect(page.locator(f"#source-jobs-{desk.pk}")).to_have_attribute("hx-trigger", "every 2s")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(f"#sources-{desk.pk}").screenshot(
        path=str(SHOTS / "find-sources-waiting.png"), caret="initial"
    )
    for job in jobs:  # a worker runs them (eagerly, here); the page is not reloaded
        find_candidates.delay(job.pk)
    expect(provider_line(page, "wikipedia")).to_contain_text(
        "Wikipedia could not be reached", timeout=8_000
    )
    expect(provider_line(page, "searxng")).to_contain_text("Web search: 2 candidates")
    # The finished search reloads the panel once, with its candidates; polling stops.
    expect(page.locator(f"#sources-{desk.pk} .candidate")).to_have_count(2, timeout=8_000)
    expect(page.locator(f"#source-jobs-{desk.pk}")).not_to_have_attribute("hx-trigger", "every 2s")


def test_an_earlier_verdict_card_reads_cleanly(sessions, desk, settings):
    from reviews.services.demo import demo_users_ensure
    from reviews.services.ratings import rating_scale_ensure_default
    from reviews.services.verdicts import verdict_approve
    from tests.scenes import submit

    users = demo_users_ensure()
    settings.FACTCHECK_PROVIDERS = ["archive"]
    earlier_body = "Officials said 2,030 troops of the CSTO arrived in Almaty on Monday."
    earlier = ClaimFactory(
        article=ArticleFactory(title="Earlier story", body=earlier_body, body_hash="earlier"),
        start=0,
        end=len(earlier_body),
    )
    rating = rating_scale_ensure_default().ratings.get(label="Mostly true")
    submit(
        earlier,
        users["reviewer2"],
        rating,
        rationale="The ministry's **own** release gives *2,030*.",
    )
    verdict_approve(claim=earlier, actor=users["editor"])
    page = open_claim(sessions, desk)
    sources = page.locator(f"#sources-{desk.pk}")
    sources.get_by_role("button", name="Find sources").click()
    card = sources.locator(".candidate").first
    expect(card.locator(".badge")).to_have_text("Earlier verdict")
    expect(card.get_by_role("link").first).to_have_text(re.compile(r"^Checked .*: Mostly true$"))
    expect(card.locator(".rationale strong")).to_have_text("own")
    expect(card.locator(".match-label")).to_have_text("strong match")
    expect(card.locator(".match-label")).to_have_attribute("title", "relevance 2.00")
    assert "**" not in card.inner_text()
    assert card.inner_text().count("Mostly true") == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    sources.screenshot(path=str(SHOTS / "earlier-verdict-card.png"), caret="initial")
