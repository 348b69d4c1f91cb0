"""The Markdown report, for pasting into a CMS.

Plain-text values (titles, claims, quotes, names) are escaped so that they read as text in
any Markdown renderer: they cannot become links, emphasis, headings or HTML. Rationales are
Markdown already and are kept as written, except that raw HTML tags in them are neutralised:
a CMS that renders Markdown with HTML enabled must not receive a `<script>` from a report.
"""

from __future__ import annotations

import re

from .snapshot import ClaimEntry, EvidenceEntry, ReportSnapshot, human_date

CONTENT_TYPE = "text/markdown; charset=utf-8"

# Characters that start Markdown syntax anywhere on a line, then the ones that do so only
# at its start (headings, lists, block quotes), then character references (`&lt;`).
_SPECIAL = re.compile(r"([\\`*_\[\]|<>~])")
_LINE_START = re.compile(r"^([#+\-=])")
_LINE_START_NUMBER = re.compile(r"^(\d+)([.)])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# A tag, comment or processing instruction; autolinks (<https://...>) stay.
_RAW_HTML = re.compile(r"<(?!(?:https?|mailto):)(?=[A-Za-z/!?])", re.IGNORECASE)


def text(value: str) -> str:
    """Escape a plain-text value for inline Markdown (also inside a table cell)."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join((value or "").split()))
    escaped = _ENTITY.sub(r"\\&", escaped)
    escaped = _LINE_START_NUMBER.sub(r"\1\\\2", escaped)
    return _LINE_START.sub(r"\\\1", escaped)


def rationale(value: str) -> str:
    return _RAW_HTML.sub("&lt;", (value or "").strip())


def link(url: str, label: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        return text(label)
    safe_url = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return f"[{text(label)}](<{safe_url}>)"


def render(snapshot: ReportSnapshot) -> bytes:
    return document(snapshot).encode()


def document(s: ReportSnapshot) -> str:
    a = s.article
    out: list[str] = [f"# Fact-check: {text(a.title)}", ""]
    meta = [text(x) for x in (a.outlet, a.author and f"by {a.author}") if x]
    if a.published:
        meta.append(f"published {human_date(a.published)}")
    if a.url:
        meta.append(link(a.url, "original article"))
    if meta:
        out += [" · ".join(meta), ""]
    if s.draft:
        out += [
            f"> **Draft, not published.** Generated {human_date(s.generated_at)}. "
            f"{len(s.pending_claims)} of {len(s.claims)} claims are pending approval.",
            "",
        ]
    elif s.version is None:
        out += [f"*{text(s.desk.name)}, not published yet.*", ""]
    else:
        by = f" by {text(s.published_by)}" if s.published_by else ""
        out += [
            f"*{text(s.desk.name)}, report version {s.version}, published "
            f"{human_date(s.published_at)}{by}.*",
            "",
        ]

    out += [
        "## Summary",
        "",
        "| # | Claim | Speaker | Rating | Conclusion |",
        "|---|---|---|---|---|",
    ]
    for c in s.claims:
        conclusion = text(c.conclusion) if c.approved else "*Pending approval*"
        out.append(
            f"| {c.number} | {text(c.text)} | {text(c.speaker_line) or '—'} | {_rating(c)} | "
            f"{conclusion} |"
        )
    if not s.claims:
        out.append("| | No claims have been rated yet. | | | |")
    out.append("")

    out += ["## The claims", ""]
    for c in s.claims:
        out += _claim(c)

    out += ["## Corrections", ""]
    if s.corrections:
        out += [
            f"{i}. Version {c.version}: {text(c.message)}" for i, c in enumerate(s.corrections, 1)
        ]
    else:
        out.append("No corrections.")
    out.append("")

    out += [
        "## Methodology",
        "",
        rationale(s.methodology),
        "",
        f"Rating scale: {text(s.scale.name)}",
        "",
        "| Rating | Value | Meaning |",
        "|---|---|---|",
    ]
    for r in s.scale.ratings:
        value = r.value if r.value is not None else "outside the scale"
        out.append(f"| {text(r.label)} | {value} | {text(r.description)} |")
    out.append("")
    if s.url:
        out += [f"{text(s.desk.name)}: {link(s.url, s.url)}", ""]
    return "\n".join(out)


def _rating(c: ClaimEntry) -> str:
    if not c.rating:
        return "Pending"
    return f"**{text(c.rating)}**" if c.approved else f"Pending: {text(c.rating)}"


def _claim(c: ClaimEntry) -> list[str]:
    out = [f"### Claim {c.number}: {_rating(c)}", ""]
    # Only the article's own words are quoted; a rewording is the desk's statement.
    if c.paraphrased:
        out += [
            f"**Claim as the desk states it:** {text(c.text)}",
            "",
            "**The article’s text:**",
            "",
        ]
    out += [f"> {text(c.quoted_text)}", ""]
    if c.speaker:
        out += [f"Said by {text(c.speaker_line)}", ""]
    if c.correction_pending:
        out += [
            "*A correction of this rating is in review; the approved rating is shown "
            "until it is approved.*",
            "",
        ]
    if c.rationale:
        out += [rationale(c.rationale), ""]
    elif not c.approved:
        out += ["*This claim is still being reviewed.*", ""]
    if c.evidence:
        out += ["**Evidence**", ""]
        out += [_evidence(e) for e in c.evidence]
        out.append("")
    credits = []
    if c.reviewed_by:
        credits.append(f"Reviewed by {text(c.reviewed_by)}")
    if c.approved and c.approved_by:
        when = f" on {human_date(c.approved_at)}" if c.approved_at else ""
        credits.append(f"approved by {text(c.approved_by)}{when}")
    elif not c.approved:
        credits.append("not approved yet")
    if c.confidence is not None:
        credits.append(f"confidence {c.confidence}%")
    if credits:
        out += ["*" + "; ".join(credits) + ".*", ""]
    return out


def _evidence(e: EvidenceEntry) -> str:
    label = e.title or e.url or "Untitled source"
    line = f"- **{e.stance_label}:** {link(e.url, label) if e.url else text(label)}"
    meta = [text(x) for x in (e.publisher, human_date(e.published)) if x]
    if meta:
        line += " · " + " · ".join(meta)
    if e.archived_url:
        line += f" ({link(e.archived_url, 'archived copy')})"
    if e.quote:
        line += f"\n  > {text(e.quote)}"
    if e.note:
        line += f"\n\n  Note: {text(e.note)}"
    return line
