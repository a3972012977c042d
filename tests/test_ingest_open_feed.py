"""open_feed: every kind of input, detection from contents, summaries, and a clear error when nothing reads."""

from __future__ import annotations

import io
import json
import random

import pytest

from kidsafe.errors import IngestError, UnsupportedExportError
from kidsafe.ingest import Feed, MemorySource, open_feed

IG_POSTS = "your_instagram_activity/content/posts_1.json"


def meta(text: str) -> str:
    """Text the way Meta stores it: UTF-8 bytes as latin-1 code points."""
    return text.encode("utf-8").decode("latin-1")


@pytest.fixture
def layouts(feed_jpeg):
    """One small feed in each development layout: plain, Takeout, Instagram ZIP (with its quirks)."""
    jpeg = feed_jpeg(taken="2024:05:01 10:00:00")
    plain = {"posts.csv": "id,date,caption,images\n" + "".join(
        f'{i},2024-0{i}-10 10:55,"Post {i} 🎉, with comma",IMG_{i}.jpg\n' for i in range(1, 4))
        + "4,2024-06-01 19:40,two photos,IMG_4a.jpg;IMG_4b.jpg\n",
        **{f"IMG_{i}.jpg": jpeg for i in ("1", "2", "3", "4a", "4b")}, "truth.json": {"answers": []}}
    year = "Takeout/Google Photos/Photos from 2024/"
    takeout = {year + f"IMG_{i}.jpg": jpeg for i in range(3)}
    takeout |= {year + f"IMG_{i}.jpg.supplemental-metadata.json": {
        "title": f"IMG_{i}.jpg", "description": f"photo {i} ⚽", "photoTakenTime": {"timestamp": str(1710579900 + i)},
        "geoData": {"latitude": 0.0, "longitude": 0.0}, "people": [{"name": "Someone"}]} for i in range(3)}
    takeout["truth.json"] = {}
    ig_posts = [{"media": [{"uri": f"media/posts/202402/1{i}.jpg", "creation_timestamp": 1746981000 + i,
                            "title": meta(f"caption {i} 😂"), "media_metadata": {"photo_metadata": {
                                "exif_data": [{"date_time_original": "2025:05:11 09:00:00"}]}}}]} for i in range(3)]
    ig_posts.append({"title": meta("carousel 🌸"), "creation_timestamp": 1746990000,
                     "media": [{"uri": "media/posts/202402/20.jpg", "title": ""},
                               {"uri": "media/posts/202402/21.jpg", "title": ""}]})
    instagram = {IG_POSTS: ig_posts, **{f"media/posts/202402/{n}.jpg": jpeg for n in (10, 11, 12, 20, 21)}}
    return {"plain": (plain, 4), "google_photos": (takeout, 3), "instagram": (instagram, 4)}


@pytest.mark.parametrize("fmt", ["plain", "google_photos", "instagram"])
@pytest.mark.parametrize("as_zip", [False, True])
def test_open_feed_reads_every_development_layout(fmt, as_zip, layouts, feed_folder, feed_zip, tmp_path):
    files, count = layouts[fmt]
    if as_zip:
        path = tmp_path / "export.zip"
        path.write_bytes(feed_zip(files))
    else:
        path = feed_folder(files)
    with open_feed(path) as feed:
        assert (feed.format, len(feed.posts)) == (fmt, count)
        assert len({p.id for p in feed.posts}) == count
        for post in feed.posts:
            for photo in post.photos:
                assert feed.source.read(photo.path)[:2] == b"\xff\xd8"
        assert all("😂" in p.caption or fmt != "instagram" or p.caption == "carousel 🌸" for p in feed.posts)


@pytest.mark.parametrize("kind", ["folder", "zip-path", "bytes", "file", "mapping", "source", "photo"])
def test_open_feed_accepts_every_input_kind(kind, feed_folder, feed_zip, feed_jpeg, tmp_path):
    files = {"a.jpg": feed_jpeg()}
    zip_path = tmp_path / "x.zip"
    zip_path.write_bytes(feed_zip(files))
    photo = tmp_path / "a.jpg"
    photo.write_bytes(feed_jpeg())
    src = {"folder": lambda: feed_folder(files), "zip-path": lambda: str(zip_path),
           "bytes": lambda: feed_zip(files), "file": lambda: io.BytesIO(feed_zip(files)),
           "mapping": lambda: files, "source": lambda: MemorySource(files), "photo": lambda: photo}[kind]()
    feed = open_feed(src)
    assert isinstance(feed, Feed)
    assert [p.id for p in feed.posts] == ["a.jpg"]


def test_open_feed_detects_from_contents_not_name(feed_zip, feed_jpeg, tmp_path):
    misleading = tmp_path / "instagram-export.zip"
    misleading.write_bytes(feed_zip({"a.jpg": feed_jpeg()}))
    assert open_feed(misleading).format == "plain"
    named_plain = tmp_path / "photos.zip"
    named_plain.write_bytes(feed_zip({"content/posts_1.json": [{"media": [{"uri": "m/a.jpg", "title": "t"}]}],
                                      "m/a.jpg": feed_jpeg()}))
    assert open_feed(named_plain).format == "instagram"


def test_open_feed_summarises_skipped_files_once(feed_zip, feed_jpeg):
    files = {IG_POSTS: [{"media": [{"uri": "media/posts/1/a.jpg", "title": "x"}]}], "media/posts/1/a.jpg": feed_jpeg(),
             "media/profile/p.jpg": feed_jpeg(), "messages/inbox/chat/message_1.json": {"messages": []},
             "your_instagram_activity/content/posts_1.html": "<html/>"}
    files |= {f"media/reels/{i}.mp4": b"v" for i in range(3)}
    feed = open_feed(feed_zip(files))
    assert [w.message for w in feed.warnings] == [
        "skipped 6 files that are not photos or posts: 3 videos, 1 photo not in any post, 1 HTML page, "
        "1 data file kidsafe does not read"]


def test_open_feed_warns_about_html_exports(feed_zip, feed_jpeg):
    feed = open_feed(feed_zip({"your_instagram_activity/content/posts_1.html": "<html/>",
                               "media/posts/1/a.jpg": feed_jpeg()}))
    assert feed.format == "plain"
    assert any("JSON format" in w.message for w in feed.warnings)


@pytest.mark.parametrize(
    "files",
    [{}, {"notes.txt": "hello"}, {"inner.zip": b"PK\x05\x06" + b"\0" * 18}, {"posts.csv": "id,date,caption,images\n"},
     {IG_POSTS: "{broken"}],
    ids=["empty", "text", "nested-zip", "empty-csv", "broken-json"],
)
def test_open_feed_nothing_readable_is_unsupported(files, feed_zip):
    with pytest.raises(UnsupportedExportError, match="Google Photos Takeout") as err:
        open_feed(feed_zip(files))
    assert "no posts found" in str(err.value)


@pytest.mark.parametrize("src", [b"not a zip at all", 42, "/nonexistent/path/feed"])
def test_open_feed_bad_input_is_a_clear_error(src, tmp_path):
    with pytest.raises(IngestError):
        open_feed(src)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(UnsupportedExportError, match="not a folder, a ZIP or a photo"):
        open_feed(text)


def test_open_feed_context_manager_closes_source(feed_zip, feed_jpeg):
    with open_feed(MemorySource({"a.jpg": feed_jpeg()})) as feed:
        assert feed.source.names() == ["a.jpg"]
    assert feed.source.names() == []


KEYS = ("media", "uri", "title", "creation_timestamp", "data", "attachments", "post", "timestamp", "photos",
        "place", "coordinate", "latitude", "description", "photoTakenTime", "geoData", "comment", "ig_stories")
ODD_PATHS = (IG_POSTS, "posts/your_posts_1.json", "posts/album/1.json", "G/a.jpg.json", "comments/comments.json")


def odd_json(rng: random.Random, depth: int = 0):
    """A random JSON value made of the keys the readers look for, with wrong types everywhere."""
    pick = rng.randrange(9 if depth < 5 else 6)
    leaves = [None, True, rng.randint(-(10**12), 10**12), rng.uniform(-1e9, 1e9), float("inf"),
              "".join(rng.choice("aé😂\u00f0\u009f/.:") for _ in range(rng.randrange(6))), "media/posts/1/a.jpg"]
    if pick < 6:
        return leaves[rng.randrange(len(leaves))]
    if pick < 7:
        return [odd_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(KEYS): odd_json(rng, depth + 1) for _ in range(rng.randrange(5))}


@pytest.mark.parametrize("seed", range(60))
def test_open_feed_never_crashes_on_odd_json(seed, feed_jpeg):
    rng = random.Random(seed)
    files = {ODD_PATHS[seed % len(ODD_PATHS)]: json.dumps(odd_json(rng)).encode(), "G/a.jpg": feed_jpeg(),
             "media/posts/1/a.jpg": feed_jpeg()}
    feed = open_feed(files)
    assert len(feed.posts) >= 1
    assert all(isinstance(p.caption, str) and isinstance(p.id, str) for p in feed.posts)


def test_open_feed_export_with_unreadable_posts_falls_back_to_photos(feed_zip, feed_jpeg):
    feed = open_feed(feed_zip({IG_POSTS: "{broken", "media/posts/1/a.jpg": feed_jpeg()}))
    assert (feed.format, [p.id for p in feed.posts]) == ("plain", ["a.jpg"])
    messages = [(w.file, w.message) for w in feed.warnings]
    assert (IG_POSTS, "not valid JSON; file skipped") in messages
    assert any("each photo was read as a post" in m for _, m in messages)
