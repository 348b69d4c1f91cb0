"""The desk's fetch policy, read from settings once per call and passed to safefetch, and
fetching a document from the web with its main text extracted."""

from __future__ import annotations

from typing import Any, NamedTuple

from django.conf import settings

from claimextract.webpage import ExtractedDocument, extract_document
from safefetch import FetchError, FetchPolicy, FetchResult, Resolver, fetch, normalise_allow_hosts


class FetchedDocument(NamedTuple):
    """What the fetcher got (final URL, body, type) and what was read from it."""

    result: FetchResult
    document: ExtractedDocument


def fetch_policy(**overrides: Any) -> FetchPolicy:
    values: dict[str, Any] = {
        "connect_timeout": float(settings.FETCH_CONNECT_TIMEOUT),
        "read_timeout": float(settings.FETCH_READ_TIMEOUT),
        "deadline": float(settings.FETCH_DEADLINE_SECONDS),
        "max_bytes": int(settings.FETCH_MAX_BYTES),
        "max_redirects": int(settings.FETCH_MAX_REDIRECTS),
        "allowed_content_types": frozenset(t.lower() for t in settings.FETCH_ALLOWED_CONTENT_TYPES),
        "allow_hosts": normalise_allow_hosts(settings.FETCH_ALLOW_HOSTS),
        "user_agent": settings.FACTCHECK_USER_AGENT,
    }
    values.update(overrides)
    return FetchPolicy(**values)


def document_fetch(*, url: str, resolver: Resolver | None = None) -> FetchedDocument:
    """Fetch safely and extract; FetchError for anything refused or unreadable."""
    result = fetch(url, policy=fetch_policy(), resolver=resolver)
    document = extract_document(
        result.body,
        content_type=result.content_type,
        url=result.final_url,
        charset=result.charset,
    )
    if not document.text.strip():
        raise FetchError("No readable text was found in the document.", url=url)
    return FetchedDocument(result, document)
