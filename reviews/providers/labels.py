"""The providers' names as the desk shows them, in the order the desk lists them. Kept apart
from the providers themselves so that a page's reads can name a provider without loading
one."""

from __future__ import annotations

LABELS = {
    "archive": "The desk's archive",
    "wikipedia": "Wikipedia",
    "factcheck_tools": "Google Fact Check Tools",
    "searxng": "Web search",
}
ORDER = tuple(LABELS)


def provider_label(name: str) -> str:
    """A provider's name as the desk shows it (a readable form of the raw name if it is no
    longer known)."""
    return LABELS.get(name) or name.replace("_", " ").capitalize()
