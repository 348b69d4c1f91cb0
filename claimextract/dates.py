"""Date mentions, with relative ones resolved against the article's published date.

`find_dates` returns every date-like phrase of a text with its ISO value: `YYYY-MM-DD`,
`YYYY-MM` or `YYYY`, whichever precision the text gives. A period ("between 1 and 5
March", "from 2019 to 2021", "last week", "earlier this month") also has an `end_value`:
`value` is its first day, month or year and `end_value` its last, at the same precision.
A leading temporal preposition ("on Monday", "since January 2", "As of January 10", "in
2021", "со 2 января") belongs to the mention, as in the `dates` of `extract_claims
--format json` (README, "Using it"). docs/DATES.md has the rules with examples.

Resolution conventions, chosen for news copy:

- A date without a year ("30 April", "in May", "on Monday") is placed by the sentence's
  direction. Looking forward ("until 30 April", "by 15 February", "will reopen on 4 May")
  it is the first such date on or after the published day; looking back ("was confirmed
  on 31 December", "since January 2", "said on Monday") the last one on or before it;
  otherwise the nearest one. The direction comes from the preposition ("until", "by",
  "до", "к" look forward, "since" looks back) and from the verb nearest to the mention
  in its clause ("will", "would", "is due to", "будет" against "was", "-ed", "said",
  "-л/-ла/-ли"). A forward preposition in a past-tense clause ("was extended until 30
  April") takes the nearest date. A weekday with no tense cue looks back, as headlines
  in the present tense report the past ("Tokayev says on Monday ..."); the published day
  counts in both directions. "last Monday" is strictly before, "next Monday" strictly
  after.
- "yesterday", "today", "tomorrow", "last night", "N days ago" are days; "last month",
  "N months ago" are months; "last year", "N years ago" are years. Capitalised inside a
  sentence, "Today" and its kin are names ("USA Today"), not dates.
- Weeks are ranges of days, Monday to Sunday: "last week", "this week", "next week", "N
  weeks ago", "на прошлой неделе". A weekend is its Saturday and Sunday: "this weekend"
  is the coming one, or the one just past in a past-tense clause written on a weekday.
  "earlier this week/month/year" runs from the period's first day to the published day,
  "later this ..." from the published day to the period's last.
- Without a published date every relative mention has value None, and so does a date
  without a year.
- Numeric dates are day-first when written with dots (10.01.2022), and with slashes only
  when unambiguous (12/25/2022 or 25/12/2022); "3/4/2022" has value None.

Durations ("30 years of independence", "a five-day blackout") are not dates.

Speed: scanning a text with many patterns that each start with an optional preposition
is slow in `re`, so each rule is tried only where a cheap trigger fires (a run of digits,
a month or weekday name, a relative word), and its preposition is read backwards from
there. The tense cues of a text are scanned once, and only when a mention needs them.
"""

from __future__ import annotations

import datetime
import functools
import re
from bisect import bisect_left, bisect_right
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


def _second(pattern: str) -> str:
    """The same pattern with its groups renamed for the far end of a range."""
    return re.sub(r"\(\?P<(\w+)>", r"(?P<\g<1>2>", pattern)


# A dot after an abbreviation belongs to it ("Jan. 10"), after a full name it ends the sentence.
_MONTH = (
    rf"(?P<month>(?:{_capitalised(list(_EN_MONTHS)[:12])})(?!\w)"
    rf"|(?:{_capitalised(list(_EN_MONTHS)[12:])})(?!\w)\.?)"
)
_FULL_MONTH = rf"(?P<month>(?:{_capitalised(list(_EN_MONTHS)[:12])})(?!\w))"
_WEEKDAY = rf"(?P<weekday>{_capitalised(_EN_WEEKDAYS)})(?!\w)"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)(?![\d,.]\d|\w)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\w:])"
_RU_YEAR_WORD = r"(?:\s*(?:года|году|годы|годах|годов|год|гг\.|г\.|г(?!\w)))"
_RU_MONTH_GEN = (
    r"(?P<month>января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября"
    r"|декабря)"
)
_RU_MONTH_ANY = (
    r"(?P<month>январ[еья]|феврал[еья]|марта?|марте|апрел[еья]|ма[йея]|июн[еья]|июл[еья]"
    r"|августа?|августе|сентябр[еья]|октябр[еья]|ноябр[еья]|декабр[еья])"
)
# Between the two ends of a range: a dash, or a word ("1 to 5 March").
_EN_TO = r"(?:\s*[-–—]\s*|\s+(?:to|until|till|through|thru)\s+)"
_EN_DASH = r"\s*[-–—]\s*"
_RU_TO = r"(?:\s*[-–—]\s*)"
# "between 1900 and 2000 troops" counts troops: a year range is not followed by a plural.
_NOT_COUNTED = (
    r"(?!\s*(?:%|percent|per\s+cent))"
    r"(?!\s+(?!(?:was|has|is|as|its|this|his|us|thus|across|whereas|plus)\b)[a-z]+s\b)"
)


def _before(alternatives: str, *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A pattern for the words just before a trigger: searched in a short window that
    ends at the trigger, so `\\Z` is the trigger's position."""
    return re.compile(rf"(?<!\w)(?:{alternatives})\Z", flags)


# --- direction: where a date without a year lies ---------------------------------------

Direction = Literal["back", "forward", "nearest"]

# A tense cue is a future word ("will", "is due to", "будет") or a past one ("was",
# "reported", "said", "заявил"). The text is read word by word: one regex over the words,
# then set look-ups, which is several times faster than one regex of every cue.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_EN_FUTURE = frozenset({"will", "shall", "won't", "won’t", "would", "upcoming"})
_EN_FUTURE_CASED = frozenset({"may", "might"})  # "May" is a month
_EN_FUTURE_BEFORE = {  # "going to", "expected to", "scheduled for", "due on"
    "going": {"to"}, "expected": {"to"}, "set": {"to"}, "scheduled": {"to", "for"},
    "planned": {"for"}, "plans": {"to"}, "plan": {"to"}, "due": {"to", "on", "in"},
}  # fmt: skip
_EN_PAST = frozenset({
    "was", "were", "had", "did", "been", "wasn't", "weren't", "didn't", "hadn't", "said",
    "told", "met", "came", "went", "took", "gave", "made", "saw", "began", "fell", "rose",
    "won", "lost", "left", "held", "led", "sent", "spent", "paid", "found", "became",
    "broke", "brought", "bought", "built", "caught", "chose", "drew", "drove", "fought",
    "flew", "got", "grew", "heard", "kept", "knew", "ran", "sat", "sold", "shot", "spoke",
    "stood", "struck", "thought", "threw", "wrote", "overtook", "withdrew",
})  # fmt: skip
# A participle after "is", "be", "remain" is not a past tense ("will be closed", "will
# be held"), and "due to" after none of them is "because of".
_EN_COPULAS = frozenset({
    "is", "are", "be", "am", "being", "remain", "remains", "stay", "stays", "it's",
    "it’s", "they're", "they’re", "was", "were",
})  # fmt: skip
_EN_NOT_PAST = frozenset({
    "need", "speed", "seed", "feed", "indeed", "proceed", "exceed", "succeed", "breed",
    "greed", "deed", "weed", "bleed", "embed", "shed", "bed", "red", "hundred", "sacred",
    "naked", "wicked", "beloved", "aged", "based", "armed", "united", "limited", "related",
    "detailed", "advanced", "interested", "concerned", "skilled", "alleged", "supposed",
    "unprecedented", "unexpected", "unlimited", "unidentified", "unarmed", "talented",
})  # fmt: skip
_RU_FUTURE = frozenset({
    "будет", "будут", "буду", "будем", "будете", "станет", "станут", "планирует",
    "планируют", "планируется", "планируются", "намерен", "намерена", "намерены",
    "собирается", "собираются", "ожидается", "ожидаются", "предстоит", "состоится",
    "состоятся", "пройдет", "пройдёт", "продлится", "продлятся", "начнется", "начнётся",
    "начнутся", "завершится", "завершатся", "вступит", "вступят", "откроется", "откроются",
    "закроется", "закроются", "возобновится", "возобновятся", "должен", "должна", "должно",
    "должны", "намечен", "намечена", "намечено", "намечены", "запланирован",
    "запланирована", "запланировано", "запланированы",
})  # fmt: skip
_RU_PAST_ENDINGS = ("л", "ла", "ло", "ли", "лся", "лась", "лось", "лись")
# Nouns and adverbs that end like a Russian past tense.
_RU_NOT_PAST = frozenset({
    "если", "около", "недели", "цели", "мысли", "сила", "дела", "тела", "числа", "число",
    "правила", "земли", "рубли", "модели", "роли", "доли", "боли", "воли", "автомобили",
    "корабли", "мало", "немало", "тепло", "село", "масло", "стекло", "зло", "школа",
    "шкала", "скала", "игла", "посла", "угла", "стола", "сала", "крыло", "весло", "светло",
})  # fmt: skip


def _en_cue(word: str, previous: str, following: str) -> bool | None:
    """True for a future cue, False for a past one, None for neither."""
    lower = word.lower()
    if lower in _EN_FUTURE or word in _EN_FUTURE_CASED or lower.endswith(("'ll", "’ll")):
        return True
    after = _EN_FUTURE_BEFORE.get(lower)
    if after and following in after and (lower != "due" or previous in _EN_COPULAS):
        return True
    if previous in _EN_COPULAS and lower != "been":
        return None
    if lower in _EN_PAST:
        return False
    if word.endswith("ed") and len(word) >= 4 and word.islower() and word not in _EN_NOT_PAST:
        return False
    return None


def _ru_cue(word: str) -> bool | None:
    lower = word.lower()
    if lower in _RU_FUTURE:
        return True
    if len(lower) >= 3 and lower.endswith(_RU_PAST_ENDINGS) and lower not in _RU_NOT_PAST:
        return False
    return None


_FORWARD_PREPOSITION = re.compile(
    r"(?:until|till|by|ahead\s+of|no\s+later\s+than|до|к|ко|вплоть\s+до|не\s+позднее)\s",
    re.IGNORECASE,
)
_BACK_PREPOSITION = re.compile(r"since\s", re.IGNORECASE)
# The end of a sentence, or a subordinate clause's start: the verb of "says on Friday that
# troops will leave" is "says", not "will".
_SENTENCE_END = re.compile(
    r"[!?\n]|\.\s|(?<!\w)(?:that|which|who|whom|whose|что|чтобы|котор\w+|где)(?!\w)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:()«»\"“”]|\s[-–—]\s")
_CUE_REACH = 160  # characters either side of a mention searched for its tense


@functools.lru_cache(maxsize=64)
def _cues(text: str, lang: str) -> tuple[tuple[int, ...], tuple[bool, ...]]:
    """The positions of a text's tense cues, and whether each is a future."""
    russian = lang.lower().startswith("ru")
    words = [(match.start(), match.group()) for match in _WORD.finditer(text)]
    positions, futures = [], []
    previous = ""
    for index, (position, word) in enumerate(words):
        if russian:
            cue = _ru_cue(word)
        else:
            following = words[index + 1][1].lower() if index + 1 < len(words) else ""
            cue = _en_cue(word, previous, following)
            previous = word.lower()
        if cue is not None:
            positions.append(position)
            futures.append(cue)
    return tuple(positions), tuple(futures)


@dataclass(frozen=True, slots=True)
class _Where:
    """A mention in its text: what decides the direction of a date without a year."""

    text: str
    lang: str
    start: int
    end: int

    def tense(self) -> Literal["past", "future"] | None:
        """The tense of the cue nearest to the mention: in its clause before it, then in
        its clause after it, then in its sentence (up to a subordinate clause) before,
        then after."""
        positions, futures = _cues(self.text, self.lang)
        if not positions:
            return None
        low, high = max(0, self.start - _CUE_REACH), self.end + _CUE_REACH
        sentence_start = low
        for match in _SENTENCE_END.finditer(self.text, low, self.start):
            sentence_start = match.end()
        ends = _SENTENCE_END.search(self.text, self.end, high)
        sentence_end = ends.start() if ends else min(high, len(self.text))
        clause_start = sentence_start
        for match in _CLAUSE_END.finditer(self.text, sentence_start, self.start):
            clause_start = match.end()
        ends = _CLAUSE_END.search(self.text, self.end, sentence_end)
        clause_end = ends.start() if ends else sentence_end
        first = bisect_left(positions, self.start)  # cues before the mention end here
        after = bisect_left(positions, self.end)
        for lowest, highest in ((clause_start, clause_end), (sentence_start, sentence_end)):
            if first and positions[first - 1] >= lowest:
                return "future" if futures[first - 1] else "past"
            if after < len(positions) and positions[after] < highest:
                return "future" if futures[after] else "past"
        return None

    def direction(self, default: Direction = "nearest") -> Direction:
        mention = self.text[self.start : self.end]
        tense = self.tense()
        if _FORWARD_PREPOSITION.match(mention):
            return "nearest" if tense == "past" else "forward"
        if _BACK_PREPOSITION.match(mention):
            return "back"
        if tense == "past":
            return "back"
        if tense == "future":
            return "forward"
        return default


# --- resolution helpers ----------------------------------------------------------------

Parts = dict[str, str]
Skip = Literal[False]
Value = str | tuple[str, str] | None | Skip  # a tuple is a range: its first and last
Resolver = Callable[[Parts, datetime.date | None, _Where], Value]
_SKIP: Final[Skip] = False  # a resolver returns this when the match turns out not to be a date
_DAY_DELTA = datetime.timedelta(days=1)


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


def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - _DAY_DELTA


Span = tuple[datetime.date, datetime.date]


def _place(
    span_in: Callable[[int], Span | None], published: datetime.date, direction: Direction
) -> Span | None:
    """The span of a date without a year, in the year that `direction` picks:
    `span_in(year)` is the span whose end falls in `year`, or None when the day does
    not exist that year (February 29). Looking back, the latest span that has begun
    by the published day; forward, the earliest that has not ended before it; nearest,
    the one closest to it (the earlier of two as close)."""
    for reach in (1, 8):  # February 29 may be eight years away
        spans = []
        for year in range(published.year - reach, published.year + reach + 1):
            try:
                span = span_in(year)
            except (ValueError, OverflowError):
                span = None
            if span:
                spans.append(span)
        chosen = _pick(spans, published, direction)
        if chosen:
            return chosen
    return None


def _pick(spans: list[Span], published: datetime.date, direction: Direction) -> Span | None:
    if direction == "back":
        return max((span for span in spans if span[0] <= published), default=None)
    if direction == "forward":
        return min((span for span in spans if span[1] >= published), default=None)

    def distance_to(span: Span) -> tuple[int, datetime.date]:
        if span[0] <= published <= span[1]:
            return 0, span[0]
        return min(abs((span[0] - published).days), abs((span[1] - published).days)), span[0]

    return min(spans, key=distance_to, default=None)


def _day_without_year(
    month: int, day: int, published: datetime.date | None, where: _Where
) -> str | None | Skip:
    if not 1 <= day <= 31:
        return _SKIP
    if published is None:
        return None

    def span_in(year: int) -> Span:
        date = datetime.date(year, month, day)
        return date, date

    span = _place(span_in, published, where.direction())
    return span[0].isoformat() if span else _SKIP


def _month_without_year(
    month: int, modifier: str, published: datetime.date | None, where: _Where
) -> str | None:
    if published is None:
        return None
    year = published.year
    if modifier == "next":
        year += month <= published.month
    elif modifier == "last":
        year -= month >= published.month
    else:
        span = _place(
            lambda y: (datetime.date(y, month, 1), _month_end(y, month)),
            published,
            where.direction(),
        )
        if span is None:
            return None
        year = span[0].year
    return _year_and_month(year, month)


def _weekday(
    weekday: int, modifier: str, published: datetime.date | None, where: _Where
) -> str | None:
    if published is None:
        return None
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if modifier == "last":
        offset = -(back or 7)
    elif modifier == "next":
        offset = ahead or 7
    else:
        direction = where.direction(default="back")
        if direction == "forward" or (direction == "nearest" and ahead < back):
            offset = ahead
        else:
            offset = -back
    return (published + datetime.timedelta(days=offset)).isoformat()


def _modifier(parts: Parts) -> str:
    word = (parts.get("mod") or "").lower()
    if word in {"last", "past"} or "прошл" in word or "минувш" in word:
        return "last"
    if word in {"next", "coming"} or "следующ" in word or "ближайш" in word:
        return "next"
    if "будущ" in word:
        return "next"
    return ""


def _days(first: datetime.date, last: datetime.date) -> tuple[str, str] | str:
    if first == last:
        return first.isoformat()
    return first.isoformat(), last.isoformat()


def _week(published: datetime.date, weeks: int) -> tuple[str, str] | str:
    monday = published - datetime.timedelta(days=published.weekday() - 7 * weeks)
    return _days(monday, monday + datetime.timedelta(days=6))


def _weekend(published: datetime.date, step: int, where: _Where) -> tuple[str, str] | str:
    """The Saturday and Sunday of a weekend: `step` -1 for "last weekend", 1 for "next
    weekend", 0 for "this weekend" or "the weekend", which is the one just past in a
    past-tense clause written on a weekday, and otherwise the coming (or current) one."""
    saturday = published + datetime.timedelta(days=5 - published.weekday())
    on_weekend = published.weekday() >= 5
    if step < 0 or (step == 0 and not on_weekend and where.tense() == "past"):
        saturday -= datetime.timedelta(days=7)
    elif step > 0 and on_weekend:
        saturday += datetime.timedelta(days=7)
    return _days(saturday, saturday + _DAY_DELTA)


def _ago(amount: int, unit: str, published: datetime.date | None) -> str | tuple[str, str] | None:
    if published is None:
        return None
    unit = unit.lower()
    if unit.startswith(("day", "дн", "ден")):
        return (published - datetime.timedelta(days=amount)).isoformat()
    if unit.startswith(("week", "недел")):
        return _week(published, -amount)
    if unit.startswith(("month", "месяц")):
        return _year_and_month(*_shift_month(published, -amount))
    if unit.startswith(("year", "год", "лет")):
        return _year(published.year - amount)
    return None


# --- resolvers -------------------------------------------------------------------------


def _en_month(parts: Parts, key: str = "month") -> int:
    return _EN_MONTHS[parts[key].rstrip(".").lower()]


def _ru_month(parts: Parts, key: str = "month") -> int:
    word = parts[key].lower()
    if word in {"май", "мая", "мае"}:
        return 5
    return next(n for stem, n in _RU_MONTH_STEMS.items() if stem != "ма" and word.startswith(stem))


def _month_day(
    month: int, parts: Parts, published: datetime.date | None, where: _Where
) -> str | None | Skip:
    if parts.get("year"):
        return _iso_day(int(parts["year"]), month, int(parts["day"]))
    return _day_without_year(month, int(parts["day"]), published, where)


def _resolve_en_month_day(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    return _month_day(_en_month(parts), parts, published, where)


def _resolve_ru_month_day(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    return _month_day(_ru_month(parts), parts, published, where)


def _resolve_en_month_year(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    return _year_and_month(int(parts["year"]), _en_month(parts))


def _resolve_ru_month_year(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    return _year_and_month(int(parts["year"]), _ru_month(parts))


def _resolve_en_bare_month(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    return _month_without_year(_en_month(parts), _modifier(parts), published, where)


def _resolve_ru_bare_month(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    return _month_without_year(_ru_month(parts), "", published, where)


def _resolve_year(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    return parts["year"]


def _resolve_en_weekday(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    return _weekday(_EN_WEEKDAYS[parts["weekday"].lower()], _modifier(parts), published, where)


def _resolve_ru_weekday(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    word = parts["weekday"].lower()
    weekday = next(n for stem, n in _RU_WEEKDAY_STEMS.items() if word.startswith(stem))
    return _weekday(weekday, _modifier(parts), published, where)


def _resolve_day_word(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    if published is None:
        return None
    offsets = {
        "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "позавчера": -2,
        "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2,
    }  # fmt: skip
    return (published + datetime.timedelta(days=offsets[parts["word"].lower()])).isoformat()


def _resolve_period(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    """A period named relative to publication: "last month", "this year", "в прошлом
    году", "earlier this week", "this weekend"."""
    if published is None:
        return None
    period = parts["period"].lower()
    step = {"last": -1, "next": 1, "": 0}[_modifier(parts)]
    part = (parts.get("part") or "").lower()
    if part:  # "earlier this month", "later this year", "ранее на этой неделе"
        if period.startswith(("week", "недел")):
            first = published - datetime.timedelta(days=published.weekday())
            last = first + datetime.timedelta(days=6)
        elif period.startswith(("month", "месяц")):
            first = published.replace(day=1)
            last = _month_end(published.year, published.month)
        else:
            first, last = published.replace(month=1, day=1), published.replace(month=12, day=31)
        if part.startswith(("earlier", "ранее", "раньше")):
            return _days(first, published)
        return _days(published, last)
    if period.startswith(("weekend", "выходн")):
        return _weekend(published, step, where)
    if period.startswith(("week", "недел")):
        return _week(published, step)
    if period.startswith(("month", "месяц")):
        return _year_and_month(*_shift_month(published, step))
    if period.startswith(("year", "год")):
        return _year(published.year + step)
    # "this morning" is the published day; "last night" the night before it.
    return (published + datetime.timedelta(days=min(step, 0))).isoformat()


def _resolve_ago(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    amount = parts["amount"].lower()
    number = int(amount) if amount.isdigit() else _SMALL_NUMBERS[amount]
    return _ago(number, parts["unit"], published)


def _resolve_iso(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    return _iso_day(int(parts["year"]), int(parts["month"]), int(parts["day"]))


def _resolve_slashed(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
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


def _resolve_year_range(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
    first, last = parts["year"], parts["year2"]
    return (first, last) if first < last else _SKIP


def _day_range(
    month_of: Callable[[Parts, str], int],
) -> Resolver:
    """ "between 1 and 5 March", "28 December to 3 January", "March 1-5, 2021": the first
    day takes the last one's month and year when it has none, the year before when its
    month comes later ("from 28 December to 3 January")."""

    def resolve(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
        last_month = month_of(parts, "month2" if "month2" in parts else "month")
        first_month = month_of(parts, "month") if "month" in parts else last_month
        first_day, last_day = int(parts["day"]), int(parts["day2"])

        def span_in(year: int) -> Span | None:
            first_year = year - (first_month > last_month)
            if parts.get("year"):
                first_year = int(parts["year"])
            span = (
                datetime.date(first_year, first_month, first_day),
                datetime.date(year, last_month, last_day),
            )
            return span if span[0] < span[1] else None

        if parts.get("year2"):
            try:
                span = span_in(int(parts["year2"]))
            except ValueError:
                return _SKIP
        elif not (1 <= first_day <= 31 and 1 <= last_day <= 31):
            return _SKIP
        elif published is None:
            return None
        else:
            span = _place(span_in, published, where.direction())
        return (span[0].isoformat(), span[1].isoformat()) if span else _SKIP

    return resolve


def _month_range(month_of: Callable[[Parts, str], int]) -> Resolver:
    """ "from January to March 2021", "с января по март": months, as `_day_range`."""

    def resolve(parts: Parts, published: datetime.date | None, where: _Where) -> Value:
        first_month, last_month = month_of(parts, "month"), month_of(parts, "month2")
        if first_month == last_month:
            return _SKIP

        def span_in(year: int) -> Span:
            first_year = (
                int(parts["year"]) if parts.get("year") else year - (first_month > last_month)
            )
            return datetime.date(first_year, first_month, 1), _month_end(year, last_month)

        if parts.get("year2"):
            span: Span | None = span_in(int(parts["year2"]))
        elif published is None:
            return None
        else:
            span = _place(span_in, published, where.direction())
        if span is None or span[0] >= span[1]:
            return _SKIP
        return span[0].isoformat()[:7], span[1].isoformat()[:7]

    return resolve


_resolve_en_day_range = _day_range(_en_month)
_resolve_ru_day_range = _day_range(_ru_month)
_resolve_en_month_range = _month_range(_en_month)
_resolve_ru_month_range = _month_range(_ru_month)


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


_EN_PREPOSITIONS = (
    r"on|since|as\s+of|in|by|until|till|from|before|after|through|during|ahead\s+of"
    r"|no\s+later\s+than"
)
_EN_PREP = _before(rf"(?P<mod>{_EN_PREPOSITIONS})\s+")
_EN_PREP_THE = _before(
    rf"(?:(?P<mod>{_EN_PREPOSITIONS})\s+)?the\s+|(?P<mod2>{_EN_PREPOSITIONS})\s+"
)
_EN_RANGE_PREP = _before(r"(?:from|on|in|during|since|by|until|till|through)\s+")
_BETWEEN = _before(r"between\s+")
_FROM = _before(r"from\s+")
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
# "1-5 March", "28 December to 3 January 2022"; "between 1 and 5 March".
_EN_FIRST_DAY = rf"{_DAY}(?:\s+(?:(?i:of)\s+)?{_MONTH}(?:,?\s+{_YEAR})?)?"
_EN_LAST_DAY = _second(rf"{_DAY}\s+(?:(?i:of)\s+)?{_MONTH}(?:,?\s+{_YEAR})?")
# "March 1-5", "Dec. 28, 2021 - Jan. 3, 2022"; "between March 1 and 5".
_EN_FIRST_MONTH_DAY = rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"
_EN_LAST_MONTH_DAY = _second(rf"(?:{_MONTH}\s+)?{_DAY}(?:,?\s+{_YEAR})?")
_EN_MONTHS_FROM = rf"{_FULL_MONTH}(?:\s+{_YEAR})?"
_EN_MONTHS_TO = _second(rf"{_FULL_MONTH}(?:,?\s+{_YEAR})?")

_EN_TRIGGERS = (
    _Trigger(
        re.compile(r"\d+"),
        (
            *_NUMERIC_RULES,
            _Rule(
                re.compile(rf"{_YEAR}{_EN_DASH}{_second(_YEAR)}{_NOT_COUNTED}"),
                _resolve_year_range,
                _EN_RANGE_PREP,
            ),
            _Rule(
                re.compile(
                    rf"{_YEAR}\s+(?:to|until|till|through)\s+{_second(_YEAR)}{_NOT_COUNTED}"
                ),
                _resolve_year_range,
                _FROM,
                before_required=True,
            ),
            _Rule(
                re.compile(rf"{_YEAR}\s+and\s+{_second(_YEAR)}{_NOT_COUNTED}"),
                _resolve_year_range,
                _BETWEEN,
                before_required=True,
            ),
            _Rule(
                re.compile(rf"{_EN_FIRST_DAY}{_EN_TO}{_EN_LAST_DAY}"),
                _resolve_en_day_range,
                _EN_RANGE_PREP,
            ),
            _Rule(
                re.compile(rf"{_EN_FIRST_DAY}\s+and\s+{_EN_LAST_DAY}"),
                _resolve_en_day_range,
                _BETWEEN,
                before_required=True,
            ),
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
                re.compile(rf"{_EN_FIRST_MONTH_DAY}{_EN_TO}{_EN_LAST_MONTH_DAY}"),
                _resolve_en_day_range,
                _EN_RANGE_PREP,
            ),
            _Rule(
                re.compile(rf"{_EN_FIRST_MONTH_DAY}\s+and\s+{_EN_LAST_MONTH_DAY}"),
                _resolve_en_day_range,
                _BETWEEN,
                before_required=True,
            ),
            _Rule(
                re.compile(rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"), _resolve_en_month_day, _EN_PREP
            ),
            _Rule(
                re.compile(rf"{_EN_MONTHS_FROM}{_EN_DASH}{_EN_MONTHS_TO}"),
                _resolve_en_month_range,
                _EN_RANGE_PREP,
            ),
            _Rule(
                re.compile(
                    rf"{_EN_MONTHS_FROM}\s+(?:to|until|till|through)\s+"
                    rf"{_EN_MONTHS_TO}"
                ),
                _resolve_en_month_range,
                _FROM,
                before_required=True,
            ),
            _Rule(
                re.compile(rf"{_EN_MONTHS_FROM}\s+and\s+{_EN_MONTHS_TO}"),
                _resolve_en_month_range,
                _BETWEEN,
                before_required=True,
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
                    r"(?:(?:on|since|by|until|till|from|before|after|starting)\s+)?"
                    r"(?P<mod>last|this|next|past|coming)\s+"
                    r"|(?P<mod2>on|since|by|until|till|from|before|after)\s+"
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
                re.compile(r"(?P<period>weekend|week|month|year)(?!\w)"),
                _resolve_period,
                _before(r"(?P<part>earlier|later)\s+this\s+|(?P<mod>last|this|next)\s+"),
                before_required=True,
            ),
            _Rule(
                re.compile(r"(?P<period>weekend)(?!\w)"),
                _resolve_period,
                _before(r"(?:over|at|on|during)\s+the\s+"),
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
_RU_DAY = r"(?P<day>[0-3]?\d)(?!\d)"
_RU_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)(?!\d)"
_RU_FIRST_DAY = rf"{_RU_DAY}(?:\s+{_RU_MONTH_GEN}(?:\s+{_RU_YEAR}{_RU_YEAR_WORD}?)?)?"
_RU_LAST_DAY = _second(rf"{_RU_DAY}\s+{_RU_MONTH_GEN}(?:\s+{_RU_YEAR}{_RU_YEAR_WORD}?)?")
_RU_FROM = _before(r"(?:с|со|начиная\s+с|начиная\s+со)\s+")
_RU_MODIFIER = r"(?:(?P<mod>(?:прошл|следующ|эт|минувш|ближайш)\w*)\s+)?"
_RU_TRIGGERS = (
    _Trigger(
        re.compile(r"\d+"),
        (
            *_NUMERIC_RULES,
            _Rule(
                re.compile(
                    rf"{_RU_YEAR}{_RU_YEAR_WORD}?{_RU_TO}{_second(_RU_YEAR)}{_RU_YEAR_WORD}?(?!\w)",
                    _RU_I,
                ),
                _resolve_year_range,
                _before(r"(?:в|во|с|со|за|на)\s+"),
            ),
            _Rule(
                re.compile(
                    rf"{_RU_YEAR}{_RU_YEAR_WORD}?\s+(?:по|до)\s+{_second(_RU_YEAR)}"
                    rf"{_RU_YEAR_WORD}?(?!\w)",
                    _RU_I,
                ),
                _resolve_year_range,
                _RU_FROM,
                before_required=True,
            ),
            _Rule(
                re.compile(rf"{_RU_FIRST_DAY}{_RU_TO}{_RU_LAST_DAY}(?!\w)", _RU_I),
                _resolve_ru_day_range,
                _before(r"(?:с|со|на|в)\s+"),
            ),
            _Rule(
                re.compile(rf"{_RU_FIRST_DAY}\s+(?:по|до)\s+{_RU_LAST_DAY}(?!\w)", _RU_I),
                _resolve_ru_day_range,
                _RU_FROM,
                before_required=True,
            ),
            _Rule(
                re.compile(
                    rf"(?P<day>[0-3]?\d)\s+{_RU_MONTH_GEN}"
                    rf"(?:\s+(?P<year>\d{{4}})(?!\d){_RU_YEAR_WORD}?)?(?!\w)",
                    _RU_I,
                ),
                _resolve_ru_month_day,
                _before(r"(?:с|со|до|к|ко|по|от|после|на|начиная\s+с|вплоть\s+до|не\s+позднее)\s+"),
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
                + ["вчера", "сегодня", "завтра", "году", "месяце", "неделе", "выходн"]
            )
        ),
        (
            _Rule(
                re.compile(
                    rf"{_RU_MONTH_ANY}\s+(?:по|до)\s+"
                    rf"{_second(_RU_MONTH_ANY)}(?:\s+{_second(_RU_YEAR)}{_RU_YEAR_WORD}?)?(?!\w)",
                    _RU_I,
                ),
                _resolve_ru_month_range,
                _RU_FROM,
                before_required=True,
            ),
            _Rule(
                re.compile(
                    rf"{_RU_MONTH_ANY}{_RU_TO}{_second(_RU_MONTH_ANY)}"
                    rf"(?:\s+{_second(_RU_YEAR)}{_RU_YEAR_WORD}?)?(?!\w)",
                    _RU_I,
                ),
                _resolve_ru_month_range,
                _before(r"(?:в|во|с|со|на)\s+"),
            ),
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
                _before(rf"(?:в|во|на)\s+{_RU_MODIFIER}"),
                before_required=True,
            ),
            _Rule(
                re.compile(
                    r"(?P<weekday>понедельника|вторника|среды|четверга|пятницы|субботы"
                    r"|воскресенья)(?!\w)",
                    _RU_I,
                ),
                _resolve_ru_weekday,
                _before(rf"(?:с|со|до|после|начиная\s+с|вплоть\s+до)\s+{_RU_MODIFIER}"),
                before_required=True,
            ),
            _Rule(
                re.compile(
                    r"(?P<weekday>понедельнику|вторнику|среде|четвергу|пятнице|субботе"
                    r"|воскресенью)(?!\w)",
                    _RU_I,
                ),
                _resolve_ru_weekday,
                _before(rf"(?:к|ко)\s+{_RU_MODIFIER}"),
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
                    r"(?:(?P<part>ранее|раньше|позднее|позже)\s+)?"
                    r"(?:в\s+(?P<mod>прошлом|этом|текущем|следующем|минувшем|будущем|нынешнем)\s+"
                    r"|на\s+(?P<mod2>прошлой|этой|текущей|следующей|минувшей|будущей)\s+)"
                ),
                before_required=True,
            ),
            _Rule(
                re.compile(r"(?P<period>выходные|выходных)(?!\w)", _RU_I),
                _resolve_period,
                _before(
                    r"(?:в|на)\s+(?:(?P<mod>прошл\w*|минувш\w*|эти|этих|ближайш\w*|следующ\w*)\s+)?"
                ),
                before_required=True,
            ),
        ),
    ),
)

_LOOKBACK = 28  # characters searched for the words before a trigger


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
            value = resolve(parts, published, _Where(text, lang, start, end))
        except (OverflowError, ValueError):  # resolved before year 1 or after year 9999
            value = None
        if value is _SKIP:
            continue
        if isinstance(value, tuple):
            mentions.append(DateMention(text[start:end], value[0], start, end, value[1]))
        else:
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
