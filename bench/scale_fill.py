"""Fills the database that DATABASE_URL names with a desk of N claims, for bench/scale.py.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/scale_fill.py N

Migrates, then writes with COPY (PostgreSQL's bulk path) what the desk's services would have
written over months: articles of 300 claims, verdicts in every status (earlier versions
superseded by corrections), evidence from a shared pool of sources, the history rows of each
change, comments and notifications. The work in flight is the same at every size: the ten
newest articles hold the unreviewed, drafted, submitted (400 waiting for approval), returned
and reopened claims; every older article is done (approved, some dismissed). One report is
published through the service. Prints, as JSON, what the benchmark's requests need: session
keys, an API token, and the ids and search terms of its pages.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.utils import timezone  # noqa: E402

from reviews.models import (  # noqa: E402
    Article,
    Claim,
    ClaimStatus,
    Comment,
    Evidence,
    Notification,
    Source,
    Verdict,
)

PER_ARTICLE = 300
IN_FLIGHT_ARTICLES = 10
# The claims of an article in flight, in order: 40 x 10 = 400 verdicts waiting for approval.
IN_FLIGHT = (
    [ClaimStatus.SUBMITTED] * 40
    + [ClaimStatus.IN_PROGRESS] * 30
    + [ClaimStatus.RETURNED] * 10
    + [ClaimStatus.REOPENED] * 5
    + [ClaimStatus.DISMISSED] * 15
    + [ClaimStatus.APPROVED] * 100
    + [ClaimStatus.UNREVIEWED] * 100
)
DONE = [ClaimStatus.APPROVED] * 270 + [ClaimStatus.DISMISSED] * 30
VERDICT_STATUS = {
    ClaimStatus.IN_PROGRESS: Verdict.Status.DRAFT,
    ClaimStatus.SUBMITTED: Verdict.Status.SUBMITTED,
    ClaimStatus.APPROVED: Verdict.Status.APPROVED,
    ClaimStatus.RETURNED: Verdict.Status.RETURNED,
    ClaimStatus.REOPENED: Verdict.Status.APPROVED,
}
# Search terms that match the same claims at every size: a name and a phrase that only the
# articles in flight use (a desk searches for what it is working on).
SEARCH_WORD = "Okonkwo"
SEARCH_PHRASE = "grain reserve"

NOUNS = [
    "budget",
    "deficit",
    "unemployment",
    "inflation",
    "hospital",
    "school",
    "police",
    "troops",
    "refugees",
    "vaccine",
    "election",
    "turnout",
    "pension",
    "tax",
    "wage",
    "rent",
    "export",
    "import",
    "harvest",
    "drought",
    "flood",
    "fire",
    "road",
    "railway",
    "bridge",
    "airport",
    "border",
    "court",
    "prison",
    "ministry",
    "council",
    "mayor",
    "senator",
    "governor",
    "factory",
    "mine",
    "bank",
    "currency",
    "debt",
    "loan",
    "subsidy",
    "fuel",
    "electricity",
    "water",
    "housing",
    "crime",
]
VERBS = [
    "rose",
    "fell",
    "doubled",
    "halved",
    "reached",
    "exceeded",
    "dropped",
    "grew",
    "shrank",
    "topped",
]
PLACES = [
    "Arden",
    "Belmont",
    "Calder",
    "Dunmore",
    "Elstow",
    "Farley",
    "Glenrock",
    "Harwell",
    "Ivybridge",
    "Jarrow",
    "Kelso",
    "Lindley",
    "Marston",
    "Norwood",
    "Oakham",
    "Penrith",
    "Quorn",
    "Redcar",
    "Selby",
    "Thirsk",
]
OUTLETS = ["The Daily Ledger", "Morning Post", "Civic Times", "The Courier", "Evening Star"]
RATIONALE = (
    "The **ministry's table** for {year} gives {n:,}, not the figure quoted. The claim "
    "rounds a provisional estimate; the [final release](https://stats.example.org/{n}) "
    "corrects it.\n\n- Provisional: {n:,}\n- Final: {m:,}\n"
)


def column_plan(model, now) -> list[tuple[str, object, str]]:
    """For each column COPY writes: the attribute, its value when a row does not give one,
    and its kind (text and JSON are escaped for COPY, the rest written as they print)."""
    plan = []
    for field in copy_fields(model):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            default = now
        elif field.has_default():
            default = field.get_default()
        elif field.null:
            default = None
        elif isinstance(field, (models.CharField, models.TextField, models.FileField)):
            default = ""
        else:
            default = REQUIRED
        kind = (
            "json"
            if isinstance(field, models.JSONField)
            else "text"
            if isinstance(field, (models.CharField, models.TextField, models.FileField))
            else "other"
        )
        plan.append((field.attname, default, kind))
    return plan


REQUIRED = object()
_FIELDS: dict = {}


def copy_fields(model):
    if model not in _FIELDS:
        fields = [f for f in model._meta.concrete_fields]
        if model not in (Article, Claim, Verdict, Source, Evidence):  # numbered by the database
            fields = [f for f in fields if not f.primary_key]
        _FIELDS[model] = fields
    return _FIELDS[model]


class Copier:
    """Rows of one table, buffered and written with one COPY per flush (a connection runs
    one COPY at a time)."""

    def __init__(self, raw, model, now):
        self.raw, self.model, self.now = raw, model, now
        columns = ", ".join(f'"{f.column}"' for f in copy_fields(model))
        self.sql = f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN'
        self.rows: list[tuple] = []
        self.count = 0
        self.plan = column_plan(model, now)

    def write(self, **values):
        fields = []
        for name, default, kind in self.plan:
            value = values.get(name, default)
            if value is None:
                fields.append("\\N")
            elif kind == "text":
                fields.append(value.translate(COPY_ESCAPES))
            elif kind == "json":
                fields.append(json.dumps(value).translate(COPY_ESCAPES))
            elif value is REQUIRED:
                raise ValueError(f"{self.model.__name__}.{name} needs a value")
            elif value is True or value is False:
                fields.append("t" if value else "f")
            elif isinstance(value, datetime.date):
                fields.append(value.isoformat())
            else:
                fields.append(str(value))
        self.rows.append("\t".join(fields))
        self.count += 1

    def flush(self):
        if not self.rows:
            return
        with self.raw.cursor() as cursor, cursor.copy(self.sql) as copy:
            copy.write("\n".join(self.rows) + "\n")
        self.rows = []


# COPY's text format: backslash, tab and line ends escaped.
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def without_indexes(raw, tables: list[str]) -> list[str]:
    """Drops the secondary indexes and foreign keys of the tables, as a bulk load does, and
    returns the statements that make them again (run after the load: one sorted build per
    index instead of one insertion per row)."""
    with raw.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [tables],
        )
        foreign = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _ in foreign:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
    raw.commit() if not raw.autocommit else None
    return [definition for _, definition in indexes] + [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for table, name, definition in foreign
    ]


def history(model, record: dict, when, user_id, reason, kind="~") -> dict:
    return {
        **record,
        "history_date": when,
        "history_change_reason": reason,
        "history_type": kind,
        "history_user_id": user_id,
    }


def fill(total: int) -> dict:
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from rest_framework.authtoken.models import Token

    from reviews import roles
    from reviews.services import reports as report_services
    from reviews.services.ratings import rating_scale_ensure_default
    from reviews.services.users import roles_ensure

    started = time.monotonic()
    rng = random.Random(15)
    roles_ensure()
    ratings = list(rating_scale_ensure_default().ratings.order_by("position"))
    User = get_user_model()

    def person(name, role):
        user = User.objects.create_user(name, f"{name}@example.org", None)
        user.groups.add(Group.objects.get(name=role))
        return user

    reviewers = [person(f"scale-reviewer-{i}", roles.REVIEWER) for i in range(6)]
    editor = person("scale-editor", roles.EDITOR)
    approver = person("scale-editor-2", roles.EDITOR)

    articles = max(IN_FLIGHT_ARTICLES + 1, total // PER_ARTICLE)
    now = timezone.now()
    base = now - datetime.timedelta(minutes=articles * 10)
    raw = connection.connection
    if raw is None:
        connection.ensure_connection()
        raw = connection.connection
    sources_total = max(500, total // 20)

    HistoricalClaim, HistoricalVerdict = Claim.history.model, Verdict.history.model
    BULK = (
        Article,
        Claim,
        HistoricalClaim,
        Verdict,
        HistoricalVerdict,
        Source,
        Evidence,
        Comment,
        Notification,
    )
    with raw.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '256MB'")
    rebuild = without_indexes(raw, [m._meta.db_table for m in BULK])
    copiers = {model: Copier(raw, model, now) for model in BULK}
    for s in range(1, sources_total + 1):
        copiers[Source].write(
            id=s,
            url=f"https://stats.example.org/tables/{s}",
            canonical_url=f"https://stats.example.org/tables/{s}",
            title=f"Statistical table {s}: {rng.choice(NOUNS)} by region",
            publisher="Statistics Office",
            text=f"Table {s}. " + " ".join(rng.choice(NOUNS) for _ in range(80)),
            content_type="text/html",
            content_hash=hashlib.sha256(str(s).encode()).hexdigest(),
            fetch_status="fetched",
            fetched_at=base,
            added_by_id=reviewers[s % 6].pk,
        )

    claim_id = verdict_id = evidence_id = 0
    first_flight = articles - IN_FLIGHT_ARTICLES
    ids: dict = {"submitted_claims": [], "flight_articles": [], "done_articles": []}
    for a in range(articles):
        if a % 50 == 0:
            for copier in copiers.values():
                copier.flush()
        article_id = a + 1
        in_flight = a >= first_flight
        statuses = IN_FLIGHT if in_flight else DONE
        ingested = base + datetime.timedelta(minutes=a * 10)
        place = PLACES[a % len(PLACES)]
        sentences = []
        for i in range(PER_ARTICLE):
            n = rng.randrange(100, 2_000_000)
            sentence = (
                f"The {rng.choice(NOUNS)} {rng.choice(NOUNS)} in {place} {rng.choice(VERBS)} "
                f"{n:,} in {2000 + i % 25}, the {rng.choice(NOUNS)} office said"
            )
            if in_flight and i % 37 == 3:
                sentence += f", according to minister {SEARCH_WORD}"
            if in_flight and i % 41 == 5:
                sentence += f", drawing on the national {SEARCH_PHRASE}"
            sentences.append(sentence + ".")
        body = " ".join(sentences)
        title = f"{place}: the {rng.choice(NOUNS)} figures of week {a}"
        copiers[Article].write(
            id=article_id,
            title=title,
            url=f"https://news.example.org/{a}",
            outlet=OUTLETS[a % len(OUTLETS)],
            published=ingested.date(),
            body=body,
            body_hash=hashlib.sha256(body.encode()).hexdigest(),
            ingested_by_id=reviewers[a % 6].pk,
            ingested_at=ingested,
        )
        (ids["flight_articles"] if in_flight else ids["done_articles"]).append(article_id)
        start = 0
        for i, sentence in enumerate(sentences):
            claim_id += 1
            status = statuses[i]
            worked = status != ClaimStatus.UNREVIEWED
            assignee = None
            if worked or (in_flight and i % 2):
                assignee = reviewers[(a + i) % 6].pk
            changed = ingested + datetime.timedelta(minutes=1 + i % 9, seconds=i)
            claim = {
                "id": claim_id,
                "article_id": article_id,
                "start": start,
                "end": start + len(sentence),
                "text": sentence,
                "number": i + 1,
                "kind": "statistic" if i % 3 else "event",
                "speaker": f"minister {SEARCH_WORD}" if SEARCH_WORD in sentence else "",
                "quantities": [{"text": sentence.split(" ")[5], "unit": None}],
                "checkworthiness": round(rng.random(), 4),
                "checkworthy": True,
                "score_reasons": ["a number", "a named source"],
                "status": status,
                "assignee_id": assignee,
                "dismissed_reason": "Not a checkable claim." if status == "dismissed" else "",
                "reopen_reason": "A reader sent a newer table." if status == "reopened" else "",
                "version": 3 if worked else 1,
                "created_at": ingested,
                "updated_at": changed,
            }
            copiers[Claim].write(**claim)
            start += len(sentence) + 1
            if not worked:
                continue
            if status == ClaimStatus.SUBMITTED:
                ids["submitted_claims"].append(claim_id)
            copiers[HistoricalClaim].write(
                **history(Claim, {**claim, "status": "in_progress"}, ingested, assignee, "Taken")
            )
            copiers[HistoricalClaim].write(
                **history(Claim, claim, changed, assignee, f"Claim {status}")
            )
            if status == ClaimStatus.DISMISSED:
                continue
            author = assignee
            number = 1
            if status == ClaimStatus.APPROVED and i % 20 == 0:  # a correction: v1 superseded
                verdict_id += 1
                earlier = {
                    "id": verdict_id,
                    "claim_id": claim_id,
                    "number": 1,
                    "is_current": False,
                    "status": Verdict.Status.SUPERSEDED,
                    "rating_id": ratings[(i + 1) % len(ratings)].pk,
                    "rationale": RATIONALE.format(year=2020, n=i, m=i + 7),
                    "author_id": author,
                    "last_edited_by_id": author,
                    "approved_by_id": approver.pk,
                    "approved_at": changed,
                    "submitted_at": changed,
                    "created_at": ingested,
                    "updated_at": changed,
                }
                copiers[Verdict].write(**earlier)
                copiers[HistoricalVerdict].write(
                    **history(Verdict, earlier, changed, approver.pk, "Verdict approved")
                )
                number = 2
            verdict_id += 1
            vstatus = VERDICT_STATUS[status]
            approved = vstatus == Verdict.Status.APPROVED
            verdict = {
                "id": verdict_id,
                "claim_id": claim_id,
                "number": number,
                "is_current": True,
                "status": vstatus,
                "rating_id": ratings[i % len(ratings)].pk,
                "rationale": RATIONALE.format(year=2000 + i % 25, n=i * 13 + a, m=i * 11 + a),
                "confidence": 50 + i % 50,
                "author_id": author,
                "last_edited_by_id": author,
                "submitted_at": changed if vstatus != Verdict.Status.DRAFT else None,
                "approved_by_id": approver.pk if approved else None,
                "approved_at": changed if approved else None,
                "return_note": "Which table?" if vstatus == Verdict.Status.RETURNED else "",
                "correction_reason": "A newer table." if number > 1 else "",
                "version": 2,
                "created_at": ingested,
                "updated_at": changed,
            }
            copiers[Verdict].write(**verdict)
            copiers[HistoricalVerdict].write(
                **history(Verdict, {**verdict, "status": "draft"}, ingested, author, "", "+")
            )
            copiers[HistoricalVerdict].write(
                **history(Verdict, verdict, changed, author, f"Verdict {vstatus}")
            )
            for k in range(1 + (i % 3 == 0)):
                evidence_id += 1
                copiers[Evidence].write(
                    id=evidence_id,
                    claim_id=claim_id,
                    source_id=1 + (claim_id * 7 + k * 13) % sources_total,
                    stance=("supports", "refutes", "context")[(i + k) % 3],
                    quote=f"Table {claim_id}: {i * 13 + a:,} in total.",
                    added_by_id=author,
                    created_at=changed,
                )
            if in_flight and vstatus in (Verdict.Status.SUBMITTED, Verdict.Status.RETURNED):
                copiers[Comment].write(
                    claim_id=claim_id,
                    author_id=author,
                    body="The second table agrees; see the footnote.",
                    created_at=changed,
                )
                copiers[Notification].write(
                    recipient_id=author,
                    kind="returned" if vstatus == Verdict.Status.RETURNED else "comment",
                    message=f"Claim {claim_id} needs you",
                    claim_id=claim_id,
                    created_at=changed,
                )
    counts = {m.__name__: c.count for m, c in copiers.items()}
    for copier in copiers.values():
        copier.flush()
    with raw.cursor() as cursor:
        for statement in rebuild:
            cursor.execute(statement)
    with connection.cursor() as cursor:
        for model in (Article, Claim, Verdict, Source, Evidence):
            table = model._meta.db_table
            # The app's own table names, not input.
            sql = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: E501, S608
            cursor.execute(sql)
    filled = time.monotonic() - started

    # One published report, through the service (the public page reads it).
    report_article = Article.objects.get(pk=ids["done_articles"][-1])
    report_services.report_publish(article=report_article, actor=editor)
    with connection.cursor() as cursor:
        # As autovacuum leaves a table after a bulk load: statistics and the visibility map.
        cursor.execute("VACUUM ANALYZE")

    def session_for(user) -> str:
        store = SessionStore()
        store["_auth_user_id"] = str(user.pk)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        store["_auth_user_hash"] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    flight = ids["flight_articles"]
    return {
        "claims": claim_id,
        "rows": counts,
        "fill_seconds": round(filled, 1),
        "total_seconds": round(time.monotonic() - started, 1),
        "editor_session": session_for(editor),
        "reviewer_session": session_for(reviewers[0]),
        "editor_token": Token.objects.create(user=editor).key,
        "article_id": flight[len(flight) // 2],
        "claim_id": ids["submitted_claims"][len(ids["submitted_claims"]) // 2],
        "report_article_id": report_article.pk,
        "search_word": SEARCH_WORD,
        "search_phrase": SEARCH_PHRASE,
    }


def main() -> None:
    total = int(sys.argv[1])
    migrate_started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    result = fill(total)
    result["migrate_seconds"] = round(
        time.monotonic() - migrate_started - result["total_seconds"], 1
    )
    print("SCALE-FILL " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
