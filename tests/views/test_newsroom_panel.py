"""The claim panel and the article page as a newsroom uses them: the speaker corrected, junk
dismissed one by one by reviewers and in bulk by editors, a contradicting rating flagged
before submission, the public correction notice written on approval."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.models import ClaimStatus, Evidence
from reviews.services.claims import claim_reopen
from reviews.services.evidence import evidence_add
from tests import scenes
from tests.factories import ClaimFactory
from tests.views.conftest import HTMX, rating, seen_version

pytestmark = pytest.mark.django_db


def url(name: str, obj) -> str:
    return reverse(f"reviews:{name}", args=[obj.pk])


def panel(client, claim) -> str:
    return client.get(url("claim_detail", claim), headers=HTMX).content.decode()


def test_a_reviewer_corrects_the_speaker_in_the_panel(reviewer_client, claim):
    version = seen_version(reviewer_client, claim, "speaker")
    answer = reviewer_client.post(
        url("claim_speaker", claim),
        {
            "speaker-speaker": "Bill de Blasio",
            "speaker-speaker_role": "Mayor",
            "speaker-version": version,
        },
        headers=HTMX,
    )
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Speaker saved." in html
    assert "Bill de Blasio, Mayor" in html
    assert answer["HX-Trigger"] == "claim-changed"
    claim.refresh_from_db()
    assert (claim.speaker, claim.speaker_role) == ("Bill de Blasio", "Mayor")


def test_a_stale_speaker_form_is_refused(reviewer_client, claim):
    version = seen_version(reviewer_client, claim, "speaker")
    fields = {"speaker-speaker": "A", "speaker-speaker_role": "", "speaker-version": version}
    assert (
        reviewer_client.post(url("claim_speaker", claim), fields, headers=HTMX).status_code == 200
    )
    stale = reviewer_client.post(
        url("claim_speaker", claim), {**fields, "speaker-speaker": "B"}, headers=HTMX
    )
    assert stale.status_code == 409
    claim.refresh_from_db()
    assert claim.speaker == "A"


def test_a_reviewer_dismisses_an_unrated_claim_with_a_preset_reason(reviewer_client, claim):
    html = panel(reviewer_client, claim)
    assert "Dismiss (not check-worthy)" in html
    assert '<datalist id="dismiss-reasons">' in html and "Page furniture" in html
    version = seen_version(reviewer_client, claim, "dismiss")
    answer = reviewer_client.post(
        url("claim_dismiss", claim),
        {
            "dismiss-reason": "Page furniture: navigation, caption, byline or link",
            "dismiss-version": version,
        },
        headers=HTMX,
    )
    assert answer.status_code == 200
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISMISSED


def test_a_rated_claim_offers_the_reviewer_no_dismissal(reviewer_client, drafted_claim):
    assert "Dismiss (not check-worthy)" not in panel(reviewer_client, drafted_claim)


def test_the_panel_warns_before_submitting_a_rating_its_evidence_contradicts(
    reviewer_client, reviewer, claim, scale
):
    scenes.write(claim, reviewer, rating(scale, "True"))
    evidence_add(claim=claim, actor=reviewer, url="https://stats.example.org/t", stance="refutes")
    html = panel(reviewer_client, claim)
    assert 'id="contradiction"' in html
    assert "every source attached refutes the claim" in html
    assert 'hx-confirm="Rated True, but every source attached refutes' in html
    evidence_add(claim=claim, actor=reviewer, url="https://stats.example.org/s", stance="supports")
    assert 'id="contradiction"' not in panel(reviewer_client, claim)


def test_no_confidence_is_filled_in_for_the_reviewer(reviewer_client, claim, scale):
    html = panel(reviewer_client, claim)
    assert 'name="verdict-confidence"' in html
    assert 'name="verdict-confidence" value=' not in html
    answer = reviewer_client.post(
        url("verdict_save", claim),
        {
            "verdict-rating": str(rating(scale, "False").pk),
            "verdict-rationale": "No.",
            "verdict-version": "0",
        },
        headers=HTMX,
    )
    assert answer.status_code == 200
    assert (
        "confidence"
        not in answer.content.decode().split('class="verdict-current"')[1].split("</p>")[0]
    )
    assert claim.verdicts.get().confidence is None


def test_removing_evidence_asks_first(reviewer_client, reviewer, drafted_claim):
    evidence_add(claim=drafted_claim, actor=reviewer, url="https://x.example/a", stance="context")
    html = panel(reviewer_client, drafted_claim)
    assert 'hx-confirm="Remove this source from the claim?' in html
    assert Evidence.objects.count() == 1


def test_the_editor_writes_the_public_notice_when_approving_a_correction(
    editor_client, editor, editor2, reviewer, claim, scale
):
    scenes.approve(claim, reviewer, editor2, rating(scale, "True"))
    claim_reopen(claim=claim, reason="Internal: reader e-mail", actor=editor2)
    scenes.submit(claim, reviewer, rating(scale, "Mostly true"))
    html = panel(editor_client, claim)
    assert "Correction notice for readers" in html
    assert "Approve the correction" in html
    version = seen_version(editor_client, claim, "step")
    answer = editor_client.post(
        url("verdict_approve", claim),
        {
            "step-version": version,
            "step-correction_note": "The rating was changed after new figures.",
        },
        headers=HTMX,
    )
    assert answer.status_code == 200
    verdict = claim.verdicts.get(is_current=True)
    assert verdict.correction_note == "The rating was changed after new figures."
    assert verdict.correction_reason == "Internal: reader e-mail"


def test_the_reopen_form_says_its_reason_stays_internal(
    editor_client, editor2, reviewer, claim, scale
):
    scenes.approve(claim, reviewer, editor2, rating(scale, "True"))
    assert "never published" in panel(editor_client, claim)


# --- bulk dismissal on the article page -------------------------------------------------------


def test_the_editor_dismisses_several_claims_with_one_reason(editor_client, claim):
    other = ClaimFactory(article=claim.article, start=47, end=60)
    page = editor_client.get(url("article_detail", claim.article)).content.decode()
    assert 'id="bulk-dismiss"' in page
    answer = editor_client.post(
        url("claims_bulk_dismiss", claim.article),
        {"bulk-claims": [claim.pk, other.pk], "bulk-reason": "Page furniture"},
        headers={"HX-Request": "true", "HX-Target": "claim-list"},
    )
    assert answer.status_code == 200
    assert "2 claims dismissed: Page furniture" in answer.content.decode()
    for c in (claim, other):
        c.refresh_from_db()
        assert (c.status, c.dismissed_reason) == (ClaimStatus.DISMISSED, "Page furniture")


def test_bulk_dismissal_without_a_reason_changes_nothing(editor_client, claim):
    answer = editor_client.post(
        url("claims_bulk_dismiss", claim.article),
        {"bulk-claims": [claim.pk], "bulk-reason": " "},
        headers={"HX-Request": "true", "HX-Target": "claim-list"},
    )
    assert answer.status_code == 400
    assert "Give the reason" in answer.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNREVIEWED


def test_bulk_dismissal_is_for_editors(reviewer_client, claim):
    answer = reviewer_client.post(
        url("claims_bulk_dismiss", claim.article),
        {"bulk-claims": [claim.pk], "bulk-reason": "Junk"},
    )
    assert answer.status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNREVIEWED
