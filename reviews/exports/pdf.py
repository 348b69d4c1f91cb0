"""The PDF report: the HTML report laid out for A4 by WeasyPrint.

WeasyPrint fetches images, stylesheets and fonts that a document references. A report must
never do that: a URL in a rationale or a quote would make the server request addresses of
someone else's choosing (including internal ones). `NoOutsideRequests` refuses every URL
except inline `data:` ones, whatever the sanitiser let through; what an inline SVG
references goes through the same fetcher. Files are refused as well, the desk's own static
files included: the report carries its styles inline and references no file, so nothing
needs to be read, and `file:` URLs would reach anything the server can read.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import urlsplit

# fontTools stamps every font it saves (subsets, static instances of variable fonts) with
# the current time unless SOURCE_DATE_EPOCH is set, the reproducible-builds convention: the
# same report must give the same bytes (its content hash is published).
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

# WeasyPrint reports each layout step at INFO level (also while importing): a line per step
# and per report would drown the desk's logs. Its warnings (a refused fetch) still show.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import HTML  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetchingError  # noqa: E402

from . import html as html_export  # noqa: E402
from .snapshot import ReportSnapshot  # noqa: E402

CONTENT_TYPE = "application/pdf"
MAX_DATA_URI = 1_000_000  # characters

# Denser than the screen layout: WeasyPrint's time grows with the laid-out content, and a
# report is read on paper as a document, not as cards. Fixed table layout spares WeasyPrint
# measuring every cell of the summary twice.
PDF_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages);
    font: 8pt "DejaVu Sans", sans-serif; color: #57606a; } }
.fc-report { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.35; }
.fc-report h1 { font-size: 17pt; }
.fc-report h2 { font-size: 13pt; margin-top: 14pt; break-after: avoid; }
.fc-report table { table-layout: fixed; }
.fc-report .fc-summary { font-size: 8.5pt; }
.fc-report .fc-summary th:nth-child(1) { width: 5%; }
.fc-report .fc-summary th:nth-child(2) { width: 38%; }
.fc-report .fc-summary th:nth-child(3) { width: 15%; }
.fc-report .fc-summary th:nth-child(4) { width: 14%; }
.fc-report .fc-scale th:nth-child(1) { width: 25%; }
.fc-report .fc-scale th:nth-child(2) { width: 20%; }
.fc-report .fc-claim { border: none; border-top: .5pt solid #8c959f; border-radius: 0;
  padding: 6pt 0 0; margin: 8pt 0; break-inside: auto; }
.fc-report .fc-claim h3 { break-after: avoid; }
.fc-report .fc-claim-text { font-size: 10.5pt; margin: 0 0 4pt; }
.fc-report .fc-claim p, .fc-report .fc-claim ul { margin: 3pt 0; }
.fc-report .fc-evidence li { margin-bottom: 2pt; }
.fc-report blockquote { margin: 1pt 0 1pt 10pt; }
.fc-report h4 { margin: 4pt 0 2pt; font-size: 9.5pt; }
.fc-report .fc-badge { white-space: normal; }
"""


class RefusedRequest(URLFetchingError):
    pass


class NoOutsideRequests(URLFetcher):
    """A WeasyPrint URL fetcher that fetches nothing but inline data: URIs."""

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data" and len(url) <= MAX_DATA_URI:
            return super().fetch(url, headers)
        raise RefusedRequest(f"the report refuses to fetch {url[:200]!r}")


def html_to_pdf(document: str) -> bytes:
    return HTML(string=document, base_url=None, url_fetcher=NoOutsideRequests()).write_pdf()


def render(snapshot: ReportSnapshot) -> bytes:
    return html_to_pdf(html_export.document(snapshot, extra_css=PDF_CSS, jsonld=False))
