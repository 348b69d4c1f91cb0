"""Every route of the URL conf, visited as anonymous, reviewer and editor: the security
headers are on every response, each role gets the status it should, and nothing answers 500.

Routes are read from the URL conf itself (tests/operations/routes.py), so a route added
later is covered without touching this file; its parameters are filled with real objects of
the demo desk plus a published report, a candidate, a job, a comment and a snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import resolve
from django.utils import timezone

from reviews.models import (
    Article,
    Candidate,
    ClaimStatus,
    Comment,
    Evidence,
    FactCheck,
    Job,
    Source,
)
from reviews.services.candidates import candidates_find
from reviews.services.demo import demo_load
from reviews.services.reports import report_publish
from tests.operations.routes import Route, all_routes, route_url

# Marks the tests as database tests, so that pytest-django sets up the test database the
# module-scoped fixture below writes into.
pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reviewer", "editor")
# Served to anyone: probes, the login and password-reset pages, published reports (HTML and
# API), the API's token endpoint, schema and documentation (they describe the API, no data).
PUBLIC = {
    "healthz",
    "favicon",
    "readyz",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "reviews:report_index",
    "reviews:report_public",
    "reviews:report_version",
    "reviews:report_download",
    "api:token",
    "api:article-report",
    "api:schema",
    "api:docs",
    "admin:login",
    "admin:logout",
}
# Answered 200 to an anonymous GET (the icon is a redirect to the static file).
PUBLIC_PAGES = PUBLIC - {"logout", "admin:logout", "api:token", "favicon"}
# Editors only: a reviewer who tries gets a 403.
EDITOR_ONLY_ACTIONS = {
    "reviews:claim_assign",
    "reviews:verdict_approve",
    "reviews:article_sources_find",
    "api:article-publish",
}
LOGIN = "/accounts/login/"


@dataclass
class Visit:
    role: str
    method: str
    route: Route
    url: str
    status: int
    headers: dict

    def __str__(self) -> str:
        return f"{self.role} {self.method} {self.url} ({self.route.name}) -> {self.status}"


def build_desk() -> dict:
    """The demo desk, a published report and one object of every kind a route names."""
    article = demo_load()
    User = get_user_model()
    reviewer = User.objects.get(username="reviewer")
    editor = User.objects.get(username="editor")
    report = report_publish(article=article, actor=editor)
    open_claim = article.claims.filter(status=ClaimStatus.UNREVIEWED).order_by("start").first()
    candidates_find(claim=open_claim, actor=reviewer)
    job = Job.objects.order_by("pk").first()
    source = Source.objects.create(
        url="https://example.org/report",
        canonical_url="https://example.org/report",
        title="A report",
    )
    source.snapshot.save("report.html", ContentFile(b"<p>archived</p>"))
    candidate = Candidate.objects.filter(claim=open_claim).first() or Candidate.objects.create(
        claim=open_claim,
        source=source,
        url=source.url,
        canonical_url=source.canonical_url,
        provider="archive",
        title=source.title,
    )
    Comment.objects.create(claim=open_claim, author=reviewer, body="Checking the figure.")
    evidence = Evidence.objects.order_by("pk").first()
    factcheck = FactCheck.objects.create(
        identifier="https://checks.example/1",
        publisher="Example Checks",
        claim="2,030 troops arrived",
        imported_at=timezone.now(),
    )
    ids = {
        "factcheck_id": factcheck.pk,
        "article_id": article.pk,
        "claim_id": open_claim.pk,
        "evidence_id": evidence.pk,
        "candidate_id": candidate.pk,
        "job_id": job.pk,
        "source_id": source.pk,
        "number": report.number,
        "fmt": "html",
        "uidb64": "MQ",
        "token": "set-password",
        "articles.pk": article.pk,
        "claims.pk": open_claim.pk,
        "candidates.pk": candidate.pk,
        "evidence.pk": evidence.pk,
        "jobs.pk": job.pk,
        "content_type_id": ContentType.objects.get_for_model(Article).pk,
        "shortcut_object_id": article.pk,
        "id": reviewer.pk,  # the admin's password change: admin/auth/user/<id>/password/
    }
    admin = User.objects.get(username="admin")
    return {"ids": ids, "reviewer": reviewer, "editor": editor, "admin": admin}


def visit_all(desk, role: str, method: str) -> list[Visit]:
    user = desk.get(role)
    visits = []
    for route in all_routes():
        url = route_url(route, desk["ids"])
        # Every route resolves to its own view: none is skipped by a 404 of the resolver.
        assert resolve(url.split("?")[0]).func is route.callback, (route.name, url)
        cache.clear()  # the API's request rates: this sweep is no flood
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)  # again for every route: one of them is logout
        response = getattr(client, method.lower())(url, secure=True)
        visits.append(Visit(role, method, route, url, response.status_code, response.headers))
    return visits


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *values = directive.split()
        parsed[name.lower()] = values
    return parsed


def header_problems(visit: Visit) -> list[str]:
    headers = visit.headers
    problems = []
    policy = headers.get("Content-Security-Policy")
    if not policy:
        problems.append("no Content-Security-Policy")
        policy = ""
    csp = directives(policy)
    scripts = csp.get("script-src", csp.get("default-src", []))
    if policy and not scripts:
        problems.append("CSP without script-src or default-src")
    if "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts:
        problems.append(f"script-src allows {scripts}")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if not headers.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    framing = csp.get("frame-ancestors")
    if headers.get("X-Frame-Options") != "DENY" and framing not in (["'none'"], ["'self'"]):
        problems.append("framing allowed (no X-Frame-Options: DENY nor frame-ancestors)")
    return problems


def is_api(route: Route) -> bool:
    return route.name.startswith("api:") or route.pattern.startswith("api/")


def is_admin(route: Route) -> bool:
    return route.name.startswith("admin:") or route.pattern.startswith(django_settings.ADMIN_URL)


@pytest.fixture(scope="module")
def visits(django_db_setup, django_db_blocker, tmp_path_factory):
    """All the visits, made once for the module's tests, in a transaction rolled back after.

    Every role GETs and POSTs (an empty form) every route; the staff admin GETs every route.
    """
    media = tmp_path_factory.mktemp("media")
    fast = override_settings(
        MEDIA_ROOT=media,
        FACTCHECK_PROVIDERS=["archive"],
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        AXES_ENABLED=False,
    )
    with django_db_blocker.unblock(), fast, transaction.atomic():
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"not a test database: {name}"
        desk = build_desk()
        made = {
            (role, method): visit_all(desk, role, method)
            for role in ROLES
            for method in ("GET", "POST")
        }
        made["admin", "GET"] = visit_all(desk, "admin", "GET")
        transaction.set_rollback(True)
    return made


def test_every_route_is_covered(visits):
    routes = all_routes()
    covered = {v.route for v in visits["anonymous", "GET"]}
    print(f"\nroutes covered: {len(covered)} of {len(routes)}, x {len(ROLES)} roles x GET, POST")
    assert covered == set(routes)
    assert len(routes) > 100  # the admin, auth, desk, sources, reports and API


def test_every_response_carries_the_security_headers(visits):
    problems = [
        f"{visit}: {problem}"
        for batch in visits.values()
        for visit in batch
        for problem in header_problems(visit)
    ]
    assert problems == []


def test_no_route_answers_a_server_error(visits):
    errors = [str(v) for batch in visits.values() for v in batch if v.status >= 500]
    assert errors == []


def test_anonymous_visitors_see_public_pages_and_nothing_else(visits):
    wrong = []
    for visit in visits["anonymous", "GET"] + visits["anonymous", "POST"]:
        route, status = visit.route, visit.status
        location = visit.headers.get("Location", "")
        if route.name in PUBLIC:
            if visit.method == "GET" and route.name in PUBLIC_PAGES and status != 200:
                wrong.append(f"{visit}: a public page")
            continue
        if is_admin(route):
            ok = status == 302 and location.startswith(f"/{django_settings.ADMIN_URL}login/")
        elif is_api(route):
            # 404: the API's catch-all for paths that name no endpoint.
            ok = status in (401, 403, 405) or (status == 404 and "no-such-page" in visit.url)
        else:
            # 405: the view takes another method and says so before asking who is there.
            ok = (status == 302 and location.startswith(LOGIN)) or status == 405
        if not ok:
            wrong.append(f"{visit} {location}")
    assert wrong == []


def test_desk_members_open_every_desk_page(visits):
    wrong = []
    for role in ("reviewer", "editor"):
        for visit in visits[role, "GET"]:
            route = visit.route
            if is_admin(route) and route.name != "admin:login":
                # Not staff: the admin sends them to its own login.
                ok = visit.status == 302
            elif "no-such-page" in visit.url:
                ok = visit.status == 404
            elif route.name == "favicon":
                ok = visit.status == 302 and visit.headers["Location"].endswith("favicon.svg")
            else:
                ok = visit.status in (200, 405)
            if not ok:
                wrong.append(str(visit))
    assert wrong == []


def test_reviewers_are_refused_editor_actions(visits):
    reviewer = {v.route.name: v.status for v in visits["reviewer", "POST"]}
    editor = {v.route.name: v.status for v in visits["editor", "POST"]}
    assert {name: reviewer[name] for name in EDITOR_ONLY_ACTIONS} == dict.fromkeys(
        EDITOR_ONLY_ACTIONS, 403
    )
    assert all(editor[name] != 403 for name in EDITOR_ONLY_ACTIONS)
