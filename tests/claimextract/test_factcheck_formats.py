import datetime
import json

import pytest

from claimextract.factcheck_formats import (
    FactCheckRecord,
    FormatError,
    RecordError,
    detect_format,
    parse,
    parse_date,
)

VCLAIM = {
    "title": "Does Video Show a 10-Meter-Long Anaconda?",
    "subtitle": "The anaconda is one of the largest snakes in the world.",
    "author": "Dan Evon",
    "date": "6 March 2021",
    "vclaim_id": "vclaim-sno-10-meter-anaconda",
    "vclaim": "A viral video shows a 10-meter-long anaconda swimming across a river in Brazil.",
    "page_url": "https://www.snopes.com/fact-check/10-meter-anaconda/",
}


def review(url: str, claim: str = "The moon is made of cheese.", **extra) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim,
        "datePublished": "2021-03-06",
        **extra,
    }


def records(items):
    return [i for i in items if isinstance(i, FactCheckRecord)]


def errors(items):
    return [(e.line, e.message) for e in items if isinstance(e, RecordError)]


# --- JSON Lines ---------------------------------------------------------------------------


def test_a_verified_claim_line_becomes_a_record():
    [record] = parse(json.dumps(VCLAIM) + "\n", "jsonl")
    assert record == FactCheckRecord(
        identifier="vclaim-sno-10-meter-anaconda",
        claim=VCLAIM["vclaim"],
        line=1,
        title=VCLAIM["title"],
        subtitle=VCLAIM["subtitle"],
        author="Dan Evon",
        url=VCLAIM["page_url"],
        published=datetime.date(2021, 3, 6),
    )


def test_broken_json_lines_are_reported_by_line_and_the_rest_is_read():
    lines = [
        json.dumps(VCLAIM),
        "",
        '{"vclaim_id": "x", "vclaim": ',
        json.dumps({**VCLAIM, "vclaim_id": "no-claim", "vclaim": ""}),
        "[1, 2]",
        json.dumps({**VCLAIM, "vclaim_id": "second"}),
    ]
    items = list(parse("\n".join(lines), "jsonl"))
    assert [r.identifier for r in records(items)] == ["vclaim-sno-10-meter-anaconda", "second"]
    assert [r.line for r in records(items)] == [1, 6]
    found = errors(items)
    assert [line for line, _ in found] == [3, 4, 5]
    assert "not valid JSON" in found[0][1]
    assert found[1][1] == "no claim text"
    assert found[2][1] == "not a JSON object"


def test_a_record_without_identifier_or_url_is_refused():
    item = {"vclaim": "Something happened."}
    assert errors(parse(json.dumps(item), "jsonl")) == [
        (1, "no identifier and no url: the record cannot be matched")
    ]


def test_a_record_with_only_a_url_is_known_by_it():
    [record] = parse(json.dumps({"claim": "X.", "url": "https://a.example/x"}), "jsonl")
    assert record.identifier == "https://a.example/x"


def test_an_unreadable_date_leaves_the_record_without_a_date_and_says_so():
    [record] = parse(json.dumps({**VCLAIM, "date": "Not surprisingly, when Toby"}), "jsonl")
    assert record.published is None
    assert "unreadable date" in record.warnings[0]


def test_a_claimreview_object_on_a_line_is_read_as_one():
    line = json.dumps(review("https://checks.example/1", reviewRating={"alternateName": "False"}))
    [record] = parse(line, "jsonl")
    assert (record.identifier, record.rating) == ("https://checks.example/1", "False")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-03-06", datetime.date(2021, 3, 6)),
        ("2021-03-06T10:00:00+02:00", datetime.date(2021, 3, 6)),
        ("6 March 2021", datetime.date(2021, 3, 6)),
        ("21February 2009", datetime.date(2009, 2, 21)),
        ("March 6, 2021", datetime.date(2021, 3, 6)),
        ("Mar 6, 2021", datetime.date(2021, 3, 6)),
        ("", None),
        (None, None),
    ],
)
def test_dates_in_the_shapes_fact_checkers_publish(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "2021-02-30", "31/31/2021"])
def test_a_date_that_is_not_one_is_an_error(text):
    with pytest.raises(ValueError, match="unreadable date"):
        parse_date(text)


# --- ClaimReview JSON-LD ------------------------------------------------------------------

FULL_REVIEW = review(
    "https://checks.example/moon",
    headline="No, the moon is not cheese",
    description="Astronomers agree.",
    author={"@type": "Organization", "name": "Example Checks", "url": "https://checks.example"},
    reviewRating={
        "@type": "Rating",
        "alternateName": "False",
        "ratingValue": "1",
        "bestRating": 5,
        "worstRating": 1,
    },
    itemReviewed={
        "@type": "Claim",
        "author": {"@type": "Person", "name": "A. Blogger"},
        "appearance": [{"@type": "CreativeWork", "url": "https://social.example/post/1"}],
    },
)


def test_one_claimreview_object_gives_every_field_a_desk_needs():
    [record] = parse(json.dumps(FULL_REVIEW, indent=2), "claimreview")
    assert record == FactCheckRecord(
        identifier="https://checks.example/moon",
        claim="The moon is made of cheese.",
        line=1,
        title="No, the moon is not cheese",
        subtitle="Astronomers agree.",
        publisher="Example Checks",
        rating="False",
        rating_value=1.0,
        rating_best=5.0,
        rating_worst=1.0,
        claimant="A. Blogger",
        url="https://checks.example/moon",
        appearance_url="https://social.example/post/1",
        published=datetime.date(2021, 3, 6),
    )


def test_a_person_author_and_a_publisher_are_told_apart():
    obj = review(
        "https://checks.example/2",
        author={"@type": "Person", "name": "Jo Reporter"},
        publisher={"@type": "Organization", "name": "Example Checks"},
        itemReviewed={"firstAppearance": {"url": "https://social.example/first"}},
    )
    [record] = parse(json.dumps(obj), "claimreview")
    assert (record.publisher, record.author) == ("Example Checks", "Jo Reporter")
    assert record.appearance_url == "https://social.example/first"


def test_a_list_of_reviews_reports_each_bad_one_at_its_line():
    text = json.dumps(
        [
            review("https://checks.example/1"),
            {"@type": "NewsArticle", "url": "https://news.example/1"},
            review("https://checks.example/3", claim=""),
            review("https://checks.example/4", datePublished="someday"),
        ],
        indent=1,
    )
    items = list(parse(text, "claimreview"))
    lines = text.splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if line == " {"]
    assert [r.identifier for r in records(items)] == [
        "https://checks.example/1",
        "https://checks.example/4",
    ]
    assert [r.line for r in records(items)] == [starts[0], starts[3]]
    assert records(items)[1].published is None
    assert errors(items) == [
        (starts[1], "not a ClaimReview (NewsArticle)"),
        (starts[2], "no claim text"),
    ]


def test_a_datafeed_of_items_is_read_element_by_element():
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dateModified": "2024-01-01",
        "dataFeedElement": [
            {"@type": "DataFeedItem", "item": [review("https://checks.example/a")]},
            {"@type": "DataFeedItem", "item": review("https://checks.example/b")},
            review("https://checks.example/c"),
        ],
    }
    items = list(parse(json.dumps(feed, indent=2), "claimreview"))
    assert [r.identifier for r in records(items)] == [
        "https://checks.example/a",
        "https://checks.example/b",
        "https://checks.example/c",
    ]
    assert errors(items) == []


def test_a_graph_of_reviews_is_read():
    doc = {"@context": "https://schema.org", "@graph": [review("https://checks.example/g")]}
    assert [r.identifier for r in records(parse(json.dumps(doc), "claimreview"))] == [
        "https://checks.example/g"
    ]


def test_a_syntax_error_keeps_the_reviews_before_it_and_names_its_line():
    good = json.dumps(review("https://checks.example/1"))
    text = '{"@type": "DataFeed", "dataFeedElement": [\n' + good + ",\n" + '{"url": oops}\n]}'
    items = list(parse(text, "claimreview"))
    assert [r.identifier for r in records(items)] == ["https://checks.example/1"]
    [(line, message)] = errors(items)
    assert line == 3
    assert "not valid JSON" in message


def test_more_after_a_json_document_is_an_error_that_points_to_json_lines():
    text = json.dumps(review("https://checks.example/1")) + "\n" + json.dumps(review("x"))
    items = list(parse(text, "claimreview"))
    assert len(records(items)) == 1
    [(line, message)] = errors(items)
    assert line == 2
    assert ".jsonl" in message


def test_an_empty_document_has_no_records():
    assert list(parse("  \n", "claimreview")) == []
    assert list(parse("[]", "claimreview")) == []


# --- CSV ----------------------------------------------------------------------------------


def test_csv_columns_are_found_by_their_usual_names():
    text = (
        "ID,Claim Reviewed,Headline,Verdict,Review URL,Date Published,Speaker\n"
        "c1,The moon is cheese.,Moon,False,https://checks.example/1,2021-03-06,A. Blogger\n"
    )
    [record] = parse(text, "csv")
    assert record == FactCheckRecord(
        identifier="c1",
        claim="The moon is cheese.",
        line=2,
        title="Moon",
        rating="False",
        claimant="A. Blogger",
        url="https://checks.example/1",
        published=datetime.date(2021, 3, 6),
    )


def test_a_quoted_field_over_several_lines_keeps_the_next_record_on_its_own_line():
    text = (
        "id,claim,rating,rating_value\n"
        'a,"A claim\nover two lines",False,1\n'
        "b,,False,1\n"
        "c,Third claim,True,1,extra\n"
        "d,Fourth claim,True,high\n"
    )
    items = list(parse(text, "csv"))
    assert [(r.identifier, r.line) for r in records(items)] == [("a", 2), ("d", 6)]
    assert records(items)[0].claim == "A claim over two lines"
    assert records(items)[1].rating_value is None
    assert "ratingValue must be a number" in records(items)[1].warnings[0]
    assert errors(items) == [
        (4, "no claim text"),
        (5, "5 fields where the header names 4"),
    ]


def test_a_csv_without_a_claim_column_is_refused_at_its_header():
    assert errors(parse("id,title\nx,y\n", "csv")) == [
        (
            1,
            "the header has no claim column (one of: claim, claim_reviewed, claimreviewed, "
            "vclaim, text)",
        )
    ]


def test_tab_separated_values_are_read_like_csv():
    [record] = parse("id\tclaim\nt1\tA claim, with a comma\n", "tsv")
    assert (record.identifier, record.claim) == ("t1", "A claim, with a comma")


# --- by file ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("feed.jsonl", "", "jsonl"),
        ("feed.ndjson", "", "jsonl"),
        ("feed.csv", "", "csv"),
        ("feed.tsv", "", "tsv"),
        ("feed.jsonld", "", "claimreview"),
        ("feed.json", '[{"@type": "ClaimReview"}]', "claimreview"),
        ("feed.json", '{\n  "@type": "DataFeed"\n}', "claimreview"),
        ("feed.json", '{"a": 1}\n{"a": 2}\n', "jsonl"),
        ("feed.json", '{"@type": "DataFeed", "dataFeedElement": []}', "claimreview"),
        ("feed.json", '{"vclaim_id": "v1", "vclaim": "A claim."}', "jsonl"),
        ("feed.json", '{\n  "@type": "ClaimReview",\n  "url": oops\n}', "claimreview"),
        ("export", "id,claim\n", "csv"),
        ("export", "id\tclaim\n", "tsv"),
    ],
)
def test_the_format_comes_from_the_extension_else_the_content(name, text, expected):
    assert detect_format(name, text) == expected


def test_an_unknown_format_is_refused():
    with pytest.raises(FormatError, match="unknown format"):
        parse("", "xml")
