"""Two editors press "Publish" at the same moment: one version, not two."""

import threading

import pytest
from django.db import connection, connections

from reviews.errors import ReviewError
from reviews.models import Report, ReportRendering
from reviews.services.reports import report_publish


@pytest.mark.django_db(transaction=True)
def test_simultaneous_publishing_makes_one_version(article, claims, rate, editor):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks (SQLite serialises all writers anyway)")
    rate(claims[0], "False")
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def publish():
        try:
            barrier.wait()
            outcomes.append(report_publish(article=article, actor=editor).number)
        except ReviewError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(outcomes, key=str) == [1, "conflict"]
    assert list(Report.objects.values_list("number", flat=True)) == [1]
    assert ReportRendering.objects.count() == 6
