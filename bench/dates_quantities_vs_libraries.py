"""claimextract's date and quantity parsers beside dateparser and quantulum3, on the same
news sentences: what each finds, and how long it takes.

Run: .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/dates_quantities_vs_libraries.py

The sentences are the kind a desk checks: relative dates to resolve against the article's
publication day (Monday 10 January 2022), month names that are also English words ("may",
"march"), years that are labels rather than amounts ("the 2021 census"), counts of people
and troops with qualifiers ("as many as"), currencies, and a few Russian sentences. The
figures are quoted in docs/decisions/0003-own-date-and-quantity-parsers.md.
"""

from __future__ import annotations

import datetime
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimextract.dates import find_dates  # noqa: E402
from claimextract.quantities import find_quantities  # noqa: E402

PUBLISHED = datetime.date(2022, 1, 10)  # a Monday

DATE_SENTENCES = [
    # (language, sentence)
    ("en", "Russian troops arrived on Monday."),
    ("en", "The ministry may march on, and since January 2 the protests have spread."),
    ("en", "Prices rose by 12 percent last year, USA Today said so at 5 pm."),
    ("en", "The curfew will last until Jan. 19, officials said."),
    ("en", "Three days ago the president addressed the nation."),
    ("en", "The 2021 census counted 19 million people."),
    ("en", "Elections are due in March 2023, a year earlier than planned."),
    ("en", "On 5 January protesters stormed the mayor's office in Almaty."),
    ("en", "May Day rallies were banned in May 2021."),
    ("ru", "В понедельник в Алматы прибыли российские войска."),
    ("ru", "С 2 января протесты охватили весь Казахстан."),
    # Forward-looking dates, periods and ranges (docs/DATES.md).
    ("en", "The state of emergency will last until 19 February, officials said."),
    ("en", "Protests spread last week and voting runs between 1 and 5 March."),
    ("en", "Growth slowed from 2019 to 2021."),
    ("ru", "Режим ЧП продлится до 19 февраля, на прошлой неделе задержаны сотни."),
]

QUANTITY_SENTENCES = [
    ("en", "As many as 2,030 Russian troops arrived on Monday."),
    ("en", "The ministry reported that 7,939 people were detained."),
    ("en", "More than 2,000 people were injured, at least 164 were killed."),
    ("en", "Prices rose by 12 percent last year."),
    ("en", "The IMF approved a loan of $1.5 billion and 200 million tenge in aid."),
    ("en", "The 2021 census counted 19 million people."),
    ("en", "Liquefied gas now costs 120 tenge a litre, up from 60."),
    ("en", "The convoy covered 300 km in 5 hours at -25 °C."),
    ("en", "Two hundred soldiers and a dozen officers were sent."),
    ("ru", "Задержаны почти 8 тысяч человек, сообщило МВД."),
    ("ru", "Цены на газ выросли на 100%."),
]

RELATIVE_BASE = datetime.datetime.combine(PUBLISHED, datetime.time())


def timed(function: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def ours_dates(lang: str, sentence: str) -> list[str]:
    return [
        f"{m.text!r} -> {m.value}{'..' + m.end_value if m.end_value else ''} @{m.start}-{m.end}"
        for m in find_dates(sentence, published=PUBLISHED, lang=lang)
    ]


def ours_quantities(lang: str, sentence: str) -> list[str]:
    found = []
    for q in find_quantities(sentence, lang=lang):
        qualifier = f" [{q.qualifier}]" if q.qualifier else ""
        found.append(f"{q.text!r} -> {q.value} {q.unit or '-'}{qualifier} @{q.start}-{q.end}")
    return found


def dateparser_dates(
    search_dates: Callable[..., object], lang: str, sentence: str, *, prefer: str | None = None
) -> list[str]:
    settings: dict[str, object] = {"RELATIVE_BASE": RELATIVE_BASE}
    if prefer:
        settings["PREFER_DATES_FROM"] = prefer
    found = search_dates(sentence, languages=[lang], settings=settings)
    # search_dates returns (substring, datetime) pairs, or None; it gives no offsets.
    return [f"{text!r} -> {value.isoformat(sep=' ')}" for text, value in found or []]


def quantulum_quantities(parse: Callable[..., object], lang: str, sentence: str) -> list[str]:
    found = []
    for q in parse(sentence):
        unit = q.unit.name if q.unit.entity.name != "dimensionless" else "dimensionless"
        found.append(f"{q.surface!r} -> {q.value:g} {unit} @{q.span[0]}-{q.span[1]}")
    return found


def compare(
    title: str,
    sentences: list[tuple[str, str]],
    ours: Callable[[str, str], list[str]],
    theirs: Callable[[str, str], list[str]] | None,
    name: str,
    variant: tuple[str, Callable[[str, str], list[str]]] | None = None,
) -> tuple[float, float, float]:
    """Print both parsers' findings sentence by sentence; return the time each took over
    all sentences (ours; theirs on its first call; theirs warm). `variant` is the library
    with another setting, shown but not timed."""
    print(f"\n== {title} ==")
    ours_total = theirs_total = first_call = 0.0
    for index, (lang, sentence) in enumerate(sentences):
        print(f"\n[{lang}] {sentence}")
        mine, seconds = timed(lambda: ours(lang, sentence))  # noqa: B023 - called at once
        ours_total += seconds
        print(f"  claimextract: {'; '.join(mine) or '(nothing)'}")  # type: ignore[arg-type]
        if theirs is None:
            print(f"  {name}: (not installed: pip install -e '.[bench]')")
            continue
        if lang != "en" and name == "quantulum3":
            print(f"  {name}: (English only)")
            continue
        found, seconds = timed(lambda: theirs(lang, sentence))  # noqa: B023 - called at once
        if index == 0:
            first_call = seconds
        else:
            theirs_total += seconds
        print(f"  {name}: {'; '.join(found) or '(nothing)'}")  # type: ignore[arg-type]
        if variant:
            print(f"  {variant[0]}: {'; '.join(variant[1](lang, sentence)) or '(nothing)'}")
    return ours_total, first_call, theirs_total


def main() -> None:
    try:
        (search_dates, import_dp) = timed(lambda: __import__("dateparser.search").search)
        search_dates = search_dates.search_dates  # type: ignore[attr-defined]
    except ImportError:
        search_dates, import_dp = None, 0.0
    with warnings.catch_warnings():
        # Without its optional scikit-learn classifier quantulum3 warns once, then works.
        warnings.simplefilter("ignore")
        try:
            (quantulum, import_q) = timed(lambda: __import__("quantulum3.parser").parser)
            parse = quantulum.parse  # type: ignore[attr-defined]
        except ImportError:
            parse, import_q = None, 0.0

    dates = compare(
        "Dates (published Monday 2022-01-10)",
        DATE_SENTENCES,
        ours_dates,
        (lambda lang, s: dateparser_dates(search_dates, lang, s)) if search_dates else None,
        "dateparser",
        # The setting a news desk would reach for; it moves "on Monday" a week back.
        (
            "dateparser, PREFER_DATES_FROM=past",
            lambda lang, s: dateparser_dates(search_dates, lang, s, prefer="past"),
        )
        if search_dates
        else None,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantities = compare(
            "Quantities",
            QUANTITY_SENTENCES,
            ours_quantities,
            (lambda lang, s: quantulum_quantities(parse, lang, s)) if parse else None,
            "quantulum3",
        )

    print("\n== Time ==")
    rows = [
        ("dates", "claimextract.find_dates", 0.0, 0.0, dates[0], len(DATE_SENTENCES)),
        ("dates", "dateparser.search_dates", import_dp, dates[1], dates[2], len(DATE_SENTENCES)),
        ("quantities", "claimextract.find_quantities", 0.0, 0.0, quantities[0], 0),
        ("quantities", "quantulum3.parser.parse", import_q, quantities[1], quantities[2], 0),
    ]
    english_quantities = sum(1 for lang, _ in QUANTITY_SENTENCES if lang == "en")
    print(f"{'':10} {'parser':30} {'import':>8} {'1st call':>9} {'per sentence after':>19}")
    for kind, parser, imported, first, rest, count in rows:
        if "claimextract" in parser:
            n = count or len(QUANTITY_SENTENCES)
            per = rest / n
            print(f"{kind:10} {parser:30} {'-':>8} {'-':>9} {per * 1000:16.2f} ms")
        else:
            n = (count or english_quantities) - 1
            per = rest / n if n else 0.0
            print(f"{kind:10} {parser:30} {imported:7.2f}s {first:8.2f}s {per * 1000:16.2f} ms")


if __name__ == "__main__":
    main()
