"""`extract_claims`: the whole extraction pipeline. Units (headlines and sentences, with
offsets into the text), then per unit its speaker, check-worthiness score, quantities, dates
and kind; docs/SEGMENTATION.md and docs/CHECKWORTHINESS.md describe the first two steps."""

from __future__ import annotations

import datetime

from .attribution import find_speakers
from .checkworthiness import load_model
from .dates import find_dates
from .kinds import classify_kind
from .quantities import find_quantities
from .segment import split_units
from .types import ExtractedClaim


def extract_claims(
    text: str,
    *,
    published: datetime.date | None = None,
    lang: str = "en",
    units: str = "sentences",
) -> list[ExtractedClaim]:
    """Split `text` into claims anchored to it, scored for check-worthiness.

    Every claim satisfies `text[claim.start:claim.end] == claim.text`.
    """
    spans = split_units(text, lang=lang, units=units)
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


def explain_score(text: str, k: int = 3) -> list[str]:
    """Why a claim scored as it did, in words a reviewer understands."""
    return load_model().explain(text, k=k)
