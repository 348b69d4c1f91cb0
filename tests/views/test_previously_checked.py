"""The claim panel's "Previously fact-checked" section, its two actions, the article page's
badge on claims with a strong match, and the editors' page of the archive."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claimextract.factcheck_formats import FactCheckRecord
from reviews.models import Evidence, FactCheck, Job, Stance
from reviews.selectors.matches import likely_same_threshold
from reviews.services.factchecks import factchecks_import
from reviews.services.matches import claim_matches_run, factchecks_match_article
from tests.views.conftest import HTMX

pytestmark = pytest.mark.django_db

TROOPS = FactCheckRecord(
    identifier="troops-2030",
    claim="Officials said 2,030 troops arrived on Monday.",
    title="Did 2,030 troops arrive on Monday?",
    rating="False",
    url="https://checks.example/troops",
    published=datetime.date(2025, 4, 2),
    line=1,
)
UNRATED_LABEL = FactCheckRecord(
    identifier="troops-context",
    claim="Officials said about 2,000 troops arrived on Monday in the capital.",
    title="Troop numbers need context",
    rating="Needs context",
    url="https://checks.example/troops-context",
    line=2,
)


@pytest.fixture(autouse=True)
def words_only(settings):
    settings.FACTCHECK_MATCHING_DENSE = False


@pytest.fixture
def matched(claim, scale):
    """The claim matched against an archive that holds an earlier check of it."""
    factchecks_import(records=[TROOPS, UNRATED_LABEL], publisher="Checks Daily")
    claim_matches_run(job_id=factchecks_match_article(article=claim.article).pk)
    return {fc.identifier: fc for fc in FactCheck.objects.all()}


def panel(client, claim) -> str:
    response = client.get(reverse("reviews:claim_detail", args=[claim.pk]), headers=HTMX)
    assert response.status_code == 200
    return response.content.decode()


def test_the_panel_shows_the_earlier_fact_check_first(reviewer_client, claim, matched):
    html = panel(reviewer_client, claim)
    section = html.index('id="previously-checked"')
    assert section < html.index('id="verdict-h"')
    part = html[section:]
    assert "Checks Daily" in part
    assert "rated it <em>False</em>" in part
    assert "2 Apr 2025" in part
    assert 'href="https://checks.example/troops"' in part
    assert re.search(r"similarity [01]\.\d\d", part)
    # The exact repeat is above the desk's threshold.
    assert "Likely the same claim" in part


def test_attach_as_evidence_takes_the_stance_from_the_rating(
    reviewer_client, reviewer, claim, matched
):
    url = reverse("reviews:match_attach", args=[claim.pk, matched["troops-2030"].pk])
    response = reviewer_client.post(url, headers=HTMX)
    assert response.status_code == 200
    assert "The earlier fact-check is attached as evidence." in response.content.decode()
    evidence = Evidence.objects.get(claim=claim)
    assert evidence.stance == Stance.REFUTES
    assert evidence.source.url == "https://checks.example/troops"
    assert evidence.added_by == reviewer
    # "Needs context" says nothing plain: context.
    url = reverse("reviews:match_attach", args=[claim.pk, matched["troops-context"].pk])
    reviewer_client.post(url, headers=HTMX)
    assert Evidence.objects.get(claim=claim, source__url__endswith="context").stance == "context"


def test_start_verdict_fills_the_form_with_the_rating_and_the_link(
    reviewer_client, claim, matched, scale
):
    url = reverse("reviews:match_verdict", args=[claim.pk, matched["troops-2030"].pk])
    html = reviewer_client.post(url, headers=HTMX).content.decode()
    false = scale.ratings.get(label="False")
    assert re.search(rf'<option value="{false.pk}" selected>False</option>', html)
    assert (
        "Previously fact-checked: [Checks Daily rated it &#x27;False&#x27; on 2025-04-02]" in html
    )
    assert "(https://checks.example/troops)" in html
    assert not claim.verdicts.exists()  # nothing saved until the reviewer saves


def test_start_verdict_without_that_label_on_the_scale_gives_the_link_only(
    reviewer_client, claim, matched
):
    url = reverse("reviews:match_verdict", args=[claim.pk, matched["troops-context"].pk])
    html = reviewer_client.post(url, headers=HTMX).content.decode()
    assert "The desk&#x27;s scale has no rating of that label" in html
    assert re.search(r'<option value="" selected>Choose a rating</option>', html)
    assert "(https://checks.example/troops-context)" in html


def test_an_outsider_cannot_use_a_match(outsider_client, claim, matched):
    url = reverse("reviews:match_attach", args=[claim.pk, matched["troops-2030"].pk])
    assert outsider_client.post(url, headers=HTMX).status_code == 404
    assert not Evidence.objects.exists()


def test_the_article_page_marks_claims_with_a_strong_match_in_few_queries(
    reviewer_client, claim, matched, django_assert_max_num_queries
):
    url = reverse("reviews:article_detail", args=[claim.article_id])
    html = reviewer_client.get(url).content.decode()
    item = re.search(rf'<li id="claim-item-{claim.pk}".*?</li>', html, re.S).group(0)
    assert "checked before" in item
    # The badge costs one query for the whole list, however many claims it has.
    with django_assert_max_num_queries(40) as counted:
        reviewer_client.get(url)
    baseline = len(counted)
    from tests.factories import ClaimFactory

    body = claim.article.body
    for sentence in ("The ministry", "Prices"):
        start = body.index(sentence)
        ClaimFactory(article=claim.article, start=start, end=body.index(".", start) + 1)
    claim_matches_run(job_id=factchecks_match_article(article=claim.article).pk)
    with django_assert_max_num_queries(baseline) as again:
        reviewer_client.get(url)
    assert len(again) <= baseline


def test_editors_set_the_threshold_and_reviewers_cannot(
    editor_client, reviewer_client, claim, matched
):
    url = reverse("reviews:factchecks")
    assert reviewer_client.post(url, {"settings-likely_same": "0.1"}).status_code == 302
    assert likely_same_threshold() != 0.1
    response = editor_client.post(url, {"settings-likely_same": "1.0"})
    assert response.status_code == 302
    assert likely_same_threshold() == 1.0
    html = editor_client.get(url).content.decode()
    assert 'value="1.0"' in html
    assert "Likely the same claim</span>" not in panel(reviewer_client, claim)
    assert editor_client.post(url, {"settings-likely_same": "2"}).status_code == 400


def test_editors_upload_a_file_and_see_bad_records_with_their_lines(editor_client, claim):
    data = (
        b'{"vclaim_id": "a1", "vclaim": "Officials said 2,030 troops arrived on Monday.",'
        b' "title": "Troops", "page_url": "https://checks.example/a1"}\n'
        b"not json\n"
        b'{"vclaim_id": "a3", "title": "No claim"}\n'
    )
    upload = SimpleUploadedFile("checks.jsonl", data, content_type="application/x-ndjson")
    response = editor_client.post(
        reverse("reviews:factchecks"), {"import-file": upload, "import-publisher": "Snopes"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 added, 0 updated, 0 unchanged, 2 not imported" in html
    assert "Line 2:" in html and "Line 3:" in html
    assert FactCheck.objects.get().publisher == "Snopes"
    # The archive changed: the open claims are matched again.
    assert Job.objects.filter(kind=Job.Kind.MATCH_FACTCHECKS, params__scope="open").exists()


def test_reviewers_see_the_archive_page_without_the_forms(reviewer_client):
    html = reviewer_client.get(reverse("reviews:factchecks")).content.decode()
    assert "Earlier fact-checks" in html
    assert 'id="factcheck-import"' not in html
