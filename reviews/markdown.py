"""Verdict rationales are Markdown written by the desk; rendered HTML is sanitised with nh3
because Markdown passes raw HTML through, and a rationale may quote hostile text."""

from __future__ import annotations

import html
import re

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
# No javascript:, data: or vbscript: links; relative links would point into the desk itself
# when a report is read elsewhere.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to insert into a page (no scripts, no event handlers,
    no javascript: URLs; links get rel="noopener noreferrer nofollow")."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )


# --- link targets in the Markdown source ---------------------------------------------------
# The HTML above is cleaned by nh3, but the Markdown, CSV and JSON exports carry the source
# text itself, which another program may render: a `javascript:` or `data:` target must not
# survive there either. These patterns find every place Markdown (or raw HTML inside it)
# takes a link target: inline links and images, reference definitions, autolinks, and
# href/src attributes.
_INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.)*)\]\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_REFERENCE_DEFINITION = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>]*>|\S+)(.*)$", re.MULTILINE)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_HTML_URL_ATTRIBUTE = re.compile(
    r"""(\b(?:href|src|action|formaction|xlink:href|poster|background)\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)""",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# What browsers ignore inside a scheme ("java\tscript:"), and entity-encoded letters.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


def _scheme(target: str) -> str | None:
    cleaned = _IGNORED_IN_SCHEME.sub("", html.unescape(target.strip().strip("<>\"'")))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def is_allowed_link(target: str) -> bool:
    """A link target the desk publishes: an absolute http, https or mailto URL."""
    return _scheme(target) in URL_SCHEMES


def unsafe_links(text: str) -> list[str]:
    """The link targets in Markdown text that are not http, https or mailto URLs."""
    if not text:
        return []
    found = [m.group(3) for m in _INLINE_LINK.finditer(text)]
    found += [m.group(2) for m in _REFERENCE_DEFINITION.finditer(text)]
    found += [m.group(1) for m in _AUTOLINK.finditer(text) if _scheme(m.group(1))]
    found += [m.group(2) for m in _HTML_URL_ATTRIBUTE.finditer(text)]
    targets = (target.strip("<>\"'") for target in found)
    # "#" (a link to nowhere) is what neutralising leaves behind.
    return [target for target in targets if target not in ("", "#") and not is_allowed_link(target)]


def neutralise_unsafe_links(text: str) -> str:
    """The text with every link whose target is not http, https or mailto made plain text:
    `[label](javascript:...)` becomes `label`, such a definition or autolink loses its
    target, an HTML attribute's value becomes `#`."""
    if not text:
        return text

    def inline(match: re.Match[str]) -> str:
        return match.group(0) if is_allowed_link(match.group(3)) else match.group(2)

    def definition(match: re.Match[str]) -> str:
        return match.group(0) if is_allowed_link(match.group(2)) else match.group(1) + "#"

    def autolink(match: re.Match[str]) -> str:
        return match.group(0) if is_allowed_link(match.group(1)) else match.group(1)

    def attribute(match: re.Match[str]) -> str:
        return match.group(0) if is_allowed_link(match.group(2)) else match.group(1) + '"#"'

    text = _INLINE_LINK.sub(inline, text)
    text = _REFERENCE_DEFINITION.sub(definition, text)
    text = _AUTOLINK.sub(autolink, text)
    return _HTML_URL_ATTRIBUTE.sub(attribute, text)
