"""The HTML report: one standalone, print-friendly page with the ClaimReview JSON-LD.

Every value from the snapshot is escaped with `html.escape`; rationales are Markdown rendered
and then sanitised (see `snapshot.markdown_to_safe_html`). The page loads nothing from
anywhere (styles are inline, there are no images or scripts), and its Content-Security-Policy
says so to the browser as well, so a payload that got past the escaping still could not run.
"""

from __future__ import annotations

import re
from html import escape

from . import charts, claimreview
from .snapshot import (
    ClaimEntry,
    CorrectionEntry,
    EvidenceEntry,
    ReportSnapshot,
    human_date,
    markdown_to_safe_html,
)

CONTENT_TYPE = "text/html; charset=utf-8"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_NOT_CLASS = re.compile(r"[^a-z0-9-]+")

CSS = """
.fc-report { font: 16px/1.55 Georgia, "DejaVu Serif", serif; color: #1f2328; max-width: 52rem;
  margin: 0 auto; padding: 1.5rem; }
.fc-report h1, .fc-report h2, .fc-report h3, .fc-report th, .fc-report .fc-meta,
.fc-report .fc-badge, .fc-report .fc-draft { font-family: system-ui, "DejaVu Sans", sans-serif; }
.fc-report h1 { font-size: 1.8em; line-height: 1.2; margin: .2rem 0 .4rem; }
.fc-report h2 { font-size: 1.3em; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
.fc-report h3 { font-size: 1.05em; margin: 0 0 .4rem; }
.fc-report .fc-desk { text-transform: uppercase; letter-spacing: .08em; font-size: .8em;
  color: #57606a; font-family: system-ui, "DejaVu Sans", sans-serif; }
.fc-report .fc-meta { color: #57606a; font-size: .9em; }
.fc-report .fc-draft { border: 2px dashed #9a6700; background: #fff8c5; padding: .6rem .8rem;
  margin: 1rem 0; }
.fc-report table { border-collapse: collapse; width: 100%; font-size: .92em; }
.fc-report th, .fc-report td { text-align: left; vertical-align: top; padding: .4rem .5rem;
  border-bottom: 1px solid #d0d7de; }
.fc-report .fc-badge { display: inline-block; padding: .05rem .5rem; border-radius: .8rem;
  color: #fff; background: #57606a; font-size: .85em; font-weight: 600; white-space: nowrap; }
.fc-report .fc-pending { background: #fff; color: #57606a; border: 1px dashed #57606a; }
.fc-report .fc-claim { border: 1px solid #d0d7de; border-radius: .4rem; padding: 1rem;
  margin: 1.2rem 0; break-inside: avoid-page; }
.fc-report .fc-claim-text { font-size: 1.1em; margin: 0 0 .6rem; padding-left: .8rem;
  border-left: 4px solid #d0d7de; }
.fc-report .fc-label { margin: 0 0 .15rem; color: #57606a; font-size: .8em;
  font-family: system-ui, "DejaVu Sans", sans-serif; text-transform: uppercase;
  letter-spacing: .04em; }
.fc-report .fc-paraphrase { border-left-style: dotted; }
.fc-report .fc-chart svg { display: block; max-width: 100%; height: auto; }
.fc-report .fc-evidence li { margin-bottom: .6rem; }
.fc-report .fc-stance { font-weight: 600; }
.fc-report blockquote { margin: .3rem 0 .3rem 1rem; color: #3d444d; font-style: italic; }
.fc-report .fc-credits { color: #57606a; font-size: .88em; }
.fc-report a { color: #0550ae; overflow-wrap: anywhere; }
.fc-report footer { margin-top: 2rem; color: #57606a; font-size: .85em; }
@media print {
  .fc-report { max-width: none; padding: 0; font-size: 11pt; }
  .fc-report a { color: inherit; }
  .fc-report .fc-claim { border: none; border-top: 1px solid #999; border-radius: 0; }
}
"""


def render(snapshot: ReportSnapshot) -> bytes:
    return document(snapshot, extra_css=BROWSER_PRINT_CSS).encode()


# Browsers leave backgrounds out of print unless told so, and a badge's colour is its
# meaning. (Not in the PDF's stylesheet: WeasyPrint prints backgrounds and warns about the
# property.)
BROWSER_PRINT_CSS = """
@media print {
  .fc-report .fc-badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def document(snapshot: ReportSnapshot, *, extra_css: str = "", jsonld: bool = True) -> str:
    """The standalone page."""
    title = f"Fact-check: {snapshot.article.title}"
    if snapshot.draft:
        title = f"[Draft] {title}"
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(snapshot.article.language or "en")}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{stylesheet(snapshot)}{extra_css}</style>\n"
        f"{claimreview.script_tag(snapshot) if jsonld else ''}\n"
        "</head>\n<body>\n"
        f"{fragment(snapshot)}\n"
        "</body>\n</html>\n"
    )


def stylesheet(snapshot: ReportSnapshot) -> str:
    """The report's CSS, with one rule per rating colour: badges take their colour from a
    class rather than a style attribute, so that pages with a strict Content-Security-Policy
    (no inline style attributes) can show the report as it is."""
    rules = [CSS]
    for rating in snapshot.scale.ratings:
        if _HEX_COLOR.match(rating.color or ""):
            rules.append(
                f".fc-report .{rating_class(rating.slug)} {{ background: {rating.color}; }}"
            )
    return "\n".join(rules)


def rating_class(slug: str) -> str:
    return "fc-rating-" + (_NOT_CLASS.sub("-", (slug or "").lower()).strip("-") or "none")


def fragment(snapshot: ReportSnapshot) -> str:
    """The report itself, without <html>/<head>: also embedded in the public page."""
    parts = [
        '<article class="fc-report">',
        _header(snapshot),
        _chart(snapshot),
        _summary(snapshot),
        '<section class="fc-claims" aria-labelledby="fc-claims-heading">',
        '<h2 id="fc-claims-heading">The claims</h2>',
        *(_claim(snapshot, claim) for claim in snapshot.claims),
        "</section>",
        _corrections(snapshot.corrections),
        _methodology(snapshot),
        _footer(snapshot),
        "</article>",
    ]
    return "\n".join(parts)


def _header(s: ReportSnapshot) -> str:
    a = s.article
    meta = []
    if a.outlet:
        meta.append(escape(a.outlet))
    if a.author:
        meta.append(f"by {escape(a.author)}")
    if a.published:
        meta.append(f"published {escape(human_date(a.published))}")
    if a.url:
        meta.append(_link(a.url, "original article"))
    lines = [
        "<header>",
        f'<p class="fc-desk">{escape(s.desk.name)} · fact-check</p>',
        f"<h1>{escape(a.title)}</h1>",
        f'<p class="fc-meta">{" · ".join(meta)}</p>',
    ]
    if s.draft:
        lines.append(
            '<p class="fc-draft" role="note"><strong>Draft, not published.</strong> '
            f"Generated {escape(human_date(s.generated_at))}. "
            f"{len(s.pending_claims)} of {len(s.claims)} claims are pending approval and "
            "marked as such.</p>"
        )
    elif s.version is None:
        lines.append('<p class="fc-meta">Not published yet.</p>')
    else:
        by = f" by {escape(s.published_by)}" if s.published_by else ""
        lines.append(
            f'<p class="fc-meta">Report version {s.version}, published '
            f"{escape(human_date(s.published_at))}{by}.</p>"
        )
    lines.append("</header>")
    return "\n".join(lines)


def _badge(claim: ClaimEntry) -> str:
    if not claim.rating:
        return '<span class="fc-badge fc-pending">Pending</span>'
    if not claim.approved:
        return f'<span class="fc-badge fc-pending">Pending: {escape(claim.rating)}</span>'
    return f'<span class="fc-badge {rating_class(claim.rating_slug)}">{escape(claim.rating)}</span>'


CHART_TITLE = "Ratings of the claims in this report"


def _chart(s: ReportSnapshot) -> str:
    """A bar per rating the approved claims have, in the scale's order, with the same
    counts in words beside it (the picture's accessible copy). `charts` escapes every
    label and checks every colour; the SVG references nothing outside itself."""
    counts = s.rating_counts()
    if not counts:
        return ""
    bars = [charts.Bar(label, count, colour=colour) for label, colour, count in counts]
    svg = charts.bar_chart(bars, title=CHART_TITLE, show_title=False)
    total = sum(count for _, _, count in counts)
    words = " · ".join(f"{escape(label)}: {count}" for label, _, count in counts)
    claims = "claim" if total == 1 else "claims"
    return (
        '<section class="fc-chart" aria-labelledby="fc-chart-heading">'
        f'<h2 id="fc-chart-heading">Ratings</h2>{svg}'
        f'<p class="fc-meta">{total} approved {claims}. {words}.</p></section>'
    )


def _summary(s: ReportSnapshot) -> str:
    rows = []
    for c in s.claims:
        rows.append(
            "<tr>"
            f'<td>{c.number}</td><td><a href="#{c.anchor}">{escape(c.text)}</a></td>'
            f"<td>{escape(c.speaker_line) or '—'}</td><td>{_badge(c)}</td>"
            f"<td>{escape(c.conclusion) if c.approved else '<em>Pending approval</em>'}</td>"
            "</tr>"
        )
    if not rows:
        rows.append('<tr><td colspan="5">No claims have been rated yet.</td></tr>')
    return (
        '<section aria-labelledby="fc-summary-heading">'
        '<h2 id="fc-summary-heading">Summary</h2>'
        '<table class="fc-summary"><thead><tr><th scope="col">#</th><th scope="col">Claim</th>'
        '<th scope="col">Speaker</th><th scope="col">Rating</th>'
        '<th scope="col">Conclusion</th></tr></thead><tbody>'
        + "\n".join(rows)
        + "</tbody></table></section>"
    )


def _claim(s: ReportSnapshot, c: ClaimEntry) -> str:
    lines = [
        f'<section class="fc-claim" id="{c.anchor}">',
        f"<h3>Claim {c.number} {_badge(c)}</h3>",
        *_claim_text(c),
    ]
    if c.speaker:
        lines.append(f'<p class="fc-meta">Said by {escape(c.speaker_line)}</p>')
    if c.correction_pending:
        lines.append(
            '<p class="fc-draft">A correction of this rating is in review; the approved '
            "rating is shown until it is approved.</p>"
        )
    if c.rationale:
        lines.append(f'<div class="fc-rationale">{markdown_to_safe_html(c.rationale)}</div>')
    elif not c.approved:
        lines.append("<p><em>This claim is still being reviewed.</em></p>")
    if c.evidence:
        lines.append('<h4>Evidence</h4><ul class="fc-evidence">')
        lines += [_evidence(e) for e in c.evidence]
        lines.append("</ul>")
    lines.append(f'<p class="fc-credits">{_credits(c)}</p>')
    lines.append("</section>")
    return "\n".join(lines)


PARAPHRASE_LABEL = "Claim as the desk states it"
QUOTE_LABEL = "The article’s text"


def _claim_text(c: ClaimEntry) -> list[str]:
    """Only the article's own words go in quotation marks: a reviewer's rewording is shown
    as the desk's statement of the claim, beside the sentence it restates."""
    quote = f'<p class="fc-claim-text">“{escape(c.quoted_text)}”</p>'
    if not c.paraphrased:
        return [quote]
    return [
        f'<p class="fc-label">{PARAPHRASE_LABEL}</p>',
        f'<p class="fc-claim-text fc-paraphrase">{escape(c.text)}</p>',
        f'<p class="fc-label">{QUOTE_LABEL}</p>',
        quote,
    ]


def _credits(c: ClaimEntry) -> str:
    bits = []
    if c.reviewed_by:
        bits.append(f"Reviewed by {escape(c.reviewed_by)}")
    if c.approved and c.approved_by:
        when = f" on {escape(human_date(c.approved_at))}" if c.approved_at else ""
        bits.append(f"approved by {escape(c.approved_by)}{when}")
    elif not c.approved:
        bits.append("not approved yet")
    if c.confidence is not None:
        bits.append(f"confidence {c.confidence}%")
    text = "; ".join(bits)
    return (text[:1].upper() + text[1:] + ".") if text else ""


def _evidence(e: EvidenceEntry) -> str:
    label = e.title or e.url or "Untitled source"
    head = _link(e.url, label) if e.url else escape(label)
    meta = [escape(x) for x in (e.publisher, human_date(e.published)) if x]
    parts = [
        f'<li><span class="fc-stance">{escape(e.stance_label)}:</span> {head}',
        f' <span class="fc-meta">{" · ".join(meta)}</span>' if meta else "",
    ]
    if e.archived_url:
        parts.append(f' <span class="fc-meta">({_link(e.archived_url, "archived copy")})</span>')
    if e.quote:
        parts.append(f"<blockquote>{escape(e.quote)}</blockquote>")
    if e.note:
        parts.append(f'<p class="fc-meta">{escape(e.note)}</p>')
    parts.append("</li>")
    return "".join(parts)


def _corrections(corrections: tuple[CorrectionEntry, ...]) -> str:
    if corrections:
        items = "".join(
            f'<li><span class="fc-meta">Version {c.version}:</span> {escape(c.message)}</li>'
            for c in corrections
        )
        body = f'<ol class="fc-corrections">{items}</ol>'
    else:
        body = "<p>No corrections.</p>"
    return (
        '<section aria-labelledby="fc-corrections-heading">'
        f'<h2 id="fc-corrections-heading">Corrections</h2>{body}</section>'
    )


def _methodology(s: ReportSnapshot) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.label)}</td>"
        f"<td>{r.value if r.value is not None else 'outside the scale'}</td>"
        f"<td>{escape(r.description)}</td></tr>"
        for r in s.scale.ratings
    )
    return (
        '<section aria-labelledby="fc-method-heading">'
        '<h2 id="fc-method-heading">Methodology</h2>'
        f"{markdown_to_safe_html(s.methodology)}"
        f"<h3>Rating scale: {escape(s.scale.name)}</h3>"
        '<table class="fc-scale"><thead><tr><th scope="col">Rating</th><th scope="col">Value</th>'
        f'<th scope="col">Meaning</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _footer(s: ReportSnapshot) -> str:
    link = _link(s.url, s.url) if s.url else ""
    return f"<footer>{escape(s.desk.name)}{' · ' + link if link else ''}</footer>"


def _link(url: str, text: str) -> str:
    """A link only for http(s) addresses; anything else (javascript:, data:) is shown as text.
    A link whose text is its address is marked `fc-url`: the PDF prints every other link's
    address after its text, and this one's would be printed twice."""
    if not url.lower().startswith(("http://", "https://")):
        return escape(text)
    bare = ' class="fc-url"' if text == url else ""
    return f'<a href="{escape(url)}"{bare} rel="noopener noreferrer nofollow">{escape(text)}</a>'
