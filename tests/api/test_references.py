"""The desk's reference library through the API: listing it, adding a document from a file
(stored at once) or from a web address (a job, run here eagerly against a real HTTP server
on 127.0.0.1)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import Job, Source
from tests.api.conftest import error_of
from tests.fakes import fixtures as fakes
from tests.fakes.server import Reply
from tests.fakes.wikipedia import article_html

pytestmark = pytest.mark.django_db

allow_fetch = fakes.allow_fetch
fake_site = fakes.fake_site

CENSUS = b"Census 2021\n\nThe population of Kazakhstan was 19,186,000 on 1 January 2021.\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def census_file(name: str = "census.txt", data: bytes = CENSUS) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "text/plain")


def nothing_stored() -> bool:
    return not Source.objects.exists() and not Job.objects.exists()


def test_reviewer_adds_a_reference_file_and_sees_it_in_the_library(reviewer_api, reviewer):
    response = reviewer_api.post(
        "/api/references/", {"file": census_file(), "title": "Census 2021"}, format="multipart"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    source = Source.objects.get(pk=data["id"])
    assert source.is_reference and source.added_by == reviewer
    assert "19,186,000" in source.text
    assert (data["title"], data["uploaded"], data["added_by"]["username"]) == (
        "Census 2021",
        True,
        "rita",
    )
    library = reviewer_api.get("/api/references/").json()["results"]
    assert [r["id"] for r in library] == [source.pk]


def test_the_library_lists_reference_documents_only_newest_first(reviewer_api, claim):
    older = Source.objects.create(title="Older", text="a", is_reference=True)
    newer = Source.objects.create(title="Newer", text="b", is_reference=True)
    Source.objects.create(url="https://news.example.org/x", title="Evidence, not reference")
    library = reviewer_api.get("/api/references/").json()["results"]
    assert [r["id"] for r in library] == [newer.pk, older.pk]


def test_a_reference_url_is_fetched_by_a_job(
    editor_api, editor, fake_site, allow_fetch, django_capture_on_commit_callbacks
):
    fake_site.routes["/census"] = Reply.html(
        article_html("Census results", ["The population was 19,186,000 in 2021."])
    )
    allow_fetch(fake_site)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_api.post(
            "/api/references/", {"url": f"{fake_site.url}/census", "title": "Census"}
        )
    assert response.status_code == 202, response.content
    job = editor_api.get(f"/api/jobs/{response.json()['id']}/").json()
    assert job["status"] == "done", job
    source = Source.objects.get(pk=job["result"]["source_id"])
    assert (source.is_reference, source.title, source.added_by) == (True, "Census", editor)
    assert "19,186,000" in source.text
    library = editor_api.get("/api/references/").json()["results"]
    assert [(r["id"], r["uploaded"]) for r in library] == [(source.pk, False)]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "file"),
        ({"url": "", "title": "Nothing"}, "file"),
        ({"url": "ftp://example.org/census"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"url": 7}, "url"),
        ({"url": "https://example.org/c", "title": "x" * 501}, "title"),
        ({"url": "https://example.org/c", "file": "census.txt"}, "file"),
    ],
)
def test_bad_reference_requests_are_refused_and_store_nothing(reviewer_api, payload, field):
    error = error_of(reviewer_api.post("/api/references/", payload), 400, "invalid")
    assert field in error["fields"], error
    assert nothing_stored()


@pytest.mark.parametrize(
    "upload",
    [
        census_file("empty.txt", b""),
        census_file("blank.txt", b"  \n"),
        census_file("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
    ],
    ids=["empty", "blank", "image"],
)
def test_unreadable_reference_files_are_refused(reviewer_api, upload):
    response = reviewer_api.post("/api/references/", {"file": upload}, format="multipart")
    error = error_of(response, 400, "invalid")
    assert "file" in error["fields"]
    assert nothing_stored()


def test_a_file_and_a_url_at_once_are_refused(reviewer_api):
    response = reviewer_api.post(
        "/api/references/",
        {"file": census_file(), "url": "https://example.org/census"},
        format="multipart",
    )
    error_of(response, 400, "invalid")
    assert nothing_stored()


def test_a_reference_file_over_the_size_limit_is_refused(reviewer_api, settings):
    settings.FETCH_MAX_BYTES = 50
    response = reviewer_api.post("/api/references/", {"file": census_file()}, format="multipart")
    error = error_of(response, 400, "invalid")
    assert error["fields"] == {"file": "too large"}
    assert nothing_stored()


def test_outsiders_and_anonymous_people_have_no_library(outsider_api, anon_api):
    Source.objects.create(title="Census", text="a", is_reference=True)
    error_of(outsider_api.get("/api/references/"), 403, "forbidden")
    error_of(
        outsider_api.post("/api/references/", {"url": "https://example.org/c"}), 403, "forbidden"
    )
    error_of(anon_api.get("/api/references/"), 401, "not_authenticated")
    assert Source.objects.count() == 1
    assert not Job.objects.exists()
