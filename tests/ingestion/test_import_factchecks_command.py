"""`import_factchecks` and `match_claims`, end to end on files the tests write."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reviews.management.commands import import_factchecks
from reviews.models import FactCheck

pytestmark = pytest.mark.django_db

VCLAIMS = [
    {
        "vclaim_id": "vclaim-anaconda",
        "vclaim": "A viral video shows a 10-meter-long anaconda swimming across a river in Brazil.",
        "title": "Does Video Show a 10-Meter-Long Anaconda?",
        "subtitle": "The anaconda is one of the largest snakes in the world.",
        "author": "Dan Evon",
        "date": "6 March 2021",
    },
    {
        "vclaim_id": "vclaim-fries",
        "vclaim": "McDonald's restaurants are offering $1 Any Size Fries between May 18 and 31.",
        "title": "$1 McDonald's Any Size Fries",
        "subtitle": "Rumor: McDonald's restaurants are offering $1 Any Size Fries.",
        "author": "David Mikkelson",
        "date": "26 May 2015",
    },
]

FEED = {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    "dataFeedElement": [
        {
            "@type": "DataFeedItem",
            "item": {
                "@type": "ClaimReview",
                "url": "https://checks.example/army-draft-texts",
                "claimReviewed": "The U.S. Army is texting people that they were drafted.",
                "headline": "No, the Army is not texting draft notices",
                "author": {"@type": "Organization", "name": "Example Checks"},
                "reviewRating": {"@type": "Rating", "alternateName": "False"},
                "datePublished": "2020-01-08",
            },
        },
        {"@type": "DataFeedItem", "item": {"@type": "ClaimReview", "url": "https://x.example/"}},
    ],
}


@pytest.fixture(autouse=True)
def words_only(settings):
    # The commands' plumbing is under test here; the encoder has its own tests.
    settings.FACTCHECK_MATCHING_DENSE = False


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def vclaims(tmp_path):
    path = tmp_path / "vclaims.jsonl"
    path.write_text("\n".join(json.dumps(v) for v in VCLAIMS) + "\n", encoding="utf-8")
    return path


def test_a_json_lines_file_is_imported_and_summarised(vclaims):
    out, err = run("import_factchecks", str(vclaims), "--publisher", "Snopes")
    assert "(jsonl): 2 created, 0 updated, 0 unchanged, 0 not imported" in out
    assert err == ""
    assert set(FactCheck.objects.values_list("publisher", "identifier")) == {
        ("Snopes", "vclaim-anaconda"),
        ("Snopes", "vclaim-fries"),
    }


def test_importing_a_file_again_changes_nothing(vclaims):
    run("import_factchecks", str(vclaims), "--publisher", "Snopes")
    out, _ = run("import_factchecks", str(vclaims), "--publisher", "Snopes")
    assert "0 created, 0 updated, 2 unchanged" in out
    assert FactCheck.objects.count() == 2


def test_bad_records_are_listed_with_their_lines_and_the_good_ones_imported(tmp_path, vclaims):
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(FEED, indent=2), encoding="utf-8")
    items = [n for n, line in enumerate(feed.read_text().splitlines(), 1) if line == "    {"]
    broken_line = items[1] + 2  # the second feed item's `"item": {`
    out = io.StringIO()
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 record"):
        call_command("import_factchecks", str(vclaims), str(feed), stdout=out, stderr=err)
    assert "feed.json (claimreview): 1 created, 0 updated, 0 unchanged, 1 not imported" in (
        out.getvalue()
    )
    assert f"feed.json:{broken_line}: no claim text" in err.getvalue()
    army = FactCheck.objects.get(identifier="https://checks.example/army-draft-texts")
    assert (army.publisher, army.rating) == ("Example Checks", "False")
    assert FactCheck.objects.count() == 3


def test_a_csv_file_is_imported_by_its_header(tmp_path):
    path = tmp_path / "checks.csv"
    path.write_text(
        "id,claim,title,rating,url,date\n"
        "c1,The moon is cheese.,Moon cheese?,False,https://checks.example/moon,2021-03-06\n"
        "c2,,Empty,False,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        run("import_factchecks", str(path), "--publisher", "Example Checks")
    stored = FactCheck.objects.get()
    assert (stored.identifier, stored.title, stored.rating) == ("c1", "Moon cheese?", "False")


def test_a_missing_file_stops_before_anything_is_imported(vclaims, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run("import_factchecks", str(vclaims), str(tmp_path / "missing.jsonl"))
    assert FactCheck.objects.count() == 0


def test_a_large_file_shows_a_progress_bar_on_stderr(tmp_path, monkeypatch):
    monkeypatch.setattr(import_factchecks, "PROGRESS_MIN_RECORDS", 3)
    path = tmp_path / "many.jsonl"
    path.write_text(
        "\n".join(json.dumps({"vclaim_id": f"v{i}", "vclaim": f"Claim {i}."}) for i in range(5)),
        encoding="utf-8",
    )
    out, err = run("import_factchecks", str(path))
    assert "[##############################] 5/5" in err
    assert "5 created" in out


# --- match_claims -------------------------------------------------------------------------


def test_claims_are_matched_best_first_as_json(vclaims, tmp_path):
    run("import_factchecks", str(vclaims), "--publisher", "Snopes")
    queries = tmp_path / "queries.tsv"
    queries.write_text(
        "q1\tHuge anaconda swimming across a river in Brazil pic.twitter.com/x\n"
        '"q2"\t"McDonald\'s: ""$1 fries of any size"" until May 31"\n'
        "\n"
        "no tab on this line\n",
        encoding="utf-8",
    )
    out, err = run("match_claims", str(queries), "--top", "2")
    matches = json.loads(out)["matches"]
    assert list(matches) == ["q1", "q2"]
    assert matches["q1"][0]["id"] == "vclaim-anaconda"
    assert matches["q1"][0]["title"] == "Does Video Show a 10-Meter-Long Anaconda?"
    assert matches["q2"][0]["id"] == "vclaim-fries"
    for hits in matches.values():
        assert len(hits) <= 2
        assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert "queries.tsv:4: expected 'id<TAB>text', skipped" in err


def test_matching_against_an_empty_archive_gives_empty_lists(tmp_path):
    queries = tmp_path / "queries.tsv"
    queries.write_text("q1\tAnything\n", encoding="utf-8")
    out, _ = run("match_claims", str(queries))
    assert json.loads(out) == {"matches": {"q1": []}}


def test_match_claims_refuses_a_missing_file():
    with pytest.raises(CommandError, match="No such file"):
        run("match_claims", "/nonexistent/queries.tsv")
