"""Publishing and reading reports through the API."""

from __future__ import annotations

import datetime

import pytest

from reviews.models import Report
from tests.api.conftest import error_of
from tests.exports import claimreview_rules
from tests.scenes import approve, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(article, claim, reviewer, editor, ratings):
    # ClaimReview recommends where the claim appeared.
    article.url = "https://news.example.org/troops"
    article.published = datetime.date(2022, 1, 10)
    article.outlet = "Example News"
    article.save(update_fields=["url", "published", "outlet"])
    approve(claim, reviewer, editor, ratings["mostly-true"])
    return claim


def report_url(article, **query) -> str:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/api/articles/{article.pk}/report/" + (f"?{params}" if params else "")


def test_editor_publishes_the_report(editor_api, article, approved):
    response = editor_api.post(f"/api/articles/{article.pk}/publish/")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["number"] == 1
    assert data["published_by"]["username"] == "erin"
    assert set(data["downloads"]) == {"html", "pdf", "md", "csv", "json", "claimreview"}
    assert data["downloads"]["pdf"].startswith("http://testserver/reports/")
    assert Report.objects.get(article=article).number == 1


def test_publishing_again_without_changes_is_a_conflict(editor_api, article, approved):
    editor_api.post(f"/api/articles/{article.pk}/publish/")
    error_of(editor_api.post(f"/api/articles/{article.pk}/publish/"), 409, "conflict")
    assert Report.objects.count() == 1


def test_nothing_approved_is_nothing_to_publish(editor_api, article, claim, reviewer, ratings):
    submit(claim, reviewer, ratings["true"])
    error_of(editor_api.post(f"/api/articles/{article.pk}/publish/"), 400, "invalid")
    assert not Report.objects.exists()


def test_only_editors_publish(reviewer_api, outsider_api, anon_api, article, approved):
    error_of(reviewer_api.post(f"/api/articles/{article.pk}/publish/"), 403, "forbidden")
    error_of(outsider_api.post(f"/api/articles/{article.pk}/publish/"), 404, "not_found")
    error_of(anon_api.post(f"/api/articles/{article.pk}/publish/"), 401, "not_authenticated")
    assert not Report.objects.exists()


def test_anyone_reads_a_published_report_in_every_format(
    anon_api, editor_api, article, approved, django_capture_on_commit_callbacks
):
    # The PDF is rendered by a task after the publishing transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        editor_api.post(f"/api/articles/{article.pk}/publish/")
    expected = {
        "html": "text/html",
        "pdf": "application/pdf",
        "md": "text/markdown",
        "csv": "text/csv",
        "json": "application/json",
        "claimreview": "application/ld+json",
    }
    for fmt, content_type in expected.items():
        response = anon_api.get(report_url(article, format=fmt))
        assert response.status_code == 200, (fmt, response.content[:200])
        assert response["Content-Type"].startswith(content_type)
    html = anon_api.get(report_url(article, format="html"))
    assert "script-src 'none'" in html["Content-Security-Policy"]
    assert anon_api.get(report_url(article, format="pdf")).content.startswith(b"%PDF")


def test_claimreview_export_contains_the_approved_claim(anon_api, editor_api, article, approved):
    editor_api.post(f"/api/articles/{article.pk}/publish/")
    reviews = anon_api.get(report_url(article, format="claimreview")).json()
    assert claimreview_rules.validate(reviews) == []
    assert [r["claimReviewed"] for r in reviews] == [approved.text]
    assert reviews[0]["reviewRating"]["alternateName"] == "Mostly true"


def test_json_is_the_default_format_and_versions_can_be_chosen(
    anon_api, editor_api, article, approved
):
    editor_api.post(f"/api/articles/{article.pk}/publish/")
    assert anon_api.get(report_url(article))["Content-Type"] == "application/json"
    assert anon_api.get(report_url(article, version=1)).status_code == 200
    error_of(anon_api.get(report_url(article, version=2)), 404, "not_found")


def test_unpublished_report_is_not_found(anon_api, reviewer_api, article, approved):
    error_of(anon_api.get(report_url(article)), 404, "not_found")
    error_of(reviewer_api.get(report_url(article, format="html")), 404, "not_found")
    error_of(anon_api.get("/api/articles/987654/report/"), 404, "not_found")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"format": "docx"}, "format"),
        ({"draft": "perhaps"}, "draft"),
        ({"version": "last"}, "version"),
    ],
)
def test_bad_report_queries_are_refused(anon_api, article, query, field):
    error = error_of(anon_api.get(report_url(article, **query)), 400, "invalid")
    assert field in error["fields"]


def test_drafts_are_for_editors(
    editor_api, reviewer_api, outsider_api, anon_api, article, approved
):
    response = editor_api.get(report_url(article, format="md", draft=1))
    assert response.status_code == 200, response.content
    assert approved.text in response.content.decode()
    error_of(reviewer_api.get(report_url(article, draft=1)), 403, "forbidden")
    error_of(outsider_api.get(report_url(article, draft=1)), 404, "not_found")
    error_of(anon_api.get(report_url(article, draft=1)), 401, "not_authenticated")
    error_of(editor_api.get("/api/articles/987654/report/?draft=1"), 404, "not_found")


def test_a_report_ignores_the_accept_header(anon_api, editor_api, article, approved):
    editor_api.post(f"/api/articles/{article.pk}/publish/")
    response = anon_api.get(report_url(article, format="csv"), HTTP_ACCEPT="application/xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="factcheck-{article.pk}.csv"'


def test_a_pdf_still_being_rendered_answers_202_with_retry_after(
    editor_api, anon_api, article, approved
):
    # Inside the test's transaction the after-commit rendering job does not run yet.
    assert editor_api.post(f"/api/articles/{article.pk}/publish/").status_code == 201
    assert not Report.objects.get(article=article).renderings.filter(format="pdf").exists()
    response = anon_api.get(report_url(article, format="pdf"))
    assert response.status_code == 202
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "pending"
    assert anon_api.get(report_url(article, format="html")).status_code == 200
