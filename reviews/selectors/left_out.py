"""The lines of an article that extraction left out as page furniture (bylines, "Read more"
links, captions, metadata lists): nothing is lost, the review page lists them and a reviewer
restores one as a claim."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import lru_cache

from claimextract import LeftOut, find_furniture
from reviews.models import Article, Claim


@lru_cache(maxsize=64)
def _furniture(body: str) -> tuple[LeftOut, ...]:
    # The same body is shown again and again while it is reviewed; the lines depend on it only.
    return tuple(find_furniture(body))


def left_out_lines(article: Article, claims: Sequence[Claim]) -> list[LeftOut]:
    """The article's furniture lines that no claim covers (a restored line is a claim now)."""
    spans = sorted((c.start, c.end) for c in claims)
    starts = [start for start, _ in spans]
    # furthest[i]: the furthest end of the claims starting at or before spans[i].
    furthest, reach = [], -1
    for _, end in spans:
        reach = max(reach, end)
        furthest.append(reach)
    found = []
    for line in _furniture(article.body):
        before = bisect.bisect_left(starts, line.end)  # claims starting before the line ends
        if before and furthest[before - 1] > line.start:
            continue
        found.append(line)
    return found
