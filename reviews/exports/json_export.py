"""The JSON report: the whole snapshot, as documented in docs/REPORT_JSON_SCHEMA.md
(JSON Schema: docs/report.schema.json)."""

from __future__ import annotations

import json

from .snapshot import ReportSnapshot

CONTENT_TYPE = "application/json"
FORMAT_NAME = "factcheck-report"


def document(snapshot: ReportSnapshot) -> dict:
    """The snapshot plus values derived from it that a consumer should not have to
    recompute: each claim's public URL, each correction's sentence, the scale's range."""
    data = snapshot.to_dict()
    for entry, claim in zip(data["claims"], snapshot.claims, strict=True):
        entry["url"] = snapshot.claim_url(claim)
        entry["status"] = "approved" if claim.approved else "pending"
    for entry, correction in zip(data["corrections"], snapshot.corrections, strict=True):
        entry["message"] = correction.message
    data["scale"]["best"] = snapshot.scale.best
    data["scale"]["worst"] = snapshot.scale.worst
    return {"format": FORMAT_NAME, **data}


def render(snapshot: ReportSnapshot) -> bytes:
    return json.dumps(document(snapshot), ensure_ascii=False, indent=2).encode()
