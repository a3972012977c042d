"""Every page runs on its own under AppTest with nothing loaded: an info for the user, never an exception."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
#: Pages that show a dossier: with nothing loaded they say so.
NEEDS_DATA = ("pages/dossier.py", "pages/where_when.py", "pages/fix.py", "pages/workshop.py", "pages/safe_share.py")


def test_pages_smoke_every_page_is_listed():
    assert set(NEEDS_DATA) <= set(PAGES)
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert all(f'"{page}"' in app for page in PAGES), "every page file is routed by st.navigation in app.py"


@pytest.mark.parametrize("page", PAGES)
def test_pages_smoke_runs_with_no_data(page):
    at = AppTest.from_file(str(ROOT / page), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"
    if page in NEEDS_DATA:
        assert at.info, f"{page} says what to do when nothing is loaded"


def test_pages_smoke_app_opens_on_the_load_page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert any(b.label == "Try the demo family" for b in at.button)
    assert any(b.label == "Forget everything" for b in at.sidebar.button)
