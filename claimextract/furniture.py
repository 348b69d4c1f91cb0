"""Page furniture in the main text of a web page: the lines that are not the article.

Main-text extraction keeps some of what surrounds an article: bylines and datelines,
"Read more" and related-story links, share and print labels, newsletter and cookie
prompts, photo credits, video durations, metadata lists printed as a run of short label
lines ("Date / 19.01.2020 / Author / ... / Permalink"), and lines repeated from earlier in
the text. `find_furniture` names those lines without changing the text, so nothing is
lost: the desk can say "N lines left out" and restore one. Pure Python, no Django.

The rules are about the shape and wording of a line, never about a site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]+")

# A line that is only a prompt or a label: "Read more", "Share this article", "Advertisement".
_PROMPT = re.compile(
    r"^\W*(?:"
    r"read (?:more|also|next|the full|the latest)|also read|see also|"
    r"more (?:from|on|about|stories|news|:)|"
    r"related(?: (?:articles?|stories|content|posts|coverage|topics|subjects|links|reading|news))?|"
    r"recommended(?: for you)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested)|"
    r"most (?:read|popular|viewed|shared)|trending|top stories|latest (?:news|stories|videos)|"
    r"watch(?: (?:now|video|live|the video|more))?|play video|video|"
    r"listen(?: to (?:this|the) (?:article|story|podcast))?|"
    r"share(?: (?:this|on|via|the|article|story|page|post))?|tweet|email|e-mail|print|permalink|"
    r"advertisement|advertising|sponsored(?: content)?|ad|skip (?:ad|advertisement)|"
    r"feedback|comments?|leave a (?:comment|reply)|(?:\d+ )?comments?|"
    r"follow us|like us on facebook|click here|tap here|"
    r"back to top|next article|previous article|next|previous|"
    r"image|photo|video|gallery|caption|close|menu|search|home|"
    r"tags?|topics?|keywords?|categor(?:y|ies)|filed under|posted in|section|"
    r"about the authors?|author|authors|date|published|updated|source|sources"
    r")\b",
    re.IGNORECASE,
)
# What a media player prints as text: its controls and status ("Current Time 0:00").
_PLAYER = re.compile(
    r"(?i)^\W*(?:play|pause|replay|mute|unmute|fullscreen|non-fullscreen|exit fullscreen|"
    r"now playing|up next|loaded|progress|current time|remaining time|duration(?: time)?|"
    r"stream type|live|playback rate|chapters|descriptions?(?: off| settings)?|"
    r"captions?(?: off| settings)?|subtitles?(?: off| settings)?|audio track|quality levels|"
    r"this is a modal window|beginning of dialog window|end of dialog window|"
    r"(?:toggle|hide|show) caption|enlarge this image|click to enlarge|loading)\b"
)
# A caption announced as one: "Image caption Residents were moved to a school".
_CAPTION_LABEL = re.compile(
    r"(?i)^\W*(?:image caption|media caption|image source|image copyright|copyright holder|"
    r"file photo|caption)\b"
)
# Prompts anywhere in a short line: newsletters, subscriptions, cookies, sign-ins.
_CALL_TO_ACTION = re.compile(
    r"\b(?:sign up|signup|subscribe|subscribers?|subscription|newsletters?|log ?in|sign in|"
    r"register (?:now|here|for)|(?:use|accept|allow) (?:of )?cookies|"
    r"all rights reserved|copyright|©|download (?:the|our) app|"
    r"(?:follow|join) us|get (?:the|our) (?:latest|best|free)|"
    r"in your inbox|delivered to your inbox|enter your e-?mail|submit your)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^\W*(?:(?i:written|posted|reported|reporting|edited|editing|compiled|photos?|words|text|"
    r"interview|story)\s+(?i:by)|By|BY)\s+[A-Z\u00c0-\u024f]"
)
_CREDIT = re.compile(
    r"(?:^|\()\s*(?:photo|image|picture|video|graphic|illustration|source|credit|foto)s?"
    r"(?: credit)?\s*(?::|by|/|©)|getty images|\bap photo\b|\breuters/|afp via|"
    r"\b(?:shutterstock|istock|alamy|epa)\b",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"^(?:\W*(?:duration|length|runtime|time)\W*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:min|mins|minutes))?\W*$",
    re.I,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"^\W*(?:(?:published|posted|updated|last updated|last modified|modified|created|date|on)"
    rf"\s*:?\s*)?"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|\d{{4}})"
    rf"(?:\s*(?:,|at|-|\|)?\s*\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?\W*$",
    re.IGNORECASE,
)
_RELATIVE_TIME = re.compile(
    r"^\W*(?:updated\s+|posted\s+)?\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\W*$",
    re.IGNORECASE,
)
# Link labels of a page's footer, furniture only as a line of a few words.
_FOOTER_LINK = re.compile(
    r"\b(?:privacy policy|privacy|cookies?(?: policy| settings)?|terms(?: of (?:use|service))?|"
    r"imprint|impressum|contact us|about us|site ?map|accessibility|careers)\b",
    re.IGNORECASE,
)
# A caption whose credit ends the line: "... in Las Croabas. By U.S. CUSTOMS".
_TRAILING_CREDIT = re.compile(
    r"[.!?]\s+(?:by|photo:|credit:|source:)\s+[^!?]{2,60}(?<![.!?])$", re.IGNORECASE
)
_LABEL_VALUE = re.compile(
    r"^\W*(?:(?:\w+\s+){0,2}(?:date|time)|tags?|topics?|keywords?|categor(?:y|ies)|"
    r"filed under|posted in|section|author|authors|"
    r"date|published|updated|source|related subjects?|permalink|share|photo|image|credit)\s*:",
    re.IGNORECASE,
)
# The labels of a metadata list printed under an article ("Date", "Author", "Permalink").
_KNOWN_LABEL = re.compile(
    r"(?i)(?:date|time|author|authors|source|sources|related subjects?|related topics?|subjects?|"
    r"keywords?|tags?|topics?|categor(?:y|ies)|section|feedback|print|permalink|share|"
    r"send|email|e-mail|comments?|published|updated|audio|video|image|photo|credits?)"
)
_LINK_HEADING = re.compile(
    r"(?i)(?:more|related(?: \w+)?|read more|read also|also read|see also|recommended(?: for you)?|"
    r"most read|most popular|most viewed|you (?:may|might) also like|top stories|"
    r"latest (?:news|stories)|more (?:from|on|about|stories|news)(?: .{1,40})?)"
)
# "Read more: <headline>", "WATCH | <title>", "Related » <headline>".
_LINK_PREFIX = re.compile(
    r"(?i)^\W*(?:read (?:more|also|next)|also read|see also|related(?: \w+)?|more|watch|"
    r"listen|video|photos?|gallery|recommended|opinion)\s*[:»›>|]"
)
_TERMINAL = re.compile(r"[.!?…:;\"'”’»)。！？」]\s*$")
_WORD = re.compile(r"\w+")

# Lines up to this length are judged by their wording; longer ones are prose.
SHORT_LINE = 160
LABEL_LINE = 40
# A run of this many short label lines is a metadata list, not an article's list.
LABEL_RUN = 4
# After a "Related" / "Read more" heading, the headline-like lines that follow are links.
LINK_LIST_MAX = 12
# A line repeated from earlier in the text is furniture from this many words on; shorter
# ones are headings and labels ("Ingredients", "Tuples") that a page may well repeat.
REPEAT_MIN_WORDS = 4
# This many headline-like lines ending the text are links to other stories.
TAIL_LINKS = 2


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A line of the text left out as page furniture: `text[start:end]`, and why."""

    start: int
    end: int
    text: str
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_bullet(line: str) -> bool:
    return line.startswith(("- ", "* ", "• "))


def _line_reason(line: str) -> str | None:
    """Why one line on its own is furniture, or None."""
    bare = line.lstrip("-*• ").strip()
    if not _WORD.search(bare):
        return "no words"
    if _is_table_row(line):
        return None
    if len(bare) > SHORT_LINE:
        return None
    words = _words(bare)
    if _DURATION.match(bare):
        return "duration"
    if _PLAYER.match(bare) and words <= 8:
        return "player"
    if _CAPTION_LABEL.match(bare) and words <= 40:
        return "caption"
    if _DATELINE.match(bare) or _RELATIVE_TIME.match(bare):
        return "dateline"
    if _LABEL_VALUE.match(bare) and words <= 25:
        return "metadata"
    if _PROMPT.match(bare) and (words <= 5 or bare.rstrip().endswith((":", "»", "›", ">"))):
        return "prompt"
    if _LINK_PREFIX.match(bare):
        return "prompt"
    if _BYLINE.match(bare) and words <= 12 and not bare.rstrip().endswith((".", "!", "?")):
        return "byline"
    if _BYLINE.match(bare) and words <= 6:
        return "byline"
    if _CREDIT.search(bare) and words <= 14:
        return "credit"
    if _CALL_TO_ACTION.search(bare) and words <= 30:
        return "prompt"
    if _FOOTER_LINK.search(bare) and words <= 5 and not _TERMINAL.search(bare):
        return "footer link"
    if _TRAILING_CREDIT.search(bare) and words <= 60:
        return "caption"
    return None


def _is_table_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def _is_label(line: str) -> bool:
    bare = line.strip()
    return (
        len(bare) <= LABEL_LINE
        and not _TERMINAL.search(bare)
        and not _is_bullet(bare)
        and not _is_table_row(bare)
        and _words(bare) <= 5
    )


def _is_link_heading(line: str) -> bool:
    bare = line.lstrip("-*• #").strip().rstrip(":").strip()
    return bool(_LINK_HEADING.fullmatch(bare))


def _is_story_link(line: str) -> bool:
    """A headline of another story: several words, no closing punctuation, not a table row."""
    return (
        6 <= _words(line) <= 40
        and not _TERMINAL.search(line)
        and "|" not in line
        and not _is_bullet(line)
    )


def _normal(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


def find_furniture(text: str) -> list[LeftOut]:
    """The lines of `text` that are page furniture, in order, with offsets into `text`."""
    lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(text)]
    reasons: list[str | None] = []
    seen: set[str] = set()
    for _, _, raw in lines:
        line = raw.strip()
        reason = _line_reason(line)
        key = _normal(line)
        if (
            reason is None
            and key in seen
            and len(key.split()) >= REPEAT_MIN_WORDS
            and not _is_table_row(line)
        ):
            reason = "repeated"
        if key:
            seen.add(key)
        reasons.append(reason)

    # A run of short label lines ("Date", "19.01.2020", "Author", ...) is a metadata list.
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and (reasons[end] is not None or _is_label(lines[end][2])):
            end += 1
        labels = sum(
            1 for i in range(index, end) if _KNOWN_LABEL.fullmatch(lines[i][2].strip().rstrip(":"))
        )
        if end - index >= LABEL_RUN and labels >= 2:
            for i in range(index, end):
                reasons[i] = reasons[i] or "metadata list"
        index = max(end, index + 1)

    # Headline-like lines right after a "Related" / "Read more" heading are story links.
    for index, (_, _, raw) in enumerate(lines):
        if not _is_link_heading(raw.strip()):
            continue
        for follow in range(index + 1, min(index + 1 + LINK_LIST_MAX, len(lines))):
            line = lines[follow][2].strip()
            if len(line) > SHORT_LINE or (
                _TERMINAL.search(line) and not line.endswith(("?", "!", "'", '"', "”", "’"))
            ):
                break
            reasons[follow] = reasons[follow] or "related link"

    # The text ends in a run of headline-like lines: links to other stories.
    tail = len(lines)
    while tail > 0 and _is_story_link(lines[tail - 1][2].strip()):
        tail -= 1
    if len(lines) - tail >= TAIL_LINKS:
        for index in range(tail, len(lines)):
            reasons[index] = reasons[index] or "related link"

    return [
        LeftOut(start, end, text[start:end], reason)
        for (start, end, _), reason in zip(lines, reasons, strict=True)
        if reason is not None
    ]
