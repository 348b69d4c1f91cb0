"""The desk's library of sources: one Source per canonical URL, whether a reviewer typed the
address, a candidate's page was fetched or a reference document was added; and the
reference library itself (uploads read now, web addresses fetched by a job)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from claimextract.documents import DocumentError, document_to_text
from claimextract.webpage import content_hash
from reviews import permissions as perms
from reviews.errors import ReviewError
from reviews.models import Job, Source
from reviews.services.fetching import FetchedDocument
from reviews.services.jobs import job_claim_or_wait, job_create, job_fetch, job_finish
from reviews.tasks import fetch_reference as fetch_reference_task
from safefetch import Resolver, canonical_url

MAX_URL = Source._meta.get_field("url").max_length
MAX_TITLE = Source._meta.get_field("title").max_length
MAX_PUBLISHER = Source._meta.get_field("publisher").max_length
MAX_AUTHOR = Source._meta.get_field("author").max_length
_validate_url = URLValidator(schemes=["http", "https"])


def url_clean(url: str | None, *, whose: str = "the") -> str:
    """`url` without surrounding space, if it is a full http(s) address short enough to
    store; a ReviewError on field `url` otherwise. `whose` names it in the message ("Give
    the source's full web address ...")."""
    if url is None:
        url = ""
    if not isinstance(url, str):
        raise ReviewError("The URL must be text.", fields={"url": "not text"})
    url = url.strip()
    if not url:
        raise ReviewError("A URL is required.", fields={"url": "required"})
    if len(url) > MAX_URL:
        raise ReviewError(
            f"The URL is too long ({len(url):,} characters; at most {MAX_URL:,}).",
            fields={"url": "too long"},
        )
    try:
        _validate_url(url)
    except Exception:  # noqa: BLE001 - Django raises ValidationError; any failure is bad input
        raise ReviewError(
            f"Give {whose} full web address, starting with http:// or https://.",
            fields={"url": "invalid"},
        ) from None
    return url


def source_get_or_create(
    *,
    url: str,
    title: str = "",
    publisher: str = "",
    published: datetime.date | None = None,
    fetched: FetchedDocument | None = None,
    is_reference: bool = False,
    actor: AbstractBaseUser | None = None,
) -> Source:
    """The desk's Source for `url` (one per canonical URL), created if new.

    Metadata given here, or else read from the `fetched` page, fills what a known source
    lacks: what a reviewer typed in wins over what the page says about itself. A fetched
    page also refreshes the source's text, snapshot and fetch state. Call it inside a
    transaction when `fetched` is given: the known source's row is locked for the rewrite.
    """
    url = url_clean(url, whose="the source's")
    key = canonical_url(url)
    metadata: dict[str, Any] = {"title": title, "publisher": publisher, "published": published}
    content: dict[str, Any] = {}
    if fetched is not None:
        document = fetched.document
        metadata = {
            "title": title or document.title[:MAX_TITLE],
            "publisher": publisher or document.publisher[:MAX_PUBLISHER],
            "published": published or document.published,
        }
        content = _fetched_content(url, fetched)
    known = Source.objects.filter(canonical_url=key)
    if fetched is not None:
        known = known.select_for_update()
    source = known.first()
    if source is None:
        try:
            with transaction.atomic():
                return Source.objects.create(
                    canonical_url=key,
                    is_reference=is_reference,
                    added_by=actor,
                    **{"url": url, **metadata, **content},
                )
        except IntegrityError:
            # Created by a concurrent request (or a candidate fetch) a moment ago.
            source = known.get()
    missing = {
        name: value for name, value in metadata.items() if value and not getattr(source, name)
    }
    if fetched is None:
        if missing:
            Source.objects.filter(pk=source.pk).update(**missing)
            for name, value in missing.items():
                setattr(source, name, value)
        return source
    for name, value in {**content, **missing}.items():
        setattr(source, name, value)
    if is_reference:
        source.is_reference = True
    source.save()
    return source


def _fetched_content(url: str, fetched: FetchedDocument) -> dict[str, Any]:
    """The fields of a Source that a fetch rewrites, with the page archived as a snapshot
    (stored once per content hash)."""
    result, document = fetched
    snapshot_name = f"snapshots/{document.content_hash[:2]}/{document.content_hash}.snapshot"
    if not default_storage.exists(snapshot_name):
        snapshot_name = default_storage.save(snapshot_name, ContentFile(result.body))
    now = timezone.now()
    return {
        "url": url,
        "author": document.author[:MAX_AUTHOR],
        "text": document.text,
        "content_type": result.content_type[:100],
        "content_hash": document.content_hash,
        "fetch_status": Source.FetchStatus.FETCHED,
        "fetch_error": "",
        "fetched_at": now,
        "last_checked_at": now,
        "snapshot": snapshot_name,
    }


# --- Reference library --------------------------------------------------------------------


def reference_document_add(
    *,
    actor: AbstractBaseUser,
    url: str = "",
    name: str = "",
    data: bytes | None = None,
    title: str = "",
) -> Source | Job:
    """Add a document to the desk's reference library: an upload is read now (returns the
    Source); a URL is fetched by a job (returns the Job)."""
    perms.require(perms.is_desk_member(actor), "Only members of the desk can look for sources.")
    if bool(url) == bool(data):
        raise ReviewError("Give either a file or a web address.", fields={"file": "required"})
    if data is not None:
        return _reference_upload(actor=actor, name=name, data=data, title=title)
    url = url_clean(url)
    with transaction.atomic():
        job = job_create(
            kind=Job.Kind.FETCH_CANDIDATE,
            created_by=actor,
            total=1,
            params={"url": url, "reference": True, "title": (title or "")[:MAX_TITLE]},
        )
        fetch_reference_task.delay_on_commit(job.pk)
    return job


def _reference_upload(*, actor: AbstractBaseUser, name: str, data: bytes, title: str) -> Source:
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
            title=(title or name)[:MAX_TITLE],
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


def reference_fetch_run(*, job_id: int, resolver: Resolver | None = None) -> Job | None:
    """Fetch a reference document's web address into the library (the task's work)."""
    job = job_claim_or_wait(job_id=job_id)
    if job is None:
        return None
    url = job.params["url"]
    fetched = job_fetch(job=job, url=url, resolver=resolver)
    if fetched is None:
        return job
    with transaction.atomic():
        source = source_get_or_create(
            url=url,
            title=job.params.get("title", ""),
            fetched=fetched,
            is_reference=True,
            actor=job.created_by,
        )
        job_finish(job=job, result={"source_id": source.pk})
    return job
