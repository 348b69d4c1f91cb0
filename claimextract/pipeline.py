"""`extract_claims`: the whole extraction pipeline. Units (headlines and sentences, with
offsets into the text), then per unit its speaker, check-worthiness score, quantities, dates,
kind and the reasons for its score in words; docs/SEGMENTATION.md and
docs/CHECKWORTHINESS.md describe the first two steps."""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
from collections.abc import Callable

from .attribution import find_speakers
from .checkworthiness import load_model
from .dates import find_dates
from .furniture import find_furniture
from .kinds import classify_kind
from .quantities import find_quantities
from .reasons import describe
from .segment import split_units
from .types import ExtractedClaim, Unit


def extract_claims(
    text: str,
    *,
    published: datetime.date | None = None,
    lang: str = "en",
    units: str = "sentences",
    skip_furniture: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[ExtractedClaim]:
    """Split `text` into claims anchored to it, scored for check-worthiness.

    Every claim satisfies `text[claim.start:claim.end] == claim.text`. With
    `skip_furniture`, units on lines `find_furniture` names (bylines, "Read more" links,
    metadata lists of a web page) make no claim; the text itself is unchanged.
    `progress(done, total)` hears how many units are scored, every `PROGRESS_EVERY`.
    """
    spans = _without_bullets(text, split_units(text, lang=lang, units=units))
    if skip_furniture:
        spans = _without_furniture(text, spans)
    return _claims(text, spans, published=published, lang=lang, progress=progress)


# Scoring is most of the pipeline's time; a long text reports its progress in steps of this
# many units. Each sentence is scored on its own, so steps do not change any score.
PROGRESS_EVERY = 500


def _claims(
    text: str,
    spans: list[Unit],
    *,
    published: datetime.date | None,
    lang: str,
    progress: Callable[[int, int], None] | None = None,
) -> list[ExtractedClaim]:
    if not spans:
        return []
    sentences = [text[u.start : u.end] for u in spans]
    speakers = find_speakers(text, spans, lang=lang)
    model = load_model()
    if progress is None:
        scores = model.score(sentences)
    else:
        scores = []
        for first in range(0, len(sentences), PROGRESS_EVERY):
            scores.extend(model.score(sentences[first : first + PROGRESS_EVERY]))
            progress(len(scores), len(sentences))

    claims = []
    for index, (unit, sentence, speaker, score) in enumerate(
        zip(spans, sentences, speakers, scores, strict=True)
    ):
        quantities = find_quantities(sentence, lang=lang)
        dates = find_dates(sentence, published=published, lang=lang)
        kind = classify_kind(
            sentence, speaker=speaker, quantities=quantities, headline=unit.headline
        )
        reasons = describe(
            sentence,
            score=score,
            threshold=model.threshold,
            speaker=speaker,
            kind=kind,
            headline=unit.headline,
            quantities=quantities,
            dates=dates,
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
                reasons=reasons,
            )
        )
    return claims


# A list item's glyph is layout, not part of the claim: "- Prices rose" claims "Prices rose".
_BULLET = re.compile(r"[-*•⁃–—▪●◦‣]\s+")


def _without_bullets(text: str, spans: list[Unit]) -> list[Unit]:
    trimmed = []
    for unit in spans:
        glyph = _BULLET.match(text, unit.start, unit.end)
        if glyph is not None and glyph.end() < unit.end:
            unit = dataclasses.replace(unit, start=glyph.end())
        trimmed.append(unit)
    return trimmed


def _without_furniture(text: str, spans: list[Unit]) -> list[Unit]:
    furniture = find_furniture(text)  # in order, never overlapping
    starts = [f.start for f in furniture]

    def left_out(unit: Unit) -> bool:
        index = bisect.bisect_right(starts, unit.start) - 1
        return index >= 0 and unit.start < furniture[index].end

    return [u for u in spans if not left_out(u)]


def extract_one(
    text: str, *, published: datetime.date | None = None, lang: str = "en"
) -> ExtractedClaim | None:
    """`text` taken as one claim of its own (a half of a split, a span picked by hand): its
    kind, quantities, dates, score and reasons from its own words; None when it is blank."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if end <= start:
        return None
    return _claims(text, [Unit(start, end)], published=published, lang=lang)[0]


def explain_score(
    text: str,
    k: int | None = None,
    *,
    published: datetime.date | None = None,
    lang: str = "en",
) -> list[str]:
    """Why `text` scored as it did, in words a reviewer understands: the `reasons` that
    `extract_claims` gives `text` when it is a whole text of one unit (no headline, a
    speaker only if `text` names one), at most `k` of them. The verdict comes first.

    Inside an article a claim's `reasons` can say more (a speaker named in an earlier
    sentence, a weekday resolved against the publication date): prefer them when the
    claim came from `extract_claims`. The score costs one model run, none when the same
    sentence was scored lately."""
    claim = extract_one(text, published=published, lang=lang)
    if claim is None:
        return []
    return claim.reasons if k is None else claim.reasons[:k]
