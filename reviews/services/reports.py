"""Fact-check reports: build a snapshot, render it, publish immutable numbered versions.
(Over 400 lines: building, exporting and publishing share the snapshot's rules.)

A report is built from an article's approved verdicts. A *draft* (the editor's preview) also
lists the claims still in work, marked pending. Publishing freezes the snapshot into a new
`Report` with every export format rendered and stored, and logs as corrections the ratings
that changed since the previous version and the claims it adds.

Rules (docs/REPORTS.md):
- only editors publish;
- there must be at least one approved verdict;
- a version identical in content to the previous one is refused ("nothing changed");
- a claim reopened for a correction keeps its last approved verdict in published versions
  until the correction is approved: publishing another claim's fix must not withdraw it;
- a published version never changes: its snapshot and renderings are stored, not rebuilt.

The PDF is laid out after the version is stored, by the `render_report_pdf` task: WeasyPrint
takes about 0.1 s per claim, too long for the publishing request of a large report. Until the
task has stored it, the PDF of a version is "being prepared" (`RenderingPending`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from reviews import permissions
from reviews.errors import ConflictError, ReviewError
from reviews.exports import FORMATS, Format
from reviews.exports.snapshot import (
    ArticleMeta,
    ClaimEntry,
    CorrectionEntry,
    Desk,
    EvidenceEntry,
    ReportSnapshot,
    Scale,
    ScaleRating,
    canonical_json,
    first_sentence,
    sha256_hex,
)
from reviews.models import (
    Article,
    Claim,
    ClaimStatus,
    Correction,
    Evidence,
    Rating,
    RatingScale,
    Report,
    ReportRendering,
    Verdict,
)
from reviews.selectors.reports import (
    DEFERRED_FORMATS,
    RenderingPending,
    report_get,
    report_latest_published,
    report_rendering,
)
from reviews.services.ratings import default_scale
from reviews.tasks import render_report_pdf as render_report_pdf_task

DEFAULT_METHODOLOGY = """\
Each claim in this report was selected from the article because it states a checkable fact.
A reviewer researched it, attached the sources that support, refute or give context to it,
and proposed a rating with a written rationale. An editor who did not write or edit that
verdict checked and approved it before publication (four-eyes rule). Ratings use the scale
below; labels outside the ordinal range carry no number. When a published rating changes,
the report is republished as a new version and the change is listed under Corrections.
"""


@dataclass(frozen=True)
class _Row:
    """A claim of the report with the verdict it shows."""

    claim: Claim
    verdict: Verdict | None
    approved: bool
    correction_pending: bool = False


# --- building the snapshot ---------------------------------------------------------------


def _claims_for_report(article: Article) -> QuerySet[Claim]:
    verdicts = Verdict.objects.select_related("rating", "author", "approved_by").order_by("-number")
    evidence = Evidence.objects.select_related("source").order_by("created_at", "pk")
    return (
        article.claims.exclude(status=ClaimStatus.DISMISSED)
        .prefetch_related(
            Prefetch("verdicts", queryset=verdicts, to_attr="report_verdicts"),
            Prefetch("evidence", queryset=evidence, to_attr="report_evidence"),
        )
        .order_by("start", "end", "pk")
    )


def _published_verdict(verdicts: list[Verdict]) -> Verdict | None:
    """The verdict a published report shows: the current one if approved, else the latest
    approved one (a claim reopened for a correction keeps its rating until the correction is
    approved)."""
    for verdict in verdicts:  # newest first
        if verdict.is_current and verdict.status == Verdict.Status.APPROVED:
            return verdict
    approved = [v for v in verdicts if v.approved_at is not None and v.approved_by_id]
    return approved[0] if approved else None


def _rows(article: Article, *, draft: bool) -> list[_Row]:
    rows = []
    for claim in _claims_for_report(article):
        verdicts = claim.report_verdicts
        published = _published_verdict(verdicts)
        if published is not None:
            # A draft tells the editor that a correction of this rating is in work.
            pending = draft and (
                claim.status != ClaimStatus.APPROVED
                or any(v.is_current and v.pk != published.pk for v in verdicts)
            )
            rows.append(_Row(claim, published, approved=True, correction_pending=pending))
        elif draft and (verdicts or claim.checkworthy or claim.status != ClaimStatus.UNREVIEWED):
            current = next((v for v in verdicts if v.is_current), None)
            rows.append(_Row(claim, current, approved=False))
    return rows


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.FACTCHECK["DESK_URL"].rstrip("/") + "/" + url.lstrip("/")


def _file_url(field) -> str:
    if not field:
        return ""
    try:
        return _absolute(field.url)
    except ValueError:
        return ""


def _evidence_entry(evidence: Evidence) -> EvidenceEntry:
    source = evidence.source
    url = source.url or (source.canonical_url if "://" in source.canonical_url else "")
    return EvidenceEntry(
        stance=evidence.stance,
        url=url or _file_url(source.uploaded_file),
        title=source.title,
        publisher=source.publisher,
        published=source.published.isoformat() if source.published else None,
        quote=evidence.quote,
        note=evidence.note,
        archived_url=_file_url(source.snapshot),
    )


def _claim_entry(row: _Row, *, today: str) -> ClaimEntry:
    claim, verdict = row.claim, row.verdict
    entry = ClaimEntry(
        id=claim.pk,
        number=claim.number,
        text=claim.display_text,
        article_text=claim.text,
        speaker=claim.speaker,
        speaker_role=claim.speaker_role if claim.speaker else "",
        kind=claim.kind,
        approved=row.approved,
        correction_pending=row.correction_pending,
        evidence=tuple(_evidence_entry(e) for e in claim.report_evidence),
        published=today,
    )
    if verdict is None:
        return entry
    rating = verdict.rating
    approved_at = verdict.approved_at if row.approved else None
    return dataclasses.replace(
        entry,
        rating=rating.label,
        rating_slug=rating.slug,
        rating_value=rating.value,
        rating_color=rating.color,
        conclusion=first_sentence(verdict.rationale),
        rationale=verdict.rationale,
        confidence=verdict.confidence,
        reviewed_by=_name(verdict.author),
        approved_by=_name(verdict.approved_by) if row.approved else "",
        approved_at=approved_at.isoformat() if approved_at else None,
        verdict_number=verdict.number,
    )


def _scale_for(rows: list[_Row]) -> RatingScale:
    for row in rows:
        if row.verdict is not None:
            return row.verdict.rating.scale
    return default_scale()


def _scale(scale: RatingScale) -> Scale:
    ratings = Rating.objects.filter(scale=scale).order_by("position", "pk")
    return Scale(
        name=scale.name,
        ratings=tuple(
            ScaleRating(
                label=r.label, slug=r.slug, value=r.value, description=r.description, color=r.color
            )
            for r in ratings
        ),
    )


def report_public_url(article_id: int, number: int | None = None) -> str:
    if number is None:
        path = reverse("reviews:report_public", args=[article_id])
    else:
        path = reverse("reviews:report_version", args=[article_id, number])
    return _absolute(path)


def _build(article: Article, *, draft: bool) -> tuple[ReportSnapshot, list[_Row]]:
    rows = _rows(article, draft=draft)
    now = timezone.now()
    today = timezone.localdate(now).isoformat()
    snapshot = ReportSnapshot(
        desk=Desk(name=settings.FACTCHECK["DESK_NAME"], url=settings.FACTCHECK["DESK_URL"]),
        article=ArticleMeta(
            id=article.pk,
            title=article.title,
            outlet=article.outlet,
            url=article.url,
            author=article.author,
            published=article.published.isoformat() if article.published else None,
            language=article.language,
        ),
        scale=_scale(_scale_for(rows)),
        claims=tuple(_claim_entry(row, today=today) for row in rows),
        methodology=settings.FACTCHECK.get("METHODOLOGY") or DEFAULT_METHODOLOGY,
        draft=draft,
        generated_at=now.isoformat(),
        url=report_public_url(article.pk),
    )
    return snapshot, rows


def report_snapshot_build(article: Article, *, draft: bool = False) -> ReportSnapshot:
    """The report as it stands now. With `draft`, claims still in work are included and
    marked pending, and the latest published version's corrections are shown."""
    snapshot, _ = _build(article, draft=draft)
    previous = report_latest_published(article=article)
    if previous is not None:
        snapshot = dataclasses.replace(snapshot, corrections=report_snapshot(previous).corrections)
    return snapshot


def _format(name: str) -> Format:
    fmt = FORMATS.get(name)
    if fmt is None:
        raise ReviewError(
            f"Unknown report format {name!r}; one of: {', '.join(FORMATS)}.",
            "invalid",
            fields={"format": "unknown"},
        )
    return fmt


def report_render(snapshot: ReportSnapshot, format: str) -> tuple[bytes, str]:
    fmt = _format(format)
    return fmt.module.render(snapshot), fmt.content_type


def report_export(
    *,
    article_id: int,
    format: str,
    actor: AbstractBaseUser | AnonymousUser | None,
    draft: bool = False,
    number: int | None = None,
    render_pending: bool = False,
) -> tuple[bytes, str]:
    """A report in one format: the stored rendering of a published version (the latest
    unless `number` is given), or a freshly rendered draft. With `render_pending`, a
    rendering still being prepared is rendered from the stored snapshot (not stored: that is
    the background task's job); without it, `RenderingPending` is raised.

    Published versions are public. A draft is for the desk's editors: someone outside the
    desk is told there is no such article, a reviewer that only editors see drafts.
    `actor=None` is the desk's own operator (a management command), who sees everything.
    """
    _format(format)
    if draft:
        if actor is not None and not permissions.is_desk_member(actor):
            raise ReviewError("There is no such article.", "not_found")
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            raise ReviewError(f"There is no article {article_id}.", "not_found")
        if actor is not None and not permissions.is_desk_editor(actor):
            raise ReviewError("Only editors see draft reports.", "forbidden")
        return report_render(report_snapshot_build(article, draft=True), format)
    if number is None:
        report = report_latest_published(article=article_id)
        if report is None:
            raise ReviewError(
                f"Article {article_id} has no published report (a draft can be exported).",
                "not_found",
            )
    else:
        report = report_get(article_id=article_id, number=number)
    try:
        rendering = report_rendering(report=report, format=format)
    except RenderingPending:
        if not render_pending:
            raise
        return report_render(report_snapshot(report), format)
    return bytes(rendering.content), rendering.content_type


def report_snapshot(report: Report) -> ReportSnapshot:
    return ReportSnapshot.from_dict(report.snapshot)


def report_pdf_render(*, report_id: int) -> ReportRendering | None:
    """Render and store a published version's PDF (the `render_report_pdf` task).

    Idempotent: a version whose PDF is stored is left alone, and a duplicate delivery that
    renders at the same time as another worker loses on the unique (report, format)
    constraint and keeps the stored row. Returns None when the version no longer exists."""
    existing = ReportRendering.objects.filter(report_id=report_id, format="pdf").first()
    if existing is not None:
        return existing
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return None
    # Laid out outside any transaction: it takes seconds to minutes, and holds no lock.
    fmt = FORMATS["pdf"]
    content = fmt.module.render(report_snapshot(report))
    try:
        with transaction.atomic():
            return ReportRendering.objects.create(
                report=report,
                format=fmt.name,
                content_type=fmt.content_type,
                content=content,
                content_hash=sha256_hex(content),
            )
    except IntegrityError:
        return ReportRendering.objects.get(report_id=report_id, format=fmt.name)


# --- publishing --------------------------------------------------------------------------


def _corrections(
    previous: ReportSnapshot, snapshot: ReportSnapshot, rows: list[_Row], *, version: int
) -> list[tuple[CorrectionEntry, Claim]]:
    """Ratings that changed (or verdicts that were replaced, or claims withdrawn) since the
    previous version, with the public correction note the approving editor gave; then the
    claims this version publishes for the first time, in article order."""
    current = {entry.id: (entry, row) for entry, row in zip(snapshot.claims, rows, strict=True)}
    date = snapshot.date
    out = []
    for old in previous.approved_claims:
        entry, row = current.get(old.id, (None, None))
        if entry is not None and entry.approved:
            if entry.rating == old.rating and entry.verdict_number == old.verdict_number:
                continue
            # Only the public note the editor wrote for readers: the reopen and correction
            # reasons are the desk's internal working notes and never leave it.
            reason = row.verdict.correction_note.strip()
            out.append(
                (
                    CorrectionEntry(
                        claim_id=old.id,
                        claim_number=entry.number,
                        claim_text=entry.quoted_text,
                        old_rating=old.rating,
                        new_rating=entry.rating,
                        date=date,
                        reason=reason,
                        version=version,
                    ),
                    row.claim,
                )
            )
            continue
        claim = Claim.objects.filter(pk=old.id).first()
        if claim is None:
            continue  # deleted with its article version; nothing to attach the entry to
        out.append(
            (
                CorrectionEntry(
                    claim_id=old.id,
                    claim_number=old.number,
                    claim_text=old.quoted_text,
                    old_rating=old.rating,
                    new_rating="",
                    date=date,
                    # Why it was dismissed is internal: the entry says only that it went.
                    version=version,
                ),
                claim,
            )
        )
    published_before = {c.id for c in previous.approved_claims}
    for entry, row in zip(snapshot.claims, rows, strict=True):
        if entry.approved and entry.id not in published_before:
            out.append(
                (
                    CorrectionEntry(
                        claim_id=entry.id,
                        claim_number=entry.number,
                        claim_text=entry.quoted_text,
                        old_rating="",
                        new_rating=entry.rating,
                        date=date,
                        version=version,
                    ),
                    row.claim,
                )
            )
    return out


def _carry_publication_dates(previous: ReportSnapshot, snapshot: ReportSnapshot) -> ReportSnapshot:
    """A claim whose verdict is the one already published keeps its first publication date
    (ClaimReview's datePublished)."""
    before = {c.id: c for c in previous.approved_claims}
    claims = []
    for claim in snapshot.claims:
        old = before.get(claim.id)
        if old is not None and old.verdict_number == claim.verdict_number and old.published:
            claim = dataclasses.replace(claim, published=old.published)
        claims.append(claim)
    return dataclasses.replace(snapshot, claims=tuple(claims))


def report_publish(*, article: Article, actor: AbstractBaseUser) -> Report:
    """Publish the next version of the article's report, with every cheap format rendered
    and stored; the PDF is rendered by a task once the version has committed."""
    permissions.require(
        permissions.can_publish(actor, article), "Only editors can publish reports."
    )
    with transaction.atomic():
        # One publisher at a time per article: the row lock orders concurrent publishers on
        # PostgreSQL; elsewhere the unique (article, number) constraint catches the loser.
        article = Article.objects.select_for_update().get(pk=article.pk)
        snapshot, rows = _build(article, draft=False)
        if not snapshot.claims:
            raise ReviewError(
                "There is no approved verdict to publish for this article.", "invalid"
            )
        previous_report = Report.objects.filter(article=article).order_by("-number").first()
        number = 1
        corrections: list[tuple[CorrectionEntry, Claim]] = []
        if previous_report is not None:
            previous = report_snapshot(previous_report)
            if previous.fingerprint() == snapshot.fingerprint():
                raise ReviewError(
                    f"Nothing changed since version {previous_report.number}: "
                    "there is nothing to publish.",
                    "conflict",
                )
            number = previous_report.number + 1
            snapshot = _carry_publication_dates(previous, snapshot)
            corrections = _corrections(previous, snapshot, rows, version=number)
            snapshot = dataclasses.replace(
                snapshot, corrections=previous.corrections + tuple(c for c, _ in corrections)
            )
        now = timezone.now()
        snapshot = dataclasses.replace(
            snapshot,
            draft=False,
            version=number,
            published_at=now.isoformat(),
            published_by=_name(actor),
            generated_at=now.isoformat(),
        )
        data = snapshot.to_dict()
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    article=article,
                    number=number,
                    snapshot=data,
                    content_hash=sha256_hex(canonical_json(data)),
                    published_by=actor,
                    published_at=now,
                )
        except IntegrityError:
            raise ConflictError(
                "Another editor published this report at the same moment; reload and check "
                "the latest version.",
                current={"article": article.pk},
            ) from None
        renderings = []
        for name, fmt in FORMATS.items():
            if name in DEFERRED_FORMATS:
                continue
            content = fmt.module.render(snapshot)
            renderings.append(
                ReportRendering(
                    report=report,
                    format=name,
                    content_type=fmt.content_type,
                    content=content,
                    content_hash=sha256_hex(content),
                )
            )
        ReportRendering.objects.bulk_create(renderings)
        Correction.objects.bulk_create(
            Correction(
                report=report,
                claim=claim,
                old_rating=entry.old_rating,
                new_rating=entry.new_rating,
                reason=entry.reason,
                corrected_at=now,
            )
            for entry, claim in corrections
        )
        render_report_pdf_task.delay_on_commit(report.pk)
    return report
