"""In a real headless Chromium: open the demo family, make the safe copy on the Share safely page, download it,
and check the downloaded ZIP: none of the family's names, schools or towns, no sensitive post, no metadata, and
the verdict the page showed is the report's.

Needs Debian's chromium at /usr/bin/chromium (driven by pip's playwright; never `playwright install`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest
from PIL import Image

from kidsafe.demo import DEMO_AS_OF, DEMO_FEED
from kidsafe.engine.text import fold
from kidsafe.learn.cli_eval import DEFAULT_FEEDS
from kidsafe.pipeline import AuditOptions, audit
from tests.served_app import chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHARE_TIMEOUT_MS = 300_000


def _family_words() -> set[str]:
    """The demo family's children's names and aliases, school and town: from its truth file when at hand,
    else from its own dossier (what kidsafe itself knows of the family)."""
    truth_path = DEFAULT_FEEDS / DEMO_FEED.name / "truth.json"
    if truth_path.exists():
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        words = {w for c in truth["children"] for w in (c["name"], *c["aliases"])}
        words |= {f["value"] for f in truth["facts"] if f["kind"] in ("school", "town")}
    else:
        result = audit(DEMO_FEED, as_of=DEMO_AS_OF, options=AuditOptions(ocr=False, faces=False, nudity=False))
        try:
            dossier = result.dossier
        finally:
            result.close()
        words = {w for c in dossier.children for w in (c.name or "", *c.aliases)}
        words |= {f.value for f in dossier.facts if str(f.kind) in ("school", "town") and isinstance(f.value, str)}
    return {fold(w) for w in words if w}


def test_safe_share_browser_downloads_a_safe_copy_of_the_demo(app_url, tmp_path):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 2400})
        page.goto(app_url)
        page.get_by_role("button", name="Try the demo family").click()
        page.get_by_role("heading", name="The family").wait_for(timeout=SHARE_TIMEOUT_MS)
        page.get_by_role("link", name="Share safely").first.click()
        page.get_by_role("heading", name="Sensitive pictures: left out of the copy").wait_for(timeout=60_000)
        page.get_by_role("button", name="Make the safe copy").click()
        download_button = page.get_by_role("button", name="Download the safe copy (ZIP)")
        download_button.wait_for(timeout=SHARE_TIMEOUT_MS)
        shown = page.get_by_text(re.compile(r"^(Safe to share|Not safe yet|Not checked in full)")).first.inner_text()
        with page.expect_download() as info:
            download_button.click()
        path = tmp_path / "copy.zip"
        info.value.save_as(path)
    with zipfile.ZipFile(path) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    report = json.loads(files["report.json"])
    assert shown.startswith(report["verdict"])
    texts = fold("\n".join([*files, *(d.decode("utf-8") for n, d in files.items() if not n.endswith(".jpg"))]))
    left = [w for w in _family_words() if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", texts)]
    assert not left, left
    rows = list(csv.DictReader(io.StringIO(files["posts.csv"].decode("utf-8"))))
    out_posts = {r["id"] for r in rows}
    assert report["left_out"] and not {p["post"] for p in report["left_out"] if not p["put_back"]} & out_posts
    photos = [d for n, d in files.items() if n.endswith(".jpg")]
    assert photos
    for data in photos:
        with Image.open(io.BytesIO(data)) as im:
            assert not len(im.getexif()) and not {"exif", "xmp", "icc_profile", "comment"} & set(im.info)
        assert b"Exif\x00\x00" not in data
