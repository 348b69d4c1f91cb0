import json
from html.parser import HTMLParser

import pytest

from reviews.exports import claimreview
from tests.exports import claimreview_rules
from tests.exports.samples import claim, sample, snapshot


def test_one_claimreview_per_approved_claim_and_all_are_valid():
    reviews = claimreview.build(sample())
    assert [r["claimReviewed"] for r in reviews] == [
        "As many as 7,939 people had been detained during the violence.",
        "The CSTO mission of 2,030 troops would end with it.",
    ]
    assert claimreview_rules.validate(reviews) == []


def test_ordinal_rating_carries_value_and_the_scale_range():
    review = claimreview.build(sample())[0]
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly true",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
        "ratingExplanation": "Later figures put it at 9,900.",
    }


def test_label_outside_the_scale_is_textual_only():
    rating = claimreview.build(sample())[1]["reviewRating"]
    assert rating["alternateName"] == "Misleading"
    assert "ratingValue" not in rating and "bestRating" not in rating


def test_claimreview_describes_the_desk_the_claim_and_where_it_appeared():
    review = claimreview.build(sample())[0]
    assert review["url"] == "https://desk.example.org/reports/7/#claim-101"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Factcheck Desk",
        "url": "https://desk.example.org",
    }
    assert review["datePublished"] == "2022-01-12"
    item = review["itemReviewed"]
    assert item["author"] == {
        "@type": "Organization",
        "name": "Kazakh Ministry of Internal Affairs",
    }
    assert item["datePublished"] == "2022-01-10"
    assert item["appearance"]["url"] == "https://news.example.com/kazakhstan"
    assert item["appearance"]["headline"] == "Kazakhstan restores order"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Kassym-Jomart Tokayev", "Person"),
        ("Vladimir Putin", "Person"),
        ("Erlan Karin", "Person"),
        ("Kazakh Ministry of Internal Affairs", "Organization"),
        ("The National Security Committee", "Organization"),
        ("CSTO", "Organization"),
        ("the Government of Kazakhstan", "Organization"),
        ("UK Office for National Statistics", "Organization"),
    ],
)
def test_speaker_is_a_person_or_an_organization_by_name(name, kind):
    assert claimreview.speaker_type(name) == kind


def test_unattributed_claim_is_credited_to_the_article_outlet():
    review = claimreview.build(snapshot(claim(1, "Prices rose.")))[0]
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Factcheck demo"}


def _valid():
    return claimreview.build(sample())[0]


@pytest.mark.parametrize(
    ("break_it", "problem"),
    [
        (lambda r: r.pop("claimReviewed"), "claimReviewed: required"),
        (lambda r: r.pop("url"), "url: required, an absolute http(s) URL"),
        (lambda r: r.update(url="/reports/7/"), "url: required, an absolute http(s) URL"),
        (lambda r: r.pop("reviewRating"), "reviewRating: required"),
        (
            lambda r: r["reviewRating"].pop("alternateName"),
            "reviewRating.alternateName: required (the textual rating)",
        ),
        (
            lambda r: r["reviewRating"].update(ratingValue=9),
            "reviewRating.ratingValue: must lie between worstRating and bestRating",
        ),
        (
            lambda r: r["reviewRating"].pop("bestRating"),
            "reviewRating.bestRating: required with a numeric rating",
        ),
        (
            lambda r: r["reviewRating"].update(worstRating=0),
            "reviewRating.worstRating: must be at least 1",
        ),
        (lambda r: r.pop("author"), "author: recommended, a Person or Organization"),
        (lambda r: r["author"].pop("name"), "author.name: recommended"),
        (
            lambda r: r.update(datePublished="12/01/2022"),
            "datePublished: recommended, an ISO 8601 date",
        ),
        (lambda r: r.pop("itemReviewed"), "itemReviewed: recommended, a Claim"),
        (
            lambda r: r["itemReviewed"].pop("author"),
            "itemReviewed.author: recommended, a Person or Organization",
        ),
        (
            lambda r: r["itemReviewed"].pop("appearance"),
            "itemReviewed.appearance: recommended (where the claim appeared)",
        ),
        (lambda r: r.update({"@type": "Review"}), "@type: must be ClaimReview"),
    ],
)
def test_validator_reports_each_missing_or_wrong_field(break_it, problem):
    review = _valid()
    break_it(review)
    assert problem in claimreview_rules.validate(review)


def test_validator_refuses_an_empty_list():
    assert claimreview_rules.validate([]) == ["no ClaimReview"]


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self._attrs = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._attrs = dict(attrs)
            self.scripts.append((self._attrs, ""))

    def handle_data(self, data):
        if self._attrs is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._attrs = None


def test_a_claim_cannot_break_out_of_the_json_ld_script():
    payload = 'He said </script><script>alert("x")</script><!-- & "quoted" > ok'
    s = snapshot(claim(1, payload, speaker="</SCRIPT ><img src=x onerror=alert(1)>"))
    tag = claimreview.script_tag(s)
    for character in "<>&":
        assert character not in tag[len('<script type="application/ld+json">') : -len("</script>")]
    parser = _Scripts()
    parser.feed(tag)
    assert len(parser.scripts) == 1
    attrs, text = parser.scripts[0]
    assert attrs == {"type": "application/ld+json"}
    data = json.loads(text)
    assert data[0]["claimReviewed"] == payload
    assert data[0]["itemReviewed"]["author"]["name"] == "</SCRIPT ><img src=x onerror=alert(1)>"
