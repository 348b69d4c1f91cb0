"""The claim panel's "Previously fact-checked" actions: attach an earlier fact-check as
evidence, or start the verdict from its rating (the verdict form opens filled in; the
reviewer saves it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_POST

from reviews import permissions
from reviews.errors import ReviewError
from reviews.selectors import desk as desk_selectors
from reviews.services import matches as match_services
from reviews.services.ratings import default_scale
from reviews.web.access import get_claim_for_user
from reviews.web.claim_panel import claim_post, panel_response
from reviews.web.errors import error_status
from reviews.web.forms import VerdictForm
from reviews.web.htmx import HtmxHttpRequest


@require_POST
@login_required
def match_attach(request: HtmxHttpRequest, claim_id: int, factcheck_id: int) -> HttpResponse:
    return claim_post(
        request,
        claim_id,
        notice="The earlier fact-check is attached as evidence.",
        run=lambda claim, data: match_services.match_attach(
            claim=claim, factcheck_id=factcheck_id, actor=request.user
        ),
    )


@require_POST
@login_required
def match_verdict(request: HtmxHttpRequest, claim_id: int, factcheck_id: int) -> HttpResponse:
    claim = get_claim_for_user(request.user, claim_id)
    found = desk_selectors.claim_for_panel(claim.pk)
    # The verdict being worked on, as the panel's verdict form shows it.
    current = found.latest_verdict
    try:
        permissions.require(
            "save_verdict" in permissions.claim_actions(request.user, claim, current),
            "You cannot write a verdict on this claim now.",
        )
        start = match_services.verdict_start_from_match(
            claim=claim,
            factcheck_id=factcheck_id,
            rationale=current.rationale if current is not None else "",
        )
    except ReviewError as exc:
        return panel_response(request, claim.pk, error=exc, status=error_status(exc))
    rating = start.rating or (current.rating if current is not None else None)
    form = VerdictForm(
        prefix="verdict",
        ratings=desk_selectors.scale_ratings(default_scale()),
        initial={
            "rating": str(rating.pk) if rating is not None else "",
            "rationale": start.rationale,
            "confidence": current.confidence if current is not None else None,
            "version": current.version if current is not None else None,
        },
    )
    if start.rating is not None:
        notice = (
            f"The verdict form starts from the earlier rating, {start.rating.label}: "
            "check it and save."
        )
    else:
        notice = (
            "The desk's scale has no rating of that label: the link is in the rationale; "
            "choose a rating and save."
        )
    return panel_response(request, claim.pk, bound={"verdict": form}, notice=notice)
