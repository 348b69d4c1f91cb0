"""No export carries a script link, even one stored before links were checked at save."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

import markdown
import pytest

from reviews.exports import FORMATS
from reviews.markdown import neutralise_unsafe_links, unsafe_links
from tests.exports.samples import sample

HOSTILE = [
    "[click](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "![pixel](data:image/svg+xml;base64,PHN2Zz4=)",
    "[x](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "[ref]: javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    "<img src=data:text/html,hi>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_disguise_of_a_script_link_is_found_and_neutralised(text):
    assert unsafe_links(text), text
    cleaned = neutralise_unsafe_links(text)
    assert unsafe_links(cleaned) == []
    # Rendered by any Markdown program (here without a sanitiser), no link is left.
    rendered = markdown.markdown(cleaned).lower()
    for scheme in ("javascript", "data", "vbscript"):
        assert not re.search(rf"(href|src)=[\"']?[^\"'>]*{scheme}", rendered), rendered


def test_web_and_mail_links_are_kept_as_written():
    text = (
        "See [the ministry](https://gov.example/report?a=1&b=(2)) and "
        "<mailto:desk@example.org>, or [ref][1].\n\n[1]: http://example.org/x"
    )
    assert unsafe_links(text) == []
    assert neutralise_unsafe_links(text) == text


def test_a_label_survives_as_plain_text():
    assert neutralise_unsafe_links("Read [the source](javascript:alert(1)) here.") == (
        "Read the source here."
    )


def hostile_snapshot():
    report = sample()
    claim = report.claims[0]
    evidence = dataclasses.replace(
        claim.evidence[0] if claim.evidence else None,
        url="javascript:alert(2)",
        note="[n](javascript:alert(3))",
        quote="<a href='data:text/html,x'>q</a>",
    )
    hostile = dataclasses.replace(
        claim, rationale="True, see [this](javascript:alert(1)).", evidence=(evidence,)
    )
    return dataclasses.replace(report, claims=(hostile, *report.claims[1:]))


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "claimreview", "html"])
def test_no_export_format_carries_a_script_link(fmt):
    content = FORMATS[fmt].module.render(hostile_snapshot()).decode()
    assert "javascript:" not in content.lower()
    assert "data:text/html" not in content.lower()
    assert "True, see this." in content or fmt == "claimreview"


def test_the_csv_and_json_exports_still_parse_after_neutralising():
    report = hostile_snapshot()
    rows = list(csv.DictReader(io.StringIO(FORMATS["csv"].module.render(report).decode())))
    assert rows
    data = json.loads(FORMATS["json"].module.render(report))
    assert "javascript:" not in json.dumps(data)


def test_a_stored_snapshot_is_neutralised_when_read_back():
    stored = hostile_snapshot().to_dict()
    stored["claims"][0]["rationale"] = "[x](javascript:alert(1))"
    again = type(hostile_snapshot()).from_dict(stored)
    assert again.claims[0].rationale == "x"
