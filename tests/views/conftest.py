"""Fixtures of the web UI tests: claims in each stage of the workflow, made through the
scenes (tests/scenes.py); the actors' clients come from tests/clients.py."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reviews.services.claims import claim_take
from reviews.services.verdicts import verdict_submit
from tests import scenes

HTMX = {"HX-Request": "true", "HX-Target": "claim-panel"}


def rating(scale, label: str):
    return scale.ratings.get(label=label)


@pytest.fixture
def drafted_claim(claim, reviewer, scale):
    """A claim the reviewer took and rated, not yet submitted."""
    claim_take(claim=claim, actor=reviewer)
    scenes.write(claim, reviewer, rating(scale, "Mostly true"), "The ministry's *own* figures.")
    return scenes.fresh(claim)


@pytest.fixture
def submitted_claim(drafted_claim, reviewer):
    verdict_submit(claim=drafted_claim, actor=reviewer)
    return scenes.fresh(drafted_claim)


def page_input(html: str, name: str) -> str | None:
    """The value of the input called `name` on the page, as the browser would post it; None
    when the page has no such input."""
    for tag in re.findall(r"<input\b[^>]*>", html):
        if re.search(rf'\bname="{re.escape(name)}"', tag):
            value = re.search(r'\bvalue="([^"]*)"', tag)
            return value.group(1) if value else ""
    return None


def seen_version(client, claim, form: str) -> str:
    """The version the claim page shows `client` in the hidden field of `form` ("step",
    "return", "dismiss", "reopen", "split", "verdict", ...): what their next post sends."""
    html = client.get(reverse("reviews:claim_detail", args=[claim.pk])).content.decode()
    value = page_input(html, f"{form}-version")
    assert value is not None, f"the page shows no {form} form"
    return value


def queue_item(client, claim) -> str:
    """The approval queue's entry of `claim`, as `client` sees it."""
    html = client.get(reverse("reviews:approval_queue")).content.decode()
    start = html.index(f'id="queue-{claim.pk}"')
    end = html.find('class="queue-item"', start)
    return html[start : end if end != -1 else len(html)]


def bulk_selection(client, *claims) -> dict:
    """The bulk approval form with `claims` ticked, each with the verdict version the queue
    page shows beside it."""
    html = client.get(reverse("reviews:approval_queue")).content.decode()
    data: dict = {"claims": [c.pk for c in claims]}
    for c in claims:
        version = page_input(html, f"version-{c.pk}")
        assert version, f"the queue shows no verdict version for claim {c.pk}"
        data[f"version-{c.pk}"] = version
    return data
