"""Candidate-source providers behind one small interface (base.Provider) and a registry."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from reviews.providers.archive import ArchiveProvider
from reviews.providers.base import CandidateData, Provider, ProviderError
from reviews.providers.factcheck_tools import FactCheckToolsProvider
from reviews.providers.labels import provider_label
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


@dataclass(frozen=True)
class ProviderOffer:
    """What the desk's pages say about providers: the ones a search uses, and the ones
    switched on but not configured (in words only: the settings they lack are for the
    admin, see provider_status)."""

    searching: tuple[str, ...]  # labels
    not_set_up: tuple[str, ...]  # labels

    @property
    def not_set_up_sentence(self) -> str:
        if not self.not_set_up:
            return ""
        names = self.not_set_up
        joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        verb = "is" if len(names) == 1 else "are"
        return f"{joined} {verb} not set up on this desk."


def provider_offer() -> ProviderOffer:
    searching, not_set_up = [], []
    for name, label, reason in provider_status():
        if not reason:
            searching.append(label)
        elif name in settings.FACTCHECK_PROVIDERS:
            not_set_up.append(label)
    return ProviderOffer(tuple(searching), tuple(not_set_up))


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
    "ProviderOffer",
    "enabled_providers",
    "get_provider",
    "provider_label",
    "provider_offer",
    "provider_status",
    "registry",
]
