"""Uploaded documents: a zip bomb disguised as a .docx is refused before it is inflated."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from claimextract.documents import DocumentError, document_to_text

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paragraphs: list[str], *, padding: int = 0) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    # Padding is whitespace inside the XML: it inflates hugely and compresses to almost nothing.
    document = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w") as member:
            member.write(document.encode())
            chunk = b" " * (1024 * 1024)
            for _ in range(padding):
                member.write(chunk)
            member.write(b"</w:body></w:document>")
    return buffer.getvalue()


def test_a_real_docx_gives_its_paragraphs():
    data = docx(["Officials said 2,030 troops arrived.", "The ministry confirmed it."])
    assert document_to_text("story.docx", data) == (
        "Officials said 2,030 troops arrived.\nThe ministry confirmed it."
    )


def test_a_docx_that_inflates_to_300_mb_is_refused_within_a_second():
    bomb = docx(["Officials said 2,030 troops arrived."], padding=300)
    assert len(bomb) < 1024 * 1024  # a small upload, well under the article size limit
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="would inflate to 300 MB"):
        document_to_text("bomb.docx", bomb)
    assert time.perf_counter() - started < 1.0


def test_a_docx_with_a_highly_compressed_part_is_refused():
    bomb = docx(["x"], padding=5)  # 5 MB of spaces compress far beyond any document
    with pytest.raises(DocumentError, match="refused as unsafe"):
        document_to_text("bomb.docx", bomb)


def test_a_truncated_docx_is_a_clear_error():
    data = docx(["Officials said 2,030 troops arrived."])
    with pytest.raises(DocumentError, match="could not be read"):
        document_to_text("broken.docx", data[: len(data) // 2])
