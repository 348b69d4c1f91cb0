"""Evidence, candidate sources, source searches and their jobs through the API."""

from __future__ import annotations

import pytest

from reviews.models import Candidate, ClaimStatus, Evidence, Job, Source
from reviews.services.candidates import candidates_find
from reviews.services.claims import claim_assign, claim_dismiss
from tests.api.conftest import error_of
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

SOURCE = {
    "url": "https://stat.example.org/report?utm_source=feed",
    "stance": "supports",
    "quote": "7,939 people were detained",
    "note": "The ministry's own release.",
}


def make_candidate(claim, n: int = 1, **fields) -> Candidate:
    url = f"https://news.example.org/story-{n}"
    defaults = {
        "url": url,
        "canonical_url": url,
        "title": f"Story {n}",
        "provider": "wikipedia",
        "relevance": 0.5,
        "passage": "2,030 troops arrived.",
    }
    return Candidate.objects.create(claim=claim, **{**defaults, **fields})


# --- evidence -------------------------------------------------------------------------------


def test_reviewer_attaches_evidence_to_a_claim(reviewer_api, reviewer, claim):
    response = reviewer_api.post(f"/api/claims/{claim.pk}/evidence/", SOURCE)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["stance"] == "supports"
    assert data["source"]["canonical_url"] == "https://stat.example.org/report"
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.quote, evidence.added_by) == (SOURCE["quote"], reviewer)
    page = reviewer_api.get(f"/api/claims/{claim.pk}/evidence/").json()
    assert [e["id"] for e in page["results"]] == [evidence.pk]


def test_the_same_source_twice_is_refused(reviewer_api, claim):
    reviewer_api.post(f"/api/claims/{claim.pk}/evidence/", SOURCE)
    again = {**SOURCE, "url": "https://stat.example.org/report?utm_campaign=x"}
    error = error_of(reviewer_api.post(f"/api/claims/{claim.pk}/evidence/", again), 400)
    assert error["fields"] == {"url": "duplicate"}
    assert Evidence.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"url": "ftp://example.org/x"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"url": None}, "url"),
        ({"stance": "agrees"}, "stance"),
        ({"stance": None}, "stance"),
        ({"quote": 7}, "quote"),
        ({"published": "yesterday"}, "published"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_stored(reviewer_api, claim, fields, field):
    error = error_of(
        reviewer_api.post(f"/api/claims/{claim.pk}/evidence/", {**SOURCE, **fields}), 400
    )
    assert field in error["fields"]
    assert not Evidence.objects.exists()
    assert not Source.objects.exists()


def test_reviewer_cannot_attach_evidence_to_someone_elses_claim(
    reviewer_api, reviewer2, editor, claim
):
    claim_assign(claim=claim, assignee_id=reviewer2.pk, actor=editor)
    error_of(reviewer_api.post(f"/api/claims/{claim.pk}/evidence/", SOURCE), 403, "forbidden")
    assert not Evidence.objects.exists()


def test_evidence_is_read_and_removed(reviewer_api, claim):
    evidence_id = reviewer_api.post(f"/api/claims/{claim.pk}/evidence/", SOURCE).json()["id"]
    assert reviewer_api.get(f"/api/evidence/{evidence_id}/").json()["quote"] == SOURCE["quote"]
    assert reviewer_api.delete(f"/api/evidence/{evidence_id}/").status_code == 204
    assert not Evidence.objects.exists()
    assert Source.objects.count() == 1  # the source stays in the desk's library
    error_of(reviewer_api.delete(f"/api/evidence/{evidence_id}/"), 404, "not_found")


def test_reviewer_cannot_remove_evidence_from_someone_elses_claim(
    reviewer_api, reviewer2_api, reviewer2, editor, claim
):
    claim_assign(claim=claim, assignee_id=reviewer2.pk, actor=editor)
    evidence_id = reviewer2_api.post(f"/api/claims/{claim.pk}/evidence/", SOURCE).json()["id"]
    error_of(reviewer_api.delete(f"/api/evidence/{evidence_id}/"), 403, "forbidden")
    assert Evidence.objects.count() == 1


# --- candidates -----------------------------------------------------------------------------


def test_candidates_are_listed_most_relevant_first_and_filtered(reviewer_api, claim):
    low = make_candidate(claim, 1, relevance=0.2)
    high = make_candidate(claim, 2, relevance=0.9)
    gone = make_candidate(claim, 3, relevance=0.5, decision=Candidate.Decision.DISMISSED)
    page = reviewer_api.get(f"/api/claims/{claim.pk}/candidates/").json()
    assert [c["id"] for c in page["results"]] == [high.pk, gone.pk, low.pk]
    pending = reviewer_api.get(f"/api/claims/{claim.pk}/candidates/?decision=pending").json()
    assert [c["id"] for c in pending["results"]] == [high.pk, low.pk]
    error_of(reviewer_api.get(f"/api/claims/{claim.pk}/candidates/?decision=maybe"), 400)


def test_accepting_a_candidate_makes_it_evidence(reviewer_api, reviewer, claim):
    candidate = make_candidate(claim)
    response = reviewer_api.post(
        f"/api/candidates/{candidate.pk}/accept/", {"stance": "refutes", "quote": "2,030"}
    )
    assert response.status_code == 201, response.content
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.stance, evidence.quote, evidence.candidate) == ("refutes", "2,030", candidate)
    candidate.refresh_from_db()
    assert (candidate.decision, candidate.decided_by) == ("accepted", reviewer)
    error_of(
        reviewer_api.post(f"/api/candidates/{candidate.pk}/accept/", {"stance": "refutes"}), 400
    )
    assert Evidence.objects.count() == 1


@pytest.mark.parametrize("payload", [{}, {"stance": "maybe"}, {"stance": "supports", "quote": []}])
def test_accepting_needs_a_stance(reviewer_api, claim, payload):
    candidate = make_candidate(claim)
    error_of(reviewer_api.post(f"/api/candidates/{candidate.pk}/accept/", payload), 400)
    candidate.refresh_from_db()
    assert candidate.decision == "pending"
    assert not Evidence.objects.exists()


def test_dismissing_a_candidate_keeps_the_decision(reviewer_api, reviewer, claim):
    candidate = make_candidate(claim)
    response = reviewer_api.post(
        f"/api/candidates/{candidate.pk}/dismiss/", {"reason": "Off topic."}
    )
    assert response.status_code == 200, response.content
    assert response.json()["decision"] == "dismissed"
    candidate.refresh_from_db()
    assert candidate.decided_by == reviewer
    assert candidate.extra["dismiss_reason"] == "Off topic."
    error_of(reviewer_api.post(f"/api/candidates/{candidate.pk}/dismiss/"), 400)


def test_reviewer_cannot_decide_candidates_of_someone_elses_claim(
    reviewer_api, reviewer2, editor, claim
):
    claim_assign(claim=claim, assignee_id=reviewer2.pk, actor=editor)
    candidate = make_candidate(claim)
    error_of(reviewer_api.post(f"/api/candidates/{candidate.pk}/dismiss/"), 403, "forbidden")
    error_of(
        reviewer_api.post(f"/api/candidates/{candidate.pk}/accept/", {"stance": "supports"}),
        403,
        "forbidden",
    )
    candidate.refresh_from_db()
    assert candidate.decision == "pending"


def test_candidate_detail_and_unknown_candidates(reviewer_api, outsider_api, claim):
    candidate = make_candidate(claim)
    assert reviewer_api.get(f"/api/candidates/{candidate.pk}/").json()["url"] == candidate.url
    error_of(reviewer_api.get("/api/candidates/987654/"), 404, "not_found")
    error_of(outsider_api.get(f"/api/candidates/{candidate.pk}/"), 404, "not_found")


# --- finding sources, jobs -------------------------------------------------------------------


def test_finding_sources_queues_a_job_per_provider(reviewer_api, reviewer, claim):
    response = reviewer_api.post(
        f"/api/claims/{claim.pk}/find-sources/", {"providers": ["archive"]}
    )
    assert response.status_code == 202, response.content
    jobs = response.json()["jobs"]
    assert [j["kind"] for j in jobs] == ["find_candidates"]
    job = Job.objects.get(pk=jobs[0]["id"])
    assert (job.claim, job.created_by, job.params) == (claim, reviewer, {"provider": "archive"})
    shown = reviewer_api.get(f"/api/jobs/{job.pk}/").json()
    assert (shown["status"], shown["progress_total"]) == ("queued", 1)
    # Asking again while it is queued starts nothing new.
    again = reviewer_api.post(f"/api/claims/{claim.pk}/find-sources/", {"providers": ["archive"]})
    assert again.json()["jobs"] == []
    assert Job.objects.count() == 1


@pytest.mark.parametrize(
    "payload", [{"providers": ["bing"]}, {"providers": "archive"}, {"providers": []}]
)
def test_finding_sources_with_unknown_providers_is_refused(reviewer_api, claim, payload):
    error = error_of(reviewer_api.post(f"/api/claims/{claim.pk}/find-sources/", payload), 400)
    assert "providers" in error["fields"]
    assert not Job.objects.exists()


def test_no_sources_are_looked_for_for_a_dismissed_claim(reviewer_api, editor, claim):
    claim_dismiss(claim=claim, reason="Opinion.", actor=editor)
    error_of(reviewer_api.post(f"/api/claims/{claim.pk}/find-sources/", {}), 400, "invalid")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISMISSED
    assert not Job.objects.exists()


def test_unknown_job_is_404(reviewer_api):
    error_of(reviewer_api.get("/api/jobs/987654/"), 404, "not_found")


def test_jobs_are_listed_newest_first_by_article_claim_and_status(
    reviewer_api, reviewer, article, claim, second_claim
):
    first = reviewer_api.post(f"/api/claims/{claim.pk}/find-sources/", {"providers": ["archive"]})
    second = reviewer_api.post(
        f"/api/claims/{second_claim.pk}/find-sources/", {"providers": ["archive"]}
    )
    first_id, second_id = first.json()["jobs"][0]["id"], second.json()["jobs"][0]["id"]
    elsewhere = ClaimFactory(article=ArticleFactory())
    (other,) = candidates_find(claim=elsewhere, actor=reviewer, providers=["archive"])
    Job.objects.filter(pk=first_id).update(status=Job.Status.DONE)

    def listed(query: str) -> list[int]:
        response = reviewer_api.get(f"/api/jobs/{query}")
        assert response.status_code == 200, response.content
        return [j["id"] for j in response.json()["results"]]

    assert listed("") == [other.pk, second_id, first_id]
    assert listed(f"?article={article.pk}") == [second_id, first_id]
    assert listed(f"?claim={claim.pk}") == [first_id]
    assert listed(f"?article={article.pk}&status=queued") == [second_id]
    assert listed("?kind=ingest_url") == []
    assert listed("?article=987654") == []


@pytest.mark.parametrize(
    "query",
    ["article=x", "article=0", "claim=-3", f"claim={2**64}", "status=stuck", "kind=magic"],
)
def test_bad_job_filters_are_refused(reviewer_api, query):
    error = error_of(reviewer_api.get(f"/api/jobs/?{query}"), 400, "invalid")
    assert query.split("=")[0] in error["fields"]


def test_outsiders_see_no_jobs(outsider_api, anon_api, reviewer, claim):
    candidates_find(claim=claim, actor=reviewer, providers=["archive"])
    error_of(outsider_api.get("/api/jobs/"), 403, "forbidden")
    error_of(anon_api.get("/api/jobs/"), 401, "not_authenticated")


def test_editor_finds_sources_for_every_open_claim_of_an_article(
    editor_api, editor, settings, article, claim, second_claim, third_claim
):
    settings.FACTCHECK_PROVIDERS = ["archive"]
    claim_dismiss(claim=third_claim, reason="Opinion.", actor=editor)
    response = editor_api.post(f"/api/articles/{article.pk}/find-sources/")
    assert response.status_code == 202, response.content
    jobs = response.json()["jobs"]
    assert sorted(j["claim"] for j in jobs) == sorted([claim.pk, second_claim.pk])
    assert {j["kind"] for j in jobs} == {"find_candidates"}
    assert Job.objects.count() == 2


def test_reviewer_cannot_find_sources_for_a_whole_article(reviewer_api, article, claim):
    error_of(reviewer_api.post(f"/api/articles/{article.pk}/find-sources/"), 403, "forbidden")
    error_of(reviewer_api.post("/api/articles/987654/find-sources/"), 404, "not_found")
    assert not Job.objects.exists()
