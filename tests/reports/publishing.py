"""Publishing as a committed request sees it.

The tests run inside a transaction that never commits, so the work `report_publish` leaves
for after the commit (the PDF task, eager without a broker) would never run: `publish` runs
it before returning, as the end of a real request's transaction does.
"""

from __future__ import annotations

from django.test import TestCase

from reviews.models import Report
from reviews.services.reports import report_publish


def publish(*, article, actor) -> Report:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return report_publish(article=article, actor=actor)


# The editor's reason for reopening a claim: a working note of the desk, never published.
INTERNAL_REASON = "Reader email from J. Doe <jdoe@example.org> disputes the count"
