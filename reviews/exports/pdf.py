"""The PDF report: the HTML report laid out for A4 by WeasyPrint.

WeasyPrint fetches images, stylesheets and fonts that a document references. A report must
never do that: a URL in a rationale or a quote would make the server request addresses of
someone else's choosing (including internal ones). `NoOutsideRequests` refuses every URL
except inline `data:` ones, whatever the sanitiser let through.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetchingError

from . import html as html_export
from .snapshot import ReportSnapshot

CONTENT_TYPE = "application/pdf"
MAX_DATA_URI = 1_000_000  # characters

PDF_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages);
    font: 8pt "DejaVu Sans", sans-serif; color: #57606a; } }
.fc-report { max-width: none; padding: 0; font-size: 10.5pt; }
.fc-report h2 { break-after: avoid; }
.fc-report .fc-summary { font-size: 9pt; }
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
    # WeasyPrint logs each refused fetch as a warning; a refused fetch is the expected outcome
    # here, not something for the operator to look into.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return HTML(string=document, base_url=None, url_fetcher=NoOutsideRequests()).write_pdf()
    finally:
        logger.setLevel(level)


def render(snapshot: ReportSnapshot) -> bytes:
    return html_to_pdf(html_export.document(snapshot, extra_css=PDF_CSS, jsonld=False))
