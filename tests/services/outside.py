"""The outside world of the source services' tests: every provider on, a news site and the
providers' APIs as real HTTP servers on 127.0.0.1, and tasks run eagerly after commit.

Test modules import the fixtures they use by name (`media` is autouse there)."""

from __future__ import annotations

import pytest

from reviews.services.candidates import candidates_find
from tests.fakes import fixtures as fakes
from tests.fakes.server import Reply
from tests.fakes.wikipedia import article_html

# The fake servers' fixtures, used by the `web` fixture.
allow_fetch = fakes.allow_fetch
fake_factcheck_tools = fakes.fake_factcheck_tools
fake_searxng = fakes.fake_searxng
fake_site = fakes.fake_site
fake_wikipedia = fakes.fake_wikipedia
providers_on = fakes.providers_on

STORY = article_html(
    "Peacekeepers land in Almaty",
    [
        "The weather in Almaty was cold on Monday morning.",
        "Officials said 2,030 troops of the CSTO arrived on Monday to guard key sites.",
        "Markets stayed closed for the third day.",
    ],
    publisher="Example News",
    author="Jane Reporter",
    date="2022-01-10",
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FETCH_TOP_CANDIDATES = 10


@pytest.fixture
def web(providers_on, fake_site, allow_fetch):
    """All providers on; SearxNG finds a news story on the fake site and, like Wikipedia,
    the Wikipedia page on the troops."""
    wiki = providers_on["wikipedia"]
    fake_site.routes["/news/troops"] = Reply.html(STORY)
    providers_on["searxng"].results = [
        {
            "url": f"{fake_site.url}/news/troops?utm_source=searx",
            "title": "Peacekeepers land",
            "content": "2,030 troops arrived",
            "host": "news.example",
        },
        {
            "url": f"{wiki.url}/wiki/Collective_Security_Treaty_Organization#History",
            "title": "CSTO - Wikipedia",
            "content": "alliance",
            "host": "wikipedia.org",
        },
    ]
    providers_on["factcheck_tools"].routes["/checks/csto-troops"] = Reply.html(
        article_html(
            "Were the CSTO troops all Russian?",
            ["Of the 2,030 troops most were Russian paratroopers."],
        )
    )
    allow_fetch(fake_site, *providers_on.values())
    return {**providers_on, "site": fake_site}


def find(claim, actor, django_capture_on_commit_callbacks, **kw):
    """Search sources for the claim and run every job it queues (searches, then fetches)."""
    with django_capture_on_commit_callbacks(execute=True):
        return candidates_find(claim=claim, actor=actor, **kw)


def htmx(client, method, url, data=None):
    return getattr(client, method)(url, data or {}, HTTP_HX_REQUEST="true")
