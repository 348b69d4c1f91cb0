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
