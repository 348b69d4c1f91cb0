"""Date mentions, with relative ones resolved against the article's published date.

`find_dates` returns every date-like phrase of a text with its ISO value: `YYYY-MM-DD`,
`YYYY-MM` or `YYYY`, whichever precision the text gives. A leading temporal preposition
("on Monday", "since January 2", "As of January 10", "in 2021", "со 2 января") belongs to
the mention, as in the `dates` of `extract_claims --format json` (README, "Using it").

Resolution conventions, chosen for news copy:

- A bare weekday ("on Monday", "Monday") is the most recent such day on or before the
  published date, the published day included: a story of Monday 2022-01-10 saying "on
  Monday" means that day. "last Monday" is strictly before, "next Monday" strictly after.
- A day and month without a year ("since January 2") take the published year, or the
  previous year when that would fall after the published date. A bare month ("in
  January") works the same way at month precision.
- "yesterday", "today", "tomorrow", "last night", "N days ago" are days; "last month",
  "N months ago" are months; "last year", "N years ago" are years. Capitalised inside a
  sentence, "Today" and its kin are names ("USA Today"), not dates.
- "last week", "this week", "next week" and "N weeks ago" have value None: a week is not
  representable in the three ISO precisions, and naming its Monday would claim a
  precision the text does not have.
- Without a published date every relative mention has value None, and so does a day and
  month without a year.
- Numeric dates are day-first when written with dots (10.01.2022), and with slashes only
  when unambiguous (12/25/2022 or 25/12/2022); "3/4/2022" has value None.

Durations ("30 years of independence", "a five-day blackout") are not dates.

Speed: scanning a text with many patterns that each start with an optional preposition
is slow in `re`, so each rule is tried only where a cheap trigger fires (a run of digits,
a month or weekday name, a relative word), and its preposition is read backwards from
there.
"""

from __future__ import annotations

import datetime
import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final, Literal

from claimextract.types import DateMention

# --- vocabulary ------------------------------------------------------------------------

_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_EN_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_RU_MONTH_STEMS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_RU_WEEKDAY_STEMS = {
    "понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5,
    "воскресень": 6,
}  # fmt: skip


def _capitalised(words: Iterable[str]) -> str:
    """Month and weekday names are proper nouns: matching them capitalised keeps the
    modal "may" and the verb "march" out."""
    forms = []
    for word in sorted(words, key=len, reverse=True):
        forms += [word.capitalize(), word.upper()]
    return "|".join(forms)


def _any_case(words: Iterable[str]) -> str:
    forms = []
    for word in sorted(words, key=len, reverse=True):
        forms += [word, word.capitalize(), word.upper()]
    return "|".join(forms)


_MONTH = rf"(?P<month>(?:{_capitalised(_EN_MONTHS)})(?!\w)\.?)"
_FULL_MONTH = rf"(?P<month>(?:{_capitalised(list(_EN_MONTHS)[:12])})(?!\w))"
_WEEKDAY = rf"(?P<weekday>{_capitalised(_EN_WEEKDAYS)})(?!\w)"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)(?![\d,.]\d|\w)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\w:])"
_RU_YEAR_WORD = r"(?:\s*(?:года|году|год|г\.|г(?!\w)))"
_RU_MONTH_GEN = (
    r"(?P<month>января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября"
    r"|декабря)"
)
_RU_MONTH_ANY = (
    r"(?P<month>январ[еья]|феврал[еья]|марта?|марте|апрел[еья]|ма[йея]|июн[еья]|июл[еья]"
    r"|августа?|августе|сентябр[еья]|октябр[еья]|ноябр[еья]|декабр[еья])"
)


def _before(alternatives: str, *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A pattern for the words just before a trigger: searched in a short window that
    ends at the trigger, so `\\Z` is the trigger's position."""
    return re.compile(rf"(?<!\w)(?:{alternatives})\Z", flags)


# --- resolution helpers ----------------------------------------------------------------

Parts = dict[str, str]
Skip = Literal[False]
Resolver = Callable[[Parts, datetime.date | None], str | None | Skip]
_SKIP: Final[Skip] = False  # a resolver returns this when the match turns out not to be a date


def _iso_day(year: int, month: int, day: int) -> str | Skip:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return _SKIP


def _year(year: int) -> str:
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise OverflowError(year)
    return f"{year:04d}"


def _year_and_month(year: int, month: int) -> str:
    return f"{_year(year)}-{month:02d}"


def _shift_month(day: datetime.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _day_without_year(month: int, day: int, published: datetime.date | None) -> str | None | Skip:
    if not 1 <= day <= 31:
        return _SKIP
    if published is None:
        return None
    # The most recent year in which the day exists and is not after publication
    # (February 29 needs a leap year).
    for year in range(published.year, published.year - 8, -1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate.isoformat()
    return _SKIP


def _month_without_year(month: int, modifier: str, published: datetime.date | None) -> str | None:
    if published is None:
        return None
    year = published.year
    if modifier == "next":
        year += month <= published.month
    elif modifier == "last":
        year -= month >= published.month
    elif month > published.month:
        year -= 1
    return _year_and_month(year, month)


def _weekday(weekday: int, modifier: str, published: datetime.date | None) -> str | None:
    if published is None:
        return None
    back = (published.weekday() - weekday) % 7
    if modifier == "last":
        back = back or 7
    elif modifier == "next":
        back = -((weekday - published.weekday()) % 7 or 7)
    return (published - datetime.timedelta(days=back)).isoformat()


def _modifier(parts: Parts) -> str:
    word = (parts.get("mod") or "").lower()
    if word in {"last", "past"} or "прошл" in word:
        return "last"
    if word in {"next", "coming"} or "следующ" in word:
        return "next"
    return ""


def _ago(amount: int, unit: str, published: datetime.date | None) -> str | None:
    if published is None:
        return None
    unit = unit.lower()
    if unit.startswith(("day", "дн", "ден")):
        return (published - datetime.timedelta(days=amount)).isoformat()
    if unit.startswith(("month", "месяц")):
        return _year_and_month(*_shift_month(published, -amount))
    if unit.startswith(("year", "год", "лет")):
        return _year(published.year - amount)
    return None  # weeks: see the module docstring


# --- resolvers -------------------------------------------------------------------------


def _en_month(parts: Parts) -> int:
    return _EN_MONTHS[parts["month"].rstrip(".").lower()]


def _ru_month(parts: Parts) -> int:
    word = parts["month"].lower()
    if word in {"май", "мая", "мае"}:
        return 5
    return next(n for stem, n in _RU_MONTH_STEMS.items() if stem != "ма" and word.startswith(stem))


def _month_day(month: int, parts: Parts, published: datetime.date | None) -> str | None | Skip:
    if parts.get("year"):
        return _iso_day(int(parts["year"]), month, int(parts["day"]))
    return _day_without_year(month, int(parts["day"]), published)


def _resolve_en_month_day(parts: Parts, published: datetime.date | None) -> str | None | Skip:
    return _month_day(_en_month(parts), parts, published)


def _resolve_ru_month_day(parts: Parts, published: datetime.date | None) -> str | None | Skip:
    return _month_day(_ru_month(parts), parts, published)


def _resolve_en_month_year(parts: Parts, published: datetime.date | None) -> str:
    return _year_and_month(int(parts["year"]), _en_month(parts))


def _resolve_ru_month_year(parts: Parts, published: datetime.date | None) -> str:
    return _year_and_month(int(parts["year"]), _ru_month(parts))


def _resolve_en_bare_month(parts: Parts, published: datetime.date | None) -> str | None:
    return _month_without_year(_en_month(parts), _modifier(parts), published)


def _resolve_ru_bare_month(parts: Parts, published: datetime.date | None) -> str | None:
    return _month_without_year(_ru_month(parts), "", published)


def _resolve_year(parts: Parts, published: datetime.date | None) -> str:
    return parts["year"]


def _resolve_en_weekday(parts: Parts, published: datetime.date | None) -> str | None:
    return _weekday(_EN_WEEKDAYS[parts["weekday"].lower()], _modifier(parts), published)


def _resolve_ru_weekday(parts: Parts, published: datetime.date | None) -> str | None:
    word = parts["weekday"].lower()
    weekday = next(n for stem, n in _RU_WEEKDAY_STEMS.items() if word.startswith(stem))
    return _weekday(weekday, _modifier(parts), published)


def _resolve_day_word(parts: Parts, published: datetime.date | None) -> str | None:
    if published is None:
        return None
    offsets = {
        "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "позавчера": -2,
        "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2,
    }  # fmt: skip
    return (published + datetime.timedelta(days=offsets[parts["word"].lower()])).isoformat()


def _resolve_period(parts: Parts, published: datetime.date | None) -> str | None:
    """A period named relative to publication: "last month", "this year", "в прошлом году"."""
    if published is None:
        return None
    period = parts["period"].lower()
    step = {"last": -1, "next": 1, "": 0}[_modifier(parts)]
    if period.startswith(("week", "недел")):
        return None
    if period.startswith(("month", "месяц")):
        return _year_and_month(*_shift_month(published, step))
    if period.startswith(("year", "год")):
        return _year(published.year + step)
    # "this morning" is the published day; "last night" the night before it.
    return (published + datetime.timedelta(days=min(step, 0))).isoformat()


def _resolve_ago(parts: Parts, published: datetime.date | None) -> str | None:
    amount = parts["amount"].lower()
    number = int(amount) if amount.isdigit() else _SMALL_NUMBERS[amount]
    return _ago(number, parts["unit"], published)


def _resolve_iso(parts: Parts, published: datetime.date | None) -> str | Skip:
    return _iso_day(int(parts["year"]), int(parts["month"]), int(parts["day"]))


def _resolve_slashed(parts: Parts, published: datetime.date | None) -> str | None | Skip:
    first, second, year = int(parts["first"]), int(parts["second"]), int(parts["year"])
    if first > 12 and second <= 12:
        return _iso_day(year, second, first)
    if second > 12 and first <= 12:
        return _iso_day(year, first, second)
    if first == second and first <= 12:
        return _iso_day(year, first, second)
    if first <= 12 and second <= 12:
        return None  # 3/4/2022: March 4 or 3 April
    return _SKIP


# --- rules -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]  # matched at the trigger
    resolve: Resolver
    before: re.Pattern[str] | None = None  # the words before the trigger, searched backwards
    before_required: bool = False
    sentence_start_only: bool = False


@dataclass(frozen=True, slots=True)
class _Trigger:
    pattern: re.Pattern[str]
    rules: tuple[_Rule, ...]
    left: str = ""  # characters that may not precede the trigger, besides letters and digits


_EN_PREP = _before(
    r"(?P<mod>on|since|as\s+of|in|by|until|till|from|before|after|through|during)\s+"
)
_EN_PREP_THE = _before(
    r"(?:(?P<mod>on|since|as\s+of|in|by|until|till|from|before|after|through|during)\s+)?"
    r"the\s+|(?P<mod2>on|since|as\s+of|in|by|until|till|from|before|after|through|during)\s+"
)
_NUMERIC_RULES = (
    _Rule(re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])"), _resolve_iso),
    _Rule(
        re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?![\w.]\d|\w)"),
        _resolve_iso,
    ),
    _Rule(
        re.compile(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})(?![\w/])"),
        _resolve_slashed,
    ),
)

_EN_TRIGGERS = (
    _Trigger(
        re.compile(r"\d+"),
        (
            *_NUMERIC_RULES,
            _Rule(
                re.compile(rf"{_DAY}\s+(?:(?i:of)\s+)?{_MONTH}(?:,?\s+{_YEAR})?"),
                _resolve_en_month_day,
                _EN_PREP_THE,
            ),
            _Rule(
                re.compile(rf"{_YEAR}(?!\s*(?i:%|percent|per\s+cent))"),
                _resolve_year,
                _before(
                    r"(?P<mod>in|since|by|until|till|from|during|through|throughout|before|"
                    r"after|early|late|end\s+of)\s+|mid-"
                ),
                before_required=True,
            ),
        ),
        left=".,/:_",
    ),
    _Trigger(
        re.compile(_capitalised([*_EN_MONTHS, *_EN_WEEKDAYS])),
        (
            _Rule(
                re.compile(rf"{_WEEKDAY},?\s+{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"),
                _resolve_en_month_day,
                _EN_PREP,
            ),
            _Rule(
                re.compile(rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"), _resolve_en_month_day, _EN_PREP
            ),
            _Rule(re.compile(rf"{_MONTH},?\s+{_YEAR}"), _resolve_en_month_year, _EN_PREP),
            _Rule(
                re.compile(rf"{_FULL_MONTH}(?!\s*\d)"),
                _resolve_en_bare_month,
                _before(
                    r"(?P<mod>in|since|by|until|till|from|during|through|early|late|last|this|"
                    r"next)\s+|mid-"
                ),
                before_required=True,
            ),
            _Rule(
                re.compile(rf"{_WEEKDAY}(?:\s+(?i:morning|afternoon|evening|night))?"),
                _resolve_en_weekday,
                _before(
                    r"(?P<mod>on|last|this|next|past|coming|since|by|until|from|before|after)\s+"
                ),
            ),
        ),
    ),
    _Trigger(
        re.compile(
            f"{_any_case(['yesterday', 'today', 'tonight', 'tomorrow'])}|week|month|year"
            "|morning|afternoon|evening|night|ago"
        ),
        (
            _Rule(
                re.compile(r"(?P<word>yesterday|today|tonight|tomorrow)(?!\w)"), _resolve_day_word
            ),
            _Rule(
                # Capitalised inside a sentence, these are names: "USA Today", "Car of Tomorrow".
                re.compile(r"(?P<word>(?i:yesterday|today|tonight|tomorrow))(?!\w)"),
                _resolve_day_word,
                sentence_start_only=True,
            ),
            _Rule(
                re.compile(r"(?P<period>week|month|year)(?!\w)"),
                _resolve_period,
                _before(r"(?P<mod>last|this|next)\s+"),
                before_required=True,
            ),
            _Rule(
                re.compile(r"(?P<period>morning|afternoon|evening|night)(?!\w)"),
                _resolve_period,
                _before(r"(?P<mod>this|last)\s+"),
                before_required=True,
            ),
            _Rule(
                re.compile(r"ago(?!\w)"),
                _resolve_ago,
                _before(
                    rf"(?<![\w.,])(?P<amount>\d{{1,3}}|{'|'.join(_SMALL_NUMBERS)})\s+"
                    r"(?P<unit>days?|weeks?|months?|years?)\s+"
                ),
                before_required=True,
            ),
        ),
    ),
)

_RU_I = re.IGNORECASE
_RU_TRIGGERS = (
    _Trigger(
        re.compile(r"\d+"),
        (
            *_NUMERIC_RULES,
            _Rule(
                re.compile(
                    rf"(?P<day>[0-3]?\d)\s+{_RU_MONTH_GEN}"
                    rf"(?:\s+(?P<year>\d{{4}})(?!\d){_RU_YEAR_WORD}?)?(?!\w)",
                    _RU_I,
                ),
                _resolve_ru_month_day,
                _before(r"(?:с|со|до|к|ко|по|от|после|на|начиная\s+с|вплоть\s+до)\s+"),
            ),
            _Rule(
                re.compile(rf"(?P<year>\d{{4}}){_RU_YEAR_WORD}(?!\w)", _RU_I),
                _resolve_year,
                _before(r"(?:в|во|с|со|до|к|по|от|после|за|на)\s+"),
            ),
            _Rule(
                re.compile(
                    r"(?P<amount>\d{1,3})\s+(?P<unit>дн(?:я|ей)|день|недел[иь]\w*|месяц\w*"
                    r"|года?|лет)\s+назад(?!\w)",
                    _RU_I,
                ),
                _resolve_ago,
            ),
        ),
        left=".,/:_",
    ),
    _Trigger(
        re.compile(
            _any_case(
                [stem for stem in _RU_MONTH_STEMS if stem != "ма"]
                + ["мая", "мае", "май", *_RU_WEEKDAY_STEMS, "позавчера", "послезавтра"]
                + ["вчера", "сегодня", "завтра", "году", "месяце", "неделе"]
            )
        ),
        (
            _Rule(
                re.compile(
                    rf"{_RU_MONTH_ANY}\s+(?P<year>\d{{4}})(?!\d){_RU_YEAR_WORD}?(?!\w)", _RU_I
                ),
                _resolve_ru_month_year,
                _before(r"(?:в|во|с|со|до|к|по|от|после)\s+"),
            ),
            _Rule(
                re.compile(rf"{_RU_MONTH_ANY}(?!\w)(?!\s*\d)", _RU_I),
                _resolve_ru_bare_month,
                _before(r"(?:в|во|с|со|до|к|по|от|после|начале|конце|середине)\s+"),
                before_required=True,
            ),
            _Rule(
                # "среда" is also "environment": the weekday needs its preposition.
                re.compile(
                    r"(?P<weekday>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
                    r"(?!\w)",
                    _RU_I,
                ),
                _resolve_ru_weekday,
                _before(r"(?:в|во)\s+(?:(?P<mod>(?:прошл|следующ|эт)\w*)\s+)?"),
                before_required=True,
            ),
            _Rule(
                re.compile(
                    r"(?P<weekday>понедельник|вторник|четверг|пятница|суббота|воскресенье)(?!\w)",
                    _RU_I,
                ),
                _resolve_ru_weekday,
            ),
            _Rule(
                re.compile(r"(?P<word>позавчера|вчера|сегодня|послезавтра|завтра)(?!\w)", _RU_I),
                _resolve_day_word,
            ),
            _Rule(
                re.compile(r"(?P<period>году|месяце|неделе)(?!\w)", _RU_I),
                _resolve_period,
                _before(
                    r"в\s+(?P<mod>прошлом|этом|текущем|следующем)\s+"
                    r"|на\s+(?P<mod2>прошлой|этой|следующей)\s+"
                ),
                before_required=True,
            ),
        ),
    ),
)

_LOOKBACK = 24  # characters searched for the words before a trigger


def _starts_sentence(text: str, position: int) -> bool:
    while position and text[position - 1] in " \t\u00a0\"“«(‘'":
        position -= 1
    return position == 0 or text[position - 1] in ".!?:;\n—–-"


def _parts(match: re.Match[str], before: re.Match[str] | None) -> Parts:
    parts = {key: value for key, value in match.groupdict().items() if value}
    if before:
        parts.update((key, value) for key, value in before.groupdict().items() if value)
        if "mod2" in parts:
            parts["mod"] = parts["mod2"]
    return parts


# The pipeline asks for a sentence's dates twice (for themselves, and so that quantities
# skip their numbers); the scan is the same both times.
@functools.lru_cache(maxsize=64)
def _candidates(text: str, lang: str) -> tuple[tuple[int, int, Resolver, Parts], ...]:
    triggers = _RU_TRIGGERS if lang.lower().startswith("ru") else _EN_TRIGGERS
    found = []
    for trigger in triggers:
        for hit in trigger.pattern.finditer(text):
            position = hit.start()
            if position and (text[position - 1].isalnum() or text[position - 1] in trigger.left):
                continue
            for rule in trigger.rules:
                match = rule.pattern.match(text, position)
                if not match or (rule.sentence_start_only and not _starts_sentence(text, position)):
                    continue
                before = None
                if rule.before:
                    before = rule.before.search(text, max(0, position - _LOOKBACK), position)
                    if before and before.start() == position:
                        before = None
                if rule.before_required and not before:
                    continue
                start = before.start() if before else position
                found.append((start, match.end(), rule.resolve, _parts(match, before)))
                break
    # The longest mention at a position wins ("on Monday, January 10" over "on Monday"),
    # and mentions overlapping an earlier one are dropped.
    found.sort(key=lambda item: (item[0], -item[1]))
    chosen = []
    last_end = 0
    for candidate in found:
        if candidate[0] >= last_end:
            chosen.append(candidate)
            last_end = candidate[1]
    return tuple(chosen)


def _as_date(published: datetime.date | None) -> datetime.date | None:
    if isinstance(published, datetime.datetime):
        return published.date()
    return published


def find_dates(
    text: str, *, published: datetime.date | None = None, lang: str = "en"
) -> list[DateMention]:
    """Every date mention of `text`, in order, with offsets into `text`."""
    published = _as_date(published)
    mentions = []
    for start, end, resolve, parts in _candidates(text, lang):
        try:
            value = resolve(parts, published)
        except (OverflowError, ValueError):  # resolved before year 1 or after year 9999
            value = None
        if value is not _SKIP:
            mentions.append(DateMention(text[start:end], value, start, end))
    return mentions


class DateSpans:
    """The character spans of a text's dates, for callers that must not read a date's
    numbers as something else (quantities)."""

    def __init__(self, text: str, *, lang: str = "en") -> None:
        spans = [(mention.start, mention.end) for mention in find_dates(text, lang=lang)]
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_right(self._starts, end - 1) - 1
        return index >= 0 and self._ends[index] > start
