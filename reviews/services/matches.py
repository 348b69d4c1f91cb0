"""Earlier fact-checks of the desk's claims: the stored matches of each claim against the
archive, the background job that computes them, the desk's own approved verdicts joining
the archive, and what a reviewer does with a match (docs/CLAIM_MATCHING.md).

A claim is matched in the background when its article is ingested
(`factchecks_match_article`), and every open claim is matched again when the archive
changes: an import, an approved verdict (`factchecks_match_open`). The job replaces each
claim's matches in one transaction, so a redelivered task stores the same rows again and
nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from claimextract import matching
from claimextract.factcheck_formats import FormatError, detect_format, parse
from reviews import permissions as perms
from reviews.errors import ReviewError
from reviews.models import (
    Article,
    Claim,
    ClaimMatch,
    ClaimStatus,
    Evidence,
    FactCheck,
    Job,
    MatchSettings,
    Rating,
    Report,
    Verdict,
)
from reviews.models.factchecks import MAX_TEXT_FIELDS
from reviews.selectors.matches import factcheck_link, stance_from_rating
from reviews.services.evidence import evidence_add
from reviews.services.factchecks import (
    ImportResult,
    factcheck_encoder,
    factcheck_index_update,
    factcheck_matches_many,
    factchecks_import,
)
from reviews.services.jobs import job_claim_or_wait, job_create, job_finish, job_progress
from reviews.services.ratings import default_scale
from reviews.tasks import match_factchecks as match_factchecks_task

log = logging.getLogger(__name__)

# Matches kept per claim, and the fused score from which one is worth showing at all: below
# it, on the CheckThat! train and dev queries, most best matches are wrong.
TOP_K = 5
MIN_STORED_SCORE = 0.4
# Claims matched per batch: one matrix product per batch (claimextract.matching).
MATCH_BATCH = 300
MAX_UPLOAD_BYTES = 50_000_000
SCOPE_ARTICLE = "article"
SCOPE_OPEN = "open"
# Claims that are matched again when the archive changes.
OPEN_STATUSES = [s for s in ClaimStatus.values if s != ClaimStatus.DISMISSED]

# --- the desk's threshold -------------------------------------------------------------------


def _match_settings_row() -> MatchSettings:
    found, _ = MatchSettings.objects.get_or_create(pk=1)
    return found


def match_settings_update(*, actor: AbstractBaseUser, likely_same: float) -> MatchSettings:
    """Editors set the similarity from which a match is shown as "likely the same claim"."""
    perms.require(perms.is_desk_editor(actor), "Only editors change the matching threshold.")
    try:
        value = float(likely_same)
    except (TypeError, ValueError):
        raise ReviewError(
            "The similarity must be a number from 0 to 1.", fields={"likely_same": "invalid"}
        ) from None
    if not 0.0 <= value <= 1.0:
        raise ReviewError(
            "The similarity must be from 0 to 1.", fields={"likely_same": "out of range"}
        )
    with transaction.atomic():
        current = _match_settings_row()
        current.likely_same = value
        current.updated_by_id = actor.pk
        current.save(update_fields=["likely_same", "updated_by", "updated_at"])
    return current


# --- the match job ----------------------------------------------------------------------------


def factchecks_match_article(
    *, article: Article, actor: AbstractBaseUser | None = None
) -> Job | None:
    """Match the claims of an article against the archive, in the background (called by
    ingestion). None when the archive is empty: there is nothing to find."""
    if not FactCheck.objects.exists():
        return None
    with transaction.atomic():
        job = job_create(
            kind=Job.Kind.MATCH_FACTCHECKS,
            article=article,
            params={"scope": SCOPE_ARTICLE},
            created_by=actor,
        )
        match_factchecks_task.delay_on_commit(job.pk)
    return job


def factchecks_match_open(*, actor: AbstractBaseUser | None = None) -> Job | None:
    """The archive changed: match every claim that is not dismissed again, in the
    background. A job of this kind that has not started yet covers the change too, so none
    is added; one that is running started before the change and does not."""
    with transaction.atomic():
        waiting = (
            Job.objects.select_for_update()
            .filter(
                kind=Job.Kind.MATCH_FACTCHECKS,
                status=Job.Status.QUEUED,
                params__scope=SCOPE_OPEN,
            )
            .first()
        )
        if waiting is not None:
            return waiting
        job = job_create(
            kind=Job.Kind.MATCH_FACTCHECKS, params={"scope": SCOPE_OPEN}, created_by=actor
        )
        match_factchecks_task.delay_on_commit(job.pk)
    return job


def factchecks_import_and_match(**kwargs: Any) -> ImportResult:
    """Import fact-checks (services.factchecks.factchecks_import, the same arguments) and,
    when the archive changed, match the open claims against it again."""
    result = factchecks_import(**kwargs)
    if result.created or result.updated:
        factchecks_match_open(actor=kwargs.get("actor"))
    return result


def factchecks_import_upload(
    *, name: str, data: bytes, actor: AbstractBaseUser, publisher: str = ""
) -> ImportResult:
    """Editors: import an uploaded archive file (JSON Lines, ClaimReview JSON-LD, CSV or
    TSV; the format from its name, else its content). Bad records are in the result's
    errors with their line numbers; the good ones are imported."""
    perms.require(perms.is_desk_editor(actor), "Only editors import fact-checks.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ReviewError(
            f"The file is larger than {MAX_UPLOAD_BYTES // 1_000_000} MB.",
            fields={"file": "too large"},
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReviewError(
            f"The file is not UTF-8 text ({exc.reason}).", fields={"file": "unreadable"}
        ) from None
    if not text.strip():
        raise ReviewError("The file is empty.", fields={"file": "empty"})
    try:
        records = list(parse(text, detect_format(name or "", text)))
    except FormatError as exc:
        raise ReviewError(str(exc), fields={"file": "unreadable"}) from None
    return factchecks_import_and_match(
        records=records, publisher=(publisher or "").strip() or None, actor=actor
    )


def _job_claims(job: Job) -> list[tuple[int, str]]:
    if job.params.get("scope") == SCOPE_OPEN:
        claims = Claim.objects.filter(status__in=OPEN_STATUSES, article__next_version__isnull=True)
    elif job.article_id is not None:
        claims = Claim.objects.filter(article_id=job.article_id)
    else:
        return []
    rows = claims.order_by("pk").values_list("pk", "text", "wording")
    return [(pk, wording or text) for pk, text, wording in rows]


def claim_matches_run(*, job_id: int) -> Job | None:
    """The match job's work: each claim's best earlier fact-checks, stored in place of the
    ones it had. A redelivered task finds the job finished and does nothing."""
    job = job_claim_or_wait(job_id=job_id)
    if job is None:
        return None
    # The archive changed (an import, an approved verdict) or an article came in: the
    # worker brings the ANN index up to date first, for itself and the web processes.
    factcheck_index_update()
    claims = _job_claims(job)
    job_progress(job=job, total=len(claims), done=0)
    matched = 0
    for start in range(0, len(claims), MATCH_BATCH):
        batch = claims[start : start + MATCH_BATCH]
        found = claim_matches_compute(batch)
        matched += claim_matches_store(found)
        job_progress(job=job, done=start + len(batch))
    job_finish(job=job, result={"claims": len(claims), "matched": matched})
    return job


def claim_matches_compute(claims: Sequence[tuple[int, str]]) -> dict[int, list[Any]]:
    """For (claim id, text) pairs, the best matches of each: a claim is never matched to
    the desk's own verdict on it."""
    results = factcheck_matches_many(
        texts=[text for _, text in claims], top_k=TOP_K + 1, min_score=MIN_STORED_SCORE
    )
    found = {}
    for (claim_id, _), matches in zip(claims, results, strict=True):
        found[claim_id] = [m for m in matches if m.factcheck.desk_claim_id != claim_id][:TOP_K]
    return found


def claim_matches_store(found: dict[int, list[Any]]) -> int:
    """Replace the stored matches of the claims in `found`; returns how many claims have one."""
    now = timezone.now()
    rows = [
        ClaimMatch(
            claim_id=claim_id,
            factcheck=match.factcheck,
            score=round(match.score, 4),
            lexical=round(match.lexical, 4),
            dense=round(match.dense, 4),
            rank=rank,
            matched_at=now,
        )
        for claim_id, matches in found.items()
        for rank, match in enumerate(matches, start=1)
    ]
    with transaction.atomic():
        # A claim deleted meanwhile (merged, its article deleted) has nothing to store.
        alive = set(Claim.objects.filter(pk__in=list(found)).values_list("pk", flat=True))
        ClaimMatch.objects.filter(claim_id__in=list(found)).delete()
        ClaimMatch.objects.bulk_create([r for r in rows if r.claim_id in alive])
    return sum(1 for claim_id, matches in found.items() if matches and claim_id in alive)


# --- the desk's verdicts in the archive -------------------------------------------------------


def desk_identifier(claim_id: int) -> str:
    """The archive's identifier of the desk's verdict on a claim: one per claim, so that an
    approved correction updates the entry."""
    return f"claim-{claim_id}"


def _report_url(claim: Claim) -> str:
    if not Report.objects.filter(article_id=claim.article_id).exists():
        return ""
    base = settings.FACTCHECK["DESK_URL"].rstrip("/")
    return base + reverse("reviews:report_public", args=[claim.article_id]) + f"#claim-{claim.pk}"


def factcheck_archive_verdict(*, verdict: Verdict, rematch: bool = True) -> FactCheck:
    """An approved verdict joins the archive as a fact-check published by the desk (called
    by verdict_approve, in its transaction). `rematch` queues the matching of the open
    claims against the changed archive."""
    claim = verdict.claim
    wording = claim.wording or claim.text
    title = f"{verdict.rating.label}: {wording}"[: MAX_TEXT_FIELDS["title"]]
    search_text = matching.embedding_text(matching.Entry(wording, title, ""))
    values: dict[str, Any] = {
        "claim": wording,
        "title": title,
        "subtitle": "",
        "search_text": search_text,
        **_embedding(search_text),
        "rating": verdict.rating.label[: MAX_TEXT_FIELDS["rating"]],
        "rating_value": verdict.rating.value,
        "claimant": claim.speaker[: MAX_TEXT_FIELDS["claimant"]],
        "url": _report_url(claim),
        "appearance_url": claim.article.url,
        "published": (verdict.approved_at or timezone.now()).date(),
        "author": _name(verdict.author)[: MAX_TEXT_FIELDS["author"]],
        "desk_claim": claim,
        "imported_at": timezone.now(),
        "imported_by": verdict.approved_by,
    }
    with transaction.atomic():
        factcheck, _ = FactCheck.objects.update_or_create(
            publisher=settings.FACTCHECK["DESK_NAME"][: MAX_TEXT_FIELDS["publisher"]],
            identifier=desk_identifier(claim.pk),
            defaults=values,
        )
        if rematch:
            factchecks_match_open(actor=verdict.approved_by)
    return factcheck


def _embedding(text: str) -> dict[str, Any]:
    encoder = factcheck_encoder()
    if encoder is None:
        return {"embedding": None, "embedding_model": "", "embedding_dim": None}
    import numpy as np

    vector = np.asarray(encoder.embed([text]), dtype=np.float32)[0]
    return {
        "embedding": vector.tobytes(),
        "embedding_model": encoder.name,
        "embedding_dim": encoder.dim,
    }


def _name(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# --- what a reviewer does with a match --------------------------------------------------------


def _match_load(claim: Claim, factcheck_id: int) -> ClaimMatch:
    match = (
        ClaimMatch.objects.select_related("factcheck")
        .filter(claim=claim, factcheck_id=factcheck_id)
        .first()
    )
    if match is None:
        raise ReviewError("That fact-check is not a match of this claim.", "not_found")
    return match


def match_attach(*, claim: Claim, factcheck_id: int, actor: AbstractBaseUser) -> Evidence:
    """Attach a matched fact-check to the claim as evidence; its stance comes from the
    fact-check's rating when that is plain, else it is context."""
    match = _match_load(claim, factcheck_id)
    factcheck = match.factcheck
    url = factcheck_link(factcheck)
    if not url:
        raise ReviewError("This fact-check has no address to attach: it was imported without one.")
    rated = f"Rated {factcheck.rating!r}" if factcheck.rating else "Checked"
    by = f" by {factcheck.publisher}" if factcheck.publisher else ""
    when = f" on {factcheck.published.isoformat()}" if factcheck.published else ""
    return evidence_add(
        claim=claim,
        actor=actor,
        url=url,
        stance=stance_from_rating(factcheck),
        title=factcheck.title or factcheck.claim,
        publisher=factcheck.publisher,
        published=factcheck.published,
        quote=factcheck.claim,
        note=f"{rated}{by}{when}; similarity {match.score:.2f}.",
    )


@dataclass(frozen=True)
class VerdictStart:
    """The verdict form's starting values taken from an earlier fact-check."""

    rating: Rating | None
    rationale: str


def verdict_start_from_match(
    *, claim: Claim, factcheck_id: int, rationale: str = ""
) -> VerdictStart:
    """The desk's rating of the same label as the earlier fact-check's (None when the
    desk's scale has none) and `rationale` with the link to the fact-check added."""
    factcheck = _match_load(claim, factcheck_id).factcheck
    rating = None
    if factcheck.rating:
        rating = default_scale().ratings.filter(label__iexact=factcheck.rating.strip()).first()
    url = factcheck_link(factcheck)
    name = factcheck.publisher or "An earlier fact-check"
    label = f"{name} rated it {factcheck.rating!r}" if factcheck.rating else f"{name} checked it"
    if factcheck.published:
        label += f" on {factcheck.published.isoformat()}"
    line = f"Previously fact-checked: [{_markdown_text(label)}]({url})." if url else label + "."
    rationale = rationale.rstrip()
    return VerdictStart(rating=rating, rationale=f"{rationale}\n\n{line}" if rationale else line)


def _markdown_text(text: str) -> str:
    return "".join("\\" + c if c in "[]()*_`\\<>" else c for c in text)
