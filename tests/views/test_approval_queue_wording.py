"""The approval queue's card as the editor sees it: a reworded claim beside the article's own
sentence, so the two can be compared before approving (J6); no confidence printed when the
reviewer stated none (J13)."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from reviews.services.claims import claim_edit_speaker, claim_edit_wording
from tests import scenes
from tests.views.conftest import queue_item, rating

pytestmark = pytest.mark.django_db

WORDING = "Officials said 2,030 CSTO troops had arrived by Monday 10 January 2022."


def test_the_card_shows_the_desks_wording_and_the_articles_sentence(
    editor_client, reviewer, claim, scale
):
    claim_edit_wording(claim=claim, wording=WORDING, actor=reviewer, expected_version=None)
    scenes.submit(claim, reviewer, rating(scale, "True"))
    item = queue_item(editor_client, claim)
    assert "Wording for readers" in item and escape(WORDING) in item
    assert "The article’s text" in item
    assert f"“{escape(claim.text)}”" in item
    assert f"“{escape(WORDING)}”" not in item  # the wording is not shown as a quotation


def test_the_card_of_an_unreworded_claim_shows_the_sentence_once(
    editor_client, reviewer, claim, scale
):
    scenes.submit(claim, reviewer, rating(scale, "True"))
    item = queue_item(editor_client, claim)
    assert item.count(escape(claim.text)) == 1
    assert "Wording for readers" not in item and "The article’s text" not in item


def test_the_card_prints_no_confidence_when_none_was_stated(editor_client, reviewer, claim, scale):
    scenes.submit(claim, reviewer, rating(scale, "True"), confidence=None)
    item = queue_item(editor_client, claim)
    assert "confidence" not in item.lower()
    assert "None" not in item


def test_the_card_prints_a_stated_confidence(editor_client, reviewer, claim, scale):
    scenes.submit(claim, reviewer, rating(scale, "True"), confidence=65)
    assert "confidence 65%" in queue_item(editor_client, claim)


def test_the_card_names_the_speakers_role(editor_client, reviewer, claim, scale):
    claim_edit_speaker(
        claim=claim,
        speaker="Ana Lima",
        speaker_role="Defence minister",
        actor=reviewer,
        expected_version=None,
    )
    scenes.submit(claim, reviewer, rating(scale, "True"))
    assert "Ana Lima, Defence minister" in queue_item(editor_client, claim)
