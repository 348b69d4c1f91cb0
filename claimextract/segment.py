"""Split text into units (sentences, headlines, list items or lines) anchored to the text.

Every unit is a pair of offsets into the original string, trimmed of surrounding
whitespace, so later stages can point back at the exact characters a claim came from.

The segmenter is rule-based and works paragraph by paragraph (a paragraph is a text
line). Inside a paragraph one compiled regex finds every *candidate* boundary: a run of
`.`, `!`, `?` or `…`, optionally followed by closing quotes or brackets, then
whitespace. Only candidates reach Python code, which decides from the token before the
punctuation and the token after it whether the candidate ends a sentence. Nothing loops
over characters, which keeps it fast on long articles.

English and Russian rules are applied together: their abbreviation tables cannot
collide (different alphabets), and a Russian article quoting an English source, or the
other way round, is then handled too. `lang` is accepted for the pipeline's sake.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .types import Unit

__all__ = ["split_units"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# The same separators as `str.splitlines`, so `units="lines"` means what Python means.
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# A line trimmed of surrounding whitespace: leading blanks, then the span up to the last
# non-space character of the line. Whitespace-only lines do not match.
_LINE = re.compile(rf"[^\S{_BREAKS}]*([^{_BREAKS}]*\S)")

_OPENERS = "\"'«“‘„‚‹([{¿¡*_"
# “ and ‘ close quotations in Russian and German typography („так“).
_CLOSERS = "\"'»”’“‘›)]}*_"
_CANDIDATE = re.compile(
    rf"(?P<punct>[.!?…‽]+)(?P<close>[{re.escape(_CLOSERS)}]*)(?=\s+(?P<next>\S+))"
)
_QUOTE_CLOSERS = frozenset("\"'»”’“‘›")
# Up to three capitalised words, then a verb of speech: ” Mayor Ruiz asked.
_ATTRIBUTION = re.compile(
    r"\s+((?:\S+\s+){1,3}?)(?:said|says|asked|asks|added|told|wrote|shouted|replied|"
    r"answered|exclaimed|cried|insisted|warned|declared|wondered)\b"
)
_TERMINAL = frozenset(".!?…‽")
# A next token starting with one of these continues the sentence (", etc.", ". . .").
_CONTINUATION = frozenset(",;:)]}%.…-‐")
_LEADING_WORD = re.compile(r"[^\W\d_]+")
_WORD_CHAR = re.compile(r"[^\W_]")
# Dotted abbreviations made of one- or two-letter parts: U.S, E.U, a.m, Ph.D, U.S.A.
_ACRONYM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
# What a list marker looks like once its "." is taken off: 1, 12, a, B, iv.
_MARKER = re.compile(r"[0-9]{1,3}|[A-Za-z]|[ivx]{1,4}|[IVX]{1,4}")
_ROMAN = re.compile(r"[IVXLC]+")
# Bullets that mark list items, also when several items share a line ("• a • b").
_BULLETS = "•‣⁃◦▪▸●"
# A line that starts a list item: "- x", "• x", "1. x", "2) x", "(3) x", "a) x".
_LIST_ITEM = re.compile(rf"(?:[-*·–—{_BULLETS}]|\(?[0-9]{{1,3}}(?:\.\)?|\))|\(?[A-Za-z]\))(?=\s)")
# A numbered or lettered marker inside a paragraph: "1. ", "2) ", "3.) ", "b. ".
_INLINE_MARKER = re.compile(r"(?<!\S)([0-9]{1,2}|[A-Za-z])(\.\)?|\))(?=(\s+)\S)")
# A bullet after a space and before an item: not the bullets of a "• • •" divider.
_INLINE_BULLET = re.compile(rf"(?<!\S)[{_BULLETS}](?=\s*[^\s{_BULLETS}])")
# Three spaced dots after a full stop, then a capitalised word: "words. . . . The".
_SPACED_ELLIPSIS_AHEAD = re.compile(r"\s\.\s\.\s\.\s+[\"'“‘«(\[]*([^\W\d_])")
# A standalone dash after a sentence-final mark, then the next word: "? – спросила".
_DASH_AHEAD = re.compile(r"\s+[–—]\s+[\"'“‘«(]*([^\W\d_])")
# Reported speech with its author's words set off by a dash: "? – спросила", ", — сказал".
_DIALOGUE_ATTRIBUTION = re.compile(r"[.!?…,]\S*\s+[–—]\s+[a-zа-яё]")

# A line without terminal punctuation is a headline, unless it is too long to be one:
# then it is body text that lost its final full stop.
_HEADLINE_MAX_CHARS = 200

# Abbreviations that never end a sentence: titles before a name, "e.g.", "т. е.".
_HARD = _words(
    """
    mr mrs ms messrs mme mlle dr prof gen lt col capt cmdr adm maj sgt cpl pvt sen rep
    reps gov pres rev hon amb supt insp det atty fr e.g i.e cf viz vs v approx esp incl
    т.е т.к т.н т.ч им ул пл пер просп проф акад доц см ср напр тов св гр обл пос
    пгт дер
    """
)
# Abbreviations that end a sentence when the next word is capitalised ("etc. The").
_SOFT_CAPITAL = _words("etc al т.д т.п др пр руб коп тыс млн млрд трлн долл н.э")
# Abbreviations that end a sentence only before a typical sentence opener: "Apple Inc.
# said" goes on, "bought by Apple Inc. The deal" ends. Initials and dotted acronyms
# (U.S., a.m.) follow the same rule.
_SOFT_STARTER = _words(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues thu thur thurs fri
    inc ltd co corp llc plc bros jr sr st mt ft ave blvd rd dept univ assn est
    """
)
# Abbreviations that go on before a number: "No. 5", "p. 12", "рис. 3".
_NUMERIC_PREFIX = _words(
    """
    no nos n° nº № p pp vol vols art arts fig figs ch chap sec para op ca c
    ст п пп рис с стр т гл д кв ок разд табл прим ч
    """
)
# "г." and "в." are a year and a century after a number ("в 2020 г. Он"), a city and a
# village before a name ("г. Москва").
_AFTER_NUMBER = _words("г гг в вв")

_STARTERS = _words(
    """
    A An The He She It They We I You This That These Those There Here His Her Its Their
    Our My Your But And Or So Yet Nor In On At As By For From With Without To Of Under
    Over After Before During Since Until While When Whereas Where What Which Who Whom
    Whose Why How If Although Though Because However Meanwhile Moreover Furthermore Also
    Still Then Thus Now Today Yesterday Tomorrow Earlier Later Last Next Some Many Most
    Several All Both Each Every One Two Three No Not None Such Other Another According
    Despite Instead Officials Experts Critics Police Authorities Mr Mrs Ms Dr Prof
    Он Она Оно Они Мы Я Вы Ты Это Этот Эта Эти Тот Та Те То Там Тут Здесь Теперь Сейчас
    Тогда Затем Потом Позже Ранее Вчера Сегодня Завтра Но А И Или Однако Также Кроме
    Между Впрочем Поэтому Поскольку Хотя Если Когда Пока После До Перед При Для Без Через
    Над Под По Про В Во На С Со К Ко О Об У Из За От Не Ни Что Кто Где Куда Как Какой
    Почему Зачем Его Ее Её Их Все Всё Весь Вся Каждый Многие Некоторые Один Одна Одно Так
    Такой Такие Именно Даже Уже Ещё Еще Лишь Только Согласно Напомним
    """
)

_UNIT_KINDS = ("sentences", "lines")


def split_units(text: str, *, lang: str = "en", units: str = "sentences") -> list[Unit]:
    """Split `text` into units whose offsets slice the original string.

    `units="sentences"` gives sentences, with headlines and list items as units of their
    own; `units="lines"` gives every non-empty line as it is, for transcripts and
    evaluation. Units are in order, never overlap and never contain surrounding space.
    """
    if units not in _UNIT_KINDS:
        raise ValueError(f"units must be one of {_UNIT_KINDS}, not {units!r}")
    found: list[Unit] = []
    # Looked for once: most texts have no bullet, and a search per paragraph is costly.
    bullets = any(bullet in text for bullet in _BULLETS)
    for line in _LINE.finditer(text):
        start, end = line.span(1)
        if units == "lines":
            found.append(Unit(start, end))
        else:
            _split_paragraph(text, start, end, found, bullets)
    return found


def _split_paragraph(text: str, start: int, end: int, found: list[Unit], bullets: bool) -> None:
    forced, suppressed = _inline_list(text, start, end, bullets)
    if not forced and not _ends_with_terminal(text, start, end):
        if _LIST_ITEM.match(text, start, end) or not _has_word(text, start, end):
            found.append(Unit(start, end))
            return
        if end - start <= _HEADLINE_MAX_CHARS:
            found.append(Unit(start, end, headline=True))
            return
    cuts = _sentence_cuts(text, start, end, forced, suppressed)
    if not cuts:
        found.append(Unit(start, end))
        return
    bounds = [start, *cuts, end]
    for left, right in pairwise(bounds):
        piece = text[left:right]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            found.append(Unit(left + lead, left + lead + len(stripped)))


def _ends_with_terminal(text: str, start: int, end: int) -> bool:
    tail = text[max(start, end - 16) : end].rstrip(_CLOSERS)
    return tail[-1:] in _TERMINAL


def _has_word(text: str, start: int, end: int) -> bool:
    return _WORD_CHAR.search(text, start, end) is not None


def _sentence_cuts(
    text: str, start: int, end: int, forced: list[int], suppressed: set[int]
) -> list[int]:
    """Offsets inside the paragraph where one sentence ends and the next may begin."""
    cuts: list[int] = []
    last = start
    pending = 0
    for cand in _CANDIDATE.finditer(text, start, end):
        punct_at = cand.start("punct")
        while pending < len(forced) and forced[pending] <= punct_at:
            last = forced[pending]
            cuts.append(last)
            pending += 1
        if punct_at in suppressed:
            continue
        if _is_boundary(text, cand, last, start):
            last = cand.end()
            cuts.append(last)
    cuts.extend(forced[pending:])
    return cuts


def _inline_list(text: str, start: int, end: int, bullets: bool) -> tuple[list[int], set[int]]:
    """Cuts before the items of a list written inline: "Steps: 1. Mix 2. Bake".

    Items are numbered (1, 2, 3 ...) or lettered (a, b, c ... or A, B, C ...), or start
    with a bullet when a line holds two bullets or more and the first opens the line or
    follows a colon ("• Tents • Stoves", "Bring: • tents • stoves"). Returns the cut
    offsets and the offsets of the markers' full stops, which are not sentence ends.
    """
    # Plain `find` calls rule out most paragraphs before any regex runs.
    find = text.find
    markers = (
        find("1.", start, end) >= 0
        or find("1)", start, end) >= 0
        or find("a.", start, end) >= 0
        or find("A.", start, end) >= 0
        or find("a)", start, end) >= 0
        or find("A)", start, end) >= 0
    )
    bullets = bullets and any(find(bullet, start, end) >= 0 for bullet in _BULLETS)
    forced: list[int] = []
    suppressed: set[int] = set()
    if not markers and not bullets:
        return forced, suppressed
    runs: dict[str, list[re.Match[str]]] = {}
    for marker in _INLINE_MARKER.finditer(text, start, end) if markers else ():
        if text[marker.end(3)].islower():
            continue  # "1) oil, 2) gas": an enumeration inside a sentence
        kind, number = _marker_value(marker[1])
        run = runs.get(kind)
        if number == 1 and _list_can_start(text, start, marker.start()):
            if run:
                _close_run(run, forced, suppressed)
            runs[kind] = [marker]
        elif run and number == _marker_value(run[-1][1])[1] + 1:
            run.append(marker)
    for run in runs.values():
        _close_run(run, forced, suppressed)
    if bullets:
        found = [bullet.start() for bullet in _INLINE_BULLET.finditer(text, start, end)]
        if len(found) > 1 and (found[0] == start or _list_can_start(text, start, found[0])):
            forced.extend(at for at in found if at > start)
    return sorted(set(forced)), suppressed


def _marker_value(marker: str) -> tuple[str, int]:
    """The kind of a list marker ("1", "a" or "A") and its rank: "3" and "c" are 3."""
    if marker.isdigit():
        return "1", int(marker)
    if marker.islower():
        return "a", ord(marker) - ord("a") + 1
    return "A", ord(marker) - ord("A") + 1


def _list_can_start(text: str, start: int, at: int) -> bool:
    before = text[max(start, at - 8) : at].rstrip()
    return not before or before[-1] in ":.!?…"


def _close_run(run: list[re.Match[str]], forced: list[int], suppressed: set[int]) -> None:
    if len(run) < 2:
        return
    forced.extend(marker.start() for marker in run)
    suppressed.update(marker.start(2) for marker in run if marker[2].startswith("."))


def _is_boundary(text: str, cand: re.Match[str], last_cut: int, para_start: int) -> bool:
    rest = cand["next"].lstrip(_OPENERS)
    first = rest[:1]
    punct = cand["punct"]
    punct_at = cand.start("punct")
    if rest in ("–", "—") and _dialogue_goes_on(text, cand, last_cut):
        return False
    if first == "." and punct == "." and _after_word(text, cand, para_start):
        # "words. . . . The": a full stop, then an ellipsis that opens the next sentence.
        ahead = _SPACED_ELLIPSIS_AHEAD.match(text, cand.end(), cand.endpos)
        return ahead is not None and ahead[1].isupper()
    if first.islower() or first in _CONTINUATION:
        return False
    if cand["close"][:1] == "]" and text[punct_at - 1 : punct_at] == "[":
        # An editorial mark ("[...]", "[…]", "[!]") goes on, unless a sentence ended
        # just before it: "stairways [...]" (Smith 55)" is one sentence.
        before = text[max(para_start, punct_at - 4) : punct_at - 1].rstrip(_CLOSERS + " ")
        if before[-1:] not in _TERMINAL:
            return False
    if punct != ".":
        # A quoted question or exclamation followed by its speaker goes on:
        # “Is it safe?” Mayor Ruiz asked.
        return not _attributed(text, cand)
    word_start, word = _word_before(text, cand.start(), para_start)
    body = word.lstrip(_OPENERS)
    if not body:
        # Three spaced dots mark an omission inside a sentence; a fourth ends it.
        return _spaced_dots(text, punct_at, last_cut) != 3
    marker = body.lstrip(_BULLETS)
    if _MARKER.fullmatch(marker) and not text[last_cut:word_start].strip().strip(_BULLETS):
        return False  # "1.", "a." or "• 9." opening a list item
    key = body.lower()
    if key in _NUMERIC_PREFIX and first.isdigit():
        return False
    if len(body) == 1:
        previous = _previous_token(text, word_start, para_start)
        if len(previous) == 2 and previous[1] == "." and previous[0].isalpha():
            key = f"{previous[0].lower()}.{key}"  # spaced "т. д.", "e. g."
        elif body == "I" and previous.isalpha() and previous.islower():
            return True  # the pronoun, not an initial: "you and I. Did"
    if key in _HARD:
        return False
    if key in _SOFT_CAPITAL:
        return first.isupper()
    if key in _AFTER_NUMBER:
        return first.isupper() and _date_ends_sentence(text, word_start, last_cut)
    if key in _SOFT_STARTER or len(body) == 1 or _ACRONYM.fullmatch(body):
        return _starts_sentence(rest)
    return True


def _after_word(text: str, cand: re.Match[str], para_start: int) -> bool:
    """Whether the candidate's punctuation is attached to a word, with nothing after it."""
    at = cand.start("punct")
    return at > para_start and not text[at - 1].isspace() and not cand["close"]


def _dialogue_goes_on(text: str, cand: re.Match[str], last_cut: int) -> bool:
    """Whether a dash after the candidate continues a line of dialogue.

    «К чему ты готовишься? – спросила мама. – Завтра выходной»: the author's words
    follow the first dash (a lowercase word), and the speech resumes after the second,
    which follows author's words set off by a dash.
    """
    ahead = _DASH_AHEAD.match(text, cand.end(), cand.endpos)
    if ahead is None:
        return False
    if ahead[1].islower():
        return True
    return _DIALOGUE_ATTRIBUTION.search(text, last_cut, cand.start()) is not None


def _spaced_dots(text: str, last_dot: int, floor: int) -> int:
    """How many dots a run like ". . ." ending at `last_dot` has (from `floor` on)."""
    count, at = 1, last_dot
    while at - 2 >= floor and text[at - 1] == " " and text[at - 2] == ".":
        count += 1
        at -= 2
    return count


def _date_ends_sentence(text: str, word_start: int, last_cut: int) -> bool:
    """Whether "г."/"гг."/"в."/"вв." before a capital ends the sentence: "в 2019 г. Он".

    Only after a year or a Roman century, and not when the date opens the sentence
    ("В 2010–2012 гг. Виктор посещал") or is set off by a comma, as in a caption or a
    dateline ("Дом, где родился Толстой, 1898 г. В 1854 году").
    """
    tokens = text[last_cut:word_start].split()
    if len(tokens) < 3:
        return False
    number, before = tokens[-1], tokens[-2]
    after_number = number[-1].isdigit() or _ROMAN.fullmatch(number) is not None
    return after_number and not before.endswith(",")


def _attributed(text: str, cand: re.Match[str]) -> bool:
    if not _QUOTE_CLOSERS.intersection(cand["close"]):
        return False
    speaker = _ATTRIBUTION.match(text, cand.end(), cand.endpos)
    return speaker is not None and all(word[0].isupper() for word in speaker[1].split())


def _word_before(text: str, at: int, floor: int) -> tuple[int, str]:
    """The token that ends at `at` (possibly empty) and where it starts."""
    low = max(floor, at - 40)
    window = text[low:at]
    if not window or window[-1].isspace():
        return at, ""
    word = window.rsplit(None, 1)[-1]
    while len(word) == at - low and low > floor:  # the token started before the window
        low = max(floor, low - 400)
        word = text[low:at].rsplit(None, 1)[-1]
    return at - len(word), word


def _previous_token(text: str, word_start: int, para_start: int) -> str:
    window = text[max(para_start, word_start - 12) : word_start].rstrip()
    return window.rsplit(None, 1)[-1] if window else ""


def _starts_sentence(rest: str) -> bool:
    """Whether the word after an ambiguous abbreviation typically opens a sentence."""
    match = _LEADING_WORD.match(rest)
    if match is None:
        return False
    word = match.group()
    if len(word) == 1 and rest[1:2] == ".":
        return False  # another initial: "J. R. R. Tolkien", "А. С. Пушкин"
    return word in _STARTERS
