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
        ("next year", [("next year", "2023")]),
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
        ("It snowed in February", [("in February", "2021-02")]),
        ("in January", [("in January", "2022-01")]),
        ("Jan. 10", [("Jan. 10", "2022-01-10")]),
        ("the 5th of January", [("the 5th of January", "2022-01-05")]),
    ],
)
def test_a_past_or_present_day_or_month_without_a_year_is_not_after_publication(sentence, expected):
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
        ("на прошлой неделе", [("на прошлой неделе", "2022-01-03")]),
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
        if mention.end_value is not None:
            assert mention.value is not None
            assert len(mention.end_value) == len(mention.value)
            assert mention.value < mention.end_value


APRIL_10 = datetime.date(2020, 4, 10)  # a Friday


def spans(text: str, published: datetime.date | None = MONDAY, lang: str = "en") -> list[tuple]:
    return [
        (d.text, d.value, d.end_value) for d in find_dates(text, published=published, lang=lang)
    ]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # Forward: a deadline, a future tense, a forward preposition.
        ("The lockdown was extended until 30 April.", APRIL_10, "2020-04-30"),
        ("Restrictions stay in place until 30 April.", APRIL_10, "2020-04-30"),
        ("Shops will reopen on 4 May.", APRIL_10, "2020-05-04"),
        ("Schools are due to reopen on 1 June.", APRIL_10, "2020-06-01"),
        ("He said the shops would reopen on 2 April.", datetime.date(2020, 3, 20), "2020-04-02"),
        ("Bids must arrive by 15 February.", datetime.date(2020, 11, 20), "2021-02-15"),
        ("The vote will be held on 12 June, Theresa May said.", MONDAY, "2022-06-12"),
        ("Elections will be held in March.", datetime.date(2021, 11, 2), "2022-03"),
        # Back: a past tense, "since".
        ("The first case was confirmed on 31 December.", APRIL_10, "2019-12-31"),
        ("Parliament approved the budget on 2 November.", datetime.date(2021, 1, 5), "2020-11-02"),
        ("Prices have risen since 1 March.", datetime.date(2021, 2, 1), "2020-03-01"),
        ("Elections were held in March.", datetime.date(2021, 11, 2), "2021-03"),
        ("The curfew ended on 4 May.", APRIL_10, "2019-05-04"),
        # A forward preposition in a past clause, and no cue at all: the nearest.
        ("Borders had been shut until 3 January.", datetime.date(2021, 12, 28), "2022-01-03"),
        (
            "Restrictions remained in force until 2 November.",
            datetime.date(2021, 1, 5),
            "2020-11-02",
        ),
        ("Lockdown until 30 April", APRIL_10, "2020-04-30"),
        ("in February", MONDAY, "2022-02"),
        ("Elections in July", MONDAY, "2021-07"),
    ],
)
def test_a_date_without_a_year_looks_forward_or_back_as_its_sentence_does(
    sentence, published, expected
):
    assert [value for _, value, _ in spans(sentence, published)] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The talks resumed on Tuesday.", "2022-01-04"),
        ("The talks will resume on Tuesday.", "2022-01-11"),
        ("Tokayev says on Friday that troops will leave.", "2022-01-07"),
        ("The summit will open on Friday.", "2022-01-14"),
        ("Troops stay until Thursday.", "2022-01-13"),
        ("Schools close from next Monday.", "2022-01-17"),
        ("Rallies are banned since Thursday.", "2022-01-06"),
        ("“We will win,” he said on Sunday.", "2022-01-09"),
    ],
)
def test_a_weekday_looks_back_unless_its_clause_is_future(sentence, expected):
    assert [value for _, value, _ in spans(sentence)] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Protests grew this week.", [("this week", "2022-01-10", "2022-01-16")]),
        ("It happened last week.", [("last week", "2022-01-03", "2022-01-09")]),
        ("Talks resume next week.", [("next week", "2022-01-17", "2022-01-23")]),
        ("two weeks ago", [("two weeks ago", "2021-12-27", "2022-01-02")]),
        ("Rallies are planned this weekend.", [("this weekend", "2022-01-15", "2022-01-16")]),
        ("Rallies took place this weekend.", [("this weekend", "2022-01-08", "2022-01-09")]),
        ("Shops were looted over the weekend.", [("over the weekend", "2022-01-08", "2022-01-09")]),
        ("Prices rose earlier this month.", [("earlier this month", "2022-01-01", "2022-01-10")]),
        ("A vote is expected later this year.", [("later this year", "2022-01-10", "2022-12-31")]),
        ("Earlier this week he resigned.", [("Earlier this week", "2022-01-10", None)]),
        ("Voting runs between 1 and 5 March.",
         [("between 1 and 5 March", "2022-03-01", "2022-03-05")]),
        ("The festival ran 1-5 March.", [("1-5 March", "2021-03-01", "2021-03-05")]),
        ("It ran from 28 December to 3 January.",
         [("from 28 December to 3 January", "2021-12-28", "2022-01-03")]),
        ("March 1–5, 2021", [("March 1–5, 2021", "2021-03-01", "2021-03-05")]),
        ("Growth slowed from 2019 to 2021.", [("from 2019 to 2021", "2019", "2021")]),
        ("between 2015 and 2018", [("between 2015 and 2018", "2015", "2018")]),
        ("the 2019-2021 budget", [("2019-2021", "2019", "2021")]),
        ("January–March 2021", [("January–March 2021", "2021-01", "2021-03")]),
    ],
)  # fmt: skip
def test_periods_and_ranges_have_a_first_and_a_last_value(sentence, expected):
    assert spans(sentence) == expected


def test_a_range_is_serialised_with_its_end_and_a_single_date_without_one():
    single, period = find_dates("On Monday, and last week", published=MONDAY)
    assert single.as_json() == {"text": "On Monday", "value": "2022-01-10"}
    assert period.as_json() == {"text": "last week", "value": "2022-01-03", "end": "2022-01-09"}


@pytest.mark.parametrize(
    "sentence",
    [
        "between 1 and 5 percent",
        "between 1900 and 2000 troops",
        "from 2,019 to 2,021 votes",
        "a 1-5 scale",
        "Room 30 of the April building",
        "Theresa May said so.",
        "They may reopen soon.",
        "Brian May played on.",
        "They won 2-1 March rivals.",
    ],
)
def test_numbers_and_names_near_dates_are_not_dates(sentence):
    assert found(sentence) == []


def test_two_days_joined_by_and_without_between_stay_two_dates():
    assert spans("on 1 and 5 March") == [("5 March", "2022-03-05", None)]


def test_without_a_published_date_a_range_without_a_year_has_no_value():
    assert spans("between 1 and 5 March, last week", published=None) == [
        ("between 1 and 5 March", None, None),
        ("last week", None, None),
    ]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Карантин продлён до 30 апреля.", APRIL_10, [("до 30 апреля", "2020-04-30", None)]),
        ("Первый случай был подтверждён 31 декабря.", APRIL_10,
         [("31 декабря", "2019-12-31", None)]),
        ("Выборы будут 2 января.", datetime.date(2021, 12, 20), [("2 января", "2022-01-02", None)]),
        ("Выборы прошли 2 января.", datetime.date(2021, 12, 20),
         [("2 января", "2021-01-02", None)]),
        ("Заседание состоится в пятницу.", MONDAY, [("в пятницу", "2022-01-14", None)]),
        ("Заседание прошло в пятницу.", MONDAY, [("в пятницу", "2022-01-07", None)]),
        ("Вчера и сегодня, а завтра", MONDAY,
         [("Вчера", "2022-01-09", None), ("сегодня", "2022-01-10", None),
          ("завтра", "2022-01-11", None)]),
        ("Войска останутся до пятницы.", MONDAY, [("до пятницы", "2022-01-14", None)]),
        ("Ответ будет к понедельнику.", datetime.date(2022, 1, 12),
         [("к понедельнику", "2022-01-17", None)]),
        ("В среду заявили о задержаниях.", MONDAY, [("В среду", "2022-01-05", None)]),
        ("в следующем году", MONDAY, [("в следующем году", "2023", None)]),
        ("на этой неделе", MONDAY, [("на этой неделе", "2022-01-10", "2022-01-16")]),
        ("Митинги прошли в эти выходные.", MONDAY,
         [("в эти выходные", "2022-01-08", "2022-01-09")]),
        ("Цены выросли ранее в этом месяце.", MONDAY,
         [("ранее в этом месяце", "2022-01-01", "2022-01-10")]),
        ("с 1 по 5 марта", MONDAY, [("с 1 по 5 марта", "2022-03-01", "2022-03-05")]),
        ("1–5 марта", MONDAY, [("1–5 марта", "2022-03-01", "2022-03-05")]),
        ("с 2019 по 2021 год", MONDAY, [("с 2019 по 2021 год", "2019", "2021")]),
        ("в 2019-2021 годах", MONDAY, [("в 2019-2021 годах", "2019", "2021")]),
        ("с января по март 2021 года", MONDAY,
         [("с января по март 2021 года", "2021-01", "2021-03")]),
        ("окружающая среда и охрана среды", MONDAY, []),
        ("с 1 по 5 место", MONDAY, []),
    ],
)  # fmt: skip
def test_russian_dates_follow_the_tense_and_name_ranges(sentence, published, expected):
    assert spans(sentence, published, lang="ru") == expected
