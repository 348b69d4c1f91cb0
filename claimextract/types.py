"""Value types of claim extraction. Pure Python: nothing here imports Django."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Unit:
    """A segment of the original text: `text[start:end]`, trimmed of surrounding space."""

    start: int
    end: int
    headline: bool = False


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    value: float | int
    unit: str | None
    qualifier: str | None
    start: int  # offsets relative to the claim text
    end: int

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
        }


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or a period: `value` is the day, month or year the text names (the first of
    a range), `end_value` the last of a range ("between 1 and 5 March", "last week"), at
    the same precision; None for a single date."""

    text: str
    value: str | None  # ISO date (YYYY-MM-DD, YYYY-MM or YYYY), None when unresolvable
    start: int
    end: int
    end_value: str | None = None

    def as_json(self) -> dict[str, Any]:
        """`{"text", "value"}`, plus `"end"` for a range only."""
        if self.end_value is None:
            return {"text": self.text, "value": self.value}
        return {"text": self.text, "value": self.value, "end": self.end_value}


@dataclass(slots=True)
class ExtractedClaim:
    index: int
    text: str
    start: int
    end: int
    kind: str
    headline: bool
    checkworthiness: float
    checkworthy: bool
    speaker: str | None
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    # Why it scored as it did, in words (claimextract.reasons): the verdict first.
    reasons: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """One claim of `extract_claims --format json` (README "Using it"), plus `checkworthy`
        and `reasons`."""
        return {
            "index": self.index,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "headline": self.headline,
            "checkworthiness": round(self.checkworthiness, 4),
            "checkworthy": self.checkworthy,
            "speaker": self.speaker,
            "quantities": [q.as_json() for q in self.quantities],
            "dates": [d.as_json() for d in self.dates],
            "reasons": list(self.reasons),
        }


__all__ = ["DateMention", "ExtractedClaim", "Quantity", "Unit", "asdict"]
