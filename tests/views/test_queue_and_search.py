"""The approval queue (one by one and several at once) and search across articles and
claims."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import ClaimStatus, Verdict
from reviews.services.claims import claim_take
from reviews.services.evidence import evidence_add
from reviews.services.verdicts import verdict_return
from reviews.web.forms import STALE_FORM
from tests import scenes
from tests.factories import ArticleFactory, ClaimFactory
from tests.views.conftest import (
    HTMX,
    bulk_selection,
    page_input,
    queue_item,
    rating,
    seen_version,
)

pytestmark = pytest.mark.django_db


def submitted(article, author, scale, label="False", *, start=0, speaker=""):
    end = article.body.index(".", start) + 1
    claim = ClaimFactory(article=article, start=start, end=end, speaker=speaker)
    claim_take(claim=claim, actor=author)
    scenes.submit(claim, author, rating(scale, label), rationale="Because.", confidence=70)
    return scenes.fresh(claim)


def test_queue_shows_submitted_verdicts_with_their_evidence(
    editor_client, reviewer, submitted_claim
):
    evidence_add(
        claim=submitted_claim,
        actor=reviewer,
        url="https://stats.example.org/t",
        stance="refutes",
        title="Troop numbers",
        quote="2,000 troops",
    )
    html = editor_client.get(reverse("reviews:approval_queue")).content.decode()
    assert submitted_claim.text in html
    assert "Troop numbers" in html and "2,000 troops" in html
    assert "Approve selected" in html


def test_reviewer_sees_the_queue_without_controls(reviewer_client, submitted_claim):
    html = reviewer_client.get(reverse("reviews:approval_queue")).content.decode()
    assert submitted_claim.text in html
    assert "Approve selected" not in html
    assert 'name="claims"' not in html


def test_editor_approves_several_at_once(editor_client, reviewer, scale):
    article = ArticleFactory()
    first = submitted(article, reviewer, scale)
    second = submitted(article, reviewer, scale, start=article.body.index("The ministry"))
    selection = bulk_selection(editor_client, first, second)
    response = editor_client.post(reverse("reviews:approvals_bulk"), selection)
    assert response.status_code == 302
    for claim in (first, second):
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.APPROVED


def test_queue_queries_do_not_grow_with_its_rows(editor_client, reviewer, scale):
    def add_submitted():
        claim = submitted(ArticleFactory(), reviewer, scale)
        evidence_add(
            claim=claim,
            actor=reviewer,
            url=f"https://stats.example.org/{claim.pk}",
            stance="refutes",
            title="Troop numbers",
            quote="2,000 troops",
        )

    add_submitted()
    url = reverse("reviews:approval_queue")
    with CaptureQueriesContext(connection) as one:
        assert editor_client.get(url).status_code == 200
    for _ in range(3):
        add_submitted()
    with CaptureQueriesContext(connection) as four:
        response = editor_client.get(url)
    assert response.content.decode().count('class="queue-item"') == 4
    assert len(four) == len(one)


def test_bulk_approval_is_all_or_nothing(editor_client, reviewer, editor, scale):
    article = ArticleFactory()
    theirs = submitted(article, reviewer, scale)
    own = submitted(article, editor, scale, start=article.body.index("The ministry"))
    page = editor_client.get(reverse("reviews:approval_queue")).content.decode()
    assert f'value="{own.pk}" form="bulk-approve" id="pick-{own.pk}" disabled' in page
    # A forged selection that ticks the disabled box too, with both versions shown.
    selection = bulk_selection(editor_client, theirs, own)
    response = editor_client.post(reverse("reviews:approvals_bulk"), selection)
    assert response.status_code == 403
    assert 'role="alert"' in response.content.decode()
    for claim in (theirs, own):
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.SUBMITTED


def test_bulk_approval_without_a_selection_explains(editor_client, submitted_claim):
    response = editor_client.post(reverse("reviews:approvals_bulk"), {})
    assert response.status_code == 400
    assert "Select at least one verdict" in response.content.decode()


def test_return_from_the_queue_needs_a_note(editor_client, submitted_claim):
    url = reverse("reviews:verdict_return", args=[submitted_claim.pk])
    version = page_input(queue_item(editor_client, submitted_claim), "return-version")
    assert version
    refused = editor_client.post(
        url, {"from": "queue", "return-note": "", "return-version": version}
    )
    assert refused.status_code == 400
    assert "required" in refused.content.decode()
    submitted_claim.refresh_from_db()
    assert submitted_claim.status == ClaimStatus.SUBMITTED
    done = editor_client.post(
        url, {"from": "queue", "return-note": "Cite the decree", "return-version": version}
    )
    assert done.status_code == 302 and done["Location"] == reverse("reviews:approval_queue")
    submitted_claim.refresh_from_db()
    assert submitted_claim.status == ClaimStatus.RETURNED


def test_search_finds_claims_by_text_speaker_status_and_rating(reviewer_client, reviewer, scale):
    article = ArticleFactory(title="Unrest in Almaty")
    false_claim = submitted(article, reviewer, scale, "False", speaker="Tokayev")
    other = ClaimFactory(article=article, start=article.body.index("Prices"), end=len(article.body))

    def found(**params) -> str:
        return reviewer_client.get(reverse("reviews:search"), params).content.decode()

    def has(html, claim):
        return f'href="{reverse("reviews:claim_detail", args=[claim.pk])}"' in html

    html = found(q="troops")
    assert has(html, false_claim) and not has(html, other)
    assert has(found(speaker="tokayev"), false_claim)
    html = found(status="unreviewed")
    assert has(html, other) and not has(html, false_claim)
    html = found(rating="false")
    assert has(html, false_claim) and not has(html, other)
    assert "Unrest in Almaty" in found(q="almaty")


def test_search_escapes_what_it_echoes(reviewer_client):
    html = reviewer_client.get(reverse("reviews:search"), {"q": "<script>x</script>"}).content
    assert b"<script>x</script>" not in html


# --- the versions the queue showed ----------------------------------------------------------


def test_bulk_approval_without_the_versions_shown_approves_none(editor_client, reviewer, scale):
    article = ArticleFactory()
    first = submitted(article, reviewer, scale)
    second = submitted(article, reviewer, scale, start=article.body.index("The ministry"))
    selection = bulk_selection(editor_client, first, second)
    del selection[f"version-{second.pk}"]
    response = editor_client.post(reverse("reviews:approvals_bulk"), selection)
    assert response.status_code == 400
    assert STALE_FORM in response.content.decode()
    assert not Verdict.objects.filter(status=Verdict.Status.APPROVED).exists()


def test_bulk_approval_with_a_verdict_changed_since_the_queue_loaded_approves_none(
    editor_client, editor2, reviewer, scale
):
    article = ArticleFactory()
    first = submitted(article, reviewer, scale)
    second = submitted(article, reviewer, scale, start=article.body.index("The ministry"))
    selection = bulk_selection(editor_client, first, second)
    # Meanwhile the second verdict is returned, rewritten and submitted again.
    verdict_return(claim=second, actor=editor2, note="Check the date.")
    scenes.submit(second, reviewer, rating(scale, "Half true"), rationale="The dated figure.")
    response = editor_client.post(reverse("reviews:approvals_bulk"), selection)
    assert response.status_code == 409
    html = response.content.decode()
    assert 'role="alert"' in html and "Nothing was approved." in html
    assert not Verdict.objects.filter(status=Verdict.Status.APPROVED).exists()
    assert [scenes.fresh(c).status for c in (first, second)] == [ClaimStatus.SUBMITTED] * 2


def test_a_correction_is_shown_and_approved_as_the_new_version(
    editor_client, reviewer_client, submitted_claim, scale
):
    claim = submitted_claim
    detail = reverse("reviews:claim_detail", args=[claim.pk])

    def post(client, view, form, fields=None, **extra):
        data = {**(fields or {}), f"{form}-version": seen_version(client, claim, form), **extra}
        response = client.post(reverse(f"reviews:{view}", args=[claim.pk]), data, headers=HTMX)
        assert response.status_code == 200, response.content.decode()[:500]

    post(editor_client, "verdict_approve", "step")
    post(editor_client, "claim_reopen", "reopen", {"reopen-reason": "New figures"})
    post(
        reviewer_client,
        "verdict_save",
        "verdict",
        {
            "verdict-rating": rating(scale, "False").pk,
            "verdict-rationale": "The ministry's *own* figures.",
            "verdict-confidence": 90,
        },
    )
    post(reviewer_client, "verdict_submit", "step")
    published, correction = claim.verdicts.order_by("number")
    assert (published.status, correction.status) == ("approved", "submitted")

    # The panel shows the editor the corrected verdict, and what it changes.
    panel = editor_client.get(detail).content.decode()
    assert '<span class="rating rating-false">False</span>' in panel
    assert "Correction of the published verdict" in panel
    assert "<li>Rating was Mostly true</li>" in panel
    assert "<li>Confidence was 80%</li>" in panel
    assert "Rationale rewritten" not in panel
    assert page_input(panel, "step-version") == str(correction.version)

    # So does the queue: the submitted correction, not the published verdict.
    item = queue_item(editor_client, claim)
    assert '<span class="rating rating-false">False</span> · confidence 90%' in item
    assert "Mostly true</span> · confidence" not in item
    assert "Correction of the published verdict" in item
    assert "<li>Rating was Mostly true</li>" in item
    assert page_input(item, "step-version") == str(correction.version)

    # Approving from the queue approves the correction; the old verdict is superseded.
    approve = reverse("reviews:verdict_approve", args=[claim.pk])
    version = page_input(item, "step-version")
    response = editor_client.post(approve, {"from": "queue", "step-version": version})
    assert response.status_code == 302 and response["Location"] == reverse("reviews:approval_queue")
    published.refresh_from_db()
    correction.refresh_from_db()
    assert (published.status, correction.status) == ("superseded", "approved")
    assert correction.rating.label == "False"
    assert scenes.fresh(claim).status == ClaimStatus.APPROVED
