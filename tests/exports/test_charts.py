"""The SVG charts, read back as XML the way a browser would parse them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from reviews.exports.charts import (
    DEFAULT_COLOUR,
    Bar,
    bar_chart,
    column_chart,
    format_duration,
    format_value,
    histogram,
    safe_colour,
)

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    # The markup comes from our own renderer in this test, not from outside.
    return ET.fromstring(svg)  # noqa: S314


def bars_of(root: ET.Element) -> list[ET.Element]:
    return root.findall("svg:rect[@class='chart-bar']", NS)


def texts_of(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.findall("svg:text", NS)]


def test_bar_chart_is_an_accessible_svg_with_its_title():
    root = parse(bar_chart([Bar("True", 3)], title="Ratings"))

    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    title = root.find("svg:title", NS)
    assert title is not None and title.text == "Ratings"
    assert root.get("aria-labelledby") == title.get("id")


def test_bar_widths_are_proportional_to_values():
    root = parse(bar_chart([Bar("True", 3), Bar("False", 1), Bar("Half true", 0)], title="R"))

    widths = [float(rect.get("width")) for rect in bars_of(root)]
    assert len(widths) == 3
    assert widths[0] > 0
    assert widths[1] == pytest.approx(widths[0] / 3, abs=0.1)
    assert widths[2] == 0


def test_the_largest_bar_ends_before_its_printed_value_within_the_chart():
    root = parse(bar_chart([Bar("a", 2000), Bar("b", 1000)], title="R", width=400))

    largest = bars_of(root)[0]
    bar_end = float(largest.get("x")) + float(largest.get("width"))
    value = root.find("svg:text[@class='chart-value']", NS)
    assert value.text == "2,000"
    assert float(value.get("x")) >= bar_end
    assert float(value.get("x")) + len(value.text) * 7 <= 400


def test_labels_values_and_notes_are_printed():
    root = parse(bar_chart([Bar("Mostly true", 1204, note="12 %")], title="R", unit="claims"))

    texts = texts_of(root)
    assert "Mostly true" in texts
    assert "1,204 claims (12 %)" in texts


def test_labels_and_title_are_escaped():
    evil = "<script>alert(1)</script>"
    svg = bar_chart([Bar(evil, 1, note="<b>")], title=f"Ratings {evil}")

    assert "<script" not in svg
    assert "<b>" not in svg
    root = parse(svg)
    assert root.find(".//svg:script", NS) is None
    assert evil in texts_of(root)
    assert root.find("svg:title", NS).text == f"Ratings {evil}"


def test_no_style_attributes_and_no_scripts():
    svg = bar_chart([Bar("a", 1)], title="R") + column_chart([Bar("b", 2)], title="C")

    assert "style=" not in svg
    assert "script" not in svg.lower()


@pytest.mark.parametrize(
    ("colour", "expected"),
    [
        ("#0a0", "#0a0"),
        ("#00AA00", "#00AA00"),
        ("red", DEFAULT_COLOUR),
        ("#00aa00;fill:url(x)", DEFAULT_COLOUR),
        ('#000" onload="x', DEFAULT_COLOUR),
        ("#12345", DEFAULT_COLOUR),
        ("", DEFAULT_COLOUR),
    ],
)
def test_colours_other_than_hex_fall_back_to_the_default(colour, expected):
    assert safe_colour(colour) == expected
    root = parse(bar_chart([Bar("a", 1, colour=colour)], title="R"))
    assert bars_of(root)[0].get("fill") == expected


def test_an_empty_chart_says_no_data():
    root = parse(bar_chart([], title="Ratings"))

    assert bars_of(root) == []
    assert "No data" in texts_of(root)
    assert root.find("svg:title", NS).text == "Ratings"


def test_all_zero_values_draw_empty_bars_not_an_error():
    root = parse(bar_chart([Bar("a", 0), Bar("b", 0)], title="R"))

    assert [r.get("width") for r in bars_of(root)] == ["0", "0"]


def test_negative_and_nan_values_are_drawn_as_zero():
    root = parse(bar_chart([Bar("a", -5), Bar("b", float("nan")), Bar("c", 4)], title="R"))

    widths = [float(r.get("width")) for r in bars_of(root)]
    assert widths[:2] == [0, 0] and widths[2] > 0


def test_height_grows_with_the_number_of_bars():
    one = parse(bar_chart([Bar("a", 1)], title="R"))
    five = parse(bar_chart([Bar(str(i), i) for i in range(5)], title="R"))

    assert float(five.get("height")) > float(one.get("height"))


def test_charts_on_one_page_get_different_title_ids():
    first = parse(bar_chart([Bar("a", 1)], title="Ratings"))
    second = parse(bar_chart([Bar("a", 1)], title="Statuses"))

    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_column_heights_are_proportional_and_share_a_baseline():
    root = parse(column_chart([Bar("Mon", 4), Bar("Tue", 2), Bar("Wed", 0)], title="Per day"))

    rects = bars_of(root)
    heights = [float(r.get("height")) for r in rects]
    assert heights[1] == pytest.approx(heights[0] / 2, abs=0.1)
    assert heights[2] == 0
    bottoms = {round(float(r.get("y")) + float(r.get("height")), 1) for r in rects}
    assert len(bottoms) == 1
    xs = [float(r.get("x")) for r in rects]
    assert xs == sorted(xs)


def test_a_long_series_prints_only_some_labels_but_names_every_column():
    points = [Bar(f"2026-12-{day:02}", day) for day in range(1, 31)]
    root = parse(column_chart(points, title="Per day"))

    assert len(bars_of(root)) == 30
    printed = [t for t in texts_of(root) if t.startswith("2026-12-")]
    assert 1 < len(printed) < 30
    column_titles = [r.find("svg:title", NS).text for r in bars_of(root)]
    assert column_titles[-1] == "2026-12-30: 30"


def test_histogram_draws_one_column_per_bucket():
    root = parse(histogram([("< 1 h", 4), ("1–24 h", 2), ("> 1 d", 1)], title="Time"))

    assert [r.find("svg:title", NS).text for r in bars_of(root)] == [
        "< 1 h: 4",
        "1–24 h: 2",
        "> 1 d: 1",
    ]


def test_format_value():
    assert format_value(3) == "3"
    assert format_value(2.5) == "2.5"
    assert format_value(1204.0, "h") == "1,204 h"


def test_format_duration_uses_the_unit_a_reader_thinks_in():
    assert format_duration(None) == "–"
    assert format_duration(45 * 60) == "45 min"
    assert format_duration(3.5 * 3600) == "3.5 h"
    assert format_duration(2 * 86400) == "2 d"


def test_a_chart_without_a_visible_title_keeps_its_accessible_name_and_is_shorter():
    shown = parse(bar_chart([Bar("a", 1)], title="Ratings"))
    hidden = parse(bar_chart([Bar("a", 1)], title="Ratings", show_title=False))

    assert "Ratings" in texts_of(shown)
    assert "Ratings" not in texts_of(hidden)
    assert hidden.find("svg:title", NS).text == "Ratings"
    assert hidden.get("aria-labelledby") == hidden.find("svg:title", NS).get("id")
    assert float(hidden.get("height")) < float(shown.get("height"))
    assert float(bars_of(hidden)[0].get("y")) < float(bars_of(shown)[0].get("y"))
