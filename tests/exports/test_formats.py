"""Content and safety of each export format, on hand-made snapshots."""

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import markdown as markdown_lib
import pytest
from pypdf import PdfReader

from reviews.exports import FORMATS, csv_export, html, json_export, pdf
from reviews.exports import markdown as markdown_export
from reviews.exports.snapshot import EvidenceEntry, ReportSnapshot
from tests.exports.samples import claim, sample, snapshot

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "report.schema.json").read_text())
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_renders_the_same_bytes_twice(name):
    # Renderings are stored with a content hash: the same snapshot must give the same bytes.
    module = FORMATS[name].module
    assert module.render(sample()) == module.render(sample())


# --- HTML ----------------------------------------------------------------------------------


def test_html_report_shows_metadata_summary_claims_evidence_credits_and_corrections():
    page = html.render(sample()).decode()
    for text in [
        "Kazakhstan restores order",
        "Factcheck demo",
        "10 January 2022",
        'href="https://news.example.com/kazakhstan"',
        "Report version 2, published 12 January 2022 by Erin Editor",
        "As many as 7,939 people had been detained during the violence.",
        "Kazakh Ministry of Internal Affairs",
        "Mostly true",
        "Misleading",
        "Later figures put it at 9,900.",
        "Supports:",
        "Statistics Office",
        "7,939 people were detained",
        'href="https://desk.example.org/media/snapshots/2022/01/a.html"',
        "Reviewed by Rita Reviewer; approved by Erin Editor on 12 January 2022",
        "changed from False to Mostly true on 12 January 2022: the ministry published",
        "Methodology",
        "We check <strong>facts</strong>.",
    ]:
        assert text in page, text


def test_html_report_marks_pending_claims():
    page = html.render(sample()).decode()
    claim3 = page[page.index('id="claim-103"') :]
    assert "Pending: Half true" in claim3[:400]
    assert "not approved yet" in claim3


def test_html_report_embeds_valid_claimreview_json_ld():
    page = html.render(sample()).decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(match.group(1))
    assert [r["reviewRating"]["alternateName"] for r in data] == ["Mostly true", "Misleading"]


def test_html_report_loads_nothing_from_elsewhere():
    s = snapshot(
        claim(
            1,
            "A claim.",
            rationale="![x](http://127.0.0.1:9/x.png) <link "
            'rel=stylesheet href="http://127.0.0.1:9/s.css"> <style>@import '
            "url(http://127.0.0.1:9/i.css);</style>",
        )
    )
    page = html.render(s).decode()
    assert "127.0.0.1" not in page
    assert not re.search(r"<(img|link|iframe|object|embed|video|audio|source)\b", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # the page's own Content-Security-Policy


def test_html_report_escapes_payloads_in_every_text_field():
    s = snapshot(
        claim(
            1,
            f"Claim {XSS}",
            speaker=f"Speaker {XSS}",
            rationale=f"Rationale {XSS} [click](javascript:alert(2))",
            conclusion=f"Conclusion {XSS}",
            reviewed_by=XSS,
            evidence=(
                EvidenceEntry(
                    stance="refutes",
                    url=f"javascript:alert(3)//{XSS}",
                    title=XSS,
                    publisher=XSS,
                    quote=f"Quote {XSS}",
                    note=XSS,
                ),
            ),
        ),
        article=sample().article.__class__(id=7, title=f"Title {XSS}", url="javascript:alert(4)"),
    )
    page = html.render(s).decode()
    body = page[page.index("<body>") :]
    assert "<script" not in body and "<img" not in body
    assert "javascript:" not in re.sub(r">[^<]*<", "><", body)  # not in any tag or attribute
    assert "Claim &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in body
    assert "Quote &lt;script&gt;" in body


def test_html_rating_colours_are_classes_not_style_attributes():
    page = html.render(sample()).decode()
    assert "style=" not in page
    assert ".fc-report .fc-rating-mostly-true { background: #4d9a3a; }" in page
    assert 'class="fc-badge fc-rating-mostly-true"' in page


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_report_contains_each_claim_rating_and_the_corrections():
    data = pdf.render(sample())
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    for c in sample().claims:
        assert c.text in text
        assert c.rating in text
    assert "changed from False to Mostly true" in text
    assert "Page 1 of" in text


def test_pdf_fetcher_serves_inline_data_but_refuses_every_url():
    fetcher = pdf.NoOutsideRequests()
    response = fetcher.fetch("data:text/plain;base64,aGk=")
    assert response.read() == b"hi"
    for url in [
        "http://127.0.0.1/x",
        "https://example.org/",
        "file:///etc/passwd",
        "ftp://example.org/x",
    ]:
        with pytest.raises(pdf.RefusedRequest):
            fetcher.fetch(url)


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_report_has_summary_table_claims_evidence_and_corrections():
    text = markdown_export.render(sample()).decode()
    assert text.startswith("# Fact-check: Kazakhstan restores order\n")
    assert (
        "| 1 | As many as 7,939 people had been detained during the violence. | "
        "Kazakh Ministry of Internal Affairs | **Mostly true** | "
        "Later figures put it at 9,900. |"
    ) in text
    assert "| 3 | More than 2,000 people were injured. | — | Pending: Half true |" in text
    assert "- **Supports:** [Detention statistics](<https://stats.example.org/detentions>)" in text
    assert "> 7,939 people were detained" in text
    assert "1. Version 2: Rating of claim 1" in text
    assert "## Methodology" in text


def test_markdown_report_keeps_payloads_as_text_when_rendered():
    s = snapshot(
        claim(
            1,
            f"[click](javascript:alert(1)) {XSS}",
            speaker="a | b",
            rationale=f"Rationale with *emphasis* {XSS}",
        )
    )
    rendered = markdown_lib.markdown(markdown_export.render(s).decode(), extensions=["tables"])
    assert "<script" not in rendered and "<img" not in rendered
    assert 'href="javascript' not in rendered
    assert "<em>emphasis</em>" in rendered  # the rationale is still Markdown
    assert "a | b" in rendered  # a pipe in a cell does not split the table


# --- CSV -----------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_one_row_per_claim_with_its_rating_and_conclusion():
    rows = read_csv(csv_export.render(sample()))
    assert [r["claim"] for r in rows] == [c.text for c in sample().claims]
    first = rows[0]
    assert first["rating"] == "Mostly true"
    assert first["rating_value"] == "4"
    assert first["status"] == "approved"
    assert first["conclusion"] == "Later figures put it at 9,900."
    assert first["evidence_count"] == "2"
    assert first["claim_url"] == "https://desk.example.org/reports/7/#claim-101"
    assert rows[2]["status"] == "pending"


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]
)
def test_csv_neutralises_formulas_in_every_text_cell(value):
    s = snapshot(
        claim(1, value, speaker=value, rationale=value, conclusion=value, reviewed_by=value),
        article=sample().article.__class__(id=1, title=value),
    )
    row = read_csv(csv_export.render(s))[0]
    for column in ("claim", "speaker", "rationale", "conclusion", "reviewed_by", "article_title"):
        assert row[column] == "'" + value, column


def test_csv_leaves_ordinary_text_and_numbers_alone():
    row = read_csv(csv_export.render(sample()))[0]
    assert row["claim"].startswith("As many")
    assert row["confidence"] == "80"


# --- JSON ----------------------------------------------------------------------------------


def test_json_report_matches_the_documented_schema():
    data = json.loads(json_export.render(sample()))
    jsonschema.validate(data, SCHEMA)
    assert data["claims"][0]["url"] == "https://desk.example.org/reports/7/#claim-101"
    assert data["corrections"][0]["message"].startswith("Rating of claim 1")


def test_json_report_of_a_draft_matches_the_schema_and_reads_back():
    draft = ReportSnapshot.from_dict(
        {**sample().to_dict(), "draft": True, "version": None, "published_at": None}
    )
    data = json.loads(json_export.render(draft))
    jsonschema.validate(data, SCHEMA)
    assert ReportSnapshot.from_dict(data) == draft


def test_a_snapshot_that_is_neither_draft_nor_published_says_not_published():
    s = snapshot(claim(1, "A claim."), version=None, published_at=None)
    assert "Not published yet." in html.render(s).decode()
    assert "not published yet." in markdown_export.render(s).decode()
    assert "version None" not in html.render(s).decode()
