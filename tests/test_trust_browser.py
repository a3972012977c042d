"""The running app in headless Chromium: hostile text stays text, and two visitors never see each other's posts.

One `streamlit run app.py` on a free loopback port serves the module. Needs Debian's chromium at
/usr/bin/chromium (skipped without it, failed without it when CI is set).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.served_app import upload_file
from tests.test_trust_html import HOSTILE_ID, OCR_LINES, PAYLOADS, PHOTO_NAMES, hostile_feed

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AUDIT_TIMEOUT_MS = 300_000
#: Another family's posts: (id, posted, caption, EXIF date taken, GPS or None).
OTHER_FAMILY = (
    ("1", "2024-03-02 10:00", "Sports day for Ilsabet at Quenford Infants", "2024:03:02 10:00:00", None),
    ("2", "2024-04-06 10:00", "Ilsabet turns 6 today! 🎂", "2024:04:06 10:00:00", (53.8, -1.55)),
)


def upload(page, url: str, path: Path) -> None:
    upload_file(page, url, path)
    page.get_by_role("heading", name="The family").wait_for(timeout=AUDIT_TIMEOUT_MS)


def go(page, title: str, heading: str) -> None:
    """Open a page from the sidebar (same session), and wait for its title."""
    page.get_by_role("link", name=title).first.click()
    page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)


def injected(page) -> list[str]:
    """Elements on the page that only a payload read as HTML or Markdown could have made."""
    checks = {
        "img src=x": "img[src='x'], img[src$='/x']",
        "javascript link": "a[href^='javascript' i]",
        "tracker image": "img[src*='tracker.example']",
        "link from a caption": "a:has-text('click me'), a:has-text('tap'), a:has-text('pic')",
        "raw <b>": "b",
        "web address made a link": "a[href*='example.com' i]",  # GitHub Markdown links a bare www. or https://
    }
    found = [name for name, selector in checks.items() if page.locator(selector).count()]
    if page.evaluate("[...document.scripts].some(s => s.textContent.includes('alert('))"):
        found.append("script from a caption")
    return found


def test_browser_hostile_text_is_shown_as_text_and_never_runs(app_url, browser, tmp_path):
    path = tmp_path / "family <img src=x onerror=alert(13)>.zip"
    path.write_bytes(hostile_feed())
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        upload(page, app_url, path)
        for why in page.get_by_text(re.compile(r"^Why\?")).all():
            why.click()  # open every evidence list
        for text in (PAYLOADS[0], PAYLOADS[1], PAYLOADS[2], OCR_LINES[0]):
            page.get_by_text(text, exact=False).filter(visible=True).first.wait_for(timeout=30_000)  # as typed
        assert page.get_by_text(HOSTILE_ID).count() == 0  # posts are named by date and words, never by their id
        problems = {"dossier": injected(page)}
        page.get_by_text("What went wrong with each file").first.click()
        page.get_by_text(PHOTO_NAMES[4]).first.wait_for(state="attached", timeout=30_000)
        for title, heading in (("Fix it", "Fix it"), ("Where and when", "Where and when"),
                               ("Workshop mode", "Workshop mode")):
            go(page, title, heading)
            page.wait_for_load_state("networkidle")  # thumbnails and charts drawn
            problems[title] = injected(page)
        start = page.get_by_text(re.compile(r"^Workshop: step 0 of")).first
        start.wait_for(timeout=30_000)
        total = int(re.search(r"of (\d+)", start.inner_text())[1])  # not the button's state: it lags a redraw
        for step in range(1, total + 1):
            page.get_by_role("button", name="Next").click()
            page.get_by_text(re.compile(f"^Workshop: step {step} of")).first.wait_for(timeout=30_000)
        problems["workshop, every step"] = injected(page)
        assert not any(problems.values()), problems
        assert not dialogs, f"a payload ran as code: {dialogs}"
    finally:
        context.close()


def test_browser_two_visitors_never_see_each_other(app_url, browser, app_feed, tmp_path):
    mine, theirs = tmp_path / "mine.zip", tmp_path / "theirs.zip"
    mine.write_bytes(app_feed())
    theirs.write_bytes(app_feed(posts=OTHER_FAMILY))
    a, b, c = (browser.new_context(viewport={"width": 1300, "height": 2000}) for _ in range(3))
    try:
        pa, pb, pc = a.new_page(), b.new_page(), c.new_page()
        upload(pa, app_url, mine)
        upload(pb, app_url, theirs)
        for page, own, other in ((pa, "Maya", "Ilsabet"), (pb, "Ilsabet", "Maya")):
            page.get_by_role("heading", name=own, exact=True).wait_for(timeout=30_000)
            assert page.get_by_text(other).count() == 0
        pc.goto(f"{app_url}/dossier")
        pc.get_by_text("Nothing loaded yet").wait_for(timeout=60_000)
        assert pc.get_by_text("Maya").count() == 0 and pc.get_by_text("Ilsabet").count() == 0
        pb.get_by_role("button", name="Forget everything").click()  # one visitor forgets ...
        pb.get_by_text("Nothing loaded yet").wait_for(timeout=30_000)
        go(pa, "Fix it", "Fix it")  # ... the other keeps their own posts
        go(pa, "The stranger's dossier", "The stranger's dossier")
        pa.get_by_role("heading", name="Maya", exact=True).wait_for(timeout=30_000)
        assert pa.get_by_text("Ilsabet").count() == 0
    finally:
        for context in (a, b, c):
            context.close()


def test_browser_injection_checks_see_injected_markup(browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.set_content("<p><img src='x' onerror='alert(1)'><a href='javascript:alert(2)'>click me</a><b>b</b>"
                         "<img src='http://tracker.example/p.png'><a href='http://www.example.com'>www.example.com</a>"
                         "</p><script>alert(3)</script>")
        assert set(injected(page)) == {"img src=x", "javascript link", "tracker image", "script from a caption",
                                       "link from a caption", "raw <b>", "web address made a link"}
        assert dialogs, "a payload that runs is seen"
    finally:
        page.close()


def test_browser_a_first_visit_straight_to_a_page_runs_through_the_app(browser, tmp_path):
    """A freshly started server serves pages/ on its own until app.py's navigation has run: a first visit straight
    to /workshop (a health visitor's bookmark) still gets the app's menu, sidebar and page."""
    from tests.served_app import served_app

    with served_app(tmp_path / "streamlit.log", home=tmp_path) as (url, _proc):
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        try:
            page = context.new_page()
            page.goto(f"{url.rstrip('/')}/workshop")
            page.get_by_role("heading", name="Workshop mode").first.wait_for(timeout=60_000)
            page.get_by_role("button", name="Forget everything").first.wait_for(timeout=30_000)  # app.py's sidebar
            links = page.locator("[data-testid=stSidebarNav] a").all_inner_texts()
            assert any("Workshop mode" in t for t in links) and not any(t.strip() == "workshop" for t in links), links
        finally:
            context.close()
