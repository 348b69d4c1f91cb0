"""The dashboard: my queue, the approval queue for editors, articles in progress, recent
activity, unread notifications."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.models import Notification
from reviews.services.claims import claim_assign
from tests.views.conftest import HTMX, seen_version

pytestmark = pytest.mark.django_db


def test_reviewer_sees_their_queue_and_articles_in_progress(reviewer_client, drafted_claim):
    html = reviewer_client.get(reverse("reviews:dashboard")).content.decode()
    assert "My queue" in html
    assert reverse("reviews:claim_detail", args=[drafted_claim.pk]) in html
    assert drafted_claim.article.title in html
    assert "Waiting for approval" not in html  # editors only


def test_editor_sees_the_approval_queue(editor_client, submitted_claim):
    html = editor_client.get(reverse("reviews:dashboard")).content.decode()
    assert "Waiting for approval" in html
    assert "Mostly true" in html
    assert "by rita" in html


def test_assignment_notification_shows_until_marked_read(reviewer_client, editor, reviewer, claim):
    claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)
    html = reviewer_client.get(reverse("reviews:dashboard")).content.decode()
    assert "1 unread" in html
    assert "assigned you the claim" in html
    response = reviewer_client.post(reverse("reviews:notifications_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=reviewer, read_at__isnull=True).exists()
    assert "0 unread" in reviewer_client.get(reverse("reviews:dashboard")).content.decode()


def test_recent_activity_lists_what_happened(editor_client, reviewer_client, submitted_claim):
    reviewer_client.post(
        reverse("reviews:comment_add", args=[submitted_claim.pk]),
        {"comment-body": "Source added"},
        headers=HTMX,
    )
    html = editor_client.get(reverse("reviews:dashboard")).content.decode()
    assert "Recent activity" in html
    assert "Verdict submitted" in html
    assert "Commented" in html


def test_progress_bar_counts_approved_claims(editor_client, submitted_claim):
    step = {"step-version": seen_version(editor_client, submitted_claim, "step")}
    approved = editor_client.post(
        reverse("reviews:verdict_approve", args=[submitted_claim.pk]), step
    )
    assert approved.status_code == 302
    html = editor_client.get(reverse("reviews:article_list")).content.decode()
    assert '<progress max="1" value="1"' in html
