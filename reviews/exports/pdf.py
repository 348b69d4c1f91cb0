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

import functools
import logging
import os
from urllib.parse import urlsplit

from . import html as html_export
from .snapshot import ReportSnapshot

# fontTools stamps every font it saves (subsets, static instances of variable fonts) with
# the current time unless SOURCE_DATE_EPOCH is set, the reproducible-builds convention: the
# same report must give the same bytes (its content hash is published).
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

# WeasyPrint reports each layout step at INFO level (also while importing): a line per step
# and per report would drown the desk's logs. Its warnings (a refused fetch) still show.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# WeasyPrint itself is imported when a PDF is first laid out, not with this module: it
# loads Pango, fonts and a CSS engine, which every web process would otherwise carry from
# the start (this module is imported with the list of formats) for the few that lay out a
# PDF, the background task above all.

CONTENT_TYPE = "application/pdf"
MAX_DATA_URI = 1_000_000  # characters

# Denser than the screen layout: WeasyPrint's time grows with the laid-out content, and a
# report is read on paper as a document, not as cards. Fixed table layout spares WeasyPrint
# measuring every cell of the summary twice, so the columns get explicit widths: the
# conclusion, a sentence, gets the most room.
#
# The desk's name and the report's address are printed in every page's bottom margin
# (`footer_css`) instead of in a footer after the last section, which could otherwise be
# pushed alone onto a page of its own.
PDF_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font: 8pt "DejaVu Sans", sans-serif; color: #57606a; } }
.fc-report { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.35; }
.fc-report h1 { font-size: 17pt; }
.fc-report h2 { font-size: 13pt; margin-top: 14pt; break-after: avoid; }
.fc-report table { table-layout: fixed; }
.fc-report th, .fc-report td { padding: 2pt 4pt; }
.fc-report .fc-summary { font-size: 8.5pt; }
.fc-report .fc-summary th:nth-child(1) { width: 5%; }
.fc-report .fc-summary th:nth-child(2) { width: 30%; }
.fc-report .fc-summary th:nth-child(3) { width: 14%; }
.fc-report .fc-summary th:nth-child(4) { width: 13%; }
.fc-report .fc-summary th:nth-child(5) { width: 38%; }
.fc-report .fc-scale th:nth-child(1) { width: 22%; }
.fc-report .fc-scale th:nth-child(2) { width: 18%; }
.fc-report .fc-scale th:nth-child(3) { width: 60%; }
.fc-report .fc-chart svg { width: 120mm; height: auto; }
.fc-report .fc-claim { border: none; border-top: .5pt solid #8c959f; border-radius: 0;
  padding: 6pt 0 0; margin: 8pt 0; break-inside: auto; }
.fc-report .fc-claim h3 { break-after: avoid; }
.fc-report .fc-claim-text { font-size: 10.5pt; margin: 0 0 4pt; }
.fc-report .fc-claim p, .fc-report .fc-claim ul { margin: 3pt 0; }
.fc-report .fc-claim .fc-label { margin: 4pt 0 0; font-size: 7.5pt; }
.fc-report .fc-evidence li { margin-bottom: 2pt; }
.fc-report blockquote { margin: 1pt 0 1pt 10pt; }
.fc-report h4 { margin: 4pt 0 2pt; font-size: 9.5pt; }
.fc-report .fc-badge { white-space: normal; }
.fc-report footer { display: none; }
/* Paper has no links: a source's address follows its title. */
.fc-report a[href^="http"]:not(.fc-url)::after { content: " [" attr(href) "]";
  font-size: 8pt; color: #57606a; overflow-wrap: anywhere; }
"""


def css_string(value: str) -> str:
    """A CSS string literal of `value`: anything but plain letters, digits and a few
    punctuation marks is written as a hexadecimal escape, so no value can end the string,
    the rule or the <style> element."""
    # The space after an escape ends it and is not part of the string.
    safe = "".join(
        ch if ch.isascii() and (ch.isalnum() or ch in " .,:/-_#?=&%@") else f"\\{ord(ch):X} "
        for ch in value
    )
    return f'"{safe}"'


def footer_css(snapshot: ReportSnapshot) -> str:
    footer = snapshot.desk.name
    if snapshot.url:
        footer = f"{footer} · {snapshot.url}" if footer else snapshot.url
    return (
        f"@page {{ @bottom-left {{ content: {css_string(footer)}; "
        'font: 8pt "DejaVu Sans", sans-serif; color: #57606a; } }\n'
    )


@functools.cache
def _fetcher_classes() -> dict[str, type]:
    from weasyprint.urls import URLFetcher, URLFetchingError

    class RefusedRequest(URLFetchingError):
        """A URL the report's fetcher refuses to fetch."""

    class NoOutsideRequests(URLFetcher):
        """A WeasyPrint URL fetcher that fetches nothing but inline data: URIs."""

        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data" and len(url) <= MAX_DATA_URI:
                return super().fetch(url, headers)
            raise RefusedRequest(f"the report refuses to fetch {url[:200]!r}")

    for cls in (RefusedRequest, NoOutsideRequests):
        cls.__module__ = __name__
        cls.__qualname__ = cls.__name__
    return {"RefusedRequest": RefusedRequest, "NoOutsideRequests": NoOutsideRequests}


def __getattr__(name: str):
    # `pdf.NoOutsideRequests` and `pdf.RefusedRequest` subclass WeasyPrint's own classes,
    # so they are made (and WeasyPrint imported) when first asked for.
    classes = _fetcher_classes() if name in ("NoOutsideRequests", "RefusedRequest") else {}
    if name in classes:
        return classes[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def html_to_pdf(document: str) -> bytes:
    from weasyprint import HTML

    fetcher = _fetcher_classes()["NoOutsideRequests"]()
    return HTML(string=document, base_url=None, url_fetcher=fetcher).write_pdf()


def render(snapshot: ReportSnapshot) -> bytes:
    css = PDF_CSS + footer_css(snapshot)
    return html_to_pdf(html_export.document(snapshot, extra_css=css, jsonld=False))
