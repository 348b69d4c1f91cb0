"""schema.org ClaimReview JSON-LD: build it from a snapshot, validate it, embed it safely.

One ClaimReview per approved claim. Google's fact-check documentation requires
`claimReviewed`, `reviewRating` (with `alternateName`, the textual rating shown in search
results) and `url`; it recommends `author`, `itemReviewed` (a Claim with `author`,
`datePublished` and `appearance` or `firstAppearance`) and `datePublished`.
`ratingValue`, `bestRating` and `worstRating` are for numeric ratings only: a label outside
the desk's ordinal range (Misleading, Unverifiable) carries the text alone, as Google's
guidance allows, rather than a number that would place it on the true-false scale.
"""

from __future__ import annotations

import datetime
import json
import re
from urllib.parse import urlsplit

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


def _party(name: str, kind: str | None = None) -> dict:
    return {"@type": kind or speaker_type(name), "name": name}


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
        item["author"] = _party(claim.speaker)
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
        "claimReviewed": claim.text,
        "datePublished": claim.published or snapshot.date,
        "author": {"@type": "Organization", "name": snapshot.desk.name, "url": snapshot.desk.url},
        "reviewRating": rating,
        "itemReviewed": item,
    }
    # schema.org's CreativeWork.correction: the corrections-log entries of this claim.
    corrections = [c for c in snapshot.corrections if c.claim_id == claim.id]
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


# --- validation ------------------------------------------------------------------------------


def validate(obj) -> list[str]:
    """Problems with a ClaimReview (or a list of them) against Google's required and
    recommended fields; an empty list means valid."""
    if isinstance(obj, list):
        if not obj:
            return ["no ClaimReview"]
        problems: list[str] = []
        for index, item in enumerate(obj):
            problems += [f"[{index}] {p}" for p in validate(item)]
        return problems
    if not isinstance(obj, dict):
        return ["not a JSON object"]
    problems = []
    context = obj.get("@context")
    if not (isinstance(context, str) and context.rstrip("/") in (SCHEMA_ORG, "http://schema.org")):
        problems.append("@context: must be https://schema.org")
    if obj.get("@type") != "ClaimReview":
        problems.append("@type: must be ClaimReview")
    # Required.
    if not _text(obj.get("claimReviewed")):
        problems.append("claimReviewed: required")
    if not _absolute_url(obj.get("url")):
        problems.append("url: required, an absolute http(s) URL")
    problems += _rating_problems(obj.get("reviewRating"))
    # Recommended.
    problems += _party_problems(obj.get("author"), "author", want_url=True)
    if not _date(obj.get("datePublished")):
        problems.append("datePublished: recommended, an ISO 8601 date")
    problems += _item_problems(obj.get("itemReviewed"))
    return problems


def _rating_problems(rating) -> list[str]:
    if not isinstance(rating, dict):
        return ["reviewRating: required"]
    problems = []
    if rating.get("@type") != "Rating":
        problems.append("reviewRating.@type: must be Rating")
    if not _text(rating.get("alternateName")):
        problems.append("reviewRating.alternateName: required (the textual rating)")
    numbers = {k: rating.get(k) for k in ("ratingValue", "bestRating", "worstRating")}
    present = {k: v for k, v in numbers.items() if v is not None}
    if not present:
        return problems  # a textual rating only
    for key in ("ratingValue", "bestRating", "worstRating"):
        if key not in present:
            problems.append(f"reviewRating.{key}: required with a numeric rating")
        elif not _number(present[key]):
            problems.append(f"reviewRating.{key}: must be a number")
    if any(p.startswith("reviewRating.") and "Rating:" in p for p in problems):
        return problems
    value, best, worst = (float(present[k]) for k in ("ratingValue", "bestRating", "worstRating"))
    if worst < 1:
        problems.append("reviewRating.worstRating: must be at least 1")
    if best <= worst:
        problems.append("reviewRating.bestRating: must be greater than worstRating")
    if not worst <= value <= best:
        problems.append("reviewRating.ratingValue: must lie between worstRating and bestRating")
    return problems


def _item_problems(item) -> list[str]:
    if not isinstance(item, dict):
        return ["itemReviewed: recommended, a Claim"]
    problems = []
    if item.get("@type") != "Claim":
        problems.append("itemReviewed.@type: must be Claim")
    problems += _party_problems(item.get("author"), "itemReviewed.author", want_url=False)
    if not _date(item.get("datePublished")):
        problems.append("itemReviewed.datePublished: recommended, an ISO 8601 date")
    appearance = item.get("appearance") or item.get("firstAppearance")
    if appearance is None:
        problems.append("itemReviewed.appearance: recommended (where the claim appeared)")
    elif isinstance(appearance, str):
        if not _absolute_url(appearance):
            problems.append("itemReviewed.appearance: must be an absolute URL")
    elif isinstance(appearance, dict):
        if not _absolute_url(appearance.get("url")):
            problems.append("itemReviewed.appearance.url: recommended, an absolute URL")
        if "datePublished" in appearance and not _date(appearance["datePublished"]):
            problems.append("itemReviewed.appearance.datePublished: must be an ISO 8601 date")
    else:
        problems.append("itemReviewed.appearance: must be a URL or a CreativeWork")
    return problems


def _party_problems(party, path: str, *, want_url: bool) -> list[str]:
    if not isinstance(party, dict):
        return [f"{path}: recommended, a Person or Organization"]
    problems = []
    if party.get("@type") not in ("Person", "Organization"):
        problems.append(f"{path}.@type: must be Person or Organization")
    if not _text(party.get("name")):
        problems.append(f"{path}.name: recommended")
    if want_url and not _absolute_url(party.get("url")):
        problems.append(f"{path}.url: recommended, an absolute URL")
    return problems


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _absolute_url(value) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _date(value) -> bool:
    if not isinstance(value, str) or not value:
        return False
    try:
        if len(value) == 10:
            datetime.date.fromisoformat(value)
        else:
            datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
