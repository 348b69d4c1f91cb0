"""An uploaded .html page brings its own title, outlet, author and date."""

from __future__ import annotations

import datetime

import pytest

from reviews.services.articles import article_ingest_upload

pytestmark = pytest.mark.django_db

PAGE = b"""<!DOCTYPE html><html lang="en"><head>
<title>Troops arrive in Almaty | Example News | 11.01.2022</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2022-01-11T10:42:00Z">
</head><body><article><h1>Troops arrive in Almaty</h1>
<p>Officials said 2,030 troops arrived on Monday, the ministry confirmed in a statement.</p>
<p>The ministry reported that 7,939 people were detained during the unrest last week.</p>
</article></body></html>"""


def test_html_upload_takes_title_outlet_author_and_date_from_the_page():
    article = article_ingest_upload(name="page.html", data=PAGE)
    article.refresh_from_db()
    assert article.title == "Troops arrive in Almaty"
    assert article.outlet == "Example News"
    assert article.author == "Jane Reporter"
    assert article.published == datetime.date(2022, 1, 11)


def test_values_typed_in_the_form_win_over_the_page():
    article = article_ingest_upload(
        name="page.html",
        data=PAGE,
        title="Almaty troops",
        outlet="Desk copy",
        author="",
        published=datetime.date(2022, 1, 12),
    )
    article.refresh_from_db()
    assert article.title == "Almaty troops"
    assert article.outlet == "Desk copy"
    assert article.author == "Jane Reporter"
    assert article.published == datetime.date(2022, 1, 12)
