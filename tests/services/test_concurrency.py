"""Two people saving the same thing never silently overwrite each other.

The first tests replay the interleaving step by step (both read, one saves, the other saves);
the last ones run the saves in real threads against PostgreSQL, where row locks and the
conditional UPDATE decide: exactly one wins, whatever the timing.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from reviews.errors import ConflictError, ReviewError
from reviews.models import Claim, Verdict
from reviews.services.claims import claim_edit_wording, claim_take
from reviews.services.verdicts import verdict_approve
from tests.factories import ArticleFactory, ClaimFactory
from tests.scenes import fresh, submit, write


@pytest.mark.django_db
def test_stale_verdict_save_is_refused_with_the_current_values(claim, reviewer, editor, ratings):
    opened = write(claim, reviewer, ratings["true"], rationale="First take")
    seen_by_both = opened.version

    write(claim, editor, ratings["false"], rationale="Editor's fix", expected_version=seen_by_both)
    with pytest.raises(ConflictError) as exc:
        write(
            claim, reviewer, ratings["half-true"], rationale="Mine", expected_version=seen_by_both
        )

    assert exc.value.code == "conflict"
    assert "changed by erin" in exc.value.message
    assert exc.value.current["rating"] == "False"
    assert exc.value.current["rationale"] == "Editor's fix"
    assert exc.value.current["version"] == seen_by_both + 1
    assert exc.value.current["last_edited_by"] == "erin"
    stored = Verdict.objects.get(claim=claim)
    assert (stored.rationale, stored.version) == ("Editor's fix", seen_by_both + 1)


@pytest.mark.django_db
def test_a_verdict_started_meanwhile_is_not_overwritten(claim, reviewer, editor, ratings):
    claim_take(claim=claim, actor=reviewer)
    # Both opened the claim with no verdict (expected_version=0); the editor saved first.
    write(claim, editor, ratings["false"], rationale="Editor's", expected_version=0)
    with pytest.raises(ConflictError) as exc:
        write(claim, reviewer, ratings["true"], rationale="Reviewer's", expected_version=0)

    assert exc.value.current["rationale"] == "Editor's"
    assert Verdict.objects.get(claim=claim).rationale == "Editor's"


@pytest.mark.django_db
def test_stale_wording_edit_is_refused(claim, reviewer, editor):
    version = claim.version
    claim_edit_wording(
        claim=claim, wording="Editor's wording", actor=editor, expected_version=version
    )
    with pytest.raises(ConflictError) as exc:
        claim_edit_wording(
            claim=claim, wording="Reviewer's wording", actor=reviewer, expected_version=version
        )

    assert exc.value.current["wording"] == "Editor's wording"
    assert exc.value.current["version"] == version + 1
    assert fresh(claim).wording == "Editor's wording"


@pytest.mark.django_db
def test_approving_a_verdict_changed_after_it_was_opened_is_refused(
    claim, reviewer, editor, ratings
):
    shown = submit(claim, reviewer, ratings["true"])
    write(claim, reviewer, ratings["false"], expected_version=shown.version)

    with pytest.raises(ConflictError) as exc:
        verdict_approve(claim=claim, actor=editor, expected_version=shown.version)
    assert exc.value.current["rating"] == "False"
    assert fresh(claim).status == "submitted"


@pytest.mark.django_db
def test_a_conflict_leaves_no_partial_change(claim, reviewer, editor, ratings):
    write(claim, reviewer, ratings["true"])
    claim_history = Claim.history.filter(id=claim.pk).count()
    with pytest.raises(ConflictError):
        write(claim, editor, ratings["false"], expected_version=99)
    assert Claim.history.filter(id=claim.pk).count() == claim_history
    assert fresh(claim).version == 2


# --- real threads, PostgreSQL ----------------------------------------------------------------


def race(*calls) -> list:
    """Run the calls in threads released at once; returns each call's result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - collected for the assertions
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locking across connections"
)


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_concurrent_saves_of_the_same_verdict_one_wins(attempt, reviewer, editor, scale):
    ratings = {r.slug: r for r in scale.ratings.all()}
    claim = ClaimFactory(article=ArticleFactory())
    version = write(claim, editor, ratings["true"]).version

    results = race(
        lambda: write(claim, editor, ratings["false"], rationale="A", expected_version=version),
        lambda: write(claim, editor, ratings["half-true"], rationale="B", expected_version=version),
    )

    winners = [r for r in results if isinstance(r, Verdict)]
    losers = [r for r in results if isinstance(r, ConflictError)]
    assert (len(winners), len(losers)) == (1, 1), results
    stored = Verdict.objects.get(claim=claim)
    assert stored.rationale == winners[0].rationale
    assert stored.version == version + 1
    assert losers[0].current["rationale"] == stored.rationale


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_verdicts_one_wins(reviewer, editor, scale):
    ratings = {r.slug: r for r in scale.ratings.all()}
    claim = ClaimFactory(article=ArticleFactory())

    results = race(
        lambda: write(claim, editor, ratings["false"], rationale="A"),
        lambda: write(claim, editor, ratings["true"], rationale="B"),
    )

    assert sum(isinstance(r, Verdict) for r in results) == 1, results
    assert sum(isinstance(r, ReviewError) for r in results) == 1, results
    assert Verdict.objects.filter(claim=claim).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_taking_the_same_claim_one_gets_it(reviewer, reviewer2):
    claim = ClaimFactory(article=ArticleFactory())

    results = race(
        lambda: claim_take(claim=claim, actor=reviewer),
        lambda: claim_take(claim=claim, actor=reviewer2),
    )

    winners = [r for r in results if isinstance(r, Claim)]
    assert len(winners) == 1, results
    assert isinstance(next(r for r in results if not isinstance(r, Claim)), ReviewError)
    assert fresh(claim).assignee == winners[0].assignee
