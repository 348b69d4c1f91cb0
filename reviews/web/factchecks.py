"""The archive of earlier fact-checks, for editors: import a file (JSON Lines, ClaimReview
JSON-LD, CSV) and set the similarity from which a match is "likely the same claim"."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from reviews import permissions
from reviews.errors import ReviewError
from reviews.models import FactCheck
from reviews.selectors.matches import likely_same_threshold
from reviews.services import matches as match_services
from reviews.web.access import desk_required
from reviews.web.errors import form_error

# Records left out listed on the page; the rest are counted.
MAX_ERRORS_SHOWN = 200


class FactCheckImportForm(forms.Form):
    file = forms.FileField(
        label="Fact-check file",
        help_text="JSON Lines, schema.org ClaimReview (JSON-LD) or CSV/TSV with a header.",
    )
    publisher = forms.CharField(
        required=False,
        max_length=300,
        help_text="The fact-checker of records that name none.",
    )


class MatchSettingsForm(forms.Form):
    likely_same = forms.FloatField(
        min_value=0.0,
        max_value=1.0,
        label='Show a match as "likely the same claim" from this similarity',
        help_text="From 0 to 1. At 0.6, 95 % of best matches were right on the benchmark; "
        "at 0.8, 99 %, but fewer claims get one.",
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
    )


@require_http_methods(["GET", "POST"])
@desk_required
def factchecks(request: HttpRequest) -> HttpResponse:
    editor = permissions.is_desk_editor(request.user)
    upload = FactCheckImportForm(prefix="import")
    threshold = MatchSettingsForm(
        prefix="settings", initial={"likely_same": likely_same_threshold()}
    )
    result = None
    status = 200
    if request.method == "POST" and not editor:
        messages.error(request, "Only editors import fact-checks or change the threshold.")
        return redirect("reviews:factchecks")
    if request.method == "POST" and "settings-likely_same" in request.POST:
        threshold = MatchSettingsForm(request.POST, prefix="settings")
        if threshold.is_valid():
            try:
                match_services.match_settings_update(
                    actor=request.user, likely_same=threshold.cleaned_data["likely_same"]
                )
            except ReviewError as exc:
                form_error(threshold, exc)
            else:
                messages.success(request, "The threshold is saved.")
                return redirect("reviews:factchecks")
        status = 400
    elif request.method == "POST":
        upload = FactCheckImportForm(request.POST, request.FILES, prefix="import")
        if upload.is_valid():
            uploaded = upload.cleaned_data["file"]
            try:
                result = match_services.factchecks_import_upload(
                    name=uploaded.name,
                    data=uploaded.read(),
                    publisher=upload.cleaned_data["publisher"],
                    actor=request.user,
                )
            except ReviewError as exc:
                form_error(upload, exc)
        if upload.errors:
            status = 400
    context = {
        "is_editor": editor,
        "upload_form": upload,
        "settings_form": threshold,
        "result": result,
        "errors_shown": result.errors[:MAX_ERRORS_SHOWN] if result else [],
        "archive_size": FactCheck.objects.count(),
        "threshold": likely_same_threshold(),
    }
    return render(request, "reviews/web/factchecks.html", context, status=status)
