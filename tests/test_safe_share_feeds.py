"""The safe copy of the demo family and of every graded feed beside the checkout (../shared/feeds).

Each graded feed has a truth file (shared/spec/truth-format.md). The test shares the feed with the
defaults, reads every text of the copy (file names, posts.csv, report.json, report.md) and looks
for the truth's children's names and aliases, schools and towns: whole words, case- and
accent-insensitively, inside hashtags too. It also checks that no sensitive post of the truth is
in the copy, that no photo carries metadata, and that the report says "safe" only when its
checks left nothing. The demo family is the graded feed of the same folder name, cut short: its truth is
that feed's.
Without the graded feeds the test is skipped (it reads nothing a user would not have).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from kidsafe.share import export as safe_share
from kidsafe.demo import DEMO_FEED
from kidsafe.learn.cli_eval import DEFAULT_FEEDS
from kidsafe.learn.evaluate import graded_feeds
from kidsafe.learn.share_audit import copy_hits, sensitive_truth_posts, truth_words
from kidsafe.share.verify import Expected, photo_problems

pytestmark = pytest.mark.slow
FEEDS = graded_feeds(DEFAULT_FEEDS) if DEFAULT_FEEDS.is_dir() else []
DEMO_TRUTH = next((truth for feed, truth in FEEDS if feed.name == DEMO_FEED.name), None)
CASES = [pytest.param((feed, truth, True), id=feed.name) for feed, truth in FEEDS]
CASES += [pytest.param((DEMO_FEED, DEMO_TRUTH, False), id="demo")] if DEMO_TRUTH else []


@pytest.fixture(scope="module", params=CASES)
def copy(request, tmp_path_factory):
    """(truth, whether its post ids are the feed's, the report, every file of the copy) for one feed."""
    feed, truth_path, own_ids = request.param
    truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    out = tmp_path_factory.mktemp("copy") / "copy.zip"
    report = safe_share.share(feed, out, as_of=date.fromisoformat(truth["audit_date"]))
    with zipfile.ZipFile(out) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    return truth, own_ids, report, files


def test_safe_share_feeds_copy_holds_no_name_school_or_town_of_the_truth(copy):
    truth, _, _, files = copy
    words = truth_words(truth)
    assert words
    found = copy_hits(files, words)
    assert not any(found.values()), found


def _captions(folder: Path) -> dict[str, str]:
    with (folder / "posts.csv").open(encoding="utf-8", newline="") as f:
        return {row["id"]: row["caption"] for row in csv.DictReader(f)}


def test_safe_share_feeds_copy_leaves_the_sensitive_posts_out(copy):
    truth, own_ids, report, _ = copy
    sensitive = sensitive_truth_posts(truth)
    if not own_ids:  # the demo numbers its posts apart from the graded feed it was cut from: match them by caption
        graded, demo = _captions(DEMO_TRUTH.parent), _captions(DEMO_FEED)
        said = {graded[p] for p in sensitive if p in graded}
        sensitive = {p for p, caption in demo.items() if caption in said}
    assert sensitive
    assert not sensitive & {p.source_post for p in report.posts}
    assert sensitive <= {p.source_post for p in report.left_out if not p.put_back}


def test_safe_share_feeds_copy_photos_carry_no_metadata(copy):
    _, _, _, files = copy
    photos = {n: d for n, d in files.items() if n.endswith(".jpg")}
    assert photos
    for name, data in photos.items():
        assert photo_problems(data, name, Expected(), look_for_faces=False) == []
        with Image.open(io.BytesIO(data)) as im:
            assert not len(im.getexif()) and "exif" not in im.info


def test_safe_share_feeds_report_says_safe_only_when_nothing_remains(copy):
    _, _, report, files = copy
    written = json.loads(files["report.json"])
    assert written["safe"] is report.safe is (not report.remaining)
    said_safe = files["report.md"].decode("utf-8").count("Safe to share")
    assert said_safe == (1 if report.safe else 0)
    assert written["counts"] == dict(report.counts())
