"""Documents cut into passages that a reviewer can read in one glance. Pure Python.

A passage is a window of whole sentences (about 60 words), overlapping its neighbour by one
sentence so that a fact that straddles two windows is whole in one of them.
"""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
TARGET_WORDS = 60


def sentences(text: str) -> list[str]:
    result: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            result.extend(s.strip() for s in SENTENCE_END.split(paragraph) if s.strip())
    return result


def passages(text: str, *, target_words: int = TARGET_WORDS) -> list[str]:
    units = sentences(text)
    if not units:
        return []
    windows: list[str] = []
    start = 0
    while start < len(units):
        words = 0
        end = start
        while end < len(units) and (words < target_words or end == start):
            words += len(units[end].split())
            end += 1
        windows.append(" ".join(units[start:end]))
        if end >= len(units):
            break
        # Overlap by one sentence unless the window is a single sentence.
        start = end - 1 if end - start > 1 else end
    return windows
