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
    assert any(w.file == POSTS and "1 photo named here is missing" in w.message for w in feed.warnings)


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


def comment(text: str, owner: str | None, ts: int) -> dict:
    fields: dict = {"Comment": {"value": text}, "Time": {"timestamp": ts}}
    if owner is not None:
        fields["Media Owner"] = {"value": owner}
    return {"media_list_data": [{"uri": ""}], "string_map_data": fields}


def profile(username: str) -> dict:
    return {"profile_user": [{"title": "User Information", "string_map_data": {
        "Username": {"href": "", "value": username, "timestamp": 0}, "Name": {"value": "Sam Lee"}}}]}


@pytest.mark.parametrize("top", ["", "instagram-sam-2025-01-01/"])
def test_instagram_own_comments_are_text_posts_not_those_on_others_media(top, feed_zip, feed_jpeg):
    """The owner's words under their own posts name children; comments left on other accounts' media are skipped."""
    comments = [comment(meta("Zoë’s first lost tooth 🦷"), "sam_lee", 1_713_000_000),
                comment("congrats!!", "someone_else", 1_713_000_100),
                comment("Maya starts at Oakfield Primary", None, 1_713_000_200),
                comment("", "sam_lee", 1_713_000_300)]
    data = feed_zip({top + POSTS: [{"media": [medium("media/posts/202401/1.jpg", title="hi")]}],
                     top + "media/posts/202401/1.jpg": feed_jpeg(),
                     top + "your_instagram_activity/comments/post_comments_1.json": comments,
                     top + "personal_information/personal_information/personal_information.json": profile("Sam_Lee")})
    feed = open_feed(data)
    assert [(p.id, p.caption, p.photos) for p in feed.posts][1:] == [
        ("1713000000", "Zoë’s first lost tooth 🦷", ()), ("1713000200", "Maya starts at Oakfield Primary", ())]
    assert feed.posts[1].posted_at == datetime.fromtimestamp(1_713_000_000, UTC)
    assert feed.warnings == ()


@pytest.mark.parametrize("profile_file", [None, "profile.json", "personal_information/personal_information.json"])
def test_instagram_older_comments_file_alone_is_read(profile_file, feed_folder):
    """An older export's ``comments/post_comments.json`` (under ``comments_media_comments``) is enough to read."""
    comments = {"comments_media_comments": [comment("Eli turns 4 on Sunday", "mum.of.two", 1_600_000_000),
                                            comment("so cute", "a_friend", 1_600_000_100)]}
    files: dict = {"comments/post_comments.json": comments}
    if profile_file == "profile.json":
        files[profile_file] = {"username": "mum.of.two", "name": "Jo"}
    elif profile_file:
        files[profile_file] = profile("mum.of.two")
    feed = open_feed(feed_folder(files))
    assert feed.format == "instagram"
    expected = ["Eli turns 4 on Sunday"] + (["so cute"] if profile_file is None else [])
    assert [p.caption for p in feed.posts] == expected
    assert feed.warnings == ()


def test_instagram_comment_and_profile_files_of_the_wrong_shape_are_warnings(feed_zip, feed_jpeg):
    comments = "your_instagram_activity/comments/post_comments_1.json"
    info = "personal_information/personal_information/personal_information.json"
    data = feed_zip({POSTS: [{"media": [medium("media/posts/1/a.jpg", title="still read")]}],
                     "media/posts/1/a.jpg": feed_jpeg(), info: {"profile_user": "nobody"},
                     comments: [comment("kept: the owner is unknown", "other", 5), {"string_map_data": 7}, "x"],
                     "your_instagram_activity/comments/post_comments_2.json": {"not": "comments"}})
    feed = open_feed(data)
    assert [p.caption for p in feed.posts] == ["still read", "kept: the owner is unknown"]
    messages = {w.file: w.message for w in feed.warnings}
    assert "no username found" in messages[info]
    assert "1 entries are not posts" in messages[comments]
    assert "not the expected list" in messages["your_instagram_activity/comments/post_comments_2.json"]


@pytest.mark.parametrize("top", ["", "sam_20190501/"])
def test_instagram_pre_2020_media_json(top, feed_zip, feed_jpeg):
    """Before 2020 one ``media.json`` held every photo, story and video, dated by an ISO ``taken_at``."""
    media = {
        "photos": [{"caption": meta("Zoë at Bondi 🏖️ #summer"), "taken_at": "2018-09-20T03:40:04+00:00",
                    "location": "Bondi Beach", "path": "photos/201809/a1.jpg"},
                   {"caption": "", "taken_at": "2018-10-01T08:00:00", "path": "photos/201810/b2.jpg"},
                   {"caption": "the photo is gone", "taken_at": "2018-11-01T08:00:00", "path": "photos/201811/c.jpg"}],
        "stories": [{"caption": "", "taken_at": "2019-01-02T10:00:00+00:00", "path": "stories/201901/s.jpg"}],
        "videos": [{"caption": "Eli's first steps", "taken_at": "2019-02-03T04:05:06Z", "path": "videos/201902/v.mp4"}],
    }
    data = feed_zip({top + "media.json": media, top + "profile.json": {"username": "sam"},
                     top + "photos/201809/a1.jpg": feed_jpeg(), top + "photos/201810/b2.jpg": feed_jpeg(),
                     top + "stories/201901/s.jpg": feed_jpeg(), top + "videos/201902/v.mp4": b"v"})
    feed = open_feed(data)
    assert feed.format == "instagram"
    got = [(p.id, p.caption, [f.path for f in p.photos], p.place_name, p.posted_at) for p in feed.posts]
    assert got == [
        ("a1.jpg", "Zoë at Bondi 🏖️ #summer", [top + "photos/201809/a1.jpg"], "Bondi Beach",
         datetime(2018, 9, 20, 3, 40, 4, tzinfo=UTC)),
        ("b2.jpg", "", [top + "photos/201810/b2.jpg"], None, datetime(2018, 10, 1, 8, tzinfo=UTC)),
        ("1541059200", "the photo is gone", [], None, datetime(2018, 11, 1, 8, tzinfo=UTC)),
        ("s.jpg", "", [top + "stories/201901/s.jpg"], None, datetime(2019, 1, 2, 10, tzinfo=UTC)),
        ("1549166706", "Eli's first steps", [], None, datetime(2019, 2, 3, 4, 5, 6, tzinfo=UTC)),
    ]
    messages = [w.message for w in feed.warnings]
    assert any(m.startswith("1 photo named here is missing from the export; an export that came in several parts")
               for m in messages), messages
    assert any("1 video" in m for m in messages)


def test_instagram_pre_2020_media_json_of_the_wrong_shape_is_a_warning(feed_zip, feed_jpeg):
    data = feed_zip({"media.json": {"photos": "none", "other": []}, "profile.json": {"username": "sam"},
                     "photos/201809/a1.jpg": feed_jpeg()})
    feed = open_feed(data)
    assert [p.id for p in feed.posts] == ["a1.jpg"]  # read as photos alone
    assert any(w.file == "media.json" and "not the expected media.json" in w.message for w in feed.warnings)


def test_a_bare_media_json_is_not_instagram(feed_zip, feed_jpeg):
    """Only a ``media.json`` beside what a pre-2020 export holds makes it Instagram; alone it is some other file."""
    feed = open_feed(feed_zip({"media.json": {"photos": []}, "a.jpg": feed_jpeg()}))
    assert feed.format == "plain" and [p.id for p in feed.posts] == ["a.jpg"]


@pytest.mark.parametrize("profile_file, data", [
    ("personal_information/personal_information/personal_information.json",
     {"profile_user": [{"string_map_data": {"Username": {"value": "jo.and.kids"}, "Name": {"value": meta("Jó 🌸")}}}]}),
    ("profile.json", {"username": "jo.and.kids", "name": "Jó 🌸"}),
])
def test_instagram_profile_name_is_the_account_holder_without_any_comments(profile_file, data, feed_zip, feed_jpeg):
    """The profile names the poster (a parent) even in an export with no comments file; mojibake repaired."""
    feed = open_feed(feed_zip({POSTS: [{"media": [medium("media/posts/1/a.jpg", title="hi")]}],
                               "media/posts/1/a.jpg": feed_jpeg(), profile_file: data}))
    assert feed.holder == "Jó 🌸"
    assert feed.warnings == ()


def test_instagram_without_a_profile_has_no_holder(feed_zip, feed_jpeg):
    feed = open_feed(feed_zip({POSTS: [{"media": [medium("media/posts/1/a.jpg", title="hi")]}],
                               "media/posts/1/a.jpg": feed_jpeg()}))
    assert feed.holder == ""
