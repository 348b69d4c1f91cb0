"""Property-based testing of every operation against the live OpenAPI schema (schemathesis).

Requests generated from the schema — valid ones, and ones that break it on purpose — are
sent to the WSGI application in-process, authenticated as an editor with a token. The one
property: no request gets a server error (5xx). Path ids point at real objects of a small
desk (so requests get past the lookup into the services), plus a pass with any ids.

The run is bounded and derandomised (the same cases every run, so CI is not flaky); it
prints the figure: operations, cases, failures.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from factcheck.wsgi import application
from reviews.models import Candidate
from reviews.services.candidates import candidates_find
from reviews.services.evidence import evidence_add
from reviews.services.reports import report_publish
from tests.factories import ClaimFactory
from tests.scenes import approve, submit

pytestmark = pytest.mark.django_db

# (generation mode, fixed ids?, examples per operation)
PASSES = [
    (GenerationMode.POSITIVE, True, 15),
    (GenerationMode.NEGATIVE, True, 10),
    (GenerationMode.POSITIVE, False, 5),
]


@pytest.fixture
def same_connection():
    """Let the in-process WSGI app share the test's database connection and transaction:
    Django's handler would close the connection after each request (its test client
    disconnects these signals in the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def desk_ids(article, claim, second_claim, reviewer, editor, editor2, ratings) -> dict:
    """A desk with one object of each kind: published report, submitted verdict, evidence,
    a candidate and a job."""
    approve(claim, reviewer, editor2, ratings["true"])
    report_publish(article=article, actor=editor2)
    submit(second_claim, reviewer, ratings["false"])
    evidence = evidence_add(
        claim=second_claim, actor=reviewer, url="https://gov.example.org/r", stance="supports"
    )
    candidate = Candidate.objects.create(
        claim=second_claim,
        url="https://news.example.org/c",
        canonical_url="https://news.example.org/c",
        provider="wikipedia",
        relevance=0.5,
    )
    third = ClaimFactory(article=article, start=article.body.index("Prices"), end=len(article.body))
    (job,) = candidates_find(claim=third, actor=reviewer, providers=["archive"])
    return {
        "articles": article.pk,
        "claims": second_claim.pk,
        "candidates": candidate.pk,
        "evidence": evidence.pk,
        "jobs": job.pk,
        "article_id": article.pk,
        "claim_id": second_claim.pk,
    }


def fixed_ids(path: str, ids: dict) -> dict:
    """Path parameters of `path` bound to the desk's objects (by parameter or collection)."""
    params = {}
    for name in re.findall(r"\{(\w+)\}", path):
        if name in ids:
            params[name] = ids[name]
        else:
            collection = path.split("/")[2]
            params[name] = ids[collection]
    return params


def exercise(strategy, examples: int, label: str, cases: Counter, failures: list[str]):
    """A Hypothesis test sending `examples` cases of one operation; failures are collected
    (not raised) so that one run reports every operation that fails."""

    @given(case=strategy)
    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call()
        cases[label] += 1
        cases[f"{response.status_code // 100}xx"] += 1
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except Exception:  # noqa: BLE001 - every failure is collected and reported
            failures.append(
                f"{label}: {response.status_code}\n"
                f"    {case.as_curl_command()}\n    {response.text[:300]}"
            )

    return run


def test_no_operation_answers_with_a_server_error(settings, same_connection, editor, desk_ids):
    # A fuzzing run sends hundreds of requests as one user: lift the per-user throttle.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None, "token": None},
    }
    token = Token.objects.create(user=editor).key
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    cases: Counter = Counter()
    failures: list[str] = []
    unbreakable: list[str] = []

    for operation in operations:
        for mode, fixed, examples in PASSES:
            strategy = operation.as_strategy(
                generation_mode=mode,
                headers={"Authorization": f"Token {token}"},
                path_parameters=fixed_ids(operation.path, desk_ids) if fixed else None,
            )

            run = exercise(strategy, examples, operation.label, cases, failures)
            try:
                run()
            except Unsatisfiable:
                # Nothing of this operation can break the schema (no body, no parameters
                # besides the fixed ids): there is no negative case to send.
                assert mode is GenerationMode.NEGATIVE and fixed, operation.label
                unbreakable.append(operation.label)

    print(
        f"\nschemathesis: {len(operations)} operations, "
        f"{sum(cases[op.label] for op in operations)} cases "
        f"(2xx {cases['2xx']}, 4xx {cases['4xx']}, 5xx {cases['5xx']}), "
        f"{len(failures)} failures ({len(unbreakable)} operations without negative cases)"
    )
    assert len(operations) >= 30
    assert all(cases[op.label] > 0 for op in operations)
    assert failures == [], "\n".join(failures[:20])
