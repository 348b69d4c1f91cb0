"""Editors assign many claims of an article at once from its claim list: the
checkboxes, "select all shown", one post, the list back as it was filtered; nobody else can."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import Article, Claim, ClaimKind, ClaimStatus, Notification
from reviews.services.claims import claim_dismiss, claims_assign
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LIST = {"HX-Request": "true", "HX-Target": "claim-list"}


def article_with_claims(count: int, *, title: str = "Bulk") -> Article:
    sentences = [f"Claim {i} says {i * 11} people came." for i in range(count)]
    body = " ".join(sentences)
    article = ArticleFactory(
        title=title, body=body, body_hash=hashlib.sha256(body.encode()).hexdigest()
    )
    claims, position = [], 0
    for i, sentence in enumerate(sentences):
        claims.append(
            Claim(
                article=article,
                start=position,
                end=position + len(sentence),
                text=sentence,
                # Distinct scores: the list's order and the score filter are predictable.
                checkworthiness=round(0.9 - i / (count * 2), 4),
                kind=ClaimKind.STATISTIC,
            )
        )
        position += len(sentence) + 1
    Claim.objects.bulk_create(claims)
    return article


def claim_ids(article: Article) -> list[int]:
    return list(article.claims.order_by("start").values_list("pk", flat=True))


def assignees(article: Article) -> dict[int, int | None]:
    return dict(article.claims.values_list("pk", "assignee_id"))


def bulk_url(article: Article, query: str = "") -> str:
    url = reverse("reviews:claims_bulk_assign", args=[article.pk])
    return f"{url}?{query}" if query else url


def page_url(article: Article) -> str:
    return reverse("reviews:article_detail", args=[article.pk])


def post(client, article, *, claims=(), assignee="", all_shown=None, query="", htmx=True):
    data = {"bulk-claims": [str(pk) for pk in claims], "bulk-assignee": str(assignee)}
    if all_shown is not None:
        data["bulk-all_shown"] = all_shown
    return client.post(bulk_url(article, query), data, headers=LIST if htmx else {})


def ticked(html: str) -> set[int]:
    return {
        int(pk)
        for pk in re.findall(
            r'<input type="checkbox" class="pick" name="bulk-claims" '
            r'value="(\d+)"[^>]*\bchecked>',
            html,
        )
    }


# --- Editors --------------------------------------------------------------------------------


def test_editor_assigns_three_claims_and_the_reviewer_is_notified(
    editor_client, editor, reviewer, django_capture_on_commit_callbacks, mailoutbox
):
    article = article_with_claims(6)
    ids = claim_ids(article)
    chosen = ids[1:4]

    with django_capture_on_commit_callbacks(execute=True):
        response = post(editor_client, article, claims=chosen, assignee=reviewer.pk)

    assert response.status_code == 200
    html = response.content.decode()
    assert "3 claims assigned to rita." in html
    # One e-mail for the batch, sent once the assignment committed.
    assert [m.to for m in mailoutbox] == [["rita@example.org"]]
    assert 'id="claim-ol"' in html and "<h1>" not in html  # the list, not the whole page
    stored = assignees(article)
    assert {pk for pk, who in stored.items() if who == reviewer.pk} == set(chosen)
    assert all(stored[pk] is None for pk in ids if pk not in chosen)
    notices = Notification.objects.filter(recipient=reviewer, kind=Notification.Kind.ASSIGNED)
    assert [n.message for n in notices] == ["erin assigned you 3 claims"]
    # The list shows the new assignee on each of them.
    for pk in chosen:
        item = re.search(rf'<li id="claim-item-{pk}".*?</li>', html, flags=re.S).group(0)
        assert "→ rita" in item


def test_plain_post_redirects_to_the_list_as_filtered_with_a_message(editor_client, reviewer):
    article = article_with_claims(4)
    ids = claim_ids(article)

    response = post(
        editor_client,
        article,
        claims=ids[:2],
        assignee=reviewer.pk,
        query="status=unreviewed",
        htmx=False,
    )

    assert response.status_code == 302
    assert response["Location"] == f"{page_url(article)}?status=unreviewed"
    page = editor_client.get(response["Location"])
    assert "2 claims assigned to rita." in page.content.decode()
    assert sum(1 for who in assignees(article).values() if who == reviewer.pk) == 2


def test_select_all_shown_assigns_exactly_what_the_filter_showed(editor_client, reviewer):
    article = article_with_claims(10)
    page = editor_client.get(page_url(article), {"min_score": "0.7"}, headers=LIST)
    shown = re.search(
        r'id="pick-all" name="bulk-all_shown" value="([\d,]*)"', page.content.decode()
    )
    shown_ids = {int(pk) for pk in shown.group(1).split(",")}
    expected = set(article.claims.filter(checkworthiness__gte=0.7).values_list("pk", flat=True))
    assert shown_ids == expected and 0 < len(expected) < 10

    response = post(
        editor_client,
        article,
        all_shown=shown.group(1),
        assignee=reviewer.pk,
        query="min_score=0.7",
    )

    assert response.status_code == 200
    assert f"{len(expected)} claims assigned to rita." in response.content.decode()
    stored = assignees(article)
    assert {pk for pk, who in stored.items() if who == reviewer.pk} == expected


def test_the_list_comes_back_filtered_as_it_was(editor_client, reviewer):
    article = article_with_claims(5)
    ids = claim_ids(article)
    Claim.objects.filter(pk=ids[0]).update(status=ClaimStatus.SUBMITTED)

    response = post(
        editor_client, article, claims=ids[1:3], assignee=reviewer.pk, query="status=unreviewed"
    )

    html = response.content.decode()
    assert "4 of 5 claims match the filters." in html
    assert f'id="claim-item-{ids[0]}"' not in html
    # The next post keeps the filter too.
    assert f'action="{bulk_url(article, "status=unreviewed")}"' in html


def test_editor_unassigns_claims(editor_client, editor, reviewer):
    article = article_with_claims(4)
    ids = claim_ids(article)
    claims_assign(claim_ids=ids, assignee_id=reviewer.pk, actor=editor)

    response = post(editor_client, article, claims=ids[:2], assignee="none")

    assert response.status_code == 200
    assert "2 claims unassigned." in response.content.decode()
    stored = assignees(article)
    assert [stored[pk] for pk in ids] == [None, None, reviewer.pk, reviewer.pk]


def test_claims_already_theirs_or_dismissed_are_left_as_they_were(editor_client, editor, reviewer):
    article = article_with_claims(4)
    ids = claim_ids(article)
    claims_assign(claim_ids=ids[:1], assignee_id=reviewer.pk, actor=editor)
    claim_dismiss(claim=ids[1], reason="Opinion, not a fact.", actor=editor)

    response = post(editor_client, article, claims=ids, assignee=reviewer.pk)

    assert response.status_code == 200
    assert (
        "2 claims assigned to rita; 2 left as they were (already assigned to rita, or dismissed)."
        in response.content.decode()
    )
    assert assignees(article)[ids[1]] is None


def test_dismissed_claims_have_no_checkbox(editor_client, editor):
    article = article_with_claims(3)
    ids = claim_ids(article)
    claim_dismiss(claim=ids[0], reason="Opinion, not a fact.", actor=editor)

    html = editor_client.get(page_url(article)).content.decode()

    assert f'name="bulk-claims" value="{ids[0]}"' not in html
    assert f'name="bulk-claims" value="{ids[1]}"' in html
    shown = re.search(r'name="bulk-all_shown" value="([\d,]*)"', html).group(1)
    assert str(ids[0]) not in shown.split(",")


# --- Bad input ------------------------------------------------------------------------------


def test_no_claim_selected_is_refused_with_a_message(editor_client, reviewer):
    article = article_with_claims(3)

    response = post(editor_client, article, claims=[], assignee=reviewer.pk)

    assert response.status_code == 400
    assert "Select at least one claim to assign." in response.content.decode()
    assert not Notification.objects.exists()


def test_no_assignee_chosen_is_refused_and_the_ticks_stay(editor_client):
    article = article_with_claims(4)
    ids = claim_ids(article)

    response = post(editor_client, article, claims=ids[:2], assignee="")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose whom to assign the selected claims to." in html
    assert 'role="alert"' in html
    assert ticked(html) == set(ids[:2])
    assert set(assignees(article).values()) == {None}


def test_claims_of_another_article_are_refused_and_nothing_changes(editor_client, reviewer):
    article, other = article_with_claims(3), article_with_claims(3, title="Other")

    response = post(
        editor_client,
        article,
        claims=[*claim_ids(article)[:1], claim_ids(other)[0]],
        assignee=reviewer.pk,
    )

    assert response.status_code == 400
    assert "no longer in this article" in response.content.decode()
    assert set(assignees(article).values()) == {None}
    assert set(assignees(other).values()) == {None}


def test_a_malformed_all_shown_list_is_refused(editor_client, reviewer):
    article = article_with_claims(3)

    response = post(editor_client, article, all_shown="1,two,3", assignee=reviewer.pk)

    assert response.status_code == 400
    assert "reload the page" in response.content.decode()
    assert set(assignees(article).values()) == {None}


def test_assigning_to_someone_outside_the_desk_is_refused(editor_client, outsider):
    article = article_with_claims(3)

    response = post(editor_client, article, claims=claim_ids(article), assignee=outsider.pk)

    assert response.status_code == 400
    assert set(assignees(article).values()) == {None}
    assert not Notification.objects.exists()


# --- Who may ------------------------------------------------------------------------------


def test_only_editors_see_the_bulk_controls(editor_client, reviewer_client, reviewer, editor):
    article = article_with_claims(3)

    editor_page = editor_client.get(page_url(article)).content.decode()
    reviewer_page = reviewer_client.get(page_url(article)).content.decode()

    assert 'id="bulk-assign"' in editor_page and 'class="pick"' in editor_page
    assert 'id="bulk-assign"' not in reviewer_page and 'class="pick"' not in reviewer_page
    # The select offers the desk (reviewers and editors) and unassigning.
    select = re.search(r'<select name="bulk-assignee".*?</select>', editor_page, flags=re.S)
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(0))
    assert options == [
        ("", "Choose a reviewer"),
        ("none", "Nobody (unassign)"),
        (str(editor.pk), "erin"),
        (str(reviewer.pk), "rita"),
    ]


def test_reviewer_forged_post_is_refused_and_changes_nothing(reviewer_client, reviewer):
    article = article_with_claims(3)

    for htmx in (True, False):
        response = post(
            reviewer_client, article, claims=claim_ids(article), assignee=reviewer.pk, htmx=htmx
        )
        assert response.status_code == 403

    assert set(assignees(article).values()) == {None}
    assert not Notification.objects.exists()


def test_outsider_gets_not_found_and_anonymous_the_login_page(outsider_client, client, reviewer):
    article = article_with_claims(3)

    assert (
        post(outsider_client, article, claims=claim_ids(article), assignee=reviewer.pk).status_code
        == 404
    )
    anonymous = post(client, article, claims=claim_ids(article), assignee=reviewer.pk, htmx=False)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert set(assignees(article).values()) == {None}


def test_dashboard_links_editors_to_the_unassigned_claims(editor_client, reviewer_client):
    article = article_with_claims(2)
    link = f"{page_url(article)}?assignee=none"

    assert link in editor_client.get(reverse("reviews:dashboard")).content.decode()
    assert link not in reviewer_client.get(reverse("reviews:dashboard")).content.decode()


# --- Cost -----------------------------------------------------------------------------------


def test_bulk_post_query_count_does_not_grow_with_the_number_of_claims(editor_client, reviewer):
    def queries_for(count: int) -> int:
        article = article_with_claims(count, title=f"{count} claims")
        editor_client.get(page_url(article))  # warm the session alike for both
        with CaptureQueriesContext(connection) as queries:
            response = post(editor_client, article, claims=claim_ids(article), assignee=reviewer.pk)
        assert f"{count} claims assigned to rita." in response.content.decode()
        return len(queries)

    assert queries_for(3) == queries_for(30)
