"""Notices in the app and by e-mail: assigned to you, returned to you, approved, submitted."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from reviews.errors import ReviewError
from reviews.models import Notification
from reviews.services.claims import claim_assign, claim_take
from reviews.services.notifications import notifications_mark_read, notify
from reviews.services.verdicts import verdict_approve, verdict_return, verdict_submit
from tests.scenes import submit, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Runs the after-commit callbacks (the e-mails) of what happens inside the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_assignment_notifies_in_the_app_and_by_email(claim, reviewer, editor, sent):
    with sent():
        claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)

    notice = Notification.objects.get(recipient=reviewer)
    assert (notice.kind, notice.claim_id, notice.read_at) == ("assigned", claim.pk, None)
    assert notice.message.startswith("erin assigned you the claim “Officials said 2,030 troops")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["rita@example.org"]
    assert "erin assigned you the claim" in email.subject
    assert f"/articles/{claim.article_id}/#claim-{claim.pk}" in email.body


def test_return_notifies_the_author(claim, reviewer, editor, ratings, sent):
    submit(claim, reviewer, ratings["false"])
    with sent():
        verdict_return(claim=claim, actor=editor, note="needs a primary source")

    notice = Notification.objects.get(recipient=reviewer, kind="returned")
    assert notice.message.endswith(": needs a primary source")
    assert [m.to for m in mail.outbox] == [["rita@example.org"]]


def test_approval_notifies_the_author(claim, reviewer, editor, ratings, sent):
    submit(claim, reviewer, ratings["false"])
    with sent():
        verdict_approve(claim=claim, actor=editor)

    notice = Notification.objects.get(recipient=reviewer, kind="approved")
    assert "erin approved your verdict" in notice.message
    assert [m.to for m in mail.outbox] == [["rita@example.org"]]


def test_submission_notifies_only_the_editor_who_assigned(
    claim, reviewer, editor, editor2, ratings, sent
):
    claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)
    write(claim, reviewer, ratings["false"])
    with sent():
        verdict_submit(claim=claim, actor=reviewer)

    assert Notification.objects.filter(kind="submitted").get().recipient == editor
    assert not Notification.objects.filter(recipient=editor2).exists()
    assert [m.to for m in mail.outbox] == [["erin@example.org"]]


def test_submission_of_a_claim_taken_by_the_reviewer_notifies_nobody(claim, reviewer, ratings):
    claim_take(claim=claim, actor=reviewer)
    submit(claim, reviewer, ratings["false"])
    assert not Notification.objects.filter(kind="submitted").exists()


def test_nobody_is_notified_of_their_own_action(claim, editor, ratings):
    claim_assign(claim=claim, assignee_id=editor.pk, actor=editor)
    assert not Notification.objects.exists()


def test_a_rolled_back_action_sends_no_email(claim, reviewer, editor, sent):
    with sent(), pytest.raises(RuntimeError), transaction.atomic():
        claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)
        raise RuntimeError("something later in the request failed")

    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_action(claim, reviewer, editor, sent, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on discard
    with sent():
        claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)

    claim.refresh_from_db()
    assert claim.assignee == reviewer
    assert Notification.objects.filter(recipient=reviewer).count() == 1


def test_users_without_email_get_the_notice_in_the_app_only(claim, reviewer, editor, sent):
    reviewer.email = ""
    reviewer.save(update_fields=["email"])
    with sent():
        claim_assign(claim=claim, assignee_id=reviewer.pk, actor=editor)
    assert Notification.objects.filter(recipient=reviewer).exists()
    assert mail.outbox == []


def test_mark_read_marks_only_the_users_own_notices(reviewer, reviewer2):
    mine = [notify(recipient=reviewer, kind="assigned", message=f"n{i}") for i in range(3)]
    theirs = notify(recipient=reviewer2, kind="assigned", message="other")

    assert notifications_mark_read(actor=reviewer, ids=[mine[0].pk, theirs.pk]) == 1
    assert notifications_mark_read(actor=reviewer) == 2
    assert notifications_mark_read(actor=reviewer) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert Notification.objects.filter(recipient=reviewer, read_at__isnull=True).count() == 0


def test_notify_refuses_an_unknown_kind_or_an_empty_message(reviewer):
    with pytest.raises(ReviewError):
        notify(recipient=reviewer, kind="party", message="hi")
    with pytest.raises(ReviewError):
        notify(recipient=reviewer, kind="assigned", message="  ")
    assert not Notification.objects.exists()


def test_email_subject_is_one_line(reviewer, sent):
    with sent():
        notify(recipient=reviewer, kind="assigned", message="Line one\nLine two " + "x" * 300)
    assert "\n" not in mail.outbox[0].subject
    assert len(mail.outbox[0].subject) <= 120
