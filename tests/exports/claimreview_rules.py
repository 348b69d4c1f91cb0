"""Google's rules for ClaimReview markup, as a check of what `reviews.exports.claimreview`
builds. Only the tests use it, so it lives here.

Required: `claimReviewed`, `reviewRating` (a Rating with `alternateName`, the textual rating
shown in search results) and an absolute `url`. Recommended: `author` (a Person or
Organization with a URL), `datePublished` and `itemReviewed` (a Claim with `author`,
`datePublished` and `appearance` or `firstAppearance`). `ratingValue`, `bestRating` and
`worstRating` come together or not at all: a textual rating alone is allowed.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from reviews.exports.claimreview import SCHEMA_ORG


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
