"""The job plumbing the sources' jobs share: claiming, giving back, and fetching for a job."""

from __future__ import annotations

import pytest

from reviews.models import Job
from reviews.services.jobs import (
    JobBusy,
    TransientJobError,
    job_claim_or_wait,
    job_create,
    job_fetch,
    job_release,
)
from tests.fakes import fixtures as fakes
from tests.fakes.server import Reply
from tests.fakes.wikipedia import article_html

allow_fetch = fakes.allow_fetch
fake_site = fakes.fake_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(fake_site, allow_fetch):
    fake_site.routes["/story"] = Reply.html(article_html("A story", ["Troops arrived."]))
    fake_site.routes["/busy"] = Reply(status=503, body=b"overloaded")
    fake_site.routes["/gone"] = Reply(status=404, body=b"no such page")
    allow_fetch(fake_site)
    return fake_site


@pytest.fixture
def running():
    job = job_create(kind=Job.Kind.INGEST_URL, total=1)
    return job_claim_or_wait(job_id=job.pk)


def test_a_job_running_elsewhere_is_busy_and_a_finished_one_is_nothing_to_do(running):
    with pytest.raises(JobBusy) as busy:
        job_claim_or_wait(job_id=running.pk)
    assert busy.value.wait > 0
    Job.objects.filter(pk=running.pk).update(status=Job.Status.DONE)
    assert job_claim_or_wait(job_id=running.pk) is None


def test_a_released_job_is_queued_again_with_its_reason(running):
    job_release(job_id=running.pk, error="The task ran out of time.")
    running.refresh_from_db()
    assert (running.status, running.last_error) == (Job.Status.QUEUED, "The task ran out of time.")
    assert job_claim_or_wait(job_id=running.pk).attempts == 2


def test_fetching_for_a_job_reads_the_page(running, site):
    fetched = job_fetch(job=running, url=f"{site.url}/story")
    assert fetched.document.title == "A story"
    assert fetched.result.final_url == f"{site.url}/story"
    running.refresh_from_db()
    assert running.status == Job.Status.RUNNING


def test_a_transient_fetch_failure_gives_the_job_back_for_a_retry(running, site):
    told = []
    with pytest.raises(TransientJobError, match="503"):
        job_fetch(job=running, url=f"{site.url}/busy", on_failure=told.append)
    running.refresh_from_db()
    assert running.status == Job.Status.QUEUED
    assert "503" in running.last_error
    assert told == []


def test_a_permanent_fetch_failure_fails_the_job_and_says_why(running, site):
    told = []
    assert job_fetch(job=running, url=f"{site.url}/gone", on_failure=told.append) is None
    running.refresh_from_db()
    assert running.status == Job.Status.FAILED
    assert "404" in running.last_error
    assert told == [running.last_error]


def test_a_private_address_is_refused_for_good(running, site):
    assert job_fetch(job=running, url="http://10.0.0.7/story") is None
    running.refresh_from_db()
    assert running.status == Job.Status.FAILED
    assert "private" in running.last_error
