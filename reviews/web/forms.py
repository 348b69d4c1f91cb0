"""Forms of the desk's pages. They parse and shape input; the rules live in the services."""

from __future__ import annotations

from django import forms

from reviews.models import ClaimKind, ClaimStatus, Stance


def normalise_newlines(text: str) -> str:
    # Browsers submit textarea content with CRLF line breaks (HTML spec); the body is stored
    # with the newlines the author typed, so that offsets match what the page displays.
    return text.replace("\r\n", "\n").replace("\r", "\n")


class ClaimFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *ClaimStatus.choices], required=False)
    assignee = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(choices=[("", "Any kind"), *ClaimKind.choices], required=False)
    min_score = forms.FloatField(
        required=False,
        min_value=0,
        max_value=1,
        label="Minimum score",
        widget=forms.NumberInput(attrs={"step": "0.05", "min": "0", "max": "1"}),
    )
    checkworthy = forms.BooleanField(required=False, label="Worth checking only")

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", "Anyone"),
            ("me", "Me"),
            ("none", "Unassigned"),
            *[(str(u.pk), u.get_username()) for u in users],
        ]


STALE_FORM = "This form came without the version you saw: reload the page and try again."


class VersionedForm(forms.Form):
    """A form on a versioned object: the version the user saw travels with the form, so a
    change made since is refused (409) instead of being overwritten or approved unseen."""

    version = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"required": STALE_FORM, "invalid": STALE_FORM, "min_value": STALE_FORM},
    )


class VerdictStepForm(VersionedForm):
    """Submit or approve: the version of the verdict the user read and, when an editor
    approves a correction, the notice readers get about it."""

    correction_note = forms.CharField(
        required=False,
        max_length=5000,
        label="Correction notice for readers",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Published with the corrected verdict. The reason for reopening stays internal.",
    )

    def clean_correction_note(self) -> str:
        return normalise_newlines(self.cleaned_data["correction_note"])


class VerdictForm(VersionedForm):
    # 0: the user saw no verdict yet (a verdict someone else started meanwhile is refused).
    version = forms.IntegerField(
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={"required": STALE_FORM, "invalid": STALE_FORM, "min_value": STALE_FORM},
    )
    rating = forms.ChoiceField()
    rationale = forms.CharField(
        required=False,
        strip=False,
        label="Rationale (Markdown)",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    # Empty until the reviewer states it: a number filled in for them would be published
    # as theirs.
    confidence = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=100,
        label="Confidence (0–100, optional)",
        widget=forms.NumberInput(attrs={"min": "0", "max": "100", "step": "5"}),
    )

    def __init__(self, *args, ratings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = [("", "Choose a rating")] + [
            (str(r.pk), r.label) for r in ratings
        ]
        self._ratings = {str(r.pk): r for r in ratings}

    def clean_rating(self):
        rating = self._ratings.get(self.cleaned_data["rating"])
        if rating is None:
            raise forms.ValidationError("Choose a rating from the desk's scale.")
        return rating

    def clean_rationale(self) -> str:
        return normalise_newlines(self.cleaned_data["rationale"])


class WordingForm(VersionedForm):
    wording = forms.CharField(
        required=False,
        label="Wording shown to readers",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Empty: use the article's own words.",
    )


class SplitForm(VersionedForm):
    position = forms.IntegerField(
        min_value=1,
        label="Split after character",
        help_text="Counted from the start of the claim; or place the cursor in the claim text.",
    )


class AssignForm(VersionedForm):
    assignee = forms.ChoiceField(required=False, label="Assign to")

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "Nobody")] + [
            (str(u.pk), u.get_username()) for u in users
        ]
        self._users = {str(u.pk): u for u in users}

    def clean_assignee(self):
        value = self.cleaned_data["assignee"]
        return self._users.get(value) if value else None


# The reasons a desk gives most; offered as suggestions, any other text is fine too.
DISMISS_REASONS = (
    "Page furniture: navigation, caption, byline or link",
    "Not a factual claim: opinion, question or prediction",
    "Not worth checking: common knowledge or trivial",
    "Duplicate of another claim",
)


class DismissForm(VersionedForm):
    reason = forms.CharField(
        label="Reason for dismissing",
        max_length=5000,
        widget=forms.TextInput(attrs={"list": "dismiss-reasons", "autocomplete": "off"}),
    )


class SpeakerForm(VersionedForm):
    speaker = forms.CharField(
        required=False,
        max_length=300,
        label="Speaker",
        help_text="Who made the claim, as the report names them. Empty: nobody named.",
    )
    speaker_role = forms.CharField(
        required=False, max_length=200, label="Speaker's role", help_text="e.g. Health minister"
    )


class ReopenForm(VersionedForm):
    reason = forms.CharField(
        label="Reason for reopening",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For the desk's history: it is never published. Readers get the correction "
        "notice the editor writes when approving the correction.",
    )


class ReturnForm(VersionedForm):
    note = forms.CharField(label="Note to the reviewer", widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    url = forms.URLField(max_length=2000, label="Source URL", assume_scheme="https")
    stance = forms.ChoiceField(choices=Stance.choices)
    title = forms.CharField(max_length=500, required=False)
    publisher = forms.CharField(max_length=300, required=False)
    published = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Published on"
    )
    quote = forms.CharField(
        required=False,
        label="Quote that matters",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(forms.Form):
    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 2}))


class AddClaimForm(forms.Form):
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None or end is None:
            raise forms.ValidationError("Select the missed claim's text in the article first.")
        return cleaned


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label="Text", max_length=200)
    speaker = forms.CharField(required=False, max_length=200)
    status = forms.ChoiceField(choices=[("", "Any status"), *ClaimStatus.choices], required=False)
    rating = forms.ChoiceField(required=False)

    def __init__(self, *args, ratings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = [("", "Any rating")] + [(r.slug, r.label) for r in ratings]


class PickedClaimsForm(forms.Form):
    """Claims of one article ticked in its claim list, for an action on all of them.

    `all_shown` carries the ids of every claim the list showed (its "select all shown" box),
    so that ticking that one box is enough without JavaScript.
    """

    claims = forms.TypedMultipleChoiceField(coerce=int, required=False)
    all_shown = forms.CharField(required=False, max_length=100_000)

    def __init__(self, *args, claim_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._claim_ids = set(claim_ids)
        self.fields["claims"].choices = [(str(pk), str(pk)) for pk in sorted(self._claim_ids)]
        self.fields["claims"].error_messages["invalid_choice"] = (
            "Some of the selected claims are no longer in this article; reload the page."
        )

    def clean_all_shown(self) -> set[int]:
        parts = [p.strip() for p in self.cleaned_data["all_shown"].split(",") if p.strip()]
        if not all(p.isdigit() for p in parts):
            raise forms.ValidationError("The list of shown claims is not valid; reload the page.")
        ids = {int(p) for p in parts}
        if not ids <= self._claim_ids:
            raise forms.ValidationError(
                "Some of the shown claims are no longer in this article; reload the page."
            )
        return ids

    def selected_ids(self) -> set[int]:
        """Every claim to act on: those ticked one by one and, if that box was ticked, all the
        list showed."""
        return set(self.cleaned_data["claims"]) | self.cleaned_data["all_shown"]


class BulkAssignForm(PickedClaimsForm):
    """The ticked claims, and whom to give them to."""

    UNASSIGN = "none"

    assignee = forms.ChoiceField(
        label="Assign to",
        error_messages={"required": "Choose whom to assign the selected claims to."},
    )

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", "Choose a reviewer"),
            (self.UNASSIGN, "Nobody (unassign)"),
            *[(str(u.pk), u.get_username()) for u in users],
        ]
        self._users = {str(u.pk): u for u in users}

    def clean_assignee(self):
        value = self.cleaned_data["assignee"]
        return None if value == self.UNASSIGN else self._users[value]


class BulkDismissForm(PickedClaimsForm):
    """The ticked claims, dismissed with one reason (the same form as the assignment: its
    "Dismiss selected" button posts it here, so the assignee is not asked for)."""

    reason = forms.CharField(
        required=False,
        max_length=5000,
        label="Reason",
        widget=forms.TextInput(attrs={"list": "dismiss-reasons", "autocomplete": "off"}),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Give the reason for dismissing the selected claims.")
        return reason


class AcceptForm(forms.Form):
    """A candidate source accepted as evidence of its claim."""

    stance = forms.ChoiceField(choices=Stance.choices)
    quote = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(required=False, max_length=5000)


class ReferenceForm(forms.Form):
    """A document for the reference library: an uploaded file or a URL to fetch."""

    file = forms.FileField(required=False, help_text=".txt, .md, .html or .docx")
    url = forms.URLField(required=False, max_length=2000, assume_scheme="https")
    title = forms.CharField(required=False, max_length=500)
