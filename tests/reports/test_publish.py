import hashlib
import json

import pytest

from reviews.errors import ReviewError
from reviews.exports import FORMATS
from reviews.exports.snapshot import human_date
from reviews.models import Correction, Report, ReportRendering
from reviews.services.claims import claim_dismiss, claim_reopen
from reviews.services.reports import report_snapshot, report_snapshot_build
from reviews.services.verdicts import verdict_save
from tests.exports import claimreview_rules
from tests.exports.test_formats import pdf_text
from tests.reports.publishing import INTERNAL_REASON, publish


def test_editor_publishes_a_numbered_version_with_every_format_stored_and_hashed(
    article, claims, rate, editor
):
    rate(claims[0], "False", "Only 1,200 troops arrived. The rest came later.")
    report = publish(article=article, actor=editor)
    report.refresh_from_db()
    assert report.number == 1
    assert report.published_by == editor
    renderings = {r.format: r for r in report.renderings.all()}
    assert set(renderings) == set(FORMATS)
    for name, rendering in renderings.items():
        content = bytes(rendering.content)
        assert rendering.content_type == FORMATS[name].content_type
        assert rendering.content_hash == hashlib.sha256(content).hexdigest()
    snapshot = report_snapshot(report)
    assert snapshot.version == 1 and not snapshot.draft
    assert [c.rating for c in snapshot.claims] == ["False"]
    assert snapshot.claims[0].conclusion == "Only 1,200 troops arrived."
    assert snapshot.claims[0].reviewed_by == "rita" and snapshot.claims[0].approved_by == "erin"


def test_report_content_hash_is_the_hash_of_the_stored_snapshot(article, claims, rate, editor):
    rate(claims[0], "False")
    report = publish(article=article, actor=editor)
    report.refresh_from_db()
    canonical = json.dumps(
        report.snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode()
    assert report.content_hash == hashlib.sha256(canonical).hexdigest()


@pytest.mark.parametrize("who", ["reviewer", "outsider"])
def test_only_editors_publish(who, request, article, claims, rate):
    rate(claims[0], "False")
    with pytest.raises(ReviewError) as error:
        publish(article=article, actor=request.getfixturevalue(who))
    assert error.value.code == "forbidden"
    assert not Report.objects.exists()


def test_publishing_without_an_approved_verdict_is_refused_and_stores_nothing(
    article, claims, reviewer, editor, ratings
):
    verdict_save(
        claim=claims[0], actor=reviewer, rating=ratings["False"], rationale="Draft.", confidence=50
    )
    with pytest.raises(ReviewError) as error:
        publish(article=article, actor=editor)
    assert error.value.code == "invalid"
    assert "no approved verdict" in error.value.message
    assert not Report.objects.exists() and not ReportRendering.objects.exists()


def test_publishing_again_when_nothing_changed_is_refused(article, claims, rate, editor):
    rate(claims[0], "False")
    publish(article=article, actor=editor)
    with pytest.raises(ReviewError) as error:
        publish(article=article, actor=editor)
    assert error.value.code == "conflict"
    assert "Nothing changed since version 1" in error.value.message
    assert Report.objects.count() == 1


def test_a_newly_approved_claim_is_a_change_worth_a_new_version(article, claims, rate, editor):
    rate(claims[0], "False")
    publish(article=article, actor=editor)
    rate(claims[1], "True")
    second = publish(article=article, actor=editor)
    assert second.number == 2
    snapshot = report_snapshot(second)
    assert [c.rating for c in snapshot.claims] == ["False", "True"]
    # The log says what the new version adds; nothing was corrected.
    assert [c.message for c in snapshot.corrections] == [
        f"Claim 2 (“{claims[1].text}”) added on {human_date(snapshot.date)}."
    ]
    rows = second.corrections.all()
    assert [(r.claim_id, r.old_rating, r.new_rating) for r in rows] == [(claims[1].pk, "", "True")]


def test_a_published_version_never_changes_when_verdicts_change_afterwards(
    article, claims, rate, correct, editor
):
    rate(claims[0], "False", "Wrong figure.")
    first = publish(article=article, actor=editor)
    first.refresh_from_db()
    stored = {r.format: bytes(r.content) for r in first.renderings.all()}
    snapshot, content_hash = first.snapshot, first.content_hash

    correct(claims[0], "Mostly false", "new figures from the ministry")
    claim_reopen(claim=claims[0], actor=editor, reason="checking again")
    publish(article=article, actor=editor)

    first = Report.objects.get(pk=first.pk)
    assert first.snapshot == snapshot and first.content_hash == content_hash
    assert {r.format: bytes(r.content) for r in first.renderings.all()} == stored
    assert b"Wrong figure." in stored["md"] and b"| **False** |" in stored["md"]
    assert b"**Mostly false**" not in stored["md"]


def test_corrections_log_is_correct_across_three_versions(article, claims, rate, correct, editor):
    rate(claims[0], "False", "Fewer troops arrived.")
    rate(claims[1], "True", "The ministry's count.")
    v1 = publish(article=article, actor=editor)

    correct(claims[0], "Mostly false", "the ministry revised its count")
    v2 = publish(article=article, actor=editor)

    correct(claims[1], "Half true", "a second count differs")
    rate(claims[2], "Misleading", "Prices rose, but wages rose more.")
    v3 = publish(article=article, actor=editor)

    assert report_snapshot(v1).corrections == ()
    log2 = [c.message for c in report_snapshot(v2).corrections]
    log3 = [c.message for c in report_snapshot(v3).corrections]
    date = report_snapshot(v3).date

    first_entry = (
        f"Rating of claim 1 (“{claims[0].text}”) changed from False to Mostly false on "
        f"{human_date(report_snapshot(v2).date)}: the ministry revised its count"
    )
    second_entry = (
        f"Rating of claim 2 (“{claims[1].text}”) changed from True to Half true on "
        f"{human_date(date)}: a second count differs"
    )
    added_entry = f"Claim 3 (“{claims[2].text}”) added on {human_date(date)}."
    assert log2 == [first_entry]
    assert log3 == [first_entry, second_entry, added_entry]
    assert [c.version for c in report_snapshot(v3).corrections] == [2, 3, 3]

    rows = Correction.objects.order_by("report__number", "pk")
    assert [(r.report.number, r.claim_id, r.old_rating, r.new_rating, r.reason) for r in rows] == [
        (2, claims[0].pk, "False", "Mostly false", "the ministry revised its count"),
        (3, claims[1].pk, "True", "Half true", "a second count differs"),
        (3, claims[2].pk, "", "Misleading", ""),
    ]
    # Every stored format of version 3 shows the whole log.
    for rendering in v3.renderings.all():
        content = bytes(rendering.content)
        text = pdf_text(content) if rendering.format == "pdf" else content.decode("utf-8-sig")
        assert "changed from False to Mostly false" in text, rendering.format
        assert "changed from True to Half true" in text, rendering.format
        # The reopen reason is the desk's working note: it is in no published format.
        assert INTERNAL_REASON not in text and "jdoe@example.org" not in text, rendering.format


def test_claim_reopened_but_not_yet_reapproved_keeps_its_published_rating(
    article, claims, rate, editor, reviewer, ratings
):
    rate(claims[0], "False")
    publish(article=article, actor=editor)
    claim_reopen(claim=claims[0], actor=editor, reason="new data")
    verdict_save(
        claim=claims[0], actor=reviewer, rating=ratings["True"], rationale="Maybe.", confidence=40
    )
    rate(claims[1], "True")
    second = publish(article=article, actor=editor)
    assert [c.rating for c in report_snapshot(second).claims] == ["False", "True"]
    # Claim 1 keeps its published rating, uncorrected; only claim 2's arrival is logged.
    assert [(c.claim_id, c.added) for c in report_snapshot(second).corrections] == [
        (claims[1].pk, True)
    ]

    draft = report_snapshot_build(article, draft=True)
    assert draft.claims[0].rating == "False" and draft.claims[0].correction_pending


def test_claim_dismissed_after_publication_is_logged_as_withdrawn(article, claims, rate, editor):
    rate(claims[0], "False")
    rate(claims[1], "True")
    publish(article=article, actor=editor)
    claim_reopen(claim=claims[0], actor=editor, reason="not a factual claim after all")
    claim_dismiss(claim=claims[0], actor=editor, reason="opinion, not a factual claim")
    second = publish(article=article, actor=editor)
    snapshot = report_snapshot(second)
    assert [c.id for c in snapshot.claims] == [claims[1].pk]
    (entry,) = snapshot.corrections
    assert entry.new_rating == "" and entry.old_rating == "False"
    assert entry.message.endswith("was withdrawn on " + entry.message.split(" on ")[-1])
    # Why the claim was reopened and dismissed stays inside the desk.
    assert "not a factual claim" not in entry.message
    assert entry.reason == "" and entry.message.endswith(".")


def test_a_correction_approved_without_a_note_says_only_what_changed(article, claims, rate, editor):
    rate(claims[0], "False")
    publish(article=article, actor=editor)
    claim_reopen(claim=claims[0], actor=editor, reason=INTERNAL_REASON)
    rate(claims[0], "Mostly false", "Revised.")
    second = publish(article=article, actor=editor)
    (entry,) = report_snapshot(second).corrections
    assert entry.reason == ""
    assert entry.message.startswith("Rating of claim 1")
    assert entry.message.endswith(
        f"changed from False to Mostly false on {human_date(entry.date)}."
    )
    for rendering in second.renderings.all():
        content = bytes(rendering.content)
        text = pdf_text(content) if rendering.format == "pdf" else content.decode("utf-8-sig")
        assert "Reader email" not in text, rendering.format


def test_draft_lists_pending_claims_and_publishing_leaves_them_out(
    article, claims, rate, reviewer, editor, ratings
):
    rate(claims[0], "False")
    verdict_save(
        claim=claims[1], actor=reviewer, rating=ratings["True"], rationale="Draft.", confidence=50
    )
    draft = report_snapshot_build(article, draft=True)
    assert draft.draft and draft.version is None
    assert [(c.approved, c.rating) for c in draft.claims] == [
        (True, "False"),
        (False, "True"),
        (False, ""),
    ]
    published = report_snapshot(publish(article=article, actor=editor))
    assert [c.id for c in published.claims] == [claims[0].pk]


def test_claimreview_of_a_published_version_is_valid_and_keeps_first_publication_dates(
    article, claims, rate, correct, editor
):
    article.url = "https://news.example.com/a"
    article.outlet = "Example News"
    article.published = "2022-01-10"
    article.save(update_fields=["url", "outlet", "published"])
    rate(claims[0], "False")
    rate(claims[1], "Unverifiable")
    first = publish(article=article, actor=editor)
    # Pretend version 1 came out long ago, to tell the dates apart.
    first.snapshot["claims"][1]["published"] = "2021-12-31"
    first.save(update_fields=["snapshot"])

    correct(claims[0], "Mostly false", "revised")
    second = publish(article=article, actor=editor)
    reviews = json.loads(bytes(second.renderings.get(format="claimreview").content))
    assert claimreview_rules.validate(reviews) == []
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["Mostly false", "Unverifiable"]
    assert reviews[1]["datePublished"] == "2021-12-31"
    assert reviews[0]["datePublished"] == report_snapshot(second).date
    assert "ratingValue" not in reviews[1]["reviewRating"]
    assert reviews[0]["correction"][0]["text"].startswith("Rating of claim 1")
    assert "correction" not in reviews[1]


def test_a_corrected_rationale_with_the_same_rating_is_logged_too(
    article, claims, rate, correct, editor
):
    rate(claims[0], "False", "Wrong figure.")
    publish(article=article, actor=editor)
    correct(claims[0], "False", "a source link was broken", rationale="Wrong figure; new link.")
    second = publish(article=article, actor=editor)
    (entry,) = report_snapshot(second).corrections
    assert "its rating stays False: a source link was broken" in entry.message
