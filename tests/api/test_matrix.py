"""The authorisation matrix: every endpoint x every role x whose object it is.

Roles: anonymous, an outsider (logged in, no desk role), two reviewers and an editor. The
object is the actor's own (the claim is assigned to them, they wrote the verdict, ingested
the article) or someone else's (assigned to another reviewer, written by them). Each cell
builds its scene through the services, sends one valid request, and asserts the exact
status; a refused request must leave the database as it was. No 2xx where none is expected.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews import roles
from reviews.models import (
    Article,
    Candidate,
    Claim,
    Comment,
    Evidence,
    FactCheck,
    Job,
    Notification,
    Report,
    Source,
    Verdict,
)
from reviews.services.candidates import candidates_find
from reviews.services.claims import claim_assign, claim_dismiss
from reviews.services.evidence import evidence_add
from reviews.services.ratings import rating_scale_ensure_default
from reviews.services.reports import report_publish
from reviews.services.verdicts import verdict_approve, verdict_save, verdict_submit
from tests.api.conftest import api_client
from tests.factories import ArticleFactory, ClaimFactory, make_role_user

pytestmark = pytest.mark.django_db

DESK = ("reviewer", "reviewer2", "editor")
# (actor, whose object). Anonymous people and outsiders own nothing on the desk.
CELLS = [(actor, owner) for actor in DESK for owner in ("own", "other")] + [
    ("anonymous", "other"),
    ("outsider", "other"),
]


@dataclass
class Endpoint:
    name: str
    method: str
    path: str  # formatted with the scene: {article}, {claim}, {evidence}, ...
    expect: dict[str, int]  # "reviewer/own", "reviewer/other", "editor/own", ... -> status
    state: tuple[str, ...] = ()
    body: dict = field(default_factory=dict)
    format: str = "json"  # "multipart" for file uploads


def desk(reviewer_own, reviewer_other, editor_own, editor_other, *, outsider=404, anon=401):
    return {
        "reviewer/own": reviewer_own,
        "reviewer/other": reviewer_other,
        "editor/own": editor_own,
        "editor/other": editor_other,
        "outsider/other": outsider,
        "anonymous/other": anon,
    }


def everyone(status, **kwargs):
    return desk(status, status, status, status, **kwargs)


VERDICT = {"rating": "false", "rationale": "The ministry says otherwise.", "confidence": 70}

ENDPOINTS = [
    Endpoint("articles list", "get", "/api/articles/", everyone(200, outsider=403)),
    Endpoint(
        "article ingest",
        "post",
        "/api/articles/",
        everyone(201, outsider=403),
        body={"title": "New", "body": "Officials said 12 people left.", "published": "2022-01-12"},
    ),
    Endpoint("article detail", "get", "/api/articles/{article}/", everyone(200)),
    Endpoint("article claims", "get", "/api/articles/{article}/claims/", everyone(200)),
    Endpoint(
        "claim add",
        "post",
        "/api/articles/{article}/claims/",
        everyone(201),
        body={"start": "{third_start}", "end": "{third_end}"},
    ),
    Endpoint(
        "article new version",
        "post",
        "/api/articles/{article}/new-version/",
        everyone(201),
        body={"body": "Officials said 2,030 troops arrived on Monday. Prices rose."},
    ),
    Endpoint(
        "publish",
        "post",
        "/api/articles/{article}/publish/",
        desk(403, 403, 201, 201),
        state=("approved",),
    ),
    Endpoint(
        "report draft",
        "get",
        "/api/articles/{article}/report/?draft=1&format=md",
        desk(403, 403, 200, 200),
        state=("approved",),
    ),
    Endpoint(
        "report published",
        "get",
        "/api/articles/{article}/report/?format=claimreview",
        everyone(200, outsider=200, anon=200),
        state=("published",),
    ),
    Endpoint("claim detail", "get", "/api/claims/{claim}/", everyone(200)),
    Endpoint(
        "claim wording",
        "patch",
        "/api/claims/{claim}/",
        desk(200, 403, 200, 200),
        body={"wording": "Troops arrived.", "version": "{claim_version}"},
    ),
    Endpoint(
        "claim assign",
        "patch",
        "/api/claims/{claim}/",
        desk(403, 403, 200, 200),
        body={"assignee": "{someone}", "version": "{claim_version}"},
    ),
    Endpoint("claim take", "post", "/api/claims/{claim}/take/", desk(200, 403, 200, 403)),
    Endpoint(
        "claim split",
        "post",
        "/api/claims/{claim}/split/",
        desk(200, 403, 200, 200),
        body={"at": "{split_at}", "version": "{claim_version}"},
    ),
    Endpoint(
        "claim merge",
        "post",
        "/api/claims/{claim}/merge/",
        desk(200, 403, 200, 200),
        body={"other": "{neighbour}"},
    ),
    Endpoint(
        "claim dismiss",
        "post",
        "/api/claims/{claim}/dismiss/",
        # Reviewers dismiss an unrated claim that is theirs or nobody's.
        desk(200, 403, 200, 200),
        body={"reason": "Opinion, not fact.", "version": "{claim_version}"},
    ),
    Endpoint(
        "claim reopen",
        "post",
        "/api/claims/{claim}/reopen/",
        desk(403, 403, 200, 200),
        state=("dismissed",),
        body={"reason": "It is checkable after all.", "version": "{claim_version}"},
    ),
    Endpoint(
        "verdict save",
        "put",
        "/api/claims/{claim}/verdict/",
        desk(200, 403, 200, 200),
        body={**VERDICT, "version": 0},
    ),
    Endpoint(
        "verdict submit",
        "post",
        "/api/claims/{claim}/submit/",
        desk(200, 403, 200, 200),
        state=("draft",),
        body={"version": "{verdict_version}"},
    ),
    Endpoint(
        "verdict approve",
        "post",
        "/api/claims/{claim}/approve/",
        # Four-eyes: the editor's own verdict is refused.
        desk(403, 403, 403, 200),
        state=("submitted",),
        body={"version": "{verdict_version}"},
    ),
    Endpoint(
        "verdict return",
        "post",
        "/api/claims/{claim}/return/",
        # Four-eyes, as for approving: an editor does not return their own verdict.
        desk(403, 403, 403, 200),
        state=("submitted",),
        body={"note": "Needs a primary source.", "version": "{verdict_version}"},
    ),
    Endpoint("evidence list", "get", "/api/claims/{claim}/evidence/", everyone(200)),
    Endpoint(
        "evidence add",
        "post",
        "/api/claims/{claim}/evidence/",
        desk(201, 403, 201, 201),
        body={"url": "https://stats.example.org/x", "stance": "refutes", "quote": "12"},
    ),
    Endpoint(
        "evidence detail", "get", "/api/evidence/{evidence}/", everyone(200), state=("evidence",)
    ),
    Endpoint(
        "evidence remove",
        "delete",
        "/api/evidence/{evidence}/",
        desk(204, 403, 204, 204),
        state=("evidence",),
    ),
    Endpoint(
        "candidates list",
        "get",
        "/api/claims/{claim}/candidates/",
        everyone(200),
        state=("candidate",),
    ),
    Endpoint(
        "find sources",
        "post",
        "/api/claims/{claim}/find-sources/",
        everyone(202),
        body={"providers": ["archive"]},
    ),
    Endpoint(
        "candidate detail",
        "get",
        "/api/candidates/{candidate}/",
        everyone(200),
        state=("candidate",),
    ),
    Endpoint(
        "candidate accept",
        "post",
        "/api/candidates/{candidate}/accept/",
        desk(201, 403, 201, 201),
        state=("candidate",),
        body={"stance": "supports"},
    ),
    Endpoint(
        "candidate dismiss",
        "post",
        "/api/candidates/{candidate}/dismiss/",
        desk(200, 403, 200, 200),
        state=("candidate",),
        body={"reason": "Off topic."},
    ),
    Endpoint("history", "get", "/api/claims/{claim}/history/", everyone(200)),
    Endpoint("comments list", "get", "/api/claims/{claim}/comments/", everyone(200)),
    Endpoint(
        "comment add",
        "post",
        "/api/claims/{claim}/comments/",
        everyone(201),
        body={"body": "Which ministry?"},
    ),
    Endpoint("ratings", "get", "/api/ratings/", everyone(200, outsider=403)),
    Endpoint("job detail", "get", "/api/jobs/{job}/", everyone(200), state=("job",)),
    Endpoint(
        "jobs list", "get", "/api/jobs/?article={article}", everyone(200, outsider=403), ("job",)
    ),
    Endpoint(
        "article from url",
        "post",
        "/api/articles/from-url/",
        everyone(202, outsider=403),
        body={"url": "https://news.example.org/story", "outlet": "Example News"},
    ),
    Endpoint(
        "article upload",
        "post",
        "/api/articles/upload/",
        everyone(201, outsider=403),
        body={"file": "{upload}", "title": "Uploaded", "published": "2022-01-12"},
        format="multipart",
    ),
    Endpoint(
        "article find sources",
        "post",
        "/api/articles/{article}/find-sources/",
        desk(403, 403, 202, 202),
    ),
    Endpoint(
        "claims assign",
        "post",
        "/api/claims/assign/",
        desk(403, 403, 200, 200, outsider=403),
        body={"claims": ["{claim}", "{neighbour}"], "assignee": "{someone}"},
    ),
    Endpoint(
        "claims dismiss",
        "post",
        "/api/claims/dismiss/",
        desk(200, 403, 200, 200, outsider=403),
        body={"claims": ["{claim}"], "reason": "Page furniture."},
    ),
    Endpoint(
        "claims approve",
        "post",
        "/api/claims/approve/",
        # Four-eyes, as for one claim: the editor's own verdict is refused.
        desk(403, 403, 403, 200, outsider=403),
        state=("submitted",),
        body={"claims": [{"claim": "{claim}", "version": "{verdict_version}"}]},
    ),
    Endpoint("claim matches", "get", "/api/claims/{claim}/matches/", everyone(200)),
    Endpoint(
        "fact-checks import",
        "post",
        "/api/factchecks/import/",
        desk(403, 403, 200, 200, outsider=403),
        body={"file": "{factchecks}", "publisher": "Example Checks"},
        format="multipart",
    ),
    Endpoint("notifications list", "get", "/api/notifications/", everyone(200, outsider=403)),
    Endpoint("desk statistics", "get", "/api/stats/", everyone(200, outsider=403)),
    Endpoint(
        "notifications read",
        "post",
        "/api/notifications/read/",
        # Someone else's notice is not marked (tests/api/test_notifications.py).
        everyone(200, outsider=403),
        body={"ids": ["{notification}"]},
    ),
    Endpoint(
        "search", "get", "/api/search/?q=troops&status=unreviewed", everyone(200, outsider=403)
    ),
    Endpoint(
        "references list",
        "get",
        "/api/references/",
        everyone(200, outsider=403),
        state=("reference",),
    ),
    Endpoint(
        "reference add",
        "post",
        "/api/references/",
        everyone(202, outsider=403),
        body={"url": "https://stats.example.org/release", "title": "Census release"},
    ),
]


class Scene:
    """The desk for one cell: its people, an article ingested by the owner, and the owner's
    claim (with its neighbour) brought into the state the endpoint needs."""

    def __init__(self, actor: str, owner: str, state: tuple[str, ...]):
        self.people = {
            "reviewer": make_role_user("rita", roles.REVIEWER),
            "reviewer2": make_role_user("ravi", roles.REVIEWER),
            "editor": make_role_user("erin", roles.EDITOR),
            "outsider": make_role_user("oscar", None),
        }
        # Sets the scene up and approves for others, so that erin's own four-eyes hold.
        self.chief = make_role_user("eddie", roles.EDITOR)
        scale = rating_scale_ensure_default()
        self.rating = scale.ratings.get(slug="mostly-true")
        self.actor = self.people.get(actor)
        self.owner = self.owner_of(actor, owner)
        self.article = ArticleFactory(
            ingested_by=self.owner,
            url="https://news.example.org/a",
            outlet="Example News",
            published=datetime.date(2022, 1, 10),
        )
        body = self.article.body
        self.claim = ClaimFactory(article=self.article)
        second = body.index("The ministry")
        self.neighbour = ClaimFactory(
            article=self.article, start=second, end=body.index(".", second) + 1
        )
        for claim in (self.claim, self.neighbour):
            claim_assign(claim=claim, assignee_id=self.owner.pk, actor=self.chief)
        self.evidence = self.candidate = self.job = None
        for step in state:
            getattr(self, f"make_{step}")()
        self.claim.refresh_from_db()

    def owner_of(self, actor: str, owner: str):
        if owner == "own":
            return self.people[actor]
        return self.people["reviewer2" if actor == "reviewer" else "reviewer"]

    def make_draft(self):
        verdict_save(
            claim=self.claim,
            actor=self.owner,
            rating=self.rating,
            rationale="Per the ministry.",
            confidence=80,
        )

    def make_submitted(self):
        self.make_draft()
        verdict_submit(claim=self.claim, actor=self.owner)

    def make_approved(self):
        self.make_submitted()
        verdict_approve(claim=self.claim, actor=self.chief)

    def make_published(self):
        self.make_approved()
        report_publish(article=self.article, actor=self.chief)

    def make_dismissed(self):
        claim_dismiss(claim=self.claim, reason="Opinion.", actor=self.chief)

    def make_evidence(self):
        self.evidence = evidence_add(
            claim=self.claim, actor=self.owner, url="https://gov.example.org/r", stance="supports"
        )

    def make_candidate(self):
        self.candidate = Candidate.objects.create(
            claim=self.claim,
            url="https://news.example.org/c",
            canonical_url="https://news.example.org/c",
            provider="wikipedia",
            relevance=0.7,
        )

    def make_job(self):
        (self.job,) = candidates_find(claim=self.claim, actor=self.owner, providers=["archive"])

    def make_reference(self):
        Source.objects.create(
            title="Census 2021", text="The population was 19 million.", is_reference=True
        )

    def values(self) -> dict:
        body = self.article.body
        third = body.index("Prices")
        verdict = self.claim.verdicts.order_by("-number").first()
        someone = (
            self.people["reviewer2"]
            if self.owner != self.people["reviewer2"]
            else (self.people["reviewer"])
        )
        return {
            "article": self.article.pk,
            "claim": self.claim.pk,
            "claim_version": self.claim.version,
            # The version of the claim's latest verdict, as the claim's detail shows it.
            "verdict_version": verdict.version if verdict else 0,
            "neighbour": self.neighbour.pk,
            "evidence": self.evidence.pk if self.evidence else 0,
            "candidate": self.candidate.pk if self.candidate else 0,
            "job": self.job.pk if self.job else 0,
            "someone": someone.pk,
            # The owner's notice of the assignment (someone else's, for other actors).
            "notification": Notification.objects.filter(recipient=self.owner).first().pk,
            "upload": SimpleUploadedFile(
                "story.txt", b"Officials said 12 people left the city.\n", "text/plain"
            ),
            "factchecks": SimpleUploadedFile(
                "checks.csv",
                b"id,claim,rating,url\nc1,Prices rose by 12 percent.,False,https://c.example/1\n",
                "text/csv",
            ),
            "split_at": body.index(" arrived"),
            "third_start": third,
            "third_end": len(body),
        }


def fill(value, values: dict):
    """Put the scene's ids into a path or body template ("{claim}" -> 12, typed)."""
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return values[value[1:-1]]
    if isinstance(value, str):
        return value.format(**values)
    if isinstance(value, dict):
        return {k: fill(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, values) for v in value]
    return value


def database_state() -> tuple:
    """What a refused request must not change."""
    return (
        list(Article.objects.order_by("pk").values_list("pk", "title")),
        list(
            Claim.objects.order_by("pk").values_list(
                "pk", "version", "status", "assignee_id", "wording", "start", "end"
            )
        ),
        list(Verdict.objects.order_by("pk").values_list("pk", "version", "status")),
        list(Evidence.objects.order_by("pk").values_list("pk", "claim_id")),
        list(Candidate.objects.order_by("pk").values_list("pk", "decision")),
        Comment.objects.count(),
        Source.objects.count(),
        Job.objects.count(),
        Report.objects.count(),
        FactCheck.objects.count(),
        list(Notification.objects.order_by("pk").values_list("pk", "read_at")),
    )


def role_of(actor: str) -> str:
    return "reviewer" if actor == "reviewer2" else actor


@pytest.mark.parametrize(("actor", "owner"), CELLS)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_authorisation_matrix(endpoint: Endpoint, actor: str, owner: str):
    scene = Scene(actor, owner, endpoint.state)
    values = scene.values()
    client = api_client(scene.actor)
    before = database_state()

    path = fill(endpoint.path, values)
    body = fill(endpoint.body, values)
    response = getattr(client, endpoint.method)(path, body, format=endpoint.format)

    expected = endpoint.expect[f"{role_of(actor)}/{owner}"]
    assert response.status_code == expected, (response.status_code, response.content[:300])
    if not 200 <= expected < 300:
        assert set(response.json()) == {"error"}
        assert database_state() == before, "a refused request changed the database"


def test_the_matrix_covers_every_operation_of_the_schema():
    from drf_spectacular.generators import SchemaGenerator

    def normal(path: str) -> str:
        return re.sub(r"\{[^}]+\}", "{}", path.split("?")[0])

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = {
        (method, normal(path))
        for path, item in schema["paths"].items()
        for method in item
        if path != "/api/auth/token/"  # public, tested in test_auth.py
    }
    covered = {(e.method, normal(e.path)) for e in ENDPOINTS}
    assert operations - covered == set()
    assert covered - operations == set()
