"""The PDF as it is laid out on A4: column widths, the last page, printed addresses, and
WeasyPrint staying out of processes that lay out no PDF."""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from reviews.exports import html, pdf
from tests.exports.samples import claim, sample, snapshot

ROOT = Path(__file__).parents[2]
MM = 96 / 25.4  # CSS pixels per millimetre


def laid_out(s):
    from weasyprint import HTML

    css = pdf.PDF_CSS + pdf.footer_css(s)
    document = html.document(s, extra_css=css, jsonld=False)
    return HTML(string=document, url_fetcher=pdf.NoOutsideRequests()).render()


def boxes(box):
    yield box
    for child in getattr(box, "children", None) or ():
        yield from boxes(child)


def summary_header_widths_mm(s) -> dict[str, float]:
    first_page = laid_out(s).pages[0]
    # WeasyPrint's box tree: the one place the laid-out width of a column can be read.
    widths = {}
    for box in boxes(first_page._page_box):
        if getattr(box, "element_tag", None) == "th" and type(box).__name__ == "TableCellBox":
            text = " ".join(
                b.text for b in boxes(box) if type(b).__name__ == "TextBox" and b.text.strip()
            )
            widths.setdefault(text, box.width / MM)
    return widths


def test_the_summarys_conclusion_column_has_room_for_a_sentence():
    widths = summary_header_widths_mm(sample())
    # A4 less the margins leaves 180 mm; the conclusion is the widest text of a row.
    assert widths["Conclusion"] >= 60, widths
    assert widths["Conclusion"] > widths["Claim"] > widths["Speaker"]
    assert widths["#"] < 12


def page_texts(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def test_no_page_holds_only_the_footer():
    # With the footer after the last section, 14 paragraphs of methodology pushed it alone
    # onto a third page of this report; the lengths around that are checked too.
    for paragraphs in range(10, 19):
        methodology = "We check **facts**.\n\n" + "\n\n".join(
            f"Paragraph {i} of the method." for i in range(paragraphs)
        )
        texts = page_texts(pdf.render(dataclasses.replace(sample(), methodology=methodology)))
        for number, text in enumerate(texts, 1):
            margins = f"Factcheck Desk · https://desk.example.org/reports/7/ Page {number} of"
            body = text.replace(margins, "").replace(f" {len(texts)}", "").strip()
            assert len(body) > 40, (paragraphs, number, text)
        # The desk and the report's address are on every page instead.
        assert all("https://desk.example.org/reports/7/" in t for t in texts)


def test_evidence_links_print_their_address_after_the_title():
    text = "".join(page_texts(pdf.render(sample()))).replace(" ", "")
    assert "Detentionstatistics[https://stats.example.org/detentions]" in text
    assert "NGOreport[https://ngo.example.net/report]" in text
    assert "archivedcopy[https://desk.example.org/media/snapshots/2022/01/a.html]" in text
    # In-page links and links that show their own address are not printed twice.
    assert "[#claim-" not in text
    assert "[https://desk.example.org/reports/7/]" not in text


def test_a_rationale_link_prints_its_address_too():
    s = snapshot(claim(1, "A.", rationale="See [the census](https://census.example.gov/t1)."))
    text = "".join(page_texts(pdf.render(s))).replace(" ", "")
    assert "thecensus[https://census.example.gov/t1]" in text


def test_the_footer_css_cannot_break_out_of_its_string():
    desk = dataclasses.replace(sample().desk, name='Desk" } </style><b>x')
    css = pdf.footer_css(dataclasses.replace(sample(), desk=desk))
    string = css.split("content: ", 1)[1].split(";", 1)[0]
    assert string.startswith('"') and string.endswith('"') and '"' not in string[1:-1]
    assert "<" not in css and "}" not in string


CHECK = """
import sys
import django
django.setup()
import factcheck.urls  # the web process's URLconf: every view and the formats it imports
import reviews.exports.pdf
before = "weasyprint" in sys.modules
reviews.exports.pdf.NoOutsideRequests  # asking for the fetcher is what loads WeasyPrint
print(before, "weasyprint" in sys.modules)
"""


def test_starting_the_project_does_not_import_weasyprint():
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "factcheck.settings"},
    )
    assert result.returncode == 0, result.stderr
    # Not loaded by the project; loaded once a PDF needs it (so the check can tell).
    assert result.stdout.split() == ["False", "True"]
