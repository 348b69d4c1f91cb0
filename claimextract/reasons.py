"""Why a claim scored as it did, in words a reviewer understands.

`describe` turns what the pipeline already knows about a unit (its check-worthiness score,
speaker, kind, quantities and dates, whether it is a headline) and a few cues read from its
words into short phrases, for example:

    likely worth checking (0.87)
    states a number (2,030 troops)
    compares with the past
    a date (on Monday: 10 January 2022)
    attributed to Kassym-Jomart Tokayev
    a prediction: not checkable yet

The first phrase is always the model's verdict: the calibrated score, cut (not rounded) to
two decimals, and a band: "likely" from `LIKELY` up, "possibly" from the threshold up,
"unlikely" below it, so the words agree with `checkworthy`. The others follow in a fixed
order: what makes the unit uncheckable as stated (a question, an opinion, a call to act,
a prediction), then its figures, comparisons, dates, speaker and kind. The model does not
use these cues; they tell the reviewer what to look at. Pure Python, no model runs.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence

from .types import DateMention, Quantity

# Calibrated scores from here up read "likely worth checking".
LIKELY = 0.7
# At most this many examples in parentheses.
_EXAMPLES = 3

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

# The cue patterns below are matched in lower-cased text: a case-insensitive scan of the
# same patterns is several times slower.
_QUESTION_END = re.compile(r"\?[\s\"'”’»)\]]*$")
_OPINION = re.compile(
    r"(?<!\w)(?:(?:i|we)\s+(?:really\s+|do\s+|just\s+)?(?:think|believe|feel|guess|suppose"
    r"|hope|wish)\b|in\s+(?:my|our)\s+(?:opinion|view)\b|(?:i['’]m|i\s+am|we\s+are)\s+"
    r"(?:sure|convinced|confident)\b|it\s+seems\s+to\s+me\b"
    r"|(?:я|мы)\s+(?:думаю|думаем|считаю|считаем|полагаю|полагаем|надеюсь|надеемся|уверен\w*)"
    r"|по-моему|на\s+мой\s+взгляд|мне\s+кажется)"
)
_CALL_TO_ACT = re.compile(
    r"(?<!\w)(?:(?:we|you)\s+(?:all\s+)?(?:must|should|need\s+to|have\s+to|ought\s+to"
    r"|(?:have\s+)?got\s+to)\b|let['’]s\b|let\s+us\b"
    r"|(?:мы|вы)\s+должны|давайте|нам\s+(?:нужно|надо))",
)
_SUPERLATIVES = (
    r"largest|biggest|smallest|highest|lowest|most|least|worst|best|fastest|slowest|richest"
    r"|poorest|oldest|youngest|longest|shortest|deadliest|greatest|strongest|weakest"
    r"|cheapest|safest|busiest|hottest|coldest|wettest|driest|heaviest"
)
_CHANGE = re.compile(
    r"(?<!\w)(?:(?:gone|went|go|goes|going|is|are|was|were|been)\s+(?:up|down)\b"
    r"|(?:up|down)\s+(?:by\s+)?(?=[\d$€£])"
    r"|ris(?:e|es|en|ing)|rose|f[ae]ll(?:s|en|ing)?|increas(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)"
    r"|gr[eo]w(?:s|n|ing)?|doubled|tripled|quadrupled|halved|dropped|climbed|jumped|declined"
    r"|surged|soared|plunged|plummeted|slumped|more|less|fewer|higher|lower|bigger|smaller"
    rf"|larger|worse|better|{_SUPERLATIVES}|record|first\s+time|no\s+longer"
    r"|вырос\w*|вырастет|снизил\w*|снижени\w+|увеличил\w*|увеличени\w+|сократил\w*"
    r"|сокращени\w+|упал\w*|подорожал\w*|подешевел\w*|выше|ниже|больше|меньше|рекорд\w*"
    r"|впервые|максимальн\w+|минимальн\w+|наибольш\w+|наименьш\w+)(?!\w)",
)
_PAST = re.compile(
    r"(?<!\w)(?:since\b|ever\b|on\s+record\b|previous\b|earlier\b|pre-\w+"
    r"|(?:in|for|over)\s+(?:(?:its|their|his|her|the|a)\s+)?(?:(?:last|past|previous|first)\s+)?"
    r"(?:\d[\d,]*|\w+)\s+(?:years?|decades?|months?|weeks?|centur(?:y|ies))\b"
    r"|in\s+(?:decades|years|a\s+generation|history)\b"
    r"|(?:years?|months?|weeks?|days?|decades?)\s+(?:ago|earlier|before)\b"
    r"|(?:last|a|the\s+previous)\s+(?:year|month|week|decade|quarter)\b"
    r"|(?:than|from|compared\s+(?:with|to))\s+(?:in\s+)?(?:\d{4}|last|before|a\s+year|the\s+same)"
    r"|the\s+\d{4}s\b|has\s+(?:ever\s+)?seen\b"
    r"|с\s+\d{4}|по\s+сравнению|чем\s+(?:в|год)|год\s+назад"
    r"|(?:прошлого|прошлом|предыдущ\w+)\s+год\w*|за\s+(?:последние\s+)?\d+\s+(?:лет|год\w*)"
    r"|в\s+истории)",
)
# A change or comparison, then a point in the past at most this many characters on, in the
# same clause or the next ("fell to 3.5 percent last year", "the worst ... has seen")...
_CHANGE_THEN_PAST = 80
# ... or the past first, in the same clause ("Since 2015 crime has doubled"; not "since
# January 2, when protests against a rise in prices").
_PAST_THEN_CHANGE = 40
_CLAUSE_END = re.compile(r"[;!?]")
_COMMA_OR_CLAUSE_END = re.compile(r"[,;!?]")
_COMPARISON = re.compile(
    r"(?<!\w)(?:(?!(?:rather|other|either|neither|sooner|later)\s)\w+er\s+than\b"
    r"|(?:more|less|fewer)\s+\w+(?:\s+\w+)?\s+than\b|compared\s+(?:with|to)\b|twice\s+as\b"
    r"|half\s+as\b|as\s+(?:much|many|big|large|high|low|small|bad|good|fast|expensive"
    r"|cheap|strong|likely)\s+as\s+(?![\d$€£])"
    rf"|(?:the|its|their|his|her|\w+['’]s)\s+(?:\w+\s+)?(?:{_SUPERLATIVES})\b"
    r"|сам\w{2,3}\s+\w+|крупнейш\w+|(?:больше|меньше|выше|ниже|лучше|хуже),?\s+чем)",
)
_KINDS = {
    "quote": "a direct quotation: check it against what was said",
    "prediction": "a prediction: not checkable yet",
    "causal": "claims a cause and its effect",
    "event": "reports an event",
}


def verdict(score: float, threshold: float) -> str:
    """The calibrated score in words, e.g. "likely worth checking (0.87)"."""
    # Cut, not rounded, so that 0.329 (below a 0.33 threshold) does not read "0.33"; the
    # tiny nudge keeps 0.29, which is 28.999... hundredths in binary, at 0.29.
    shown = f"{math.floor(min(max(score, 0.0), 1.0) * 100 + 1e-9) / 100:.2f}"
    if score >= max(LIKELY, threshold):
        return f"likely worth checking ({shown})"
    if score >= threshold:
        return f"possibly worth checking ({shown})"
    return f"unlikely to be worth checking ({shown})"


def describe(
    text: str,
    *,
    score: float,
    threshold: float,
    speaker: str | None = None,
    kind: str = "other",
    headline: bool = False,
    quantities: Sequence[Quantity] = (),
    dates: Sequence[DateMention] = (),
) -> list[str]:
    """The reasons for one unit, verdict first; see the module docstring."""
    reasons = [verdict(score, threshold)]
    # "More than" and "as many as" qualify a figure; they compare nothing.
    low = _without_qualifiers(text, quantities).lower()
    if _QUESTION_END.search(low):
        reasons.append("a question: not checkable as stated")
    elif not quantities and _OPINION.search(low):
        reasons.append("an opinion: not checkable as stated")
    elif not quantities and _CALL_TO_ACT.search(low):
        reasons.append("a call to act: not checkable as stated")
    if kind == "prediction":
        reasons.append(_KINDS[kind])
    reasons += _figures(quantities)
    if _compares_with_the_past(low):
        reasons.append("compares with the past")
    elif _COMPARISON.search(low):
        reasons.append("makes a comparison")
    if dates:
        noun = "a date" if len(dates) == 1 else "dates"
        reasons.append(f"{noun} ({_examples([_date(d) for d in dates])})")
    if speaker:
        reasons.append(f"attributed to {speaker}")
    if kind in _KINDS and kind != "prediction":
        reasons.append(_KINDS[kind])
    if headline:
        reasons.append("a headline")
    return reasons


def _compares_with_the_past(low: str) -> bool:
    changes = [m.span() for m in _CHANGE.finditer(low)]
    if not changes:
        return False
    starts = [start for start, _ in changes]
    ends = [end for _, end in changes]  # matches do not overlap: ends are sorted too
    for past_start, past_end in (m.span() for m in _PAST.finditer(low)):
        first = bisect.bisect_left(ends, past_start - _CHANGE_THEN_PAST)
        last = bisect.bisect_right(ends, past_start)
        if any(not _CLAUSE_END.search(low, ends[i], past_start) for i in range(first, last)):
            return True
        first = bisect.bisect_left(starts, past_end)
        last = bisect.bisect_right(starts, past_end + _PAST_THEN_CHANGE)
        if any(
            not _COMMA_OR_CLAUSE_END.search(low, past_end, starts[i]) for i in range(first, last)
        ):
            return True
    return False


def _figures(quantities: Sequence[Quantity]) -> list[str]:
    money = [q.text for q in quantities if _is_currency(q.unit)]
    percentages = [q.text for q in quantities if q.unit == "percent"]
    numbers = [q.text for q in quantities if q.unit != "percent" and not _is_currency(q.unit)]
    found = []
    for items, one, several in (
        (numbers, "states a number", "states numbers"),
        (percentages, "states a percentage", "states percentages"),
        (money, "states an amount of money", "states amounts of money"),
    ):
        if items:
            found.append(f"{one if len(items) == 1 else several} ({_examples(items)})")
    return found


def _is_currency(unit: str | None) -> bool:
    # Quantities name a currency by its ISO code ("USD"), every other unit in lower case.
    return unit is not None and len(unit) == 3 and unit.isalpha() and unit.isupper()


def _without_qualifiers(text: str, quantities: Sequence[Quantity]) -> str:
    for q in quantities:
        if q.qualifier and q.text.lower().startswith(q.qualifier):
            end = q.start + len(q.qualifier)
            text = text[: q.start] + " " * (end - q.start) + text[end:]
    return text


def _date(mention: DateMention) -> str:
    written = mention.text.strip(" .,;:!?")
    if mention.value is None or any(c.isdigit() for c in written):
        return written
    return f"{written}: {_spell_date(mention.value)}"


def _spell_date(value: str) -> str:
    """An ISO date in words: 2022-01-10 is "10 January 2022", 2022-01 "January 2022"."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


def _examples(items: Sequence[str]) -> str:
    unique = list(dict.fromkeys(items))
    shown = ", ".join(unique[:_EXAMPLES])
    return shown + (", ..." if len(unique) > _EXAMPLES else "")
