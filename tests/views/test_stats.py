"""The desk's statistics page: the figures a desk built through the services shows, in the
charts and in the tables beside them, for a constant number of queries."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.models import Verdict
from reviews.selectors import stats as stats_selectors
from tests import scenes
from tests.stats_scenes import (
    aged_article,
    approved,
    busy_desk,
    claims_on,
    returned_then_resubmitted,
)

pytestmark = pytest.mark.django_db

URL = reverse("reviews:stats")
NS = {"svg": "http://www.w3.org/2000/svg"}


def page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def svgs(html: str) -> list[ET.Element]:
    # The page's own markup, parsed to read the charts as a browser draws them.
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, re.S)]  # noqa: S314


def bar_titles(svg: ET.Element) -> list[str]:
    return [r.find("svg:title", NS).text for r in svg.findall("svg:rect[@class='chart-bar']", NS)]


def table_rows(html: str, attribute: str) -> dict[str, list[str]]:
    rows = {}
    for key, cells in re.findall(rf'<tr {attribute}="([^"]+)">(.*?)</tr>', html, re.S):
        rows[key] = [
            re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", cells)
        ]
    return rows


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_outsider_is_refused(outsider_client):
    assert outsider_client.get(URL).status_code == 403


def test_reviewer_sees_the_statistics_too(reviewer_client):
    html = page(reviewer_client)

    assert "<h1>Statistics</h1>" in html
    assert len(svgs(html)) == 5


def test_nav_links_to_statistics(editor_client):
    html = editor_client.get(reverse("reviews:dashboard")).content.decode()

    assert f'<a href="{URL}">Statistics</a>' in html
    assert f'<a href="{URL}" aria-current="page">Statistics</a>' in page(editor_client)


def test_ratings_of_approved_verdicts_match_what_was_approved(
    editor_client, reviewer, editor, scale
):
    claims = claims_on(aged_article(hours=5), 4)
    for claim, label in zip(claims, ["True", "True", "True", "False"], strict=True):
        approved(claim, reviewer, editor, scale, label)

    html = section(page(editor_client), "stats-ratings")

    rows = table_rows(html, "data-rating")
    assert rows["true"] == ["True", "3"]
    assert rows["false"] == ["False", "1"]
    assert rows["half-true"] == ["Half true", "0"]
    (chart,) = svgs(html)
    titles = bar_titles(chart)
    assert "True: 3 (75 %)" in titles
    assert "False: 1 (25 %)" in titles
    widths = {
        r.find("svg:title", NS).text.split(":")[0]: float(r.get("width"))
        for r in chart.findall("svg:rect[@class='chart-bar']", NS)
    }
    assert widths["False"] == pytest.approx(widths["True"] / 3, abs=0.1)


def test_only_current_verdicts_count_and_a_submitted_one_does_not(
    editor_client, reviewer, editor, scale
):
    first, second = claims_on(aged_article(hours=5), 2)
    approved(first, reviewer, editor, scale, "True")
    scenes.submit(second, reviewer, scale.ratings.get(label="False"))

    rows = table_rows(section(page(editor_client), "stats-ratings"), "data-rating")

    assert rows["true"][1] == "1"
    assert rows["false"][1] == "0"


def test_claims_by_status(editor_client, reviewer, reviewer2, editor, scale):
    busy_desk(9, reviewer=reviewer, reviewer2=reviewer2, editor=editor, scale=scale)

    html = section(page(editor_client), "stats-statuses")

    rows = table_rows(html, "data-status")
    # 9 claims: 3 approved, 1 submitted again after a return, 1 dismissed, 4 unreviewed.
    assert rows["approved"][1] == "3"
    assert rows["submitted"][1] == "1"
    assert rows["dismissed"][1] == "1"
    assert rows["unreviewed"][1] == "4"
    assert "Approved: 3" in bar_titles(svgs(html)[0])


def test_time_to_approval_median_percentile_and_histogram(editor_client, reviewer, editor, scale):
    for hours in (0.5, 2, 10, 50):
        (claim,) = claims_on(aged_article(hours=hours), 1)
        approved(claim, reviewer, editor, scale, "True")

    html = section(page(editor_client), "stats-waits")

    assert '<span id="wait-count">4</span>' in html
    assert '<strong id="wait-median">6 h</strong>' in html  # between 2 h and 10 h
    assert '<strong id="wait-p90">2.1 d</strong>' in html  # the slowest of four: 50 h
    assert bar_titles(svgs(html)[0]) == [
        "< 1 h: 1",
        "1–6 h: 1",
        "6–24 h: 1",
        "1–3 d: 1",
        "3–7 d: 0",
        "1–4 wk: 0",
        "> 4 wk: 0",
    ]


def test_reviewer_load_and_returns(editor_client, reviewer, reviewer2, editor, scale):
    article = aged_article(hours=3)
    done, back, open1, open2 = claims_on(article, 4)
    approved(done, reviewer, editor, scale, "True")
    returned_then_resubmitted(back, reviewer, editor, scale)
    scenes.assign(open1, reviewer2, editor)
    scenes.assign(open2, reviewer2, editor)

    html = section(page(editor_client), "stats-load")

    rows = table_rows(html, "data-reviewer")
    # rita: 2 claims (1 approved, 1 submitted: open); 3 submissions, 1 return.
    assert rows["rita"] == ["rita", "2", "1", "3", "1", "33 %"]
    assert rows["ravi"] == ["ravi", "2", "2", "0", "0", "–"]
    assert "erin" not in rows  # an editor with no work of their own
    load, returns = svgs(html)
    assert "ravi: 2 (of 2 assigned)" in bar_titles(load)
    assert bar_titles(returns) == ["rita: 33.3 % (1 of 3)"]  # ravi submitted nothing


def test_period_filter_leaves_out_older_approvals(editor_client, reviewer, editor, scale):
    old, recent = claims_on(aged_article(hours=24 * 60), 2)
    approved(old, reviewer, editor, scale, "False")
    approved(recent, reviewer, editor, scale, "True")
    long_ago = timezone.now() - datetime.timedelta(days=45)
    Verdict.objects.filter(claim=old).update(approved_at=long_ago)

    month = table_rows(section(page(editor_client, period="30"), "stats-ratings"), "data-rating")
    ever = table_rows(section(page(editor_client, period="all"), "stats-ratings"), "data-rating")

    assert (month["true"][1], month["false"][1]) == ("1", "0")
    assert (ever["true"][1], ever["false"][1]) == ("1", "1")
    assert 'href="?period=30" aria-current="page"' in page(editor_client, period="30")


def test_unknown_period_falls_back_to_the_default(editor_client):
    html = page(editor_client, period="<script>")

    assert "<script>" not in html.split("<main", 1)[1]
    assert f'href="?period={stats_selectors.DEFAULT_PERIOD.value}" aria-current="page"' in html


def test_an_empty_desk_shows_no_data_charts(editor_client):
    html = page(editor_client)

    assert html.count(">No data</text>") >= 3
    assert '<strong id="wait-median">–</strong>' in html


def test_labels_are_escaped_in_charts_and_tables(editor_client, reviewer, editor, scale):
    scale.ratings.filter(label="True").update(label="<script>alert(1)</script>")
    (claim,) = claims_on(aged_article(hours=1), 1)
    approved(claim, reviewer, editor, scale, "<script>alert(1)</script>")

    html = page(editor_client)

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("period", ["7", "all"])
def test_query_count_does_not_grow_with_the_desk(
    period, editor_client, reviewer, reviewer2, editor, scale
):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            page(editor_client, period=period)
        return len(captured)

    busy_desk(5, reviewer=reviewer, reviewer2=reviewer2, editor=editor, scale=scale)
    small = queries_for_page()
    busy_desk(50, reviewer=reviewer, reviewer2=reviewer2, editor=editor, scale=scale)
    large = queries_for_page()

    assert small == large
