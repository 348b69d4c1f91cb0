"""Candidate sources end to end, with tasks run eagerly after commit and every outside
service a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from reviews.errors import ReviewError
from reviews.models import Article, Candidate, Evidence, Job, Source
from reviews.services import sources
from reviews.services.claims import claim_assign
from reviews.tasks import find_candidates
from tests.fakes import fixtures as fakes
from tests.fakes.server import Reply
from tests.fakes.wikipedia import article_html

# The fake servers' fixtures, used by this module's tests.
allow_fetch = fakes.allow_fetch
fake_factcheck_tools = fakes.fake_factcheck_tools
fake_searxng = fakes.fake_searxng
fake_site = fakes.fake_site
fake_wikipedia = fakes.fake_wikipedia
providers_on = fakes.providers_on

STORY = article_html(
    "Peacekeepers land in Almaty",
    [
        "The weather in Almaty was cold on Monday morning.",
        "Officials said 2,030 troops of the CSTO arrived on Monday to guard key sites.",
        "Markets stayed closed for the third day.",
    ],
    publisher="Example News",
    author="Jane Reporter",
    date="2022-01-10",
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FETCH_TOP_CANDIDATES = 10


@pytest.fixture
def web(providers_on, fake_site, allow_fetch):
    """All providers on; SearxNG finds a news story on the fake site and, like Wikipedia,
    the Wikipedia page on the troops."""
    wiki = providers_on["wikipedia"]
    fake_site.routes["/news/troops"] = Reply.html(STORY)
    providers_on["searxng"].results = [
        {
            "url": f"{fake_site.url}/news/troops?utm_source=searx",
            "title": "Peacekeepers land",
            "content": "2,030 troops arrived",
            "host": "news.example",
        },
        {
            "url": f"{wiki.url}/wiki/Collective_Security_Treaty_Organization#History",
            "title": "CSTO - Wikipedia",
            "content": "alliance",
            "host": "wikipedia.org",
        },
    ]
    providers_on["factcheck_tools"].routes["/checks/csto-troops"] = Reply.html(
        article_html(
            "Were the CSTO troops all Russian?",
            ["Of the 2,030 troops most were Russian paratroopers."],
        )
    )
    allow_fetch(fake_site, *providers_on.values())
    return {**providers_on, "site": fake_site}


def find(claim, actor, django_capture_on_commit_callbacks, **kw):
    with django_capture_on_commit_callbacks(execute=True):
        return sources.candidates_find(claim=claim, actor=actor, **kw)


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
    from tests.factories import ArticleFactory, ClaimFactory
    from tests.services.workflow import approve

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
    (job,) = sources.candidates_find(claim=claim, actor=reviewer, providers=["searxng"])
    assert sources.candidates_find_run(job_id=job.pk) is not None
    count = claim.candidates.count()
    assert sources.candidates_find_run(job_id=job.pk) is None
    assert claim.candidates.count() == count
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 1)


def test_a_search_already_running_is_not_started_twice(claim, reviewer, web):
    first = sources.candidates_find(claim=claim, actor=reviewer, providers=["searxng"])
    second = sources.candidates_find(claim=claim, actor=reviewer, providers=["searxng"])
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
    (job,) = sources.candidates_find(claim=claim, actor=reviewer, providers=["searxng"])
    with pytest.raises(sources.TransientJobError):
        sources.candidates_find_run(job_id=job.pk)
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
    evidence = sources.candidate_accept(
        candidate=story, actor=reviewer, stance="supports", quote="2,030 troops of the CSTO"
    )
    story.refresh_from_db()
    assert evidence.source == story.source
    assert (evidence.stance, evidence.quote) == ("supports", "2,030 troops of the CSTO")
    assert story.decision == Candidate.Decision.ACCEPTED
    assert story.decided_by == reviewer and story.decided_at is not None
    with pytest.raises(ReviewError, match="accepted already"):
        sources.candidate_accept(candidate=story, actor=reviewer, stance="supports")
    assert Evidence.objects.filter(claim=claim).count() == 1


def test_accepting_without_a_stance_is_refused_and_stores_nothing(
    claim, reviewer, web, django_capture_on_commit_callbacks
):
    find(claim, reviewer, django_capture_on_commit_callbacks, providers=["searxng"])
    story = claim.candidates.first()
    with pytest.raises(ReviewError, match="supports, refutes"):
        sources.candidate_accept(candidate=story, actor=reviewer, stance="maybe")
    story.refresh_from_db()
    assert story.decision == Candidate.Decision.PENDING
    assert not Evidence.objects.exists()


def test_dismissing_hides_a_candidate_and_keeps_who_decided(
    claim, reviewer, web, django_capture_on_commit_callbacks
):
    find(claim, reviewer, django_capture_on_commit_callbacks, providers=["searxng"])
    story = claim.candidates.first()
    sources.candidate_dismiss(candidate=story, actor=reviewer, reason="paywalled")
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
    claim_assign(claim=claim, assignee=reviewer2, actor=editor)
    story = claim.candidates.first()
    with pytest.raises(ReviewError) as refused:
        sources.candidate_dismiss(candidate=story, actor=reviewer)
    assert refused.value.code == "forbidden"
    story.refresh_from_db()
    assert story.decision == Candidate.Decision.PENDING


def test_outsiders_cannot_search(claim, outsider, web):
    with pytest.raises(ReviewError) as refused:
        sources.candidates_find(claim=claim, actor=outsider)
    assert refused.value.code == "forbidden"
    assert not Job.objects.exists()


def test_only_editors_search_a_whole_article(
    article, claim, second_claim, reviewer, editor, web, django_capture_on_commit_callbacks
):
    with pytest.raises(ReviewError):
        sources.candidates_find_for_article(article=article, actor=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        jobs = sources.candidates_find_for_article(article=article, actor=editor)
    assert {j.claim_id for j in jobs} == {claim.pk, second_claim.pk}
    assert claim.candidates.exists() and second_claim.candidates.exists()


def test_an_article_is_ingested_from_a_url(reviewer, web, django_capture_on_commit_callbacks):
    url = f"{web['site'].url}/news/troops"
    with django_capture_on_commit_callbacks(execute=True):
        job = sources.article_ingest_from_url(url=url, actor=reviewer)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    article = Article.objects.get(pk=job.result["article_id"])
    assert job.article == article
    assert article.title == "Peacekeepers land in Almaty"
    assert article.origin == Article.Origin.URL
    assert (article.outlet, article.author) == ("Example News", "Jane Reporter")
    assert str(article.published) == "2022-01-10"
    assert "2,030 troops" in article.body
    assert article.claims.exists()


@pytest.mark.parametrize("url", ["http://10.0.0.7/story", "file:///etc/passwd", "not a url"])
def test_ingesting_a_bad_or_private_url_creates_no_article(
    url, reviewer, web, django_capture_on_commit_callbacks
):
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = sources.article_ingest_from_url(url=url, actor=reviewer)
    except ReviewError as refused:
        assert refused.fields == {"url": "invalid"}
        assert not Job.objects.exists()
    else:
        job.refresh_from_db()
        assert job.status == Job.Status.FAILED
        assert "private" in job.last_error
    assert not Article.objects.exists()


def test_ingest_on_search_when_the_desk_turns_it_on(
    reviewer, web, settings, django_capture_on_commit_callbacks
):
    settings.AUTO_FIND_SOURCES_ON_INGEST = True
    settings.FACTCHECK_PROVIDERS = ["searxng"]
    url = f"{web['site'].url}/news/troops"
    with django_capture_on_commit_callbacks(execute=True):
        job = sources.article_ingest_from_url(url=url, actor=reviewer)
    job.refresh_from_db()
    article = Article.objects.get(pk=job.result["article_id"])
    searched = Job.objects.filter(kind=Job.Kind.FIND_CANDIDATES, article=article)
    assert searched.exists()
    assert Candidate.objects.filter(claim__article=article).exists()


def attach(claim, actor, url):
    from reviews.services.evidence import evidence_add

    return evidence_add(claim=claim, actor=actor, url=url, stance="supports")


def test_link_rot_marks_vanished_evidence_gone_and_keeps_live_ones(
    claim, reviewer, web, django_capture_on_commit_callbacks
):
    site = web["site"]
    site.routes["/gone"] = Reply(status=404, body=b"no such page")
    live = attach(claim, reviewer, f"{site.url}/news/troops")
    dead = attach(claim, reviewer, f"{site.url}/gone")
    with django_capture_on_commit_callbacks(execute=True):
        job = sources.evidence_recheck_due()
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
        again = sources.evidence_recheck_due()
    again.refresh_from_db()
    assert again.result == {"checked": 0, "gone": 0}


def test_a_reference_document_upload_is_searchable_by_the_archive(
    claim, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.FACTCHECK_PROVIDERS = ["archive"]
    source = sources.reference_document_add(
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
        job = sources.reference_document_add(actor=reviewer, url=f"{web['site'].url}/news/troops")
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
        sources.reference_document_add(actor=reviewer, **kw)
    assert not Source.objects.exists()
    assert not Job.objects.exists()


# --- The web interface of sources ---------------------------------------------------------


def htmx(client, method, url, data=None):
    return getattr(client, method)(url, data or {}, HTTP_HX_REQUEST="true")


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
    (job,) = sources.candidates_find(claim=claim, actor=reviewer, providers=["searxng"])
    client.force_login(reviewer)
    page = htmx(client, "get", f"/claims/{claim.pk}/sources/").content.decode()
    assert "every 2s" in page and "part=jobs" in page
    assert "Queued" in page
    sources.candidates_find_run(job_id=job.pk)
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


def test_fetching_an_article_from_a_url_through_the_form(
    client, reviewer, web, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    assert client.get("/articles/from-url/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/articles/from-url/", {"url": f"{web['site'].url}/news/troops", "language": "en"}
        )
    job = Job.objects.get(kind=Job.Kind.INGEST_URL)
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "Peacekeepers land in Almaty" in page
    refused = client.post("/articles/from-url/", {"url": "ftp://x.example/", "language": "en"})
    assert refused.status_code == 400
    assert Job.objects.count() == 1
