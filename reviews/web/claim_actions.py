"""The actions of the claim panel, each a call of its service through `claim_post`: take,
assign, edit the wording, correct the speaker, split, merge, dismiss, reopen; save, submit,
approve and return a verdict; attach and remove evidence; comment."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_POST

from reviews.services import claims as claim_services
from reviews.services import comments as comment_services
from reviews.services import evidence as evidence_services
from reviews.services import verdicts as verdict_services
from reviews.web.access import get_evidence_for_user
from reviews.web.claim_panel import claim_post
from reviews.web.htmx import HtmxHttpRequest


@require_POST
@login_required
def claim_take(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    return claim_post(
        request,
        claim_id,
        notice="The claim is assigned to you.",
        run=lambda claim, data: claim_services.claim_take(claim=claim, actor=request.user),
    )


@require_POST
@login_required
def claim_assign(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        return claim_services.claim_assign(
            claim=claim,
            assignee_id=data["assignee"].pk if data["assignee"] else None,
            actor=request.user,
            expected_version=data["version"],
        )

    return claim_post(
        request, claim_id, form_key="assign", action="assign", run=run, notice="Assignment saved."
    )


@require_POST
@login_required
def claim_wording(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        return claim_services.claim_edit_wording(
            claim=claim,
            wording=data["wording"],
            actor=request.user,
            expected_version=data["version"],
        )

    return claim_post(request, claim_id, form_key="wording", run=run, notice="Wording saved.")


@require_POST
@login_required
def claim_speaker(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        return claim_services.claim_edit_speaker(
            claim=claim,
            speaker=data["speaker"],
            speaker_role=data["speaker_role"],
            actor=request.user,
            expected_version=data["version"],
        )

    return claim_post(request, claim_id, form_key="speaker", run=run, notice="Speaker saved.")


@require_POST
@login_required
def claim_split(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        first, _second = claim_services.claim_split(
            claim=claim,
            at=claim.start + data["position"],
            actor=request.user,
            expected_version=data["version"],
        )
        return first

    return claim_post(
        request,
        claim_id,
        form_key="split",
        action="split",
        run=run,
        reload=True,
        notice="The claim was split in two.",
    )


@require_POST
@login_required
def claim_merge(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        seen = request.POST.get("next", "")  # the claim the page showed as the next one
        return claim_services.claim_merge(
            first=claim,
            actor=request.user,
            expected_second_id=int(seen) if seen.isdigit() else None,
        )

    return claim_post(request, claim_id, run=run, reload=True, notice="The claims were merged.")


@require_POST
@login_required
def claim_dismiss(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        return claim_services.claim_dismiss(
            claim=claim, reason=data["reason"], actor=request.user, expected_version=data["version"]
        )

    return claim_post(
        request, claim_id, form_key="dismiss", action="dismiss", run=run, notice="Claim dismissed."
    )


@require_POST
@login_required
def claim_reopen(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        return claim_services.claim_reopen(
            claim=claim, reason=data["reason"], actor=request.user, expected_version=data["version"]
        )

    return claim_post(
        request,
        claim_id,
        form_key="reopen",
        action="reopen",
        run=run,
        notice="Claim reopened: the approved verdict stays on record; save a corrected one.",
    )


@require_POST
@login_required
def verdict_save(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        return verdict_services.verdict_save(
            claim=claim,
            actor=request.user,
            rating=data["rating"],
            rationale=data["rationale"],
            confidence=data["confidence"],
            expected_version=data["version"],
        )

    return claim_post(request, claim_id, form_key="verdict", run=run, notice="Verdict saved.")


@require_POST
@login_required
def verdict_submit(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        return verdict_services.verdict_submit(
            claim=claim, actor=request.user, expected_version=data["version"]
        )

    return claim_post(
        request,
        claim_id,
        form_key="step",
        action="submit",
        run=run,
        notice="Verdict submitted for approval.",
    )


@require_POST
@login_required
def verdict_approve(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        return verdict_services.verdict_approve(
            claim=claim,
            actor=request.user,
            expected_version=data["version"],
            # Only the panel's approval of a correction has the field; elsewhere keep the note.
            correction_note=data["correction_note"]
            if "step-correction_note" in request.POST
            else None,
        )

    return claim_post(
        request, claim_id, form_key="step", action="approve", run=run, notice="Verdict approved."
    )


@require_POST
@login_required
def verdict_return(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        return verdict_services.verdict_return(
            claim=claim, actor=request.user, note=data["note"], expected_version=data["version"]
        )

    return claim_post(
        request,
        claim_id,
        form_key="return",
        action="return",
        run=run,
        notice="Verdict returned to the reviewer.",
    )


@require_POST
@login_required
def evidence_add(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        return evidence_services.evidence_add(claim=claim, actor=request.user, **data)

    return claim_post(request, claim_id, form_key="evidence", run=run, notice="Source attached.")


@require_POST
@login_required
def evidence_remove(request: HtmxHttpRequest, evidence_id: int) -> HttpResponse:
    evidence = get_evidence_for_user(request.user, evidence_id)

    def run(claim, data):
        return evidence_services.evidence_remove(evidence=evidence, actor=request.user)

    return claim_post(request, evidence.claim_id, run=run, notice="Source removed.")


@require_POST
@login_required
def comment_add(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim, data):
        return comment_services.comment_add(claim=claim, actor=request.user, body=data["body"])

    return claim_post(request, claim_id, form_key="comment", run=run, notice="Comment added.")
