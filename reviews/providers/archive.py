"""The desk's own data: (a) earlier approved verdicts on the same or a paraphrased claim,
(b) the desk's library of reference documents.

(a) is claim matching, the most valuable suggestion a desk can get: "checked 2022-01-12:
False" on top of the panel. (b) uses PostgreSQL full-text search (a stored tsvector column
with a GIN index, migration 0004) to pick a shortlist, then the app's ranking
(claimextract/ranking.py) orders it and finds the best passage. SQLite has no full-text index
here: the ranking runs over all reference documents, cached per process until the library
changes. Between the two come the published fact-checks the desk imported: the claim's
matches stored by the match job (services.matches), else ranked by services.factchecks
(docs/CLAIM_MATCHING.md).
"""

from __future__ import annotations

import re
import threading

from django.conf import settings
from django.db import connection
from django.db.models import Max
from django.urls import reverse

from claimextract.passages import passages
from claimextract.ranking import Document, Ranker, terms
from reviews.models import ClaimMatch, Source, Verdict
from reviews.providers.base import CandidateData, Provider
from reviews.providers.labels import LABELS

# Must equal the indexed expression of migration 0004 so that PostgreSQL uses the index.
FTS_DOCUMENT = "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || left(text, 200000))"
SHORTLIST = 100
# A verdict on another claim is offered only when the claims share most of their terms:
# a weak match on a verdict misleads more than it helps.
MIN_CLAIM_OVERLAP = 0.5
MAX_VERDICTS_SCANNED = 5000
# An imported fact-check is offered from this fused score up: on the CheckThat! 2022 train and
# dev queries, 95 % of best matches that reach it are right (docs/CLAIM_MATCHING.md).
MIN_FACTCHECK_SCORE = 0.6
LEXEME = re.compile(r"^[a-z0-9]+$")

_cache_lock = threading.Lock()
_reference_cache: dict = {}


class ArchiveProvider(Provider):
    name = "archive"
    label = LABELS["archive"]

    def __init__(self, *, max_results: int | None = None):
        self.max_results = max_results or settings.PROVIDER_MAX_RESULTS

    def search(self, claim) -> list[CandidateData]:
        return (
            self.verdict_candidates(claim)
            + self.factcheck_candidates(claim)
            + self.reference_candidates(claim)
        )

    # --- published fact-checks imported into the archive (docs/CLAIM_MATCHING.md) ---------

    def factcheck_candidates(self, claim) -> list[CandidateData]:
        results = []
        for match in self.factcheck_matches(claim):
            factcheck = match.factcheck
            if not factcheck.url:
                continue  # a candidate is a page to read; this one has no address
            if factcheck.desk_claim_id is not None:
                continue  # the desk's own verdict: offered as a verdict (below)
            snippet = f"{factcheck.claimant + ': ' if factcheck.claimant else ''}{factcheck.claim}"
            if factcheck.rating:
                snippet += f" Rated: {factcheck.rating}."
            results.append(
                CandidateData(
                    url=factcheck.url,
                    title=factcheck.title or factcheck.claim[:200],
                    snippet=snippet,
                    publisher=factcheck.publisher,
                    published=factcheck.published,
                    score=match.score,
                    extra={
                        "kind": "fact_check",
                        "rating": factcheck.rating,
                        "claim": factcheck.claim,
                        "claimant": factcheck.claimant,
                        "factcheck_id": factcheck.pk,
                        "lexical": round(match.lexical, 3),
                        "dense": round(match.dense, 3),
                    },
                )
            )
        return results

    def factcheck_matches(self, claim) -> list:
        """The claim's matches stored by the match job (services.matches), else ranked now."""
        stored = list(
            ClaimMatch.objects.filter(claim_id=claim.pk, score__gte=MIN_FACTCHECK_SCORE)
            .select_related("factcheck")
            .order_by("rank")[: self.max_results]
        )
        if stored:
            return stored
        from reviews.services.factchecks import factcheck_matches

        return factcheck_matches(
            text=claim.display_text, top_k=self.max_results, min_score=MIN_FACTCHECK_SCORE
        )

    # --- (a) earlier verdicts -------------------------------------------------------------

    def verdict_candidates(self, claim) -> list[CandidateData]:
        verdicts = list(
            Verdict.objects.filter(status=Verdict.Status.APPROVED)
            .exclude(claim_id=claim.pk)
            .select_related("claim__article", "rating")
            .order_by("-approved_at")[:MAX_VERDICTS_SCANNED]
        )
        if not verdicts:
            return []
        documents = [Document(key=v, title="", passages=[v.claim.display_text]) for v in verdicts]
        claim_terms = set(terms(claim.display_text))
        results = []
        for hit in Ranker(documents).search(claim.display_text, k=self.max_results):
            verdict = hit.key
            other = set(terms(verdict.claim.display_text))
            if not claim_terms or not other:
                continue
            overlap = len(claim_terms & other) / max(len(claim_terms), len(other))
            if overlap < MIN_CLAIM_OVERLAP:
                continue
            checked = (verdict.approved_at or verdict.created_at).date()
            url = (
                settings.FACTCHECK["DESK_URL"].rstrip("/")
                + reverse("reviews:article_detail", args=[verdict.claim.article_id])
                + f"#claim-{verdict.claim_id}"
            )
            results.append(
                CandidateData(
                    url=url,
                    title=f"Checked {checked.isoformat()}: {verdict.rating.label}",
                    snippet=verdict.claim.display_text,
                    publisher=settings.FACTCHECK["DESK_NAME"],
                    published=checked,
                    score=hit.score,
                    text=f"{verdict.claim.display_text}\n\n{verdict.rationale}",
                    extra={
                        "kind": "verdict",
                        "rating": verdict.rating.label,
                        "rating_color": verdict.rating.color,
                        "checked": checked.isoformat(),
                        "claim_id": verdict.claim_id,
                        "article_id": verdict.claim.article_id,
                        "article_title": verdict.claim.article.title,
                        "overlap": round(overlap, 3),
                        # Markdown, as the reviewer wrote it: the card renders it.
                        "rationale": verdict.rationale,
                    },
                )
            )
        return results

    # --- (b) reference documents ----------------------------------------------------------

    def reference_candidates(self, claim) -> list[CandidateData]:
        if connection.vendor == "postgresql":
            ranker = self.shortlist_ranker(claim.display_text)
        else:
            ranker = cached_reference_ranker()
        if ranker is None:
            return []
        results = []
        for hit in ranker.search(claim.display_text, k=self.max_results):
            source = hit.key
            results.append(
                CandidateData(
                    url=source.url or reference_url(source),
                    title=source.title,
                    snippet=hit.passage[:500],
                    publisher=source.publisher or "Reference library",
                    published=source.published,
                    score=hit.score,
                    text=source.text,
                    extra={"kind": "reference", "source_id": source.pk, "passage": hit.passage},
                )
            )
        return results

    def shortlist_ranker(self, text: str) -> Ranker | None:
        lexemes = sorted({t for t in terms(text) if LEXEME.match(t)})
        if not lexemes:
            return None
        # OR of the claim's terms: a claim's exact words are rarely all in one document.
        query = " | ".join(lexemes)
        sql = (
            f"SELECT id FROM reviews_source WHERE is_reference AND {FTS_DOCUMENT} @@ "  # noqa: S608 - constant SQL, parameters bound
            "to_tsquery('english'::regconfig, %s) "
            f"ORDER BY ts_rank_cd({FTS_DOCUMENT}, to_tsquery('english'::regconfig, %s)) DESC "
            "LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [query, query, SHORTLIST])
            ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            return None
        sources = Source.objects.filter(pk__in=ids)
        return Ranker(source_document(s) for s in sources)


def source_document(source) -> Document:
    return Document(key=source, title=source.title, passages=passages(source.text))


def reference_url(source) -> str:
    return settings.FACTCHECK["DESK_URL"].rstrip("/") + f"/sources/{source.pk}/"


def cached_reference_ranker() -> Ranker | None:
    references = Source.objects.filter(is_reference=True)
    state = references.aggregate(n=Max("pk"), fetched=Max("fetched_at"))
    key = (connection.settings_dict["NAME"], references.count(), state["n"], state["fetched"])
    with _cache_lock:
        if _reference_cache.get("key") == key:
            return _reference_cache["ranker"]
    if not key[1]:
        return None
    ranker = Ranker(source_document(s) for s in references.order_by("pk"))
    with _cache_lock:
        _reference_cache.update(key=key, ranker=ranker)
    return ranker
