"""Ingesting articles through the API from a web address (a background job, run here
eagerly after commit against a real HTTP server on 127.0.0.1) and from an uploaded file."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import Article, Claim, Job
from tests.api.conftest import error_of
from tests.fakes import fixtures as fakes
from tests.fakes.server import Reply
from tests.fakes.wikipedia import article_html

pytestmark = pytest.mark.django_db

allow_fetch = fakes.allow_fetch
fake_site = fakes.fake_site

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
TEXT = (
    "Troops arrive in Almaty\n\n"
    "Officials said 2,030 troops arrived on Monday. "
    "The ministry reported that 7,939 people were detained.\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site(fake_site, allow_fetch):
    fake_site.routes["/news/troops"] = Reply.html(STORY)
    allow_fetch(fake_site)
    return fake_site


def upload(name: str = "story.txt", data: bytes = TEXT.encode(), content_type="text/plain"):
    return SimpleUploadedFile(name, data, content_type)


def nothing_stored() -> bool:
    return not Article.objects.exists() and not Claim.objects.exists() and not Job.objects.exists()


# --- from a web address ---------------------------------------------------------------------


def test_reviewer_ingests_an_article_from_a_url_and_the_job_reports_it(
    reviewer_api, reviewer, site, django_capture_on_commit_callbacks
):
    url = f"{site.url}/news/troops"
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_api.post(
            "/api/articles/from-url/", {"url": url, "language": "en", "published": "2022-01-11"}
        )
    assert response.status_code == 202, response.content
    queued = response.json()
    assert (queued["kind"], queued["status"]) == ("ingest_url", "queued")

    job = reviewer_api.get(f"/api/jobs/{queued['id']}/").json()
    assert job["status"] == "done", job
    article = Article.objects.get(pk=job["result"]["article_id"])
    assert job["article"] == article.pk
    assert (article.title, article.outlet, article.origin) == (
        "Peacekeepers land in Almaty",
        "Example News",
        Article.Origin.URL,
    )
    assert str(article.published) == "2022-01-11"  # the date given wins over the page's
    assert article.ingested_by == reviewer
    assert "2,030 troops" in article.body
    assert article.claims.exists()


def test_title_and_outlet_given_with_the_url_are_kept(
    editor_api, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_api.post(
            "/api/articles/from-url/",
            {"url": f"{site.url}/news/troops", "title": "CSTO troops", "outlet": "Wire"},
        )
    assert response.status_code == 202, response.content
    article = Article.objects.get()
    assert (article.title, article.outlet) == ("CSTO troops", "Wire")


def test_a_url_that_cannot_be_fetched_fails_its_job_and_creates_no_article(
    reviewer_api, site, django_capture_on_commit_callbacks
):
    site.routes["/gone"] = Reply(status=404, body=b"no such page")
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_api.post("/api/articles/from-url/", {"url": f"{site.url}/gone"})
    assert response.status_code == 202
    job = reviewer_api.get(f"/api/jobs/{response.json()['id']}/").json()
    assert job["status"] == "failed"
    assert job["last_error"]
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "url"),
        ({"url": "not a url"}, "url"),
        ({"url": "ftp://example.org/story"}, "url"),
        ({"url": 12}, "url"),
        ({"url": "https://example.org/a", "published": "last week"}, "published"),
        ({"url": "https://example.org/a", "language": "klingon"}, "language"),
        ({"url": "https://example.org/a", "title": "x" * 501}, "title"),
        ({"url": "https://example.org/a", "outlet": ["Wire"]}, "outlet"),
    ],
)
def test_bad_url_ingests_are_refused_and_queue_nothing(reviewer_api, payload, field):
    error = error_of(reviewer_api.post("/api/articles/from-url/", payload), 400, "invalid")
    assert field in error["fields"]
    assert nothing_stored()


def test_outsiders_and_anonymous_people_cannot_ingest_from_a_url(outsider_api, anon_api):
    payload = {"url": "https://example.org/story"}
    error_of(outsider_api.post("/api/articles/from-url/", payload), 403, "forbidden")
    error_of(anon_api.post("/api/articles/from-url/", payload), 401, "not_authenticated")
    assert nothing_stored()


# --- from a file ----------------------------------------------------------------------------


def test_reviewer_uploads_a_text_file_and_gets_the_article(reviewer_api, reviewer):
    response = reviewer_api.post(
        "/api/articles/upload/",
        {
            "file": upload(),
            "published": "2022-01-10",
            "url": "https://example.org/troops",
            "outlet": "Example News",
            "language": "en",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    article = Article.objects.get(pk=data["id"])
    assert article.body == TEXT
    assert article.title == "Troops arrive in Almaty"  # the first line
    assert (article.origin, article.original_filename) == (Article.Origin.UPLOAD, "story.txt")
    assert (article.outlet, article.url, article.ingested_by) == (
        "Example News",
        "https://example.org/troops",
        reviewer,
    )
    assert data["claim_count"] == article.claims.count() > 0


def test_an_uploaded_word_document_becomes_the_body(editor_api):
    document = docx.Document()
    document.add_paragraph("Officials said 2,030 troops arrived on Monday.")
    document.add_paragraph("Prices rose by 12 percent last year.")
    buffer = io.BytesIO()
    document.save(buffer)
    response = editor_api.post(
        "/api/articles/upload/",
        {"file": upload("story.docx", buffer.getvalue(), "application/octet-stream"), "title": "T"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    article = Article.objects.get()
    assert "2,030 troops arrived on Monday." in article.body
    assert article.title == "T"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "file"),
        ({"file": upload("empty.txt", b"")}, "file"),
        ({"file": upload("blank.txt", b"   \n\n")}, "file"),
        ({"file": upload("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")}, "file"),
        ({"file": upload("broken.docx", b"not a zip")}, "file"),
        ({"file": upload(), "published": "yesterday"}, "published"),
        ({"file": upload(), "language": "xx"}, "language"),
        ({"file": upload(), "url": "javascript:alert(1)"}, "url"),
    ],
    ids=["no file", "empty", "blank", "image", "broken docx", "date", "language", "url"],
)
def test_bad_uploads_are_refused_and_store_nothing(reviewer_api, payload, field):
    error = error_of(reviewer_api.post("/api/articles/upload/", payload, format="multipart"), 400)
    assert field in error["fields"], error
    assert nothing_stored()


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(reviewer_api, settings):
    settings.FACTCHECK = {**settings.FACTCHECK, "MAX_ARTICLE_BYTES": 1000}
    settings.FETCH_MAX_BYTES = 1000
    big = upload("big.txt", b"Officials said 2,030 troops arrived. " * 10_000)
    error_of(reviewer_api.post("/api/articles/upload/", {"file": big}, format="multipart"), 413)
    assert nothing_stored()


def test_an_upload_needs_multipart_form_data(reviewer_api):
    response = reviewer_api.post("/api/articles/upload/", {"title": "T", "body": TEXT})
    error_of(response, 415, "unsupported_media_type")
    assert nothing_stored()


def test_outsiders_cannot_upload_articles(outsider_api):
    response = outsider_api.post("/api/articles/upload/", {"file": upload()}, format="multipart")
    error_of(response, 403, "forbidden")
    assert nothing_stored()
