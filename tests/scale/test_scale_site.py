"""The scale benchmark's own server pieces (bench/scale_site.py): the floor view and the
query count each answer carries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_site(settings):
    settings.ROOT_URLCONF = "bench.scale_site"
    settings.MIDDLEWARE = ["bench.scale_site.QueryCountMiddleware", *settings.MIDDLEWARE]


def test_the_floor_is_a_trivial_view_without_queries(bench_site, client):
    response = client.get("/bench-floor/")
    assert response.status_code == 200 and response.content == b"ok"
    assert response["X-Queries"] == "0"


def test_every_query_of_a_desk_page_is_counted(bench_site, editor_client, article):
    with CaptureQueriesContext(connection) as captured:
        response = editor_client.get(reverse("reviews:article_list"))
    assert response.status_code == 200
    assert int(response["X-Queries"]) == len(captured) > 0
