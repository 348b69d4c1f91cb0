"""The ingest page: paste or upload; bad input gets a clear error and creates nothing."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import Article, Claim

pytestmark = pytest.mark.django_db

TEXT = (
    "Troops arrive in Almaty\n"
    "President Tokayev said on Monday that 2,030 troops had arrived. "
    "The ministry reported that 7,939 people were detained."
)


def post(client, **data):
    fields = {"title": "", "outlet": "", "url": "", "published": "", "language": "en", "body": ""}
    fields.update(data)
    return client.post(reverse("reviews:ingest"), fields)


def assert_nothing_created():
    assert Article.objects.count() == 0
    assert Claim.objects.count() == 0


def test_pasted_article_is_ingested_and_opens(reviewer_client, reviewer):
    response = post(
        reviewer_client,
        title="Troops",
        outlet="Daily",
        url="https://news.example.org/a",
        published="2022-01-10",
        body=TEXT.replace("\n", "\r\n"),
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:article_detail", args=[article.pk])
    # The browser's CRLF line breaks are stored as the newlines the author typed.
    assert article.body == TEXT
    assert (article.outlet, str(article.published), article.ingested_by) == (
        "Daily",
        "2022-01-10",
        reviewer,
    )
    assert article.claims.count() >= 2


def test_uploaded_text_file_is_ingested(reviewer_client):
    upload = SimpleUploadedFile("troops.txt", TEXT.encode(), content_type="text/plain")
    response = reviewer_client.post(reverse("reviews:ingest"), {"language": "en", "file": upload})
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.title == "Troops arrive in Almaty"
    assert article.original_filename == "troops.txt"


def test_uploaded_docx_is_ingested(reviewer_client):
    document = docx.Document()
    for line in TEXT.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("troops.docx", buffer.getvalue())
    response = reviewer_client.post(
        reverse("reviews:ingest"), {"language": "en", "file": upload, "title": "From Word"}
    )
    assert response.status_code == 302
    assert Article.objects.get().title == "From Word"


def test_empty_submission_asks_for_text_or_file(reviewer_client):
    response = post(reviewer_client, title="Nothing", body="   \n  ")
    assert response.status_code == 400
    assert "Paste the article text or upload a file." in response.content.decode()
    assert_nothing_created()


def test_pasted_text_needs_a_title(reviewer_client):
    response = post(reviewer_client, body=TEXT)
    assert response.status_code == 400
    assert "Give the pasted article a title." in response.content.decode()
    assert_nothing_created()


def test_binary_file_is_refused(reviewer_client):
    upload = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    response = reviewer_client.post(reverse("reviews:ingest"), {"language": "en", "file": upload})
    assert response.status_code == 400
    assert "binary" in response.content.decode()
    assert_nothing_created()


def test_unknown_file_type_is_refused(reviewer_client):
    upload = SimpleUploadedFile("sheet.xlsx", b"PK\x03\x04 not really a spreadsheet")
    response = reviewer_client.post(reverse("reviews:ingest"), {"language": "en", "file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "sheet.xlsx" in html or ".xlsx" in html
    assert_nothing_created()


def test_too_large_article_is_refused(reviewer_client, settings):
    settings.FACTCHECK = {**settings.FACTCHECK, "MAX_ARTICLE_BYTES": 100}
    response = post(reviewer_client, title="Long", body=TEXT * 3)
    assert response.status_code == 400
    assert "The article is too large" in response.content.decode()
    assert_nothing_created()


def test_too_large_upload_is_refused(reviewer_client, settings):
    settings.FACTCHECK = {**settings.FACTCHECK, "MAX_ARTICLE_BYTES": 100}
    upload = SimpleUploadedFile("long.txt", (TEXT * 10).encode())
    response = reviewer_client.post(reverse("reviews:ingest"), {"language": "en", "file": upload})
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert_nothing_created()


def test_both_text_and_file_is_ambiguous(reviewer_client):
    upload = SimpleUploadedFile("a.txt", TEXT.encode())
    response = reviewer_client.post(
        reverse("reviews:ingest"), {"title": "T", "body": TEXT, "file": upload, "language": "en"}
    )
    assert response.status_code == 400
    assert "not both" in response.content.decode()
    assert_nothing_created()


def test_ingest_form_keeps_what_the_user_typed_after_an_error(reviewer_client):
    response = post(reviewer_client, title="My title", outlet="My outlet", body="")
    html = response.content.decode()
    assert 'value="My title"' in html and 'value="My outlet"' in html
