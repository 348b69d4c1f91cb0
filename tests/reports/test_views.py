import pytest
from django.test import Client

from reviews.models import Report
from tests.reports.publishing import publish


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def published(article, claims, rate, correct, editor):
    """Two published versions: claim 1 rated False, then corrected to Mostly false."""
    article.outlet = "Example News"
    article.save(update_fields=["outlet"])
    rate(claims[0], "False", "Fewer troops arrived.")
    publish(article=article, actor=editor)
    correct(claims[0], "Mostly false", "the ministry revised its count")
    publish(article=article, actor=editor)
    return article


def test_anyone_reads_the_latest_published_version_without_logging_in(published):
    response = client_for().get(f"/reports/{published.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Report version 2, published" in page
    assert "Mostly false" in page
    assert "Rating of claim 1" in page and "the ministry revised its count" in page
    assert f'href="/reports/{published.pk}/v1/"' in page  # the earlier version is listed
    assert '<script type="application/ld+json">' in page


def test_an_earlier_version_says_it_is_not_the_latest(published):
    response = client_for().get(f"/reports/{published.pk}/v1/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "You are reading version 1" in page
    assert "Report version 1, published" in page
    assert "Rating of claim 1" not in page  # no corrections in version 1


def test_public_page_styles_pass_the_sites_content_security_policy(published):
    response = client_for().get(f"/reports/{published.pk}/")
    policy = response["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in response.content.decode()
    assert "unsafe-inline" not in policy
    assert "style=" not in response.content.decode()


@pytest.mark.parametrize("path", ["/reports/{id}/", "/reports/{id}/v1/", "/reports/{id}/v1/md/"])
def test_an_unpublished_report_is_not_found(path, article, claims, rate):
    rate(claims[0], "False")  # approved, but never published
    assert client_for().get(path.format(id=article.pk)).status_code == 404


def test_unknown_versions_and_formats_are_not_found(published):
    client = client_for()
    assert client.get(f"/reports/{published.pk}/v3/").status_code == 404
    assert client.get(f"/reports/{published.pk}/v1/docx/").status_code == 404


@pytest.mark.parametrize("fmt", ["html", "pdf", "md", "csv", "json", "claimreview"])
def test_downloads_serve_the_stored_rendering_byte_for_byte(fmt, published):
    report = Report.objects.get(article=published, number=1)
    stored = report.renderings.get(format=fmt)
    response = client_for().get(f"/reports/{published.pk}/v1/{fmt}/")
    assert response.status_code == 200
    assert response.content == bytes(stored.content)
    assert response["Content-Type"] == stored.content_type
    assert response["ETag"] == f'"{stored.content_hash}"'
    assert f"factcheck-{published.pk}-v1." in response["Content-Disposition"]


def test_the_stored_html_is_served_with_a_policy_that_runs_no_script(published):
    response = client_for().get(f"/reports/{published.pk}/v2/html/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'none'" in policy


def test_index_lists_published_reports_only(published, editor):
    from tests.factories import ArticleFactory

    ArticleFactory(title="Never published")
    page = client_for().get("/reports/").content.decode()
    assert published.title in page and "Never published" not in page


def test_preview_needs_a_desk_member(article, outsider):
    response = client_for().get(f"/articles/{article.pk}/report/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(outsider).get(f"/articles/{article.pk}/report/").status_code == 403


def test_reviewer_previews_the_draft_with_pending_claims_but_cannot_publish(
    article, claims, rate, reviewer, ratings
):
    from reviews.services.verdicts import verdict_save

    rate(claims[0], "False")
    verdict_save(
        claim=claims[1], actor=reviewer, rating=ratings["True"], rationale="Draft.", confidence=50
    )
    response = client_for(reviewer).get(f"/articles/{article.pk}/report/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Draft, not published." in page
    assert "Pending: True" in page
    assert "Publish report" not in page


@pytest.mark.parametrize("fmt", ["html", "pdf", "md", "csv", "json", "claimreview"])
def test_desk_downloads_the_draft_in_every_format(fmt, article, claims, rate, reviewer):
    rate(claims[0], "False")
    response = client_for(reviewer).get(f"/articles/{article.pk}/report/export/{fmt}/")
    assert response.status_code == 200
    assert response.content
    assert f"factcheck-{article.pk}-draft." in response["Content-Disposition"]


def test_editor_publishes_from_the_preview(article, claims, rate, editor):
    rate(claims[0], "False")
    client = client_for(editor)
    assert "Publish report" in client.get(f"/articles/{article.pk}/report/").content.decode()
    response = client.post(f"/articles/{article.pk}/report/publish/")
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{article.pk}/v1/"
    assert Report.objects.get(article=article).number == 1
    follow = client.post(f"/articles/{article.pk}/report/publish/", follow=True)
    assert "Nothing changed since version 1" in follow.content.decode()
    assert Report.objects.filter(article=article).count() == 1


def test_reviewer_posting_publish_is_refused_with_a_message(article, claims, rate, reviewer):
    rate(claims[0], "False")
    response = client_for(reviewer).post(f"/articles/{article.pk}/report/publish/", follow=True)
    assert "Only editors can publish reports." in response.content.decode()
    assert not Report.objects.exists()


def test_publish_only_accepts_post(article, editor):
    assert client_for(editor).get(f"/articles/{article.pk}/report/publish/").status_code == 405
