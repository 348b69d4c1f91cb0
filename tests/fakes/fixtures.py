"""pytest fixtures that start the fake servers; import them into a suite's conftest.py."""

from __future__ import annotations

import pytest

from tests.fakes.factcheck_tools import API_KEY, FakeFactCheckTools
from tests.fakes.searxng import FakeSearxng
from tests.fakes.server import FakeServer
from tests.fakes.wikipedia import FakeWikipedia


def _serve(server: FakeServer):
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def fake_site():
    """An empty site: tests add routes (`fake_site.routes["/a"] = Reply.html(...)`)."""
    yield from _serve(FakeServer())


@pytest.fixture
def fake_wikipedia():
    yield from _serve(FakeWikipedia())


@pytest.fixture
def fake_factcheck_tools():
    yield from _serve(FakeFactCheckTools())


@pytest.fixture
def fake_searxng():
    yield from _serve(FakeSearxng())


@pytest.fixture
def allow_fetch(settings):
    """Let the safe fetcher reach exactly the given fake servers (and nothing else local)."""

    def allow(*servers: FakeServer) -> None:
        settings.FETCH_ALLOW_HOSTS = [*settings.FETCH_ALLOW_HOSTS, *(s.host_port for s in servers)]

    settings.FETCH_ALLOW_HOSTS = []
    return allow


@pytest.fixture
def providers_on(settings, fake_wikipedia, fake_factcheck_tools, fake_searxng):
    """Every provider switched on and pointed at its fake server."""
    settings.FACTCHECK_PROVIDERS = ["archive", "wikipedia", "factcheck_tools", "searxng"]
    settings.WIKIPEDIA_API_URL = f"{fake_wikipedia.url}/w/api.php"
    settings.WIKIPEDIA_MIN_INTERVAL_MS = 0
    settings.FACTCHECK_TOOLS_URL = fake_factcheck_tools.search_url
    settings.FACTCHECK_TOOLS_API_KEY = API_KEY
    settings.SEARXNG_URL = fake_searxng.url
    return {
        "wikipedia": fake_wikipedia,
        "factcheck_tools": fake_factcheck_tools,
        "searxng": fake_searxng,
    }
