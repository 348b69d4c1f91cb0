"""The desk's web pages (DESIGN.md section 6).

Interfaces only: parse the request, check access, call one service, render. Rules live in
the services; a `ReviewError` they raise becomes a form error or a message, with the status
code of its `code` (so an htmx request gets a 403 for a forbidden action and a 409 for a
stale save, and the page still shows why).
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from reviews import history, permissions, selectors
from reviews.access import (
    desk_required,
    get_article_for_user,
    get_claim_for_user,
    get_evidence_for_user,
)
from reviews.errors import ConflictError, ReviewError
from reviews.forms import (
    AddClaimForm,
    AssignForm,
    BulkAssignForm,
    ClaimFilterForm,
    CommentForm,
    DismissForm,
    EvidenceForm,
    IngestForm,
    ReingestForm,
    ReopenForm,
    ReturnForm,
    SearchForm,
    SplitForm,
    VerdictForm,
    WordingForm,
)
from reviews.highlight import segments
from reviews.models import Article, Claim, ClaimStatus
from reviews.roles import is_editor
from reviews.services import articles as article_services
from reviews.services import claims as claim_services
from reviews.services import comments as comment_services
from reviews.services import evidence as evidence_services
from reviews.services import notifications as notification_services
from reviews.services import reingest as reingest_services
from reviews.services import verdicts as verdict_services

STATUS_OF_CODE = {"invalid": 400, "forbidden": 403, "not_found": 404, "conflict": 409}

# The forms of the claim panel, by the prefix their fields carry.
PANEL_FORMS: dict[str, type[django_forms.Form]] = {
    "verdict": VerdictForm,
    "wording": WordingForm,
    "split": SplitForm,
    "assign": AssignForm,
    "dismiss": DismissForm,
    "reopen": ReopenForm,
    "return": ReturnForm,
    "evidence": EvidenceForm,
    "comment": CommentForm,
}
# Fields of a ConflictError's `current` row that mean nothing to a reader.
HIDDEN_CONFLICT_FIELDS = {"id", "rating_id", "start", "end", "version", "number"}


def error_status(exc: ReviewError) -> int:
    return STATUS_OF_CODE.get(exc.code, 400)


# --- Dashboard, lists, search ---------------------------------------------------------------


@require_GET
@desk_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    notifications, unread = selectors.unread_notifications(user)
    editor = is_editor(user)
    return render(
        request,
        "reviews/dashboard.html",
        {
            "queue": selectors.my_queue(user),
            "is_editor": editor,
            "approvals": selectors.approval_queue(limit=10) if editor else [],
            "approval_count": selectors.approval_queue_count() if editor else 0,
            "articles": selectors.articles_in_progress(),
            "activity": selectors.recent_activity(),
            "notifications": notifications,
            "unread_count": unread,
        },
    )


@require_POST
@desk_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()] or None
    count = notification_services.notifications_mark_read(user=request.user, ids=ids)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("reviews:dashboard")


@require_GET
@desk_required
def article_list(request: HttpRequest) -> HttpResponse:
    articles = selectors.articles_for_desk().order_by("-ingested_at")[:200]
    return render(request, "reviews/article_list.html", {"articles": articles})


@require_GET
@desk_required
def search(request: HttpRequest) -> HttpResponse:
    ratings = selectors.scale_ratings()
    form = SearchForm(request.GET or None, ratings=ratings)
    query = selectors.SearchQuery()
    if form.is_valid():
        data = form.cleaned_data
        query = selectors.SearchQuery(
            text=data["q"].strip(),
            speaker=data["speaker"].strip(),
            status=data["status"],
            rating=data["rating"],
        )
    context = {"form": form, "query": query, "claims": [], "articles": []}
    if not query.empty:
        context["claims"] = selectors.search_claims(query)
        context["articles"] = selectors.search_articles(query)
    return render(request, "reviews/search.html", context)


# --- Ingest ---------------------------------------------------------------------------------


@desk_required
def ingest(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "reviews/ingest.html", {"form": IngestForm()})
    form = IngestForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        try:
            if upload:
                article = article_services.article_ingest_upload(
                    name=upload.name,
                    data=upload.read(),
                    title=data["title"].strip(),
                    user=request.user,
                    **form.article_fields(),
                )
            else:
                article = article_services.article_ingest(
                    title=data["title"],
                    body=data["body"],
                    user=request.user,
                    **form.article_fields(),
                )
        except ReviewError as exc:
            _form_error(form, exc)
            status = error_status(exc)
        else:
            messages.success(
                request, f"Ingested “{article.title}”: {article.claims.count()} claims."
            )
            return redirect("reviews:article_detail", article_id=article.pk)
    return render(request, "reviews/ingest.html", {"form": form}, status=status)


def _form_error(form: django_forms.Form, exc: ReviewError) -> None:
    """Show a service's error on the field it names, or on the whole form."""
    field = next((name for name in exc.fields if name in form.fields), None)
    form.add_error(field, exc.message)


# --- The article review page ----------------------------------------------------------------


@require_GET
@login_required
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    return _article_page(request, article)


@require_GET
@login_required
def claim_detail(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_claim_for_user(request.user, claim_id)
    return _panel_response(request, claim.pk)


def _claim_filters(form: ClaimFilterForm) -> selectors.ClaimFilters:
    if not form.is_bound or not form.is_valid():
        return selectors.ClaimFilters()
    data = form.cleaned_data
    return selectors.ClaimFilters(
        status=data["status"],
        assignee=data["assignee"],
        kind=data["kind"],
        min_score=data["min_score"],
    )


def _article_page(
    request: HttpRequest,
    article: Article,
    *,
    panel: dict | None = None,
    status: int = 200,
    bulk: dict | None = None,
    **extra,
) -> HttpResponse:
    claims = selectors.claims_for_review_page(article)
    users = selectors.desk_users()
    filter_form = ClaimFilterForm(request.GET or None, users=users)
    filters = _claim_filters(filter_form)
    ranked = selectors.claims_ranked(claims, filters, user=request.user)
    context = {
        "article": article,
        "ranked": ranked,
        "claims_total": len(claims),
        "filters_active": filters.active,
        "claim": None,
        **(panel or {}),
        **_bulk_assign_context(request, article, ranked, users, bulk or {}),
    }
    if request.htmx and request.htmx.target == "claim-list":
        return render(request, "reviews/partials/claim_list.html", context, status=status)
    context.update(
        segments=segments(article.body, claims),
        stats=_claim_stats(claims),
        filter_form=filter_form,
        can_reingest=permissions.can_reingest(request.user, article),
        reingest_form=extra.pop("reingest_form", None) or ReingestForm(),
        **extra,
    )
    response = render(request, "reviews/article_detail.html", context, status=status)
    response["Vary"] = "HX-Request, HX-Target"
    return response


def _bulk_assign_context(
    request: HttpRequest, article: Article, ranked: list[Claim], users: list, bulk: dict
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
        "bulk_shown": ",".join(str(c.pk) for c in ranked if c.status != ClaimStatus.DISMISSED),
        # The filter travels with the post, so the list comes back filtered the same way.
        "bulk_query": request.GET.urlencode(),
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


# --- The claim panel ------------------------------------------------------------------------


def _form_kwargs(key: str) -> dict:
    if key == "verdict":
        return {"ratings": selectors.scale_ratings()}
    if key == "assign":
        return {"users": selectors.desk_users()}
    return {}


def _initial(key: str, claim: Claim) -> dict:
    verdict = claim.current_verdict
    if key == "verdict" and verdict is not None:
        return {
            "rating": str(verdict.rating_id),
            "rationale": verdict.rationale,
            "confidence": verdict.confidence,
            "version": verdict.version,
        }
    if key in ("wording", "split", "assign"):
        return {
            "version": claim.version,
            "wording": claim.wording,
            "assignee": str(claim.assignee_id or ""),
        }
    return {}


def _bind(request: HttpRequest, key: str) -> django_forms.Form:
    return PANEL_FORMS[key](request.POST, prefix=key, **_form_kwargs(key))


def panel_context(
    request: HttpRequest,
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
        claim = selectors.claim_for_panel(claim_id)
    except Claim.DoesNotExist:
        # Merged away or its article deleted while the user looked at it.
        raise Http404("No such claim") from None
    latest = claim.all_verdicts[0] if claim.all_verdicts else None
    actions = permissions.claim_actions(user, claim, latest)
    context = {
        "claim": claim,
        "article": claim.article,
        "can": dict.fromkeys(actions, True),
        "four_eyes_blocked": (
            claim.status == ClaimStatus.SUBMITTED
            and permissions.is_desk_editor(user)
            and "approve" not in actions
        ),
        "earlier_verdicts": [v for v in claim.all_verdicts if not v.is_current],
        "next_claim": selectors.claim_next(claim) if "merge" in actions else None,
        "timeline": history.claim_timeline(claim),
        "notice": notice,
        "panel_error": "",
        "can_bulk_assign": permissions.can_assign(user) and claim.article.is_current,
    }
    needed = {
        "verdict": "save_verdict",
        "wording": "edit_wording",
        "split": "split",
        "assign": "assign",
        "dismiss": "dismiss",
        "reopen": "reopen",
        "return": "return",
        "evidence": "add_evidence",
        "comment": "comment",
    }
    bound = bound or {}
    for key, action in needed.items():
        if key in bound:
            context[f"{key}_form"] = bound[key]
        elif action in actions:
            context[f"{key}_form"] = PANEL_FORMS[key](
                prefix=key, initial=_initial(key, claim), **_form_kwargs(key)
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
        context["conflict_what"] = "verdict" if conflict_form == "verdict" else "claim"
        context["conflict_message"] = error.message
    elif error is not None and not bound:
        context["panel_error"] = error.message
    return context


def _panel_response(request: HttpRequest, claim_id: int, *, status: int = 200, **kwargs):
    """The claim panel: a fragment for htmx (with out-of-band updates of the claim's highlight
    and list entry), the whole review page otherwise."""
    context = panel_context(request, claim_id, **kwargs)
    if request.htmx and request.htmx.target == "claim-panel":
        context["oob"] = True
        response = render(request, "reviews/partials/claim_panel.html", context, status=status)
    else:
        response = _article_page(request, context["article"], panel=context, status=status)
    response["Vary"] = "HX-Request, HX-Target"
    return response


def _claim_post(
    request: HttpRequest,
    claim_id: int,
    *,
    run: Callable[[Claim, dict], object],
    notice: str,
    form_key: str | None = None,
    reload: bool = False,
) -> HttpResponse:
    """One claim action: bind its form, call its service, answer.

    On success an htmx request gets the refreshed panel (or a reload of the page when the
    claims themselves changed: split, merge); a plain POST is redirected to the claim page.
    On failure the form comes back with the user's input and the service's message.
    """
    claim = get_claim_for_user(request.user, claim_id)
    form = _bind(request, form_key) if form_key else None
    from_queue = request.POST.get("from") == "queue"
    if form is not None and not form.is_valid():
        if from_queue:
            return _queue_page(request, error=_first_error(form), status=400)
        return _panel_response(request, claim.pk, bound={form_key: form}, status=400)
    try:
        result = run(claim, form.cleaned_data if form is not None else {})
    except ReviewError as exc:
        if from_queue:
            return _queue_page(request, error=exc.message, status=error_status(exc))
        bound = {}
        if form is not None:
            if isinstance(exc, ConflictError):
                form = _rebind_with_version(request, form_key, exc)
            else:
                _form_error(form, exc)
            bound[form_key] = form
        return _panel_response(
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
        return _panel_response(request, claim.pk, notice=notice)
    messages.success(request, notice)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _rebind_with_version(request, key: str, exc: ConflictError):
    """Keep the user's input, but carry the version that is now current: saving again is a
    deliberate overwrite of what the user has now seen."""
    data = request.POST.copy()
    if "version" in exc.current:
        data[f"{key}-version"] = str(exc.current["version"])
    form = PANEL_FORMS[key](data, prefix=key, **_form_kwargs(key))
    form.is_valid()
    return form


def _first_error(form: django_forms.Form) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}: {errors[0]}" if label else errors[0]
    return "The form is not valid."


@require_POST
@login_required
def claim_take(request, claim_id: int):
    return _claim_post(
        request,
        claim_id,
        notice="The claim is assigned to you.",
        run=lambda claim, data: claim_services.claim_take(claim=claim, actor=request.user),
    )


@require_POST
@login_required
def claim_assign(request, claim_id: int):
    def run(claim, data):
        return claim_services.claim_assign(
            claim=claim,
            assignee=data["assignee"],
            actor=request.user,
            expected_version=data["version"],
        )

    return _claim_post(request, claim_id, form_key="assign", run=run, notice="Assignment saved.")


@require_POST
@login_required
def claims_bulk_assign(request: HttpRequest, article_id: int) -> HttpResponse:
    """Editors assign (or unassign) the claims ticked in an article's claim list, in one go.
    htmx gets the claim list back, filtered as it was; a plain post is redirected to it."""
    article = get_article_for_user(request.user, article_id)
    if not permissions.can_assign(request.user):
        raise PermissionDenied("Only editors assign claims.")
    users = selectors.desk_users()
    claim_ids = article.claims.values_list("pk", flat=True)
    form = BulkAssignForm(request.POST, prefix="bulk", users=users, claim_ids=claim_ids)
    if not form.is_valid():
        return _bulk_answer(request, article, form=form, error=_first_error(form), status=400)
    selected = form.selected_ids()
    assignee = form.cleaned_data["assignee"]
    try:
        changed = claim_services.claims_assign(
            claims=selected, assignee=assignee, actor=request.user
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
    return _article_page(request, article, bulk={"notice": notice, "initial": initial})


def _bulk_answer(request, article: Article, *, form, error: str, status: int) -> HttpResponse:
    """A refused bulk assignment: the list again, with the same claims ticked and why."""
    picked = {int(i) for i in request.POST.getlist("bulk-claims") if i.isdigit()}
    shown = request.POST.get("bulk-all_shown", "")
    picked |= {int(i) for i in shown.split(",") if i.strip().isdigit()}
    bulk = {"form": form, "error": error, "picked": picked, "all_ticked": bool(shown)}
    return _article_page(request, article, status=status, bulk=bulk)


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


@require_POST
@login_required
def claim_wording(request, claim_id: int):
    def run(claim, data):
        return claim_services.claim_edit_wording(
            claim=claim,
            wording=data["wording"],
            actor=request.user,
            expected_version=data["version"],
        )

    return _claim_post(request, claim_id, form_key="wording", run=run, notice="Wording saved.")


@require_POST
@login_required
def claim_split(request, claim_id: int):
    def run(claim, data):
        first, _second = claim_services.claim_split(
            claim=claim,
            at=claim.start + data["position"],
            actor=request.user,
            expected_version=data["version"],
        )
        return first

    return _claim_post(
        request,
        claim_id,
        form_key="split",
        run=run,
        reload=True,
        notice="The claim was split in two.",
    )


@require_POST
@login_required
def claim_merge(request, claim_id: int):
    def run(claim, data):
        following = selectors.claim_next(claim)
        if following is None or str(following.pk) != request.POST.get("next", str(following.pk)):
            raise ReviewError("The next claim has changed; reload the page and try again.")
        return claim_services.claim_merge(first=claim, second=following, actor=request.user)

    return _claim_post(request, claim_id, run=run, reload=True, notice="The claims were merged.")


@require_POST
@login_required
def claim_dismiss(request, claim_id: int):
    def run(claim, data):
        return claim_services.claim_dismiss(claim=claim, reason=data["reason"], actor=request.user)

    return _claim_post(request, claim_id, form_key="dismiss", run=run, notice="Claim dismissed.")


@require_POST
@login_required
def claim_reopen(request, claim_id: int):
    def run(claim, data):
        return claim_services.claim_reopen(claim=claim, reason=data["reason"], actor=request.user)

    return _claim_post(
        request,
        claim_id,
        form_key="reopen",
        run=run,
        notice="Claim reopened: the approved verdict stays on record; save a corrected one.",
    )


@require_POST
@login_required
def verdict_save(request, claim_id: int):
    def run(claim, data):
        return verdict_services.verdict_save(
            claim=claim,
            actor=request.user,
            rating=data["rating"],
            rationale=data["rationale"],
            confidence=data["confidence"],
            expected_version=data["version"],
        )

    return _claim_post(request, claim_id, form_key="verdict", run=run, notice="Verdict saved.")


@require_POST
@login_required
def verdict_submit(request, claim_id: int):
    return _claim_post(
        request,
        claim_id,
        notice="Verdict submitted for approval.",
        run=lambda claim, data: verdict_services.verdict_submit(claim=claim, actor=request.user),
    )


@require_POST
@login_required
def verdict_approve(request, claim_id: int):
    return _claim_post(
        request,
        claim_id,
        notice="Verdict approved.",
        run=lambda claim, data: verdict_services.verdict_approve(claim=claim, actor=request.user),
    )


@require_POST
@login_required
def verdict_return(request, claim_id: int):
    def run(claim, data):
        return verdict_services.verdict_return(claim=claim, actor=request.user, note=data["note"])

    return _claim_post(
        request, claim_id, form_key="return", run=run, notice="Verdict returned to the reviewer."
    )


@require_POST
@login_required
def evidence_add(request, claim_id: int):
    def run(claim, data):
        return evidence_services.evidence_add(claim=claim, actor=request.user, **data)

    return _claim_post(request, claim_id, form_key="evidence", run=run, notice="Source attached.")


@require_POST
@login_required
def evidence_remove(request, evidence_id: int):
    evidence = get_evidence_for_user(request.user, evidence_id)

    def run(claim, data):
        return evidence_services.evidence_remove(evidence=evidence, actor=request.user)

    return _claim_post(request, evidence.claim_id, run=run, notice="Source removed.")


@require_POST
@login_required
def comment_add(request, claim_id: int):
    def run(claim, data):
        return comment_services.comment_add(claim=claim, actor=request.user, body=data["body"])

    return _claim_post(request, claim_id, form_key="comment", run=run, notice="Comment added.")


# --- Article-level actions ------------------------------------------------------------------


@require_POST
@login_required
def claim_add(request: HttpRequest, article_id: int) -> HttpResponse:
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
        return _article_page(
            request, article, status=error_status(exc), add_claim_error=exc.message
        )
    messages.success(request, "Claim added.")
    url = reverse("reviews:claim_detail", args=[claim.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_POST
@login_required
def article_reingest(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    form = ReingestForm(request.POST)
    if not form.is_valid():
        return _article_page(request, article, status=400, reingest_form=form)
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
        return _article_page(
            request,
            article,
            status=error_status(exc),
            reingest_form=form,
            reingest_error=exc.message,
        )
    messages.success(request, "New version ingested; changed and new claims are flagged.")
    return redirect("reviews:article_detail", article_id=new.pk)


# --- Approval queue -------------------------------------------------------------------------


@require_GET
@desk_required
def approval_queue(request: HttpRequest) -> HttpResponse:
    return _queue_page(request)


def _queue_page(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    user = request.user
    claims = selectors.approval_queue()
    for claim in claims:
        verdict = claim.current_verdict
        claim.approvable = verdict is not None and permissions.can_approve(user, claim, verdict)
    return render(
        request,
        "reviews/approval_queue.html",
        {"claims": claims, "is_editor": is_editor(user), "error": error},
        status=status,
    )


@require_POST
@desk_required
def approvals_bulk(request: HttpRequest) -> HttpResponse:
    ids = {int(i) for i in request.POST.getlist("claims") if i.isdigit()}
    claims = list(Claim.objects.filter(pk__in=ids).select_related("article"))
    try:
        if not ids:
            raise ReviewError("Select at least one verdict to approve.")
        if len(claims) != len(ids):
            raise ReviewError("Some of the selected claims no longer exist; nothing was approved.")
        approved = verdict_services.verdicts_approve(claims=claims, actor=request.user)
    except ReviewError as exc:
        return _queue_page(request, error=exc.message, status=error_status(exc))
    messages.success(
        request, f"Approved {len(approved)} verdict{'s' if len(approved) != 1 else ''}."
    )
    return redirect("reviews:approval_queue")
