"""Candidate sources: finding them (providers), fetching them (safe fetcher), ranking them
against the claim, and the reviewer's decisions on them. Also ingesting an article from a
URL, re-checking attached evidence for link rot, and the desk's reference library.

The `*_run` services are what Celery tasks call: each claims its Job with a conditional
update first, so a duplicate delivery does nothing, and writes its results under unique
constraints, so a retry after a crash stores nothing twice.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from claimextract.documents import DocumentError, document_to_text
from claimextract.passages import passages
from claimextract.ranking import Document, Ranker
from claimextract.webpage import content_hash, extract_document
from reviews import permissions as perms
from reviews.errors import ReviewError
from reviews.models import Article, Candidate, Claim, ClaimStatus, Evidence, Job, Source
from reviews.providers import CandidateData, ProviderError, enabled_providers, get_provider
from reviews.services.fetching import fetch_policy
from reviews.services.jobs import (
    job_claim,
    job_create,
    job_fail,
    job_finish,
    job_lease_remaining,
    job_progress,
    job_release,
)
from safefetch.fetcher import FetchError, Resolver, fetch
from safefetch.urls import canonical_url

log = logging.getLogger(__name__)

# Kinds of candidates whose text the provider already gave: nothing to fetch.
INTERNAL_KINDS = frozenset({"verdict", "reference"})
# Earlier verdicts of the desk first, then published fact-checks, then the rest by text.
KIND_BONUS = {"verdict": 1.0, "fact_check": 0.5}
MAX_EXTRA_TEXT = 20_000
ACTIVE = (Job.Status.QUEUED, Job.Status.RUNNING)
validate_url = URLValidator(schemes=["http", "https"])


class TransientJobError(Exception):
    """The job's work failed in a way a later try may fix; the task retries with backoff."""


class JobBusy(Exception):
    """Another worker holds the job; try again when its lease ends."""

    def __init__(self, wait: float):
        super().__init__(f"job busy for {wait:.0f}s")
        self.wait = wait


def claim_job(job_id: int) -> Job | None:
    """The job, taken for this worker; None when finished; JobBusy when running elsewhere."""
    job = job_claim(job_id=job_id)
    if job is not None:
        return job
    wait = job_lease_remaining(job_id=job_id)
    if wait > 0:
        raise JobBusy(wait)
    return None


def enqueue(task_name: str, job: Job) -> None:
    """Send the job's task once the transaction that created the job has committed."""
    from reviews import tasks

    task = getattr(tasks, task_name)
    job_id = job.pk

    def send() -> None:
        task.delay(job_id)

    # robust: a broker hiccup (or an eager task's crash) must not undo the request that
    # created the job; the job stays queued and visible.
    transaction.on_commit(send, robust=True)


# --- Finding candidates -------------------------------------------------------------------


def require_desk_member(actor) -> None:
    if not perms.is_desk_member(actor):
        raise ReviewError("Only members of the desk can look for sources.", "forbidden")


def candidates_find(*, claim: Claim, actor, providers: list[str] | None = None) -> list[Job]:
    """Start one job per provider to find candidate sources for a claim. A provider that is
    already searching for this claim is not started twice."""
    require_desk_member(actor)
    if claim.status == ClaimStatus.DISMISSED:
        raise ReviewError("The claim is dismissed: there is nothing to find sources for.")
    chosen = [get_provider(name) for name in providers] if providers else enabled_providers()
    chosen = [p for p in chosen if not p.unavailable_reason()]
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
            job = job_create(
                kind=Job.Kind.FIND_CANDIDATES,
                claim=claim,
                article=claim.article,
                params={"provider": provider.name},
                created_by=actor,
                total=1,
            )
            enqueue("find_candidates", job)
            jobs.append(job)
    return jobs


def candidates_find_for_article(*, article: Article, actor) -> list[Job]:
    """Editors: find sources for every check-worthy, open claim of an article at once."""
    if not perms.is_desk_editor(actor):
        raise ReviewError("Only editors can search sources for a whole article.", "forbidden")
    claims = article.claims.exclude(status__in=[ClaimStatus.DISMISSED, ClaimStatus.APPROVED])
    jobs = []
    with transaction.atomic():
        for claim in claims.order_by("-checkworthy", "-checkworthiness", "start"):
            jobs.extend(candidates_find(claim=claim, actor=actor))
    return jobs


def sources_after_ingest(*, article: Article, actor=None) -> list[Job]:
    """Called by ingestion: when the desk has switched it on, every check-worthy claim's
    sources are searched as soon as the article is in (on the desk's behalf, not the
    uploader's: whoever may ingest may trigger this)."""
    if not settings.AUTO_FIND_SOURCES_ON_INGEST:
        return []
    jobs = []
    with transaction.atomic():
        for claim in article.claims.filter(checkworthy=True):
            for provider in enabled_providers():
                job = job_create(
                    kind=Job.Kind.FIND_CANDIDATES,
                    claim=claim,
                    article=article,
                    params={"provider": provider.name},
                    created_by=actor,
                    total=1,
                )
                enqueue("find_candidates", job)
                jobs.append(job)
    return jobs


def candidates_find_run(*, job_id: int) -> Job | None:
    """One provider's search for one claim (the task's work). Merges what it found into the
    claim's candidates, re-ranks them and queues fetches of the best ones."""
    job = claim_job(job_id)
    if job is None:
        return None
    claim = job.claim
    provider_name = job.params.get("provider", "")
    try:
        provider = get_provider(provider_name)
        found = provider.search(claim)
    except ProviderError as exc:
        if exc.transient:
            job_release(job=job, error=exc.message)
            raise TransientJobError(exc.message) from None
        job_fail(job=job, error=exc.message)
        return job
    with transaction.atomic():
        # One re-ranking of a claim at a time (see candidate_fetch): providers finish together.
        Claim.objects.select_for_update().filter(pk=claim.pk).first()
        created = candidates_merge(claim=claim, provider=provider_name, found=found)
        claim_rerank(claim=claim)
        fetches = candidates_fetch_best(claim=claim, actor=job.created_by)
        job_finish(
            job=job,
            result={"found": len(found), "new": created, "fetches": len(fetches)},
        )
    return job


def candidates_merge(*, claim: Claim, provider: str, found: list[CandidateData]) -> int:
    """Store a provider's suggestions, one row per canonical URL per claim; a URL another
    provider suggested too gets this provider added to its list. Returns rows created."""
    created = 0
    Claim.objects.select_for_update().filter(pk=claim.pk).first()
    existing = {c.canonical_url: c for c in claim.candidates.all()}
    for position, item in enumerate(found):
        url = (item.url or "").strip()[:2000]
        if not is_web_url(url):
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


def candidate_document(candidate: Candidate) -> Document:
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
    hits = Ranker(candidate_document(c) for c in candidates).search(
        claim.display_text, k=len(candidates)
    )
    peak = max((h.score for h in hits), default=0.0) or 1.0
    scored = {id(h.key): h for h in hits}
    for candidate in candidates:
        hit = scored.get(id(candidate))
        bonus = KIND_BONUS.get(candidate.extra.get("kind", ""), 0.0)
        candidate.relevance = round((hit.score / peak if hit else 0.0) + bonus, 4)
        candidate.passage = (hit.passage if hit else "") or candidate.snippet
    candidates.sort(key=lambda c: -c.relevance)
    for position, candidate in enumerate(candidates, start=1):
        candidate.rank = position
    Candidate.objects.bulk_update(candidates, ["relevance", "passage", "rank"])


def candidates_fetch_best(*, claim: Claim, actor=None) -> list[Job]:
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
        enqueue("fetch_candidate", job)
        jobs.append(job)
    return jobs


# --- Fetching -----------------------------------------------------------------------------


def source_store_fetched(
    *, url: str, result, document, is_reference: bool = False, actor=None
) -> Source:
    """The Source for a fetched document, created or refreshed, with its snapshot."""
    key = canonical_url(url or result.final_url)
    snapshot_name = f"snapshots/{document.content_hash[:2]}/{document.content_hash}.snapshot"
    if not default_storage.exists(snapshot_name):
        snapshot_name = default_storage.save(snapshot_name, ContentFile(result.body))
    now = timezone.now()
    fields = {
        "url": url[:2000],
        "title": document.title[:500],
        "publisher": document.publisher[:300],
        "author": document.author[:300],
        "published": document.published,
        "text": document.text,
        "content_type": result.content_type[:100],
        "content_hash": document.content_hash,
        "fetch_status": Source.FetchStatus.FETCHED,
        "fetch_error": "",
        "fetched_at": now,
        "last_checked_at": now,
        "snapshot": snapshot_name,
    }
    source = Source.objects.select_for_update().filter(canonical_url=key).first()
    if source is None:
        try:
            with transaction.atomic():
                return Source.objects.create(
                    canonical_url=key, is_reference=is_reference, added_by=actor, **fields
                )
        except IntegrityError:
            source = Source.objects.select_for_update().get(canonical_url=key)
    for name, value in fields.items():
        # Metadata a reviewer typed in wins over what the page says about itself.
        if name in ("title", "publisher", "published") and getattr(source, name):
            continue
        setattr(source, name, value)
    if is_reference and not source.is_reference:
        source.is_reference = True
    source.save()
    return source


def fetch_document(url: str, *, resolver: Resolver | None = None):
    """Fetch safely and extract; FetchError for anything refused or unreadable."""
    result = fetch(url, policy=fetch_policy(), resolver=resolver)
    document = extract_document(
        result.body,
        content_type=result.content_type,
        url=result.final_url,
        charset=result.charset,
    )
    if not document.text.strip():
        raise FetchError("No readable text was found in the document.", url=url)
    return result, document


def candidate_fetch(*, candidate: Candidate, resolver: Resolver | None = None) -> Candidate:
    """Fetch a candidate's page (or reuse the desk's copy), store it as a Source with an
    archived snapshot, and re-rank the claim's candidates with the page's text."""
    known = Source.objects.filter(
        canonical_url=candidate.canonical_url, fetch_status=Source.FetchStatus.FETCHED
    ).first()
    if known is None:
        result, document = fetch_document(candidate.url, resolver=resolver)
    with transaction.atomic():
        # claim_rerank rewrites every candidate of the claim: lock the claim first, as every
        # re-ranking transaction does, or two fetches for one claim deadlock on each other's
        # candidate rows.
        Claim.objects.select_for_update().filter(pk=candidate.claim_id).first()
        if known is None:
            known = source_store_fetched(url=candidate.url, result=result, document=document)
        current = Candidate.objects.select_for_update().get(pk=candidate.pk)
        current.source = known
        for name in ("title", "publisher", "published"):
            if not getattr(current, name) and getattr(known, name):
                setattr(current, name, getattr(known, name))
        current.extra = {k: v for k, v in current.extra.items() if k != "fetch_error"}
        current.save(update_fields=["source", "title", "publisher", "published", "extra"])
        claim_rerank(claim=current.claim)
    current.refresh_from_db()
    return current


def candidate_fetch_run(*, job_id: int, resolver: Resolver | None = None) -> Job | None:
    job = claim_job(job_id)
    if job is None:
        return None
    if job.candidate is None:
        job_fail(job=job, error="The candidate is gone.")
        return job
    try:
        fetched = candidate_fetch(candidate=job.candidate, resolver=resolver)
    except FetchError as exc:
        if exc.transient:
            job_release(job=job, error=exc.message)
            raise TransientJobError(exc.message) from None
        candidate_fetch_failed(candidate=job.candidate, error=exc.message)
        job_fail(job=job, error=exc.message)
        return job
    job_finish(job=job, result={"source_id": fetched.source_id})
    return job


def candidate_fetch_failed(*, candidate: Candidate, error: str) -> None:
    """Show why a candidate could not be read; nothing of the document is stored."""
    with transaction.atomic():
        current = Candidate.objects.select_for_update().filter(pk=candidate.pk).first()
        if current is not None:
            current.extra = {**current.extra, "fetch_error": error[:500]}
            current.save(update_fields=["extra"])


# --- Decisions ----------------------------------------------------------------------------


def candidate_accept(
    *, candidate: Candidate, actor, stance: str, quote: str = "", note: str = ""
) -> Evidence:
    """The candidate becomes evidence for its claim; the decision is kept on the candidate."""
    from reviews.services.evidence import evidence_add

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


def candidate_dismiss(*, candidate: Candidate, actor, reason: str = "") -> Candidate:
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


# --- Articles from a URL ------------------------------------------------------------------


def is_web_url(url: str) -> bool:
    try:
        validate_url(url)
    except Exception:  # noqa: BLE001 - Django raises ValidationError; any failure means no
        return False
    return True


def clean_url(url: str) -> str:
    url = (url or "").strip()
    try:
        validate_url(url)
    except Exception:  # noqa: BLE001 - Django raises ValidationError; any failure is bad input
        raise ReviewError(
            "Give the full web address, starting with http:// or https://.",
            fields={"url": "invalid"},
        ) from None
    return url


def article_ingest_from_url(
    *,
    url: str,
    actor,
    title: str = "",
    published: datetime.date | None = None,
    language: str = "en",
    outlet: str = "",
) -> Job:
    """Queue fetching an article from the web; the job shows progress and the outcome."""
    require_desk_member(actor)
    url = clean_url(url)
    if published is not None and not isinstance(published, datetime.date):
        raise ReviewError("The publication date is not a date.", fields={"published": "invalid"})
    with transaction.atomic():
        job = job_create(
            kind=Job.Kind.INGEST_URL,
            created_by=actor,
            total=2,
            params={
                "url": url,
                "title": (title or "").strip()[:500],
                "published": published.isoformat() if published else "",
                "language": language or "en",
                "outlet": (outlet or "").strip()[:200],
            },
        )
        enqueue("ingest_article_url", job)
    return job


def article_ingest_url_run(*, job_id: int, resolver: Resolver | None = None) -> Job | None:
    from reviews.services.articles import article_ingest

    job = claim_job(job_id)
    if job is None:
        return None
    params = job.params
    try:
        result, document = fetch_document(params["url"], resolver=resolver)
    except FetchError as exc:
        if exc.transient:
            job_release(job=job, error=exc.message)
            raise TransientJobError(exc.message) from None
        job_fail(job=job, error=exc.message)
        return job
    job_progress(job=job, done=1)
    published = (
        datetime.date.fromisoformat(params["published"])
        if params.get("published")
        else document.published
    )
    try:
        with transaction.atomic():
            article = article_ingest(
                title=params.get("title") or document.title or params["url"],
                body=document.text,
                user=job.created_by,
                published=published,
                url=result.final_url[:2000],
                outlet=(params.get("outlet") or document.publisher)[:200],
                author=document.author[:300],
                language=params.get("language") or "en",
                origin=Article.Origin.URL,
            )
            job_finish(job=job, result={"article_id": article.pk}, article=article)
    except ReviewError as exc:
        job_fail(job=job, error=exc.message)
    return job


# --- Link rot -----------------------------------------------------------------------------


def evidence_recheck(*, source: Source, resolver: Resolver | None = None) -> Source:
    """Is an attached source still there? 404/410 marks it gone (its snapshot stays the
    record); a changed page is noted; a timeout changes nothing but the note."""
    now = timezone.now()
    status, error = Source.FetchStatus.FETCHED, ""
    try:
        result = fetch(source.url, policy=fetch_policy(), resolver=resolver)
    except FetchError as exc:
        if exc.status in (404, 410):
            status, error = Source.FetchStatus.GONE, exc.message
        elif exc.transient:
            status, error = source.fetch_status, f"Re-check failed: {exc.message}"
        else:
            status, error = Source.FetchStatus.FAILED, exc.message
    else:
        if source.content_hash and content_hash(result.body) != source.content_hash:
            error = f"The page has changed since it was archived ({now:%Y-%m-%d})."
    Source.objects.filter(pk=source.pk).update(
        fetch_status=status, fetch_error=error, last_checked_at=now
    )
    source.refresh_from_db()
    return source


def evidence_recheck_due(*, actor=None) -> Job | None:
    """Queue one job that re-checks every attached source not checked recently."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.EVIDENCE_RECHECK_DAYS)
    with transaction.atomic():
        if Job.objects.filter(kind=Job.Kind.RECHECK_EVIDENCE, status__in=ACTIVE).exists():
            return None
        due = due_sources(cutoff)
        job = job_create(
            kind=Job.Kind.RECHECK_EVIDENCE,
            created_by=actor,
            total=due.count(),
            params={"cutoff": cutoff.isoformat()},
        )
        enqueue("recheck_evidence", job)
    return job


def due_sources(cutoff: datetime.datetime):
    from django.db.models import Q

    return (
        Source.objects.filter(evidence__isnull=False)
        .exclude(url="")
        # The desk's own pages (an earlier verdict accepted as evidence) cannot rot away.
        .exclude(url__startswith=settings.FACTCHECK["DESK_URL"].rstrip("/") + "/")
        .filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=cutoff))
        .distinct()
        .order_by("pk")
    )


def evidence_recheck_run(*, job_id: int, resolver: Resolver | None = None) -> Job | None:
    job = claim_job(job_id)
    if job is None:
        return None
    cutoff = datetime.datetime.fromisoformat(job.params["cutoff"])
    counts = {"checked": 0, "gone": 0}
    # Sources checked by an earlier, interrupted attempt are past the cutoff now: skipped.
    for source in due_sources(cutoff).iterator():
        checked = evidence_recheck(source=source, resolver=resolver)
        counts["checked"] += 1
        counts["gone"] += checked.fetch_status == Source.FetchStatus.GONE
        job_progress(job=job, step=1)
    job_finish(job=job, result=counts)
    return job


# --- Reference library --------------------------------------------------------------------


def reference_document_add(
    *, actor, url: str = "", name: str = "", data: bytes | None = None, title: str = ""
) -> Source | Job:
    """Add a document to the desk's reference library: an upload is read now (returns the
    Source); a URL is fetched by a job (returns the Job)."""
    require_desk_member(actor)
    if bool(url) == bool(data):
        raise ReviewError("Give either a file or a web address.", fields={"file": "required"})
    if data is not None:
        if len(data) > settings.FETCH_MAX_BYTES:
            raise ReviewError("The file is too large.", fields={"file": "too large"})
        try:
            text = document_to_text(name, data)
        except DocumentError as exc:
            raise ReviewError(str(exc), fields={"file": "unreadable"}) from None
        if not text.strip():
            raise ReviewError(f"No text was found in {name}.", fields={"file": "empty"})
        with transaction.atomic():
            source = Source(
                title=(title or name)[:500],
                text=text,
                is_reference=True,
                added_by=actor,
                content_hash=content_hash(data),
                fetch_status=Source.FetchStatus.FETCHED,
                fetched_at=timezone.now(),
                content_type="text/plain",
            )
            source.uploaded_file.save(name[-100:], ContentFile(data), save=False)
            source.save()
        return source
    url = clean_url(url)
    with transaction.atomic():
        job = job_create(
            kind=Job.Kind.FETCH_CANDIDATE,
            created_by=actor,
            total=1,
            params={"url": url, "reference": True, "title": (title or "")[:500]},
        )
        enqueue("fetch_reference", job)
    return job


def reference_fetch_run(*, job_id: int, resolver: Resolver | None = None) -> Job | None:
    job = claim_job(job_id)
    if job is None:
        return None
    url = job.params["url"]
    try:
        result, document = fetch_document(url, resolver=resolver)
    except FetchError as exc:
        if exc.transient:
            job_release(job=job, error=exc.message)
            raise TransientJobError(exc.message) from None
        job_fail(job=job, error=exc.message)
        return job
    if job.params.get("title"):
        document.title = job.params["title"]
    with transaction.atomic():
        source = source_store_fetched(
            url=url, result=result, document=document, is_reference=True, actor=job.created_by
        )
        job_finish(job=job, result={"source_id": source.pk})
    return job


def job_give_up(*, job_id: int, error: str) -> None:
    """A task out of retries: the job is failed with the last reason."""
    job = Job.objects.filter(pk=job_id).first()
    if job is not None:
        job_fail(job=job, error=error)
