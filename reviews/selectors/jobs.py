"""Background jobs as the desk's pages show them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reviews.models import Article, Claim, Job
from reviews.providers.labels import ORDER, provider_label

# A job in one of these states may still do its work: nothing of its kind is started twice.
ACTIVE = (Job.Status.QUEUED, Job.Status.RUNNING)


def article_extraction_job(article: Article) -> Job | None:
    """The job extracting a long article's claims, while it has not finished."""
    return (
        Job.objects.filter(article=article, kind=Job.Kind.INGEST_TEXT, status__in=ACTIVE)
        .order_by("-pk")
        .first()
    )


@dataclass(frozen=True)
class JobLine:
    """One job as a reviewer reads it: what it is, where it got to, and its outcome in plain
    words ("Wikipedia: 12 candidates", "Wikipedia could not be reached"). The technical
    reason stays in Job.last_error, for the logs and the admin."""

    job: Job
    title: str
    state: str  # "queued", "working", "done" or "failed"
    state_label: str
    outcome: str
    # The provider a Retry button searches again, or "" (nothing to retry).
    retry_provider: str = ""

    @property
    def active(self) -> bool:
        return self.job.status in ACTIVE


def job_title(job: Job) -> str:
    if job.kind == Job.Kind.FIND_CANDIDATES:
        return provider_label(job.params.get("provider", ""))
    if job.kind == Job.Kind.FETCH_CANDIDATE and job.candidate is not None:
        name = job.candidate.title or job.candidate.url
        return f"Reading “{name[:60]}{'…' if len(name) > 60 else ''}”"
    return job.get_kind_display()


def job_line(job: Job) -> JobLine:
    title = job_title(job)
    message = str(job.result.get("message") or "") if isinstance(job.result, dict) else ""
    searching = job.kind == Job.Kind.FIND_CANDIDATES
    if job.status == Job.Status.QUEUED:
        if job.attempts and message:
            # Given back after a failure a later try may fix (see job_fail_or_retry).
            return JobLine(job, title, "queued", "Trying again", f"{message}; trying again soon")
        return JobLine(job, title, "queued", "Queued", f"{title}: waiting to start")
    if job.status == Job.Status.RUNNING:
        doing = "searching…" if searching else "working…"
        label = "Searching" if searching else "Working"
        return JobLine(job, title, "working", label, f"{title}: {doing}")
    if job.status == Job.Status.DONE:
        return JobLine(job, title, "done", "Done", message or done_words(job, title))
    retry = job.params.get("provider", "") if searching else ""
    return JobLine(job, title, "failed", "Failed", message or f"{title} failed", retry)


def done_words(job: Job, title: str) -> str:
    """A finished job's outcome from its result, for the jobs whose result has no message."""
    result = job.result if isinstance(job.result, dict) else {}
    if job.kind == Job.Kind.INGEST_TEXT and "claims" in result:
        return f"{_count(result['claims'], 'claim')} extracted"
    if job.kind == Job.Kind.INGEST_URL and result.get("article_id"):
        return "The article was fetched and its claims extracted"
    if job.kind == Job.Kind.MATCH_FACTCHECKS and "claims" in result:
        matched = result.get("matched", 0)
        return f"{matched} of {_count(result['claims'], 'claim')} match an earlier fact-check"
    return f"{title}: done"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class SourceJobs:
    """A claim's source work as its sources panel shows it."""

    searches: tuple[JobLine, ...]  # the latest search of each provider, in the desk's order
    lines: tuple[JobLine, ...]  # every recent job, newest first
    reading: str  # the page fetches in one sentence, or ""

    @property
    def active(self) -> bool:
        return any(line.active for line in self.lines)


def claim_source_jobs(claim: Claim, *, limit: int = 30) -> SourceJobs:
    jobs = list(
        claim.jobs.filter(kind__in=[Job.Kind.FIND_CANDIDATES, Job.Kind.FETCH_CANDIDATE])
        .select_related("candidate")
        .order_by("-created_at", "-pk")[:limit]
    )
    lines = tuple(job_line(job) for job in jobs)
    latest: dict[str, JobLine] = {}
    for line in lines:
        if line.job.kind == Job.Kind.FIND_CANDIDATES:
            latest.setdefault(line.job.params.get("provider", ""), line)
    order = list(ORDER)
    searches = sorted(
        latest.values(),
        key=lambda line: (
            order.index(line.job.params.get("provider"))
            if line.job.params.get("provider") in order
            else len(order)
        ),
    )
    return SourceJobs(tuple(searches), lines, reading_sentence(lines))


def reading_sentence(lines: tuple[JobLine, ...]) -> str:
    """ "Reading 3 pages: 2 read, 1 could not be read." for the panel's page fetches."""
    fetches = [line for line in lines if line.job.kind == Job.Kind.FETCH_CANDIDATE]
    if not fetches:
        return ""
    counts = Counter(line.state for line in fetches)
    parts = []
    if counts["done"]:
        parts.append(f"{counts['done']} read")
    if counts["failed"]:
        parts.append(f"{counts['failed']} could not be read")
    waiting = counts["queued"] + counts["working"]
    if waiting:
        parts.append(f"{waiting} still to read")
    return f"{'Reading pages' if waiting else 'Pages'}: {', '.join(parts)}."
