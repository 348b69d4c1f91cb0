"""The desk's library: one Source per canonical URL, and reference documents uploaded or
fetched from the web."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.storage import default_storage

from claimextract.webpage import ExtractedDocument, content_hash
from reviews.errors import ReviewError
from reviews.models import Job, Source
from reviews.services.fetching import FetchedDocument
from reviews.services.library import reference_document_add, source_get_or_create, url_clean
from safefetch import FetchResult
from tests.services import outside
from tests.services.outside import find

# The outside world's fixtures: pytest finds a fixture by its name in the test's module.
allow_fetch = outside.allow_fetch
fake_factcheck_tools = outside.fake_factcheck_tools
fake_searxng = outside.fake_searxng
fake_site = outside.fake_site
fake_wikipedia = outside.fake_wikipedia
media = outside.media
providers_on = outside.providers_on
web = outside.web

URL = "https://news.example/story?id=7&utm_source=feed"


def fetched_page(url: str, *, title: str = "From the page", text: str = "Troops arrived."):
    body = f"<html><title>{title}</title><p>{text}</p></html>".encode()
    return FetchedDocument(
        FetchResult(
            url=url,
            final_url=url,
            status=200,
            content_type="text/html",
            charset="utf-8",
            body=body,
        ),
        ExtractedDocument(
            title=title,
            text=text,
            author="Jane Reporter",
            publisher="Example News",
            published=datetime.date(2022, 1, 10),
            content_hash=content_hash(body),
        ),
    )


# --- Web addresses ------------------------------------------------------------------------


def test_a_web_address_is_kept_as_typed_without_surrounding_space():
    assert url_clean(f"  {URL}\n") == URL


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        (None, "required"),
        ("   ", "required"),
        (12, "not text"),
        ("not a url", "invalid"),
        ("ftp://news.example/file", "invalid"),
        ("javascript:alert(1)", "invalid"),
        ("https://" + "a" * 2000 + ".org", "too long"),
    ],
)
def test_anything_but_a_full_web_address_is_refused(url, problem):
    with pytest.raises(ReviewError) as refused:
        url_clean(url)
    assert refused.value.fields == {"url": problem}


def test_the_refusal_names_whose_address_it_wants():
    with pytest.raises(ReviewError, match="Give the source's full web address"):
        url_clean("news.example", whose="the source's")


# --- One source per canonical URL ---------------------------------------------------------


def test_the_same_page_with_other_tracking_parameters_is_one_source(reviewer):
    first = source_get_or_create(url=URL, title="Typed title", actor=reviewer)
    again = source_get_or_create(
        url="https://news.example/story?utm_medium=x&id=7", publisher="Example News"
    )
    assert again.pk == first.pk
    again.refresh_from_db()
    assert (again.url, again.title, again.publisher) == (URL, "Typed title", "Example News")
    assert again.added_by == reviewer
    assert Source.objects.count() == 1


def test_a_fetch_fills_in_the_text_but_keeps_what_a_reviewer_typed(reviewer):
    typed = source_get_or_create(url=URL, title="Typed title", actor=reviewer)
    source = source_get_or_create(url=URL, fetched=fetched_page(URL))
    assert source.pk == typed.pk
    source.refresh_from_db()
    assert source.title == "Typed title"
    assert (source.publisher, source.author) == ("Example News", "Jane Reporter")
    assert source.published == datetime.date(2022, 1, 10)
    assert source.text == "Troops arrived."
    assert source.fetch_status == Source.FetchStatus.FETCHED
    assert source.fetched_at is not None and source.last_checked_at is not None
    assert default_storage.exists(source.snapshot.name)
    assert not source.is_reference


def test_a_fetched_reference_marks_a_known_source_but_a_candidate_fetch_never_unmarks_it(db):
    source = source_get_or_create(url=URL, fetched=fetched_page(URL), is_reference=True)
    assert source.is_reference
    again = source_get_or_create(url=URL, fetched=fetched_page(URL, text="Changed."))
    again.refresh_from_db()
    assert again.pk == source.pk
    assert again.is_reference
    assert again.text == "Changed."


# --- Reference documents ------------------------------------------------------------------


def test_a_reference_document_upload_is_searchable_by_the_archive(
    claim, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.FACTCHECK_PROVIDERS = ["archive"]
    source = reference_document_add(
        actor=reviewer,
        name="csto-report.md",
        data=b"# CSTO report\n\nThe CSTO deployed 2,030 troops, who arrived on Monday.",
    )
    assert source.is_reference and source.uploaded_file
    find(claim, reviewer, django_capture_on_commit_callbacks)
    (candidate,) = claim.candidates.all()
    assert candidate.source == source
    assert candidate.extra["kind"] == "reference"
    assert "2,030 troops" in candidate.passage


def test_a_reference_document_from_a_url_is_fetched_by_a_job(
    reviewer, web, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = reference_document_add(actor=reviewer, url=f"{web['site'].url}/news/troops")
    job.refresh_from_db()
    source = Source.objects.get(pk=job.result["source_id"])
    assert source.is_reference
    assert source.title == "Peacekeepers land in Almaty"


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"name": "x.exe", "data": b"MZ\x00\x00"}, "Unsupported file type"),
        ({"name": "empty.txt", "data": b"   "}, "No text"),
        ({}, "either a file or a web address"),
    ],
)
def test_a_bad_reference_document_is_refused_and_nothing_is_stored(reviewer, kw, message):
    with pytest.raises(ReviewError, match=message):
        reference_document_add(actor=reviewer, **kw)
    assert not Source.objects.exists()
    assert not Job.objects.exists()
