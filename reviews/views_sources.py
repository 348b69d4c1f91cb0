"""HTML interface of candidate sources and jobs: the claim's sources panel (loaded into the
claim panel by htmx, a page of its own without it), the article's source jobs, ingesting an
article from a URL, job pages and the desk's reference library.

Views parse, check access, call one service and render; the panel polls while a job of its
claim is queued or running, and stops polling when none is.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from claimextract.ranking import terms
from reviews import permissions
from reviews.access import desk_required, get_article_for_user, get_claim_for_user
from reviews.errors import ReviewError
from reviews.models import Article, Candidate, Claim, Job, Source, Stance
from reviews.providers import provider_status
from reviews.services import sources as source_services

STATUS_OF_CODE = {"invalid": 400, "forbidden": 403, "not_found": 404, "conflict": 409}
ACTIVE = (Job.Status.QUEUED, Job.Status.RUNNING)
POLL_SECONDS = 2
# Numbers with separators ("2,030") are one token, as a reader sees them.
TOKEN = re.compile(r"\d[\d,.]*\d|[^\W_]+(?:['’-][^\W_]+)*|[\W_]+", re.UNICODE)


# --- Reads (selectors of this interface) --------------------------------------------------


def candidates_of_claim(claim: Claim) -> tuple[list[Candidate], dict[str, int]]:
    """Pending candidates best first, and how many were accepted and dismissed."""
    pending = list(
        claim.candidates.filter(decision=Candidate.Decision.PENDING)
        .select_related("source")
        .order_by("-relevance", "rank", "pk")
    )
    decided = claim.candidates.aggregate(
        accepted=Count("pk", filter=Q(decision=Candidate.Decision.ACCEPTED)),
        dismissed=Count("pk", filter=Q(decision=Candidate.Decision.DISMISSED)),
    )
    return pending, decided


def jobs_of_claim(claim: Claim) -> list[Job]:
    return list(claim.jobs.select_related("candidate").order_by("-created_at", "-pk")[:30])


def highlighted(passage: str, claim_text: str) -> list[tuple[str, bool]]:
    """The passage cut into (text, matches a term of the claim) runs, for <mark>."""
    wanted = set(terms(claim_text))
    runs: list[tuple[str, bool]] = []
    for token in TOKEN.findall(passage):
        found = terms(token) if token[0].isalnum() else []
        hit = bool(found) and all(t in wanted for t in found)
        if runs and runs[-1][1] == hit and not hit:
            runs[-1] = (runs[-1][0] + token, False)
        else:
            runs.append((token, hit))
    return runs


def panel_context(request: HttpRequest, claim: Claim, **extra) -> dict:
    pending, decided = candidates_of_claim(claim)
    for candidate in pending:
        candidate.passage_runs = highlighted(
            candidate.passage or candidate.snippet, claim.display_text
        )
    jobs = jobs_of_claim(claim)
    return {
        "claim": claim,
        "candidates": pending,
        "decided": decided,
        "jobs": jobs,
        "active": any(j.status in ACTIVE for j in jobs),
        "poll_seconds": POLL_SECONDS,
        "can_work": permissions.can_work(request.user, claim),
        "stances": Stance.choices,
        "providers": provider_status(),
        **extra,
    }


def render_panel(request: HttpRequest, claim: Claim, *, status: int = 200, **extra):
    context = panel_context(request, claim, **extra)
    if request.htmx and request.GET.get("part") == "jobs":
        # The poll refreshes the job list only, so that a quote being typed into an accept
        # form is not wiped; when the last job ends, the whole panel reloads once.
        context["reload"] = request.GET.get("was_active") == "1" and not context["active"]
        return render(request, "reviews/sources/_claim_jobs.html", context, status=status)
    if request.htmx:
        return render(request, "reviews/sources/_candidates.html", context, status=status)
    return render(request, "reviews/sources/claim_sources.html", context, status=status)


def error_status(exc: ReviewError) -> int:
    return STATUS_OF_CODE.get(exc.code, 400)


# --- The claim's sources ------------------------------------------------------------------


@require_GET
@desk_required
def claim_sources(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_claim_for_user(request.user, claim_id)
    return render_panel(request, claim)


@require_POST
@desk_required
def claim_sources_find(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_claim_for_user(request.user, claim_id)
    try:
        jobs = source_services.candidates_find(claim=claim, actor=request.user)
    except ReviewError as exc:
        return render_panel(request, claim, status=error_status(exc), error=exc.message)
    notice = f"Searching {len(jobs)} source provider(s)." if jobs else "A search is running."
    if not request.htmx:
        messages.info(request, notice)
        return redirect("reviews:claim_sources", claim.pk)
    return render_panel(request, claim, notice=notice)


class AcceptForm(forms.Form):
    stance = forms.ChoiceField(choices=Stance.choices)
    quote = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(required=False, max_length=5000)


def candidate_for_user(user, candidate_id: int) -> Candidate:
    candidate = get_object_or_404(
        Candidate.objects.select_related("claim", "claim__article"), pk=candidate_id
    )
    get_claim_for_user(user, candidate.claim_id)  # 404 for outsiders
    return candidate


@require_POST
@desk_required
def candidate_accept(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = candidate_for_user(request.user, candidate_id)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return render_panel(
            request,
            candidate.claim,
            status=400,
            error="Choose whether the source supports, refutes or gives context.",
        )
    try:
        source_services.candidate_accept(
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
def candidate_dismiss(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = candidate_for_user(request.user, candidate_id)
    try:
        source_services.candidate_dismiss(
            candidate=candidate, actor=request.user, reason=request.POST.get("reason", "")
        )
    except ReviewError as exc:
        return render_panel(request, candidate.claim, status=error_status(exc), error=exc.message)
    if not request.htmx:
        return redirect("reviews:claim_sources", candidate.claim_id)
    return render_panel(request, candidate.claim, notice="Dismissed.")


# --- The article's source jobs ------------------------------------------------------------


def article_context(request: HttpRequest, article: Article, **extra) -> dict:
    claims = list(
        article.claims.annotate(
            candidate_count=Count(
                "candidates",
                filter=Q(candidates__decision=Candidate.Decision.PENDING),
                distinct=True,
            ),
        ).order_by("start")
    )
    of_article = Job.objects.filter(Q(article=article) | Q(claim__article=article))
    jobs = list(
        of_article.select_related("claim", "candidate").order_by("-created_at", "-pk")[:100]
    )
    counts = {status: 0 for status in Job.Status.values}
    for row in of_article.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return {
        "article": article,
        "claims": claims,
        "jobs": jobs,
        "counts": counts,
        "active": counts[Job.Status.QUEUED] + counts[Job.Status.RUNNING] > 0,
        "poll_seconds": POLL_SECONDS,
        "can_find_all": permissions.is_desk_editor(request.user),
        "providers": provider_status(),
        **extra,
    }


@require_GET
@desk_required
def article_sources(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    context = article_context(request, article)
    if request.htmx:
        return render(request, "reviews/sources/_article_jobs.html", context)
    return render(request, "reviews/sources/article_sources.html", context)


@require_POST
@desk_required
def article_sources_find(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request.user, article_id)
    try:
        jobs = source_services.candidates_find_for_article(article=article, actor=request.user)
    except ReviewError as exc:
        context = article_context(request, article, error=exc.message)
        template = "_article_jobs.html" if request.htmx else "article_sources.html"
        return render(request, f"reviews/sources/{template}", context, status=error_status(exc))
    notice = f"{len(jobs)} searches queued."
    if request.htmx:
        return render(
            request,
            "reviews/sources/_article_jobs.html",
            article_context(request, article, notice=notice),
        )
    messages.info(request, notice)
    return redirect("reviews:article_sources", article.pk)


# --- Articles from a URL, and jobs --------------------------------------------------------


class IngestUrlForm(forms.Form):
    url = forms.URLField(label="Article URL", max_length=2000, assume_scheme="https")
    title = forms.CharField(
        required=False, max_length=500, help_text="Leave empty to use the page's own title."
    )
    published = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.CharField(initial="en", max_length=12)


@require_http_methods(["GET", "POST"])
@desk_required
def ingest_url(request: HttpRequest) -> HttpResponse:
    form = IngestUrlForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = source_services.article_ingest_from_url(actor=request.user, **form.cleaned_data)
        except ReviewError as exc:
            form.add_error("url" if "url" in exc.fields else None, exc.message)
        else:
            return redirect("reviews:job_detail", job.pk)
    status = 400 if form.errors else 200
    return render(request, "reviews/sources/ingest_url.html", {"form": form}, status=status)


def job_for_user(user, job_id: int) -> Job:
    if not permissions.is_desk_member(user):
        raise Http404("Not found")
    return get_object_or_404(
        Job.objects.select_related("article", "claim", "candidate", "created_by"), pk=job_id
    )


@require_GET
@desk_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = job_for_user(request.user, job_id)
    article = None
    if job.kind == Job.Kind.INGEST_URL and job.result.get("article_id"):
        article = Article.objects.filter(pk=job.result["article_id"]).first()
    context = {
        "job": job,
        "article": article,
        "active": job.status in ACTIVE,
        "poll_seconds": POLL_SECONDS,
    }
    if request.htmx:
        return render(request, "reviews/sources/_job.html", context)
    return render(request, "reviews/sources/job_detail.html", context)


# --- Reference library --------------------------------------------------------------------


class ReferenceForm(forms.Form):
    file = forms.FileField(required=False, help_text=".txt, .md, .html or .docx")
    url = forms.URLField(required=False, max_length=2000, assume_scheme="https")
    title = forms.CharField(required=False, max_length=500)


@require_http_methods(["GET", "POST"])
@desk_required
def references(request: HttpRequest) -> HttpResponse:
    form = ReferenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = source_services.reference_document_add(
                actor=request.user,
                url=form.cleaned_data["url"],
                name=upload.name if upload else "",
                data=upload.read() if upload else None,
                title=form.cleaned_data["title"],
            )
        except ReviewError as exc:
            form.add_error(None, exc.message)
        else:
            if isinstance(result, Job):
                return redirect("reviews:job_detail", result.pk)
            messages.success(request, f"“{result.title}” is in the reference library.")
            return redirect("reviews:references")
    library = Source.objects.filter(is_reference=True).order_by("-created_at")[:200]
    status = 400 if form.errors else 200
    return render(
        request,
        "reviews/sources/references.html",
        {"form": form, "library": library},
        status=status,
    )


@require_GET
@desk_required
def source_detail(request: HttpRequest, source_id: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=source_id)
    evidence = source.evidence.select_related("claim", "claim__article", "added_by")
    return render(
        request, "reviews/sources/source_detail.html", {"source": source, "evidence": evidence}
    )


@require_GET
@desk_required
def source_snapshot(request: HttpRequest, source_id: int) -> HttpResponse:
    """The archived copy, as plain text: never rendered as the page it was (its scripts and
    styles are someone else's)."""
    source = get_object_or_404(Source, pk=source_id)
    if not source.snapshot:
        raise Http404("No snapshot")
    with source.snapshot.open("rb") as handle:
        body = handle.read()
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="snapshot-{source.pk}.txt"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
