"""The dashboard (my queue, the approval queue for editors, articles in progress, recent
activity, notifications), the list of articles and search."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
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
            "approvals": queue_selectors.approvals_waiting(limit=10) if editor else (),
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
    articles = desk_selectors.articles_for_desk().order_by("-ingested_at", "-pk")
    page = Paginator(articles, ARTICLE_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "reviews/web/article_list.html", {"articles": page.object_list, "page": page}
    )


ARTICLE_PAGE = 50


def page_number(request: HttpRequest) -> int:
    """The `page` parameter of an open-ended list: a whole number from 1, else 1."""
    value = request.GET.get("page", "")
    return int(value) if value.isdigit() and 0 < int(value) <= 10_000 else 1


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
    number = page_number(request)
    context = {"form": form, "query": query, "claims": [], "articles": [], "number": number}
    if not query.empty:
        size = desk_selectors.SEARCH_PAGE
        # One row more than the page tells whether there is a next page, without counting.
        rows = desk_selectors.search_claims(query, limit=size + 1, offset=(number - 1) * size)
        context["claims"] = rows[:size]
        context["has_next"] = len(rows) > size
        if number == 1:
            context["articles"] = desk_selectors.search_articles(query)
        params = request.GET.copy()
        params.pop("page", None)
        context["params"] = params.urlencode()
    return render(request, "reviews/web/search.html", context)
