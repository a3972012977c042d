"""docs/EXPORTS.md names, for every layout, tests that exist (a renamed test would leave the page lying)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "EXPORTS.md"
#: `test_file.py::test_name` or `test_file.py::…[param]`, then `::test_name` shorthands for the same file.
REF_RE = re.compile(r"`(?:(test_\w+\.py))?(?:::(test_\w+|…)(?:\[[\w-]+\])?)?`")


def test_docs_exports_every_named_test_exists():
    named: list[tuple[str, str]] = []
    for row in PAGE.read_text(encoding="utf-8").splitlines():
        current = None
        for file, test in REF_RE.findall(row):
            current = file or current
            if current and test and test != "…":
                named.append((current, test))
    assert len(named) > 20
    missing = [(f, t) for f, t in named if f"def {t}(" not in (ROOT / "tests" / f).read_text(encoding="utf-8")]
    assert missing == []


def test_docs_exports_every_layout_fixture_is_listed():
    page = PAGE.read_text(encoding="utf-8")
    from tests.test_ingest_layouts import LAYOUTS

    assert all(f"[{layout}]" in page for layout in LAYOUTS)
