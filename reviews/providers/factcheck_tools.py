"""Existing fact-checks from the Google Fact Check Tools API (claims:search). Off without
an API key."""

from __future__ import annotations

from django.conf import settings

from reviews.providers.base import CandidateData, Provider, get_json, parse_date
from reviews.providers.labels import LABELS


class FactCheckToolsProvider(Provider):
    name = "factcheck_tools"
    label = LABELS["factcheck_tools"]

    def __init__(
        self, *, url: str | None = None, api_key: str | None = None, max_results: int | None = None
    ):
        self.url = url or settings.FACTCHECK_TOOLS_URL
        self.api_key = api_key if api_key is not None else settings.FACTCHECK_TOOLS_API_KEY
        self.max_results = max_results or settings.PROVIDER_MAX_RESULTS

    def unavailable_reason(self) -> str:
        return "" if self.api_key else "no FACTCHECK_TOOLS_API_KEY"

    def search(self, claim) -> list[CandidateData]:
        language = getattr(claim.article, "language", "") or "en"
        data = get_json(
            self.url,
            {
                "query": claim.display_text[:500],
                "key": self.api_key,
                "languageCode": language,
                "pageSize": self.max_results,
            },
        )
        results = []
        for claim_row in data.get("claims", []):
            for review in claim_row.get("claimReview", []):
                url = review.get("url")
                if not url:
                    continue
                rating = review.get("textualRating", "")
                claimant = claim_row.get("claimant", "")
                text = claim_row.get("text", "")
                snippet = f"{claimant + ': ' if claimant else ''}{text}"
                if rating:
                    snippet += f" Rated: {rating}."
                publisher = review.get("publisher", {})
                results.append(
                    CandidateData(
                        url=url,
                        title=review.get("title") or text[:200],
                        snippet=snippet,
                        publisher=publisher.get("name") or publisher.get("site", ""),
                        published=parse_date(review.get("reviewDate")),
                        score=1.0 / (len(results) + 1),
                        extra={
                            "kind": "fact_check",
                            "rating": rating,
                            "claim": text,
                            "claimant": claimant,
                            "claim_date": claim_row.get("claimDate", ""),
                        },
                    )
                )
        return results[: self.max_results]
