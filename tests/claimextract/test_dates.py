"""Date mentions and their resolution against the article's published date."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimextract.dates import find_dates
from tests.claimextract.reference import ARTICLE, read_shared

MONDAY = datetime.date(2022, 1, 10)  # the reference article's publication day


def found(text: str, published: datetime.date | None = MONDAY, lang: str = "en") -> list[tuple]:
    return [(d.text, d.value) for d in find_dates(text, published=published, lang=lang)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("President Tokayev said on Monday.", [("on Monday", "2022-01-10")]),
        ("On Sunday, crowds gathered.", [("On Sunday", "2022-01-09")]),
        ("It rained on Tuesday.", [("on Tuesday", "2022-01-04")]),
        ("It happened last Monday.", [("last Monday", "2022-01-03")]),
        ("They meet next Friday.", [("next Friday", "2022-01-14")]),
        ("Monday morning was calm.", [("Monday morning", "2022-01-10")]),
        ("yesterday and today", [("yesterday", "2022-01-09"), ("today", "2022-01-10")]),
        ("They leave tomorrow.", [("tomorrow", "2022-01-11")]),
        ("Today, the army left.", [("Today", "2022-01-10")]),
        ("“Yesterday we won,” he said.", [("Yesterday", "2022-01-09")]),
        ("He spoke last night.", [("last night", "2022-01-09")]),
        ("It rained this morning.", [("this morning", "2022-01-10")]),
        ("three days ago", [("three days ago", "2022-01-07")]),
        ("2 months ago", [("2 months ago", "2021-11")]),
        ("a year ago", [("a year ago", "2021")]),
        ("last year", [("last year", "2021")]),
        ("this year", [("this year", "2022")]),
        ("last month", [("last month", "2021-12")]),
        ("last week", [("last week", None)]),
        ("two weeks ago", [("two weeks ago", None)]),
    ],
)
def test_relative_dates_resolve_against_the_published_date(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("unrest since January 2 after protests", [("since January 2", "2022-01-02")]),
        ("As of January 10, the situation", [("As of January 10", "2022-01-10")]),
        ("On December 31 the price doubled", [("On December 31", "2021-12-31")]),
        ("in February", [("in February", "2021-02")]),
        ("in January", [("in January", "2022-01")]),
        ("Jan. 10", [("Jan. 10", "2022-01-10")]),
        ("the 5th of January", [("the 5th of January", "2022-01-05")]),
    ],
)
def test_a_day_or_month_without_a_year_is_the_latest_one_not_after_publication(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("January 10, 2022", [("January 10, 2022", "2022-01-10")]),
        ("10 January 2022", [("10 January 2022", "2022-01-10")]),
        ("on Monday, January 3, 2022", [("on Monday, January 3, 2022", "2022-01-03")]),
        ("2022-01-10", [("2022-01-10", "2022-01-10")]),
        ("10.01.2022", [("10.01.2022", "2022-01-10")]),
        ("25/12/2021", [("25/12/2021", "2021-12-25")]),
        ("12/25/2021", [("12/25/2021", "2021-12-25")]),
        ("3/4/2022", [("3/4/2022", None)]),
        ("in 2021", [("in 2021", "2021")]),
        ("since 2014", [("since 2014", "2014")]),
        ("in January 2022", [("in January 2022", "2022-01")]),
        ("SEPTEMBER 2020", [("SEPTEMBER 2020", "2020-09")]),
    ],
)
def test_absolute_dates_keep_the_precision_the_text_gives(sentence, expected):
    assert found(sentence) == expected
    assert found(sentence, published=None) == expected


def test_without_a_published_date_relative_mentions_have_no_value():
    assert found("on Monday, since January 2, yesterday, last year", published=None) == [
        ("on Monday", None),
        ("since January 2", None),
        ("yesterday", None),
        ("last year", None),
    ]


def test_a_published_datetime_counts_as_its_day():
    published = datetime.datetime(2022, 1, 10, 23, 59)
    assert found("on Monday", published=published) == [("on Monday", "2022-01-10")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kazakhstan’s 30 years of independence",
        "a five-day blackout",
        "They may march on.",
        "2,030 troops",
        "the 2021 census",
        "February 30, 2022",
        "Mondays are quiet",
        "Janet said so",
        "USA Today reported it.",
        "the Car of Tomorrow",
    ],
)
def test_durations_modal_verbs_counts_names_and_impossible_days_are_not_dates(sentence):
    assert found(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("в понедельник", [("в понедельник", "2022-01-10")]),
        ("во вторник", [("во вторник", "2022-01-04")]),
        ("в прошлую пятницу", [("в прошлую пятницу", "2022-01-07")]),
        ("10 января 2022 года", [("10 января 2022 года", "2022-01-10")]),
        ("со 2 января", [("со 2 января", "2022-01-02")]),
        ("в январе 2022 года", [("в январе 2022 года", "2022-01")]),
        ("в 2021 году", [("в 2021 году", "2021")]),
        ("вчера", [("вчера", "2022-01-09")]),
        ("в прошлом году", [("в прошлом году", "2021")]),
        ("3 дня назад", [("3 дня назад", "2022-01-07")]),
        ("на прошлой неделе", [("на прошлой неделе", None)]),
        ("окружающая среда", []),
        ("30 лет независимости", []),
    ],
)
def test_russian_dates(sentence, expected):
    assert found(sentence, lang="ru") == expected


def test_the_reference_article_dates_resolve_against_its_monday():
    text = read_shared(ARTICLE)
    mentions = find_dates(text, published=MONDAY)
    assert [(d.text, d.value) for d in mentions] == [
        ("on Monday", "2022-01-10"),
        ("since January 2", "2022-01-02"),
        ("As of January 10", "2022-01-10"),
        ("On Monday", "2022-01-10"),
    ]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


NEWSY_PIECES = [
    *"0123456789 ,.-/:\n",
    *["on ", "since ", "January ", "Monday", "ago", " days ", "last ", "week", "2022"],
    *["в ", "января", "понедельник", "году"],
]
NEWSY = st.lists(st.sampled_from(NEWSY_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=120), NEWSY),
    published=st.none() | st.dates(),
    lang=st.sampled_from(["en", "ru"]),
)
def test_dates_never_crash_and_their_offsets_slice_to_their_text(text, published, lang):
    for mention in find_dates(text, published=published, lang=lang):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.value is None or len(mention.value) in {4, 7, 10}
