"""SSRF-safe fetching of URLs from outside. Pure Python: the caller passes its FetchPolicy."""

from .fetcher import (
    FetchError,
    FetchFailed,
    FetchPolicy,
    FetchRefused,
    FetchResult,
    FetchUnavailable,
    Resolver,
    fetch,
    normalise_allow_hosts,
)
from .urls import canonical_url

__all__ = [
    "FetchError",
    "FetchFailed",
    "FetchPolicy",
    "FetchRefused",
    "FetchResult",
    "FetchUnavailable",
    "Resolver",
    "canonical_url",
    "fetch",
    "normalise_allow_hosts",
]
