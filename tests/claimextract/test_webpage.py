import datetime

from claimextract.passages import passages
from claimextract.webpage import extract_document
from tests.fakes.wikipedia import article_html


def test_main_text_and_metadata_come_from_the_page():
    html = article_html(
        "Troops arrive in Almaty",
        [
            "Officials said 2,030 troops arrived on Monday.",
            "The ministry reported that 7,939 people were detained.",
        ],
        publisher="Example News",
        author="Jane Reporter",
        date="2022-01-11",
    )
    document = extract_document(
        html.encode(), content_type="text/html", url="https://news.example/troops"
    )
    assert document.title == "Troops arrive in Almaty"
    assert document.publisher == "Example News"
    assert document.author == "Jane Reporter"
    assert document.published == datetime.date(2022, 1, 11)
    assert "2,030 troops" in document.text
    assert "Home" not in document.text  # navigation is not main text
    assert len(document.content_hash) == 64


def test_plain_text_keeps_its_text_and_takes_the_first_line_as_title():
    document = extract_document(b"Report title\n\nBody text here.", content_type="text/plain")
    assert document.title == "Report title"
    assert "Body text here." in document.text


def test_passages_are_windows_of_whole_sentences_that_overlap():
    text = " ".join(f"Sentence number {i} has exactly seven words." for i in range(30))
    windows = passages(text, target_words=30)
    assert len(windows) > 3
    assert all(w.endswith(".") for w in windows)
    first_last = windows[0].split(". ")[-1]
    assert windows[1].startswith(first_last.rstrip("."))


PAGE_WITH_FURNITURE = """<!DOCTYPE html><html lang="en"><head>
<title>Council approves the budget | Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2023-03-02">
</head><body>
<header><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav></header>
<article>
<h1>Council approves the budget</h1>
<p>The council approved a budget of 4.2 million euros on Monday after a debate of six hours.</p>
<p>Read more: Mayor announces new tram line</p>
<p>The opposition said the plan cut 120 jobs in the city's parks department by next year.</p>
<table><tr><th>Item</th><th>Euros</th></tr><tr><td>Parks</td><td>1.1 million</td></tr></table>
<p>Share this article</p>
</article>
<section class="comments"><p>Great news for the city, finally something is done here!</p></section>
<footer><p>Copyright 2023 Example Times. All rights reserved.</p></footer>
</body></html>"""


def test_page_title_loses_the_site_suffix_and_tables_are_kept():
    document = extract_document(PAGE_WITH_FURNITURE.encode(), content_type="text/html")
    assert document.title == "Council approves the budget"
    assert document.publisher == "Example Times"
    assert document.published == datetime.date(2023, 3, 2)
    assert "4.2 million euros" in document.text
    assert "1.1 million" in document.text
    assert "Great news for the city" not in document.text  # readers' comments


def test_claims_of_a_page_leave_its_furniture_out():
    from claimextract import extract_claims, find_furniture

    document = extract_document(PAGE_WITH_FURNITURE.encode(), content_type="text/html")
    texts = [c.text for c in extract_claims(document.text, skip_furniture=True)]
    assert any("120 jobs" in t for t in texts)
    assert not any("Read more" in t or "Share this article" in t for t in texts)
    reasons = {f.text: f.reason for f in find_furniture(document.text)}
    assert reasons.get("Read more: Mayor announces new tram line") == "prompt"
