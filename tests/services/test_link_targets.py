"""Links in what the desk writes (rationales, comments, evidence quotes and notes) may only
point to http, https or mailto addresses: the exports carry this text, and a `javascript:`
link is a script in whatever renders it. A refused save stores nothing."""

from __future__ import annotations

import pytest

from reviews.errors import ReviewError
from reviews.models import Comment, Evidence, Verdict
from reviews.services.comments import comment_add
from reviews.services.evidence import evidence_add
from tests.scenes import write

pytestmark = pytest.mark.django_db

ALLOWED = "Links may only point to http, https or mailto addresses"
HOSTILE = [
    ("See [the figures](javascript:alert(1)).", "javascript:alert(1)"),
    ("![chart](data:image/svg+xml;base64,PHN2Zz4=)", "data:image/svg+xml;base64,PHN2Zz4="),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript:msgbox(1)"),
    ("[ref]: JaVaScRiPt:alert(1)\n\nSee [ref].", "JaVaScRiPt:alert(1)"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "&#106;avascript:alert(1)"),
    ("<javascript:alert(1)>", "javascript:alert(1)"),
]
FINE = (
    "See [the ministry](https://gov.example/a), <http://example.org/b>, "
    "[ask us](mailto:desk@example.org) and ![chart](https://example.org/c.png)."
)


@pytest.mark.parametrize(("text", "target"), HOSTILE)
def test_rationale_with_a_script_link_is_refused(claim, reviewer, ratings, text, target):
    with pytest.raises(ReviewError) as refused:
        write(claim, reviewer, ratings["true"], rationale=text)
    assert refused.value.code == "invalid"
    assert refused.value.fields == {"rationale": "unsafe link"}
    assert "rationale" in refused.value.message
    assert f"{ALLOWED}: {target}" in refused.value.message
    assert not Verdict.objects.exists()


def test_updating_a_rationale_to_a_script_link_keeps_the_saved_one(claim, reviewer, ratings):
    verdict = write(claim, reviewer, ratings["true"], rationale=FINE)
    with pytest.raises(ReviewError, match=f"{ALLOWED}: javascript:alert\\(1\\)"):
        write(
            claim,
            reviewer,
            ratings["false"],
            rationale="[x](javascript:alert(1))",
            expected_version=verdict.version,
        )
    verdict.refresh_from_db()
    assert (verdict.rationale, verdict.rating) == (FINE, ratings["true"])


def test_rationale_with_http_https_and_mailto_links_is_saved(claim, reviewer, ratings):
    verdict = write(claim, reviewer, ratings["true"], rationale=FINE)
    verdict.refresh_from_db()
    assert verdict.rationale == FINE


def test_every_bad_target_is_named_once(claim, reviewer, ratings):
    text = "[a](javascript:one()) [b](javascript:one()) [c](data:text/html,two)"
    with pytest.raises(ReviewError) as refused:
        write(claim, reviewer, ratings["true"], rationale=text)
    assert refused.value.message.endswith(f"{ALLOWED}: javascript:one(), data:text/html,two")


@pytest.mark.parametrize(("text", "target"), HOSTILE)
def test_comment_with_a_script_link_is_refused(claim, reviewer, text, target):
    with pytest.raises(ReviewError) as refused:
        comment_add(claim=claim, actor=reviewer, body=text)
    assert refused.value.fields == {"body": "unsafe link"}
    assert "comment" in refused.value.message
    assert f"{ALLOWED}: {target}" in refused.value.message
    assert not Comment.objects.exists()


def test_comment_with_safe_links_is_saved(claim, reviewer):
    comment = comment_add(claim=claim, actor=reviewer, body=FINE)
    assert Comment.objects.get(pk=comment.pk).body == FINE


@pytest.mark.parametrize("field", ["quote", "note"])
def test_evidence_quote_or_note_with_a_script_link_is_refused(claim, reviewer, field):
    with pytest.raises(ReviewError) as refused:
        evidence_add(
            claim=claim,
            actor=reviewer,
            url="https://gov.example/a",
            stance="supports",
            **{field: 'Read <a href="javascript:alert(1)">this</a>'},
        )
    assert refused.value.fields == {field: "unsafe link"}
    assert f"The {field} " in refused.value.message
    assert f"{ALLOWED}: javascript:alert(1)" in refused.value.message
    assert not Evidence.objects.exists()


def test_evidence_with_safe_links_is_saved(claim, reviewer):
    evidence = evidence_add(
        claim=claim,
        actor=reviewer,
        url="https://gov.example/a",
        stance="supports",
        quote=FINE,
        note="[More](https://gov.example/b)",
    )
    evidence.refresh_from_db()
    assert (evidence.quote, evidence.note) == (FINE, "[More](https://gov.example/b)")
