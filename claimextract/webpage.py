"""Main text and metadata of a fetched document. Pure Python (trafilatura), no Django."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from claimextract.documents import DocumentError, decode_text, html_to_text
from claimextract.metadata import page_metadata

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass
class ExtractedDocument:
    title: str
    text: str
    author: str
    publisher: str
    published: datetime.date | None
    content_hash: str


def content_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def parse_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_document(
    body: bytes, *, content_type: str, url: str = "", charset: str = ""
) -> ExtractedDocument:
    """Text and metadata of a document; HTML through trafilatura, text kept as it is."""
    digest = content_hash(body)
    if content_type in HTML_TYPES:
        html = decode_html(body, charset)
        return extract_html(html, url=url, digest=digest)
    try:
        text = decode_text(body, name=url or "the document")
    except DocumentError:
        text = body.decode(charset or "utf-8", errors="replace")
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")[:500]
    return ExtractedDocument(
        title=title, text=text, author="", publisher="", published=None, content_hash=digest
    )


def decode_html(body: bytes, charset: str) -> str:
    for encoding in (charset, "utf-8"):
        if encoding:
            try:
                return body.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("cp1252", errors="replace")


def extract_html(html: str, *, url: str = "", digest: str = "") -> ExtractedDocument:
    """Main text and metadata of an HTML page; `page_metadata` gives the same title,
    outlet, author and date for an uploaded .html file."""
    meta = page_metadata(html, url=url)
    return ExtractedDocument(
        title=meta.title,
        text=html_to_text(html),
        author=meta.author,
        publisher=meta.outlet,
        published=meta.published,
        content_hash=digest or content_hash(html.encode("utf-8")),
    )
