"""Link rot: the daily re-check of attached sources against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

from reviews.models import Job, Source
from reviews.services.evidence import evidence_add
from reviews.services.linkrot import evidence_recheck_due
from tests.fakes.server import Reply
from tests.services import outside

# The outside world's fixtures: pytest finds a fixture by its name in the test's module.
allow_fetch = outside.allow_fetch
fake_factcheck_tools = outside.fake_factcheck_tools
fake_searxng = outside.fake_searxng
fake_site = outside.fake_site
fake_wikipedia = outside.fake_wikipedia
media = outside.media
providers_on = outside.providers_on
web = outside.web


def attach(claim, actor, url):
    return evidence_add(claim=claim, actor=actor, url=url, stance="supports")


def test_link_rot_marks_vanished_evidence_gone_and_keeps_live_ones(
    claim, reviewer, web, django_capture_on_commit_callbacks
):
    site = web["site"]
    site.routes["/gone"] = Reply(status=404, body=b"no such page")
    live = attach(claim, reviewer, f"{site.url}/news/troops")
    dead = attach(claim, reviewer, f"{site.url}/gone")
    with django_capture_on_commit_callbacks(execute=True):
        job = evidence_recheck_due()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.result == {"checked": 2, "gone": 1}
    assert (job.progress_done, job.progress_total) == (2, 2)
    live.source.refresh_from_db()
    dead.source.refresh_from_db()
    assert live.source.fetch_status != Source.FetchStatus.GONE
    assert live.source.last_checked_at is not None
    assert dead.source.fetch_status == Source.FetchStatus.GONE
    assert "404" in dead.source.fetch_error
    # Checked just now: the next daily sweep has nothing to do.
    with django_capture_on_commit_callbacks(execute=True):
        again = evidence_recheck_due()
    again.refresh_from_db()
    assert again.result == {"checked": 0, "gone": 0}
