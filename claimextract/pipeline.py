"""`extract_claims`: the whole extraction pipeline. Units (headlines and sentences, with
offsets into the text), then per unit its speaker, check-worthiness score, quantities, dates
and kind; docs/SEGMENTATION.md and docs/CHECKWORTHINESS.md describe the first two steps."""

from __future__ import annotations

import bisect
import datetime

from .attribution import find_speakers
from .checkworthiness import load_model
from .dates import find_dates
from .furniture import find_furniture
from .kinds import classify_kind
from .quantities import find_quantities
from .segment import split_units
from .types import ExtractedClaim, Unit


def extract_claims(
    text: str,
    *,
    published: datetime.date | None = None,
    lang: str = "en",
    units: str = "sentences",
    skip_furniture: bool = False,
) -> list[ExtractedClaim]:
    """Split `text` into claims anchored to it, scored for check-worthiness.

    Every claim satisfies `text[claim.start:claim.end] == claim.text`. With
    `skip_furniture`, units on lines `find_furniture` names (bylines, "Read more" links,
    metadata lists of a web page) make no claim; the text itself is unchanged.
    """
    spans = split_units(text, lang=lang, units=units)
    if skip_furniture:
        spans = _without_furniture(text, spans)
    if not spans:
        return []
    sentences = [text[u.start : u.end] for u in spans]
    speakers = find_speakers(text, spans, lang=lang)
    model = load_model()
    scores = model.score(sentences)

    claims = []
    for index, (unit, sentence, speaker, score) in enumerate(
        zip(spans, sentences, speakers, scores, strict=True)
    ):
        quantities = find_quantities(sentence, lang=lang)
        dates = find_dates(sentence, published=published, lang=lang)
        kind = classify_kind(
            sentence, speaker=speaker, quantities=quantities, headline=unit.headline
        )
        claims.append(
            ExtractedClaim(
                index=index,
                text=sentence,
                start=unit.start,
                end=unit.end,
                kind=kind,
                headline=unit.headline,
                checkworthiness=score,
                checkworthy=score >= model.threshold,
                speaker=speaker,
                quantities=quantities,
                dates=dates,
            )
        )
    return claims


def _without_furniture(text: str, spans: list[Unit]) -> list[Unit]:
    furniture = find_furniture(text)  # in order, never overlapping
    starts = [f.start for f in furniture]

    def left_out(unit: Unit) -> bool:
        index = bisect.bisect_right(starts, unit.start) - 1
        return index >= 0 and unit.start < furniture[index].end

    return [u for u in spans if not left_out(u)]


def explain_score(text: str, k: int = 3) -> list[str]:
    """Why a claim scored as it did, in words a reviewer understands."""
    return load_model().explain(text, k=k)
