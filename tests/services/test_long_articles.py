"""Long articles: stored at once, their claims extracted by a background job with progress;
more units than an article may have claims is refused with the limit in the message."""

from __future__ import annotations

import pytest

from reviews.errors import ReviewError
from reviews.models import Article, Job
from reviews.services.articles import article_claims_extract_run, article_ingest


def lines(n: int) -> str:
    return "\n".join(f"Officials said {i} troops arrived on day {i}." for i in range(n))


@pytest.fixture
def long_threshold(settings):
    settings.FACTCHECK = {**settings.FACTCHECK, "LONG_ARTICLE_CHARS": 2_000}
    return settings


def test_a_long_body_is_stored_and_its_claims_come_from_a_job(
    reviewer, long_threshold, django_capture_on_commit_callbacks
):
    body = lines(120)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        article = article_ingest(title="Transcript", body=body, actor=reviewer)
    # The request stored the body and queued the work, nothing more.
    assert Article.objects.get(pk=article.pk).body == body
    assert article.claims.count() == 0
    job = Job.objects.get(article=article)
    assert (job.kind, job.status, job.created_by) == (Job.Kind.INGEST_TEXT, "queued", reviewer)
    assert len(queued) == 1

    article_claims_extract_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.result == {"claims": 120}
    assert (job.progress_done, job.progress_total) == (120, 120)
    claims = list(article.claims.order_by("start"))
    assert len(claims) == 120
    assert claims[5].text == "Officials said 5 troops arrived on day 5."
    assert body[claims[5].start : claims[5].end] == claims[5].text
    assert claims[5].score_reasons, "every claim has its reasons in words"


def test_a_redelivered_extraction_job_adds_no_claims_twice(
    reviewer, long_threshold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_ingest(title="Transcript", body=lines(60), actor=reviewer)
    job = Job.objects.get(article=article)
    assert job.status == Job.Status.DONE
    assert article.claims.count() == 60
    # The message comes back (a worker died after the commit, before the ack).
    Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED)
    article_claims_extract_run(job_id=job.pk)
    assert article.claims.count() == 60
    job.refresh_from_db()
    assert job.status == Job.Status.DONE


def test_too_many_units_are_refused_with_the_limit_in_the_message(reviewer, settings):
    settings.FACTCHECK = {**settings.FACTCHECK, "MAX_CLAIMS_PER_ARTICLE": 50}
    with pytest.raises(ReviewError) as refused:
        article_ingest(title="Too long", body=lines(51), actor=reviewer)
    assert "51 sentences" in refused.value.message
    assert "at most 50 claims" in refused.value.message
    assert refused.value.fields == {"body": "too many claims"}
    assert not Article.objects.exists()


def test_a_long_body_over_the_limit_fails_its_job_and_keeps_the_text(
    reviewer, long_threshold, django_capture_on_commit_callbacks
):
    long_threshold.FACTCHECK = {**long_threshold.FACTCHECK, "MAX_CLAIMS_PER_ARTICLE": 50}
    with django_capture_on_commit_callbacks(execute=True):
        article = article_ingest(title="Too long", body=lines(80), actor=reviewer)
    job = Job.objects.get(article=article)
    assert job.status == Job.Status.FAILED
    assert "at most 50 claims" in job.last_error
    assert Article.objects.get(pk=article.pk).body == lines(80)
    assert article.claims.count() == 0


def test_the_api_answers_202_with_the_article_and_its_job(
    reviewer_api, long_threshold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_api.post(
            "/api/articles/",
            {"title": "Transcript", "body": lines(90), "published": "2024-05-02"},
            format="json",
        )
    assert response.status_code == 202, response.content
    data = response.json()
    assert data["article"]["title"] == "Transcript"
    job = reviewer_api.get(f"/api/jobs/{data['job']['id']}/").json()
    assert job["status"] == "done"
    assert job["result"] == {"claims": 90}
    stored = Article.objects.get(pk=data["article"]["id"])
    assert stored.claims.count() == 90


def test_the_desk_sends_a_long_paste_to_its_job_page(
    reviewer_client, long_threshold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = reviewer_client.post(
            "/articles/new/", {"title": "Transcript", "body": lines(90), "language": "en"}
        )
    job = Job.objects.get(kind=Job.Kind.INGEST_TEXT)
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    page = reviewer_client.get(response["Location"]).content.decode()
    assert "being extracted in the background" in page
    assert "Transcript" in page
    article_page = reviewer_client.get(f"/articles/{job.article_id}/").content.decode()
    assert "0 of ? sentences scored" in article_page
    assert "Follow the progress" in article_page
