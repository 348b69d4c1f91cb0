"""The archive's ANN index: built and extended by the match job (the worker), loaded by
the matching service only while it holds exactly the archive's rows."""

from __future__ import annotations

import dataclasses

import pytest

from claimextract.ann import read_state
from claimextract.factcheck_formats import FactCheckRecord
from reviews.models import ClaimMatch, FactCheck, Job
from reviews.services import factchecks as service
from reviews.services.factchecks import (
    factcheck_encoder,
    factcheck_index_path,
    factcheck_index_update,
    factcheck_matches_many,
)
from reviews.services.matches import claim_matches_run, factchecks_import_and_match
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

TOPICS = [
    "Officials said 2,030 troops arrived on Monday.",
    "Prices rose by 12 percent last year, the statistics office says.",
    "A viral video shows a giant anaconda swimming across a river in Brazil.",
    "The new bridge cost three times its budget.",
    "Schools will close for two weeks in March.",
    "The mayor banned cars from the old town.",
    "Tap water in the city contains lead.",
    "The river flooded the stadium last spring.",
]


def records(start: int, stop: int) -> list[FactCheckRecord]:
    return [
        FactCheckRecord(
            identifier=f"fc-{i}",
            claim=TOPICS[i % len(TOPICS)] + f" (case {i})",
            title=f"Fact check {i}",
            rating="False",
            url=f"https://checks.example/{i}",
            line=i + 1,
        )
        for i in range(start, stop)
    ]


@pytest.fixture
def indexed(settings, tmp_path, monkeypatch, editor):
    """Dense matching on, the index in a directory of the test's own, and a threshold so
    low that the small archive goes through the ANN index."""
    settings.FACTCHECK_MATCHING_DENSE = True
    if factcheck_encoder() is None:
        pytest.skip("no sentence encoder installed (claimextract/encoder.py and its model)")
    settings.FACTCHECK = {**settings.FACTCHECK, "INDEX_DIR": str(tmp_path / "index")}
    monkeypatch.setattr(service, "ANN_MIN_ENTRIES", 5)
    service._archive_cache.clear()
    yield editor
    service._archive_cache.clear()


def top_identifiers(texts):
    return [[m.factcheck.identifier for m in hits] for hits in factcheck_matches_many(texts=texts)]


def test_the_match_job_after_an_import_builds_the_index_and_matching_uses_it(indexed):
    claim = ClaimFactory(text="Officials said 2,030 troops arrived on Monday.")
    factchecks_import_and_match(records=records(0, 12), publisher="Checks", actor=indexed)
    path = factcheck_index_path()
    assert read_state(path) is None  # the import itself builds nothing: the worker does
    job = Job.objects.filter(kind=Job.Kind.MATCH_FACTCHECKS).latest("pk")
    claim_matches_run(job_id=job.pk)
    state = read_state(path)
    assert state is not None and state.count == FactCheck.objects.count() == 12
    assert state.max_id == FactCheck.objects.latest("pk").pk
    assert service._archive().matcher.ann is not None
    best = ClaimMatch.objects.filter(claim=claim).order_by("rank").first()
    assert best.factcheck.claim.startswith("Officials said 2,030 troops")


def test_the_ann_path_ranks_as_the_exact_one(indexed):
    service.factchecks_import(records=records(0, 16), publisher="Checks")
    texts = TOPICS[:5]
    exact = top_identifiers(texts)
    assert factcheck_index_update() == "built"
    assert service._archive().matcher.ann is not None
    assert top_identifiers(texts) == exact


def test_a_stale_index_is_not_used_until_it_is_rebuilt(indexed):
    service.factchecks_import(records=records(0, 10), publisher="Checks")
    assert factcheck_index_update() == "built"
    service.factchecks_import(records=records(10, 14), publisher="Checks")
    # Four fact-checks the index does not hold: exact search, and they are found.
    archive = service._archive()
    assert archive.matcher.ann is None
    found = top_identifiers(["The mayor banned cars from the old town (case 13)"])[0]
    assert found[0] == "fc-13"
    assert read_state(factcheck_index_path()).count == 10
    assert factcheck_index_update() == "added"  # only new rows: appended
    assert read_state(factcheck_index_path()).count == 14
    assert service._archive().matcher.ann is not None
    assert top_identifiers(["The mayor banned cars from the old town (case 13)"])[0] == found


def test_a_changed_fact_check_means_a_rebuild(indexed):
    service.factchecks_import(records=records(0, 10), publisher="Checks")
    assert factcheck_index_update() == "built"
    changed = dataclasses.replace(
        records(3, 4)[0], claim="Every lighthouse on the coast was switched off in 1990."
    )
    service.factchecks_import(records=[changed], publisher="Checks")
    assert service._archive().matcher.ann is None
    assert factcheck_index_update() == "built"
    assert top_identifiers(["Every lighthouse on the coast was switched off"])[0][0] == "fc-3"
    assert factcheck_index_update() == "current"


def test_a_small_archive_has_no_index(indexed, monkeypatch):
    monkeypatch.setattr(service, "ANN_MIN_ENTRIES", 1000)
    service.factchecks_import(records=records(0, 10), publisher="Checks")
    assert factcheck_index_update() == "exact"
    assert read_state(factcheck_index_path()) is None
