"""Ingesting articles: text in, an article and its claims out, in one transaction; or a web
address in, fetched by a job that then ingests the page's main text.

A long body (over `LONG_ARTICLE_CHARS`) is stored at once and its claims come from a
background job with progress: extraction is linear in the length, but a 100,000-line body
is minutes of model work, which no request may wait for."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from claimextract import document_metadata, extract_claims
from claimextract.documents import DocumentError, document_to_text
from claimextract.segment import split_units
from reviews import permissions as perms
from reviews.errors import ReviewError
from reviews.models import Article, Claim, Job
from reviews.services.candidates import candidates_find_on_ingest
from reviews.services.jobs import (
    job_claim_or_wait,
    job_create,
    job_fail,
    job_fetch,
    job_finish,
    job_progress,
)
from reviews.services.library import url_clean
from reviews.services.matches import factchecks_match_article
from reviews.tasks import extract_article_claims as extract_article_claims_task
from reviews.tasks import ingest_article_url as ingest_article_url_task
from safefetch import Resolver

MAX_TITLE_LENGTH = Article._meta.get_field("title").max_length


def max_article_bytes() -> int:
    return settings.FACTCHECK["MAX_ARTICLE_BYTES"]


def validate_article_body(body: str) -> str:
    """Refuse what cannot be an article; returns the body unchanged."""
    if not isinstance(body, str):
        raise ReviewError("The article body must be text.", fields={"body": "not text"})
    if not body.strip():
        raise ReviewError("The article is empty.", fields={"body": "empty"})
    size = len(body.encode("utf-8", errors="surrogatepass"))
    limit = max_article_bytes()
    if size > limit:
        raise ReviewError(
            f"The article is too large ({size:,} bytes; the limit is {limit:,}).",
            fields={"body": "too large"},
        )
    if "\x00" in body:
        raise ReviewError("The article contains binary data.", fields={"body": "binary"})
    return body


def long_article_chars() -> int:
    return int(settings.FACTCHECK["LONG_ARTICLE_CHARS"])


def max_claims_per_article() -> int:
    return int(settings.FACTCHECK["MAX_CLAIMS_PER_ARTICLE"])


def require_claim_limit(body: str, *, lang: str = "en") -> int:
    """Refuse a body with more units than an article may have claims, before any model
    work: segmentation alone is fast (a 100,000-line body in about two seconds)."""
    units = len(split_units(body, lang=lang))
    limit = max_claims_per_article()
    if units > limit:
        raise ReviewError(
            f"The text has {units:,} sentences and headings; an article can have at most "
            f"{limit:,} claims. Split it into several articles.",
            fields={"body": "too many claims"},
        )
    return units


def claims_from_body(
    article: Article, *, progress: Callable[[int, int], None] | None = None
) -> list[Claim]:
    """Unsaved claims for an article's body, from the extraction pipeline, numbered in the
    order of the text; `progress(done, total)` hears how far the scoring of its units is."""
    # Page furniture (bylines, "Read more" links, captions) makes no claim; the review page
    # lists what was left out, and a reviewer restores a line as a claim.
    extracted = extract_claims(
        article.body,
        published=article.published,
        lang=article.language,
        skip_furniture=True,
        progress=progress,
    )
    return [
        Claim(
            article=article,
            start=c.start,
            end=c.end,
            text=c.text,
            headline=c.headline,
            kind=c.kind,
            speaker=c.speaker or "",
            quantities=[q.as_json() for q in c.quantities],
            dates=[d.as_json() for d in c.dates],
            checkworthiness=min(max(c.checkworthiness, 0.0), 1.0),
            checkworthy=c.checkworthy,
            score_reasons=c.reasons,
            number=number,
        )
        for number, c in enumerate(extracted, start=1)
    ]


def article_ingest(
    *,
    title: str,
    body: str,
    actor: AbstractBaseUser | None = None,
    published: datetime.date | None = None,
    url: str = "",
    outlet: str = "",
    author: str = "",
    language: str = "en",
    origin: str = Article.Origin.PASTE,
    original_filename: str = "",
) -> Article:
    """Store an article exactly as given and create its claims."""
    validate_article_body(body)
    title = (title or "").strip()
    if not title:
        raise ReviewError("The article needs a title.", fields={"title": "required"})
    if len(title) > MAX_TITLE_LENGTH:
        raise ReviewError(
            f"The title is longer than {MAX_TITLE_LENGTH} characters.", fields={"title": "too long"}
        )
    language = language or "en"
    long = len(body) > long_article_chars()
    if not long:
        require_claim_limit(body, lang=language)
    with transaction.atomic():
        article = Article.objects.create(
            title=title,
            body=body,
            body_hash=hashlib.sha256(body.encode("utf-8", errors="surrogatepass")).hexdigest(),
            published=published,
            url=url,
            outlet=outlet,
            author=author,
            language=language,
            origin=origin,
            original_filename=original_filename,
            ingested_by=actor if actor is not None and actor.is_authenticated else None,
        )
        if long:
            job = job_create(kind=Job.Kind.INGEST_TEXT, article=article, created_by=actor)
            extract_article_claims_task.delay_on_commit(job.pk)
        else:
            _claims_store(article, claims_from_body(article), actor=actor)
    return article


def _claims_store(article: Article, claims: list[Claim], *, actor: AbstractBaseUser | None):
    Claim.objects.bulk_create(claims, batch_size=2000)
    # The desk may search sources for every claim on ingest (off by default).
    candidates_find_on_ingest(article=article, actor=actor)
    # Has anyone checked these already? Matched against the archive in the background.
    factchecks_match_article(article=article, actor=actor)


def article_claims_extract_run(*, job_id: int) -> Job | None:
    """Extract and store the claims of a long article (the task's work). Idempotent: an
    article that has its claims already (a redelivered message) gets none twice."""
    job = job_claim_or_wait(job_id=job_id)
    if job is None:
        return None
    article = job.article
    if article is None:
        job_fail(job=job, error="The article was deleted before its claims were extracted.")
        return job
    try:
        units = require_claim_limit(article.body, lang=article.language)
    except ReviewError as exc:
        job_fail(job=job, error=exc.message)
        return job

    job_progress(job=job, done=0, total=units)

    def progress(done: int, total: int) -> None:
        job_progress(job=job, done=done, total=total)

    claims = claims_from_body(article, progress=progress)
    with transaction.atomic():
        Article.objects.select_for_update().filter(pk=article.pk).first()
        if not article.claims.exists():
            _claims_store(article, claims, actor=job.created_by)
        job_finish(job=job, result={"claims": article.claims.count()})
    return job


def article_ingest_upload(*, name: str, data: bytes, title: str = "", **fields) -> Article:
    """Ingest an uploaded .txt/.md/.html/.docx file."""
    if len(data) > max_article_bytes() * 4:
        raise ReviewError("The file is too large.", fields={"file": "too large"})
    try:
        body = document_to_text(name, data)
    except DocumentError as exc:
        raise ReviewError(str(exc), fields={"file": "unreadable"}) from None
    if not body.strip():
        raise ReviewError(f"No article text was found in {name}.", fields={"file": "empty"})
    # An .html page says its own title, outlet, author and date; the form's values win.
    page = document_metadata(name, data)
    if page is not None:
        title = title or page.title
        for field, value in (
            ("outlet", page.outlet),
            ("author", page.author),
            ("published", page.published),
        ):
            if value and not fields.get(field):
                fields[field] = value
    return article_ingest(
        title=title or first_line_title(body) or name,
        body=body,
        origin=Article.Origin.UPLOAD,
        original_filename=name[:255],
        **fields,
    )


def first_line_title(body: str) -> str:
    for line in body.splitlines():
        if line.strip():
            return line.strip()[:MAX_TITLE_LENGTH]
    return ""


# --- Articles from a URL ------------------------------------------------------------------


def article_ingest_from_url(
    *,
    url: str,
    actor: AbstractBaseUser,
    title: str = "",
    published: datetime.date | None = None,
    language: str = "en",
    outlet: str = "",
) -> Job:
    """Queue fetching an article from the web; the job shows progress and the outcome."""
    perms.require(perms.is_desk_member(actor), "Only members of the desk can look for sources.")
    url = url_clean(url)
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
        ingest_article_url_task.delay_on_commit(job.pk)
    return job


def article_ingest_from_url_run(*, job_id: int, resolver: Resolver | None = None) -> Job | None:
    """Fetch the page and ingest its main text (the task's work)."""
    job = job_claim_or_wait(job_id=job_id)
    if job is None:
        return None
    params = job.params
    fetched = job_fetch(job=job, url=params["url"], resolver=resolver)
    if fetched is None:
        return job
    job_progress(job=job, done=1)
    result, document = fetched
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
                actor=job.created_by,
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
