"""End to end in a real headless Chromium: start the app, upload a feed through the page, read the dossier.

Needs Debian's chromium at /usr/bin/chromium (driven by pip's playwright; never `playwright install`).
Without it the test is skipped, unless the environment variable CI is set: then it fails.
Screenshots (light and dark themes) are saved in test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
AUDIT_TIMEOUT_MS = 300_000
HOSTILE = (
    ("6", "2024-12-07 10:00", "Theo at the park <script>alert(1)</script> so proud"),
    ("7", "2024-12-14 10:00", "Maya drew this <img src=x onerror=alert(1)> [click](javascript:alert(1))"),
)


def _upload_and_wait(page, url: str, zip_path: Path) -> None:
    page.goto(url)
    page.get_by_role("button", name="Try the demo family").wait_for(timeout=60_000)
    page.locator("input[type=file]").first.set_input_files(str(zip_path))
    page.get_by_text(zip_path.name).first.wait_for(timeout=60_000)  # the upload has reached the server
    page.get_by_role("button", name="Audit these posts").click()
    page.get_by_role("heading", name="The stranger's dossier").wait_for(timeout=AUDIT_TIMEOUT_MS)
    page.get_by_role("heading", name="The family").wait_for(timeout=AUDIT_TIMEOUT_MS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_e2e_browser_upload_shows_the_dossier(app_url, browser, app_feed, tmp_path, scheme):
    from playwright.sync_api import expect

    zip_path = tmp_path / "family-posts.zip"
    zip_path.write_bytes(app_feed(extra=HOSTILE))
    context = browser.new_context(viewport={"width": 1400, "height": 2600}, color_scheme=scheme)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        _upload_and_wait(page, app_url, zip_path)
        for name in ("Maya", "Theo"):
            page.get_by_role("heading", name=name, exact=True).wait_for(timeout=30_000)
        page.get_by_text("Why? school: Brookfield Primary School").first.wait_for(timeout=30_000)
        page.get_by_text("goes to Brookfield Primary School.").first.wait_for(timeout=30_000)
        page.get_by_text("Why? name: Theo").first.click()
        page.get_by_text("<script>alert(1)</script>").first.wait_for(timeout=30_000)  # shown as text
        page.get_by_text("Why? name: Maya").first.click()
        page.get_by_text("[click](javascript:alert(1))", exact=False).first.wait_for(timeout=30_000)
        assert page.locator("img[src='x']").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        assert not dialogs, f"a caption ran as code: {dialogs}"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"e2e-dossier-{scheme}.png"))
        page.get_by_role("button", name="Forget everything").click()
        page.get_by_text("Nothing loaded yet").wait_for(timeout=30_000)
        # Streamlit may keep the last run's elements a moment (faded) after the new ones show: wait them out
        expect(page.get_by_role("heading", name="Maya", exact=True)).to_have_count(0, timeout=10_000)
    finally:
        context.close()
