"""Ingesting articles: text in, an article and its claims out, in one transaction."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db import transaction

from claimextract import explain_score, extract_claims
from claimextract.documents import DocumentError, document_to_text
from reviews.errors import ReviewError
from reviews.models import Article, Claim

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


def claims_from_body(article: Article) -> list[Claim]:
    """Unsaved claims for an article's body, from the extraction pipeline."""
    extracted = extract_claims(article.body, published=article.published, lang=article.language)
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
            score_reasons=explain_score(c.text),
        )
        for c in extracted
    ]


def article_ingest(
    *,
    title: str,
    body: str,
    user=None,
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
    with transaction.atomic():
        article = Article.objects.create(
            title=title,
            body=body,
            body_hash=hashlib.sha256(body.encode("utf-8", errors="surrogatepass")).hexdigest(),
            published=published,
            url=url,
            outlet=outlet,
            author=author,
            language=language or "en",
            origin=origin,
            original_filename=original_filename,
            ingested_by=user if user is not None and user.is_authenticated else None,
        )
        Claim.objects.bulk_create(claims_from_body(article))
        # The desk may search sources for every claim on ingest (off by default).
        from reviews.services.sources import sources_after_ingest

        sources_after_ingest(article=article, actor=user)
    return article


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
