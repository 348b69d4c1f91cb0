"""Forms of the ways an article comes in: pasted or uploaded, fetched from a URL, and a new
version of an article already on the desk."""

from __future__ import annotations

from django import forms

from reviews.models import Article
from reviews.models.articles import LANGUAGES
from reviews.web.forms import normalise_newlines


class IngestForm(forms.Form):
    title = forms.CharField(
        max_length=Article._meta.get_field("title").max_length,
        required=False,
        help_text="Required for pasted text; for an uploaded file, empty uses its first line.",
    )
    outlet = forms.CharField(max_length=200, required=False)
    url = forms.URLField(max_length=2000, required=False, label="URL", assume_scheme="https")
    published = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Published on"
    )
    language = forms.ChoiceField(choices=LANGUAGES, initial="en")
    body = forms.CharField(
        required=False,
        strip=False,
        label="Article text",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Paste the article text, or upload a file below.",
    )
    file = forms.FileField(
        required=False,
        label="Or upload a file",
        help_text=".txt, .md, .html or .docx",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.html,.htm,.docx"}),
    )

    def clean_body(self) -> str:
        return normalise_newlines(self.cleaned_data["body"])

    def clean(self):
        cleaned = super().clean()
        has_body = bool(cleaned.get("body", "").strip())
        has_file = bool(cleaned.get("file"))
        if has_body and has_file:
            raise forms.ValidationError("Paste the text or upload a file, not both.")
        if not has_body and not has_file and not self.has_error("file"):
            self.add_error("body", "Paste the article text or upload a file.")
        if (
            has_body
            and not has_file
            and not self.has_error("title")
            and not cleaned.get("title", "").strip()
        ):
            self.add_error("title", "Give the pasted article a title.")
        return cleaned

    def article_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "published": data.get("published"),
            "url": data.get("url", ""),
            "outlet": data.get("outlet", "").strip(),
            "language": data.get("language") or "en",
        }


class ReingestForm(forms.Form):
    body = forms.CharField(
        strip=False,
        label="Updated article text",
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    title = forms.CharField(max_length=500, required=False, help_text="Empty: keep the title.")
    published = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Published on"
    )

    def clean_body(self) -> str:
        return normalise_newlines(self.cleaned_data["body"])


class IngestUrlForm(forms.Form):
    url = forms.URLField(label="Article URL", max_length=2000, assume_scheme="https")
    title = forms.CharField(
        required=False, max_length=500, help_text="Leave empty to use the page's own title."
    )
    published = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.CharField(initial="en", max_length=12)
