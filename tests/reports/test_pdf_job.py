"""The PDF of a published version is laid out by a task after publishing commits."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import call_command
from django.test import Client

from reviews import tasks
from reviews.models import ReportRendering
from reviews.services.reports import report_publish
from tests.exports.test_formats import pdf_text
from tests.reports.publishing import publish


@pytest.fixture
def published(article, claims, rate, editor):
    rate(claims[0], "False", "Fewer troops arrived.")
    return publish(article=article, actor=editor)


def test_publishing_stores_the_cheap_formats_and_leaves_the_pdf_to_after_commit(
    article, claims, rate, editor, django_capture_on_commit_callbacks
):
    rate(claims[0], "False")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = report_publish(article=article, actor=editor)
        stored = set(report.renderings.values_list("format", flat=True))
    assert stored == {"html", "md", "csv", "json", "claimreview"}
    assert len(callbacks) == 1  # the PDF task, sent once the version has committed


def test_with_eager_tasks_the_pdf_is_stored_with_its_hash_after_publishing(published, claims):
    rendering = published.renderings.get(format="pdf")
    content = bytes(rendering.content)
    assert content.startswith(b"%PDF")
    assert rendering.content_type == "application/pdf"
    assert rendering.content_hash == hashlib.sha256(content).hexdigest()
    assert "Fewer troops arrived." in " ".join(pdf_text(content).split())


def test_a_duplicate_run_of_the_task_stores_nothing_twice(published):
    before = published.renderings.get(format="pdf")
    tasks.render_report_pdf.delay(published.pk)
    tasks.render_report_pdf.delay(published.pk)
    after = ReportRendering.objects.filter(report=published, format="pdf")
    assert after.count() == 1
    assert after.get().pk == before.pk and after.get().content_hash == before.content_hash
    assert published.renderings.count() == 6


def test_the_task_renders_a_pdf_that_went_missing(published):
    published.renderings.filter(format="pdf").delete()
    tasks.render_report_pdf.delay(published.pk)
    rendering = published.renderings.get(format="pdf")
    assert bytes(rendering.content).startswith(b"%PDF")


def test_the_task_of_a_deleted_version_does_nothing(published):
    report_id = published.pk
    published.delete()
    tasks.render_report_pdf.delay(report_id)
    assert not ReportRendering.objects.filter(report_id=report_id).exists()


def test_while_the_pdf_is_missing_its_download_says_it_is_being_prepared(published):
    published.renderings.filter(format="pdf").delete()
    response = Client().get(f"/reports/{published.article_id}/v1/pdf/")
    assert response.status_code == 202
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "The PDF is being prepared" in page
    assert "Try again in 30 seconds." in page
    # The other formats are served as usual.
    assert Client().get(f"/reports/{published.article_id}/v1/md/").status_code == 200


def test_while_the_pdf_is_missing_the_public_page_says_so(published):
    path = f"/reports/{published.article_id}/"
    assert f'href="{path}v1/pdf/"' in Client().get(path).content.decode()
    published.renderings.filter(format="pdf").delete()
    page = Client().get(path).content.decode()
    assert "PDF (being prepared" in page
    assert f'href="{path}v1/pdf/"' not in page
    assert f'href="{path}v1/md/"' in page


def test_export_command_renders_a_missing_pdf_from_the_snapshot(tmp_path, published):
    published.renderings.filter(format="pdf").delete()
    out = tmp_path / "report.pdf"
    call_command(
        "export_report",
        published.article_id,
        "--format",
        "pdf",
        "--out",
        str(out),
        stderr=io.StringIO(),
    )
    assert "Fewer troops arrived." in " ".join(pdf_text(out.read_bytes()).split())
    # Rendered for the command only: storing it is the task's job.
    assert not published.renderings.filter(format="pdf").exists()
