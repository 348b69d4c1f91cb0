"""The approval queue: submitted verdicts waiting for an editor, approved one by one (through
the claim actions, from the queue) or in bulk."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from reviews.errors import ReviewError
from reviews.roles import is_editor
from reviews.selectors import queue as queue_selectors
from reviews.services import verdicts as verdict_services
from reviews.web.access import desk_required
from reviews.web.errors import error_status
from reviews.web.forms import STALE_FORM


@require_GET
@desk_required
def approval_queue(request: HttpRequest) -> HttpResponse:
    return queue_page(request)


def queue_page(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    user = request.user
    # The paginator counts the waiting claims and checks the page; the selector reads it.
    page = Paginator(queue_selectors.approval_queue_claims(), queue_selectors.QUEUE_PAGE).get_page(
        request.GET.get("page")
    )
    rows = queue_selectors.approval_queue(user, offset=max(page.start_index() - 1, 0))
    return render(
        request,
        "reviews/web/approval_queue.html",
        {"rows": rows, "page": page, "is_editor": is_editor(user), "error": error},
        status=status,
    )


@require_POST
@desk_required
def approvals_bulk(request: HttpRequest) -> HttpResponse:
    # Each ticked claim with the version of the verdict the editor read on the page: a
    # verdict changed since is not approved unseen.
    ids = sorted({int(i) for i in request.POST.getlist("claims") if i.isdigit()})
    seen = []
    for claim_id in ids:
        version = request.POST.get(f"version-{claim_id}", "")
        if not version.isdigit():
            return queue_page(request, error=STALE_FORM, status=400)
        seen.append((claim_id, int(version)))
    try:
        approved = verdict_services.verdicts_approve(seen=seen, actor=request.user)
    except ReviewError as exc:
        return queue_page(request, error=exc.message, status=error_status(exc))
    messages.success(
        request, f"Approved {len(approved)} verdict{'s' if len(approved) != 1 else ''}."
    )
    return redirect("reviews:approval_queue")
