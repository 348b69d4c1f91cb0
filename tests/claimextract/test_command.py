"""`manage.py extract_claims`: the JSON contract other tools depend on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "fixtures" / "demo_article.txt"
CLAIM_KEYS = {
    "index",
    "text",
    "start",
    "end",
    "kind",
    "headline",
    "checkworthiness",
    "checkworthy",
    "speaker",
    "quantities",
    "dates",
    "reasons",
}


def run(*args: str, stdin: str | None = None, env_extra: dict | None = None):
    import os

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "factcheck.settings"}
    # No database: the command must not need one, so point it at one that does not exist.
    env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "manage.py", "extract_claims", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_prints_the_claims_contract_as_json_without_a_database():
    result = run(str(DEMO), "--published", "2022-01-10")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    claims = payload["claims"]
    assert claims and set(payload) == {"claims"}
    body = DEMO.read_text(encoding="utf-8")
    for i, claim in enumerate(claims):
        assert set(claim) == CLAIM_KEYS
        assert claim["index"] == i
        assert body[claim["start"] : claim["end"]] == claim["text"]
        assert isinstance(claim["checkworthy"], bool)
        for q in claim["quantities"]:
            assert set(q) == {"text", "value", "unit", "qualifier"}
        for d in claim["dates"]:
            assert set(d) == {"text", "value"}
    troops = next(c for c in claims if "2,030" in c["text"])
    assert {"text": "2,030 troops", "value": 2030, "unit": "troops", "qualifier": None} in (
        troops["quantities"]
    )
    monday = next(c for c in claims if "on Monday" in c["text"])
    assert {"text": "on Monday", "value": "2022-01-10"} in monday["dates"]


def test_reads_standard_input_and_splits_by_lines():
    result = run("-", "--units", "lines", stdin="First line. Still first.\n\nSecond line\n")
    assert result.returncode == 0, result.stderr
    texts = [c["text"] for c in json.loads(result.stdout)["claims"]]
    assert texts == ["First line. Still first.", "Second line"]


def test_text_format_prints_one_claim_per_line():
    result = run("-", "--format", "text", stdin="Prices rose 12 percent in 2021. Thanks.")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2 and "Prices rose 12 percent" in lines[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/file.txt"], "No such file"),
        (["-", "--published", "10/01/2022"], "YYYY-MM-DD"),
    ],
)
def test_bad_arguments_get_a_clear_error(args, message):
    result = run(*args, stdin="")
    assert result.returncode != 0
    assert message in result.stderr


def test_binary_input_is_refused(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\xff\xfe\x00\x01binary")
    result = run(str(path))
    assert result.returncode != 0
    assert "not UTF-8" in result.stderr


PAGE = """<!doctype html><html><head><title>Troops land in Almaty | Example News</title>
<meta property="og:title" content="Troops land in Almaty">
<meta property="article:published_time" content="2022-01-10T08:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Troops land in Almaty</h1>
<p>Officials said 2,030 troops arrived on Monday to guard key sites in the city.</p>
<p>The ministry reported that 7,939 people had been detained during the unrest.</p>
<p>Markets stayed closed for the third day as the curfew continued across the region.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def test_several_files_give_one_document_each_and_pages_go_through_ingest(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(PAGE, encoding="utf-8")
    result = run(str(DEMO), str(page), "--published", "2022-01-12")
    assert result.returncode == 0, result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert [d["path"] for d in documents] == [str(DEMO), str(page)]
    assert set(documents[1]) == {"path", "title", "published", "claims"}
    story = documents[1]
    assert story["title"] == "Troops land in Almaty"
    assert story["published"] == "2022-01-12"  # the command's date wins over the page's
    texts = [c["text"] for c in story["claims"]]
    assert "Officials said 2,030 troops arrived on Monday to guard key sites in the city." in texts
    assert not any("<" in t or "Home" in t or "Copyright" in t for t in texts)
    for claim in story["claims"]:
        assert set(claim) == CLAIM_KEYS
    # Monday before 12 January 2022, read as the page's reader reads it.
    monday = next(c for c in story["claims"] if "2,030 troops" in c["text"])
    assert {"text": "on Monday", "value": "2022-01-10"} in monday["dates"]
    assert documents[0]["claims"] and documents[0]["title"]


def test_a_page_takes_its_date_from_its_metadata(tmp_path):
    page = tmp_path / "story.htm"
    page.write_text(PAGE, encoding="utf-8")
    result = run(str(page), str(page))
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)["documents"][0]
    assert first["published"] == "2022-01-10"
