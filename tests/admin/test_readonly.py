"""The admin shows the review workflow but cannot change it: a superuser's POST leaves a
claim's status, assignee, wording and reasons and every field of a verdict as they were."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.models import Claim, ClaimStatus, Rating, Verdict
from reviews.services.claims import claim_take
from tests.scenes import approve, submit

CLAIM_WORKFLOW = ["status", "assignee_id", "wording", "dismissed_reason", "reopen_reason"]
VERDICT_FIELDS = [
    "status",
    "rating_id",
    "rationale",
    "confidence",
    "author_id",
    "last_edited_by_id",
    "approved_by_id",
    "approved_at",
    "submitted_at",
    "is_current",
    "return_note",
    "correction_reason",
    "version",
]


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("ada", "ada@example.org", "pw")


@pytest.fixture
def admin(client, superuser):
    assert client.login(username="ada", password="pw")
    return client


def form_data(response) -> dict[str, str]:
    """What the change form would send back unchanged: its fields' current values."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    return data


def row(model, pk: int, fields: list[str]) -> dict:
    return model.objects.filter(pk=pk).values(*fields).get()


def test_claim_change_form_has_no_workflow_inputs(admin, claim, reviewer, scale):
    claim_take(claim=claim, actor=reviewer)
    response = admin.get(reverse("admin:reviews_claim_change", args=[claim.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    for name in ["status", "assignee", "wording", "dismissed_reason", "reopen_reason"]:
        assert name not in form.fields
    assert "rita" in response.content.decode()  # the assignee is shown, as text


def test_superuser_post_changes_no_workflow_field_of_a_claim(
    admin, claim, reviewer, outsider, scale
):
    submit(claim, reviewer, Rating.objects.get(slug="true"))
    before = row(Claim, claim.pk, [*CLAIM_WORKFLOW, "version"])
    assert before["status"] == ClaimStatus.SUBMITTED
    url = reverse("admin:reviews_claim_change", args=[claim.pk])
    data = form_data(admin.get(url))
    data.update(
        speaker="The ministry",  # an editable field, to see that the save went through
        status=ClaimStatus.APPROVED,
        assignee=str(outsider.pk),
        wording="Rewritten past the services",
        dismissed_reason="Not worth it",
        reopen_reason="Because",
    )
    response = admin.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    claim.refresh_from_db()
    assert claim.speaker == "The ministry"
    assert row(Claim, claim.pk, [*CLAIM_WORKFLOW, "version"]) == before


def test_superuser_cannot_revert_a_claim_to_an_earlier_version(admin, claim, reviewer, scale):
    first = claim.history.earliest()
    claim_take(claim=claim, actor=reviewer)
    before = row(Claim, claim.pk, [*CLAIM_WORKFLOW, "version"])
    url = reverse("admin:reviews_claim_simple_history", args=[claim.pk, first.history_id])
    page = admin.get(url)
    assert page.status_code == 200
    assert page.context["revert_disabled"]
    response = admin.post(url, {"speaker": "", "kind": claim.kind, "article": claim.article_id})
    assert response.status_code == 403
    assert row(Claim, claim.pk, [*CLAIM_WORKFLOW, "version"]) == before


def test_verdict_change_form_is_for_viewing_only(admin, claim, reviewer, editor, scale):
    verdict = approve(claim, reviewer, editor, Rating.objects.get(slug="true"))
    response = admin.get(reverse("admin:reviews_verdict_change", args=[verdict.pk]))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert "rating" not in response.context["adminform"].form.fields


def test_superuser_post_changes_nothing_in_an_approved_verdict(
    admin, claim, reviewer, editor, superuser, scale
):
    verdict = approve(claim, reviewer, editor, Rating.objects.get(slug="true"))
    before = row(Verdict, verdict.pk, VERDICT_FIELDS)
    response = admin.post(
        reverse("admin:reviews_verdict_change", args=[verdict.pk]),
        {
            "claim": str(claim.pk),
            "number": "1",
            "status": Verdict.Status.RETURNED,
            "rating": str(Rating.objects.get(slug="false").pk),
            "rationale": "Changed around the four-eyes rule",
            "confidence": "10",
            "author": str(superuser.pk),
            "last_edited_by": str(superuser.pk),
            "approved_by": str(superuser.pk),
            "is_current": "on",
        },
    )
    assert response.status_code == 403
    assert row(Verdict, verdict.pk, VERDICT_FIELDS) == before
    assert row(Claim, claim.pk, ["status"])["status"] == ClaimStatus.APPROVED


def test_superuser_cannot_add_a_verdict(admin, claim, reviewer, scale):
    url = reverse("admin:reviews_verdict_add")
    assert admin.get(url).status_code == 403
    response = admin.post(
        url,
        {
            "claim": str(claim.pk),
            "status": Verdict.Status.APPROVED,
            "rating": str(Rating.objects.get(slug="true").pk),
            "author": str(reviewer.pk),
            "last_edited_by": str(reviewer.pk),
        },
    )
    assert response.status_code == 403
    assert not Verdict.objects.filter(claim=claim).exists()
