"""Title, outlet, author and published date of an HTML page, for every way a page comes in
(a fetched URL or an uploaded .html file). Pure Python (trafilatura, htmldate), no Django.

Dates: htmldate's extensive search runs dateparser over every date-like string of the page
with language detection across all its locales, which costs seconds on a page whose dates
are not in English (the first call loads every locale). The search here is the fast one
(meta tags, JSON-LD, <time>, the URL); when it finds nothing, the few elements whose class
or id says "date" are parsed in the page's own language only.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

MAX_TITLE = 500
MAX_AUTHOR = 300
MAX_OUTLET = 300

# Separators between a headline and what a site appends to it: " | DW | 19.01.2020",
# " - BBC News", " — football.ua". A hyphen counts only with spaces around it.
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|·|•)\s+")
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
_DATE_SEGMENT = re.compile(
    rf"^(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|\d{{1,2}}\.? (?:{_MONTHS})\.? \d{{4}}|"
    rf"(?:{_MONTHS})\.? \d{{1,2}},? \d{{4}}|\d{{4}})$",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+$", re.IGNORECASE)
_POSTS_BY = re.compile(r"^(?:view|see) (?:all )?(?:posts|articles|stories) by\s+", re.IGNORECASE)
# What a page's author field holds when it names nobody.
_NO_AUTHOR = frozenset(
    {
        "unknown",
        "no author",
        "n/a",
        "none",
        "admin",
        "administrator",
        "anonymous",
        "author",
        "by",
        "date",
        "datum",
        "editor",
        "staff",
    }
)
_BY = re.compile(r"^(?:by|von|par|por|di)\s+", re.IGNORECASE)
_DATE_CLASS = (
    "//*[contains(translate(@class,'DATE','date'),'date') or contains(@itemprop,'date')"
    " or contains(translate(@id,'DATE','date'),'date')]"
)
_MAX_DATE_CANDIDATES = 8
_EARLIEST = datetime.date(1990, 1, 1)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class PageMetadata:
    title: str
    outlet: str
    author: str
    published: datetime.date | None
    language: str
    url: str


def _squash(text: str) -> str:
    return re.sub(r"[^\w]", "", text.casefold())


def _site_keys(site_names: tuple[str, ...]) -> set[str]:
    keys = set()
    for name in site_names:
        if not name:
            continue
        keys.add(_squash(name))
        host = name.casefold().removeprefix("www.")
        if _DOMAIN.match(host):
            # "dw.com" also answers to "DW", "bbc.co.uk" to "BBC".
            keys.add(_squash(host.split(".")[0]))
    keys.discard("")
    return keys


def _is_site_segment(segment: str, keys: set[str]) -> bool:
    squashed = _squash(segment)
    if not squashed:
        return True
    if _DATE_SEGMENT.match(segment.strip()) or _DOMAIN.match(segment.strip()):
        return True
    return any(squashed == key or (len(key) >= 3 and squashed.startswith(key)) for key in keys)


def clean_title(title: str, *, site_names: tuple[str, ...] = ()) -> str:
    """The headline without what the site appends or prepends to it.

    Trailing (or leading) segments after a separator are dropped when they are the site's
    name or host, a domain, or a date: "Title | DW | 19.01.2020" -> "Title". A segment that
    is part of the headline ("Brexit - what next") stays.
    """
    title = " ".join(title.split())
    keys = _site_keys(site_names)
    # Segments as (start, end) spans of the title, separators between them.
    bounds = [0]
    for separator in _TITLE_SEPARATOR.finditer(title):
        bounds.extend(separator.span())
    bounds.append(len(title))
    segments = list(zip(bounds[::2], bounds[1::2], strict=True))
    while len(segments) > 1 and _is_site_segment(title[slice(*segments[-1])], keys):
        segments.pop()
    while len(segments) > 1 and _is_site_segment(title[slice(*segments[0])], keys):
        segments.pop(0)
    return title[segments[0][0] : segments[-1][1]].strip()[:MAX_TITLE]


def clean_author(author: str) -> str:
    """Names of the authors, "By" and placeholders ("Unknown", "admin") dropped."""
    names = []
    for name in re.split(r";|\|", author or ""):
        name = _BY.sub("", _POSTS_BY.sub("", name.strip())).strip()
        if name and name.casefold() not in _NO_AUTHOR and name not in names:
            names.append(name)
    return "; ".join(names)[:MAX_AUTHOR]


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _parse_iso(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


@lru_cache(maxsize=16)
def _date_parser(languages: tuple[str, ...]) -> Any:
    from dateparser import DateDataParser  # type: ignore[import-untyped]

    return DateDataParser(
        languages=list(languages),
        settings={"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False},
    )


def _visible_date(tree: HtmlElement, language: str, today: datetime.date) -> datetime.date | None:
    """The first date printed in an element marked as a date, read in the page's language."""
    tried = 0
    for element in tree.xpath(_DATE_CLASS):
        text = " ".join(element.text_content().split())
        if not text or len(text) > 60 or not any(ch.isdigit() for ch in text):
            continue
        tried += 1
        if tried > _MAX_DATE_CANDIDATES:
            return None
        languages: tuple[str, ...] = (language,)
        if language == "en" and _CYRILLIC.search(text):
            # A page that does not say its language: its script narrows the guess.
            languages = ("ru", "uk")
        try:
            found = _date_parser(languages).get_date_data(text).date_obj
        except (ImportError, ValueError):  # dateparser missing, or a language it lacks
            return None
        if isinstance(found, datetime.datetime) and _EARLIEST <= found.date() <= today:
            return found.date()
    return None


def _page_language(tree: HtmlElement, fallback: str) -> str:
    values = tree.xpath(
        "/html/@lang|/html/@xml:lang|//meta[@http-equiv='content-language']/@content"
    )
    for value in values:
        code = str(value).strip().split("-")[0].split("_")[0].lower()
        if re.fullmatch(r"[a-z]{2,3}", code):
            return code
    return fallback


def page_metadata(html: str, *, url: str = "", language: str = "") -> PageMetadata:
    """Title (site suffix dropped), outlet, author, published date and language of a page.

    `url` is where the page came from, when known (a fetched page); an uploaded file has
    none, and the page's own canonical or og:url stands in for it.
    """
    from lxml import html as lxml_html
    from trafilatura.metadata import extract_metadata

    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises several types on hopeless markup
        return PageMetadata("", "", "", None, language, url)
    meta = extract_metadata(tree, default_url=url or None, extensive=False)
    page_url = url or (meta.url or "")
    host = _host(page_url) or (meta.hostname or "").removeprefix("www.")
    sitename = " ".join((meta.sitename or "").split())
    sitename = re.sub(r"^https?://(?:www\.)?", "", sitename).rstrip("/")
    if _DATE_SEGMENT.match(sitename) or not any(ch.isalpha() for ch in sitename):
        # trafilatura takes a title's last segment for the site's name; a date is not one.
        sitename = ""
    outlet = sitename or host
    page_language = _page_language(tree, language or "en")
    published = _parse_iso(meta.date)
    if published is None:
        published = _visible_date(tree, page_language, datetime.date.today())
    return PageMetadata(
        title=clean_title(meta.title or "", site_names=(sitename, host)),
        outlet=outlet[:MAX_OUTLET],
        author=clean_author(meta.author or ""),
        published=published,
        language=language or page_language,
        url=page_url,
    )


def document_metadata(name: str, data: bytes) -> PageMetadata | None:
    """The page metadata of an uploaded .html/.htm file; None for other files, whose
    metadata the uploader types."""
    from pathlib import PurePath

    from claimextract.documents import DocumentError, decode_text

    if PurePath(name).suffix.lower() not in (".html", ".htm"):
        return None
    try:
        html = decode_text(data, name=name)
    except DocumentError:
        return None
    return page_metadata(html)
