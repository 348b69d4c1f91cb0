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


def rows(s: ReportSnapshot) -> list[dict]:
    corrections: dict[int, list[str]] = {}
    for entry in s.corrections:
        corrections.setdefault(entry.claim_id, []).append(entry.message)
    return [
        {
            "report_version": s.version if s.version is not None else "draft",
            "claim_number": c.number,
            "claim_id": c.id,
            # The desk's statement of the claim, then the article's own sentence.
            "claim": c.text,
            "article_text": c.quoted_text,
            "speaker": c.speaker,
            "speaker_role": c.speaker_role,
            "status": "approved" if c.approved else "pending",
            "rating": c.rating,
            "rating_value": c.rating_value,
            "conclusion": c.conclusion,
            "rationale": c.rationale,
            "confidence": c.confidence,
            "reviewed_by": c.reviewed_by,
            "approved_by": c.approved_by if c.approved else "",
            "approved_at": c.approved_at if c.approved else "",
            "evidence_count": len(c.evidence),
            "evidence_urls": " ".join(e.url for e in c.evidence if e.url),
            "claim_url": s.claim_url(c),
            "article_title": s.article.title,
            "article_url": s.article.url,
            "article_published": s.article.published,
            # The corrections-log entries of this claim, oldest first.
            "corrections": " | ".join(corrections.get(c.id, ())),
        }
        for c in s.claims
    ]


COLUMNS = [
    "report_version",
    "claim_number",
    "claim_id",
    "claim",
    "article_text",
    "speaker",
    "speaker_role",
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
    "corrections",
]


def render(snapshot: ReportSnapshot) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows(snapshot):
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode()
