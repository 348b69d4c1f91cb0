"""Turn an uploaded or fetched document into plain article text. Pure Python, no Django.

Main text of HTML comes from trafilatura (boilerplate, navigation, scripts and styles
dropped); .docx paragraphs come from python-docx.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx")

# A .docx is a zip archive: these bounds are checked on its directory before anything is
# inflated, so a small upload that would inflate to hundreds of megabytes (a zip bomb) is
# refused at once. zipfile never reads past a member's declared size (a member that lies
# about it fails its CRC check), so the declared sizes bound the work.
DOCX_MAX_MEMBERS = 2_000
DOCX_MAX_MEMBER_BYTES = 25 * 1024 * 1024
DOCX_MAX_TOTAL_BYTES = 60 * 1024 * 1024
# Office XML compresses about 5-20x; a ratio far above that is a bomb, not a document.
DOCX_MAX_RATIO = 200


class DocumentError(ValueError):
    """The document cannot be turned into article text; the message says why, for a user."""


def decode_text(data: bytes, *, name: str = "the file") -> str:
    """Strict UTF-8 (with or without BOM); binary data is refused, never guessed at."""
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name} looks like a binary file, not text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{name} is not UTF-8 text (undecodable byte at position {exc.start})."
        ) from None
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 8:
        raise DocumentError(f"{name} looks like a binary file, not text.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Main text shorter than this (in characters) is checked against trafilatura's full pass.
SHORT_MAIN_TEXT = 1000


def _trafilatura_text(html: str, *, favor_recall: bool, fast: bool) -> str | None:
    import trafilatura

    return trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        favor_recall=favor_recall,
        fast=fast,
    )


def html_to_text(html: str) -> str:
    """The main text of an HTML page, paragraphs separated by newlines, no markup."""
    # Options measured on real pages (bench/extraction_pages.py, docs/EXTRACTION.md):
    # readers' comments are never the article; tables often are (figures, results);
    # trafilatura's fallback extractors (fast=False) let more furniture in and cost time.
    text = _trafilatura_text(html, favor_recall=True, fast=True)
    if len(text or "") < SHORT_MAIN_TEXT:
        # Too short for an article: the fast pass may have picked a teaser block. The
        # full pass, fallback extractors included, gets a second say.
        second = _trafilatura_text(html, favor_recall=False, fast=False)
        if len(second or "") > 2 * len(text or ""):
            text = second
    if not text:
        # trafilatura finds no "main content" in tiny or fragmentary pages: fall back to
        # the visible text of the body.
        from lxml import html as lxml_html

        try:
            tree = lxml_html.fromstring(html)
        except Exception:  # noqa: BLE001 - lxml raises several types on hopeless markup
            return ""
        for bad in tree.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        text = "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())
    return text


def check_docx_archive(data: bytes) -> None:
    """Refuse an archive whose members would inflate beyond what an article can be."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentError(f"The .docx file could not be read ({exc}).") from None
    if len(members) > DOCX_MAX_MEMBERS:
        raise DocumentError(f"The .docx file has {len(members):,} parts; a document has far fewer.")
    total = 0
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > DOCX_MAX_MEMBER_BYTES or (
            member.file_size > 1024 * 1024 and ratio > DOCX_MAX_RATIO
        ):
            raise DocumentError(
                f"The .docx file's part {member.filename!r} would inflate to "
                f"{member.file_size / 1024 / 1024:,.0f} MB; it is refused as unsafe."
            )
        total += member.file_size
    if total > DOCX_MAX_TOTAL_BYTES:
        raise DocumentError(
            f"The .docx file would inflate to {total / 1024 / 1024:,.0f} MB; "
            f"at most {DOCX_MAX_TOTAL_BYTES // 1024 // 1024} MB is read."
        )


def docx_to_text(data: bytes) -> str:
    import docx

    check_docx_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, NotImplementedError, RuntimeError) as exc:
        # NotImplementedError: an unsupported compression method; RuntimeError: encrypted.
        raise DocumentError(f"The .docx file could not be read ({exc}).") from None
    return "\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())


def document_to_text(name: str, data: bytes) -> str:
    """Article text from an uploaded file, chosen by its extension."""
    extension = PurePath(name).suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        allowed = ", ".join(SUPPORTED_EXTENSIONS)
        raise DocumentError(f"Unsupported file type {extension or '(none)'!r}; use {allowed}.")
    if extension == ".docx":
        return docx_to_text(data)
    text = decode_text(data, name=name)
    if extension in (".html", ".htm"):
        return html_to_text(text)
    return text
