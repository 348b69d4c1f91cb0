"""Our segmenter (and pysbd) on the Pragmatic Segmenter "golden rules" as pySBD ships them.

Run:
    .venv/bin/python bench/segmentation_golden.py --rules DIR [--show-failures]
    .venv/bin/python bench/segmentation_golden.py --download   # English rules from PyPI

The rules are third-party text and are not part of this repository: they are read at run
time. DIR (or the environment variable SEGMENTATION_GOLDEN_RULES) is searched
recursively for pySBD's test files `test_english.py` and `test_russian.py` (its
`tests/lang/` folder) and for `english_golden_rules.py`, which pySBD's source
distribution on PyPI ships under `benchmarks/`. `--download` fetches that source
distribution with pip into a temporary folder; it holds the English rules only.

The files are parsed with `ast`, never imported or executed: every list literal of
`(text, expected sentences)` pairs (or `pytest.param(text, expected, ...)`) assigned at
module level is a set of rules. A rule passes when the units equal the expected
sentences, both trimmed of surrounding whitespace.
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimextract.segment import split_units  # noqa: E402

ENV_VAR = "SEGMENTATION_GOLDEN_RULES"
SDIST = "pysbd==0.3.3"  # the newest pysbd release with a source distribution on PyPI
FILES = {
    "en": ("test_english.py", "english_golden_rules.py"),
    "ru": ("test_russian.py",),
}

Rule = tuple[str, list[str]]
Segmenter = Callable[[str, str], list[str]]


def load_rules(path: Path) -> list[Rule]:
    """The (text, expected) pairs of every module-level list literal in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rules: list[Rule] = []
    for node in tree.body:
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.List):
            continue
        for item in node.value.elts:
            rule = _rule(item)
            if rule is not None:
                rules.append(rule)
    return rules


def _rule(node: ast.expr) -> Rule | None:
    if isinstance(node, ast.Call):  # pytest.param(text, expected, marks=...)
        args = node.args
    elif isinstance(node, ast.Tuple):
        args = node.elts
    else:
        return None
    if len(args) != 2:
        return None
    try:
        text, expected = ast.literal_eval(args[0]), ast.literal_eval(args[1])
    except ValueError:
        return None
    if not isinstance(text, str) or not isinstance(expected, list):
        return None
    return text, [str(sentence) for sentence in expected]


def find_rules(folder: Path) -> dict[str, tuple[Path, list[Rule]]]:
    found: dict[str, tuple[Path, list[Rule]]] = {}
    for lang, names in FILES.items():
        for name in names:  # the first name found wins: the test file over the benchmark
            paths = sorted(folder.rglob(name))
            if paths:
                found[lang] = (paths[0], load_rules(paths[0]))
                break
    return found


def download(into: Path) -> Path:
    """pySBD's source distribution from PyPI, unpacked into `into`."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", SDIST, "--no-binary", ":all:", "--no-deps"]
        + ["--quiet", "-d", str(into)],
        check=True,
    )
    for archive in into.glob("pysbd-*.tar.gz"):
        with tarfile.open(archive) as tar:
            tar.extractall(into, filter="data")
    return into


def ours(text: str, lang: str) -> list[str]:
    return [text[u.start : u.end] for u in split_units(text, lang=lang)]


def pysbd_segmenter() -> Segmenter | None:
    try:
        import pysbd
    except ImportError:
        return None
    by_lang = {lang: pysbd.Segmenter(language=lang, clean=False, char_span=False) for lang in FILES}

    def segment(text: str, lang: str) -> list[str]:
        return [s.strip() for s in by_lang[lang].segment(text) if s.strip()]

    return segment


def evaluate(segment: Segmenter, lang: str, rules: list[Rule]) -> list[tuple[str, list, list]]:
    failures = []
    for text, expected in rules:
        got = segment(text, lang)
        if got != [sentence.strip() for sentence in expected]:
            failures.append((text, expected, got))
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=Path, help=f"folder with the rule files (or ${ENV_VAR})")
    parser.add_argument("--download", action="store_true", help=f"fetch {SDIST} from PyPI")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.rules or (Path(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else None)
        if args.download:
            folder = download(Path(scratch))
        if folder is None:
            parser.error(f"give --rules DIR, set {ENV_VAR} or pass --download")
        found = find_rules(folder)
    if not found:
        sys.exit(f"no golden-rule files under {folder}")

    systems: dict[str, Segmenter] = {"ours": ours}
    other = pysbd_segmenter()
    if other is None:
        print("pysbd: not installed")
    else:
        systems["pysbd"] = other
    print(f"{'rules':<34}" + "".join(f"{name:>8}" for name in systems))
    report = []
    for lang, (path, rules) in found.items():
        row = ""
        for name, segment in systems.items():
            failures = evaluate(segment, lang, rules)
            row += f"{len(rules) - len(failures):>8}"
            report += [(name, lang, *failure) for failure in failures]
        print(f"{lang + ' (' + path.name + ')':<34}{row}   of {len(rules)}")
    if args.show_failures:
        for name, lang, text, expected, got in report:
            print(f"\n[{name}/{lang}] {text!r}\n  expected {expected}\n  got      {got}")


if __name__ == "__main__":
    main()
