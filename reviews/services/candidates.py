"""Candidate sources of a claim: finding them (providers), fetching them (safe fetcher),
ranking them against the claim, and the reviewer's decisions on them.

The `*_run` services are what Celery tasks call: each claims its Job with a conditional
update first, so a duplicate delivery does nothing, and writes its results under unique
constraints, so a retry after a crash stores nothing twice.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from claimextract.passages import passages
from claimextract.ranking import Document, Ranker
from reviews import permissions as perms
from reviews.errors import ReviewError
from reviews.models import Article, Candidate, Claim, ClaimStatus, Evidence, Job, Source
from reviews.providers import (
    CandidateData,
    ProviderError,
    enabled_providers,
    get_provider,
    provider_label,
    registry,
)
from reviews.providers.base import KIND_BONUS, UNREADABLE
from reviews.selectors.jobs import ACTIVE
from reviews.services.evidence import evidence_add
from reviews.services.fetching import FetchedDocument
from reviews.services.jobs import (
    FAILED,
    failure_result,
    job_claim_or_wait,
    job_create,
    job_fail,
    job_fail_or_retry,
    job_fetch,
    job_finish,
)
from reviews.services.library import MAX_URL, source_get_or_create, url_clean
from reviews.tasks import fetch_candidate as fetch_candidate_task
from reviews.tasks import find_candidates as find_candidates_task
from safefetch import Resolver, canonical_url

log = logging.getLogger(__name__)

# Kinds of candidates whose text the provider already gave: nothing to fetch.
INTERNAL_KINDS = frozenset({"verdict", "reference"})
MAX_EXTRA_TEXT = 20_000


# --- Finding candidates -------------------------------------------------------------------


def candidates_find(
    *, claim: Claim, actor: AbstractBaseUser, providers: list[str] | None = None
) -> list[Job]:
    """Start one job per provider to find candidate sources for a claim. A provider that is
    already searching for this claim is not started twice."""
    perms.require(perms.is_desk_member(actor), "Only members of the desk can look for sources.")
    if claim.status == ClaimStatus.DISMISSED:
        raise ReviewError("The claim is dismissed: there is nothing to find sources for.")
    if providers:
        if any(name not in registry() for name in providers):
            raise ReviewError("There is no such source provider.")
        chosen = [get_provider(name) for name in providers]
        chosen = [p for p in chosen if not p.unavailable_reason()]
    else:
        chosen = enabled_providers()
    if not chosen:
        raise ReviewError("No source provider is switched on; see the desk's settings.")
    jobs = []
    with transaction.atomic():
        Claim.objects.select_for_update().filter(pk=claim.pk).first()
        busy = set(
            Job.objects.filter(
                claim=claim, kind=Job.Kind.FIND_CANDIDATES, status__in=ACTIVE
            ).values_list("params__provider", flat=True)
        )
        for provider in chosen:
            if provider.name in busy:
                continue
            jobs.append(_search_queue(claim=claim, provider=provider.name, actor=actor))
    return jobs


def candidates_find_for_article(*, article: Article, actor: AbstractBaseUser) -> list[Job]:
    """Editors: find sources for every check-worthy, open claim of an article at once."""
    perms.require(
        perms.is_desk_editor(actor), "Only editors can search sources for a whole article."
    )
    claims = article.claims.exclude(status__in=[ClaimStatus.DISMISSED, ClaimStatus.APPROVED])
    jobs = []
    with transaction.atomic():
        for claim in claims.order_by("-checkworthy", "-checkworthiness", "start"):
            jobs.extend(candidates_find(claim=claim, actor=actor))
    return jobs


def candidates_find_on_ingest(
    *, article: Article, actor: AbstractBaseUser | None = None
) -> list[Job]:
    """Called by ingestion: when the desk has switched it on, every check-worthy claim's
    sources are searched as soon as the article is in (on the desk's behalf, not the
    uploader's: whoever may ingest may trigger this)."""
    if not settings.AUTO_FIND_SOURCES_ON_INGEST:
        return []
    jobs = []
    with transaction.atomic():
        for claim in article.claims.filter(checkworthy=True):
            for provider in enabled_providers():
                jobs.append(_search_queue(claim=claim, provider=provider.name, actor=actor))
    return jobs


def _search_queue(*, claim: Claim, provider: str, actor: AbstractBaseUser | None) -> Job:
    job = job_create(
        kind=Job.Kind.FIND_CANDIDATES,
        claim=claim,
        article=claim.article,
        params={"provider": provider},
        created_by=actor,
        total=1,
    )
    find_candidates_task.delay_on_commit(job.pk)
    return job


def candidates_find_run(*, job_id: int) -> Job | None:
    """One provider's search for one claim (the task's work). Merges what it found into the
    claim's candidates, re-ranks them and queues fetches of the best ones."""
    job = job_claim_or_wait(job_id=job_id)
    if job is None:
        return None
    claim = job.claim
    provider_name = job.params.get("provider", "")
    label = provider_label(provider_name)
    try:
        found = get_provider(provider_name).search(claim)
    except ProviderError as exc:
        log.warning("Job %s: %s search failed: %s", job.pk, provider_name, exc.message)
        result = failure_result(subject=label, reason=exc.reason, retry=True)
        job_fail_or_retry(job=job, error=exc.message, transient=exc.transient, result=result)
        return job
    except (KeyError, TypeError, AttributeError) as exc:
        # JSON of an unexpected shape: the provider's API changed or is not what the
        # settings point at. Retrying will not help.
        log.exception("Job %s: %s answered in an unexpected shape", job.pk, provider_name)
        result = failure_result(subject=label, reason=UNREADABLE, retry=True)
        job_fail(job=job, error=f"Unexpected answer: {exc!r}", result=result)
        return job
    with transaction.atomic():
        # One re-ranking of a claim at a time (see _candidate_source_attach): providers
        # finish together.
        Claim.objects.select_for_update().filter(pk=claim.pk).first()
        created = candidates_merge(claim=claim, provider=provider_name, found=found)
        claim_rerank(claim=claim)
        fetches = candidates_fetch_best(claim=claim, actor=job.created_by)
        job_finish(
            job=job,
            result={
                "found": len(found),
                "new": created,
                "fetches": len(fetches),
                "message": found_message(label, len(found)),
            },
        )
    return job


def found_message(label: str, found: int) -> str:
    """A search's outcome as the desk shows it: "Wikipedia: 12 candidates"."""
    if not found:
        return f"{label}: nothing found"
    return f"{label}: {found} candidate{'' if found == 1 else 's'}"


def candidates_merge(*, claim: Claim, provider: str, found: list[CandidateData]) -> int:
    """Store a provider's suggestions, one row per canonical URL per claim; a URL another
    provider suggested too gets this provider added to its list. Returns rows created."""
    created = 0
    Claim.objects.select_for_update().filter(pk=claim.pk).first()
    existing = {c.canonical_url: c for c in claim.candidates.all()}
    for position, item in enumerate(found):
        url = (item.url or "").strip()[:MAX_URL]
        try:
            url = url_clean(url)
        except ReviewError:
            log.info("Provider %s gave an unusable URL %r", provider, url)
            continue
        key = canonical_url(url)
        extra = dict(item.extra)
        if item.text:
            extra["text"] = item.text[:MAX_EXTRA_TEXT]
        current = existing.get(key)
        if current is None:
            candidate = Candidate(
                claim=claim,
                url=url,
                canonical_url=key,
                title=item.title[:500],
                snippet=item.snippet[:2000],
                publisher=item.publisher[:300],
                published=item.published,
                provider=provider,
                providers=[provider],
                query=str(item.extra.get("query", ""))[:500],
                rank=position + 1,
                provider_score=float(item.score),
                extra=extra,
            )
            if extra.get("kind") == "reference" and extra.get("source_id"):
                candidate.source_id = extra["source_id"]
            try:
                with transaction.atomic():
                    candidate.save()
            except IntegrityError:
                continue  # the same URL arrived from a concurrent merge
            existing[key] = candidate
            created += 1
            continue
        changed = []
        if provider not in current.providers:
            current.providers = [*current.providers, provider]
            changed.append("providers")
        for name, value in (
            ("title", item.title[:500]),
            ("snippet", item.snippet[:2000]),
            ("publisher", item.publisher[:300]),
            ("published", item.published),
        ):
            if value and not getattr(current, name):
                setattr(current, name, value)
                changed.append(name)
        merged_extra = {**extra, **current.extra}
        if merged_extra != current.extra:
            current.extra = merged_extra
            changed.append("extra")
        if changed:
            current.save(update_fields=changed)
    return created


def _candidate_document(candidate: Candidate) -> Document:
    if candidate.source_id and candidate.source.text:
        text = candidate.source.text
    else:
        text = candidate.extra.get("text") or candidate.snippet
    return Document(key=candidate, title=candidate.title, passages=passages(text) or [text])


def claim_rerank(*, claim: Claim) -> None:
    """Relevance of every candidate of the claim against it, and its best passage."""
    candidates = list(claim.candidates.select_related("source"))
    if not candidates:
        return
    hits = Ranker(_candidate_document(c) for c in candidates).search(
        claim.display_text, k=len(candidates)
    )
    peak = max((h.score for h in hits), default=0.0) or 1.0
    scored = {id(h.key): h for h in hits}
    for candidate in candidates:
        hit = scored.get(id(candidate))
        bonus = KIND_BONUS.get(candidate.extra.get("kind", ""), 0.0)
        candidate.relevance = round((hit.score / peak if hit else 0.0) + bonus, 4)
        if candidate.extra.get("kind") == "verdict":
            # The earlier claim's words, not a piece of its Markdown rationale: the card
            # shows the rationale rendered beside it.
            candidate.passage = candidate.snippet
        else:
            candidate.passage = (hit.passage if hit else "") or candidate.snippet
    candidates.sort(key=lambda c: -c.relevance)
    for position, candidate in enumerate(candidates, start=1):
        candidate.rank = position
    Candidate.objects.bulk_update(candidates, ["relevance", "passage", "rank"])


def candidates_fetch_best(*, claim: Claim, actor: AbstractBaseUser | None = None) -> list[Job]:
    """Queue fetches of the claim's best unfetched web candidates (never one twice)."""
    limit = settings.FETCH_TOP_CANDIDATES
    queued = set(
        Job.objects.filter(kind=Job.Kind.FETCH_CANDIDATE, candidate__claim=claim).values_list(
            "candidate_id", flat=True
        )
    )
    # Filtered in Python: a JSON key test in SQL treats "no kind" as unknown, not as "not
    # internal", and a NOT IN over nullable job columns matches nothing.
    pending = [
        c
        for c in claim.candidates.filter(
            decision=Candidate.Decision.PENDING, source__isnull=True
        ).order_by("-relevance")
        if c.pk not in queued and c.extra.get("kind") not in INTERNAL_KINDS
    ][:limit]
    jobs = []
    for candidate in pending:
        job = job_create(
            kind=Job.Kind.FETCH_CANDIDATE,
            claim=claim,
            candidate=candidate,
            created_by=actor,
            total=1,
        )
        fetch_candidate_task.delay_on_commit(job.pk)
        jobs.append(job)
    return jobs


# --- Fetching -----------------------------------------------------------------------------


def candidate_fetch_run(*, job_id: int, resolver: Resolver | None = None) -> Job | None:
    """Fetch a candidate's page (or reuse the desk's copy: a page suggested for ten claims
    is fetched once), store it as a Source with an archived snapshot, and re-rank the
    claim's candidates with the page's text (the task's work)."""
    job = job_claim_or_wait(job_id=job_id)
    if job is None:
        return None
    candidate = job.candidate
    if candidate is None:
        job_fail(
            job=job,
            error="The candidate is gone.",
            result={"failure": FAILED, "message": "The candidate was removed"},
        )
        return job
    known = Source.objects.filter(
        canonical_url=candidate.canonical_url, fetch_status=Source.FetchStatus.FETCHED
    ).first()
    fetched = None
    if known is None:
        fetched = job_fetch(
            job=job,
            url=candidate.url,
            resolver=resolver,
            on_failure=lambda error: _candidate_fetch_failed(candidate=candidate, error=error),
        )
        if fetched is None:
            return job
    current = _candidate_source_attach(candidate=candidate, source=known, fetched=fetched)
    job_finish(job=job, result={"source_id": current.source_id, "message": "The page was read"})
    return job


def _candidate_source_attach(
    *, candidate: Candidate, source: Source | None, fetched: FetchedDocument | None
) -> Candidate:
    with transaction.atomic():
        # claim_rerank rewrites every candidate of the claim: lock the claim first, as every
        # re-ranking transaction does, or two fetches for one claim deadlock on each other's
        # candidate rows.
        Claim.objects.select_for_update().filter(pk=candidate.claim_id).first()
        if source is None:
            source = source_get_or_create(url=candidate.url, fetched=fetched)
        current = Candidate.objects.select_for_update().get(pk=candidate.pk)
        current.source = source
        for name in ("title", "publisher", "published"):
            if not getattr(current, name) and getattr(source, name):
                setattr(current, name, getattr(source, name))
        current.extra = {k: v for k, v in current.extra.items() if k != "fetch_error"}
        current.save(update_fields=["source", "title", "publisher", "published", "extra"])
        claim_rerank(claim=current.claim)
    current.refresh_from_db()
    return current


def _candidate_fetch_failed(*, candidate: Candidate, error: str) -> None:
    """Show why a candidate could not be read; nothing of the document is stored."""
    with transaction.atomic():
        current = Candidate.objects.select_for_update().filter(pk=candidate.pk).first()
        if current is not None:
            # The error's text is for the admin; the card says it in words (fetch_failure).
            current.extra = {**current.extra, "fetch_error": error[:500]}
            current.save(update_fields=["extra"])


# --- Decisions ----------------------------------------------------------------------------


def candidate_accept(
    *, candidate: Candidate, actor: AbstractBaseUser, stance: str, quote: str = "", note: str = ""
) -> Evidence:
    """The candidate becomes evidence for its claim; the decision is kept on the candidate."""
    current = Candidate.objects.select_related("claim").filter(pk=candidate.pk).first()
    if current is None:
        raise ReviewError("This candidate no longer exists.", "not_found")
    if current.decision != Candidate.Decision.PENDING:
        raise ReviewError(f"This candidate was {current.get_decision_display().lower()} already.")
    return evidence_add(
        claim=current.claim,
        actor=actor,
        url=current.url,
        stance=stance,
        quote=quote or "",
        note=note or "",
        candidate=current,
    )


def candidate_dismiss(
    *, candidate: Candidate, actor: AbstractBaseUser, reason: str = ""
) -> Candidate:
    """Hide a candidate from the claim's list; the decision and who made it are kept."""
    with transaction.atomic():
        current = (
            Candidate.objects.select_for_update()
            .select_related("claim")
            .filter(pk=candidate.pk)
            .first()
        )
        if current is None:
            raise ReviewError("This candidate no longer exists.", "not_found")
        if not perms.can_work(actor, current.claim):
            raise ReviewError("You cannot work on this claim.", "forbidden")
        if current.decision != Candidate.Decision.PENDING:
            raise ReviewError(
                f"This candidate was {current.get_decision_display().lower()} already."
            )
        current.decision = Candidate.Decision.DISMISSED
        current.decided_by = actor
        current.decided_at = timezone.now()
        if reason:
            current.extra = {**current.extra, "dismiss_reason": reason.strip()[:500]}
        current.save(update_fields=["decision", "decided_by", "decided_at", "extra"])
    return current
