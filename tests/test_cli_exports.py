"""The command line on exports: ``inspect PATH`` (the reader report, counts only) and ``audit`` of split exports."""

from __future__ import annotations

import pytest

from kidsafe.cli import main

IG_POSTS = "your_instagram_activity/content/posts_1.json"


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_inspect_reports_format_layout_and_counts(capsys, feed_zip, feed_jpeg, tmp_path):
    posts = [{"media": [{"uri": "media/posts/1/a.jpg", "creation_timestamp": 1_700_000_000,
                         "title": "Secret caption about Zoe", "media_metadata": {"photo_metadata": {
                             "exif_data": [{"latitude": 51.5, "longitude": -0.1}]}}}]},
             {"media": [{"uri": "media/posts/1/b.jpg", "creation_timestamp": 1_700_000_100, "title": ""}]}]
    comments = [{"string_map_data": {"Comment": {"value": "Another secret"}, "Time": {"timestamp": 1_700_000_200}}}]
    path = tmp_path / "instagram.zip"
    path.write_bytes(feed_zip({
        "instagram-sam/instagram-sam/" + IG_POSTS: posts,
        "instagram-sam/instagram-sam/your_instagram_activity/comments/post_comments_1.json": comments,
        "instagram-sam/instagram-sam/media/posts/1/a.jpg": feed_jpeg(),
        "instagram-sam/instagram-sam/media/posts/1/b.jpg": feed_jpeg(),
        "instagram-sam/instagram-sam/media/reels/1.mp4": b"v",
        "instagram-sam/instagram-sam/your_instagram_activity/messages/inbox/x/message_1.json": {},
    }))
    code, out, err = run_cli(capsys, "inspect", path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:8] == [
        "Read instagram.zip",
        "Format:         Instagram export, 2022-2024 layout (your_instagram_activity/content/)",
        "Posts:          3 (2 with a caption)",
        "Photos:         2",
        "Places:         1 posts give a place (check-in, place name or GPS)",
        "People tagged:  0 different people",
        "Comments:       1 of the owner's comments, read as posts",
        "Files skipped:  2",
    ]
    assert "  1 video" in lines and "  1 data file kidsafe does not read" in lines
    assert "secret" not in out.lower() and "Zoe" not in out


def test_cli_inspect_counts_exif_places_people_and_takeout_parts(capsys, feed_zip, feed_folder, jpeg_with_gps,
                                                                 feed_jpeg):
    year = "Takeout/Google Photos/Photos from 2024/"
    first = {year + "IMG_1.jpg": jpeg_with_gps(51.5, -0.1), year + "IMG_2.jpg.json": {
        "title": "IMG_2.jpg", "description": "hi", "people": [{"name": "Ada"}, {"name": "Ben"}]}}
    second = {year + "IMG_2.jpg": feed_jpeg(), year + "IMG_1.jpg.json": {"title": "IMG_1.jpg",
                                                                          "people": [{"name": "Ada"}]}}
    folder = feed_folder({"takeout-20240101T000000Z-001.zip": feed_zip(first),
                          "takeout-20240101T000000Z-002.zip": feed_zip(second)})
    code, out, _ = run_cli(capsys, "inspect", folder)
    assert code == 0
    assert "Format:         Google Photos Takeout, before 2024 (IMG_1.jpg.json sidecars)" in out
    assert "Posts:          2 (1 with a caption)" in out
    assert "Places:         1 posts give a place" in out
    assert "People tagged:  2 different people" in out
    assert "Files skipped:  0" in out


@pytest.mark.parametrize("name", ["missing", "bad.zip"])
def test_cli_inspect_unreadable_input_is_a_plain_message(capsys, tmp_path, name):
    path = tmp_path / name
    if name.endswith(".zip"):
        path.write_bytes(b"PK\x03\x04 not really")
    code, out, err = run_cli(capsys, "inspect", path)
    assert code == 2 and out == ""
    assert err.startswith("kidsafe: ") and "Traceback" not in err


def test_cli_audit_reads_a_folder_of_takeout_parts(capsys, feed_zip, feed_folder, jpeg_with_gps):
    """A folder of a split Takeout used to be refused (exit 2); it is one export, its places kept across parts."""
    year = "Takeout/Google Photos/Photos from 2024/"
    sidecar = {"title": "IMG_1.jpg", "description": "Sports day at the park",
               "photoTakenTime": {"timestamp": "1716040800"}, "geoData": {"latitude": 51.45, "longitude": -2.59}}
    photo = jpeg_with_gps(51.45, -2.59)
    folder = feed_folder({"takeout-20240601T000000Z-001.zip": feed_zip({year + "IMG_1.jpg": photo}),
                          "takeout-20240601T000000Z-002.zip": feed_zip({year + "IMG_1.jpg.json": sidecar})})
    code, out, err = run_cli(capsys, "audit", folder, "--no-ocr", "--no-faces", "--no-nudity", "--as-of", "2025-01-01")
    assert code == 0, err
    assert out.startswith("The stranger's dossier (1 post,")
    assert "1 post carries its GPS position" in out
    assert out.rstrip().endswith("Read as: Google Photos Takeout, before 2024 (IMG_1.jpg.json sidecars).")
