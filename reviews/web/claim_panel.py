"""The claim panel: the claim with its verdict form, evidence, candidate sources, comments and
history, and the one runner (`claim_post`) that every action in it goes through.

htmx gets the panel as a fragment, with out-of-band updates of the claim's highlight and its
entry in the list; without htmx the panel is part of the whole review page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRedirect

from reviews import permissions
from reviews.errors import ConflictError, ReviewError
from reviews.models import Claim, ClaimStatus, Verdict
from reviews.selectors import desk as desk_selectors
from reviews.selectors import disagreements as disagreement_selectors
from reviews.selectors import timeline as timeline_selectors
from reviews.selectors import users as users_selectors
from reviews.selectors import verdicts as verdict_selectors
from reviews.services.contradictions import evidence_contradiction
from reviews.services.ratings import default_scale
from reviews.web.access import get_claim_for_user
from reviews.web.article import article_page
from reviews.web.errors import error_status, first_error, form_error
from reviews.web.forms import (
    DISMISS_REASONS,
    AssignForm,
    CommentForm,
    DismissForm,
    EvidenceForm,
    ReopenForm,
    ReturnForm,
    SpeakerForm,
    SplitForm,
    VerdictForm,
    VerdictStepForm,
    WordingForm,
)
from reviews.web.htmx import HtmxHttpRequest
from reviews.web.queue import queue_page

# The forms of the claim panel, by the prefix their fields carry.
PANEL_FORMS: dict[str, type[django_forms.Form]] = {
    "verdict": VerdictForm,
    "wording": WordingForm,
    "speaker": SpeakerForm,
    "split": SplitForm,
    "assign": AssignForm,
    "dismiss": DismissForm,
    "reopen": ReopenForm,
    "return": ReturnForm,
    "step": VerdictStepForm,
    "evidence": EvidenceForm,
    "comment": CommentForm,
}
# Who may do a claim action at all, whatever the claim's state (the services check the rest).
ROLE_ALLOWS: dict[str, Callable[[Any, Claim], bool]] = {
    "submit": permissions.can_work,
    "split": permissions.can_work,
    # Reviewers dismiss unrated claims of their own; the service says when they may not.
    "dismiss": lambda user, claim: permissions.is_desk_member(user),
    **dict.fromkeys(
        ("assign", "approve", "return", "reopen"),
        lambda user, claim: permissions.is_desk_editor(user),
    ),
}
# Fields of a ConflictError's `current` row that mean nothing to a reader.
HIDDEN_CONFLICT_FIELDS = {"id", "rating_id", "start", "end", "version", "number"}


@require_GET
@login_required
def claim_detail(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    claim = get_claim_for_user(request.user, claim_id)
    return panel_response(request, claim.pk)


def _form_kwargs(key: str) -> dict:
    if key == "verdict":
        return {"ratings": desk_selectors.scale_ratings(default_scale())}
    if key == "assign":
        return {"users": users_selectors.desk_users()}
    return {}


def _initial(key: str, claim: Claim, verdict: Verdict | None) -> dict:
    if key == "verdict" and verdict is None:
        return {"version": 0}
    if key == "verdict" and verdict is not None:
        return {
            "rating": str(verdict.rating_id),
            "rationale": verdict.rationale,
            "confidence": verdict.confidence,
            "version": verdict.version,
        }
    if key in ("return", "step"):
        return {"version": verdict.version} if verdict is not None else {}
    if key in ("wording", "speaker", "split", "assign", "dismiss", "reopen"):
        return {
            "version": claim.version,
            "wording": claim.wording,
            "speaker": claim.speaker,
            "speaker_role": claim.speaker_role,
            "assignee": str(claim.assignee_id or ""),
        }
    return {}


def _bind(request: HtmxHttpRequest, key: str) -> django_forms.Form:
    return PANEL_FORMS[key](request.POST, prefix=key, **_form_kwargs(key))


def panel_context(
    request: HtmxHttpRequest,
    claim_id: int,
    *,
    bound: dict[str, django_forms.Form] | None = None,
    notice: str = "",
    error: ReviewError | None = None,
    conflict_form: str = "",
) -> dict:
    """Everything the claim panel shows, with the user's input kept in `bound` forms."""
    user = request.user
    try:
        found = desk_selectors.claim_for_panel(claim_id)
    except Claim.DoesNotExist:
        # Merged away or its article deleted while the user looked at it.
        raise Http404("No such claim") from None
    claim = found.claim
    # The panel shows the verdict being worked on (and approved): during a correction that
    # is the new version, with what it changes in the published one.
    working = found.latest_verdict
    actions = permissions.claim_actions(user, claim, working)
    (correction,) = verdict_selectors.corrections(
        [(found.current_verdict, working, found.evidence)]
    )
    context: dict[str, Any] = {
        "claim": claim,
        "current_verdict": working,
        "published_verdict": found.current_verdict,
        "correction": correction,
        "evidence_list": found.evidence,
        "comment_list": found.comments,
        "article": claim.article,
        "can": dict.fromkeys(actions, True),
        "four_eyes_blocked": (
            claim.status == ClaimStatus.SUBMITTED
            and permissions.is_desk_editor(user)
            and "approve" not in actions
        ),
        "earlier_verdicts": [v for v in found.verdicts if v is not working],
        "next_claim": desk_selectors.claim_next(claim) if "merge" in actions else None,
        "timeline": timeline_selectors.claim_timeline(claim),
        "notice": notice,
        "panel_error": "",
        "can_bulk_assign": permissions.can_assign(user) and claim.article.is_current,
        "contradiction": (
            evidence_contradiction(working.rating, [e.stance for e in found.evidence])
            if working is not None and working.status != Verdict.Status.APPROVED
            else ""
        ),
        "dismiss_reasons": DISMISS_REASONS,
        "number_disagreements": disagreement_selectors.claim_disagreements(claim),
    }
    needed: dict[str, str | tuple[str, ...]] = {
        "verdict": "save_verdict",
        "wording": "edit_wording",
        "speaker": "edit_speaker",
        "split": "split",
        "assign": "assign",
        "dismiss": "dismiss",
        "reopen": "reopen",
        "return": "return",
        "step": ("submit", "approve"),
        "evidence": "add_evidence",
        "comment": "comment",
    }
    bound = bound or {}
    for key, action in needed.items():
        if key in bound:
            context[f"{key}_form"] = bound[key]
        elif set(action if isinstance(action, tuple) else (action,)) & set(actions):
            context[f"{key}_form"] = PANEL_FORMS[key](
                prefix=key, initial=_initial(key, claim, working), **_form_kwargs(key)
            )
    # The form the user was filling in stays open, with their input.
    context["open_form"] = next(iter(bound), "")
    if isinstance(error, ConflictError):
        context["conflict"] = [
            (name.replace("_", " "), value)
            for name, value in error.current.items()
            if name not in HIDDEN_CONFLICT_FIELDS
        ]
        context["conflict_form"] = conflict_form
        about_verdict = conflict_form == "verdict" or context["open_form"] in ("step", "return")
        context["conflict_what"] = "verdict" if about_verdict else "claim"
        context["conflict_message"] = error.message
    elif error is not None and not bound:
        context["panel_error"] = error.message
    # A form that came without the version the user saw cannot be fixed in the form.
    for form in bound.values():
        hidden = [e for field in form.hidden_fields() for e in field.errors]
        if hidden:
            context["panel_error"] = hidden[0]
    return context


def panel_response(
    request: HtmxHttpRequest, claim_id: int, *, status: int = 200, **kwargs
) -> HttpResponse:
    """The claim panel: a fragment for htmx (with out-of-band updates of the claim's highlight
    and list entry), the whole review page otherwise."""
    context = panel_context(request, claim_id, **kwargs)
    if request.htmx and request.htmx.target == "claim-panel":
        context["oob"] = True
        response = render(request, "reviews/web/_claim_panel.html", context, status=status)
    else:
        response = article_page(request, context["article"], panel=context, status=status)
    response["Vary"] = "HX-Request, HX-Target"
    return response


def claim_post(
    request: HtmxHttpRequest,
    claim_id: int,
    *,
    run: Callable[[Claim, dict], object],
    notice: str,
    form_key: str | None = None,
    reload: bool = False,
    action: str | None = None,
) -> HttpResponse:
    """One claim action: bind its form, call its service, answer.

    On success an htmx request gets the refreshed panel (or a reload of the page when the
    claims themselves changed: split, merge); a plain POST is redirected to the claim page.
    On failure the form comes back with the user's input and the service's message.
    """
    claim = get_claim_for_user(request.user, claim_id)
    form = _bind(request, form_key) if form_key else None
    from_queue = request.POST.get("from") == "queue"
    # Someone whose role may not do this at all hears that, not what their form lacks.
    refused = action is not None and not ROLE_ALLOWS[action](request.user, claim)
    if form is not None and not form.is_valid() and refused:
        exc = ReviewError("You cannot do this on this claim.", "forbidden")
        if from_queue:
            return queue_page(request, error=exc.message, status=403)
        return panel_response(request, claim.pk, error=exc, status=403)
    if form is not None and not form.is_valid():
        if from_queue:
            return queue_page(request, error=first_error(form), status=400)
        return panel_response(request, claim.pk, bound={form_key: form}, status=400)
    try:
        result = run(claim, form.cleaned_data if form is not None else {})
    except ReviewError as exc:
        if from_queue:
            return queue_page(request, error=exc.message, status=error_status(exc))
        bound = {}
        if form is not None and form_key != "step":  # the step form has no fields to show
            if isinstance(exc, ConflictError):
                form = _rebind_with_version(request, form_key, exc)
            else:
                form_error(form, exc)
            bound[form_key] = form
        return panel_response(
            request,
            claim.pk,
            bound=bound,
            error=exc,
            status=error_status(exc),
            conflict_form="verdict" if form_key == "verdict" else "claim",
        )
    if from_queue:
        messages.success(request, notice)
        return redirect("reviews:approval_queue")
    target = result if isinstance(result, Claim) and reload else claim
    url = reverse("reviews:claim_detail", args=[target.pk])
    if request.htmx and not reload:
        response = panel_response(request, claim.pk, notice=notice)
        # What shows the article's counts listens for this and refreshes itself.
        response["HX-Trigger"] = "claim-changed"
        return response
    messages.success(request, notice)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _rebind_with_version(
    request: HtmxHttpRequest, key: str, exc: ConflictError
) -> django_forms.Form:
    """Keep the user's input, but carry the version that is now current: saving again is a
    deliberate overwrite of what the user has now seen."""
    data = request.POST.copy()
    if "version" in exc.current:
        data[f"{key}-version"] = str(exc.current["version"])
    form = PANEL_FORMS[key](data, prefix=key, **_form_kwargs(key))
    form.is_valid()
    return form
