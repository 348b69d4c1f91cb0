"""Candidate sources: the claim's sources panel (loaded into the claim panel by htmx, a page of
its own without it), accepting and dismissing candidates, and the source jobs of a whole
article.

The panel polls while a job of its claim is queued or running, and stops polling when none is.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from reviews import permissions
from reviews.errors import ReviewError
from reviews.models import Article, Claim, Stance
from reviews.providers import provider_offer
from reviews.selectors import jobs as job_selectors
from reviews.selectors import sources as source_selectors
from reviews.services import candidates as candidate_services
from reviews.web.access import (
    desk_required,
    get_article_for_user,
    get_candidate_for_user,
    get_claim_for_user,
)
from reviews.web.errors import error_status
from reviews.web.forms import AcceptForm
from reviews.web.htmx import HtmxHttpRequest
from reviews.web.jobs import POLL_SECONDS


def panel_context(request: HtmxHttpRequest, claim: Claim, **extra) -> dict:
    found = source_selectors.claim_candidates(claim)
    source_jobs = job_selectors.claim_source_jobs(claim)
    return {
        "claim": claim,
        "candidates": found.pending,
        "decided": found,
        "source_jobs": source_jobs,
        "active": source_jobs.active,
        "poll_seconds": POLL_SECONDS,
        "can_work": permissions.can_work(request.user, claim),
        "is_editor": permissions.is_desk_editor(request.user),
        "stances": Stance.choices,
        "offer": provider_offer(),
        **extra,
    }


def render_panel(
    request: HtmxHttpRequest, claim: Claim, *, status: int = 200, **extra
) -> HttpResponse:
    context = panel_context(request, claim, **extra)
    if request.htmx and request.GET.get("part") == "jobs":
        # The poll refreshes the job list only, so that a quote being typed into an accept
        # form is not wiped; when the last job ends, the whole panel reloads once.
        context["reload"] = request.GET.get("was_active") == "1" and not context["active"]
        return render(request, "reviews/web/_claim_jobs.html", context, status=status)
    if request.htmx:
        return render(request, "reviews/web/_candidates.html", context, status=status)
    return render(request, "reviews/web/claim_sources.html", context, status=status)


# --- The claim's sources ------------------------------------------------------------------


@require_GET
@desk_required
def claim_sources(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    claim = get_claim_for_user(request.user, claim_id)
    return render_panel(request, claim)


@require_POST
@desk_required
def claim_sources_find(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    claim = get_claim_for_user(request.user, claim_id)
    # The Retry button of one provider's failed search names it; Find sources names none.
    provider = request.POST.get("provider", "").strip()
    try:
        candidate_services.candidates_find(
            claim=claim, actor=request.user, providers=[provider] if provider else None
        )
    except ReviewError as exc:
        return render_panel(request, claim, status=error_status(exc), error=exc.message)
    if not request.htmx:
        return redirect("reviews:claim_sources", claim.pk)
    # No "searching" notice: the jobs area shows each provider's state and outcome, and
    # keeps polling until every search has ended.
    return render_panel(request, claim)


@require_POST
@desk_required
def candidate_accept(request: HtmxHttpRequest, candidate_id: int) -> HttpResponse:
    candidate = get_candidate_for_user(request.user, candidate_id)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return render_panel(
            request,
            candidate.claim,
            status=400,
            error="Choose whether the source supports, refutes or gives context.",
        )
    try:
        candidate_services.candidate_accept(
            candidate=candidate, actor=request.user, **form.cleaned_data
        )
    except ReviewError as exc:
        return render_panel(request, candidate.claim, status=error_status(exc), error=exc.message)
    notice = f"“{candidate.title or candidate.url}” is now evidence."
    if not request.htmx:
        messages.success(request, notice)
        return redirect("reviews:claim_sources", candidate.claim_id)
    response = render_panel(request, candidate.claim, notice=notice)
    # The claim panel's evidence list may listen for this to refresh itself.
    response["HX-Trigger"] = "evidence-added"
    return response


@require_POST
@desk_required
def candidate_dismiss(request: HtmxHttpRequest, candidate_id: int) -> HttpResponse:
    candidate = get_candidate_for_user(request.user, candidate_id)
    try:
        candidate_services.candidate_dismiss(
            candidate=candidate, actor=request.user, reason=request.POST.get("reason", "")
        )
    except ReviewError as exc:
        return render_panel(request, candidate.claim, status=error_status(exc), error=exc.message)
    if not request.htmx:
        return redirect("reviews:claim_sources", candidate.claim_id)
    return render_panel(request, candidate.claim, notice="Dismissed.")


# --- The article's source jobs ------------------------------------------------------------


def article_context(request: HtmxHttpRequest, article: Article, **extra) -> dict:
    found = source_selectors.article_sources(article)
    return {
        "article": article,
        "claims": found.claims,
        "jobs": found.jobs,
        "counts": found.counts,
        "active": found.active,
        "poll_seconds": POLL_SECONDS,
        "can_find_all": permissions.is_desk_editor(request.user),
        "is_editor": permissions.is_desk_editor(request.user),
        "lines": [job_selectors.job_line(job) for job in found.jobs],
        "offer": provider_offer(),
        **extra,
    }


@require_GET
@desk_required
def article_sources(request: HtmxHttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    context = article_context(request, article)
    if request.htmx:
        return render(request, "reviews/web/_article_jobs.html", context)
    return render(request, "reviews/web/article_sources.html", context)


@require_POST
@desk_required
def article_sources_find(request: HtmxHttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    try:
        jobs = candidate_services.candidates_find_for_article(article=article, actor=request.user)
    except ReviewError as exc:
        context = article_context(request, article, error=exc.message)
        template = "_article_jobs.html" if request.htmx else "article_sources.html"
        return render(request, f"reviews/web/{template}", context, status=error_status(exc))
    notice = f"{len(jobs)} searches queued."
    if request.htmx:
        return render(
            request,
            "reviews/web/_article_jobs.html",
            article_context(request, article, notice=notice),
        )
    messages.info(request, notice)
    return redirect("reviews:article_sources", article.pk)
