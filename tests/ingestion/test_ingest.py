"""Ingesting articles: pasted text and uploaded files, and everything that must be refused."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reviews.errors import ReviewError
from reviews.models import Article, Claim
from reviews.services.articles import article_ingest, article_ingest_upload

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo_article.txt"
TEXT = "Prices rose 12 percent in 2021, the ministry said.\nThank you for reading."

pytestmark = pytest.mark.django_db


def nothing_stored():
    return Article.objects.count() == 0 and Claim.objects.count() == 0


def test_pasted_text_is_stored_exactly_and_split_into_anchored_claims(editor):
    body = "  Headline without a stop\n" + TEXT + "\n"
    article = article_ingest(
        title="Prices", body=body, actor=editor, published=datetime.date(2022, 1, 10)
    )
    article.refresh_from_db()
    assert article.body == body
    assert article.ingested_by == editor
    claims = list(article.claims.order_by("start"))
    assert [c.text for c in claims] == [
        "Headline without a stop",
        "Prices rose 12 percent in 2021, the ministry said.",
        "Thank you for reading.",
    ]
    for claim in claims:
        assert body[claim.start : claim.end] == claim.text
    assert claims[0].headline
    assert claims[1].checkworthiness > claims[2].checkworthiness
    assert claims[1].score_reasons


@pytest.mark.parametrize("body", ["", "   ", "\n\t\n"])
def test_empty_article_is_refused_and_nothing_is_stored(body):
    with pytest.raises(ReviewError, match="empty"):
        article_ingest(title="Empty", body=body)
    assert nothing_stored()


def test_article_over_the_size_limit_is_refused(settings):
    settings.FACTCHECK = {**settings.FACTCHECK, "MAX_ARTICLE_BYTES": 100}
    with pytest.raises(ReviewError, match="too large"):
        article_ingest(title="Big", body="A sentence that is long enough. " * 10)
    assert nothing_stored()


def test_article_needs_a_title():
    with pytest.raises(ReviewError, match="title"):
        article_ingest(title="  ", body=TEXT)
    assert nothing_stored()


def test_failure_while_creating_claims_leaves_no_article(monkeypatch):
    from reviews.services import articles

    def broken(article):
        raise RuntimeError("extraction failed")

    monkeypatch.setattr(articles, "claims_from_body", broken)
    with pytest.raises(RuntimeError):
        article_ingest(title="Half", body=TEXT)
    assert nothing_stored()


def test_uploaded_html_keeps_main_text_and_drops_scripts_and_markup():
    html = (
        b"<html><head><title>T</title><script>alert('x')</script><style>p{}</style></head>"
        b"<body><nav>Home | About</nav><article><h1>Troops arrive</h1>"
        b"<p>Officials said 2,030 troops arrived on Monday in the capital city.</p>"
        b"<p>The ministry reported that 7,939 people were detained during the unrest.</p>"
        b"</article></body></html>"
    )
    article = article_ingest_upload(name="page.html", data=html, title="Troops")
    assert "2,030 troops" in article.body
    assert "<p>" not in article.body
    assert "alert" not in article.body
    assert article.claims.filter(text__contains="7,939").exists()
    assert article.origin == Article.Origin.UPLOAD


def test_broken_html_still_yields_its_text():
    html = b"<div><p>Officials said 2,030 troops arrived.<p>Unclosed <b>tags everywhere"
    article = article_ingest_upload(name="broken.htm", data=html, title="Broken")
    assert "2,030 troops arrived" in article.body


def test_uploaded_markdown_and_text_are_stored_as_written():
    data = b"# Heading\n\nPrices rose 12 percent.\n"
    article = article_ingest_upload(name="notes.md", data=data, title="")
    assert article.body == "# Heading\n\nPrices rose 12 percent.\n"
    assert article.title == "# Heading"


def test_uploaded_docx_paragraphs_become_the_body():
    import docx

    document = docx.Document()
    document.add_paragraph("Troops arrive in the capital")
    document.add_paragraph("Officials said 2,030 troops arrived on Monday.")
    buffer = io.BytesIO()
    document.save(buffer)
    article = article_ingest_upload(name="story.docx", data=buffer.getvalue())
    assert (
        article.body
        == "Troops arrive in the capital\nOfficials said 2,030 troops arrived on Monday."
    )
    assert article.title == "Troops arrive in the capital"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "Unsupported file type"),
        ("blob.txt", b"\x00\x01\x02binary\x00data", "binary"),
        ("latin1.txt", "Caf\u00e9 prices rose.".encode("latin-1"), "not UTF-8"),
        ("fake.docx", b"this is not a zip file", ".docx"),
        ("empty.html", b"<html><body><script>x()</script></body></html>", "No article text"),
        ("noext", b"text", "Unsupported file type"),
    ],
)
def test_unreadable_uploads_get_a_clear_error_and_store_nothing(name, data, message):
    with pytest.raises(ReviewError, match=message):
        article_ingest_upload(name=name, data=data, title="X")
    assert nothing_stored()


def test_script_tags_in_pasted_text_are_kept_as_text_not_run():
    body = "Officials said <script>alert(1)</script> 2,030 troops arrived."
    article = article_ingest(title="Script", body=body)
    assert article.body == body  # stored as written; templates escape it


def test_ingest_command_reads_a_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Troops arrive\nOfficials said 2,030 troops arrived on Monday.\n")
    out = io.StringIO()
    call_command("ingest", str(path), "--published", "2022-01-10", stdout=out)
    article = Article.objects.get()
    assert article.title == "Troops arrive"
    assert article.published == datetime.date(2022, 1, 10)
    assert "2 claims" in out.getvalue()


def test_ingest_command_refuses_a_bad_file(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x00\x00")
    with pytest.raises(CommandError, match="binary"):
        call_command("ingest", str(path))
    assert nothing_stored()
