"""The CSV report: one row per claim.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a
carriage return) as a formula, which can exfiltrate data or launch programs (CSV injection).
Every text cell that starts with one of them gets a leading apostrophe, which spreadsheets
treat as "this is text" (OWASP's advice). The file starts with a UTF-8 byte order mark so
that Excel reads accented names and curly quotes correctly; `csv` readers should open it
with the `utf-8-sig` encoding.
"""

from __future__ import annotations

import csv
import io

from .snapshot import ReportSnapshot

CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = [
    "report_version",
    "claim_number",
    "claim_id",
    "claim",
    "speaker",
    "status",
    "rating",
    "rating_value",
    "conclusion",
    "rationale",
    "confidence",
    "reviewed_by",
    "approved_by",
    "approved_at",
    "evidence_count",
    "evidence_urls",
    "claim_url",
    "article_title",
    "article_url",
    "article_published",
]


def neutralise(value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    value = str(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows(s: ReportSnapshot) -> list[list]:
    out = []
    for c in s.claims:
        out.append(
            [
                s.version if s.version is not None else "draft",
                c.number,
                c.id,
                c.text,
                c.speaker,
                "approved" if c.approved else "pending",
                c.rating,
                c.rating_value,
                c.conclusion,
                c.rationale,
                c.confidence,
                c.reviewed_by,
                c.approved_by if c.approved else "",
                c.approved_at if c.approved else "",
                len(c.evidence),
                " ".join(e.url for e in c.evidence if e.url),
                s.claim_url(c),
                s.article.title,
                s.article.url,
                s.article.published,
            ]
        )
    return out


def render(snapshot: ReportSnapshot) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(snapshot):
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode()
