"""The dashboard (my queue, the approval queue for editors, articles in progress, recent
activity, notifications), the list of articles and search."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from reviews.roles import is_editor
from reviews.selectors import desk as desk_selectors
from reviews.selectors import queue as queue_selectors
from reviews.services import notifications as notification_services
from reviews.services.ratings import default_scale
from reviews.web.access import desk_required
from reviews.web.forms import SearchForm


@require_GET
@desk_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    notifications, unread = desk_selectors.unread_notifications(user)
    editor = is_editor(user)
    return render(
        request,
        "reviews/web/dashboard.html",
        {
            "queue": queue_selectors.my_queue(user),
            "is_editor": editor,
            "approvals": queue_selectors.approval_queue(user, limit=10) if editor else (),
            "approval_count": queue_selectors.approval_queue_count() if editor else 0,
            "articles": desk_selectors.articles_in_progress(),
            "activity": desk_selectors.recent_activity(),
            "notifications": notifications,
            "unread_count": unread,
        },
    )


@require_POST
@desk_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()] or None
    count = notification_services.notifications_mark_read(actor=request.user, ids=ids)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("reviews:dashboard")


@require_GET
@desk_required
def article_list(request: HttpRequest) -> HttpResponse:
    articles = desk_selectors.articles_for_desk().order_by("-ingested_at")[:200]
    return render(request, "reviews/web/article_list.html", {"articles": articles})


@require_GET
@desk_required
def search(request: HttpRequest) -> HttpResponse:
    ratings = desk_selectors.scale_ratings(default_scale())
    form = SearchForm(request.GET or None, ratings=ratings)
    query = desk_selectors.SearchQuery()
    if form.is_valid():
        data = form.cleaned_data
        query = desk_selectors.SearchQuery(
            text=data["q"].strip(),
            speaker=data["speaker"].strip(),
            status=data["status"],
            rating=data["rating"],
        )
    context = {"form": form, "query": query, "claims": [], "articles": []}
    if not query.empty:
        context["claims"] = desk_selectors.search_claims(query)
        context["articles"] = desk_selectors.search_articles(query)
    return render(request, "reviews/web/search.html", context)
