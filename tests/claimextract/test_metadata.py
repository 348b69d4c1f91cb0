import datetime

import pytest

from claimextract import document_metadata, page_metadata
from claimextract.metadata import clean_author, clean_title

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Troops arrive in Almaty | Example News | 11.01.2022</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="By Jane Reporter">
<meta property="article:published_time" content="2022-01-11T10:42:00Z">
<link rel="canonical" href="https://news.example.org/world/troops-almaty">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Troops arrive in Almaty</h1>
<p>Officials said 2,030 troops arrived on Monday, the ministry confirmed in a statement.</p>
<p>The ministry reported that 7,939 people were detained during the unrest last week.</p>
</article></body></html>"""


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        (
            "Coronavirus: what we know | DW | 19.01.2020",
            ("DW", "dw.com"),
            "Coronavirus: what we know",
        ),
        ("Troops arrive - BBC News", ("BBC News", "bbc.co.uk"), "Troops arrive"),
        (
            "Podolski ends his international career — football.ua",
            (),
            "Podolski ends his international career",
        ),
        ("The Guardian | Budget passes", ("The Guardian",), "Budget passes"),
        ("Budget passes – January 19, 2020", (), "Budget passes"),
        ("Brexit - what next", ("BBC News", "bbc.co.uk"), "Brexit - what next"),
        ("Who won the 2020 - 2021 season?", (), "Who won the 2020 - 2021 season?"),
    ],
)
def test_title_drops_the_site_name_domain_and_date_around_the_headline(title, sites, expected):
    assert clean_title(title, site_names=sites) == expected


def test_author_drops_the_by_label_and_keeps_every_name():
    assert clean_author("By Jane Reporter; John Smith") == "Jane Reporter; John Smith"


def test_page_metadata_reads_title_outlet_author_and_date_from_the_page():
    meta = page_metadata(PAGE)
    assert meta.title == "Troops arrive in Almaty"
    assert meta.outlet == "Example News"
    assert meta.author == "Jane Reporter"
    assert meta.published == datetime.date(2022, 1, 11)
    assert meta.language == "en"
    assert meta.url == "https://news.example.org/world/troops-almaty"


def test_page_without_a_site_name_takes_its_host_as_outlet():
    html = PAGE.replace('<meta property="og:site_name" content="Example News">', "")
    meta = page_metadata(html, url="https://www.news.example.org/world/troops-almaty")
    assert meta.outlet == "news.example.org"


def test_a_date_printed_in_the_page_language_is_found_without_meta_tags():
    html = """<html lang="ru"><head><title>Подольски завершил карьеру в сборной</title></head>
    <body><article><p class="date">15 августа 2016, 13:43</p>
    <h1>Подольски завершил карьеру в сборной</h1>
    <p>Ветеран сборной Германии Лукаш Подольски принял решение прекратить выступления.</p>
    </article></body></html>"""
    assert page_metadata(html).published == datetime.date(2016, 8, 15)


def test_document_metadata_reads_html_uploads_only():
    meta = document_metadata("page.html", PAGE.encode())
    assert meta is not None and meta.title == "Troops arrive in Almaty"
    assert document_metadata("notes.txt", b"Troops arrive") is None
