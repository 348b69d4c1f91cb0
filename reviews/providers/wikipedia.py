"""Wikipedia through the MediaWiki Action API: list=search, then prop=extracts|info for the
intros and canonical page URLs of the hits."""

from __future__ import annotations

from django.conf import settings

from reviews.providers.base import (
    ERROR_ANSWER,
    CandidateData,
    Provider,
    ProviderError,
    RateLimit,
    get_json,
    keyword_query,
    parse_date,
    strip_tags,
)
from reviews.providers.labels import LABELS

# One limiter per process: Wikimedia asks API clients not to hammer it in parallel.
_limit = RateLimit(0.2)


class WikipediaProvider(Provider):
    name = "wikipedia"
    label = LABELS["wikipedia"]

    def __init__(self, *, api_url: str | None = None, max_results: int | None = None):
        self.api_url = api_url or settings.WIKIPEDIA_API_URL
        self.max_results = max_results or settings.PROVIDER_MAX_RESULTS
        _limit.interval = settings.WIKIPEDIA_MIN_INTERVAL_MS / 1000

    def unavailable_reason(self) -> str:
        return "" if self.api_url else "WIKIPEDIA_API_URL is not set"

    def call(self, **params) -> dict:
        _limit.wait()
        data = get_json(self.api_url, {"format": "json", "formatversion": "2", **params})
        if "error" in data:
            error = data["error"]
            raise ProviderError(
                f"Wikipedia: {error.get('code')}: {error.get('info')}", reason=ERROR_ANSWER
            )
        return data

    def search(self, claim) -> list[CandidateData]:
        query = keyword_query(claim.display_text)
        if not query:
            return []
        found = self.call(
            action="query",
            list="search",
            srsearch=query,
            srlimit=self.max_results,
            srprop="snippet|timestamp",
        )
        hits = found.get("query", {}).get("search", [])
        if not hits:
            return []
        pages = self.call(
            action="query",
            prop="extracts|info",
            inprop="url",
            exintro="1",
            explaintext="1",
            exlimit="max",
            pageids="|".join(str(h["pageid"]) for h in hits),
        )
        by_id = {p["pageid"]: p for p in pages.get("query", {}).get("pages", [])}
        results = []
        for rank, hit in enumerate(hits):
            page = by_id.get(hit["pageid"], {})
            url = page.get("canonicalurl") or page.get("fullurl")
            if not url:
                continue
            results.append(
                CandidateData(
                    url=url,
                    title=hit.get("title", ""),
                    snippet=strip_tags(hit.get("snippet", "")),
                    publisher="Wikipedia",
                    published=parse_date(hit.get("timestamp")),
                    score=1.0 / (rank + 1),
                    extra={"query": query},
                    text=page.get("extract", ""),
                )
            )
        return results
