"""Exporting a report: published versions for anyone, the draft for the desk's editors."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import AnonymousUser

from reviews.errors import ReviewError
from reviews.services.reports import report_export
from tests.reports.publishing import publish
from tests.scenes import approve

pytestmark = pytest.mark.django_db


def draft(article, actor):
    return report_export(article_id=article.pk, format="json", draft=True, actor=actor)


def test_an_editor_exports_the_draft_with_claims_still_in_work(article, claim, editor):
    content, content_type = draft(article, editor)

    assert content_type.startswith("application/json")
    body = json.loads(content)
    assert body["draft"] is True
    assert [c["approved"] for c in body["claims"]] == [False]


def test_a_reviewer_is_told_drafts_are_for_editors(article, claim, reviewer):
    with pytest.raises(ReviewError, match="Only editors see draft reports") as exc:
        draft(article, reviewer)
    assert exc.value.code == "forbidden"


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_someone_outside_the_desk_is_told_there_is_no_such_article(article, outsider, who):
    actor = outsider if who == "outsider" else AnonymousUser()
    with pytest.raises(ReviewError) as exc:
        draft(article, actor)
    assert exc.value.code == "not_found"


def test_the_draft_of_an_unknown_article_is_not_found_even_for_a_reviewer(reviewer, editor):
    for actor in (reviewer, editor):
        with pytest.raises(ReviewError) as exc:
            report_export(article_id=987654, format="md", draft=True, actor=actor)
        assert exc.value.code == "not_found"


def test_the_desks_operator_exports_drafts(article, claim):
    content, _ = report_export(article_id=article.pk, format="md", draft=True, actor=None)
    assert content


def test_a_published_version_is_exported_to_anyone(article, claim, reviewer, editor, ratings):
    approve(claim, reviewer, editor, ratings["true"])
    publish(article=article, actor=editor)

    content, _ = report_export(article_id=article.pk, format="json", actor=AnonymousUser())

    body = json.loads(content)
    assert (body["draft"], body["version"]) == (False, 1)
    assert [c["rating"] for c in body["claims"]] == ["True"]
