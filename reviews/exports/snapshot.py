"""The report snapshot: everything an export needs, as plain values.

Every export format is a pure function of a `ReportSnapshot`. The snapshot is built from the
database by `reviews.services.reports.report_snapshot_build`, frozen into `Report.snapshot`
(its `to_dict()`) at publication, and read back with `ReportSnapshot.from_dict()`, so a
published version renders the same whatever happens to the verdicts later.

No Django here: the exports can be used and tested without a database.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass, field, fields

import markdown
import nh3

from reviews.markdown import URL_SCHEMES, is_allowed_link, neutralise_unsafe_links

# Bumped when a field changes meaning or disappears; adding a field keeps the number.
# 2: a claim's `number` is its stable number in the article, no longer its position.
SCHEMA_VERSION = 2


@dataclass(frozen=True)
class Desk:
    name: str
    url: str


@dataclass(frozen=True)
class ArticleMeta:
    id: int
    title: str
    outlet: str = ""
    url: str = ""
    author: str = ""
    published: str | None = None  # ISO date
    language: str = "en"


@dataclass(frozen=True)
class ScaleRating:
    label: str
    slug: str
    value: int | None = None  # None: outside the ordinal range (Misleading, Unverifiable)
    description: str = ""
    color: str = "#777777"


@dataclass(frozen=True)
class Scale:
    name: str
    ratings: tuple[ScaleRating, ...] = ()

    @property
    def best(self) -> int | None:
        values = [r.value for r in self.ratings if r.value is not None]
        return max(values) if values else None

    @property
    def worst(self) -> int | None:
        values = [r.value for r in self.ratings if r.value is not None]
        return min(values) if values else None


@dataclass(frozen=True)
class EvidenceEntry:
    stance: str  # supports, refutes, context
    url: str = ""
    title: str = ""
    publisher: str = ""
    published: str | None = None  # ISO date
    quote: str = ""
    note: str = ""
    archived_url: str = ""

    def __post_init__(self) -> None:
        # A snapshot never carries a script link, whatever was stored before links were
        # checked at save: every format renders from here.
        for name in ("url", "archived_url"):
            value = getattr(self, name)
            if value and not is_allowed_link(value):
                object.__setattr__(self, name, "")
        for name in ("quote", "note"):
            object.__setattr__(self, name, neutralise_unsafe_links(getattr(self, name)))

    @property
    def stance_label(self) -> str:
        return STANCE_LABELS.get(self.stance, self.stance.capitalize())


STANCE_LABELS = {"supports": "Supports", "refutes": "Refutes", "context": "Context"}


@dataclass(frozen=True)
class ClaimEntry:
    id: int
    # The claim's number in its article (`Claim.number`), the same in every version of the
    # report: a claim added later takes the next free number, so numbers can have gaps.
    number: int
    # The claim as the desk states it for readers: the reviewer's wording, else the
    # article's sentence.
    text: str
    speaker: str = ""
    speaker_role: str = ""
    # The sentence as the article has it, the only text a report puts in quotation marks.
    # "" in snapshots made before it was recorded (then `text` is shown as before).
    article_text: str = ""
    kind: str = "other"
    # False in a draft for a claim without an approved verdict: shown as pending.
    approved: bool = False
    # Drafts only: the rating shown is the approved one, and a correction of it is in work.
    correction_pending: bool = False
    rating: str = ""  # the label; "" when there is no verdict yet
    rating_slug: str = ""
    rating_value: int | None = None
    rating_color: str = "#777777"
    conclusion: str = ""  # first sentence of the rationale, plain text
    rationale: str = ""  # Markdown
    confidence: int | None = None
    reviewed_by: str = ""
    approved_by: str = ""
    approved_at: str | None = None  # ISO datetime
    verdict_number: int | None = None
    # The date this rating was first published (ISO date); in a draft, the draft's date.
    published: str | None = None
    evidence: tuple[EvidenceEntry, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "rationale", neutralise_unsafe_links(self.rationale))

    @property
    def anchor(self) -> str:
        return f"claim-{self.id}"

    @property
    def status_label(self) -> str:
        return "Approved" if self.approved else "Pending"

    @property
    def quoted_text(self) -> str:
        """What the article says, to be shown in quotation marks."""
        return self.article_text or self.text

    @property
    def paraphrased(self) -> bool:
        """True when the desk's wording differs from the article's sentence: the report
        then shows the wording as the desk's, not as a quotation."""
        return bool(self.article_text) and _words(self.text) != _words(self.article_text)

    @property
    def speaker_line(self) -> str:
        """`Name, role`, or the name alone."""
        if self.speaker and self.speaker_role:
            return f"{self.speaker}, {self.speaker_role}"
        return self.speaker


def _words(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class CorrectionEntry:
    claim_id: int
    claim_number: int
    # The article's sentence (quoted in the message), not the desk's wording.
    claim_text: str
    old_rating: str  # "" when the claim was added in this version
    new_rating: str  # "" when the claim was withdrawn from the report
    date: str  # ISO date
    reason: str = ""
    version: int = 0  # the report version that made the correction

    @property
    def added(self) -> bool:
        """A claim published for the first time in a later version (no earlier rating)."""
        return not self.old_rating and bool(self.new_rating)

    @property
    def message(self) -> str:
        short = shorten(self.claim_text, 90)
        when = human_date(self.date)
        if self.added:
            text = f"Claim {self.claim_number} (“{short}”) added on {when}"
        elif self.new_rating and self.new_rating == self.old_rating:
            text = (
                f"Claim {self.claim_number} (“{short}”) was corrected on {when}; its rating "
                f"stays {self.new_rating}"
            )
        elif self.new_rating:
            text = (
                f"Rating of claim {self.claim_number} (“{short}”) changed from "
                f"{self.old_rating} to {self.new_rating} on {when}"
            )
        else:
            text = (
                f"Claim {self.claim_number} (“{short}”), rated {self.old_rating}, "
                f"was withdrawn on {when}"
            )
        return f"{text}: {self.reason}" if self.reason else f"{text}."


@dataclass(frozen=True)
class ReportSnapshot:
    desk: Desk
    article: ArticleMeta
    scale: Scale
    claims: tuple[ClaimEntry, ...] = ()
    corrections: tuple[CorrectionEntry, ...] = ()
    methodology: str = ""  # Markdown
    draft: bool = True
    version: int | None = None  # None for a draft
    published_at: str | None = None  # ISO datetime
    published_by: str = ""
    generated_at: str = ""  # ISO datetime
    url: str = ""  # public address of the report
    schema_version: int = SCHEMA_VERSION
    extra: dict = field(default_factory=dict)

    @property
    def approved_claims(self) -> tuple[ClaimEntry, ...]:
        return tuple(c for c in self.claims if c.approved and c.rating)

    @property
    def pending_claims(self) -> tuple[ClaimEntry, ...]:
        return tuple(c for c in self.claims if not c.approved)

    def rating_counts(self) -> list[tuple[str, str, int]]:
        """(label, colour, count) of the approved claims' ratings, in the scale's order; a
        label the scale does not have (a scale changed since) follows, in claim order.
        Ratings no claim has are left out."""
        counts: dict[str, int] = {}
        colours: dict[str, str] = {}
        for claim in self.approved_claims:
            counts[claim.rating] = counts.get(claim.rating, 0) + 1
            colours.setdefault(claim.rating, claim.rating_color)
        on_scale = [r.label for r in self.scale.ratings if r.label in counts]
        scale_colours = {r.label: r.color for r in self.scale.ratings}
        order = on_scale + [label for label in counts if label not in scale_colours]
        return [
            (label, scale_colours.get(label) or colours[label], counts[label]) for label in order
        ]

    @property
    def date(self) -> str:
        """The report's date (ISO): publication, or generation for a draft."""
        return (self.published_at or self.generated_at or "")[:10]

    def claim_url(self, claim: ClaimEntry) -> str:
        return f"{self.url}#{claim.anchor}" if self.url else f"#{claim.anchor}"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ReportSnapshot:
        """Reads what `to_dict` wrote, ignoring keys it does not know (newer writers)."""
        scale = data["scale"]
        return cls(
            desk=_build(Desk, data["desk"]),
            article=_build(ArticleMeta, data["article"]),
            scale=Scale(
                name=scale.get("name", ""),
                ratings=tuple(_build(ScaleRating, r) for r in scale.get("ratings", ())),
            ),
            claims=tuple(_claim_from_dict(c) for c in data.get("claims", ())),
            corrections=tuple(_build(CorrectionEntry, c) for c in data.get("corrections", ())),
            **{
                k: data[k]
                for k in (
                    "methodology",
                    "draft",
                    "version",
                    "published_at",
                    "published_by",
                    "generated_at",
                    "url",
                    "schema_version",
                    "extra",
                )
                if k in data
            },
        )

    def fingerprint(self) -> str:
        """SHA-256 of what readers are told: the article, the claims and their verdicts and
        evidence, the scale and the methodology. Version numbers, dates of publication and
        the corrections log are left out, so that two versions with the same content have
        the same fingerprint ("nothing changed")."""
        content = {
            "article": asdict(self.article),
            "claims": [
                {k: v for k, v in asdict(c).items() if k != "published"} for c in self.claims
            ],
            "scale": asdict(self.scale),
            "methodology": self.methodology,
        }
        return sha256_hex(canonical_json(content))


def _claim_from_dict(data: dict) -> ClaimEntry:
    evidence = tuple(_build(EvidenceEntry, e) for e in data.get("evidence", ()))
    return _build(ClaimEntry, {**data, "evidence": evidence})


def _build(cls, data: dict):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


# --- helpers shared by the formats ---------------------------------------------------------


def canonical_json(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def human_date(iso: str | None) -> str:
    """`2022-01-10` (or a datetime) -> `10 January 2022`; anything unparsable unchanged."""
    if not iso:
        return ""
    try:
        day = datetime.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


# Sanitised Markdown: what a rationale may contain. No images, no styles, no frames: a
# report must not load anything from elsewhere, and must not run anything.
ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "sub",
    "sup",
    "del",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# The same link rule as the desk's pages and the check at save (reviews/markdown.py).
ALLOWED_URL_SCHEMES = set(URL_SCHEMES)


def markdown_to_safe_html(text: str) -> str:
    rendered = markdown.markdown(text or "", extensions=["sane_lists", "tables"])
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown string (for one-line conclusions and CSV cells)."""
    rendered = markdown_to_safe_html(text)
    plain = nh3.clean(rendered, tags=set(), strip_comments=True)
    return " ".join(html.unescape(plain).split())


# A sentence ends at . ! or ? followed by space and an upper-case letter, digit or quote;
# the look-behind keeps common abbreviations and initials from ending one.
_ABBREVIATIONS = (
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "St",
    "Jr",
    "Sr",
    "No",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "U.S",
    "U.K",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Gen",
    "Gov",
    "Sen",
    "Rep",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


def first_sentence(markdown_text: str, *, limit: int = 240) -> str:
    text = markdown_to_text(markdown_text)
    for match in _SENTENCE_END.finditer(text):
        head = text[: match.start()].rstrip(".!?")
        last_word = head.rsplit(" ", 1)[-1]
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isupper()):
            continue
        text = text[: match.end()].strip()
        break
    return shorten(text, limit)
