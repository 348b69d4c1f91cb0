"""A desk member's notifications through the API: their own only, unread first, and marking
them read."""

from __future__ import annotations

import pytest

from reviews.models import Notification
from reviews.services.notifications import notify
from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db


def notices(user, count: int, claim=None) -> list[Notification]:
    return [
        notify(recipient=user, kind="assigned", message=f"Notice {i}", claim=claim)
        for i in range(count)
    ]


def unread(user) -> set[int]:
    return set(
        Notification.objects.filter(recipient=user, read_at__isnull=True).values_list(
            "pk", flat=True
        )
    )


def test_notifications_list_unread_first_then_read_newest_first(
    reviewer_api, reviewer, reviewer2, claim
):
    old, read, new = notices(reviewer, 3, claim=claim)
    notices(reviewer2, 2)  # not reviewer's
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    page = reviewer_api.get("/api/notifications/").json()
    assert [n["id"] for n in page["results"]] == [new.pk, old.pk, read.pk]
    assert [n["unread"] for n in page["results"]] == [True, True, False]
    first = page["results"][0]
    assert (first["message"], first["kind"], first["claim"], first["article"]) == (
        "Notice 2",
        "assigned",
        claim.pk,
        claim.article_id,
    )


def test_notifications_filtered_by_unread(reviewer_api, reviewer):
    first, second = notices(reviewer, 2)
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)
    only_unread = reviewer_api.get("/api/notifications/?unread=true").json()["results"]
    assert [n["id"] for n in only_unread] == [second.pk]
    only_read = reviewer_api.get("/api/notifications/?unread=false").json()["results"]
    assert [n["id"] for n in only_read] == [first.pk]
    error_of(reviewer_api.get("/api/notifications/?unread=perhaps"), 400, "invalid")


def test_cursor_pages_neither_skip_nor_repeat_across_unread_and_read(reviewer_api, reviewer):
    made = notices(reviewer, 7)
    read = made[:3]
    Notification.objects.filter(pk__in=[n.pk for n in read]).update(read_at=made[0].created_at)
    seen, url = [], "/api/notifications/?page_size=2"
    while url:
        page = reviewer_api.get(url).json()
        seen += [n["id"] for n in page["results"]]
        url = page["next"]
    unread_newest_first = [n.pk for n in reversed(made[3:])]
    read_newest_first = [n.pk for n in reversed(read)]
    assert seen == unread_newest_first + read_newest_first


@pytest.mark.parametrize("cursor", ["cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ==", "cD1ub3QtYS1udW1iZXI="])
def test_a_tampered_cursor_is_a_404_not_an_error(reviewer_api, reviewer, cursor):
    # p=99999999999999999999999 (beyond a 64-bit integer) and p=not-a-number
    notices(reviewer, 1)
    error_of(reviewer_api.get(f"/api/notifications/?cursor={cursor}"), 404, "not_found")


def test_marking_chosen_notifications_read(reviewer_api, reviewer):
    first, second, third = notices(reviewer, 3)
    response = reviewer_api.post("/api/notifications/read/", {"ids": [first.pk, third.pk]})
    assert response.status_code == 200, response.content
    assert response.json() == {"marked": 2}
    assert unread(reviewer) == {second.pk}
    # Marking them again changes nothing.
    again = reviewer_api.post("/api/notifications/read/", {"ids": [first.pk]})
    assert again.json() == {"marked": 0}


def test_marking_all_notifications_read(reviewer_api, reviewer, reviewer2):
    notices(reviewer, 3)
    others = notices(reviewer2, 2)
    response = reviewer_api.post("/api/notifications/read/", {})
    assert response.json() == {"marked": 3}
    assert unread(reviewer) == set()
    assert unread(reviewer2) == {n.pk for n in others}


def test_someone_elses_notifications_are_neither_listed_nor_marked(
    reviewer_api, reviewer2_api, reviewer2
):
    (theirs,) = notices(reviewer2, 1)
    assert reviewer_api.get("/api/notifications/").json()["results"] == []
    response = reviewer_api.post("/api/notifications/read/", {"ids": [theirs.pk]})
    assert response.json() == {"marked": 0}
    assert unread(reviewer2) == {theirs.pk}
    assert [n["id"] for n in reviewer2_api.get("/api/notifications/").json()["results"]] == [
        theirs.pk
    ]


@pytest.mark.parametrize(
    "payload",
    [{"ids": []}, {"ids": "all"}, {"ids": [0]}, {"ids": ["x"]}, {"ids": None}, {"ids": [2**64]}],
)
def test_bad_ids_are_refused_and_nothing_is_marked(reviewer_api, reviewer, payload):
    notices(reviewer, 2)
    error = error_of(reviewer_api.post("/api/notifications/read/", payload), 400, "invalid")
    assert any(name.startswith("ids") for name in error["fields"]), error
    assert len(unread(reviewer)) == 2


def test_outsiders_and_anonymous_people_have_no_notifications_here(
    outsider_api, anon_api, outsider
):
    notices(outsider, 1)
    error_of(outsider_api.get("/api/notifications/"), 403, "forbidden")
    error_of(outsider_api.post("/api/notifications/read/", {}), 403, "forbidden")
    error_of(anon_api.get("/api/notifications/"), 401, "not_authenticated")
    error_of(anon_api.post("/api/notifications/read/", {}), 401, "not_authenticated")
    assert len(unread(outsider)) == 1
