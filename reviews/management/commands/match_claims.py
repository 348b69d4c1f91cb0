from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from reviews.services.factchecks import factcheck_matches_many


def unquote(text: str) -> str:
    """A TSV field as spreadsheets write it: wrapped in quotes, inner quotes doubled."""
    text = text.strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text


class Command(BaseCommand):
    help = (
        "Match claims against the archive of imported fact-checks. QUERIES.tsv holds one "
        "claim a line, 'id<TAB>text' ('-' reads standard input); prints "
        '{"matches": {"<id>": [{"id", "score", "title"}, ...]}}, best first.'
    )

    def add_arguments(self, parser):
        parser.add_argument("queries", metavar="QUERIES.tsv")
        parser.add_argument("--top", type=int, default=5, help="Matches per claim (default 5).")

    def handle(self, *args, queries, top, **options):
        if top < 1:
            raise CommandError("--top must be at least 1.")
        try:
            if queries == "-":
                lines = sys.stdin.read().splitlines()
            else:
                with open(queries, encoding="utf-8-sig") as handle:
                    lines = handle.read().splitlines()
        except FileNotFoundError:
            raise CommandError(f"No such file: {queries}") from None
        ids, texts = [], []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            query_id, tab, text = line.partition("\t")
            if not tab or not query_id.strip() or not text.strip():
                self.stderr.write(f"{queries}:{number}: expected 'id<TAB>text', skipped")
                continue
            ids.append(unquote(query_id))
            texts.append(unquote(text))
        ranked = factcheck_matches_many(texts=texts, top_k=top)
        output = {
            query_id: [
                {
                    "id": match.factcheck.identifier,
                    "score": round(match.score, 4),
                    "title": match.factcheck.title,
                }
                for match in matches
            ]
            for query_id, matches in zip(ids, ranked, strict=True)
        }
        self.stdout.write(json.dumps({"matches": output}, ensure_ascii=False))
