"""schema.org ClaimReview JSON-LD: build it from a snapshot and embed it safely.

One ClaimReview per approved claim. Google's fact-check documentation requires
`claimReviewed`, `reviewRating` (with `alternateName`, the textual rating shown in search
results) and `url`; it recommends `author`, `itemReviewed` (a Claim with `author`,
`datePublished` and `appearance` or `firstAppearance`) and `datePublished`.
`ratingValue`, `bestRating` and `worstRating` are for numeric ratings only: a label outside
the desk's ordinal range (Misleading, Unverifiable) carries the text alone, as Google's
guidance allows, rather than a number that would place it on the true-false scale.
"""

from __future__ import annotations

import json
import re

from .snapshot import ClaimEntry, ReportSnapshot

CONTENT_TYPE = "application/ld+json"
SCHEMA_ORG = "https://schema.org"

# A speaker whose name contains one of these words is an organisation, not a person.
ORGANIZATION_WORDS = re.compile(
    r"\b(ministry|ministries|committee|organi[sz]ation|office|government|department|agency|"
    r"council|commission|parliament|senate|congress|assembly|service|bureau|authority|"
    r"police|army|military|forces|court|party|union|bank|company|corporation|inc|ltd|"
    r"association|institute|university|foundation|league|federation|mission|secretariat|"
    r"administration|kremlin|white house|cabinet|board|press|news|times|post|"
    r"headquarters|nato|csto|imf)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^[A-Z0-9&.\-]{2,}$")


def speaker_type(name: str) -> str:
    """`Person` or `Organization` for a speaker's name, by the words in it."""
    name = name.strip()
    if _ACRONYM.match(name) or ORGANIZATION_WORDS.search(name):
        return "Organization"
    if name.lower().startswith("the "):
        return "Organization"
    return "Person"


def _party(name: str, kind: str | None = None, role: str = "") -> dict:
    party = {"@type": kind or speaker_type(name), "name": name}
    if role:
        # schema.org gives a Person a `jobTitle`; an Organization has none, so its role
        # ("ruling party") is its description.
        party["jobTitle" if party["@type"] == "Person" else "description"] = role
    return party


def claim_review(snapshot: ReportSnapshot, claim: ClaimEntry) -> dict:
    article = snapshot.article
    rating: dict = {"@type": "Rating", "alternateName": claim.rating}
    if claim.rating_value is not None and snapshot.scale.best is not None:
        rating.update(
            ratingValue=claim.rating_value,
            bestRating=snapshot.scale.best,
            worstRating=snapshot.scale.worst,
        )
    if claim.conclusion:
        rating["ratingExplanation"] = claim.conclusion

    appearance: dict = {"@type": "CreativeWork", "headline": article.title}
    if article.url:
        appearance["url"] = article.url
    if article.published:
        appearance["datePublished"] = article.published
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}

    item: dict = {"@type": "Claim", "appearance": appearance}
    # An unattributed claim is the article's own: its byline, else its outlet.
    if claim.speaker:
        item["author"] = _party(claim.speaker, role=claim.speaker_role)
    elif article.author:
        item["author"] = _party(article.author)
    elif article.outlet:
        item["author"] = _party(article.outlet, "Organization")
    if article.published:
        item["datePublished"] = article.published

    review: dict = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": snapshot.claim_url(claim),
        # The claim as the desk states it: schema.org's "short summary of the specific
        # claims reviewed", which may be the reviewer's rewording, not only a quotation.
        "claimReviewed": claim.text,
        "datePublished": claim.published or snapshot.date,
        "author": {"@type": "Organization", "name": snapshot.desk.name, "url": snapshot.desk.url},
        "reviewRating": rating,
        "itemReviewed": item,
    }
    # schema.org's CreativeWork.correction: the corrections-log entries of this claim. That
    # a claim was added in a later version is no correction of its ClaimReview, which was
    # first published then (its datePublished says so).
    corrections = [c for c in snapshot.corrections if c.claim_id == claim.id and not c.added]
    if corrections:
        review["dateModified"] = max(c.date for c in corrections)
        review["correction"] = [
            {"@type": "CorrectionComment", "text": c.message, "datePublished": c.date}
            for c in corrections
        ]
    return review


def build(snapshot: ReportSnapshot) -> list[dict]:
    """One ClaimReview per approved claim; pending claims of a draft are left out."""
    return [claim_review(snapshot, claim) for claim in snapshot.approved_claims]


def render(snapshot: ReportSnapshot) -> bytes:
    return json.dumps(build(snapshot), ensure_ascii=False, indent=2).encode()


def script_json(value) -> str:
    """JSON for a `<script type="application/ld+json">` element. `<`, `>` and `&` become
    unicode escapes so that no text (a claim quoting `</script>` or `<!--`) can end the
    element or change how the HTML parser reads it; the JSON value is unchanged."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def script_tag(snapshot: ReportSnapshot) -> str:
    reviews = build(snapshot)
    if not reviews:
        return ""
    return f'<script type="application/ld+json">{script_json(reviews)}</script>'
