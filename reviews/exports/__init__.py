"""Report export formats: each a pure function of a `snapshot.ReportSnapshot` to bytes.

`FORMATS` maps a format name to its module (`render(snapshot) -> bytes`, `CONTENT_TYPE`)
and the file extension of a download.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from . import claimreview, csv_export, html, json_export, markdown, pdf


@dataclass(frozen=True)
class Format:
    name: str
    module: ModuleType
    extension: str
    label: str
    # Shown by a browser rather than saved.
    inline: bool

    @property
    def content_type(self) -> str:
        return self.module.CONTENT_TYPE

    def content_disposition(self, filename_stem: str) -> str:
        disposition = "inline" if self.inline else "attachment"
        return f'{disposition}; filename="{filename_stem}.{self.extension}"'


# The Content-Security-Policy of a stored HTML report served as a file: its own inline
# stylesheet and nothing else (no script, no outside request).
STANDALONE_REPORT_CSP: dict[str, list[str]] = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:"],
    "script-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
}

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", html, "html", "HTML", inline=True),
        Format("pdf", pdf, "pdf", "PDF", inline=True),
        Format("md", markdown, "md", "Markdown", inline=False),
        Format("csv", csv_export, "csv", "CSV", inline=False),
        Format("json", json_export, "json", "JSON", inline=True),
        Format("claimreview", claimreview, "jsonld", "ClaimReview JSON-LD", inline=True),
    )
}
