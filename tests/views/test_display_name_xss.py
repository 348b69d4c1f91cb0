"""People's names are text, never markup: a user whose username, first or last name is a
script or an attribute breakout is shown escaped on every page that names them, for every
kind of reader (reviewer, editor, the hostile user themselves, an anonymous reader of the
public report)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client, TestCase
from django.urls import reverse
from django.utils.html import escape

from reviews import roles
from reviews.models import Candidate, Job
from reviews.services.claims import claim_assign, claim_take
from reviews.services.comments import comment_add
from reviews.services.evidence import evidence_add
from reviews.services.reports import report_publish
from reviews.services.verdicts import verdict_approve, verdict_save, verdict_submit
from tests.clients import desk_client as client_for
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
PAYLOADS = (SCRIPT, BREAKOUT)
ESCAPED = tuple(escape(payload) for payload in PAYLOADS)


class ActiveContent(HTMLParser):
    """What in a page could run: script elements, event-handler attributes, images."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []
        self.handlers: list[str] = []
        self.images: list[str | None] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        if tag == "img":
            self.images.append(attributes.get("src"))
        if tag == "script":
            self._in_script = {"src": attributes.get("src"), "type": attributes.get("type")}
            self._in_script["text"] = ""
            self.scripts.append(self._in_script)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self._in_script["text"] += data


def assert_inert(html: str) -> ActiveContent:
    for payload in PAYLOADS:
        assert payload not in html
    found = ActiveContent()
    found.feed(html)
    assert found.handlers == []
    assert found.images == []
    for script in found.scripts:
        # The page's own scripts: static files, and the report's JSON-LD (data, not code).
        assert script["src"] or script["type"] == "application/ld+json", script
        assert "alert(1)" not in script["text"]
    return found


def assert_named_escaped(html: str) -> None:
    assert any(escaped in html for escaped in ESCAPED), "no hostile name shown on this page"


@pytest.fixture
def hostile(db):
    """Two desk members whose every name is hostile, and the work they left everywhere."""
    reviewer = UserFactory(
        username=SCRIPT, first_name=BREAKOUT, last_name=SCRIPT, role=roles.REVIEWER
    )
    editor = UserFactory(
        username=BREAKOUT, first_name=SCRIPT, last_name=BREAKOUT, role=roles.EDITOR
    )
    return {"reviewer": reviewer, "editor": editor}


@pytest.fixture
def desk(hostile, editor, scale):
    """An article ingested by the hostile reviewer: one claim approved (by the hostile
    editor) and published, one submitted and waiting in the queue (assigned by the plain
    editor, who hears of the submission), comments, evidence, a candidate and a job."""
    author, approver = hostile["reviewer"], hostile["editor"]
    rating = scale.ratings.get(label="False")
    article = ArticleFactory(ingested_by=author)
    body = article.body
    first_end = body.index(".") + 1
    second_start = first_end + 1
    approved = ClaimFactory(article=article, start=0, end=first_end)
    waiting = ClaimFactory(
        article=article, start=second_start, end=body.index(".", second_start) + 1
    )

    claim_take(claim=approved, actor=author)
    verdict_save(claim=approved, actor=author, rating=rating, rationale="Ours.", confidence=80)
    evidence_add(
        claim=approved,
        actor=author,
        url="https://stat.example.org/report",
        stance="refutes",
        quote="7,939",
    )
    comment_add(claim=approved, actor=author, body="Checked the release.")
    comment_add(claim=approved, actor=approver, body="Thanks.")
    verdict_submit(claim=approved, actor=author)
    verdict_approve(claim=approved, actor=approver)

    claim_assign(claim=waiting, assignee_id=author.pk, actor=editor)
    verdict_save(claim=waiting, actor=author, rating=rating, rationale="Ours.", confidence=60)
    verdict_submit(claim=waiting, actor=author)

    Candidate.objects.create(
        claim=approved,
        url="https://news.example.org/story",
        canonical_url="https://news.example.org/story",
        title="Story",
        provider="wikipedia",
        relevance=0.5,
        decision=Candidate.Decision.DISMISSED,
        decided_by=author,
    )
    job = Job.objects.create(kind=Job.Kind.FIND_CANDIDATES, claim=approved, created_by=author)
    with TestCase.captureOnCommitCallbacks(execute=True):
        report_publish(article=article, actor=approver)
    source = approved.evidence.get().source
    return {
        "article": article,
        "approved": approved,
        "waiting": waiting,
        "job": job,
        "source": source,
    }


def desk_pages(desk) -> dict[str, str]:
    article, approved, waiting = desk["article"], desk["approved"], desk["waiting"]
    return {
        "dashboard": reverse("reviews:dashboard"),
        "articles": reverse("reviews:article_list"),
        "article": reverse("reviews:article_detail", args=[article.pk]),
        "claim panel (approved)": reverse("reviews:claim_detail", args=[approved.pk]),
        "claim panel (waiting)": reverse("reviews:claim_detail", args=[waiting.pk]),
        "approval queue": reverse("reviews:approval_queue"),
        "claim sources": reverse("reviews:claim_sources", args=[approved.pk]),
        "article sources": reverse("reviews:article_sources", args=[article.pk]),
        "source": reverse("reviews:source_detail", args=[desk["source"].pk]),
        "job": reverse("reviews:job_detail", args=[desk["job"].pk]),
        "report preview": reverse("reviews:report_preview", args=[article.pk]),
    }


def public_pages(desk) -> dict[str, str]:
    return {
        "public report": reverse("reviews:report_public", args=[desk["article"].pk]),
        "public report index": reverse("reviews:report_index"),
    }


# Pages that name one of the hostile users whoever reads them.
NAMING = {
    "article",
    "articles",
    "claim panel (approved)",
    "claim panel (waiting)",
    "approval queue",
    "job",
    "report preview",
    "public report",
}


@pytest.mark.parametrize("reader", ["reviewer", "editor", "hostile reviewer"])
def test_hostile_names_are_escaped_on_every_desk_page(request, desk, hostile, reader):
    user = hostile["reviewer"] if reader == "hostile reviewer" else request.getfixturevalue(reader)
    client = client_for(user)
    for name, url in {**desk_pages(desk), **public_pages(desk)}.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        html = response.content.decode()
        assert_inert(html)
        if name in NAMING:
            assert_named_escaped(html)


def test_the_editor_reads_the_hostile_submitter_in_a_notification_escaped(desk, editor):
    html = client_for(editor).get(reverse("reviews:dashboard")).content.decode()
    assert_inert(html)
    assert f"{escape(SCRIPT)} submitted a verdict" in html


def test_the_hostile_user_sees_their_own_name_escaped_in_the_top_bar(desk, hostile):
    html = client_for(hostile["reviewer"]).get(reverse("reviews:dashboard")).content.decode()
    assert_inert(html)
    assert f'<span class="who">{escape(SCRIPT)}</span>' in html


def test_the_claim_panel_names_author_approver_and_commenters_escaped(desk, reviewer):
    html = (
        client_for(reviewer)
        .get(reverse("reviews:claim_detail", args=[desk["approved"].pk]))
        .content.decode()
    )
    assert_inert(html)
    assert f"by {escape(SCRIPT)}" in html  # the verdict's author
    assert f"approved by {escape(BREAKOUT)}" in html
    assert f"added by {escape(SCRIPT)}" in html  # the evidence
    assert html.count(escape(BREAKOUT)) >= 2  # approver, and a comment and history entries


def test_an_anonymous_reader_sees_the_public_report_with_names_escaped(desk):
    client = Client()
    for name, url in public_pages(desk).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_inert(response.content.decode())
    html = client.get(public_pages(desk)["public report"]).content.decode()
    # The report names people by their full names.
    assert f"Reviewed by {escape(BREAKOUT)} {escape(SCRIPT)}" in html


def test_an_anonymous_reader_gets_no_desk_page(desk):
    client = Client()
    for name, url in desk_pages(desk).items():
        response = client.get(url)
        assert response.status_code in (302, 403, 404), name
        assert_inert(response.content.decode())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_control_the_checks_see_a_name_that_is_markup(payload):
    with pytest.raises(AssertionError):
        assert_inert(f"<p>by {payload}</p>")
    found = ActiveContent()
    found.feed(f"<p>by {payload}</p>")
    assert found.scripts or (found.handlers and found.images)
