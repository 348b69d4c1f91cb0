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

    @property
    def content_type(self) -> str:
        return self.module.CONTENT_TYPE


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", html, "html", "HTML"),
        Format("pdf", pdf, "pdf", "PDF"),
        Format("md", markdown, "md", "Markdown"),
        Format("csv", csv_export, "csv", "CSV"),
        Format("json", json_export, "json", "JSON"),
        Format("claimreview", claimreview, "jsonld", "ClaimReview JSON-LD"),
    )
}
