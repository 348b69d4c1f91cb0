"""Quantities: a number with its qualifier and unit, anchored to the text.

"as many as 7,939 people" is one `Quantity(value=7939, unit="people", qualifier="as many
as")` whose `text` is exactly `text[start:end]`. The rules, in the order they apply:

- A number is digits (2,030; 3.5; in Russian also 7 939 and 2,5), spelled-out English
  words (six, twenty-five, a dozen, two hundred) or either followed by a scale (2 million,
  1.5bn, 2 тыс.). Vague amounts ("scores of", "dozens of", "several") have no value and
  are not quantities. Ordinals (first, 21st), decades (1990s), times (10:30, 5 pm),
  identifiers (COVID-19, Article 5) and the numbers of dates ("January 2", "in 2022",
  found by `dates.find_dates`) are not quantities either. A bare year-like number
  (1800-2199, no thousands separator) counts only when a plural noun follows it
  ("2000 troops"), not in "the 2021 census".
- The unit is a currency (ISO code: "$1.5 billion" is 1.5e9 USD), a percentage
  ("percent"), the word after a hyphen ("five-day" is 5 "day") or the noun phrase that
  follows the number. Units are nouns: the phrase takes up to three content words and
  ends at its first plural (its head: "2,030 Russian troops"), at a function word, or at
  a participle or adverb, so "more than 2,000 injured" has no unit. A counting noun keeps
  its "of" complement because the count is of the complement: "250 pieces of military
  hardware", but "30 years of independence" is "years". In Russian the unit is one noun
  (with its genitive complement after a counting noun, "250 единиц техники"); an
  adjective or participle without a noun after it ("2 тыс. пострадавших") has no unit.
- The qualifier is the comparison phrase just before the number or its currency sign
  ("more than", "as many as", "около"), lower-cased.
- Ranges are two quantities: "between 10 and 20" gives 10 and 20, without qualifier.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from claimextract.dates import DateSpans
from claimextract.types import Quantity

_SPACE = r"[ \t\u00a0\u202f]"

# --- numbers ---------------------------------------------------------------------------

_EN_DIGITS = re.compile(
    r"(?<![\w.,:/])(?<![^\W\d_]-)"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(?P<frac>\d+))?"
    r"(?P<attached>[^\W\d_]{1,3})?(?!\w)(?![:/]\d)"
)
_RU_DIGITS = re.compile(
    rf"(?<![\w.,:/])(?<![^\W\d_]-)"
    rf"(?P<num>\d{{1,3}}(?:{_SPACE}\d{{3}})+(?!\d)|\d+)(?:[.,](?P<frac>\d+))?"
    r"(?P<attached>[^\W\d_]{1,3})?(?!\w)(?![:/]\d)"
)

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER_WORDS = {**_UNITS, **_TEENS, **_TENS, **_SCALES, "hundred": 100, "dozen": 12}
_NUMBER_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
# Spelled-out numbers are looked for where a number word starts, found by a case-sensitive
# scan of the lower-cased text (a case-insensitive scan is several times slower), then
# read with the full pattern.
_EN_WORD_TRIGGER = re.compile("|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)))
_EN_WORDS = re.compile(
    rf"(?:{_NUMBER_WORD})(?:(?:{_SPACE}+|-|{_SPACE}+and{_SPACE}+)(?:{_NUMBER_WORD}))*(?!\w)",
    re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(rf"(?<!\w)an?{_SPACE}+\Z", re.IGNORECASE)
_WORD_TOKEN = re.compile(r"[A-Za-z]+")

_EN_SCALE = re.compile(
    rf"{_SPACE}?(?P<scale>thousand|million|billion|trillion|bn|mn|tn)(?!\w)", re.IGNORECASE
)
_RU_SCALE = re.compile(
    rf"{_SPACE}?(?P<scale>тыс(?:яч[аи]?)?|млн|млрд|трлн|миллион(?:а|ов)?|миллиард(?:а|ов)?"
    r"|триллион(?:а|ов)?)(?!\w)(?P<dot>\.)?",
    re.IGNORECASE,
)
_SCALE_VALUES = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9,
    "b": 10**9, "mn": 10**6, "m": 10**6, "tn": 10**12, "k": 10**3, "тыс": 10**3,
    "тысяч": 10**3, "тысяча": 10**3, "тысячи": 10**3, "млн": 10**6, "миллион": 10**6,
    "миллиона": 10**6, "миллионов": 10**6, "млрд": 10**9, "миллиард": 10**9,
    "миллиарда": 10**9, "миллиардов": 10**9, "трлн": 10**12, "триллион": 10**12,
    "триллиона": 10**12, "триллионов": 10**12,
}  # fmt: skip
# Scales written against the number; "m", "b" and "k" only count next to a currency
# ("$2m"), since "100m" alone is a distance.
_ATTACHED_SCALES = {"bn", "mn", "tn"}
_CURRENCY_ATTACHED_SCALES = {"m", "b", "k"}
_ATTACHED_UNITS = {
    "km", "kg", "m", "cm", "mm", "mg", "ml", "l", "kw", "mw", "gw", "kwh", "mph", "ha", "t",
    "км", "кг", "м", "см", "мм", "т", "га", "л",
}  # fmt: skip

# --- units -----------------------------------------------------------------------------

_CURRENCY_SIGNS = {
    "us$": "USD", "$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "€": "EUR", "£": "GBP",
    "¥": "JPY", "₽": "RUB", "₹": "INR", "₴": "UAH", "₸": "KZT",
}  # fmt: skip
_CURRENCY_CODES = {"USD", "EUR", "GBP", "RUB", "CNY", "JPY", "UAH", "INR", "KZT", "CHF"}
_CURRENCY_PREFIX = re.compile(
    rf"(?<![\w$])(?P<sign>US\$|A\$|C\$|HK\$|\$|€|£|¥|₽|₹|₴|₸|{'|'.join(_CURRENCY_CODES)})"
    rf"{_SPACE}?\Z"
)
_EN_CURRENCY_SUFFIX = re.compile(
    rf"{_SPACE}+(?P<currency>US{_SPACE}+dollars?|dollars?|euros?|pounds{_SPACE}+sterling"
    rf"|roubles?|rubles?|yuan|yen|rupees?|hryvnias?|tenge|{'|'.join(_CURRENCY_CODES)})(?!\w)",
    re.IGNORECASE,
)
_RU_CURRENCY_SUFFIX = re.compile(
    rf"{_SPACE}+(?P<currency>руб(?:л(?:ей|я|ь))?(?!\w)\.?|долл(?:ар(?:ов|а)?)?(?!\w)\.?"
    rf"|евро|юан(?:ей|я|ь)|тенге|гривен|гривн[ыа]?|{'|'.join(_CURRENCY_CODES)})(?!\w)",
    re.IGNORECASE,
)
_CURRENCY_WORDS = {
    "us dollar": "USD", "dollar": "USD", "euro": "EUR", "pounds sterling": "GBP",
    "rouble": "RUB", "ruble": "RUB", "yuan": "CNY", "yen": "JPY", "rupee": "INR",
    "hryvnia": "UAH", "tenge": "KZT", "руб": "RUB", "долл": "USD", "евро": "EUR",
    "юан": "CNY", "гривн": "UAH", "гривен": "UAH",
}  # fmt: skip
_EN_PERCENT = re.compile(
    rf"(?:{_SPACE}?%|{_SPACE}+(?:(?P<points>percentage{_SPACE}+points?)|percent|per{_SPACE}+cent"
    r"|pct)(?!\w))",
    re.IGNORECASE,
)
_RU_PERCENT = re.compile(
    rf"(?:{_SPACE}?%|{_SPACE}+(?:(?P<points>процентн\w*{_SPACE}+пункт\w*)|процент\w*)(?!\w))",
    re.IGNORECASE,
)
_DEGREES = re.compile(rf"{_SPACE}?°{_SPACE}?(?P<scale>[CF\u0421](?!\w))?")  # \u0421: Cyrillic С
_HYPHEN_UNIT = re.compile(r"-(?P<unit>[^\W\d_]+(?:-[^\W\d_]+)*)")
_NOT_HYPHEN_UNITS = {
    "way", "ways", "sided", "off", "on", "half", "halves", "third", "thirds", "quarter",
    "quarters", "fourth", "fourths", "fifth", "fifths", "tenth", "tenths", "and",
}  # fmt: skip
# "one-off", "one-time", "one-man": adjectives, not counts of one.
_NOT_HYPHEN_UNITS_AFTER_ONE = {"time", "man", "stop", "size", "shot", "party", "liner", "to"}
_TIME_OF_DAY = re.compile(
    rf"{_SPACE}?(?:a\.m\.|p\.m\.|am|pm|o['’]clock|gmt|utc|cet|msk|hrs)(?!\w)", re.IGNORECASE
)
_SEASON_BEFORE = re.compile(r"\d{4}[-–]\Z")
_WORD_AFTER = re.compile(rf"{_SPACE}+(?P<word>[^\W\d_][\w'’-]*)")
_OF = re.compile(rf"{_SPACE}+of(?!\w)", re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    rf"(?<!\w)(?:no\.|nos\.|#|number|article|section|chapter|page|paragraph|clause|resolution"
    rf"|flight|route|room|phase|part|figure|table|level|grade|version|type|model|"
    rf"статья|статьи|пункт|часть|№){_SPACE}*\Z",
    re.IGNORECASE,
)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_EN_STOP = _wordset(
    """a an the and or but nor of in on at to for from by with without into onto over under
    about around after before during since until than as per via across among between against
    within this that these those his her its their our my your he she it they we you i who
    whom whose which what when where why how is are was were be been being am has have had do
    does did will would shall should can could may might must not no more less fewer most least
    each every apiece ago later earlier away only also too so then there here now yet just still
    even already again respectively say said says told according all both some many such other
    another out up down off if while because though although whether either neither plus minus
    like near including excluding following regarding concerning versus vs etc once
    percent cent north south east west northeast northwest southeast southwest"""
)
_EN_PARTICIPLES = _wordset(
    """dead hurt slain missing taken held left found seen shot born made given sent lost gone
    done told died fled fought killed hit struck caught took came went got gave saw became
    began rose fell grew kept ran stood won paid met brought built bought thought spent sold
    wrote drew broke chose drove flew threw spoke stole"""
)
_EN_NOUNS_IN_ED = frozenset({"hundred", "kindred", "bed", "red", "shed", "sled"})
_EN_NOUNS_IN_LY = _wordset(
    "family assembly supply ally rally anomaly monopoly reply jelly belly bully lily"
)
_EN_IRREGULAR_PLURALS = _wordset(
    """people men women children police personnel staff cattle feet teeth mice geese data
    media criteria livestock"""
)
# Nouns that may follow a plural modifier: "security forces personnel".
_EN_COLLECTIVE_HEADS = _wordset(
    """personnel staff people members officers officials workers employees agents troops
    soldiers"""
)
_EN_COUNTING_NOUNS = _wordset(
    """piece pieces unit units item items tonne tonnes ton tons barrel barrels litre litres
    liter liters gallon gallons kilogram kilograms kg bag bags box boxes bottle bottles case
    cases dose doses round rounds sort sorts kind kinds type types pair pairs set sets head
    hectare hectares acre acres share shares crate crates container containers truckload
    truckloads vial vials pack packs package packages sack sacks cubic"""
)
_EN_QUALIFIERS = [
    "more than", "over", "less than", "fewer than", "under", "at least", "at most",
    "as many as", "as few as", "as much as", "as little as", "up to", "about", "around",
    "nearly", "almost", "roughly", "approximately", "some", "just over", "just under",
    "well over", "well under", "no more than", "no fewer than", "no less than",
    "not more than", "not less than", "upwards of", "in excess of", "close to",
    "an estimated", "estimated", "approx.", "circa", "only", "exactly",
]  # fmt: skip
_RU_QUALIFIERS = [
    "не менее чем", "не более чем", "более чем", "менее чем", "не менее", "не более",
    "не меньше", "не больше", "по меньшей мере", "по крайней мере", "как минимум", "более",
    "свыше", "больше", "менее", "меньше", "около", "почти", "примерно", "приблизительно",
    "порядка", "до", "лишь", "всего", "ровно",
]  # fmt: skip


def _qualifier_pattern(phrases: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(
        rf"{_SPACE}+".join(re.escape(word) for word in phrase.split())
        for phrase in sorted(phrases, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?P<qualifier>{alternatives}){_SPACE}+\Z", re.IGNORECASE)


_EN_QUALIFIER = _qualifier_pattern(_EN_QUALIFIERS)
_RU_QUALIFIER = _qualifier_pattern(_RU_QUALIFIERS)

_RU_STOP = _wordset(
    """и или а но в во на с со по за из к ко у о об от до не ни что как для при под над без
    через был была были было будет будут это этот эти его ее её их он она они мы вы я же ли бы
    уже еще ещё тоже также только лишь около более менее почти где когда который которые
    которых которая назад примерно свыше"""
)
_RU_COUNTING_NOUNS = _wordset(
    """единиц единицы единица штук штуки штука тонн тонны тонна баррелей барреля литров литра
    кубометров гектаров километров"""
)
_RU_ADJECTIVE = re.compile(r"(?:ых|их|ые|ие|ый|ий|ой|ая|яя|ое|ее|ую|юю|ого|его|ому|ему|ыми|ими)$")


class _Language:
    def __init__(self, lang: str) -> None:
        self.russian = lang.lower().startswith("ru")
        self.digits = _RU_DIGITS if self.russian else _EN_DIGITS
        self.scale = _RU_SCALE if self.russian else _EN_SCALE
        self.percent = _RU_PERCENT if self.russian else _EN_PERCENT
        self.currency_suffix = _RU_CURRENCY_SUFFIX if self.russian else _EN_CURRENCY_SUFFIX
        self.qualifier = _RU_QUALIFIER if self.russian else _EN_QUALIFIER


# --- values ----------------------------------------------------------------------------


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _digits_value(match: re.Match[str]) -> Decimal:
    whole = re.sub(r"[,\s\u00a0\u202f]", "", match["num"])
    return Decimal(f"{whole}.{match['frac']}" if match["frac"] else whole)


def _words_value(text: str, match: re.Match[str], article: bool) -> tuple[Decimal, int] | None:
    """The value of spelled-out words and where the valid part ends: "two hundred and
    five" is 205; "five six" stops after "five"."""
    total = 0
    current = 1 if article else 0
    previous = "article" if article else ""
    end = None
    for token in _WORD_TOKEN.finditer(text, match.start(), match.end()):
        word = token[0].lower()
        if word == "and":
            if previous not in {"hundred", "scale"}:
                break
            continue
        if word in _UNITS or word in _TEENS:
            if previous not in {"", "tens", "hundred", "scale"} or (
                previous == "tens" and word not in _UNITS
            ):
                break
            current += _NUMBER_WORDS[word]
            previous = "units"
        elif word in _TENS:
            if previous not in {"", "hundred", "scale"}:
                break
            current += _TENS[word]
            previous = "tens"
        elif word == "hundred":
            if previous in {"hundred", "dozen"}:
                break
            current = (current or 1) * 100
            previous = "hundred"
        elif word == "dozen":
            if previous not in {"", "article", "units", "tens"}:
                break
            current = (current or 1) * 12
            previous = "dozen"
        else:
            if previous == "scale":
                break
            total += (current or 1) * _SCALES[word]
            current = 0
            previous = "scale"
        end = token.end()
    if end is None:
        return None
    return Decimal(total + current), end


# --- units -----------------------------------------------------------------------------


def _is_plural(word: str) -> bool:
    word = word.lower()
    if word in _EN_IRREGULAR_PLURALS:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


def _is_en_unit_word(word: str) -> bool:
    lower = word.lower()
    if lower in _EN_STOP or lower in _NUMBER_WORDS or lower in _EN_PARTICIPLES:
        return False
    if len(lower) >= 5 and lower.endswith("ed") and not lower.endswith("eed"):
        return lower in _EN_NOUNS_IN_ED
    if len(lower) >= 5 and lower.endswith("ly"):
        return lower in _EN_NOUNS_IN_LY
    return True


def _is_modifier(word: str) -> bool:
    """Words that modify a noun and are no unit without one: "peer-reviewed", "remaining"."""
    lower = word.lower()
    return ("-" in lower and lower.endswith("ed")) or (len(lower) >= 5 and lower.endswith("ing"))


def _en_noun_words(text: str, pos: int) -> tuple[list[str], int]:
    words: list[str] = []
    ends = [pos]
    while len(words) < 3:
        match = _WORD_AFTER.match(text, pos)
        if not match:
            break
        word = match["word"]
        lower = word.lower()
        if lower in _EN_STOP or not (_is_en_unit_word(word) or _is_modifier(word)):
            break
        if words and lower.endswith("ing"):
            break  # "one paper rejecting the consensus": a participle clause begins
        if words and _is_plural(words[-1]) and lower not in _EN_COLLECTIVE_HEADS:
            break
        words.append(word)
        ends.append(match.end())
        pos = match.end()
    while words and _is_modifier(words[-1]):
        words.pop()
        ends.pop()
    return words, ends[-1]


def _en_unit(text: str, pos: int) -> tuple[str, int] | None:
    words, end = _en_noun_words(text, pos)
    if not words:
        return None
    if words[-1].lower() in _EN_COUNTING_NOUNS:
        of = _OF.match(text, end)
        if of:
            complement, complement_end = _en_noun_words(text, of.end())
            if complement:
                words += [of[0].strip(), *complement]
                end = complement_end
    return " ".join(words), end


def _ru_unit(text: str, pos: int) -> tuple[str, int] | None:
    first = _WORD_AFTER.match(text, pos)
    if not first or first["word"].lower() in _RU_STOP:
        return None
    words, end = [first["word"]], first.end()
    lower = first["word"].lower()
    if lower in _RU_COUNTING_NOUNS or _RU_ADJECTIVE.search(lower):
        second = _WORD_AFTER.match(text, end)
        if second and second["word"].lower() not in _RU_STOP:
            words.append(second["word"])
            end = second.end()
        elif _RU_ADJECTIVE.search(lower):
            return None  # "2 тыс. пострадавших": a nominalised participle, not a unit
    return " ".join(words), end


def _currency_code(word: str) -> str:
    lower = " ".join(word.lower().rstrip(".").split())
    if word.upper() in _CURRENCY_CODES:
        return word.upper()
    for stem, code in _CURRENCY_WORDS.items():
        if lower.startswith(stem):
            return code
    return _CURRENCY_SIGNS.get(lower, "USD")


# --- assembly --------------------------------------------------------------------------


class _Finder:
    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = _Language(lang)
        self.dates = DateSpans(text, lang=lang)

    def find(self) -> list[Quantity]:
        found = [
            quantity
            for match in self.lang.digits.finditer(self.text)
            if (quantity := self._from_digits(match))
        ]
        if self.lang.russian:
            return found
        lowered = self.text.lower()
        if len(lowered) != len(self.text):  # a few characters lower-case to two ("İ")
            lowered = "".join(character.lower()[0] for character in self.text)
        found += [
            quantity
            for hit in _EN_WORD_TRIGGER.finditer(lowered)
            if (quantity := self._from_words(hit.start()))
        ]
        # "2 million people" also holds the words "million people": the first one wins.
        found.sort(key=lambda quantity: (quantity.start, -quantity.end))
        kept: list[Quantity] = []
        for quantity in found:
            if not kept or quantity.start >= kept[-1].end:
                kept.append(quantity)
        return kept

    def _from_digits(self, match: re.Match[str]) -> Quantity | None:
        text = self.text
        start, end = match.start(), match.end("num")
        if match["frac"]:
            end = match.end("frac")
        if self.dates.overlaps(start, end) or _LABEL_BEFORE.search(text, max(0, start - 12), start):
            return None
        if _TIME_OF_DAY.match(text, end):
            return None
        try:
            value = _digits_value(match)
        except InvalidOperation:
            return None
        currency = _CURRENCY_PREFIX.search(text, max(0, start - 4), start)
        unit = None
        scaled = False
        attached = (match["attached"] or "").lower()
        if attached:
            if attached in _ATTACHED_SCALES or (currency and attached in _CURRENCY_ATTACHED_SCALES):
                value *= _SCALE_VALUES[attached]
                scaled = True
            elif attached in _ATTACHED_UNITS:
                unit = match["attached"]
            else:
                return None  # 21st, 1990s, 4G, 5am
            end = match.end("attached")
        elif scale := self.lang.scale.match(text, end):
            value *= _SCALE_VALUES[scale["scale"].lower()]
            scaled = True
            end = scale.end()
        if (
            not currency
            and not scaled
            and not match["frac"]
            and len(match["num"]) == 4
            and 1800 <= value < 2200
        ):
            following = _WORD_AFTER.match(text, end)
            if not following or not _is_plural(following["word"]):
                return None  # a year, as in "the 2021 census"
        if len(match["num"]) == 2 and _SEASON_BEFORE.search(text, max(0, start - 5), start):
            return None  # "2021-22": a season, not a range
        if start and text[start - 1] in "-\u2212" and (start == 1 or text[start - 2] in " (\n"):
            value, start = -value, start - 1  # "-25 °C"; "10-25" is a range, not a minus
        return self._complete(start, end, value, currency, unit, single_one=False)

    def _from_words(self, position: int) -> Quantity | None:
        text = self.text
        if position and (text[position - 1].isalnum() or text[position - 1] == "-"):
            return None
        match = _EN_WORDS.match(text, position)
        if match is None:
            return None
        token = _WORD_TOKEN.match(match[0])
        if token is None:
            return None
        first_word = token[0].lower()
        article = None
        if first_word in _SCALES or first_word in {"hundred", "dozen"}:
            article = _ARTICLE_BEFORE.search(text, max(0, position - 4), position)
            if article is None:
                return None  # "million" after digits belongs to them; "dozen" alone is vague
        parsed = _words_value(text, match, article is not None)
        if parsed is None:
            return None
        value, end = parsed
        start = article.start() if article else position
        if self.dates.overlaps(start, end):
            return None
        single_one = text[position:end].lower() == "one"
        if single_one:
            before = self.text[max(0, start - 8) : start].lower().split()
            if before and before[-1] in {"the", "no", "any", "every", "each", "this", "that"}:
                return None
        currency = _CURRENCY_PREFIX.search(self.text, max(0, start - 4), start)
        return self._complete(start, end, value, currency, None, single_one=single_one)

    def _complete(
        self,
        start: int,
        end: int,
        value: Decimal,
        currency: re.Match[str] | None,
        unit: str | None,
        *,
        single_one: bool,
    ) -> Quantity | None:
        text = self.text
        if currency:
            unit = _currency_code(currency["sign"])
            start = currency.start()
        elif unit is None:
            following = self._following_unit(end, single_one=single_one)
            if following is None:
                return None
            unit, end = following
            # "one" alone is a pronoun far more often than a count, and the noun after a
            # count of one is singular: in "one costs $1,500" the "-s" word is a verb.
            if single_one and (unit is None or _is_plural(unit.split()[0])):
                return None
        qualifier = None
        found = self.lang.qualifier.search(text, max(0, start - 40), start)
        if found:
            qualifier = " ".join(found["qualifier"].lower().split())
            start = found.start()
        return Quantity(text[start:end], _number(value), unit, qualifier, start, end)

    def _following_unit(self, end: int, *, single_one: bool) -> tuple[str | None, int] | None:
        """The unit after a number and where it ends; None when what follows shows the
        number is no count ("two-thirds", "one-off", "one of")."""
        text = self.text
        if degrees := _DEGREES.match(text, end):
            return f"°{(degrees['scale'] or '').replace(chr(0x421), 'C')}", degrees.end()
        if percent := self.lang.percent.match(text, end):
            return ("percentage points" if percent["points"] else "percent"), percent.end()
        if currency := self.lang.currency_suffix.match(text, end):
            return _currency_code(currency["currency"]), currency.end()
        if hyphen := _HYPHEN_UNIT.match(text, end):
            first = hyphen["unit"].split("-")[0].lower()
            if first in _NOT_HYPHEN_UNITS or (single_one and first in _NOT_HYPHEN_UNITS_AFTER_ONE):
                return None
            return hyphen["unit"], hyphen.end()
        if single_one:
            following = _WORD_AFTER.match(text, end)
            if following and following["word"].lower() in {"another", "of"}:
                return None
        noun = _ru_unit(text, end) if self.lang.russian else _en_unit(text, end)
        if noun is None:
            return None, end
        return noun


def find_quantities(text: str, *, lang: str = "en") -> list[Quantity]:
    """Every quantity of `text`, in order, with offsets into `text`."""
    return _Finder(text, lang).find()
