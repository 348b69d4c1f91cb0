"""Hostile text in an article, a rationale or a quote does not run in the HTML report: a
real Chromium loads the standalone export and the public report page and records every
dialog a script would open."""

from __future__ import annotations

import re

import pytest

from reviews.exports import html
from reviews.exports.snapshot import ArticleMeta, EvidenceEntry
from reviews.services.reports import report_publish
from tests.exports.samples import claim, snapshot

pytestmark = pytest.mark.browser


def payloads(tag: str) -> str:
    """Every way we know of to run `alert("<tag>-n")` from text that reaches HTML."""
    return " ".join(
        [
            f'<script>alert("{tag}-1")</script>',
            f'<img src=x onerror=alert("{tag}-2")>',
            f'<svg onload=alert("{tag}-3")>',
            f'"><script>alert("{tag}-4")</script>',
            f'\'><img src=x onerror=alert("{tag}-5")>',
            f'</script><script>alert("{tag}-6")</script>',
            f'<iframe srcdoc="<script>alert(&quot;{tag}-7&quot;)</script>"></iframe>',
            f'<details open ontoggle=alert("{tag}-8")>',
            f'<a href="javascript:alert(\'{tag}-9\')" id="js-{tag}">x</a>',
            f"[click](javascript:alert('{tag}-10'))",
            f'<body onload=alert("{tag}-11")>',
        ]
    )


def hostile_snapshot():
    return snapshot(
        claim(
            1,
            "Claim " + payloads("claim"),
            speaker="Speaker " + payloads("speaker"),
            rationale="Rationale " + payloads("rationale"),
            conclusion="Conclusion " + payloads("conclusion"),
            evidence=(
                EvidenceEntry(
                    stance="refutes",
                    url="javascript:alert('evidence-url')",
                    title="Title " + payloads("title"),
                    publisher=payloads("publisher"),
                    quote="Quote " + payloads("quote"),
                    note=payloads("note"),
                ),
            ),
        ),
        claim(2, "Second claim", approved=False, rationale=payloads("pending")),
        article=ArticleMeta(
            id=7,
            title="Article " + payloads("article"),
            outlet=payloads("outlet"),
            url="javascript:alert('article-url')",
        ),
    )


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


ACTIVE_CONTENT = """() => ({
  scripts: [...document.querySelectorAll('script')].map(s => s.type),
  handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
      .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
  jsLinks: [...document.querySelectorAll('[href], [src]')]
      .map(e => e.getAttribute('href') || e.getAttribute('src'))
      .filter(u => /^\\s*javascript:/i.test(u)),
  frames: document.querySelectorAll('iframe, object, embed, svg').length
      - document.querySelectorAll('.fc-report > .fc-chart > svg.chart').length,
  charts: document.querySelectorAll('.fc-report > .fc-chart > svg.chart').length,
})"""
# `frames` leaves out the report's own ratings chart (`charts`): an <svg> the server drew, at
# its one place in the report, not inside any text a user wrote.


def test_control_the_dialog_recorder_sees_a_payload_that_runs(page):
    page.set_content(f"<p>{payloads('control')}</p>")
    page.wait_for_timeout(300)
    assert any(message.startswith("control-") for message in page.dialogs)
    found = page.evaluate(ACTIVE_CONTENT)
    assert found["handlers"] and found["jsLinks"] and found["frames"]


def test_payloads_do_not_run_in_the_html_export_even_without_its_csp(page):
    # The escaping alone must hold: remove the page's own Content-Security-Policy first.
    document = html.document(hostile_snapshot())
    document = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", document)
    assert "Content-Security-Policy" not in document
    page.set_content(document)
    page.wait_for_timeout(300)
    assert page.dialogs == []
    found = page.evaluate(ACTIVE_CONTENT)
    assert found == {
        "scripts": ["application/ld+json"],
        "handlers": [],
        "jsLinks": [],
        "frames": 0,
        "charts": 1,
    }
    assert 'Claim <script>alert("claim-1")</script>' in page.inner_text("body")


def test_payloads_do_not_run_in_the_html_export(page):
    page.set_content(html.document(hostile_snapshot()))
    page.wait_for_timeout(300)
    assert page.dialogs == []


@pytest.mark.django_db(transaction=True)
def test_payloads_do_not_run_on_the_public_report_page(
    page, live_server, article, ratings, reviewer, editor
):
    from reviews.models import Claim, Evidence, Source, Verdict
    from reviews.services.evidence import evidence_add
    from reviews.services.verdicts import verdict_approve, verdict_save, verdict_submit

    article.title = "Article " + payloads("article")
    article.save(update_fields=["title"])
    body = article.body
    claim_row = Claim.objects.create(
        article=article,
        start=0,
        end=body.index(".") + 1,
        text=body[: body.index(".") + 1],
        wording="Claim " + payloads("claim"),
        speaker="Speaker <img src=x onerror=alert('speaker')><script>alert('sp')</script>",
    )
    verdict_save(
        claim=claim_row,
        actor=reviewer,
        rating=ratings["False"],
        rationale="Rationale",
        confidence=80,
    )
    evidence_add(
        claim=claim_row,
        actor=reviewer,
        url="https://example.org/a",
        stance="refutes",
        title="Title " + payloads("title"),
        quote="Quote",
    )
    # The services refuse script links at save; text stored before that rule (or written
    # by other means) must still not run.
    Verdict.objects.filter(claim=claim_row).update(rationale="Rationale " + payloads("rationale"))
    Evidence.objects.filter(claim=claim_row).update(quote="Quote " + payloads("quote"))
    verdict_submit(claim=claim_row, actor=reviewer)
    verdict_approve(claim=claim_row, actor=editor)
    assert Evidence.objects.filter(claim=claim_row).exists() and Source.objects.exists()
    report_publish(article=article, actor=editor)

    response = page.goto(f"{live_server.url}/reports/{article.pk}/")
    assert response.status == 200
    assert "Quote <script>" in page.inner_text("body")
    page.wait_for_timeout(300)
    assert page.dialogs == []
    found = page.evaluate(ACTIVE_CONTENT)
    assert found["handlers"] == [] and found["jsLinks"] == [] and found["frames"] == 0
    assert found["scripts"] == ["application/ld+json"]
