"""How a refused action shows on a desk page.

A `ReviewError` raised by a service becomes a form error or a message, answered with the
status code of its `code`: an htmx request gets a 403 for a forbidden action and a 409 for a
stale save, and the page still shows why.
"""

from __future__ import annotations

from django import forms

from reviews.errors import ReviewError

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
