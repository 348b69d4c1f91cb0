"""The desk's fetch policy comes from settings; the fetcher itself reads none."""

import pytest

from reviews.services.fetching import fetch_policy
from safefetch import FetchRefused, fetch
from tests.fakes.server import Reply
from tests.safefetch.test_fetcher import PAGE


def test_the_allow_list_lets_through_exactly_its_port(fake_site, settings, allow_fetch):
    fake_site.routes["/"] = Reply.html(PAGE)
    allow_fetch(fake_site)
    policy = fetch_policy()
    assert fetch(f"{fake_site.url}/", policy=policy).status == 200
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(f"http://127.0.0.1:{fake_site.port + 1}/", policy=policy)
