"""What a parent and a workshop room see, in headless Chromium at a desktop, a projector and a phone.

Screenshots of the dossier, the Fix page, every workshop step and the one-page handout are written to
the folder named by KIDSAFE_ARTEFACTS (else a pytest temporary folder, printed at the end); they are
test artefacts, never committed. Needs Debian's chromium at /usr/bin/chromium (see tests/served_app.py).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from tests.served_app import upload_file

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DEMO_TIMEOUT_MS = 600_000  # the first demo audit reads every photo (OCR, faces, nudity) on shared cores
VIEWPORTS = {"desktop": (1440, 900), "projector": (1366, 768), "phone": (390, 844)}
#: A latitude or longitude as a machine writes it ("53.9830", "-1.52900").
COORDINATES = re.compile(r"-?\b\d{1,3}\.\d{3,}\b")
#: A photo or export file's name ("IMG_20240310_085500.jpg", "395885165_5602_n.jpg").
FILE_NAME = re.compile(r"\b[\w.-]+\.(?:jpe?g|png|heic|heif|webp|gif|mp4|json|csv)\b", re.IGNORECASE)
STAGE = ".st-key-kidsafe_stage"
SIDEBAR = "[data-testid=stSidebar]"
#: A function, run in the page, that lists the text below WCAG AA contrast (4.5:1, or 3:1 for large text).
AA_CONTRAST = (Path(__file__).parent / "aa_contrast.js").read_text(encoding="utf-8").split("\n", 1)[1]


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory) -> Path:
    folder = os.environ.get("KIDSAFE_ARTEFACTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("ui-artefacts")
    path.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots in {path}")
    return path


#: A phone's browser as Streamlit recognises one (it folds the sidebar after a page is chosen on a phone).
PHONE = {"user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/124.0 Mobile Safari/537.36", "is_mobile": True, "has_touch": True}


def new_page(browser, viewport: str):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  **(PHONE if viewport == "phone" else {}))
    return context, context.new_page()


def load_demo(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Try the demo family").click(timeout=60_000)
    page.get_by_role("heading", name="The family").wait_for(timeout=DEMO_TIMEOUT_MS)
    settle(page)


def settle(page) -> None:
    """Wait until Streamlit has finished the run (no 'running' indicator) and images have loaded."""
    page.wait_for_timeout(400)
    page.locator("[data-testid=stStatusWidget]").wait_for(state="hidden", timeout=120_000)
    page.wait_for_function("Array.from(document.images).every(i => i.complete)", timeout=60_000)


def go(page, title: str, heading: str) -> None:
    """Open a page from the sidebar (same session; on a phone, unfolding it first), and wait for its title."""
    link = page.get_by_role("link", name=title).first
    if page.evaluate(f"document.querySelector('{SIDEBAR}').getBoundingClientRect().right <= 0"):  # folded
        page.locator("[data-testid=stExpandSidebarButton]").click()
        page.wait_for_function(f"document.querySelector('{SIDEBAR}').getBoundingClientRect().left >= 0")
        page.wait_for_timeout(500)  # the sidebar slides in
    link.click()
    page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
    settle(page)


def full_screenshot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the window is made as tall as its content."""
    size = page.viewport_size
    tall = page.evaluate("Math.max(...Array.from(document.querySelectorAll('[data-testid=stMain], "
                         "[data-testid=stMain] *')).map(e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": min(max(tall, size["height"]), 20_000)})
    settle(page)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def visible_text(page) -> str:
    return page.locator("section.stMain, [data-testid=stMain]").first.inner_text()


def assert_plain(text: str, where: str) -> None:
    assert not COORDINATES.findall(text), f"{where}: coordinates in visible text: {COORDINATES.findall(text)[:5]}"
    # posts.csv is the name of the format the parent wrote (the load page asks for it), not an export's file
    names = [n for n in FILE_NAME.findall(text) if n != "posts.csv"]
    assert not names, f"{where}: file names in visible text: {names[:5]}"


def assert_contrast(page, where: str) -> None:
    low = page.evaluate(AA_CONTRAST)
    assert not low, f"{where}: text below AA contrast: {low[:5]}"


#: The words of the focused control: its own text, its aria-label, or its label's (a checkbox or toggle).
FOCUSED_LABEL = """(e => !e ? '' : e.innerText || e.getAttribute('aria-label')
                         || (e.closest('label') ? e.closest('label').innerText : ''))(document.activeElement)"""


def assert_reachable_by_keyboard(page, label: str, presses: int = 60) -> None:
    """Tab from the top of the page until the control with this label has the focus."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(presses):
        page.keyboard.press("Tab")
        if label in page.evaluate(FOCUSED_LABEL):
            return
    pytest.fail(f"{label!r} cannot be reached with the Tab key")


def assert_images_described(page, where: str) -> None:
    for img in page.locator("[data-testid=stMain] img").all():
        alt = img.get_attribute("alt") or ""
        assert alt.strip(), f"{where}: an image without alt text"
        assert not FILE_NAME.search(alt), f"{where}: alt text is a file name: {alt}"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_ui_dossier_in_plain_words(app_url, browser, artefacts, viewport):
    context, page = new_page(browser, viewport)
    try:
        load_demo(page, app_url)
        whys = page.get_by_text(re.compile(r"^Why\?")).all()
        if viewport == "desktop":  # every fact's evidence opened: the posts are named by date and words too
            for why in whys:
                why.click()
            settle(page)
        full_screenshot(page, artefacts / f"dossier-{viewport}.png")
        assert_plain(visible_text(page), f"dossier at {viewport}")
        assert_images_described(page, f"dossier at {viewport}")
        assert_contrast(page, f"dossier at {viewport}")
        if viewport == "phone":
            box = page.locator("[data-testid=stSidebar]").bounding_box()
            assert box is None or box["x"] + box["width"] <= 1, f"the sidebar starts folded on a phone: {box}"
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS["phone"][0] + 1, f"the page scrolls sideways on a phone ({width} px)"
    finally:
        context.close()


#: Pages opened from the sidebar: (link and title, a control the keyboard must reach, screenshot name).
PAGES = {"fix": ("Fix it", "Take the school out of", "fix"),
         "where-when": ("Where and when", "Details: the map positions", "where-when")}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGES))
def test_ui_page_in_plain_words(app_url, browser, artefacts, name, viewport):
    title, control, shot = PAGES[name]
    context, page = new_page(browser, viewport)
    try:
        load_demo(page, app_url)
        go(page, title, title)
        full_screenshot(page, artefacts / f"{shot}-{viewport}.png")
        assert_plain(visible_text(page), title)
        assert_images_described(page, title)
        assert_contrast(page, title)
        assert_reachable_by_keyboard(page, control)
    finally:
        context.close()


def wait_step(page, n: int) -> None:
    page.get_by_text(re.compile(rf"Workshop: step {n} of \d+")).first.wait_for(timeout=60_000)
    settle(page)


def assert_in_viewport(page, selector: str, what: str) -> None:
    height = page.viewport_size["height"]
    for element in page.locator(selector).all():
        box = element.bounding_box()
        assert box is not None, f"{what}: not shown"
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{what} is outside the screen: {box}"


def test_ui_workshop_every_step_fits_a_projector(app_url, browser, artefacts, tmp_path):
    context, page = new_page(browser, "projector")
    try:
        load_demo(page, app_url)
        go(page, "Workshop mode", "Workshop mode")
        wait_step(page, 0)
        total = int(re.search(r"of (\d+)", page.get_by_text(re.compile(r"Workshop: step")).first.inner_text())[1])
        assert total > 10
        assert_reachable_by_keyboard(page, "Next")
        page.get_by_text("Presenter notes").click()
        settle(page)
        page.evaluate("document.activeElement && document.activeElement.blur()")  # keys go to the page
        for n in range(total + 1):
            if n:
                page.keyboard.press("ArrowRight")  # the keyboard moves the reveal on, as a clicker does
                wait_step(page, n)
            page.screenshot(path=str(artefacts / f"workshop-step-{n:02d}.png"))
            assert_in_viewport(page, f"{STAGE} h2", f"step {n}'s new fact")
            assert_in_viewport(page, f"{STAGE} img", f"step {n}'s picture")
            if 0 < n < total:
                assert page.locator(f"{STAGE} img").count() + page.get_by_text("(photo cannot be shown)").count(), \
                    f"step {n} shows the picture that leaked it"
            if n == total:
                assert_in_viewport(page, f"{STAGE} li", "a habit")
                assert page.locator(f"{STAGE} li").count() == 5
            assert_plain(visible_text(page), f"workshop step {n}")
            assert_images_described(page, f"workshop step {n}")
            assert_contrast(page, f"workshop step {n}")
        page.keyboard.press("ArrowLeft")
        wait_step(page, total - 1)
        with page.expect_download() as download:
            page.get_by_role("button", name=re.compile("One-page handout")).click()
        handout = tmp_path / "take-home.html"
        download.value.save_as(handout)
    finally:
        context.close()
    check_handout(browser, handout, artefacts)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_ui_workshop_steps_on_a_desktop_and_a_phone(app_url, browser, artefacts, viewport):
    context, page = new_page(browser, viewport)
    try:
        load_demo(page, app_url)
        go(page, "Workshop mode", "Workshop mode")
        wait_step(page, 0)
        total = int(re.search(r"of (\d+)", page.get_by_text(re.compile(r"Workshop: step")).first.inner_text())[1])
        for n in range(total + 1):
            if n:
                page.get_by_role("button", name="Next").click()
                wait_step(page, n)
            page.screenshot(path=str(artefacts / f"workshop-{viewport}-step-{n:02d}.png"))
            assert_in_viewport(page, f"{STAGE} h2", f"step {n}'s new fact at {viewport}")
            assert_plain(visible_text(page), f"workshop step {n} at {viewport}")
    finally:
        context.close()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_ui_pdf_pages_are_counted(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content("".join(f"<p style='break-after: page'>page {n}</p>" for n in range(3)))
        assert pdf_pages(page.pdf(format="A4")) == 3
    finally:
        context.close()


def check_handout(browser, handout: Path, artefacts: Path) -> None:
    """The downloaded handout: in plain words, and one printed page on A4 and on Letter."""
    context = browser.new_context(viewport={"width": 900, "height": 1200})
    page = context.new_page()
    try:
        page.set_content(handout.read_text(encoding="utf-8"))
        page.screenshot(path=str(artefacts / "handout.png"), full_page=True)
        text = page.inner_text("body")
        assert_plain(text, "handout")
        assert "Five habits that stop it" in text and "Where to get help" in text
        for paper in ("A4", "Letter"):
            pdf = page.pdf(format=paper, print_background=True)
            (artefacts / f"handout-{paper}.pdf").write_bytes(pdf)
            assert pdf_pages(pdf) == 1, f"the handout prints on {pdf_pages(pdf)} {paper} pages"
    finally:
        context.close()


def test_ui_an_empty_photo_is_named_at_the_top(app_url, browser, artefacts, app_feed, tmp_path):
    with zipfile.ZipFile(io.BytesIO(app_feed())) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    files["photo3.jpg"] = b""
    path = tmp_path / "family.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    context, page = new_page(browser, "desktop")
    try:
        upload_file(page, app_url, path)
        page.get_by_role("heading", name="The family").wait_for(timeout=DEMO_TIMEOUT_MS)
        settle(page)
        banner = page.locator("[data-testid=stAlertContentWarning]").filter(has_text="had problems").first
        banner.wait_for(timeout=30_000)
        assert "photo3.jpg" in banner.inner_text()
        box = banner.bounding_box()
        assert box and box["y"] + box["height"] <= VIEWPORTS["desktop"][1], "the warning is seen without scrolling"
        page.screenshot(path=str(artefacts / "error-empty-photo.png"))
    finally:
        context.close()


def test_ui_a_fake_zip_is_an_error_at_the_top(app_url, browser, artefacts, tmp_path):
    path = tmp_path / "holiday.zip"
    path.write_text("these are notes, not a ZIP\n")
    context, page = new_page(browser, "desktop")
    try:
        upload_file(page, app_url, path)
        banner = page.locator("[data-testid=stAlertContentError]").filter(has_text="holiday.zip").first
        banner.wait_for(timeout=60_000)
        settle(page)
        box = banner.bounding_box()
        assert box and box["y"] + box["height"] <= VIEWPORTS["desktop"][1], "the error is seen without scrolling"
        assert page.get_by_text("Auditing your posts").count() == 0, "the progress box is closed"
        page.screenshot(path=str(artefacts / "error-fake-zip.png"))
    finally:
        context.close()
