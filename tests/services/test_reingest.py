"""Re-ingesting an updated article carries the desk's work over to the new version."""

from __future__ import annotations

import pytest

from reviews.errors import ReviewError
from reviews.models import Article, Claim, Comment, Evidence, Verdict
from reviews.selectors.timeline import claim_timeline
from reviews.services.articles import article_ingest
from reviews.services.claims import claim_add, claim_dismiss
from reviews.services.comments import comment_add
from reviews.services.evidence import evidence_add
from reviews.services.reingest import article_reingest
from tests.scenes import approve, write

pytestmark = pytest.mark.django_db

OLD = (
    "Officials said 2,030 troops arrived on Monday. "
    "The ministry reported that 7,939 people were detained. "
    "Prices rose by 12 percent last year."
)
NEW = (
    "Updated on Tuesday with new figures. "
    "Officials said 2,030 troops arrived on Monday. "
    "The ministry reported that 9,900 people were detained. "
    "Prices rose by 12 percent last year. "
    "A curfew was declared in Almaty on Tuesday."
)


@pytest.fixture
def previous(editor):
    return article_ingest(title="Troops arrive", body=OLD, actor=editor, url="https://n.example/a")


def claim_with(article: Article, words: str) -> Claim:
    return next(c for c in article.claims.all() if words in c.text)


def test_unchanged_claims_keep_their_verdicts_evidence_status_and_assignee(
    previous, reviewer, editor, ratings
):
    troops = claim_with(previous, "2,030 troops")
    evidence_add(
        claim=troops, actor=reviewer, url="https://gov.example/x", stance="supports", quote="2,030"
    )
    approve(troops, reviewer, editor, ratings["true"])
    comment_add(claim=troops, actor=editor, body="Confirmed by the CSTO too")

    article = article_reingest(previous=previous, body=NEW, actor=editor)

    assert article.previous_version == previous
    assert (article.title, article.url) == ("Troops arrive", "https://n.example/a")
    carried = claim_with(article, "2,030 troops")
    assert article.body[carried.start : carried.end] == carried.text == troops.text
    assert carried.start != troops.start  # the new opening sentence moved it
    assert (carried.status, carried.assignee, carried.needs_review) == ("approved", reviewer, False)
    verdict = Verdict.objects.get(claim=carried)
    assert (verdict.status, verdict.rating.slug, verdict.author, verdict.approved_by) == (
        "approved",
        "true",
        reviewer,
        editor,
    )
    assert Evidence.objects.get(claim=carried).quote == "2,030"
    assert Comment.objects.get(claim=carried).body == "Confirmed by the CSTO too"


def test_the_old_version_keeps_its_own_work(previous, reviewer, editor, ratings):
    troops = claim_with(previous, "2,030 troops")
    approve(troops, reviewer, editor, ratings["true"])

    article_reingest(previous=previous, body=NEW, actor=editor)

    troops.refresh_from_db()
    assert troops.status == "approved"
    assert Verdict.objects.filter(claim=troops, status="approved").count() == 1
    assert Verdict.objects.filter(status="approved").count() == 2


def test_changed_and_new_claims_are_flagged_for_review(previous, reviewer, ratings):
    write(claim_with(previous, "7,939"), reviewer, ratings["false"])

    article = article_reingest(previous=previous, body=NEW, actor=reviewer)

    changed = claim_with(article, "9,900")
    new = claim_with(article, "curfew")
    for claim in (changed, new):
        assert claim.needs_review
        assert claim.status == "unreviewed"
        assert not claim.verdicts.exists()
    assert not claim_with(article, "Prices rose").needs_review
    for claim in article.claims.all():
        assert article.body[claim.start : claim.end] == claim.text


def test_a_flagged_claim_is_cleared_when_someone_rates_it(previous, reviewer, ratings):
    article = article_reingest(previous=previous, body=NEW, actor=reviewer)
    changed = claim_with(article, "9,900")
    write(changed, reviewer, ratings["false"])
    changed.refresh_from_db()
    assert not changed.needs_review


def test_manual_and_dismissed_claims_are_carried_over(previous, reviewer, editor):
    start = OLD.index("7,939 people")
    manual = claim_add(
        article=previous, start=start, end=start + len("7,939 people"), actor=reviewer
    )
    claim_dismiss(claim=claim_with(previous, "Prices"), reason="Background", actor=editor)
    moved = OLD.replace("7,939 people were detained", "7,939 people were detained overnight")

    article = article_reingest(previous=previous, body=moved, actor=editor)

    assert claim_with(article, "Prices").status == "dismissed"
    assert claim_with(article, "Prices").dismissed_reason == "Background"
    carried_manual = article.claims.get(text="7,939 people")
    assert carried_manual.added_manually
    assert manual.text == carried_manual.text


def test_the_carried_claim_timeline_says_where_it_came_from(previous, reviewer, editor, ratings):
    troops = claim_with(previous, "2,030 troops")
    write(troops, reviewer, ratings["true"])

    article = article_reingest(previous=previous, body=NEW, actor=editor)

    events = claim_timeline(claim_with(article, "2,030 troops"))
    assert [e.message for e in events] == ["Carried over from the previous version by erin"]
    assert events[0].after["rating"] == "True"
    assert events[0].after["status"] == "In progress"


def test_an_article_is_replaced_only_once(previous, editor):
    article_reingest(previous=previous, body=NEW, actor=editor)
    with pytest.raises(ReviewError, match="already replaced") as exc:
        article_reingest(previous=previous, body=NEW + " More.", actor=editor)
    assert exc.value.code == "conflict"
    assert Article.objects.count() == 2


def test_the_same_text_is_not_a_new_version(previous, editor):
    with pytest.raises(ReviewError, match="same as the current version"):
        article_reingest(previous=previous, body=OLD, actor=editor)
    assert Article.objects.count() == 1


@pytest.mark.parametrize("body", ["", "   \n", "bad\x00byte"])
def test_bad_text_creates_nothing(previous, editor, body):
    with pytest.raises(ReviewError):
        article_reingest(previous=previous, body=body, actor=editor)
    assert Article.objects.count() == 1
    assert Claim.objects.exclude(article=previous).count() == 0


def test_outsider_cannot_reingest(previous, outsider):
    with pytest.raises(ReviewError) as exc:
        article_reingest(previous=previous, body=NEW, actor=outsider)
    assert exc.value.code == "forbidden"
    assert Article.objects.count() == 1


def test_a_new_title_and_date_can_come_with_the_new_text(previous, editor):
    import datetime

    article = article_reingest(
        previous=previous,
        body=NEW,
        actor=editor,
        title="Troops, updated",
        published=datetime.date(2022, 1, 11),
    )
    assert (article.title, article.published) == ("Troops, updated", datetime.date(2022, 1, 11))
