"""The library never imports Streamlit: only app.py, pages/ and ui/ may (style.md, "pages stay thin")."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "kidsafe"
IMPORTERS = frozenset({"import_module", "__import__"})


def streamlit_imports(source: str) -> list[int]:
    """Line numbers where the source imports streamlit (any form, including importlib and __import__)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] if node.level == 0 else []
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            names = [str(node.args[0].value)] if called in IMPORTERS else []
        else:
            continue
        if any(name == "streamlit" or name.startswith("streamlit.") for name in names):
            lines.append(node.lineno)
    return lines


DETECTOR_CASES = [
    # (source, imports streamlit)
    ("import streamlit as st", True),
    ("import os, streamlit", True),
    ("from streamlit import session_state", True),
    ("from streamlit.testing.v1 import AppTest", True),
    ("def f():\n    import streamlit\n", True),
    ("try:\n    import streamlit\nexcept ImportError:\n    pass\n", True),
    ("import importlib\nimportlib.import_module('streamlit')", True),
    ("__import__('streamlit.components')", True),
    ("import streamlit_folium", False),
    ("from . import streamlit", False),  # a sibling module of that name, not the package
    ("# import streamlit\ntext = 'import streamlit'", False),
]


@pytest.mark.parametrize(("source", "imports"), DETECTOR_CASES)
def test_library_streamlit_detector_cases(source, imports):
    assert bool(streamlit_imports(source)) is imports


def test_library_sources_never_import_streamlit():
    files = sorted(LIBRARY.rglob("*.py"))
    assert len(files) > 5, "the library's modules should be found"
    found = [f"{f.relative_to(ROOT)}:{line}" for f in files for line in streamlit_imports(f.read_text("utf-8"))]
    assert not found, f"streamlit imported inside kidsafe/: {found}"


def test_library_import_does_not_load_streamlit():
    code = (
        "import importlib, pkgutil, sys, kidsafe\n"
        "for m in pkgutil.walk_packages(kidsafe.__path__, 'kidsafe.'):\n"
        "    if m.name != 'kidsafe.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "loaded = sorted(n for n in sys.modules if n == 'streamlit' or n.startswith('streamlit.'))\n"
        "print(len([n for n in sys.modules if n.startswith('kidsafe.')]), loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    count, loaded = done.stdout.split(" ", 1)
    assert int(count) > 5
    assert loaded.strip() == "[]", f"importing kidsafe loads streamlit: {loaded}"
