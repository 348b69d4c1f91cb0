import io
import json

import pytest
from django.core.management import CommandError, call_command

from reviews.models import Report
from tests.exports import claimreview_rules
from tests.reports.publishing import publish


def test_export_writes_the_stored_rendering_of_the_latest_version(
    tmp_path, article, claims, rate, editor
):
    rate(claims[0], "False")
    publish(article=article, actor=editor)
    rate(claims[1], "True")
    report = publish(article=article, actor=editor)
    out = tmp_path / "report.pdf"
    call_command(
        "export_report", article.pk, "--format", "pdf", "--out", str(out), stderr=io.StringIO()
    )
    assert out.read_bytes() == bytes(report.renderings.get(format="pdf").content)


def test_export_prints_a_text_format(article, claims, rate, editor):
    article.outlet = "Example News"
    article.save(update_fields=["outlet"])
    rate(claims[0], "False")
    publish(article=article, actor=editor)
    stdout = io.StringIO()
    call_command("export_report", article.pk, "--format", "claimreview", stdout=stdout)
    reviews = json.loads(stdout.getvalue())
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["False"]
    assert claimreview_rules.validate(reviews) == [
        "[0] itemReviewed.datePublished: recommended, an ISO 8601 date",
        "[0] itemReviewed.appearance.url: recommended, an absolute URL",
    ]  # the factory article has neither a date nor a URL


def test_export_of_an_earlier_version(article, claims, rate, editor):
    rate(claims[0], "False")
    publish(article=article, actor=editor)
    rate(claims[1], "True")
    publish(article=article, actor=editor)
    stdout = io.StringIO()
    call_command(
        "export_report", article.pk, "--format", "json", "--report-version", "1", stdout=stdout
    )
    assert json.loads(stdout.getvalue())["version"] == 1


def test_export_of_the_draft_needs_nothing_published(article, claims, rate, tmp_path):
    rate(claims[0], "False")
    out = tmp_path / "draft.md"
    call_command(
        "export_report",
        article.pk,
        "--format",
        "md",
        "--draft",
        "--out",
        str(out),
        stderr=io.StringIO(),
    )
    text = out.read_text()
    assert "Draft, not published." in text and "**False**" in text
    assert not Report.objects.exists()


def test_export_without_a_published_report_says_so(article):
    with pytest.raises(CommandError, match="has no published report"):
        call_command("export_report", article.pk, "--format", "html")


def test_export_of_an_unknown_article_says_so(db):
    with pytest.raises(CommandError, match="no article 999"):
        call_command("export_report", 999, "--format", "md", "--draft")
