"""Background jobs as the desk's pages show them."""

from __future__ import annotations

from reviews.models import Article, Job

# A job in one of these states may still do its work: nothing of its kind is started twice.
ACTIVE = (Job.Status.QUEUED, Job.Status.RUNNING)


def article_extraction_job(article: Article) -> Job | None:
    """The job extracting a long article's claims, while it has not finished."""
    return (
        Job.objects.filter(article=article, kind=Job.Kind.INGEST_TEXT, status__in=ACTIVE)
        .order_by("-pk")
        .first()
    )
