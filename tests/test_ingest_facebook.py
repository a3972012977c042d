"""Facebook exports: posts (both paths), places, EXIF times, albums and comments, with mojibake."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kidsafe.ingest import open_feed
from kidsafe.models import GeoPoint

NEW_POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
OLD_POSTS = "posts/your_posts_1.json"


def meta(text: str) -> str:
    """Text the way Meta stores it: UTF-8 bytes as latin-1 code points."""
    return text.encode("utf-8").decode("latin-1")


def media(uri: str, description: str = "", taken: int | None = None) -> dict:
    exif = [{"upload_ip": "192.0.2.1"}] + ([{"taken_timestamp": taken}] if taken else [])
    return {"media": {"uri": uri, "creation_timestamp": 1_700_000_100, "title": "Mobile uploads",
                      "description": description, "media_metadata": {"photo_metadata": {"exif_data": exif}}}}


def post(ts: int, text: str | None, *attachments: dict, tags: tuple[str, ...] = ()) -> dict:
    out: dict = {"timestamp": ts, "data": [{"post": text}] if text is not None else [{"update_timestamp": ts}],
                 "attachments": [{"data": list(attachments)}], "title": "Someone added a new photo."}
    if tags:
        out["tags"] = [{"name": t} for t in tags]
    return out


@pytest.mark.parametrize("posts_path", [NEW_POSTS, OLD_POSTS, "facebook-someone/" + NEW_POSTS])
def test_facebook_reads_posts_places_and_exif(posts_path, feed_zip, feed_jpeg):
    top = "facebook-someone/" if posts_path.startswith("facebook-") else ""
    uri = posts_path[len(top) : posts_path.index("posts/")] + "posts/media/Mobile_1/555_n.jpg"
    place = {"place": {"name": meta("Café Ñandú"), "coordinate": {"latitude": 40.4, "longitude": -3.7}}}
    posts = [
        post(1_700_000_000, meta("First day at school 🎒 Zoë!"), media(uri, meta("First day at school 🎒 Zoë!"),
                                                                       taken=1_699_990_000), place,
             tags=(meta("Nana Bé"),)),
        post(1_700_000_900, meta("checked in 📍"), {"place": {"name": "Home", "coordinate": {"latitude": 0,
                                                                                            "longitude": 0}}}),
        post(1_700_001_000, None),
    ]
    data = feed_zip({posts_path: posts, top + uri: feed_jpeg()})
    feed = open_feed(data)
    assert feed.format == "facebook"
    photo_post, check_in = feed.posts
    assert photo_post.id == "555_n.jpg" and photo_post.caption == "First day at school 🎒 Zoë!"
    assert photo_post.posted_at == datetime.fromtimestamp(1_700_000_000, UTC)
    assert photo_post.place_name == "Café Ñandú" and photo_post.place_gps == GeoPoint(40.4, -3.7)
    assert photo_post.extra_text == ()
    photo = photo_post.photos[0]
    assert photo.path == top + uri and photo.people == ("Nana Bé",)
    assert photo.taken_at == datetime.fromtimestamp(1_699_990_000, UTC)
    assert check_in.id == "1700000900" and check_in.photos == ()
    assert check_in.place_name == "Home" and check_in.place_gps is None


def test_facebook_photo_description_becomes_caption_or_extra_text(feed_zip, feed_jpeg):
    posts = [post(1, None, media("posts/media/a/1.jpg", "only the photo says this")),
             post(2, "the post", media("posts/media/a/2.jpg", "the photo says more"))]
    files = {OLD_POSTS: posts, "posts/media/a/1.jpg": feed_jpeg(), "posts/media/a/2.jpg": feed_jpeg()}
    feed = open_feed(feed_zip(files))
    assert [(p.caption, p.extra_text) for p in feed.posts] == [
        ("only the photo says this", ()), ("the post", ("the photo says more",))]


def test_facebook_albums_add_photos_and_descriptions(feed_folder, feed_jpeg):
    album = {"name": "Summer", "description": meta("Our summer ☀️"),
             "photos": [{"uri": "posts/media/Summer/1.jpg", "creation_timestamp": 1_690_000_000, "title": "Summer"},
                        {"uri": "posts/media/Summer/2.jpg", "creation_timestamp": 1_690_000_500,
                         "description": meta("Léa at the lake 🏊")}]}
    root = feed_folder({OLD_POSTS: [post(1_690_001_000, "posted", media("posts/media/Summer/1.jpg"))],
                        "posts/album/0.json": album, "posts/media/Summer/1.jpg": feed_jpeg(),
                        "posts/media/Summer/2.jpg": feed_jpeg()})
    feed = open_feed(root)
    assert [(p.id, p.caption, p.extra_text) for p in feed.posts] == [
        ("1.jpg", "posted", ("Our summer ☀️", "Summer")),
        ("2.jpg", "Léa at the lake 🏊", ("Our summer ☀️", "Summer")),
    ]
    assert feed.posts[1].posted_at == datetime.fromtimestamp(1_690_000_500, UTC)


def test_facebook_album_names_and_photo_comments_are_read(feed_zip, feed_jpeg):
    """Relatives' comments on a photo, each after its writer's name, and the owner's album name are text a
    stranger reads; Facebook's own album names ("Mobile uploads") are not the owner's words and are left out."""
    top = "facebook-someone-2025/"
    uri = "your_facebook_activity/posts/media/Party_1/1.jpg"
    comments = [{"timestamp": 1_690_000_600, "comment": meta("Happy birthday Noé! Love, Mamie 💕"), "author": "A B"},
                {"timestamp": 1_690_000_700, "comment": {"comment": "So big now", "author": "C D"}},
                {"timestamp": 1_690_000_800, "comment": "", "author": "E F"}]
    party = {"name": meta("Noé turns 5 🎉"), "photos": [
        {"uri": uri, "creation_timestamp": 1_690_000_000, "comments": comments},
        {"uri": "your_facebook_activity/posts/media/Party_1/2.jpg", "creation_timestamp": 1_690_000_100,
         "description": "Cake!"}]}
    uploads = {"name": "Mobile uploads", "photos": [{"uri": "your_facebook_activity/posts/media/Mobile/3.jpg",
                                                   "creation_timestamp": 1_690_000_200}]}
    photo_post = post(1_690_000_050, "Party time", {"media": {"uri": uri, "creation_timestamp": 1_690_000_000}})
    feed = open_feed(feed_zip({
        top + NEW_POSTS: [photo_post],
        top + "your_facebook_activity/posts/album/0.json": party,
        top + "your_facebook_activity/posts/album/1.json": uploads,
        top + uri: feed_jpeg(), top + "your_facebook_activity/posts/media/Party_1/2.jpg": feed_jpeg(),
        top + "your_facebook_activity/posts/media/Mobile/3.jpg": feed_jpeg(),
    }))
    assert [(p.id, p.caption, p.extra_text) for p in feed.posts] == [
        ("1.jpg", "Party time", ("Noé turns 5 🎉", "A B: Happy birthday Noé! Love, Mamie 💕", "C D: So big now")),
        ("2.jpg", "Cake!", ("Noé turns 5 🎉",)),
        ("3.jpg", "", ()),
    ]
    assert feed.warnings == ()


def test_facebook_check_in_address_event_and_media_comments(feed_zip, feed_jpeg):
    place = {"place": {"name": "Westside Pool", "coordinate": {"latitude": 43.55, "longitude": -80.27},
                       "address": meta("50 Main St, Guelph, ON"), "url": "https://www.facebook.com/x"}}
    event = {"event": {"name": "Spring concert at Oak Hill School", "start_timestamp": 1_700_000_000}}
    photo = media("posts/media/a/1.jpg")
    photo["media"]["comments"] = [{"comment": "Go Ava!", "author": "Nan", "timestamp": 1_700_000_500}]
    feed = open_feed(feed_zip({OLD_POSTS: [post(1_700_000_000, "Swim night", place), post(1_700_000_100, None, event),
                                           post(1_700_000_200, "Concert", photo)],
                               "posts/media/a/1.jpg": feed_jpeg()}))
    check_in, concert_event, concert = feed.posts
    assert (check_in.caption, check_in.place_name, check_in.extra_text) == (
        "Swim night", "Westside Pool", ("50 Main St, Guelph, ON",))
    assert check_in.place_gps == GeoPoint(43.55, -80.27)
    assert concert_event.id == "1700000100" and concert_event.extra_text == ("Spring concert at Oak Hill School",)
    assert concert.extra_text == ("Nan: Go Ava!",)


@pytest.mark.parametrize(("path", "key"), [("posts/your_posts.json", "status_updates"),
                                           ("groups/your_posts_in_groups.json", "group_posts_v2"),
                                           ("your_facebook_activity/groups/your_posts_in_groups.json", "group_posts_v2")])
def test_facebook_older_and_group_post_files(path, key, feed_zip):
    feed = open_feed(feed_zip({path: {key: [post(1_600_000_000, "Does anyone know the Oak Hill School term dates?")]}}))
    assert feed.format == "facebook"
    assert [(p.id, p.caption) for p in feed.posts] == [("1600000000", "Does anyone know the Oak Hill School term dates?")]


@pytest.mark.parametrize("key", ["comments_v2", "comments"])
def test_facebook_comments_become_text_posts(key, feed_zip):
    comments = {key: [
        {"timestamp": 1_600_000_000, "title": "Someone commented on a post.",
         "data": [{"comment": {"timestamp": 1_600_000_001, "comment": meta("Happy birthday Mía 🎉"), "author": "A"}}]},
        {"timestamp": 1_600_000_100, "data": [{"comment": {"comment": "", "author": "A"}}]},
        {"timestamp": 1_600_000_200, "data": [{"comment": {"comment": "no own time", "author": "A"}}]},
    ]}
    feed = open_feed(feed_zip({"your_facebook_activity/comments_and_reactions/comments.json": comments}))
    assert feed.format == "facebook"
    assert [(p.id, p.caption, p.photos) for p in feed.posts] == [
        ("1600000001", "Happy birthday Mía 🎉", ()), ("1600000200", "no own time", ())]


def test_facebook_bad_files_are_warnings(feed_zip, feed_jpeg):
    data = feed_zip({
        OLD_POSTS: [post(5, "fine", media("posts/media/a/1.jpg")), {"attachments": {"data": "x"}, "data": 7}],
        "posts/your_posts_2.json": b'[{"timestamp": 6, "data": [{"post": "caf\xe9"}]}]',
        "posts/album/1.json": ["not", "an", "album"],
        "posts/album/2.json": "{broken",
        "posts/media/a/1.jpg": feed_jpeg(),
    })
    feed = open_feed(data)
    assert [p.caption for p in feed.posts] == ["fine", "caf\ufffd"]
    files = {w.file: w.message for w in feed.warnings}
    assert "not valid UTF-8" in files["posts/your_posts_2.json"]
    assert "not the expected album" in files["posts/album/1.json"]
    assert "not valid JSON" in files["posts/album/2.json"]


def test_facebook_tags_on_a_post_without_photos_are_kept(feed_zip):
    posts = [post(1_700_000_000, "Lunch with the little ones", tags=(meta("Grandma Rosé"), "Sam Okoro"))]
    feed = open_feed(feed_zip({NEW_POSTS: posts}))
    (only,) = feed.posts
    assert only.photos == () and only.people == ("Grandma Rosé", "Sam Okoro")
    from kidsafe.pipeline import build_views

    assert build_views(feed.posts, {}, {})[0].people == ("Grandma Rosé", "Sam Okoro")


@pytest.mark.parametrize("top", ["", "facebook-someone-2025/your_facebook_activity/"])
def test_facebook_uncategorized_photos_are_posts(top, feed_zip, feed_jpeg):
    """Photos in no album (``your_uncategorized_photos.json``) are posts; one that was posted adds its words there."""
    posted = "posts/media/Other/1.jpg"
    other = {"other_photos_v2": [
        {"uri": posted, "creation_timestamp": 1_690_000_000, "title": "Mobile uploads",
         "description": meta("Noé’s new bike 🚲")},
        {"uri": "posts/media/Other/2.jpg", "creation_timestamp": 1_690_000_500, "title": meta("Léa's school"),
         "description": meta("Léa in Year 2 at Oak Hill 🎒"),
         "media_metadata": {"photo_metadata": {"exif_data": [{"taken_timestamp": 1_689_990_000}]}},
         "comments": [{"comment": "So grown up!", "author": "Nan"}]},
        {"uri": "posts/media/Other/gone.jpg", "creation_timestamp": 1_690_000_900},
    ]}
    feed = open_feed(feed_zip({
        top + "posts/your_posts__check_ins__photos_and_videos_1.json": [
            post(1_690_000_100, "Weekend!", {"media": {"uri": posted, "creation_timestamp": 1_690_000_000}})],
        top + "posts/your_uncategorized_photos.json": other,
        top + posted: feed_jpeg(), top + "posts/media/Other/2.jpg": feed_jpeg(),
    }))
    assert feed.format == "facebook"
    assert [(p.id, p.caption, p.extra_text) for p in feed.posts] == [
        ("1.jpg", "Weekend!", ("Noé’s new bike 🚲",)),
        ("2.jpg", "Léa in Year 2 at Oak Hill 🎒", ("Léa's school", "Nan: So grown up!")),
    ]
    second = feed.posts[1]
    assert second.posted_at == datetime.fromtimestamp(1_690_000_500, UTC)
    assert second.photos[0].taken_at == datetime.fromtimestamp(1_689_990_000, UTC)
    assert second.photos[0].path == top + "posts/media/Other/2.jpg"
    assert [(w.file, w.message.split(";")[0]) for w in feed.warnings] == [
        (top + "posts/your_uncategorized_photos.json", "1 photo named here is missing from the export")]


def test_facebook_video_captions_are_text_posts(feed_folder):
    """Videos are skipped, but what their owner wrote under them is read: a text post, or words of the post showing it."""
    videos = {"videos_v2": [
        {"uri": "posts/media/videos/1.mp4", "creation_timestamp": 1_700_000_000, "title": "",
         "description": meta("Mía’s first swim lesson 🏊 every Tuesday")},
        {"uri": "posts/media/videos/2.mp4", "creation_timestamp": 1_700_000_500, "description": "Recital night",
         "title": "Videos"},
        {"uri": "posts/media/videos/3.mp4", "creation_timestamp": 1_700_000_900, "title": "", "description": ""},
    ]}
    root = feed_folder({
        "your_facebook_activity/posts/your_videos.json": videos,
        OLD_POSTS: [post(1_700_000_600, "Proud mum", {"media": {"uri": "posts/media/videos/2.mp4"}})],
        "posts/media/videos/1.mp4": b"v", "posts/media/videos/2.mp4": b"v", "posts/media/videos/3.mp4": b"v",
    })
    feed = open_feed(root)
    assert [(p.id, p.caption, p.extra_text, p.photos) for p in feed.posts] == [
        ("1700000600", "Proud mum", ("Recital night",), ()),
        ("1700000000", "Mía’s first swim lesson 🏊 every Tuesday", (), ()),
    ]
    assert feed.posts[1].posted_at == datetime.fromtimestamp(1_700_000_000, UTC)
    assert [w.message for w in feed.warnings] == ["skipped 3 files that are not photos or posts: 3 videos"]


def test_facebook_photo_and_video_files_of_the_wrong_shape_are_warnings(feed_zip):
    photos, videos = "posts/your_uncategorized_photos.json", "your_facebook_activity/posts/your_videos.json"
    feed = open_feed(feed_zip({OLD_POSTS: [post(5, "fine")], photos: {"other_photos_v2": "none"},
                               videos: {"videos_v2": [7, {"uri": 5, "description": ["x"]}]}}))
    assert [p.caption for p in feed.posts] == ["fine"]
    files = {w.file: w.message for w in feed.warnings}
    assert "not the expected list" in files[photos]
    assert "1 entries are not posts" in files[videos]


def test_facebook_album_photo_titles_repeating_the_album_name_run_together_are_not_words(feed_zip, feed_jpeg):
    """Facebook titles an album's photos with the album's name, sometimes squeezed ("Maxturns7"): no new word."""
    uri = "your_facebook_activity/posts/media/Maxturns7_x1/1.jpg"
    album = {"name": meta("Max turns 7! 🦖"), "photos": [
        {"uri": uri, "creation_timestamp": 1_690_000_000, "title": "Maxturns7", "description": "Dino cake"}]}
    feed = open_feed(feed_zip({"your_facebook_activity/posts/album/0.json": album, uri: feed_jpeg()}))
    assert [(p.caption, p.extra_text) for p in feed.posts] == [("Dino cake", ("Max turns 7! 🦖",))]


def test_facebook_profile_names_the_account_holder(feed_zip, feed_jpeg):
    """``profile_v2.name`` is the poster's name, before any name the posts' titles give."""
    data = feed_zip({NEW_POSTS: [post(1_700_000_000, "Hello", media("your_facebook_activity/posts/media/A/1.jpg"))],
                     "your_facebook_activity/posts/media/A/1.jpg": feed_jpeg(),
                     "personal_information/profile_information/profile_information.json":
                         {"profile_v2": {"name": {"full_name": meta("Aoife Ní Bhriain"), "first_name": "Aoife"}}}})
    assert open_feed(data).holder == "Aoife Ní Bhriain"


def test_facebook_titles_name_the_holder_when_no_profile_does(feed_zip):
    titled = [{**post(1_700_000_000 + i, f"Post {i}"), "title": title} for i, title in enumerate(
        ["Kerry Byrne updated her status.", "Kerry Byrne was at Westport House.", "Someone else shared a memory."])]
    assert open_feed(feed_zip({NEW_POSTS: titled})).holder == "Kerry Byrne"
