"""The desk's fetch policy, read from settings once per call and passed to safefetch."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from safefetch import FetchPolicy, normalise_allow_hosts


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
