"""The article review page: the article with its claims highlighted in place, the claim list
ranked by check-worthiness (filtered, and with the editors' bulk assignment above it), and the
actions on the article as a whole: adding a missed claim, ingesting a new version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from reviews import permissions
from reviews.errors import ReviewError
from reviews.highlight import segments
from reviews.models import Article, Claim, ClaimStatus
from reviews.selectors import desk as desk_selectors
from reviews.selectors import jobs as jobs_selectors
from reviews.selectors import users as users_selectors
from reviews.selectors.desk import ClaimRow
from reviews.selectors.left_out import left_out_lines
from reviews.services import claims as claim_services
from reviews.services import reingest as reingest_services
from reviews.web.access import get_article_for_user
from reviews.web.errors import error_status, first_error
from reviews.web.forms import (
    DISMISS_REASONS,
    AddClaimForm,
    BulkAssignForm,
    BulkDismissForm,
    ClaimFilterForm,
)
from reviews.web.htmx import HtmxHttpRequest
from reviews.web.ingest_forms import ReingestForm


@require_GET
@login_required
def article_detail(request: HtmxHttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    return article_page(request, article)


def _claim_filters(form: ClaimFilterForm) -> desk_selectors.ClaimFilters:
    if not form.is_bound or not form.is_valid():
        return desk_selectors.ClaimFilters()
    data = form.cleaned_data
    return desk_selectors.ClaimFilters(
        status=data["status"],
        assignee=data["assignee"],
        kind=data["kind"],
        min_score=data["min_score"],
        checkworthy_only=data["checkworthy"],
    )


def article_page(
    request: HtmxHttpRequest,
    article: Article,
    *,
    panel: dict | None = None,
    status: int = 200,
    bulk: dict | None = None,
    **extra,
) -> HttpResponse:
    """The review page, or only its claim list when htmx asks for that."""
    rows = desk_selectors.claims_for_review_page(article)
    claims = [row.claim for row in rows]
    users = users_selectors.desk_users()
    filter_form = ClaimFilterForm(request.GET or None, users=users)
    filters = _claim_filters(filter_form)
    ranked = desk_selectors.claims_ranked(rows, filters, user=request.user)
    context = {
        "article": article,
        "ranked": ranked,
        "claims_total": len(claims),
        "filters_active": filters.active,
        "claim": None,
        **(panel or {}),
        **_bulk_assign_context(request, article, ranked, users, bulk or {}),
        "left_out": left_out_lines(article, claims),
        "can_restore": permissions.can_add_claim(request.user, article) and article.is_current,
    }
    if request.htmx and request.htmx.target == "claim-list":
        return render(request, "reviews/web/_claim_list.html", context, status=status)
    context.update(
        segments=segments(article.body, claims),
        stats=_claim_stats(claims),
        filter_form=filter_form,
        can_reingest=permissions.can_reingest(request.user, article),
        reingest_form=extra.pop("reingest_form", None) or ReingestForm(),
        extraction_job=jobs_selectors.article_extraction_job(article),
        **extra,
    )
    response = render(request, "reviews/web/article_detail.html", context, status=status)
    response["Vary"] = "HX-Request, HX-Target"
    return response


def _bulk_assign_context(
    request: HtmxHttpRequest, article: Article, ranked: list[ClaimRow], users: list, bulk: dict
) -> dict:
    """The editors' bulk assignment form above the claim list (nobody else gets one; an old
    version of an article takes no new work)."""
    if not (permissions.can_assign(request.user) and article.is_current):
        return {"can_bulk_assign": False}
    form = bulk.get("form")
    if form is None:
        form = BulkAssignForm(prefix="bulk", users=users, initial=bulk.get("initial"))
    return {
        "can_bulk_assign": True,
        "bulk_form": form,
        "bulk_notice": bulk.get("notice", ""),
        "bulk_error": bulk.get("error", ""),
        "bulk_picked": bulk.get("picked", set()),
        "bulk_all_ticked": bulk.get("all_ticked", False),
        "bulk_shown": ",".join(
            str(r.claim.pk) for r in ranked if r.claim.status != ClaimStatus.DISMISSED
        ),
        # The filter travels with the post, so the list comes back filtered the same way.
        "bulk_query": request.GET.urlencode(),
        "bulk_reason": bulk.get("reason", ""),
        "dismiss_reasons": DISMISS_REASONS,
    }


def _claim_stats(claims: list[Claim]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.status] = counts.get(claim.status, 0) + 1
    dismissed = counts.get(ClaimStatus.DISMISSED, 0)
    approved = counts.get(ClaimStatus.APPROVED, 0)
    submitted = counts.get(ClaimStatus.SUBMITTED, 0)
    to_review = len(claims) - dismissed
    return {
        "to_review": to_review,
        "approved": approved,
        "submitted": submitted,
        "dismissed": dismissed,
        "open": to_review - approved - submitted,
    }


# --- Bulk assignment ------------------------------------------------------------------------


@require_POST
@login_required
def claims_bulk_assign(request: HtmxHttpRequest, article_id: int) -> HttpResponse:
    """Editors assign (or unassign) the claims ticked in an article's claim list, in one go.
    htmx gets the claim list back, filtered as it was; a plain post is redirected to it."""
    article = get_article_for_user(request.user, article_id)
    if not permissions.can_assign(request.user):
        raise PermissionDenied("Only editors assign claims.")
    users = users_selectors.desk_users()
    claim_ids = article.claims.values_list("pk", flat=True)
    form = BulkAssignForm(request.POST, prefix="bulk", users=users, claim_ids=claim_ids)
    if not form.is_valid():
        return _bulk_answer(request, article, form=form, error=first_error(form), status=400)
    selected = form.selected_ids()
    assignee = form.cleaned_data["assignee"]
    try:
        changed = claim_services.claims_assign(
            claim_ids=selected,
            assignee_id=assignee.pk if assignee else None,
            actor=request.user,
        )
    except ReviewError as exc:
        return _bulk_answer(
            request, article, form=form, error=exc.message, status=error_status(exc)
        )
    notice = _bulk_notice(changed, len(selected), assignee)
    if not request.htmx:
        messages.success(request, notice)
        url = reverse("reviews:article_detail", args=[article.pk])
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    initial = {"assignee": str(assignee.pk) if assignee else BulkAssignForm.UNASSIGN}
    return article_page(request, article, bulk={"notice": notice, "initial": initial})


@require_POST
@login_required
def claims_bulk_dismiss(request: HtmxHttpRequest, article_id: int) -> HttpResponse:
    """Editors dismiss the claims ticked in an article's claim list with one reason, all or
    none. htmx gets the claim list back, filtered as it was; a plain post is redirected."""
    article = get_article_for_user(request.user, article_id)
    if not permissions.can_assign(request.user):
        raise PermissionDenied("Only editors dismiss several claims at once.")
    claim_ids = article.claims.values_list("pk", flat=True)
    form = BulkDismissForm(request.POST, prefix="bulk", claim_ids=claim_ids)
    if not form.is_valid():
        return _bulk_answer(request, article, error=first_error(form), status=400)
    selected = form.selected_ids()
    try:
        dismissed = claim_services.claims_dismiss(
            claim_ids=selected, reason=form.cleaned_data["reason"], actor=request.user
        )
    except ReviewError as exc:
        return _bulk_answer(request, article, error=exc.message, status=error_status(exc))
    noun = "claim" if len(dismissed) == 1 else "claims"
    notice = f"{len(dismissed)} {noun} dismissed: {form.cleaned_data['reason']}"
    if not request.htmx:
        messages.success(request, notice)
        url = reverse("reviews:article_detail", args=[article.pk])
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    response = article_page(request, article, bulk={"notice": notice})
    response["HX-Trigger"] = "claim-changed"
    return response


def _bulk_answer(
    request: HtmxHttpRequest, article: Article, *, error: str, status: int, form=None
) -> HttpResponse:
    """A refused bulk action: the list again, with the same claims ticked and why."""
    picked = {int(i) for i in request.POST.getlist("bulk-claims") if i.isdigit()}
    shown = request.POST.get("bulk-all_shown", "")
    picked |= {int(i) for i in shown.split(",") if i.strip().isdigit()}
    bulk = {
        "error": error,
        "picked": picked,
        "all_ticked": bool(shown),
        "reason": request.POST.get("bulk-reason", ""),
    }
    if form is not None and isinstance(form, BulkAssignForm):
        bulk["form"] = form
    return article_page(request, article, status=status, bulk=bulk)


def _bulk_notice(changed: int, selected: int, assignee) -> str:
    noun = "claim" if changed == 1 else "claims"
    if assignee is None:
        notice = f"{changed} {noun} unassigned"
        kept = "already unassigned, or dismissed"
    else:
        name = assignee.get_username()
        notice = f"{changed} {noun} assigned to {name}"
        kept = f"already assigned to {name}, or dismissed"
    if selected > changed:
        notice += f"; {selected - changed} left as they were ({kept})"
    return notice + "."


# --- Actions on the article -----------------------------------------------------------------


@require_POST
@login_required
def claim_add(request: HtmxHttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    form = AddClaimForm(request.POST)
    try:
        if not form.is_valid():
            raise ReviewError("Select the missed claim's text in the article first.")
        claim = claim_services.claim_add(
            article=article,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            actor=request.user,
        )
    except ReviewError as exc:
        if request.htmx:
            messages.error(request, exc.message)
            return HttpResponseClientRedirect(reverse("reviews:article_detail", args=[article.pk]))
        return article_page(request, article, status=error_status(exc), add_claim_error=exc.message)
    messages.success(request, "Claim added.")
    url = reverse("reviews:claim_detail", args=[claim.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_POST
@login_required
def article_reingest(request: HtmxHttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    form = ReingestForm(request.POST)
    if not form.is_valid():
        return article_page(request, article, status=400, reingest_form=form)
    data = form.cleaned_data
    try:
        new = reingest_services.article_reingest(
            previous=article,
            body=data["body"],
            actor=request.user,
            title=data["title"].strip() or None,
            published=data["published"],
        )
    except ReviewError as exc:
        return article_page(
            request,
            article,
            status=error_status(exc),
            reingest_form=form,
            reingest_error=exc.message,
        )
    messages.success(request, "New version ingested; changed and new claims are flagged.")
    return redirect("reviews:article_detail", article_id=new.pk)
