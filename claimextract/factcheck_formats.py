"""Published fact-checks from files: JSON Lines, schema.org ClaimReview JSON-LD, CSV.

Pure Python, no Django. Each parser yields, in file order, a `FactCheckRecord` for every
good record and a `RecordError` (with the line the record starts on) for every bad one, so
an importer can keep the good ones and report the rest.

- JSON Lines: one object a line, in the shape of the CheckThat! verified claims
  (`vclaim_id`, `vclaim`, `title`, `subtitle`, `page_url`, `author`, `date`); a line that
  holds a ClaimReview object is read as one.
- ClaimReview JSON-LD: one object, a list, an `@graph`, or a `DataFeed` whose
  `dataFeedElement` items are ClaimReviews (or hold one in `item`).
- CSV with a header naming its columns (`id`, `claim`, `title`, `rating`, `url`, `date` ...;
  the aliases are in `COLUMNS`); a `.tsv` file is the same with tabs.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Any

FORMATS = ("jsonl", "claimreview", "csv", "tsv")


@dataclass(frozen=True)
class FactCheckRecord:
    identifier: str
    claim: str
    line: int
    title: str = ""
    subtitle: str = ""
    publisher: str = ""
    author: str = ""
    rating: str = ""
    rating_value: float | None = None
    rating_best: float | None = None
    rating_worst: float | None = None
    claimant: str = ""
    url: str = ""
    appearance_url: str = ""
    published: datetime.date | None = None
    # What was left out of an otherwise good record (an unreadable date or rating value).
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordError:
    line: int
    message: str
    identifier: str = ""

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


Parsed = FactCheckRecord | RecordError


class FormatError(ValueError):
    """The file as a whole cannot be read in the format asked for."""


# --- dates --------------------------------------------------------------------------------

_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y/%m/%d")
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# "21February 2009"
_GLUED = re.compile(r"\b(\d{1,2})(?=[A-Za-z]{3,})")


def parse_date(value: Any) -> datetime.date | None:
    """ISO dates and datetimes ("2021-03-06", "2021-03-06T10:00:00Z"), "6 March 2021",
    "March 6, 2021"; None for an empty value; ValueError for anything else."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"unreadable date {value!r}")
    text = value.strip()
    if not text:
        return None
    match = _ISO_PREFIX.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValueError(f"unreadable date {_short(text)}") from None
    text = " ".join(_GLUED.sub(r"\1 ", text).split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
    raise ValueError(f"unreadable date {_short(value)} (expected YYYY-MM-DD or '6 March 2021')")


def _short(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "...")


# --- records ------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise ValueError(f"expected text, got {value!r}")
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__}")
    return " ".join(value.split())


def _number(value: Any, name: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, got {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None


def _record(line: int, **values: Any) -> Parsed:
    """A record from raw values, or the error that makes it unusable. An unreadable date or
    rating value is left out with a warning: the fact-check is still worth having."""
    identifier = ""
    try:
        clean = {name: _text(values.get(name)) for name in _TEXT_FIELDS}
    except ValueError as exc:
        return RecordError(line, str(exc), _text_or_empty(values.get("identifier")))
    identifier = clean["identifier"] or clean["url"]
    if not identifier:
        return RecordError(line, "no identifier and no url: the record cannot be matched")
    if not clean["claim"]:
        return RecordError(line, "no claim text", identifier)
    clean["identifier"] = identifier
    warnings = []
    published = None
    try:
        published = parse_date(values.get("published"))
    except ValueError as exc:
        warnings.append(f"{exc}: imported without a date")
    numbers: dict[str, float | None] = {}
    for name, label in _NUMBER_FIELDS:
        try:
            numbers[name] = _number(values.get(name), label)
        except ValueError as exc:
            numbers[name] = None
            warnings.append(f"{exc}: left out")
    # `clean` holds the text fields and `numbers` the numeric ones, by their field names.
    return FactCheckRecord(
        line=line,
        published=published,
        warnings=tuple(warnings),
        **clean,  # type: ignore[arg-type]
        **numbers,  # type: ignore[arg-type]
    )


_TEXT_FIELDS = (
    "identifier",
    "claim",
    "title",
    "subtitle",
    "publisher",
    "author",
    "rating",
    "claimant",
    "url",
    "appearance_url",
)
_NUMBER_FIELDS = (
    ("rating_value", "ratingValue"),
    ("rating_best", "bestRating"),
    ("rating_worst", "worstRating"),
)


def _text_or_empty(value: Any) -> str:
    try:
        return _text(value)
    except ValueError:
        return ""


def from_vclaim(obj: dict[str, Any], line: int) -> Parsed:
    """A record from an object in the shape of the CheckThat! verified claims (or of this
    module's own field names)."""
    return _record(
        line,
        identifier=_first(obj, "vclaim_id", "identifier", "id"),
        claim=_first(obj, "vclaim", "claim", "claim_reviewed"),
        title=obj.get("title"),
        subtitle=obj.get("subtitle"),
        publisher=obj.get("publisher"),
        author=obj.get("author"),
        rating=_first(obj, "rating", "rating_label", "verdict"),
        rating_value=obj.get("rating_value"),
        rating_best=obj.get("rating_best"),
        rating_worst=obj.get("rating_worst"),
        claimant=obj.get("claimant"),
        url=_first(obj, "page_url", "url"),
        appearance_url=obj.get("appearance_url"),
        published=_first(obj, "date", "published", "date_published"),
    )


def _first(obj: dict[str, Any], *names: str) -> Any:
    for name in names:
        value = obj.get(name)
        if value not in (None, ""):
            return value
    return None


# --- ClaimReview --------------------------------------------------------------------------


def _types(obj: Any) -> set[str]:
    if not isinstance(obj, dict):
        return set()
    value = obj.get("@type", [])
    names = value if isinstance(value, list) else [value]
    return {str(n).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for n in names}


def _one(value: Any) -> Any:
    """schema.org allows a list wherever one value is expected: take the first."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _name(value: Any) -> str:
    value = _one(value)
    if isinstance(value, dict):
        return _text(_one(value.get("name")))
    return _text(value)


def _url_of(value: Any) -> str:
    value = _one(value)
    if isinstance(value, dict):
        return _text(_one(value.get("url")) or value.get("@id"))
    return _text(value)


def from_claimreview(obj: dict[str, Any], line: int) -> Parsed:
    """A record from one schema.org ClaimReview object."""
    if "ClaimReview" not in _types(obj):
        found = ", ".join(sorted(_types(obj))) or "no @type"
        return RecordError(line, f"not a ClaimReview ({found})", _text(obj.get("url")))
    try:
        rating = _one(obj.get("reviewRating")) or {}
        if not isinstance(rating, dict):
            rating = {"alternateName": rating}
        item = _one(obj.get("itemReviewed")) or {}
        if not isinstance(item, dict):
            item = {}
        author = _one(obj.get("author"))
        publisher = _name(obj.get("publisher"))
        person = ""
        if isinstance(author, dict) and "Person" in _types(author):
            person = _name(author)
        elif not publisher:
            publisher = _name(author)
        elif _name(author) != publisher:
            person = _name(author)
        appearance = _url_of(item.get("firstAppearance")) or _url_of(item.get("appearance"))
        return _record(
            line,
            identifier=_one(obj.get("identifier")) or obj.get("@id") or _one(obj.get("url")),
            claim=_one(obj.get("claimReviewed")),
            title=_one(obj.get("headline")) or _one(obj.get("name")),
            subtitle=_one(obj.get("description")),
            publisher=publisher,
            author=person,
            rating=_one(rating.get("alternateName")) or _one(rating.get("name")),
            rating_value=_one(rating.get("ratingValue")),
            rating_best=_one(rating.get("bestRating")),
            rating_worst=_one(rating.get("worstRating")),
            claimant=_name(item.get("author")),
            url=_one(obj.get("url")),
            appearance_url=appearance,
            published=_one(obj.get("datePublished")),
        )
    except ValueError as exc:
        return RecordError(line, str(exc), _text(obj.get("url")))


class _Located:
    """Decodes a JSON text while remembering the line each value of interest starts on, so
    that the elements before a syntax error are still read."""

    def __init__(self, text: str):
        self.text = text
        self.decoder = json.JSONDecoder()

    def line_of(self, pos: int) -> int:
        return self.text.count("\n", 0, pos) + 1

    def skip(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos] in " \t\r\n\ufeff":
            pos += 1
        return pos

    def at(self, pos: int, char: str) -> bool:
        return self.text.startswith(char, pos)

    def value(self, pos: int) -> tuple[Any, int]:
        try:
            return self.decoder.raw_decode(self.text, pos)
        except json.JSONDecodeError as exc:
            raise FormatError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None

    def expect(self, pos: int, chars: str) -> None:
        if not any(self.at(pos, c) for c in chars):
            wanted = " or ".join(chars)
            raise FormatError(f"line {self.line_of(pos)}: not valid JSON (expected {wanted})")


# Where a feed keeps its reviews.
_CONTAINERS = frozenset({"dataFeedElement", "@graph", "itemListElement", "item"})
_MAX_DEPTH = 4

Located = Generator[tuple[Any, int], None, int]


def _walk(doc: _Located, pos: int, depth: int) -> Located:
    """Yield (object, line) of every review candidate in the value at `pos`: the value
    itself, or the elements of a list, a DataFeed, an @graph. Return where the value ends."""
    if doc.at(pos, "["):
        pos = doc.skip(pos + 1)
        if doc.at(pos, "]"):
            return pos + 1
        while True:
            pos = yield from _walk(doc, pos, depth + 1)
            pos = doc.skip(pos)
            doc.expect(pos, ",]")
            if doc.at(pos, "]"):
                return pos + 1
            pos = doc.skip(pos + 1)
    line = doc.line_of(pos)
    if not doc.at(pos, "{") or depth >= _MAX_DEPTH:
        value, end = doc.value(pos)
        yield value, line
        return end
    try:
        obj, end = doc.decoder.raw_decode(doc.text, pos)
    except json.JSONDecodeError:
        obj, end = None, -1
    if isinstance(obj, dict) and (_is_review(obj) or not _CONTAINERS & obj.keys()):
        yield obj, line
        return end
    return (yield from _walk_members(doc, pos, depth))


def _walk_members(doc: _Located, pos: int, depth: int) -> Located:
    """The reviews in the containers of the object at `pos` (a feed), read member by member
    so that a syntax error late in the feed keeps the reviews before it."""
    pos = doc.skip(pos + 1)
    if doc.at(pos, "}"):
        return pos + 1
    while True:
        key, pos = doc.value(pos)
        pos = doc.skip(pos)
        doc.expect(pos, ":")
        pos = doc.skip(pos + 1)
        if key in _CONTAINERS:
            pos = yield from _walk(doc, pos, depth + 1)
        else:
            _, pos = doc.value(pos)
        pos = doc.skip(pos)
        doc.expect(pos, ",}")
        if doc.at(pos, "}"):
            return pos + 1
        pos = doc.skip(pos + 1)


def _is_review(obj: dict[str, Any]) -> bool:
    return "ClaimReview" in _types(obj)


def parse_claimreview(text: str) -> Iterator[Parsed]:
    doc = _Located(text)
    pos = doc.skip(0)
    if pos >= len(text):
        return
    try:
        end = yield from _reviews(doc, pos)
        rest = doc.skip(end)
        if rest < len(text):
            raise FormatError(
                f"line {doc.line_of(rest)}: not valid JSON (more after the document; "
                "JSON Lines files are read as .jsonl)"
            )
    except FormatError as exc:
        line, _, message = str(exc).partition(": ")
        yield RecordError(int(line.removeprefix("line ")), message)


def _reviews(doc: _Located, pos: int) -> Generator[Parsed, None, int]:
    walker = _walk(doc, pos, 0)
    while True:
        try:
            obj, line = next(walker)
        except StopIteration as stop:
            end: int = stop.value
            return end
        if isinstance(obj, dict):
            yield from_claimreview(obj, line)
        else:
            yield RecordError(line, "not a JSON object")


# --- JSON Lines ---------------------------------------------------------------------------


def parse_jsonl(text: str) -> Iterator[Parsed]:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordError(number, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield RecordError(number, "not a JSON object")
        elif _is_review(obj):
            yield from_claimreview(obj, number)
        else:
            yield from_vclaim(obj, number)


# --- CSV ----------------------------------------------------------------------------------

COLUMNS: dict[str, tuple[str, ...]] = {
    "identifier": ("id", "identifier", "vclaim_id", "claim_id"),
    "claim": ("claim", "claim_reviewed", "claimreviewed", "vclaim", "text"),
    "title": ("title", "headline"),
    "subtitle": ("subtitle", "description", "summary"),
    "publisher": ("publisher", "organisation", "organization", "site"),
    "author": ("author", "reviewer"),
    "rating": ("rating", "rating_label", "verdict", "textual_rating", "alternatename"),
    "rating_value": ("rating_value", "ratingvalue"),
    "rating_best": ("rating_best", "best_rating", "bestrating"),
    "rating_worst": ("rating_worst", "worst_rating", "worstrating"),
    "claimant": ("claimant", "speaker", "claim_author"),
    "url": ("url", "page_url", "review_url", "link"),
    "appearance_url": ("appearance_url", "appearance", "first_appearance", "claim_url"),
    "published": ("date", "published", "date_published", "datepublished", "review_date"),
}


def _column_map(header: list[str]) -> dict[str, int]:
    normal = [re.sub(r"[\s\-]+", "_", h.strip().lstrip("\ufeff").lower()) for h in header]
    found: dict[str, int] = {}
    for name, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in normal:
                found[name] = normal.index(alias)
                break
    return found


def parse_csv(text: str, *, delimiter: str = ",") -> Iterator[Parsed]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield RecordError(1, f"unreadable header ({exc})")
        return
    columns = _column_map(header)
    if "claim" not in columns:
        names = ", ".join(COLUMNS["claim"])
        yield RecordError(1, f"the header has no claim column (one of: {names})")
        return
    end = reader.line_num
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RecordError(start, f"unreadable row ({exc})")
            return
        end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield RecordError(start, f"{len(row)} fields where the header names {len(header)}")
            continue
        values = {name: row[index] for name, index in columns.items() if index < len(row)}
        yield _record(start, **values)


# --- by file ------------------------------------------------------------------------------


def detect_format(name: str, text: str) -> str:
    """The format of a file from its extension, else from its first characters."""
    lower = name.lower()
    for ext, fmt in (
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".jsonld", "claimreview"),
        (".csv", "csv"),
        (".tsv", "tsv"),
    ):
        if lower.endswith(ext):
            return fmt
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("["):
        return "claimreview"
    if head.startswith("{"):
        try:
            whole = json.loads(head)
        except json.JSONDecodeError:
            try:
                json.loads(head.partition("\n")[0])
            except json.JSONDecodeError:
                return "claimreview"  # one object over several lines: its parser says where
            return "jsonl"  # objects one a line
        linked_data = isinstance(whole, dict) and (
            _types(whole) or {"@context", "@graph"} & whole.keys()
        )
        return "claimreview" if linked_data else "jsonl"
    first_line = head.partition("\n")[0]
    return "tsv" if first_line.count("\t") > first_line.count(",") else "csv"


def parse(text: str, fmt: str) -> Iterator[Parsed]:
    if fmt == "jsonl":
        return parse_jsonl(text)
    if fmt == "claimreview":
        return parse_claimreview(text)
    if fmt == "csv":
        return parse_csv(text)
    if fmt == "tsv":
        return parse_csv(text, delimiter="\t")
    raise FormatError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
