"""Instagram exports: both posts paths, carousels, stories, mojibake, EXIF fields and bad JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from kidsafe.ingest import open_feed
from kidsafe.models import GeoPoint

POSTS = "your_instagram_activity/content/posts_1.json"


def meta(text: str) -> str:
    """Text the way Meta stores it: UTF-8 bytes as latin-1 code points."""
    return text.encode("utf-8").decode("latin-1")


def medium(uri: str, ts: int = 1_700_000_000, title: str = "", exif: dict | None = None) -> dict:
    out = {"uri": uri, "creation_timestamp": ts, "title": title}
    if exif is not None:
        out["media_metadata"] = {"photo_metadata": {"exif_data": [exif]}}
    return out


def test_instagram_reads_posts_with_mojibake_and_exif(feed_zip, feed_jpeg):
    caption = "Zoë's 6th 🎂😂 at the “café” #birthday"
    posts = [
        {"media": [medium("media/posts/202401/111.jpg", title=meta(caption),
                          exif={"date_time_original": "2024:01:05 09:30:00", "device_id": "x"})]},
        {"title": meta("Beach 🌊"), "creation_timestamp": 1_700_000_500,
         "media": [medium("media/posts/202402/222.jpg", exif={"latitude": 51.5, "longitude": -0.12}),
                   medium("media/posts/202402/333.webp", title=meta("second 🐚")),
                   medium("media/posts/202402/444.mp4")]},
    ]
    data = feed_zip({POSTS: posts, "media/posts/202401/111.jpg": feed_jpeg(),
                     "media/posts/202402/222.jpg": feed_jpeg(), "media/posts/202402/333.webp": b"w",
                     "media/posts/202402/444.mp4": b"v"})
    feed = open_feed(data)
    assert feed.format == "instagram"
    single, carousel = feed.posts
    assert single.id == "111.jpg" and single.caption == caption and single.platform == "instagram"
    assert single.posted_at == datetime.fromtimestamp(1_700_000_000, UTC)
    assert single.photos[0].taken_at == datetime(2024, 1, 5, 9, 30)
    assert single.photos[0].path == "media/posts/202401/111.jpg"
    assert carousel.id == "222.jpg" and carousel.caption == "Beach 🌊"
    assert [p.name for p in carousel.photos] == ["222.jpg", "333.webp"]
    assert carousel.photos[0].gps == GeoPoint(51.5, -0.12)
    assert carousel.extra_text == ("second 🐚",)
    assert [w.message for w in feed.warnings] == ["skipped 1 file that is not a photo or post: 1 video"]


@pytest.mark.parametrize("posts_path", [POSTS, "content/posts_1.json", "your_instagram_activity/media/posts_1.json"])
@pytest.mark.parametrize("top", ["", "instagram-someone-2025-01-01/"])
def test_instagram_finds_posts_under_every_path(posts_path, top, feed_zip, feed_jpeg):
    data = feed_zip({top + posts_path: [{"media": [medium("media/posts/202401/1.jpg", title="hi")]}],
                     top + "media/posts/202401/1.jpg": feed_jpeg()})
    feed = open_feed(data)
    assert feed.format == "instagram"
    assert [(p.id, p.caption, p.photos[0].path) for p in feed.posts] == [
        ("1.jpg", "hi", top + "media/posts/202401/1.jpg")]


def test_instagram_reads_stories(feed_folder, feed_jpeg):
    stories = {"ig_stories": [medium("media/stories/202403/9.jpg", 1_710_000_000, meta("School run 🚸")),
                              medium("media/stories/202403/10.mp4", 1_710_000_100),
                              medium("media/stories/202403/11.mp4", 1_710_000_200, "video with words")]}
    root = feed_folder({"your_instagram_activity/content/stories.json": stories,
                        "media/stories/202403/9.jpg": feed_jpeg(), "media/stories/202403/10.mp4": b"v",
                        "media/stories/202403/11.mp4": b"v"})
    feed = open_feed(root)
    assert [(p.id, p.caption) for p in feed.posts] == [("9.jpg", "School run 🚸"), ("1710000200", "video with words")]


@pytest.mark.parametrize(("lat", "lon"), [(0, 0), (0.0, 0.0), ("x", 1), (None, None), (91, 10)])
def test_instagram_zero_or_bad_gps_is_none(lat, lon, feed_zip, feed_jpeg):
    exif = {"latitude": lat, "longitude": lon, "date_time_original": "not a date"}
    posts = [{"media": [medium("media/posts/1/a.jpg", exif=exif)]}]
    data = feed_zip({POSTS: posts, "media/posts/1/a.jpg": feed_jpeg()})
    photo = open_feed(data).posts[0].photos[0]
    assert photo.gps is None and photo.taken_at is None


def test_instagram_post_without_photo_gets_timestamp_id(feed_zip, feed_jpeg):
    posts = [{"title": "text only", "creation_timestamp": 1_690_000_123, "media": [medium("media/posts/1/v.mp4")]},
             {"media": [medium("media/posts/1/gone.jpg", title="lost photo", ts=1_690_000_999)]},
             {"media": [medium("media/posts/1/a.jpg")]}]
    data = feed_zip({POSTS: posts, "media/posts/1/a.jpg": feed_jpeg(), "media/posts/1/v.mp4": b"v"})
    feed = open_feed(data)
    assert [p.id for p in feed.posts] == ["1690000123", "1690000999", "a.jpg"]
    assert any(w.file == POSTS and "1 photos named here are missing" in w.message for w in feed.warnings)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ({"unexpected": "shape"}, "not the expected list"),
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
        (json.dumps([{"media": [{"uri": 5, "creation_timestamp": 1e308 * 10, "title": ["x"]}]}]), None),
        ('[{"title": "huge", "creation_timestamp": 1' + "0" * 5000 + ', "media": [{"uri": 1e999}]}]', None),
        (b"\xff\xfe\x00garbage", "not valid"),
        (["a", 1, None], "3 entries are not posts"),
    ],
    ids=["broken", "dict", "deep", "wrong-types", "huge-number", "bad-encoding", "not-objects"],
)
def test_instagram_bad_json_is_a_warning(content, message, feed_zip, feed_jpeg):
    good = {"media": [medium("media/posts/1/a.jpg", title="still read")]}
    data = feed_zip({POSTS: content, "your_instagram_activity/content/posts_2.json": [good],
                     "media/posts/1/a.jpg": feed_jpeg()})
    feed = open_feed(data)
    expected = ["huge", "still read"] if "huge" in str(content) else ["still read"]
    assert [p.caption for p in feed.posts] == expected
    assert all(p.posted_at is None for p in feed.posts if p.caption == "huge")
    if message:
        assert any(w.file == POSTS and message in w.message for w in feed.warnings), feed.warnings


def test_instagram_caption_repair_leaves_real_unicode_alone(feed_zip, feed_jpeg):
    posts = [{"media": [medium("media/posts/1/a.jpg", title="Zoë already fine 😂 — ok")]}]
    feed = open_feed(feed_zip({POSTS: posts, "media/posts/1/a.jpg": feed_jpeg()}))
    assert feed.posts[0].caption == "Zoë already fine 😂 — ok"


@pytest.mark.parametrize("top", ["", "instagram-someone-2025-05-30/"])
def test_instagram_reads_reel_and_igtv_captions(top, feed_zip, feed_jpeg):
    """Reels are videos (skipped), but their captions are public text: each is a text post."""
    act = top + "your_instagram_activity/media/"
    reels = {"ig_reels_media": [{"media": [medium("media/reels/202502/1.mp4", 1_739_000_000,
                                                  meta("Zoë’s recital 🩰 ballet every Saturday"))]},
                                {"media": [medium("media/reels/202502/2.mp4", 1_739_000_100)]}]}
    igtv = {"ig_igtv_media": [{"media": [medium("media/igtv/1.mp4", 1_600_000_000, "Our trip")]}]}
    data = feed_zip({act + "posts_1.json": [{"media": [medium("media/posts/202401/1.jpg", title="hi")]}],
                     act + "reels.json": reels, act + "igtv_videos.json": igtv,
                     top + "media/posts/202401/1.jpg": feed_jpeg(), top + "media/reels/202502/1.mp4": b"v",
                     top + "media/reels/202502/2.mp4": b"v", top + "media/igtv/1.mp4": b"v"})
    feed = open_feed(data)
    assert [(p.id, p.caption, p.photos) for p in feed.posts][1:] == [
        ("1600000000", "Our trip", ()), ("1739000000", "Zoë’s recital 🩰 ballet every Saturday", ())]
    assert [w.message for w in feed.warnings] == ["skipped 3 files that are not photos or posts: 3 videos"]
