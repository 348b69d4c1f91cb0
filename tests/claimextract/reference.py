"""The reference article: a real news story kept in ../shared/articles beside the checkout.

CI always has ../shared next to its clone, so there a missing file is a failure; a
contributor's fresh clone has no ../shared, and the tests that need it skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ARTICLE = SHARED / "articles" / "000_6ae13aeb8dba0d37.txt"


def read_shared(path: Path = ARTICLE) -> str:
    """The text of a file under ../shared; skips the test without it, fails it under CI."""
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI always has ../shared beside the checkout")
        pytest.skip(f"{path} is not available (../shared is not beside this checkout)")
    return path.read_text(encoding="utf-8")
