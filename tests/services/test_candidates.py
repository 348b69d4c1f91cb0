"""Candidate sources of a claim: found by the providers, fetched safely, ranked, accepted or
dismissed; end to end, with every outside service a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from reviews.errors import ReviewError
from reviews.models import Candidate, Evidence, Job, Source
from reviews.services.candidates import (
    candidate_accept,
    candidate_dismiss,
    candidates_find,
    candidates_find_for_article,
    candidates_find_run,
)
from reviews.services.claims import claim_assign
from reviews.services.jobs import TransientJobError
from reviews.tasks import find_candidates
from tests.factories import ArticleFactory, ClaimFactory
from tests.fakes.server import Reply
from tests.scenes import approve
from tests.services import outside
from tests.services.outside import find, htmx

# The outside world's fixtures: pytest finds a fixture by its name in the test's module.
allow_fetch = outside.allow_fetch
fake_factcheck_tools = outside.fake_factcheck_tools
fake_searxng = outside.fake_searxng
fake_site = outside.fake_site
fake_wikipedia = outside.fake_wikipedia
media = outside.media
providers_on = outside.providers_on
web = outside.web


def test_finding_sources_stores_deduplicated_ranked_candidates_with_passages(
    claim, reviewer, web, django_capture_on_commit_callbacks
):
    jobs = find(claim, reviewer, django_capture_on_commit_callbacks)
    assert {j.params["provider"] for j in jobs} == {
        "archive",
        "wikipedia",
        "factcheck_tools",
        "searxng",
    }
    assert set(
        Job.objects.filter(kind=Job.Kind.FIND_CANDIDATES).values_list("status", flat=True)
    ) == {"done"}
    candidates = list(claim.candidates.order_by("-relevance"))
    urls = [c.canonical_url for c in candidates]
    assert len(urls) == len(set(urls))
    csto = claim.candidates.get(title="Collective Security Treaty Organization")
    assert sorted(csto.providers) == ["searxng", "wikipedia"]
    story = claim.candidates.get(canonical_url=f"{web['site'].url}/news/troops")
    assert story.source is not None
    assert story.source.fetch_status == Source.FetchStatus.FETCHED
    assert story.source.publisher == "Example News"
    assert story.source.author == "Jane Reporter"
    assert "2,030 troops of the CSTO arrived" in story.passage
    assert default_storage.exists(story.source.snapshot.name)
    assert story.source.content_hash
    fact_check = claim.candidates.get(provider="factcheck_tools")
    assert fact_check.extra["rating"] == "Mostly false"
    assert [c.rank for c in candidates] == list(range(1, len(candidates) + 1))
    fetches = Job.objects.filter(kind=Job.Kind.FETCH_CANDIDATE)
    assert fetches.count() == claim.candidates.count()
    assert set(fetches.values_list("status", flat=True)) == {"done"}


def test_an_earlier_verdict_of_the_desk_comes_first(
    claim, scale, reviewer, reviewer2, editor, web, django_capture_on_commit_callbacks
):
    earlier = ClaimFactory(article=ArticleFactory())
    approve(earlier, reviewer2, editor, scale.ratings.get(label="False"))
    find(claim, reviewer, django_capture_on_commit_callbacks)
    top = claim.candidates.order_by("-relevance").first()
    assert top.extra["kind"] == "verdict"
    assert top.title.endswith(": False")
    assert top.source is None  # the desk's own record: nothing to fetch


def test_searching_again_adds_no_duplicates_and_fetches_nothing_twice(
    claim, reviewer, web, django_capture_on_commit_callbacks
):
    find(claim, reviewer, django_capture_on_commit_callbacks)
    before = set(claim.candidates.values_list("canonical_url", flat=True))
    page_hits = len(web["site"].hits("/news/troops"))
    find(claim, reviewer, django_capture_on_commit_callbacks)
    assert set(claim.candidates.values_list("canonical_url", flat=True)) == before
    assert claim.candidates.count() == len(before)
    assert len(web["site"].hits("/news/troops")) == page_hits
    assert Source.objects.filter(canonical_url=f"{web['site'].url}/news/troops").count() == 1


def test_a_duplicate_delivery_of_a_job_does_nothing(claim, reviewer, web):
    (job,) = candidates_find(claim=claim, actor=reviewer, providers=["searxng"])
    assert candidates_find_run(job_id=job.pk) is not None
    count = claim.candidates.count()
    assert candidates_find_run(job_id=job.pk) is None
    assert claim.candidates.count() == count
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 1)


def test_a_search_already_running_is_not_started_twice(claim, reviewer, web):
    first = candidates_find(claim=claim, actor=reviewer, providers=["searxng"])
    second = candidates_find(claim=claim, actor=reviewer, providers=["searxng"])
    assert len(first) == 1 and second == []


def test_a_candidate_at_a_private_address_is_refused_and_nothing_is_stored(
    claim, reviewer, web, django_capture_on_commit_callbacks
):
    web["searxng"].results = [
        {"url": "http://169.254.169.254/latest/meta-data/", "title": "metadata"},
        {"url": f"http://127.0.0.1:{web['site'].port + 1}/admin", "title": "local admin"},
    ]
    find(claim, reviewer, django_capture_on_commit_callbacks, providers=["searxng"])
    for candidate in claim.candidates.all():
        assert candidate.source is None
        assert "Refused" in candidate.extra["fetch_error"]
        (job,) = candidate.jobs.all()
        assert job.status == Job.Status.FAILED
        assert "Refused" in job.last_error
    assert Source.objects.count() == 0


def test_a_transient_provider_failure_is_retried_then_shown(
    claim, reviewer, web, django_capture_on_commit_callbacks
):
    web["searxng"].routes["/search"] = Reply(status=503, body=b"overloaded")
    (job,) = candidates_find(claim=claim, actor=reviewer, providers=["searxng"])
    with pytest.raises(TransientJobError):
        candidates_find_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert "503" in job.last_error
    # Eager tasks (the embedded demo) do not wait for backoff: they give up and say why.
    find_candidates.delay(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "503" in job.last_error


def test_accepting_a_candidate_makes_it_evidence_and_keeps_the_decision(
    claim, reviewer, web, django_capture_on_commit_callbacks
):
    find(claim, reviewer, django_capture_on_commit_callbacks, providers=["searxng"])
    story = claim.candidates.get(canonical_url=f"{web['site'].url}/news/troops")
    evidence = candidate_accept(
        candidate=story, actor=reviewer, stance="supports", quote="2,030 troops of the CSTO"
    )
    story.refresh_from_db()
    assert evidence.source == story.source
    assert (evidence.stance, evidence.quote) == ("supports", "2,030 troops of the CSTO")
    assert story.decision == Candidate.Decision.ACCEPTED
    assert story.decided_by == reviewer and story.decided_at is not None
    with pytest.raises(ReviewError, match="accepted already"):
        candidate_accept(candidate=story, actor=reviewer, stance="supports")
    assert Evidence.objects.filter(claim=claim).count() == 1


def test_accepting_without_a_stance_is_refused_and_stores_nothing(
    claim, reviewer, web, django_capture_on_commit_callbacks
):
    find(claim, reviewer, django_capture_on_commit_callbacks, providers=["searxng"])
    story = claim.candidates.first()
    with pytest.raises(ReviewError, match="supports, refutes"):
        candidate_accept(candidate=story, actor=reviewer, stance="maybe")
    story.refresh_from_db()
    assert story.decision == Candidate.Decision.PENDING
    assert not Evidence.objects.exists()


def test_dismissing_hides_a_candidate_and_keeps_who_decided(
    claim, reviewer, web, django_capture_on_commit_callbacks
):
    find(claim, reviewer, django_capture_on_commit_callbacks, providers=["searxng"])
    story = claim.candidates.first()
    candidate_dismiss(candidate=story, actor=reviewer, reason="paywalled")
    story.refresh_from_db()
    assert story.decision == Candidate.Decision.DISMISSED
    assert story.decided_by == reviewer
    assert story.extra["dismiss_reason"] == "paywalled"
    # A later search finds it again but leaves the decision alone.
    find(claim, reviewer, django_capture_on_commit_callbacks, providers=["searxng"])
    story.refresh_from_db()
    assert story.decision == Candidate.Decision.DISMISSED


def test_a_reviewer_cannot_dismiss_candidates_of_someone_elses_claim(
    claim, reviewer, reviewer2, editor, web, django_capture_on_commit_callbacks
):
    find(claim, reviewer, django_capture_on_commit_callbacks, providers=["searxng"])
    claim_assign(claim=claim, assignee_id=reviewer2.pk, actor=editor)
    story = claim.candidates.first()
    with pytest.raises(ReviewError) as refused:
        candidate_dismiss(candidate=story, actor=reviewer)
    assert refused.value.code == "forbidden"
    story.refresh_from_db()
    assert story.decision == Candidate.Decision.PENDING


def test_outsiders_cannot_search(claim, outsider, web):
    with pytest.raises(ReviewError) as refused:
        candidates_find(claim=claim, actor=outsider)
    assert refused.value.code == "forbidden"
    assert not Job.objects.exists()


def test_only_editors_search_a_whole_article(
    article, claim, second_claim, reviewer, editor, web, django_capture_on_commit_callbacks
):
    with pytest.raises(ReviewError):
        candidates_find_for_article(article=article, actor=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        jobs = candidates_find_for_article(article=article, actor=editor)
    assert {j.claim_id for j in jobs} == {claim.pk, second_claim.pk}
    assert claim.candidates.exists() and second_claim.candidates.exists()


# --- The claim's sources panel ------------------------------------------------------------


def test_the_claim_panel_loads_candidates_best_first_with_the_passage_highlighted(
    client, claim, reviewer, web, django_capture_on_commit_callbacks
):
    find(claim, reviewer, django_capture_on_commit_callbacks, providers=["searxng"])
    client.force_login(reviewer)
    page = htmx(client, "get", f"/claims/{claim.pk}/sources/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("Peacekeepers land") < html.index("Collective Security Treaty")
    assert "<mark>2,030</mark>" in html and "<mark>troops</mark>" in html
    assert f"/candidates/{claim.candidates.first().pk}/accept/" in html
    assert "every 2s" not in html  # nothing running: no polling


def test_the_panel_polls_while_a_job_is_active_and_reloads_when_it_ends(
    client, claim, reviewer, web, settings
):
    settings.FETCH_TOP_CANDIDATES = 0
    (job,) = candidates_find(claim=claim, actor=reviewer, providers=["searxng"])
    client.force_login(reviewer)
    page = htmx(client, "get", f"/claims/{claim.pk}/sources/").content.decode()
    assert "every 2s" in page and "part=jobs" in page
    assert "Queued" in page
    candidates_find_run(job_id=job.pk)
    jobs = htmx(client, "get", f"/claims/{claim.pk}/sources/?part=jobs&was_active=1")
    html = jobs.content.decode()
    assert "every 2s" not in html
    assert 'hx-trigger="load"' in html  # the finished search reloads the whole panel
    assert "Done" in html


def test_find_accept_and_dismiss_through_the_panel(
    client, claim, reviewer, web, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        found = htmx(client, "post", f"/claims/{claim.pk}/sources/find/")
    assert found.status_code == 200
    story = claim.candidates.get(canonical_url=f"{web['site'].url}/news/troops")
    accepted = htmx(
        client,
        "post",
        f"/candidates/{story.pk}/accept/",
        {"stance": "supports", "quote": "2,030 troops of the CSTO"},
    )
    assert accepted.status_code == 200
    assert accepted["HX-Trigger"] == "evidence-added"
    assert Evidence.objects.get(claim=claim).quote == "2,030 troops of the CSTO"
    other = claim.candidates.filter(decision=Candidate.Decision.PENDING).first()
    dismissed = htmx(client, "post", f"/candidates/{other.pk}/dismiss/", {"reason": "blog"})
    assert dismissed.status_code == 200
    assert f"candidate-{other.pk}" not in dismissed.content.decode()
    bad = htmx(client, "post", f"/candidates/{other.pk}/accept/", {"stance": "supports"})
    assert bad.status_code == 400
    assert "dismissed already" in bad.content.decode()


def test_outsiders_see_no_sources(client, claim, outsider, web):
    client.force_login(outsider)
    assert client.get(f"/claims/{claim.pk}/sources/").status_code == 403
    assert client.post(f"/claims/{claim.pk}/sources/find/").status_code == 403
    assert not Job.objects.exists()


def test_only_editors_get_the_find_all_button(client, article, claim, reviewer, editor, web):
    client.force_login(reviewer)
    assert (
        "Find sources for every claim"
        not in client.get(f"/articles/{article.pk}/sources/").content.decode()
    )
    assert client.post(f"/articles/{article.pk}/sources/find/").status_code == 403
    client.force_login(editor)
    assert (
        "Find sources for every claim"
        in client.get(f"/articles/{article.pk}/sources/").content.decode()
    )
