"""Articles through the API: listing, ingesting, reading; bad input refused whole."""

from __future__ import annotations

import json

import pytest

from reviews.models import Article, Claim
from tests.api.conftest import error_of
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Officials said 2,030 troops arrived on Monday. "
    "The ministry reported that 7,939 people were detained. "
    "Prices rose by 12 percent last year."
)
VALID = {"title": "Troops arrive", "body": BODY, "published": "2022-01-10"}


def post_json(client, url: str, payload, **extra):
    return client.post(url, data=json.dumps(payload), content_type="application/json", **extra)


def test_reviewer_ingests_an_article_and_gets_its_id_and_claim_count(reviewer_api, reviewer):
    response = post_json(
        reviewer_api,
        "/api/articles/",
        {**VALID, "url": "https://example.org/a", "outlet": "Example", "language": "en"},
    )
    assert response.status_code == 201, response.content
    data = response.json()
    article = Article.objects.get(pk=data["id"])
    assert article.body == BODY
    assert article.ingested_by == reviewer
    assert str(article.published) == "2022-01-10"
    assert data["claim_count"] == Claim.objects.filter(article=article).count() > 0
    assert data["outlet"] == "Example"


def test_editor_ingests_an_article(editor_api):
    response = post_json(editor_api, "/api/articles/", VALID)
    assert response.status_code == 201
    assert Article.objects.count() == 1


def test_article_body_is_stored_exactly_as_sent(editor_api):
    body = "  Headline\r\n\r\nThe ministry said 7,939 people were detained.\n"
    response = post_json(editor_api, "/api/articles/", {**VALID, "body": body})
    assert response.status_code == 201
    assert Article.objects.get().body == body


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": BODY, "published": "2022-01-10"}, "title"),
        ({"title": "T", "published": "2022-01-10"}, "body"),
        ({"title": "T", "body": BODY}, "published"),
        ({**VALID, "published": "10/01/2022"}, "published"),
        ({**VALID, "published": 20220110}, "published"),
        ({**VALID, "title": ["a list"]}, "title"),
        ({**VALID, "body": {"text": BODY}}, "body"),
        ({**VALID, "url": "not a url"}, "url"),
        ({**VALID, "url": "javascript:alert(1)"}, "url"),
        ({**VALID, "language": "xx"}, "language"),
        ({**VALID, "title": "x" * 501}, "title"),
        ({**VALID, "body": ""}, "body"),
        ({**VALID, "body": "nul \x00 byte"}, "body"),
    ],
)
def test_bad_article_input_is_refused_and_nothing_is_stored(editor_api, payload, field):
    error = error_of(post_json(editor_api, "/api/articles/", payload), 400, "invalid")
    assert field in error["fields"]
    assert Article.objects.count() == 0
    assert Claim.objects.count() == 0


def test_whitespace_only_body_is_refused_by_the_ingest_rule(editor_api):
    error = error_of(post_json(editor_api, "/api/articles/", {**VALID, "body": " \n\t "}), 400)
    assert error["fields"] == {"body": "empty"}
    assert Article.objects.count() == 0


def test_malformed_json_is_refused(editor_api):
    response = editor_api.post(
        "/api/articles/", data='{"title": "T", "body": ', content_type="application/json"
    )
    error = error_of(response, 400, "invalid")
    assert "JSON" in error["message"]
    assert Article.objects.count() == 0


@pytest.mark.parametrize("payload", [[], "text", 42, None])
def test_json_that_is_not_an_object_is_refused(editor_api, payload):
    error_of(post_json(editor_api, "/api/articles/", payload), 400, "invalid")
    assert Article.objects.count() == 0


def test_empty_request_body_is_refused_with_every_missing_field(editor_api):
    response = editor_api.post("/api/articles/", data=b"", content_type="application/json")
    error = error_of(response, 400, "invalid")
    assert {"title", "body", "published"} <= set(error["fields"])


def test_deeply_nested_json_is_bad_input_not_a_crash(editor_api):
    response = editor_api.post(
        "/api/articles/", data="[" * 100_000 + "]" * 100_000, content_type="application/json"
    )
    error_of(response, 400, "invalid")


def test_non_json_content_type_is_refused(editor_api):
    response = editor_api.post("/api/articles/", data="title=T", content_type="text/plain")
    error_of(response, 415, "unsupported_media_type")


def test_body_over_the_article_limit_is_refused_with_a_clear_message(editor_api, settings):
    settings.FACTCHECK = {**settings.FACTCHECK, "MAX_ARTICLE_BYTES": 10_000}
    error = error_of(post_json(editor_api, "/api/articles/", {**VALID, "body": "a" * 10_001}), 400)
    assert error["fields"] == {"body": "too large"}
    assert "too large" in error["message"]
    assert Article.objects.count() == 0


def test_huge_request_body_is_refused_before_it_is_read(editor_api, settings):
    settings.FACTCHECK = {**settings.FACTCHECK, "MAX_ARTICLE_BYTES": 10_000}
    response = post_json(editor_api, "/api/articles/", {**VALID, "body": "a" * 50_000})
    error_of(response, 413, "too_large")
    assert Article.objects.count() == 0


def test_articles_list_pages_with_a_cursor_newest_first(reviewer_api):
    articles = [ArticleFactory() for _ in range(5)]
    seen = []
    url = "/api/articles/?page_size=2"
    while url:
        page = reviewer_api.get(url).json()
        assert set(page) == {"next", "previous", "results"}
        assert "body" not in page["results"][0]
        seen += [a["id"] for a in page["results"]]
        url = page["next"]
    assert seen == [a.pk for a in reversed(articles)]


def test_article_detail_has_body_and_counts(reviewer_api, article):
    ClaimFactory(article=article)
    data = reviewer_api.get(f"/api/articles/{article.pk}/").json()
    assert data["body"] == article.body
    assert data["claim_count"] == 1
    assert data["approved_count"] == 0


def test_unknown_article_is_a_404_in_the_error_shape(reviewer_api):
    error_of(reviewer_api.get("/api/articles/999999/"), 404, "not_found")
    error_of(reviewer_api.get("/api/articles/not-a-number/"), 404, "not_found")
    error_of(reviewer_api.get("/api/articles/99999999999999999999999/"), 404, "not_found")


def test_tampered_cursor_is_a_404_not_a_crash(reviewer_api):
    import base64

    ArticleFactory()
    for raw in ("p=not-a-date", "p=%00", "o=5&p=2022-01-01"):
        cursor = base64.b64encode(raw.encode()).decode()
        error_of(reviewer_api.get("/api/articles/", {"cursor": cursor}), 404, "not_found")


def test_outsider_cannot_list_ingest_or_see_articles(outsider_api, article):
    error_of(outsider_api.get("/api/articles/"), 403, "forbidden")
    error_of(post_json(outsider_api, "/api/articles/", VALID), 403, "forbidden")
    # Not even whether it exists: the same 404 as for a missing article.
    assert outsider_api.get(f"/api/articles/{article.pk}/").json() == (
        outsider_api.get("/api/articles/999999/").json()
    )
    error_of(outsider_api.get(f"/api/articles/{article.pk}/"), 404, "not_found")
    assert Article.objects.count() == 1


def test_anonymous_gets_401_everywhere_on_the_desk(anon_api, article):
    error_of(anon_api.get("/api/articles/"), 401, "not_authenticated")
    error_of(post_json(anon_api, "/api/articles/", VALID), 401, "not_authenticated")
    error_of(anon_api.get(f"/api/articles/{article.pk}/"), 401, "not_authenticated")


def test_unknown_api_path_answers_in_the_error_shape(reviewer_api):
    error_of(reviewer_api.get("/api/no-such-thing/"), 404, "not_found")


def test_wrong_method_is_405_in_the_error_shape(reviewer_api, article):
    error_of(reviewer_api.delete(f"/api/articles/{article.pk}/"), 405, "method_not_allowed")


def test_reviewer_ingests_a_new_version_and_the_work_carries_over(reviewer_api, reviewer, article):
    claim = ClaimFactory(article=article, wording="Troops arrived.")
    body = article.body.replace("12 percent", "13 percent")
    response = post_json(reviewer_api, f"/api/articles/{article.pk}/new-version/", {"body": body})
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["previous_version"] == article.pk
    new = Article.objects.get(pk=data["id"])
    assert (new.body, new.title, new.ingested_by) == (body, article.title, reviewer)
    carried = Claim.objects.get(article=new, start=claim.start)
    assert carried.wording == "Troops arrived."


def test_a_new_version_must_change_the_text_and_replaces_only_the_current_one(
    reviewer_api, article
):
    url = f"/api/articles/{article.pk}/new-version/"
    error = error_of(post_json(reviewer_api, url, {"body": article.body}), 400)
    assert error["fields"] == {"body": "unchanged"}
    assert post_json(reviewer_api, url, {"body": article.body + " More."}).status_code == 201
    error_of(post_json(reviewer_api, url, {"body": article.body + " Other."}), 409, "conflict")
    assert Article.objects.count() == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [({}, "body"), ({"body": 5}, "body"), ({"body": "New.", "published": "soon"}, "published")],
)
def test_bad_new_versions_are_refused(reviewer_api, article, payload, field):
    response = post_json(reviewer_api, f"/api/articles/{article.pk}/new-version/", payload)
    assert field in error_of(response, 400)["fields"]
    assert Article.objects.count() == 1


def test_outsider_cannot_ingest_a_new_version(outsider_api, article):
    response = post_json(outsider_api, f"/api/articles/{article.pk}/new-version/", {"body": "X."})
    error_of(response, 404, "not_found")
    assert Article.objects.count() == 1
