"""Small server-rendered SVG charts: horizontal bars, columns for a series or a histogram.

Pure Python, no Django: each function takes plain values and returns one complete `<svg>`
element as a string, ready to be marked safe in a template. The desk's Content-Security-
Policy forbids inline scripts and `style=` attributes, so the charts use SVG presentation
attributes only (`fill`, `font-size`, `text-anchor`) and no script. Every label and number
is XML-escaped; a colour that is not `#rgb` or `#rrggbb` falls back to the default, so a
value from the database can never smuggle markup or CSS into an attribute.

A chart is a picture of numbers that the page also prints in a table beside it: the SVG
carries `role="img"` and a `<title>` for assistive technology, and the table is the
accessible copy of the figures.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

SVG_NS = "http://www.w3.org/2000/svg"
DEFAULT_COLOUR = "#4a6fa5"
TEXT_COLOUR = "#222222"
MUTED_COLOUR = "#666666"
AXIS_COLOUR = "#999999"
FONT_FAMILY = "system-ui, sans-serif"

_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

FONT_SIZE = 12
TITLE_SIZE = 14
# An average glyph of a proportional sans-serif font at FONT_SIZE is a little over half its
# size wide; the estimate only reserves room for labels, the browser does the real layout.
CHAR_WIDTH = 7.0
TITLE_HEIGHT = 28
ROW_HEIGHT = 24
BAR_HEIGHT = 16
GAP = 8
MIN_WIDTH = 200


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str = DEFAULT_COLOUR
    note: str = ""  # e.g. "12 %", printed after the value


def safe_colour(colour: str) -> str:
    """The colour itself if it is `#rgb` or `#rrggbb`, otherwise the default."""
    return colour if isinstance(colour, str) and _COLOUR.match(colour) else DEFAULT_COLOUR


def format_value(value: float, unit: str = "") -> str:
    """`3`, `2.5`, `1,204`; with the unit after a space when there is one."""
    number = _clean(value)
    text = f"{int(number):,}" if number == int(number) else f"{number:,.1f}"
    return f"{text} {unit}".rstrip() if unit else text


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    unit: str = "",
    width: int = 480,
    show_title: bool = True,
) -> str:
    """A horizontal bar chart: labels on the left, bars scaled to the largest value.

    `show_title=False` leaves the title out of the picture (a page heading already says
    it); it stays the chart's accessible name.
    """
    width = max(int(width), MIN_WIDTH)
    head = _head(show_title)
    if not bars:
        return _no_data(title, width, show_title)
    values = [_clean(bar.value) for bar in bars]
    largest = max(values)
    captions = [_caption(value, unit, bar.note) for value, bar in zip(values, bars, strict=True)]
    label_width = min(_text_width(max((b.label for b in bars), key=len)), width * 0.4)
    caption_width = _text_width(max(captions, key=len))
    bar_left = GAP + label_width + GAP
    bar_space = max(width - bar_left - GAP - caption_width - GAP, 20.0)
    height = head + len(bars) * ROW_HEIGHT + GAP

    body: list[str] = []
    for row, (bar, value, caption) in enumerate(zip(bars, values, captions, strict=True)):
        top = head + row * ROW_HEIGHT
        bar_top = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
        baseline = top + ROW_HEIGHT / 2 + FONT_SIZE * 0.35
        length = bar_space * value / largest if largest > 0 else 0.0
        body.append(
            _text(bar_left - GAP, baseline, _truncate(bar.label, label_width), anchor="end")
        )
        body.append(
            f'<rect class="chart-bar" x="{_n(bar_left)}" y="{_n(bar_top)}" '
            f'width="{_n(length)}" height="{BAR_HEIGHT}" fill="{safe_colour(bar.colour)}">'
            f"<title>{escape(bar.label)}: {escape(caption)}</title></rect>"
        )
        body.append(_text(bar_left + length + GAP / 2, baseline, caption, css="chart-value"))
    body.append(_axis(bar_left, head, bar_left, height - GAP))
    return _svg(title, width, height, body, show_title)


def column_chart(
    points: Sequence[Bar],
    *,
    title: str,
    unit: str = "",
    width: int = 480,
    height: int = 220,
    show_title: bool = True,
) -> str:
    """Vertical columns in the given order: a time series or the buckets of a histogram.

    Labels sit under the columns; when there are more columns than fit, only every n-th
    label is printed (each column's own `<title>` still names it).
    """
    width = max(int(width), MIN_WIDTH)
    height = max(int(height), 120)
    if not points:
        return _no_data(title, width, show_title)
    values = [_clean(point.value) for point in points]
    largest = max(values)
    left, right = GAP * 2, GAP * 2
    label_band = FONT_SIZE + GAP * 2
    value_band = FONT_SIZE + GAP
    plot_top = _head(show_title) + value_band
    plot_bottom = height - label_band
    plot_height = max(plot_bottom - plot_top, 10)
    slot = (width - left - right) / len(points)
    column_width = max(slot * 0.7, 1.0)
    widest_label = max(_text_width(point.label) for point in points)
    label_step = max(1, math.ceil((widest_label + GAP) / slot))
    print_values = _text_width(format_value(largest, unit)) <= slot

    body: list[str] = []
    for index, (point, value) in enumerate(zip(points, values, strict=True)):
        caption = _caption(value, unit, point.note)
        x = left + index * slot + (slot - column_width) / 2
        centre = x + column_width / 2
        column_height = plot_height * value / largest if largest > 0 else 0.0
        top = plot_bottom - column_height
        body.append(
            f'<rect class="chart-bar" x="{_n(x)}" y="{_n(top)}" width="{_n(column_width)}" '
            f'height="{_n(column_height)}" fill="{safe_colour(point.colour)}">'
            f"<title>{escape(point.label)}: {escape(caption)}</title></rect>"
        )
        if print_values and value > 0:
            body.append(
                _text(
                    centre,
                    top - GAP / 2,
                    format_value(value, unit),
                    anchor="middle",
                    css="chart-value",
                )
            )
        if index % label_step == 0:
            body.append(
                _text(
                    centre,
                    plot_bottom + GAP + FONT_SIZE * 0.7,
                    _truncate(point.label, slot * label_step),
                    anchor="middle",
                    colour=MUTED_COLOUR,
                )
            )
    body.append(_axis(left, plot_bottom, width - right, plot_bottom))
    return _svg(title, width, height, body, show_title)


def histogram(
    buckets: Sequence[tuple[str, int]],
    *,
    title: str,
    unit: str = "",
    width: int = 480,
    colour: str = DEFAULT_COLOUR,
    show_title: bool = True,
) -> str:
    """A histogram of counts per bucket (e.g. `("< 1 h", 4)`), as adjacent columns."""
    return column_chart(
        [Bar(label=label, value=count, colour=colour) for label, count in buckets],
        title=title,
        unit=unit,
        width=width,
        show_title=show_title,
    )


# --- building blocks -------------------------------------------------------------------


def _head(show_title: bool) -> int:
    return TITLE_HEIGHT if show_title else GAP


def _svg(title: str, width: int, height: float, body: list[str], show_title: bool) -> str:
    title_id = _chart_id(title, body)
    visible_title = (
        f'<text class="chart-title" x="{GAP}" y="{TITLE_SIZE + 4}" font-size="{TITLE_SIZE}" '
        f'font-weight="bold" fill="{TEXT_COLOUR}">{escape(title)}</text>'
        if show_title
        else ""
    )
    return (
        f'<svg xmlns="{SVG_NS}" class="chart" role="img" aria-labelledby="{title_id}" '
        f'width="{width}" height="{_n(height)}" viewBox="0 0 {width} {_n(height)}" '
        f'font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}">'
        f'<title id="{title_id}">{escape(title)}</title>' + visible_title + "".join(body) + "</svg>"
    )


def _no_data(title: str, width: int, show_title: bool) -> str:
    head = _head(show_title)
    height = head + ROW_HEIGHT + GAP
    message = _text(
        width / 2,
        head + ROW_HEIGHT / 2 + 4,
        "No data",
        anchor="middle",
        colour=MUTED_COLOUR,
        css="chart-empty",
    )
    return _svg(title, width, height, [message], show_title)


def _chart_id(title: str, body: list[str]) -> str:
    # Several charts share a page: the id that ties the <svg> to its <title> must differ
    # between them, and stay the same between renders of the same chart.
    digest = hashlib.sha256("\n".join([title, *body]).encode()).hexdigest()[:10]
    return f"chart-{digest}"


def _text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "start",
    colour: str = TEXT_COLOUR,
    css: str = "",
) -> str:
    css_attr = f" class={quoteattr(css)}" if css else ""
    return (
        f'<text{css_attr} x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{colour}">'
        f"{escape(content)}</text>"
    )


def _axis(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )


def _caption(value: float, unit: str, note: str) -> str:
    caption = format_value(value, unit)
    return f"{caption} ({note})" if note else caption


def _clean(value: float) -> float:
    """A number a chart can draw: not negative, not NaN, not infinite."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    if math.isnan(number) or math.isinf(number) or number < 0:
        return 0.0
    return number


def _text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _truncate(text: str, room: float) -> str:
    fits = max(int(room // CHAR_WIDTH), 2)
    return text if len(text) <= fits else text[: fits - 1].rstrip() + "…"


def _n(number: float) -> str:
    """A coordinate with at most one decimal, so the markup stays short and stable."""
    rounded = round(float(number), 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def format_duration(seconds: float | None) -> str:
    """A wait in the unit a reader thinks in: `45 min`, `3.5 h`, `2.1 d`; `–` for none."""
    if seconds is None:
        return "–"
    seconds = max(float(seconds), 0.0)
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 86400:
        return f"{_one_decimal(seconds / 3600)} h"
    return f"{_one_decimal(seconds / 86400)} d"


def _one_decimal(number: float) -> str:
    rounded = round(number, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"
