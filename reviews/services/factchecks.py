"""The desk's archive of published fact-checks: importing them, and matching a claim against
them ("has anyone checked this already?").

Import is idempotent: a fact-check is known by (publisher, identifier), so importing a file
again updates what changed and adds nothing twice. Records are written in batches, each in
its own transaction, so a large file's progress is visible and a bad record costs only
itself. Embeddings are computed in batches for the records whose text changed.

Matching ranks the whole archive with claimextract.matching (BM25F + cosine over sentence
embeddings). The index is built once per process and rebuilt when the archive changed.
The desk's own approved verdicts are in the archive too (services.matches), published by
the desk and tied to their claim.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from claimextract import matching
from claimextract.ann import AnnIndex, IndexState, read_state
from claimextract.factcheck_formats import FactCheckRecord, RecordError
from reviews.models import FactCheck
from reviews.models.factchecks import MAX_IDENTIFIER, MAX_TEXT_FIELDS, MAX_URL

log = logging.getLogger(__name__)

WRITE_BATCH = 500
EMBED_BATCH = 64
_validate_url = URLValidator(schemes=["http", "https"])
# What an import writes; a record equal to the stored row on all of these is unchanged.
CONTENT_FIELDS = (
    "claim",
    "title",
    "subtitle",
    "author",
    "rating",
    "rating_value",
    "rating_best",
    "rating_worst",
    "claimant",
    "url",
    "appearance_url",
    "published",
)
EMBEDDING_FIELDS = ("search_text", "embedding", "embedding_model", "embedding_dim")

Progress = Callable[[int, int], None]
MODEL_NAME = "all-MiniLM-L6-v2"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Records that repeat an identifier met earlier in the same import: the last one is kept.
    duplicates: int = 0
    embedded: int = 0
    errors: list[RecordError] = field(default_factory=list)
    # Records imported with something left out (an unreadable date).
    warnings: list[RecordError] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class Match:
    factcheck: FactCheck
    score: float
    lexical: float
    dense: float


# --- the sentence encoder -----------------------------------------------------------------


@dataclass(frozen=True)
class Encoder:
    name: str
    dim: int
    embed: matching.Embed


@lru_cache(maxsize=1)
def _load_encoder() -> Encoder | None:
    """claimextract's sentence encoder, named after its model file's content: embeddings
    stored under another name (another model) are computed again on the next import."""
    try:
        from claimextract import encoder as module

        digest = hashlib.sha256(module.ENCODER_PATH.read_bytes()).hexdigest()[:12]
        dim = int(module.embed(["dimension probe"]).shape[1])
    except Exception as exc:  # noqa: BLE001 - any failure to load means: words only
        log.warning("claim matching: no sentence encoder (%s): lexical matching only", exc)
        return None
    return Encoder(name=f"{MODEL_NAME}@{digest}", dim=dim, embed=module.embed)


def factcheck_encoder() -> Encoder | None:
    """The encoder that embeds fact-checks and claims, or None when dense matching is off
    (settings.FACTCHECK_MATCHING_DENSE) or no encoder is installed."""
    if not settings.FACTCHECK_MATCHING_DENSE:
        return None
    return _load_encoder()


def _embed(encoder: Encoder, texts: list[str]) -> list[bytes]:
    rows: list[bytes] = []
    for start in range(0, len(texts), EMBED_BATCH):
        matrix = np.asarray(encoder.embed(texts[start : start + EMBED_BATCH]), dtype=np.float32)
        rows.extend(row.tobytes() for row in matrix)
    return rows


# --- import -------------------------------------------------------------------------------


def _entry(values: dict[str, Any]) -> matching.Entry:
    return matching.Entry(values["claim"], values["title"], values["subtitle"])


def _values(record: FactCheckRecord, publisher: str) -> dict[str, Any] | RecordError:
    """The row a record becomes, or why it cannot be stored."""
    identifier = record.identifier.strip()
    if len(identifier) > MAX_IDENTIFIER:
        return RecordError(record.line, f"identifier longer than {MAX_IDENTIFIER} characters")
    urls = {}
    for name in ("url", "appearance_url"):
        value = getattr(record, name).strip()
        if value:
            try:
                if len(value) > MAX_URL:
                    raise ValueError
                _validate_url(value)
            except Exception:  # noqa: BLE001 - Django raises ValidationError; any failure is bad
                if name == "url":
                    return RecordError(
                        record.line, f"url is not a web address: {value[:200]!r}", identifier
                    )
                value = ""  # where the claim appeared is a nicety: not worth the record
        urls[name] = value
    values: dict[str, Any] = {
        "identifier": identifier,
        "publisher": (record.publisher or publisher).strip()[: MAX_TEXT_FIELDS["publisher"]],
        "claim": record.claim.strip(),
        "subtitle": record.subtitle.strip(),
        "rating_value": record.rating_value,
        "rating_best": record.rating_best,
        "rating_worst": record.rating_worst,
        "published": record.published,
        **urls,
    }
    for name in ("title", "author", "rating", "claimant"):
        values[name] = getattr(record, name).strip()[: MAX_TEXT_FIELDS[name]]
    values["search_text"] = matching.embedding_text(_entry(values))
    return values


def factchecks_import(
    *,
    records: Iterable[FactCheckRecord | RecordError],
    publisher: str | None = None,
    actor: AbstractBaseUser | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Add or update the fact-checks of `records` (a parser's output); bad records and the
    parser's errors are returned in `errors`, with their line numbers, and cost only
    themselves. `publisher` names the fact-checker of records that name none.
    services.matches.factchecks_import_and_match also matches the open claims again."""
    result = ImportResult()
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for item in records:
        if isinstance(item, RecordError):
            result.errors.append(item)
            continue
        values = _values(item, publisher or "")
        if isinstance(values, RecordError):
            result.errors.append(values)
            continue
        result.warnings.extend(RecordError(item.line, w, item.identifier) for w in item.warnings)
        key = (values["publisher"], values["identifier"])
        if key in latest:
            result.duplicates += 1
            del latest[key]  # keep file order for the one that wins
        latest[key] = values
    rows = list(latest.values())
    encoder = factcheck_encoder()
    for start in range(0, len(rows), WRITE_BATCH):
        _import_batch(rows[start : start + WRITE_BATCH], encoder, actor, result)
        if progress is not None:
            progress(min(start + WRITE_BATCH, len(rows)), len(rows))
    result.errors.sort(key=lambda e: e.line)
    return result


def _import_batch(
    rows: list[dict[str, Any]],
    encoder: Encoder | None,
    actor: AbstractBaseUser | None,
    result: ImportResult,
) -> None:
    known: dict[tuple[str, str], FactCheck] = {}
    for publisher in {row["publisher"] for row in rows}:
        identifiers = [row["identifier"] for row in rows if row["publisher"] == publisher]
        for fc in FactCheck.objects.filter(publisher=publisher, identifier__in=identifiers):
            known[(fc.publisher, fc.identifier)] = fc
    changed: list[dict[str, Any]] = []
    needs_embedding: list[dict[str, Any]] = []
    for row in rows:
        old = known.get((row["publisher"], row["identifier"]))
        embedding_current = (
            old is not None
            and old.search_text == row["search_text"]
            and (encoder is None or (old.embedding_model == encoder.name and old.embedding))
        )
        if old is not None and embedding_current:
            row.update(
                embedding=old.embedding,
                embedding_model=old.embedding_model,
                embedding_dim=old.embedding_dim,
            )
            if all(getattr(old, name) == row[name] for name in CONTENT_FIELDS):
                result.unchanged += 1
                continue
        elif encoder is not None:
            needs_embedding.append(row)
        else:
            row.update(embedding=None, embedding_model="", embedding_dim=None)
        changed.append(row)
        if old is None:
            result.created += 1
        else:
            result.updated += 1
    if encoder is not None and needs_embedding:
        vectors = _embed(encoder, [row["search_text"] for row in needs_embedding])
        for row, vector in zip(needs_embedding, vectors, strict=True):
            row.update(embedding=vector, embedding_model=encoder.name, embedding_dim=encoder.dim)
        result.embedded += len(needs_embedding)
    if not changed:
        return
    now = timezone.now()
    actor_id = actor.pk if actor is not None else None
    objects = [FactCheck(**row, imported_at=now, imported_by_id=actor_id) for row in changed]
    with transaction.atomic():
        # An upsert: a concurrent import of the same file updates instead of failing.
        FactCheck.objects.bulk_create(
            objects,
            update_conflicts=True,
            unique_fields=["publisher", "identifier"],
            update_fields=[*CONTENT_FIELDS, *EMBEDDING_FIELDS, "imported_at", "imported_by"],
        )


# --- matching -----------------------------------------------------------------------------


@dataclass
class _Archive:
    key: tuple[Any, ...]
    pks: list[int]
    matcher: matching.Matcher
    missing_embeddings: int = 0
    # The ANN index in use (its sidecar's state), None while the search is exact.
    index_state: IndexState | None = None


# From this many fact-checks on, the dense search goes through the ANN index the workers
# keep (claimextract.ann); below it, one exact matrix product is faster than any index.
# Measured (docs/CLAIM_MATCHING.md, "At scale"): 300 claims cost 0.57 s of CPU exact and
# 0.69 s through the index at 100,000 fact-checks, 4.6 s and 2.6 s at 1,000,000; the lines
# cross at about 200,000.
ANN_MIN_ENTRIES = 200_000


_archive_lock = threading.Lock()
_archive_cache: dict[str, _Archive] = {}


def _archive_state() -> tuple[Any, ...]:
    state = FactCheck.objects.aggregate(n=Count("pk"), top=Max("pk"), last=Max("imported_at"))
    return (connection.settings_dict["NAME"], state["n"], state["top"], state["last"])


def _build_archive(key: tuple[Any, ...], encoder: Encoder | None) -> _Archive:
    pks: list[int] = []
    entries: list[matching.Entry] = []
    vectors: list[bytes | None] = []
    rows = FactCheck.objects.order_by("pk").values_list(
        "pk", "claim", "title", "subtitle", "embedding", "embedding_model", "embedding_dim"
    )
    for pk, claim, title, subtitle, embedding, model, dim in rows.iterator(chunk_size=2000):
        pks.append(pk)
        entries.append(matching.Entry(claim, title, subtitle))
        usable = encoder is not None and model == encoder.name and dim == encoder.dim
        vectors.append(bytes(embedding) if usable and embedding else None)
    matrix = None
    missing = 0
    if encoder is not None and entries:
        matrix = np.zeros((len(entries), encoder.dim), dtype=np.float32)
        for i, vector in enumerate(vectors):
            if vector is None:
                missing += 1
            else:
                matrix[i] = np.frombuffer(vector, dtype=np.float32)
        if missing:
            log.warning(
                "claim matching: %d of %d fact-checks have no %s embedding (import them "
                "again to compute it): they are matched by their words only",
                missing,
                len(entries),
                encoder.name,
            )
    matcher = matching.Matcher(
        entries,
        embeddings=matrix,
        embed=encoder.embed if encoder else None,
        settings=matching.TUNED,
    )
    archive = _Archive(key=key, pks=pks, matcher=matcher, missing_embeddings=missing)
    _attach_index(archive, encoder)
    return archive


def factcheck_index_path() -> Path:
    """The ANN index file: one per database, so test databases never share one."""
    name = Path(str(connection.settings_dict["NAME"])).name or "default"
    return Path(settings.FACTCHECK["INDEX_DIR"]) / f"factchecks-{name}.faiss"


def _expected_state(archive: _Archive, encoder: Encoder) -> IndexState:
    last = archive.key[3]
    return IndexState(
        count=len(archive.pks),
        max_id=archive.pks[-1] if archive.pks else 0,
        model=encoder.name,
        dim=encoder.dim,
        imported_until=last.isoformat() if last else "",
    )


def _uses_index(archive: _Archive, encoder: Encoder | None) -> bool:
    return (
        encoder is not None
        and archive.matcher.dense is not None
        and len(archive.pks) >= ANN_MIN_ENTRIES
    )


def _attach_index(archive: _Archive, encoder: Encoder | None) -> None:
    """Search through the stored ANN index when it holds exactly the archive's rows;
    otherwise (none yet, or stale: rows added or changed since it was written) search
    exactly until a worker has rebuilt it."""
    if not _uses_index(archive, encoder):
        return
    assert encoder is not None
    path = factcheck_index_path()
    on_disk = read_state(path)
    if on_disk is not None and on_disk == archive.index_state:
        return  # already in use
    expected = _expected_state(archive, encoder)
    loaded = AnnIndex.load(path) if on_disk == expected else None
    if loaded is None or loaded[1] != expected:
        if archive.matcher.ann is None and archive.index_state is None:
            log.warning(
                "claim matching: the ANN index %s does not hold the archive's %d "
                "fact-checks (%s): searching exactly until a worker rebuilds it",
                path,
                expected.count,
                "missing" if on_disk is None else "stale",
            )
        archive.matcher.ann = None
        archive.index_state = None
        return
    archive.matcher.ann, archive.index_state = loaded


def _archive() -> _Archive | None:
    state = _archive_state()
    if not state[1]:
        return None  # an empty archive: no need to load the encoder
    encoder = factcheck_encoder()
    key = (*state, encoder.name if encoder else None)
    with _archive_lock:
        cached = _archive_cache.get("archive")
        if cached is not None and cached.key == key:
            _attach_index(cached, encoder)  # a worker may have written a newer one
            return cached
        archive = _build_archive(key, encoder)
        _archive_cache["archive"] = archive
        return archive


def factcheck_index_update() -> str:
    """Bring the ANN index up to date with the archive (the workers call it before
    matching): rows added since it was written are appended, a changed or removed row, a
    new encoder or no index at all means a rebuild. Returns what it did: "exact" (the
    archive is small enough to search exactly, no index), "current", "added" or "built"."""
    archive = _archive()
    encoder = factcheck_encoder()
    if archive is None or not _uses_index(archive, encoder):
        return "exact"
    assert encoder is not None and archive.matcher.dense is not None
    expected = _expected_state(archive, encoder)
    if archive.index_state == expected:
        return "current"
    path = factcheck_index_path()
    matrix = archive.matcher.dense.matrix
    loaded = AnnIndex.load(path)
    outcome = "built"
    if loaded is not None and _can_append(loaded[1], expected, archive.pks):
        index = loaded[0]
        index.add(matrix[index.n :])
        outcome = "added"
    else:
        index = AnnIndex(encoder.dim)
        index.add(matrix)
    index.save(path, expected)
    with _archive_lock:
        archive.matcher.ann, archive.index_state = index, expected
    log.info("claim matching: ANN index %s (%d fact-checks) %s", path, index.n, outcome)
    return outcome


def _can_append(old: IndexState, new: IndexState, pks: list[int]) -> bool:
    """An index can be extended when its rows are still the archive's first rows
    unchanged: same encoder, none removed, none updated since it was written."""
    if (old.model, old.dim) != (new.model, new.dim) or old.count > new.count:
        return False
    if old.count and pks[old.count - 1] != old.max_id:
        return False  # a row at or below its largest id was removed (or added)
    changed = FactCheck.objects.filter(pk__lte=old.max_id)
    if old.imported_until:
        changed = changed.filter(imported_at__gt=old.imported_until)
    return not changed.exists()


def factcheck_matches_many(
    *, texts: Sequence[str], top_k: int = 5, min_score: float = 0.0
) -> list[list[Match]]:
    """For each text, the archive's fact-checks that match it best, best first."""
    archive = _archive()
    if archive is None or not texts:
        return [[] for _ in texts]
    ranked = archive.matcher.search_many(list(texts), k=top_k)
    wanted = {archive.pks[m.index] for hits in ranked for m in hits if m.score >= min_score}
    factchecks = FactCheck.objects.in_bulk(wanted)
    results = []
    for hits in ranked:
        matches = []
        for hit in hits:
            factcheck = factchecks.get(archive.pks[hit.index])
            if hit.score < min_score or factcheck is None:
                continue  # below the bar, or deleted since the index was built
            matches.append(Match(factcheck, hit.score, hit.lexical, hit.dense))
        results.append(matches)
    return results


def factcheck_matches(*, text: str, top_k: int = 5, min_score: float = 0.0) -> list[Match]:
    """The archive's fact-checks that match `text` best, best first."""
    return factcheck_matches_many(texts=[text], top_k=top_k, min_score=min_score)[0]
