"""Each provider against a small server that speaks its API's real request/response shape."""

from __future__ import annotations

import datetime

import pytest

from reviews.models import Source
from reviews.providers import enabled_providers, provider_status
from reviews.providers.archive import ArchiveProvider
from reviews.providers.base import ProviderError, keyword_query
from reviews.providers.factcheck_tools import FactCheckToolsProvider
from reviews.providers.searxng import SearxngProvider
from reviews.providers.wikipedia import WikipediaProvider
from reviews.services.verdicts import verdict_approve, verdict_save, verdict_submit
from tests.factories import ArticleFactory, ClaimFactory
from tests.fakes.server import Reply

TROOPS = "Officials said 2,030 troops arrived on Monday."


def test_keyword_query_keeps_names_and_numbers_first():
    query = keyword_query("Kassym-Jomart Tokayev said that 2,030 troops of the CSTO arrived")
    assert query.split()[:3] == ["Kassym-Jomart", "Tokayev", "2,030"]
    assert "the" not in query.split()


def test_wikipedia_searches_then_reads_intros_and_canonical_urls(claim, fake_wikipedia, settings):
    settings.WIKIPEDIA_MIN_INTERVAL_MS = 0
    provider = WikipediaProvider(api_url=f"{fake_wikipedia.url}/w/api.php")
    found = provider.search(claim)
    assert found, "the fake wiki has pages on the troops"
    top = found[0]
    assert top.url.startswith(f"{fake_wikipedia.url}/wiki/")
    assert top.publisher == "Wikipedia"
    assert top.published == datetime.date(2024, 5, 1)
    assert "<span" not in top.snippet
    assert top.text  # the intro, from prop=extracts
    search, extracts = fake_wikipedia.hits("/w/api.php")
    assert search.query["list"] == "search" and search.query["format"] == "json"
    assert "2,030" in search.query["srsearch"]
    assert extracts.query["prop"] == "extracts|info" and extracts.query["explaintext"] == "1"
    assert search.headers["user-agent"].startswith("FactcheckDesk/")


def test_wikipedia_api_errors_are_reported(claim, fake_wikipedia, settings):
    settings.WIKIPEDIA_MIN_INTERVAL_MS = 0
    fake_wikipedia.routes["/w/api.php"] = Reply.json(
        {"error": {"code": "maxlag", "info": "Waiting for a database server"}}
    )
    with pytest.raises(ProviderError, match="maxlag"):
        WikipediaProvider(api_url=f"{fake_wikipedia.url}/w/api.php").search(claim)


def test_server_errors_are_transient_and_client_errors_are_not(claim, fake_site, settings):
    settings.WIKIPEDIA_MIN_INTERVAL_MS = 0
    fake_site.routes["/w/api.php"] = Reply(status=502, body=b"bad gateway")
    with pytest.raises(ProviderError) as down:
        WikipediaProvider(api_url=f"{fake_site.url}/w/api.php").search(claim)
    assert down.value.transient
    fake_site.routes["/search"] = Reply(status=403, body=b"Forbidden")
    with pytest.raises(ProviderError) as refused:
        SearxngProvider(url=fake_site.url).search(claim)
    assert not refused.value.transient


def test_fact_check_tools_turns_claim_reviews_into_candidates(claim, fake_factcheck_tools):
    provider = FactCheckToolsProvider(url=fake_factcheck_tools.search_url, api_key="test-key-123")
    (found,) = provider.search(claim)
    assert found.publisher == "Example Fact Check"
    assert found.extra["rating"] == "Mostly false"
    assert found.extra["kind"] == "fact_check"
    assert found.published == datetime.date(2022, 1, 12)
    assert "Rated: Mostly false" in found.snippet
    (request,) = fake_factcheck_tools.hits()
    assert request.query["query"] == claim.display_text
    assert request.query["key"] == "test-key-123"
    assert request.query["languageCode"] == "en"


def test_fact_check_tools_is_off_without_a_key_and_refused_with_a_wrong_one(
    claim, fake_factcheck_tools, settings
):
    settings.FACTCHECK_TOOLS_API_KEY = ""
    assert FactCheckToolsProvider().unavailable_reason() == "no FACTCHECK_TOOLS_API_KEY"
    wrong = FactCheckToolsProvider(url=fake_factcheck_tools.search_url, api_key="nope")
    with pytest.raises(ProviderError, match="403") as refused:
        wrong.search(claim)
    assert not refused.value.transient


def test_searxng_reads_the_json_api(claim, fake_searxng):
    fake_searxng.results = [
        {
            "url": "https://news.example/troops?utm_source=x",
            "title": "Troops arrive",
            "content": "2,030 troops arrived",
            "host": "news.example",
            "score": 2.5,
            "published": "2022-01-10T12:00:00",
        },
        {"url": "not a url at all", "title": "broken"},
    ]
    found = SearxngProvider(url=fake_searxng.url).search(claim)
    assert [f.title for f in found] == ["Troops arrive", "broken"]
    assert found[0].publisher == "news.example"
    assert found[0].score == 2.5
    assert found[0].published == datetime.date(2022, 1, 10)
    (request,) = fake_searxng.hits("/search")
    assert request.query["format"] == "json"
    assert "troops" in request.query["q"]


def test_searxng_is_off_without_a_url(settings):
    settings.SEARXNG_URL = ""
    assert SearxngProvider().unavailable_reason() == "no SEARXNG_URL"


def test_registry_switches_providers_by_settings(providers_on, settings):
    assert [p.name for p in enabled_providers()] == [
        "archive",
        "wikipedia",
        "factcheck_tools",
        "searxng",
    ]
    settings.FACTCHECK_PROVIDERS = ["archive", "searxng"]
    settings.SEARXNG_URL = ""
    assert [p.name for p in enabled_providers()] == ["archive"]
    status = {name: reason for name, _label, reason in provider_status()}
    assert status["wikipedia"] == "switched off"
    assert status["searxng"] == "no SEARXNG_URL"


def approved_verdict(claim, scale, author, approver, label="False"):
    rating = scale.ratings.get(label=label)
    verdict_save(claim=claim, actor=author, rating=rating, rationale="Checked: no.", confidence=80)
    verdict_submit(claim=claim, actor=author)
    return verdict_approve(claim=claim, actor=approver)


def test_archive_offers_an_earlier_verdict_on_a_paraphrased_claim(scale, reviewer, editor):
    earlier = ClaimFactory(article=ArticleFactory())
    approved_verdict(earlier, scale, reviewer, editor)
    other_body = "2,030 troops arrived on Monday, officials said. Nothing else happened."
    later_article = ArticleFactory(body=other_body)
    later = ClaimFactory(article=later_article, start=0, end=other_body.index(".") + 1)
    (found,) = ArchiveProvider().verdict_candidates(later)
    assert found.extra["kind"] == "verdict"
    assert found.extra["rating"] == "False"
    assert found.title.startswith("Checked ") and found.title.endswith(": False")
    assert found.url.endswith(f"/articles/{earlier.article_id}/#claim-{earlier.pk}")


def test_archive_does_not_offer_verdicts_on_unrelated_claims(scale, reviewer, editor):
    earlier = ClaimFactory(article=ArticleFactory())
    approved_verdict(earlier, scale, reviewer, editor)
    body = "Prices of liquefied gas doubled in Zhanaozen."
    unrelated = ClaimFactory(article=ArticleFactory(body=body), start=0, end=len(body))
    assert ArchiveProvider().verdict_candidates(unrelated) == []


def test_archive_searches_reference_documents(claim):
    Source.objects.create(
        title="CSTO deployment report",
        is_reference=True,
        fetch_status="fetched",
        text="The CSTO deployed 2,030 troops. They arrived on Monday in Almaty.",
    )
    Source.objects.create(title="Gas prices", is_reference=True, text="Gas prices doubled.")
    Source.objects.create(title="Not in the library", text="2,030 troops arrived Monday.")
    found = ArchiveProvider().reference_candidates(claim)
    assert [f.title for f in found] == ["CSTO deployment report"]
    assert "2,030 troops" in found[0].extra["passage"]
