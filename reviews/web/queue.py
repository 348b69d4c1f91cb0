"""The approval queue: submitted verdicts waiting for an editor, approved one by one (through
the claim actions, from the queue) or in bulk."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from reviews.errors import ReviewError
from reviews.roles import is_editor
from reviews.selectors import queue as queue_selectors
from reviews.services import verdicts as verdict_services
from reviews.web.access import desk_required
from reviews.web.errors import error_status


@require_GET
@desk_required
def approval_queue(request: HttpRequest) -> HttpResponse:
    return queue_page(request)


def queue_page(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    user = request.user
    rows = queue_selectors.approval_queue(user)
    return render(
        request,
        "reviews/web/approval_queue.html",
        {"rows": rows, "is_editor": is_editor(user), "error": error},
        status=status,
    )


@require_POST
@desk_required
def approvals_bulk(request: HttpRequest) -> HttpResponse:
    ids = {int(i) for i in request.POST.getlist("claims") if i.isdigit()}
    try:
        approved = verdict_services.verdicts_approve(claim_ids=sorted(ids), actor=request.user)
    except ReviewError as exc:
        return queue_page(request, error=exc.message, status=error_status(exc))
    messages.success(
        request, f"Approved {len(approved)} verdict{'s' if len(approved) != 1 else ''}."
    )
    return redirect("reviews:approval_queue")
