"""The claim's source jobs say how each search ended, in words a reviewer can act on:
"Wikipedia: 3 candidates", "Wikipedia could not be reached" with a Retry button. The
technical reason (exception text, hosts, ports, setting names) stays in Job.last_error and
the logs, never on a desk page. Every provider is a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import re
import socket
from html import unescape

import pytest

from reviews.models import Candidate, Job
from reviews.selectors.jobs import job_line
from reviews.services.candidates import candidates_find, candidates_find_run
from reviews.services.verdicts import verdict_approve
from tests.factories import ArticleFactory, ClaimFactory
from tests.fakes.server import Reply
from tests.scenes import submit
from tests.services.outside import htmx

pytestmark = pytest.mark.django_db

# What must never reach a desk page: it belongs in the logs and the admin.
TECHNICAL = re.compile(
    r"127\.0\.0\.1|Errno|HTTPConnection|Traceback|urllib3|NewConnectionError|"
    r"FACTCHECK_TOOLS_API_KEY|SEARXNG_URL|WIKIPEDIA_API_URL|not JSON|answered \d{3}"
)


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: connecting is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def wikipedia_only(settings, fake_wikipedia):
    settings.FACTCHECK_PROVIDERS = ["archive", "wikipedia"]
    settings.WIKIPEDIA_API_URL = f"{fake_wikipedia.url}/w/api.php"
    settings.WIKIPEDIA_MIN_INTERVAL_MS = 0
    settings.FETCH_TOP_CANDIDATES = 0
    return fake_wikipedia


def search(client, claim, django_capture_on_commit_callbacks, **data):
    """Press Find sources (or a Retry button) in the panel; the jobs run eagerly."""
    with django_capture_on_commit_callbacks(execute=True):
        response = htmx(client, "post", f"/claims/{claim.pk}/sources/find/", data)
    assert response.status_code == 200
    return htmx(client, "get", f"/claims/{claim.pk}/sources/").content.decode()


def outcome(html: str, provider: str) -> str:
    """The text of one provider's line in the jobs area, tags removed."""
    match = re.search(rf'data-provider="{provider}"[^>]*>(.*?)</li>', html, re.S)
    assert match, f"no line for {provider}"
    return visible(match.group(1))


def visible(html: str) -> str:
    """The text a reader sees: tags removed, entities decoded, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_working_search_says_how_many_candidates_it_found(
    reviewer_client, claim, wikipedia_only, django_capture_on_commit_callbacks
):
    html = search(reviewer_client, claim, django_capture_on_commit_callbacks)
    found = claim.candidates.filter(provider="wikipedia").count()
    assert found >= 2
    assert outcome(html, "wikipedia") == f"Done Wikipedia: {found} candidates"
    assert outcome(html, "archive") == "Done The desk's archive: nothing found"
    job = Job.objects.get(params__provider="wikipedia")
    assert job.result["found"] == found
    assert job.result["message"] == f"Wikipedia: {found} candidates"
    assert "every 2s" not in html  # everything ended: no more polling
    assert "Searching 2 source provider" not in html


def test_a_refused_connection_reads_could_not_be_reached_with_a_retry_button(
    reviewer_client, claim, wikipedia_only, settings, django_capture_on_commit_callbacks
):
    settings.WIKIPEDIA_API_URL = f"http://127.0.0.1:{closed_port()}/w/api.php"
    html = search(reviewer_client, claim, django_capture_on_commit_callbacks)
    assert outcome(html, "wikipedia") == "Failed Wikipedia could not be reached Retry Wikipedia"
    assert 'name="provider" value="wikipedia"' in html
    assert not TECHNICAL.search(html), TECHNICAL.search(html).group(0)
    job = Job.objects.get(params__provider="wikipedia")
    assert job.status == Job.Status.FAILED
    # The admin keeps the technical reason.
    assert "127.0.0.1" in job.last_error
    assert job.result == {
        "failure": "unreachable",
        "message": "Wikipedia could not be reached",
        "retry": True,
    }


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        (Reply(status=503, body=b"Service Unavailable"), "Wikipedia answered with an error"),
        (Reply(status=403, body=b"Forbidden"), "Wikipedia answered with an error"),
        (
            Reply.json({"error": {"code": "maxlag", "info": "Waiting for db1"}}),
            "Wikipedia answered with an error",
        ),
        (
            Reply.html("<html>Maintenance</html>"),
            "Wikipedia sent an answer the desk could not read",
        ),
        (
            Reply.json({"query": {"search": [{"title": "no page id"}]}}),
            "Wikipedia sent an answer the desk could not read",
        ),
    ],
    ids=["5xx", "4xx", "api-error", "not-json", "wrong-shape"],
)
def test_each_kind_of_failure_reads_as_plain_words(
    reviewer_client,
    claim,
    wikipedia_only,
    reply,
    words,
    django_capture_on_commit_callbacks,
):
    wikipedia_only.routes["/w/api.php"] = reply
    html = search(reviewer_client, claim, django_capture_on_commit_callbacks)
    assert outcome(html, "wikipedia") == f"Failed {words} Retry Wikipedia"
    assert not TECHNICAL.search(html), TECHNICAL.search(html).group(0)
    assert "Waiting for db1" not in html and "Maintenance" not in html
    assert Job.objects.get(params__provider="wikipedia").last_error  # kept for the admin


def test_retry_searches_again_with_that_provider_only(
    reviewer_client, claim, wikipedia_only, django_capture_on_commit_callbacks
):
    wikipedia_only.routes["/w/api.php"] = Reply(status=502, body=b"Bad gateway")
    search(reviewer_client, claim, django_capture_on_commit_callbacks)
    wikipedia_only.routes["/w/api.php"] = wikipedia_only.api  # it is back
    html = search(reviewer_client, claim, django_capture_on_commit_callbacks, provider="wikipedia")
    assert Job.objects.filter(params__provider="wikipedia").count() == 2
    assert Job.objects.filter(params__provider="archive").count() == 1
    found = claim.candidates.filter(provider="wikipedia").count()
    assert outcome(html, "wikipedia") == f"Done Wikipedia: {found} candidates"
    assert "Retry" not in outcome(html, "archive")


def test_retrying_an_unknown_provider_is_refused_in_words(reviewer_client, claim, wikipedia_only):
    response = htmx(
        reviewer_client, "post", f"/claims/{claim.pk}/sources/find/", {"provider": "bogus"}
    )
    assert response.status_code == 400
    assert "There is no such source provider." in response.content.decode()
    assert not Job.objects.exists()


def test_the_jobs_area_polls_while_a_search_runs_and_stops_when_all_ended(
    reviewer_client, reviewer, claim, wikipedia_only
):
    jobs = candidates_find(claim=claim, actor=reviewer)
    queued = htmx(reviewer_client, "get", f"/claims/{claim.pk}/sources/?part=jobs").content
    html = queued.decode()
    assert 'hx-trigger="every 2s"' in html
    assert outcome(html, "wikipedia") == "Queued Wikipedia: waiting to start"
    for job in jobs:
        candidates_find_run(job_id=job.pk)
    ended = htmx(
        reviewer_client, "get", f"/claims/{claim.pk}/sources/?part=jobs&was_active=1"
    ).content.decode()
    assert "every 2s" not in ended
    assert outcome(ended, "wikipedia").startswith("Done Wikipedia: ")


def test_no_candidates_line_names_no_settings_and_tells_editors_what_is_not_set_up(
    reviewer_client, editor_client, claim, settings
):
    settings.FACTCHECK_PROVIDERS = ["archive", "factcheck_tools", "searxng"]
    settings.FACTCHECK_TOOLS_API_KEY = ""
    settings.SEARXNG_URL = ""
    reviewer_html = htmx(reviewer_client, "get", f"/claims/{claim.pk}/sources/").content.decode()
    editor_html = htmx(editor_client, "get", f"/claims/{claim.pk}/sources/").content.decode()
    for html in (reviewer_html, editor_html):
        assert "No candidates yet. Find sources searches The desk's archive." in visible(html)
        assert not TECHNICAL.search(html)
    assert "not set up" not in reviewer_html
    assert "Google Fact Check Tools and Web search are not set up on this desk." in visible(
        editor_html
    )
    article = reviewer_client.get(f"/articles/{claim.article_id}/sources/").content.decode()
    assert not TECHNICAL.search(article)


def test_the_article_jobs_table_shows_outcomes_not_errors(
    editor_client, claim, wikipedia_only, settings, django_capture_on_commit_callbacks
):
    settings.WIKIPEDIA_API_URL = f"http://127.0.0.1:{closed_port()}/w/api.php"
    search(editor_client, claim, django_capture_on_commit_callbacks)
    html = editor_client.get(f"/articles/{claim.article_id}/sources/").content.decode()
    assert "Wikipedia could not be reached" in html
    assert "Last error" not in html
    assert not TECHNICAL.search(html)
    job = Job.objects.get(params__provider="wikipedia")
    detail = editor_client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Wikipedia could not be reached" in detail
    assert not TECHNICAL.search(detail)


# --- J24: the card of an earlier verdict ---------------------------------------------------


def test_an_earlier_verdict_card_shows_its_title_once_renders_the_rationale_and_words_the_score(
    reviewer_client, claim, scale, reviewer2, editor, settings, django_capture_on_commit_callbacks
):
    settings.FACTCHECK_PROVIDERS = ["archive"]
    earlier = ClaimFactory(article=ArticleFactory())
    submit(
        earlier,
        reviewer2,
        scale.ratings.get(label="Mostly true"),
        rationale="The ministry's **own** figures say *2,030*.",
    )
    verdict_approve(claim=earlier, actor=editor)
    html = search(reviewer_client, claim, django_capture_on_commit_callbacks)
    card = claim.candidates.get()
    assert card.extra["kind"] == "verdict"
    assert html.count(card.title) == 1
    assert "checked " not in html  # the old duplicate "checked <date>: <rating>" span
    assert "<strong>own</strong>" in html and "<em>2,030</em>" in html
    assert "**own**" not in html
    assert re.search(r'title="relevance 2\.00">strong match<', html)
    assert card.passage == earlier.display_text
    assert Candidate.objects.count() == 1


def test_a_page_that_cannot_be_fetched_is_said_in_words_on_the_card_and_in_the_jobs(
    reviewer_client, claim, settings, fake_searxng, django_capture_on_commit_callbacks
):
    down = f"127.0.0.1:{closed_port()}"
    settings.FACTCHECK_PROVIDERS = ["searxng"]
    settings.SEARXNG_URL = fake_searxng.url
    settings.FETCH_TOP_CANDIDATES = 5
    settings.FETCH_ALLOW_HOSTS = [down]
    fake_searxng.results = [{"url": f"http://{down}/news/troops", "title": "Troops land"}]
    html = search(reviewer_client, claim, django_capture_on_commit_callbacks)
    fetch = Job.objects.get(kind=Job.Kind.FETCH_CANDIDATE)
    assert fetch.status == Job.Status.FAILED
    assert fetch.result["message"] == "The page could not be reached"
    assert "Connection refused" in fetch.last_error  # for the admin
    assert "Pages: 1 could not be read." in visible(html)
    assert "The desk could not read this page." not in html  # a transient failure: no mark
    assert outcome(html, "searxng") == "Done Web search: 1 candidate"
    without_link = html.replace(f"http://{down}/news/troops", "")  # the card's own link
    assert not TECHNICAL.search(without_link), TECHNICAL.search(without_link).group(0)


def test_a_page_the_desk_may_not_fetch_is_marked_on_its_card(
    reviewer_client, claim, settings, fake_searxng, django_capture_on_commit_callbacks
):
    settings.FACTCHECK_PROVIDERS = ["searxng"]
    settings.SEARXNG_URL = fake_searxng.url
    settings.FETCH_TOP_CANDIDATES = 5
    settings.FETCH_ALLOW_HOSTS = []
    fake_searxng.results = [{"url": "http://169.254.169.254/latest/", "title": "Metadata"}]
    html = search(reviewer_client, claim, django_capture_on_commit_callbacks)
    fetch = Job.objects.get(kind=Job.Kind.FETCH_CANDIDATE)
    assert fetch.result["message"] == "The page is not one the desk may fetch"
    assert "The desk could not read this page." in html
    assert "169.254" not in visible(html).replace("http://169.254.169.254/latest/", "")
    assert "Refused" not in html


@pytest.mark.parametrize(
    ("job", "state", "words"),
    [
        (
            Job(kind="ingest_text", status="done", result={"claims": 12}),
            "done",
            "12 claims extracted",
        ),
        (
            Job(kind="match_factchecks", status="done", result={"claims": 5, "matched": 2}),
            "done",
            "2 of 5 claims match an earlier fact-check",
        ),
        # A bug's exception text stays in last_error: the page says only that it failed.
        (
            Job(kind="ingest_text", status="failed", last_error="Internal error: KeyError('x')"),
            "failed",
            "Ingest a long article failed",
        ),
        (
            Job(
                kind="find_candidates",
                status="queued",
                attempts=1,
                params={"provider": "wikipedia"},
                result={"message": "Wikipedia could not be reached"},
            ),
            "queued",
            "Wikipedia could not be reached; trying again soon",
        ),
        (
            Job(kind="find_candidates", status="running", params={"provider": "searxng"}),
            "working",
            "Web search: searching…",
        ),
    ],
    ids=["extracted", "matched", "bug", "retrying", "searching"],
)
def test_every_job_reads_as_words(job, state, words):
    line = job_line(job)
    assert (line.state, line.outcome) == (state, words)
