"""What a reader of each format sees of a claim's wording, its speaker, the ratings chart, a
missing confidence and the corrections log's "added" entries (hand-made snapshots)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

from reviews.exports import claimreview, csv_export, html, json_export, pdf
from reviews.exports import markdown as markdown_export
from reviews.exports.snapshot import CorrectionEntry, ReportSnapshot, ScaleRating
from tests.exports import claimreview_rules
from tests.exports.samples import SCALE, claim, sample, snapshot
from tests.exports.test_formats import XSS, pdf_text

SENTENCE = "Globally there are 1.6 million cases, officials said."
WORDING = "As of 10 April 2020 there were 1.6 million confirmed Covid-19 cases worldwide."


def reworded() -> ReportSnapshot:
    return snapshot(
        claim(11, WORDING, article_text=SENTENCE),
        claim(12, "Prices rose by 12 percent.", article_text="Prices rose by 12 percent."),
    )


def section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


# --- J6: the desk's wording is no quotation ----------------------------------------------


def test_html_shows_a_rewording_as_the_desks_and_quotes_only_the_articles_sentence():
    page = html.render(reworded()).decode()
    card = section(page, "claim-111")
    assert "Claim as the desk states it" in card
    assert f'<p class="fc-claim-text fc-paraphrase">{WORDING}</p>' in card
    assert "The article’s text" in card
    assert f"“{SENTENCE}”" in card
    assert f"“{WORDING}" not in page  # the wording is never put in quotation marks


def test_html_shows_an_unchanged_claim_once_in_quotation_marks_without_labels():
    card = section(html.render(reworded()).decode(), "claim-112")
    assert card.count("Prices rose by 12 percent.") == 1
    assert "“Prices rose by 12 percent.”" in card
    assert "desk states it" not in card and "article’s text" not in card


def test_markdown_labels_the_rewording_and_quotes_the_article():
    text = markdown_export.render(reworded()).decode()
    claim11 = text[text.index("### Claim 11") : text.index("### Claim 12")]
    assert "**Claim as the desk states it:** As of 10 April 2020" in claim11
    assert "**The article’s text:**" in claim11
    assert "> Globally there are 1.6 million cases, officials said." in claim11
    assert "> As of" not in claim11
    claim12 = text[text.index("### Claim 12") :]
    assert "desk states it" not in claim12 and "> Prices rose by 12 percent." in claim12


def test_pdf_labels_the_rewording_and_quotes_the_article():
    text = pdf_text(pdf.render(reworded())).lower()  # the labels are set in capitals
    assert f"claim as the desk states it {WORDING} the article’s text “{SENTENCE}”".lower() in text


def test_claimreview_reviews_the_desks_wording_and_csv_and_json_carry_both():
    (first, _) = claimreview.build(reworded())
    assert first["claimReviewed"] == WORDING
    rows = list(csv.DictReader(io.StringIO(csv_export.render(reworded()).decode("utf-8-sig"))))
    assert (rows[0]["claim"], rows[0]["article_text"]) == (WORDING, SENTENCE)
    data = json.loads(json_export.render(reworded()))
    assert (data["claims"][0]["text"], data["claims"][0]["article_text"]) == (WORDING, SENTENCE)


def test_a_snapshot_from_before_the_articles_text_was_kept_shows_the_claim_as_before():
    old = ReportSnapshot.from_dict(
        {**reworded().to_dict(), "claims": [{**reworded().to_dict()["claims"][1]}]}
    )
    data = old.to_dict()
    del data["claims"][0]["article_text"]
    card = section(html.render(ReportSnapshot.from_dict(data)).decode(), "claim-112")
    assert "“Prices rose by 12 percent.”" in card and "desk states it" not in card


# --- J7: the speaker's role --------------------------------------------------------------


def with_role() -> ReportSnapshot:
    return snapshot(
        claim(1, "Unemployment fell.", speaker="Ana Lima", speaker_role="Labour minister"),
        claim(2, "Taxes rose.", speaker="Finance Ministry", speaker_role="the government"),
        claim(3, "Rents fell.", speaker="Bo Chen"),
    )


def test_speaker_column_and_claim_say_name_and_role():
    page = html.render(with_role()).decode()
    summary = page[page.index('class="fc-summary"') : page.index("</table>")]
    assert "<td>Ana Lima, Labour minister</td>" in summary
    assert "<td>Bo Chen</td>" in summary
    assert "Said by Ana Lima, Labour minister" in section(page, "claim-101")
    text = markdown_export.render(with_role()).decode()
    assert "| 1 | Unemployment fell. | Ana Lima, Labour minister | **False** |" in text
    rows = list(csv.DictReader(io.StringIO(csv_export.render(with_role()).decode("utf-8-sig"))))
    assert [(r["speaker"], r["speaker_role"]) for r in rows][:2] == [
        ("Ana Lima", "Labour minister"),
        ("Finance Ministry", "the government"),
    ]


def test_claimreview_gives_a_person_speaker_their_job_title():
    person, organisation, plain = (
        r["itemReviewed"]["author"] for r in claimreview.build(with_role())
    )
    assert person == {"@type": "Person", "name": "Ana Lima", "jobTitle": "Labour minister"}
    # schema.org has no jobTitle for an Organization: its role is its description.
    assert organisation == {
        "@type": "Organization",
        "name": "Finance Ministry",
        "description": "the government",
    }
    assert plain == {"@type": "Person", "name": "Bo Chen"}
    assert claimreview_rules.validate(claimreview.build(with_role())) == []


# --- J13: no confidence stated, none printed ---------------------------------------------


def test_a_verdict_without_confidence_prints_none_in_any_format():
    s = snapshot(claim(1, "Unemployment fell.", confidence=None))
    page = html.render(s).decode()
    assert "confidence" not in section(page, "claim-101").lower()
    assert "Reviewed by Rita Reviewer; approved by Erin Editor on 12 January 2022." in page
    assert "confidence" not in markdown_export.render(s).decode().lower()
    assert "confidence" not in pdf_text(pdf.render(s)).lower()
    (row,) = csv.DictReader(io.StringIO(csv_export.render(s).decode("utf-8-sig")))
    assert row["confidence"] == ""
    assert json.loads(json_export.render(s))["claims"][0]["confidence"] is None


def test_a_stated_confidence_of_zero_is_printed():
    s = snapshot(claim(1, "Unemployment fell.", confidence=0))
    assert "confidence 0%" in html.render(s).decode()


# --- J22: stable numbers and added claims ------------------------------------------------


def numbered() -> ReportSnapshot:
    """Claim 4 was added before claims 1 and 2 in version 2."""
    added = CorrectionEntry(
        claim_id=104,
        claim_number=4,
        claim_text="Exports doubled.",
        old_rating="",
        new_rating="True",
        date="2022-02-03",
        version=2,
    )
    return snapshot(
        claim(4, "Exports doubled.", rating="True", rating_slug="true", rating_value=5),
        claim(1, "Unemployment fell."),
        claim(2, "Taxes rose."),
        corrections=(added,),
        version=2,
    )


def test_every_format_numbers_claims_by_their_own_number_not_their_position():
    s = numbered()
    page = html.render(s).decode()
    assert re.findall(r"<h3>Claim (\d+)", page) == ["4", "1", "2"]
    assert re.findall(r"<tr><td>(\d+)</td>", page) == ["4", "1", "2"]
    text = markdown_export.render(s).decode()
    assert re.findall(r"^### Claim (\d+)", text, re.M) == ["4", "1", "2"]
    assert re.findall(r"^\| (\d+) \|", text, re.M) == ["4", "1", "2"]
    rows = list(csv.DictReader(io.StringIO(csv_export.render(s).decode("utf-8-sig"))))
    assert [r["claim_number"] for r in rows] == ["4", "1", "2"]
    assert [c["number"] for c in json.loads(json_export.render(s))["claims"]] == [4, 1, 2]
    assert re.findall(r"Claim (\d) [A-Z]", pdf_text(pdf.render(s)))[:3] == ["4", "1", "2"]


def test_the_log_says_when_a_claim_was_added_in_every_format_but_claimreview():
    s = numbered()
    message = "Claim 4 (“Exports doubled.”) added on 3 February 2022."
    assert s.corrections[0].message == message
    assert message in html.render(s).decode()
    assert message in pdf_text(pdf.render(s))
    assert markdown_export.text(message) in markdown_export.render(s).decode()
    rows = list(csv.DictReader(io.StringIO(csv_export.render(s).decode("utf-8-sig"))))
    assert [r["corrections"] for r in rows] == [message, "", ""]
    assert json.loads(json_export.render(s))["corrections"][0]["message"] == message
    # A ClaimReview first published in version 2 was not corrected: it says so by its date.
    reviews = claimreview.build(s)
    assert all("correction" not in r and "dateModified" not in r for r in reviews)


# --- J21: definitions of the ratings -----------------------------------------------------


def test_the_scale_table_shows_each_ratings_meaning():
    page = html.render(sample()).decode()
    scale = page[page.index('class="fc-scale"') :]
    assert "<tr><td>False</td><td>1</td><td>Not accurate.</td></tr>" in scale
    assert "| False | 1 | Not accurate. |" in markdown_export.render(sample()).decode()


# --- the ratings chart --------------------------------------------------------------------


def chart_of(page: str) -> ET.Element:
    svg = re.search(r'<section class="fc-chart".*?(<svg.*?</svg>)', page, re.S).group(1)
    return ET.fromstring(svg)  # noqa: S314 - our own renderer's output


def charted() -> ReportSnapshot:
    false = dict(rating="False", rating_slug="false", rating_value=1)
    true = dict(rating="True", rating_slug="true", rating_value=5, rating_color="#1a7f37")
    return snapshot(
        claim(1, "A.", **false),
        claim(2, "B.", **true),
        claim(3, "C.", **false),
        claim(4, "D.", **false, approved=False),  # pending: not counted
        draft=True,
        version=None,
    )


def test_html_report_opens_with_a_chart_of_the_approved_ratings_in_scale_order():
    page = html.render(charted()).decode()
    assert page.index('class="fc-chart"') < page.index('id="fc-summary-heading"')
    root = chart_of(page)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    labels = ["".join(t.itertext()) for t in root.findall("svg:text", ns)]
    # True comes before False on the scale; the pending claim is not counted.
    assert labels == ["True", "1", "False", "2"]
    bars = root.findall("svg:rect[@class='chart-bar']", ns)
    assert [b.get("fill") for b in bars] == ["#1a7f37", "#cf222e"]
    assert float(bars[1].get("width")) == 2 * float(bars[0].get("width"))
    assert "3 approved claims. True: 1 · False: 2." in page


def test_the_chart_is_in_the_pdf_and_absent_without_approved_claims():
    assert "3 approved claims. True: 1 · False: 2." in pdf_text(pdf.render(charted()))
    nothing = snapshot(claim(1, "A.", approved=False), draft=True, version=None)
    assert 'class="fc-chart"' not in html.render(nothing).decode()


def test_the_chart_escapes_labels_checks_colours_and_references_nothing():
    evil = ScaleRating(XSS, "evil", None, "", 'red" onload="alert(1)')
    s = snapshot(
        claim(1, "A.", rating=XSS, rating_slug="evil", rating_value=None),
        scale=SCALE.__class__(name="Evil", ratings=(evil,)),
    )
    page = html.render(s).decode()
    chart = page[page.index('<section class="fc-chart"') :]
    chart = chart[: chart.index("</section>")]
    assert "<script" not in chart and "<img" not in chart and "onload" not in chart
    assert "&lt;script&gt;" in chart
    root = chart_of(page)  # still well-formed XML
    assert not [e for e in root.iter() if any(a.endswith("href") for a in e.attrib)]
    assert "url(" not in chart and "style=" not in chart
