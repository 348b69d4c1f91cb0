"""Candidate-source providers behind one small interface (base.Provider) and a registry."""

from __future__ import annotations

from django.conf import settings

from reviews.providers.archive import ArchiveProvider
from reviews.providers.base import CandidateData, Provider, ProviderError
from reviews.providers.factcheck_tools import FactCheckToolsProvider
from reviews.providers.searxng import SearxngProvider
from reviews.providers.wikipedia import WikipediaProvider


def registry() -> dict[str, type[Provider]]:
    return {
        p.name: p
        for p in (ArchiveProvider, WikipediaProvider, FactCheckToolsProvider, SearxngProvider)
    }


def get_provider(name: str) -> Provider:
    try:
        return registry()[name]()
    except KeyError:
        raise ProviderError(f"No provider called {name!r}.") from None


def enabled_providers() -> list[Provider]:
    """Providers switched on in settings and configured well enough to run."""
    known = registry()
    providers = []
    for name in settings.FACTCHECK_PROVIDERS:
        if name in known:
            provider = known[name]()
            if not provider.unavailable_reason():
                providers.append(provider)
    return providers


def provider_status() -> list[tuple[str, str, str]]:
    """(name, label, reason it is off or "") for every known provider, for the panel."""
    rows = []
    for name, cls in registry().items():
        if name not in settings.FACTCHECK_PROVIDERS:
            rows.append((name, cls.label, "switched off"))
        else:
            rows.append((name, cls.label, cls().unavailable_reason()))
    return rows


__all__ = [
    "CandidateData",
    "Provider",
    "ProviderError",
    "enabled_providers",
    "get_provider",
    "provider_status",
    "registry",
]
