"""Numbers that disagree: the same thing counted differently in two claims.

"2,030 troops" in one claim and "more than 2,000 troops" in another, "164 people died" and "a
death toll of 225 people": a fact-checker's best lead. Two quantities are of the same thing
when they count the same unit and the claims say the same about it: for a unit that says
little on its own ("people", "residents") they name the same kind of event (deaths,
injuries, arrests, ...) or, when neither names one, share at least `SHARED_TERMS` content
words besides the number and the unit; for a specific unit ("troops", "ventilators") they
share at least one ("mission").
Only counts of things named by a plural noun are compared ("troops", "people", "deaths"):
units that measure (percent, money, time, distance, "GB", "°C") differ for many reasons
besides disagreement. Nor are figures compared that are far apart (more than `MAX_RATIO`
times): those are most often counts of different scopes (a country and the world), while a
disagreement is two reports of one figure. Pure Python, no Django.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .ranking import terms

# Figures further apart than this count different things (a city and the country).
MAX_RATIO = 2.0

# Content words (stemmed) that two claims must share, besides number and unit, when neither
# names an event of the kinds below.
SHARED_TERMS = 2

# What a count of people is most often about in the news; stems, as `terms` gives them.
_EVENTS = {
    "deaths": {"die", "dead", "death", "kill", "fatal", "toll", "perish", "bodi", "casualti"},
    "injuries": {"injur", "injuri", "wound", "hurt", "hospitalis", "hospit"},
    "arrests": {"detain", "arrest", "jail", "imprison", "custodi", "detent"},
    "displaced": {"displac", "evacu", "fled", "flee", "refuge", "homeless"},
    "infections": {"infect", "case", "posit", "test"},
    "votes": {"vote", "ballot", "voter"},
}

# Units that count people in general: what they count is in the rest of the claim.
_GENERIC = {
    "people", "persons", "person", "residents", "citizens", "inhabitants", "individuals",
    "men", "women", "children", "adults", "civilians", "workers", "employees", "patients",
    "cases", "others",
}  # fmt: skip

# Units that measure, not count: their figures differ for many reasons besides disagreement.
_MEASURES = {
    "percent", "per cent", "%", "percentage", "points", "point",
    "dollars", "dollar", "euros", "euro", "pounds", "pound", "yen", "rubles", "roubles",
    "tenge", "yuan", "rupees", "$", "€", "£",
    "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
    "minutes", "minute", "seconds", "second", "times",
    "km", "kilometres", "kilometers", "miles", "metres", "meters", "kg", "tonnes", "tons",
    "degrees", "million", "billion", "thousand",
    "watts", "kilowatts", "megawatts", "gigawatts", "hectares", "acres", "litres", "liters",
    "gallons", "barrels", "feet", "inches", "centimetres", "grams",
    "calories", "bytes", "pixels", "hearts", "stars", "votes cast",
}  # fmt: skip


@dataclass(frozen=True)
class Mention:
    """One quantity of one claim: `key` names the claim to the caller (an id)."""

    key: Any
    text: str  # the quantity as written: "more than 2,000 troops"
    value: float
    unit: str
    claim_text: str


@dataclass(frozen=True)
class Disagreement:
    """`here` in one claim, `there` in the claim `other`: the same thing, another number."""

    here: str
    other: Any
    there: str
    unit: str


# Four digits written without a separator are a year or a model more often than a count
# ("RTX 3080 cards"): a count that large is written "3,080".
_MODEL_NUMBER = re.compile(r"(?<![\d,.])\d{4}(?![\d,.])")

# Plural nouns that do not end in -s.
_IRREGULAR_PLURALS = {"people", "men", "women", "children", "police", "personnel", "staff"}


def _unit(raw: object) -> str:
    """The unit when it counts things (a plural noun), else ""."""
    unit = " ".join(str(raw or "").split())
    last = unit.rsplit(" ", 1)[-1]
    if unit.lower() in _MEASURES or last.lower() in _MEASURES or not last.isalpha():
        return ""
    if not last.islower():
        # An acronym's plural counts things ("GPUs"); a currency code ("USD") does not.
        if not (last.endswith("s") and last[:-1].isupper()):
            return ""
        last = last.lower()
    plural = last in _IRREGULAR_PLURALS or (last.endswith("s") and not last.endswith("ss"))
    return unit.lower() if plural and len(last) > 2 else ""


def _disagree(a: Mention, b: Mention) -> bool:
    """Two different figures close enough to be reports of one, of the same thing."""
    if a.key == b.key or a.value == b.value or min(a.value, b.value) <= 0:
        return False
    if max(a.value, b.value) / min(a.value, b.value) > MAX_RATIO:
        return False
    return same_thing(a, b)


def mentions(key: Any, claim_text: str, quantities: Iterable[Mapping[str, Any]]) -> list[Mention]:
    """The countable quantities of one claim, from its stored quantities."""
    found = []
    if claim_text.lstrip().startswith("|"):
        return []  # a table row: its figures are columns, not claims about one thing
    for q in quantities:
        unit, value = _unit(q.get("unit")), q.get("value")
        if not unit or isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if _MODEL_NUMBER.search(str(q.get("text", ""))):
            continue
        found.append(Mention(key, str(q.get("text", "")), float(value), unit, claim_text))
    return found


def _events(words: Iterable[str]) -> frozenset[str]:
    found = set(words)
    return frozenset(event for event, stems in _EVENTS.items() if found & stems)


# Where one clause of a sentence ends and the next begins: "164 people died and 300 were
# injured" counts two things. A comma inside a figure ("2,030") is followed by a digit.
_CLAUSE_BREAK = re.compile(
    r"[;:()\u2014]|,(?=\s)|\s(?:and|but|while|whereas|as well as|compared with)\s", re.IGNORECASE
)


def _clause(mention: Mention) -> str:
    """The clause of the claim the quantity stands in, or the whole claim when it is not
    found there as written."""
    text = mention.claim_text
    at = text.find(mention.text) if mention.text else -1
    if at < 0:
        return text
    start, end = 0, len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if match.end() <= at:
            start = match.end()
        elif match.start() >= at + len(mention.text):
            end = match.start()
            break
    return text[start:end]


@dataclass(frozen=True)
class _Profile:
    words: frozenset[str]  # what the claim says besides the number and its unit, as stems
    events: frozenset[str]  # the kinds of event the quantity counts


@lru_cache(maxsize=20_000)
def _profile(mention: Mention) -> _Profile:
    # Cached: the same mention is compared with every other of its unit.
    counted = set(terms(mention.text))
    words = frozenset(
        w for w in terms(mention.claim_text) if w not in counted and not w[:1].isdigit()
    )
    # The event of the quantity's own clause; of the whole claim when its clause names none
    # ("9,900 people were arrested in the country, and 80 in the capital").
    events = _events(w for w in terms(_clause(mention)) if w not in counted) or _events(words)
    return _Profile(words, events)


def same_thing(a: Mention, b: Mention) -> bool:
    """Whether two quantities count the same thing (whatever their numbers)."""
    if a.unit != b.unit:
        return False
    pa, pb = _profile(a), _profile(b)
    if a.unit not in _GENERIC:
        # "troops" is troops anywhere, but two claims about them share something more.
        return bool(pa.words & pb.words)
    if pa.events or pb.events:
        return bool(pa.events & pb.events)
    return len(pa.words & pb.words) >= SHARED_TERMS


def _by_value(items: Iterable[Mention]) -> dict[str, tuple[list[float], list[tuple[int, Mention]]]]:
    """The mentions of each unit sorted by value, with their position in `items`."""
    grouped: dict[str, list[tuple[float, int, Mention]]] = defaultdict(list)
    for position, mention in enumerate(items):
        grouped[mention.unit].append((mention.value, position, mention))
    index = {}
    for unit, rows in grouped.items():
        rows.sort(key=lambda row: (row[0], row[1]))
        index[unit] = ([row[0] for row in rows], [(row[1], row[2]) for row in rows])
    return index


def _near(
    index: dict[str, tuple[list[float], list[tuple[int, Mention]]]], a: Mention
) -> list[tuple[int, Mention]]:
    """The mentions of `a`'s unit whose value is within `MAX_RATIO` of its value (a little
    more: `_disagree` draws the exact line)."""
    if a.unit not in index or a.value <= 0:
        return []
    values, rows = index[a.unit]
    slack = 1 + 1e-9
    low = bisect_left(values, a.value / MAX_RATIO / slack)
    high = bisect_right(values, a.value * MAX_RATIO * slack)
    return rows[low:high]


def disagreements(
    claims: Sequence[Mention], others: Sequence[Mention] | None = None
) -> dict[Any, list[Disagreement]]:
    """For each claim key, the quantities elsewhere that count the same thing with another
    number: among `claims` themselves (one article), and against `others` (earlier claims)
    when given. Each pair is reported on both sides when both are in `claims`."""
    found: dict[Any, list[Disagreement]] = {}
    seen: set[tuple[Any, Disagreement]] = set()

    def note(a: Mention, b: Mention) -> None:
        entry = Disagreement(a.text, b.key, b.text, a.unit)
        if (a.key, entry) not in seen:  # a figure written twice in one claim is one lead
            seen.add((a.key, entry))
            found.setdefault(a.key, []).append(entry)

    # Only quantities of one unit and of close values can disagree: look those up.
    own, earlier = _by_value(claims), _by_value(others or ())
    for position, a in enumerate(claims):
        for other_position, b in _near(own, a):
            if other_position > position and _disagree(a, b):
                note(a, b)
                note(b, a)
        for _, b in _near(earlier, a):
            if _disagree(a, b):
                note(a, b)
    return found
