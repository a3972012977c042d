"""Exports in several archives (Takeout's ``-001.zip``/``-002.zip``/``.tgz``, Meta's parts) read as one feed."""

from __future__ import annotations

import io
import re
import tarfile

import pytest

from kidsafe.ingest import Limits, open_feed
from kidsafe.ingest.parts import missing_parts

YEAR = "Takeout/Google Photos/Photos from 2024/"
ALBUM = "Takeout/Google Photos/Sports day/"
STAMP = "takeout-20240101T101010Z"


def sidecar(title: str, description: str, lat: float = 0.0, lon: float = 0.0) -> dict:
    return {"title": title, "description": description, "photoTakenTime": {"timestamp": "1716305400"},
            "geoData": {"latitude": lat, "longitude": lon}, "people": [{"name": "Ada Q"}]}


def tgz(files: dict[str, bytes | str], *, links: tuple[tuple[str, str], ...] = ()) -> bytes:
    """A gzipped tar of ``files`` (text written as UTF-8), with symbolic ``links`` (name, target)."""
    import json

    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, data in files.items():
            raw = json.dumps(data).encode() if isinstance(data, (dict, list)) else (
                data.encode() if isinstance(data, str) else data)
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
        for name, target in links:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            tar.addfile(info)
    return out.getvalue()


def split_takeout(jpeg: bytes) -> tuple[dict, dict]:
    """A Takeout split in two, as Google splits it: each photo's sidecar in the other part."""
    first = {YEAR + "IMG_1.jpg": jpeg, YEAR + "IMG_2.jpg.supplemental-metadata.json": sidecar(
        "IMG_2.jpg", "Sports day 🏅", 52.2, 0.12), ALBUM + "metadata.json": {"title": "Sports day"},
        ALBUM + "IMG_2.jpg": jpeg}
    second = {YEAR + "IMG_2.jpg": jpeg, YEAR + "IMG_1.jpg.supplemental-metadata.json": sidecar(
        "IMG_1.jpg", "First swim 🏊", 51.5, -0.1), ALBUM + "IMG_2.jpg.supplemental-metadata.json": sidecar(
        "IMG_2.jpg", "Sports day 🏅", 52.2, 0.12)}
    return first, second


def summary(feed) -> list[tuple]:
    return sorted((p.id, p.caption, p.extra_text, tuple(ph.name for ph in p.photos),
                   tuple(ph.gps for ph in p.photos), tuple(ph.people for ph in p.photos)) for p in feed.posts)


@pytest.mark.parametrize("second_kind", ["zip", "tgz"])
def test_parts_two_part_takeout_reads_the_same_as_one_zip(second_kind, feed_zip, feed_folder, feed_jpeg):
    first, second = split_takeout(feed_jpeg())
    whole = open_feed(feed_zip(first | second))
    second_part = feed_zip(second) if second_kind == "zip" else tgz(second)
    folder = feed_folder({f"{STAMP}-001.zip": feed_zip(first), f"{STAMP}-002.{second_kind}": second_part,
                          ".DS_Store": b"\x00"})
    parts = open_feed(folder)
    assert parts.format == whole.format == "google_photos"
    assert summary(parts) == summary(whole)
    assert {p.caption for p in parts.posts} == {"Sports day 🏅", "First swim 🏊"}
    assert all(post.photos[0].gps for post in parts.posts)
    assert parts.warnings == whole.warnings == ()


def test_parts_uploaded_together_are_one_export(feed_zip, feed_jpeg):
    first, second = split_takeout(feed_jpeg())
    feed = open_feed({f"{STAMP}-002.zip": feed_zip(second), f"{STAMP}-001.zip": feed_zip(first)})
    assert {p.caption for p in feed.posts} == {"Sports day 🏅", "First swim 🏊"}
    assert feed.source.label == "2 parts of an export"


@pytest.mark.parametrize("as_folder", [True, False])
def test_parts_beside_a_stray_page_are_still_read_and_the_page_counted(as_folder, feed_zip, feed_folder, feed_jpeg):
    """Takeout's ``archive_browser.html`` (or any file that holds no post) beside the parts: the parts are read."""
    first, second = split_takeout(feed_jpeg())
    files = {f"{STAMP}-001.zip": feed_zip(first), f"{STAMP}-002.zip": feed_zip(second),
             "archive_browser.html": b"<html/>"}
    feed = open_feed(feed_folder(files) if as_folder else files)
    assert {p.caption for p in feed.posts} == {"Sports day 🏅", "First swim 🏊"}
    assert dict(feed.skipped) == {"HTML page": 1}


def test_parts_one_part_alone_says_which_part_is_missing(feed_zip, feed_folder, feed_jpeg, tmp_path):
    first, second = split_takeout(feed_jpeg())
    alone = tmp_path / f"{STAMP}-002.zip"
    alone.write_bytes(feed_zip(second))
    feed = open_feed(alone)
    messages = [w.message for w in feed.warnings]
    assert any(f"part 1 of this export ({STAMP}-001.zip) is not here" in m for m in messages)
    assert any("2 photo descriptions (sidecars) name photos that are not in the export" in m for m in messages)
    gap = open_feed(feed_folder({f"{STAMP}-001.zip": feed_zip(first), f"{STAMP}-003.zip": feed_zip(second)}))
    assert [w.file for w in gap.warnings if "part 2" in w.message] == [f"{STAMP}-001.zip"]


@pytest.mark.parametrize(("names", "missing"), [
    ([f"{STAMP}-001.zip", f"{STAMP}-002.zip"], []),
    ([f"{STAMP}-001.zip", f"{STAMP}-002.tgz"], []),
    ([f"{STAMP}-001.tgz", f"{STAMP}-004.tgz"], [f"{STAMP}-002.tgz", f"{STAMP}-003.tgz"]),
    (["instagram-sam-2024-05-01 (1).zip", "instagram-sam-2024-05-01 (3).zip"], ["instagram-sam-2024-05-01 (2).zip"]),
    (["holiday-2.zip"], []),
    ([f"{STAMP}-003.zip"], [f"{STAMP}-001.zip", f"{STAMP}-002.zip"]),
])
def test_parts_missing_parts_are_named(names, missing):
    named = [re.search(r"of this export \((.*)\) is not here", w.message).group(1) for w in missing_parts(names)]
    assert named == missing


def test_parts_meta_export_in_two_zips(feed_zip, feed_folder, feed_jpeg):
    posts = [{"media": [{"uri": "media/posts/202401/1.jpg", "creation_timestamp": 1_700_000_000,
                         "title": "Park day"}]}]
    folder = feed_folder({"instagram-sam-2024-05-01 (1).zip": feed_zip({
        "your_instagram_activity/content/posts_1.json": posts}),
        "instagram-sam-2024-05-01 (2).zip": feed_zip({"media/posts/202401/1.jpg": feed_jpeg()})})
    feed = open_feed(folder)
    assert feed.format == "instagram"
    assert [(p.caption, [ph.path for ph in p.photos]) for p in feed.posts] == [
        ("Park day", ["media/posts/202401/1.jpg"])]


def test_parts_a_damaged_part_is_a_warning_and_the_others_are_read(feed_zip, feed_folder, feed_jpeg):
    first, _ = split_takeout(feed_jpeg())
    feed = open_feed(feed_folder({f"{STAMP}-001.zip": feed_zip(first), f"{STAMP}-002.zip": b"PK\x03\x04 broken",
                                  f"{STAMP}-003.tgz": b"\x1f\x8b not gzip"}))
    assert [p.id for p in feed.posts] == ["IMG_1.jpg", "IMG_2.jpg"]
    problems = {w.file: w.message for w in feed.warnings}
    assert "damaged" in problems[f"{STAMP}-002.zip"] and "damaged" in problems[f"{STAMP}-003.tgz"]


def test_parts_limits_apply_to_the_sum_of_the_parts(feed_zip, feed_folder, feed_jpeg):
    jpeg = feed_jpeg()
    parts = {f"{STAMP}-00{i}.zip": feed_zip({YEAR + f"IMG_{i}{j}.jpg": jpeg for j in range(3)}) for i in (1, 2, 3)}
    limits = Limits(max_total_bytes=len(jpeg) * 5, max_entries=100)
    feed = open_feed(feed_folder(parts), limits=limits)
    assert len(feed.posts) == 5
    assert any("more than" in w.message for w in feed.warnings)
    counted = open_feed(feed_folder(parts, "few"), limits=Limits(max_entries=4))
    assert len(counted.posts) == 3
    assert any("this part" in w.message for w in counted.warnings)


def test_parts_tgz_refuses_traversal_links_and_bombs_but_reads_the_rest(feed_folder, feed_jpeg):
    good = tgz({YEAR + "IMG_1.jpg": feed_jpeg(), YEAR + "IMG_1.jpg.json": sidecar("IMG_1.jpg", "Kept"),
                "../../x.jpg": feed_jpeg()}, links=((YEAR + "IMG_9.jpg", "/etc/passwd"),))
    bomb = io.BytesIO()
    with tarfile.open(fileobj=bomb, mode="w:gz") as tar:
        info = tarfile.TarInfo(YEAR + "zeros.jpg")
        info.size = 60 * 2**20
        tar.addfile(info, io.BytesIO(bytes(info.size)))
    feed = open_feed(feed_folder({f"{STAMP}-001.tgz": good, f"{STAMP}-002.tgz": bomb.getvalue()}),
                     limits=Limits(max_entry_bytes=100 * 2**20, max_ratio=50, ratio_min_bytes=2**20))
    assert [(p.id, p.caption) for p in feed.posts] == [("IMG_1.jpg", "Kept")]
    problems = {w.file: w.message for w in feed.warnings}
    assert "'..' in the path" in problems["../../x.jpg"]
    assert "link" in problems[YEAR + "IMG_9.jpg"]
    assert "bomb" in problems[f"{STAMP}-002.tgz"]


def test_parts_a_folder_of_photos_with_an_archive_still_leaves_the_archive_closed(feed_folder, feed_zip, feed_jpeg):
    feed = open_feed(feed_folder({"a.jpg": feed_jpeg(), "old.zip": feed_zip({"b.jpg": feed_jpeg()})}))
    assert [p.id for p in feed.posts] == ["a.jpg"]
    assert any("not opened" in w.message for w in feed.warnings)


def test_parts_a_single_tgz_file_is_read(tmp_path, feed_jpeg):
    path = tmp_path / "takeout.tgz"
    path.write_bytes(tgz({YEAR + "IMG_1.jpg": feed_jpeg(), YEAR + "IMG_1.jpg.json": sidecar("IMG_1.jpg", "Hi")}))
    for src in (path, path.read_bytes()):
        feed = open_feed(src)
        assert [(p.id, p.caption) for p in feed.posts] == [("IMG_1.jpg", "Hi")]
