"""The provider interface: a claim in, candidates out. And the registry of providers.

Each provider is switched on by settings.FACTCHECK_PROVIDERS and reached through a base URL
from settings, so that tests point it at a server on 127.0.0.1. The base URLs are the desk's
own configuration (a SearxNG instance may well live on a private network), so provider API
calls do not go through the SSRF-safe fetcher; every URL a provider *returns* does.
"""

from __future__ import annotations

import datetime
import html as html_lib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlencode

import urllib3
from django.conf import settings

from claimextract.ranking import STOPWORDS

if TYPE_CHECKING:
    from reviews.models import Claim


@dataclass
class CandidateData:
    """One suggestion of one provider, before ranking and storage."""

    url: str
    title: str = ""
    snippet: str = ""
    publisher: str = ""
    published: datetime.date | None = None
    score: float = 0.0
    extra: dict = field(default_factory=dict)
    # Text the provider already has (an extract, an earlier verdict): no fetch needed.
    text: str = ""


# Why a provider let a search down, in the terms a reviewer can act on (see
# reviews.services.jobs.FAILURE_WORDS for the words the desk shows).
UNREACHABLE = "unreachable"  # no connection, or no answer in time
ERROR_ANSWER = "error_answer"  # it answered with an HTTP error or an API error
UNREADABLE = "unreadable"  # it answered something that is not what its API sends
FAILED = "failed"  # anything else


# Ranking (services.candidates.claim_rerank) adds this to a candidate's text match (0 to
# 1): earlier verdicts of the desk first, then published fact-checks, then the rest.
KIND_BONUS = {"verdict": 1.0, "fact_check": 0.5}


def text_match(relevance: float, kind: str) -> float:
    """How well a candidate's text matches its claim (0 to 1, the best candidate of the
    claim 1), without its kind's bonus."""
    return max(0.0, min(1.0, relevance - KIND_BONUS.get(kind, 0.0)))


class ProviderError(Exception):
    """A provider could not answer. `transient`: a later try may succeed (timeouts, 5xx).
    `message` is for the logs and the admin (it may name hosts); `reason` is one of the
    constants above, for the desk's pages."""

    def __init__(self, message: str, *, transient: bool = False, reason: str = FAILED):
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.reason = reason


class Provider:
    name: ClassVar[str] = ""
    label: ClassVar[str] = ""

    def unavailable_reason(self) -> str:
        """Why the provider is off although switched on (missing key or URL), or ""."""
        return ""

    def search(self, claim: Claim) -> list[CandidateData]:
        raise NotImplementedError


_pool = urllib3.PoolManager(num_pools=8, maxsize=4, retries=False)


def get_json(url: str, params: dict | None = None, *, headers: dict | None = None) -> dict:
    """GET a JSON API with the desk's timeouts and user agent; errors become ProviderError."""
    full = f"{url}{'&' if '?' in url else '?'}{urlencode(params)}" if params else url
    timeout = settings.PROVIDER_TIMEOUT_SECONDS
    try:
        response = _pool.request(
            "GET",
            full,
            headers={
                "User-Agent": settings.FACTCHECK_USER_AGENT,
                "Accept": "application/json",
                **(headers or {}),
            },
            timeout=urllib3.Timeout(connect=timeout, read=timeout),
            redirect=False,
        )
    except urllib3.exceptions.HTTPError as exc:
        raise ProviderError(
            f"{url} did not answer: {exc}", transient=True, reason=UNREACHABLE
        ) from None
    if response.status >= 500 or response.status == 429:
        raise ProviderError(
            f"{url} answered {response.status}.", transient=True, reason=ERROR_ANSWER
        )
    if response.status >= 400:
        raise ProviderError(
            f"{url} answered {response.status}: {response.data[:200]!r}", reason=ERROR_ANSWER
        )
    try:
        data = json.loads(response.data)
    except ValueError:
        raise ProviderError(
            f"{url} answered something that is not JSON.", reason=UNREADABLE
        ) from None
    if not isinstance(data, dict):
        raise ProviderError(f"{url} answered JSON that is not an object.", reason=UNREADABLE)
    return data


class RateLimit:
    """At most one request per `interval` seconds from this process (polite API use)."""

    def __init__(self, interval: float):
        self.interval = interval
        self.lock = threading.Lock()
        self.last = 0.0

    def wait(self) -> None:
        with self.lock:
            pause = self.last + self.interval - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            self.last = time.monotonic()


WORD = re.compile(r"\d[\d,.]*\d|[\w’'-]+", re.UNICODE)


def keyword_query(text: str, limit: int = 8) -> str:
    """A search-engine query from a claim: names and numbers first, then other content
    words, in their original order. A whole sentence makes keyword engines return nothing."""
    words = [w.strip("'’-") for w in WORD.findall(text)]
    words = [w for w in words if w and w.lower() not in STOPWORDS and len(w) > 1]
    seen: set[str] = set()
    unique = []
    for w in words:
        if w.lower() not in seen:
            seen.add(w.lower())
            unique.append(w)
    important = {w for w in unique if w[0].isupper() or any(c.isdigit() for c in w)}
    ordered = sorted(unique, key=lambda w: (w not in important, unique.index(w)))[:limit]
    return " ".join(sorted(ordered, key=unique.index))


def parse_date(value) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def strip_tags(html: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", html or "")).split())
