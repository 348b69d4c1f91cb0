"""How a refused action shows on a desk page.

A `ReviewError` raised by a service becomes a form error or a message, answered with the
status code of its `code`: an htmx request gets a 403 for a forbidden action and a 409 for a
stale save, and the page still shows why.

A database that gave up waiting for another writer's lock is not a bug of the request: the
page says the desk is busy (503, with Retry-After), never a server error.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reviews.errors import BUSY_MESSAGE, BUSY_RETRY_AFTER, ReviewError, is_database_busy

STATUS_OF_CODE = {"invalid": 400, "forbidden": 403, "not_found": 404, "conflict": 409}


def error_status(exc: ReviewError) -> int:
    return STATUS_OF_CODE.get(exc.code, 400)


def form_error(form: forms.Form, exc: ReviewError) -> None:
    """Show a service's error on the field it names, or on the whole form."""
    field = next((name for name in exc.fields if name in form.fields), None)
    form.add_error(field, exc.message)


def first_error(form: forms.Form) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}: {errors[0]}" if label else errors[0]
    return "The form is not valid."


class DatabaseBusyMiddleware:
    """Answer a lock timeout raised by a page with the "busy" page (the API answers its own
    JSON through its exception handler)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_busy(exception):
            return None
        response = render(request, "reviews/web/busy.html", {"message": BUSY_MESSAGE}, status=503)
        response["Retry-After"] = str(BUSY_RETRY_AFTER)
        return response
