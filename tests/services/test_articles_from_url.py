"""Articles fetched from a web address by a job, with the page a real HTTP server on
127.0.0.1 and the job run eagerly after commit."""

from __future__ import annotations

import pytest

from reviews.errors import ReviewError
from reviews.models import Article, Candidate, Job
from reviews.services.articles import article_ingest_from_url
from tests.services import outside

# The outside world's fixtures: pytest finds a fixture by its name in the test's module.
allow_fetch = outside.allow_fetch
fake_factcheck_tools = outside.fake_factcheck_tools
fake_searxng = outside.fake_searxng
fake_site = outside.fake_site
fake_wikipedia = outside.fake_wikipedia
media = outside.media
providers_on = outside.providers_on
web = outside.web


def test_an_article_is_ingested_from_a_url(reviewer, web, django_capture_on_commit_callbacks):
    url = f"{web['site'].url}/news/troops"
    with django_capture_on_commit_callbacks(execute=True):
        job = article_ingest_from_url(url=url, actor=reviewer)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    article = Article.objects.get(pk=job.result["article_id"])
    assert job.article == article
    assert article.title == "Peacekeepers land in Almaty"
    assert article.origin == Article.Origin.URL
    assert (article.outlet, article.author) == ("Example News", "Jane Reporter")
    assert str(article.published) == "2022-01-10"
    assert "2,030 troops" in article.body
    assert article.claims.exists()


@pytest.mark.parametrize("url", ["http://10.0.0.7/story", "file:///etc/passwd", "not a url"])
def test_ingesting_a_bad_or_private_url_creates_no_article(
    url, reviewer, web, django_capture_on_commit_callbacks
):
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = article_ingest_from_url(url=url, actor=reviewer)
    except ReviewError as refused:
        assert refused.fields == {"url": "invalid"}
        assert not Job.objects.exists()
    else:
        job.refresh_from_db()
        assert job.status == Job.Status.FAILED
        assert "private" in job.last_error
    assert not Article.objects.exists()


def test_ingest_on_search_when_the_desk_turns_it_on(
    reviewer, web, settings, django_capture_on_commit_callbacks
):
    settings.AUTO_FIND_SOURCES_ON_INGEST = True
    settings.FACTCHECK_PROVIDERS = ["searxng"]
    url = f"{web['site'].url}/news/troops"
    with django_capture_on_commit_callbacks(execute=True):
        job = article_ingest_from_url(url=url, actor=reviewer)
    job.refresh_from_db()
    article = Article.objects.get(pk=job.result["article_id"])
    searched = Job.objects.filter(kind=Job.Kind.FIND_CANDIDATES, article=article)
    assert searched.exists()
    assert Candidate.objects.filter(claim__article=article).exists()


def test_fetching_an_article_from_a_url_through_the_form(
    client, reviewer, web, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    assert client.get("/articles/from-url/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/articles/from-url/", {"url": f"{web['site'].url}/news/troops", "language": "en"}
        )
    job = Job.objects.get(kind=Job.Kind.INGEST_URL)
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "Peacekeepers land in Almaty" in page
    refused = client.post("/articles/from-url/", {"url": "ftp://x.example/", "language": "en"})
    assert refused.status_code == 400
    assert Job.objects.count() == 1
