"""General web search through a self-hosted SearxNG instance's JSON API (/search?format=json).
The instance must have the json format enabled in its settings.yml."""

from __future__ import annotations

from django.conf import settings

from reviews.providers.base import CandidateData, Provider, get_json, keyword_query, parse_date
from reviews.providers.labels import LABELS


class SearxngProvider(Provider):
    name = "searxng"
    label = LABELS["searxng"]

    def __init__(self, *, url: str | None = None, max_results: int | None = None):
        self.url = (url if url is not None else settings.SEARXNG_URL).rstrip("/")
        self.max_results = max_results or settings.PROVIDER_MAX_RESULTS

    def unavailable_reason(self) -> str:
        return "" if self.url else "no SEARXNG_URL"

    def search(self, claim) -> list[CandidateData]:
        query = keyword_query(claim.display_text, limit=10)
        if not query:
            return []
        language = getattr(claim.article, "language", "") or "en"
        data = get_json(f"{self.url}/search", {"q": query, "format": "json", "language": language})
        results = []
        for row in data.get("results", []):
            url = row.get("url")
            if not url:
                continue
            results.append(
                CandidateData(
                    url=url,
                    title=row.get("title", ""),
                    snippet=row.get("content", ""),
                    publisher=(row.get("parsed_url") or ["", ""])[1]
                    if row.get("parsed_url")
                    else "",
                    published=parse_date(row.get("publishedDate")),
                    score=float(row.get("score") or 0.0),
                    extra={"engines": row.get("engines", []), "query": query},
                )
            )
            if len(results) >= self.max_results:
                break
        return results
