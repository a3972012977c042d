"""Every export layout kidsafe reads (2018-2025), each a small hand-written fixture of the published structure.

docs/EXPORTS.md lists these layouts with the year each was seen and the test below that reads it. The
fixtures hold no personal data: names and places are made up.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kidsafe.ingest import open_feed
from kidsafe.models import GeoPoint

JPEG_TIME = 1_716_305_400


def meta(text: str) -> str:
    """Text the way Meta stores it: UTF-8 bytes as latin-1 code points."""
    return text.encode("utf-8").decode("latin-1")


def ig_medium(uri: str, title: str = "", ts: int = 1_700_000_000) -> dict:
    return {"uri": uri, "creation_timestamp": ts, "title": title}


def fb_post(ts: int, text: str | None, *attachments: dict, tags: tuple[str, ...] = ()) -> dict:
    out: dict = {"timestamp": ts, "data": [{"post": text}] if text else [{"update_timestamp": ts}],
                 "attachments": [{"data": list(attachments)}] if attachments else [], "title": "Someone posted."}
    if tags:
        out["tags"] = [{"name": t} for t in tags]
    return out


def fb_media(uri: str, description: str = "", photo_metadata: dict | None = None) -> dict:
    return {"media": {"uri": uri, "creation_timestamp": 1_700_000_100, "title": "Mobile uploads",
                      "description": description, "media_metadata": {"photo_metadata": photo_metadata or {}}}}


def sidecar(title: str, description: str = "", ts: int = JPEG_TIME, geo=(0.0, 0.0), people=()) -> dict:
    where = {"latitude": geo[0], "longitude": geo[1], "altitude": 0.0}
    return {"title": title, "description": description, "photoTakenTime": {"timestamp": str(ts)},
            "creationTime": {"timestamp": str(ts + 60)}, "geoData": where, "geoDataExif": where,
            "people": [{"name": n} for n in people]}


# --- One fixture per layout: {path: contents}, with the captions it must give ------------------------------

def instagram_2024(jpeg: bytes) -> dict:
    posts = [{"media": [ig_medium("media/posts/202401/1.jpg", meta("Zoë’s first day 🎒"))]},
             {"title": "Beach day", "creation_timestamp": 1_700_000_500,
              "media": [ig_medium("media/posts/202402/2.jpg"), ig_medium("media/posts/202402/3.jpg")]}]
    return {"your_instagram_activity/content/posts_1.json": posts, "media/posts/202401/1.jpg": jpeg,
            "media/posts/202402/2.jpg": jpeg, "media/posts/202402/3.jpg": jpeg}


def instagram_2025(jpeg: bytes) -> dict:
    posts = [{"media": [ig_medium("media/posts/202501/1.webp", "Swim lesson every Tuesday")]}]
    reels = {"ig_reels_media": [{"media": [ig_medium("media/reels/202502/r.mp4", "Recital 🩰", 1_739_000_000)]}]}
    return {"your_instagram_activity/media/posts_1.json": posts, "your_instagram_activity/media/reels.json": reels,
            "media/posts/202501/1.webp": jpeg, "media/reels/202502/r.mp4": b"video"}


def instagram_2019(jpeg: bytes) -> dict:
    media = {"photos": [{"caption": "Sandcastles 🏖️", "taken_at": "2018-09-20T03:40:04+00:00",
                         "location": "Bondi Beach", "path": "photos/201809/a1.jpg"}]}
    comments = {"media_comments": [["2019-01-02T10:00:00+00:00", "Eli turns 4 on Sunday", "sam"],
                                   ["2019-01-03T10:00:00+00:00", "lovely!", "someone_else"]]}
    return {"media.json": media, "comments.json": comments, "profile.json": {"username": "sam"},
            "photos/201809/a1.jpg": jpeg}


def facebook_2018(jpeg: bytes) -> dict:
    located = {"latitude": 53.34, "longitude": -6.26, "taken_timestamp": 1_530_000_000, "upload_ip": "192.0.2.1"}
    posts = [fb_post(1_530_000_100, "Sports day", fb_media("photos_and_videos/Mobile_1/1_n.jpg",
                                                             photo_metadata=located))]
    return {"posts/your_posts_1.json": posts, "photos_and_videos/Mobile_1/1_n.jpg": jpeg}


def facebook_2022(jpeg: bytes) -> dict:
    folder = "your_activity_across_facebook/"
    posts = [fb_post(1_660_000_000, "Birthday picnic 🎂", fb_media(folder + "posts/media/Mobile_1/2_n.jpg"))]
    return {folder + "posts/your_posts__check_ins__photos_and_videos_1.json": posts,
            folder + "posts/media/Mobile_1/2_n.jpg": jpeg}


def facebook_2025(jpeg: bytes) -> dict:
    folder = "this_profile's_activity_across_facebook/"
    posts = [fb_post(1_740_000_000, meta("Léa’s recital 🎻"), fb_media(folder + "posts/media/Mobile_1/3_n.jpg")),
             fb_post(1_740_000_500, None, tags=("Nana Rose", "Sam Okoro"))]
    return {folder + "posts/your_posts__check_ins__photos_and_videos_1.json": posts,
            folder + "posts/media/Mobile_1/3_n.jpg": jpeg}


def takeout_2024(jpeg: bytes) -> dict:
    year, album = "Takeout/Google Photos/Photos from 2024/", "Takeout/Google Photos/Zoo trip/"
    return {year + "IMG_1.jpg": jpeg, year + "IMG_1.jpg.supplemental-metadata.json": sidecar("IMG_1.jpg", "Lions!"),
            year + "IMG_2.jpg": jpeg, year + "IMG_2.jpg.supplemental-metadata.json": sidecar(
                "IMG_2.jpg", "Penguins", geo=(51.53, -0.15), people=("Ada Q",)),
            album + "IMG_3.jpg": jpeg, album + "IMG_3.jpg.suppl.json": sidecar("IMG_3.jpg", ts=JPEG_TIME + 9)}


LAYOUTS = {
    "instagram-2024": (instagram_2024, "instagram", "2022-2024 layout (your_instagram_activity/content/)",
                       {"Zoë’s first day 🎒", "Beach day"}),
    "instagram-2025": (instagram_2025, "instagram", "2025 layout (your_instagram_activity/media/)",
                       {"Swim lesson every Tuesday", "Recital 🩰"}),
    "instagram-2019": (instagram_2019, "instagram", "before 2020 (media.json, comments.json)",
                       {"Sandcastles 🏖️", "Eli turns 4 on Sunday"}),
    "facebook-2018": (facebook_2018, "facebook", "2018-2021 layout (posts/your_posts_1.json)", {"Sports day"}),
    "facebook-2022": (facebook_2022, "facebook", "2022-2023 layout (your_activity_across_facebook/)",
                      {"Birthday picnic 🎂"}),
    "facebook-2025": (facebook_2025, "facebook", "2025 layout (this_profile's_activity_across_facebook/)",
                      {"Léa’s recital 🎻"}),
    "takeout-2024": (takeout_2024, "google_photos", "2024 layout (IMG_1.jpg.supplemental-metadata.json sidecars)",
                     {"Lions!", "Penguins"}),
}


def summary(feed) -> list[tuple]:
    """What a stranger reads of each post, independent of where the export sat (paths as base names)."""
    return sorted((p.id, p.caption, p.extra_text, tuple(ph.name for ph in p.photos), p.place_name, p.place_gps,
                   p.people, tuple(ph.gps for ph in p.photos), str(p.posted_at)) for p in feed.posts)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layouts_each_layout_is_read_with_its_format_and_every_caption(layout, feed_zip, feed_jpeg):
    build, fmt, label, captions = LAYOUTS[layout]
    feed = open_feed(feed_zip(build(feed_jpeg())))
    assert (feed.format, feed.layout) == (fmt, label)
    assert {p.caption for p in feed.posts if p.caption} == captions  # every caption, and only captions


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("as_zip", [False, True])
def test_layouts_an_export_wrapped_in_three_folders_reads_the_same(layout, as_zip, feed_zip, feed_folder, feed_jpeg):
    """Unzipped twice (a folder of the export's name inside another), with a Mac's litter: nothing changes."""
    build, fmt, _, _ = LAYOUTS[layout]
    files = build(feed_jpeg())
    wrap = "Downloads/export-2025/export-2025/"
    wrapped = {wrap + name: data for name, data in files.items()}
    wrapped |= {"__MACOSX/" + wrap + "._posts.json": b"\x00\x05", wrap + ".DS_Store": b"\x00", ".DS_Store": b"\x00"}
    if as_zip:
        plain, boxed = open_feed(feed_zip(files)), open_feed(feed_zip(wrapped))
    else:
        plain, boxed = open_feed(feed_folder(files, "flat")), open_feed(feed_folder(wrapped, "boxed"))
    assert (boxed.format, boxed.layout) == (plain.format, plain.layout) == (fmt, plain.layout)
    assert summary(boxed) == summary(plain)
    assert [w.message for w in boxed.warnings] == [w.message for w in plain.warnings]


# --- Facebook, case by case ---------------------------------------------------------------------------------

def test_layouts_facebook_2018_photo_metadata_holds_gps_and_time(feed_zip, feed_jpeg):
    feed = open_feed(feed_zip(facebook_2018(feed_jpeg())))
    (only,) = feed.posts
    assert only.photos[0].gps == GeoPoint(53.34, -6.26)
    assert only.photos[0].taken_at == datetime.fromtimestamp(1_530_000_000, UTC)


def test_layouts_facebook_tag_only_post_is_kept(feed_zip, feed_jpeg):
    feed = open_feed(feed_zip(facebook_2025(feed_jpeg())))
    tagged = [p for p in feed.posts if not p.photos]
    assert [(p.id, p.caption, p.people) for p in tagged] == [("1740000500", "", ("Nana Rose", "Sam Okoro"))]


def label_record(ts: int, *values: dict, media: list | None = None) -> dict:
    return {"timestamp": ts, "media": media or [], "label_values": list(values), "fbid": "1"}


def place_value(name: str, coordinates: str, address: str = "") -> dict:
    pairs = [{"label": "Name", "value": name}, {"label": "Coordinates", "value": coordinates}]
    return {"label": "Place", "dict": pairs + ([{"label": "Address", "value": address}] if address else [])}


def test_layouts_facebook_2024_label_value_files(feed_zip, feed_jpeg):
    """Check-ins, places the owner was tagged in and posts on other pages, in the ``label_values`` shape."""
    posts = "your_facebook_activity/posts/"
    check_ins = [label_record(1_720_000_000, {"label": "Message", "value": meta("Swim club 🏊 every Friday")},
                              place_value("Westside Pool", "(43.55 , -80.27)", "50 Main St"))]
    tagged = [label_record(1_720_000_100, place_value("Oak Hill Park", "(43.50, -80.20)"),
                           {"label": "Tags", "vec": [{"value": "Ava Q"}]})]
    other_pages = [label_record(1_720_000_200, {"label": "Text", "value": "Does anyone know the term dates?"}),
                   label_record(1_720_000_300, {"label": "URL", "value": "https://example.org"})]
    feed = open_feed(feed_zip({posts + "check-ins.json": check_ins, posts + "places_you_have_been_tagged_in.json":
                               tagged, posts + "posts_on_other_pages_and_profiles.json": other_pages,
                               posts + "media/x/1.jpg": feed_jpeg()}))
    got = {p.id: (p.caption, p.place_name, p.place_gps, p.extra_text, p.people) for p in feed.posts}
    assert got == {
        "1720000000": ("Swim club 🏊 every Friday", "Westside Pool", GeoPoint(43.55, -80.27), ("50 Main St",), ()),
        "1720000100": ("", "Oak Hill Park", GeoPoint(43.5, -80.2), (), ("Ava Q",)),
        "1720000200": ("Does anyone know the term dates?", None, None, (), ()),
    }


def test_layouts_facebook_label_record_with_media_is_a_photo_post(feed_zip, feed_jpeg):
    uri = "your_facebook_activity/posts/media/CheckIns_1/5_n.jpg"
    record = label_record(1_720_000_000, place_value("Lakeside Zoo", "(10.5, 20.25)"),
                          media=[{"uri": uri, "creation_timestamp": 1_720_000_000, "description": "Giraffes!"}])
    feed = open_feed(feed_zip({"your_facebook_activity/posts/check-ins.json": [record], uri: feed_jpeg()}))
    (only,) = feed.posts
    assert (only.id, only.caption, only.place_name, only.place_gps) == (
        "5_n.jpg", "Giraffes!", "Lakeside Zoo", GeoPoint(10.5, 20.25))


def test_layouts_facebook_groups_events_and_uncategorized_photos(feed_zip, feed_jpeg):
    act = "facebook-someone/your_facebook_activity/"
    group_posts = {"group_posts_v2": [fb_post(1_600_000_000, "Lost: a blue school jumper, Oak Hill Primary")]}
    group_comments = {"group_comments_v2": [{"timestamp": 1_600_000_100, "data": [
        {"comment": {"timestamp": 1_600_000_100, "comment": "Mia is in Year 2 too", "author": "Jo"}}]}]}
    events = {"your_events_v2": [{"name": "Ava’s 6th birthday party", "start_timestamp": 1_600_100_000,
                                  "description": "Bouncy castle!", "place": {
                                      "name": "Village Hall", "coordinate": {"latitude": 52.1, "longitude": -1.2},
                                      "address": "1 Green Lane"}}]}
    event_post = fb_post(1_600_000_200, None, {"event": {"name": "School fair", "start_timestamp": 1_600_000_000,
                                                         "place": {"name": "Oak Hill Primary"}}})
    photos = {"other_photos_v2": [{"uri": "your_facebook_activity/posts/media/Other/9.jpg",
                                   "creation_timestamp": 1_600_000_300, "description": "New bike"}]}
    feed = open_feed(feed_zip({
        act + "groups/group_posts_and_comments.json": group_posts,
        act + "groups/your_comments_in_groups.json": group_comments,
        act + "events/your_events.json": events,
        act + "posts/your_posts__check_ins__photos_and_videos_1.json": [event_post],
        act + "posts/uncategorized_photos.json": photos, act + "posts/media/Other/9.jpg": feed_jpeg(),
    }))
    got = {p.caption: (p.place_name, p.place_gps, p.extra_text) for p in feed.posts}
    assert got == {
        "Lost: a blue school jumper, Oak Hill Primary": (None, None, ()),
        "Mia is in Year 2 too": (None, None, ()),
        "Ava’s 6th birthday party": ("Village Hall", GeoPoint(52.1, -1.2), ("Bouncy castle!", "1 Green Lane")),
        "": ("Oak Hill Primary", None, ("School fair",)),
        "New bike": (None, None, ()),
    }
    assert feed.comments == 1


# --- Google Photos Takeout, case by case --------------------------------------------------------------------

def long_name(length: int) -> str:
    """A camera file name of ``length`` characters (extension included), as long names get truncated."""
    stem = "PXL_20240704_153012345.NIGHT.PORTRAIT_LONG_NAME_"
    return (stem * 3)[: length - 4] + ".jpg"


def truncated(name: str, limit: int) -> str:
    """The sidecar name Takeout writes when the full name passes ``limit`` characters (46 before 2024, then 51)."""
    full = name + (".supplemental-metadata" if limit == 51 else "")
    return (full if len(full) + 5 <= limit else full[: limit - 5]) + ".json"


@pytest.mark.parametrize(("photo", "json_name"), [
    ("IMG_1-edited(1).jpg", "IMG_1.jpg.supplemental-metadata(1).json"),
    ("IMG_1(1).jpg", "IMG_1(1).jpg.json"),
    ("IMG_1.jpg", "IMG_1.jpg.supplemental-met.json"),
    ("IMG_1-bearbeitet.jpg", "IMG_1.jpg.supplemental-metadata.json"),
    ("IMG_1-modifié.jpg", "IMG_1.jpg.supplemental-metadata.json"),
    ("IMG_1-editado.jpg", "IMG_1.jpg.json"),
    (long_name(44), truncated(long_name(44), 46)),
    (long_name(40), truncated(long_name(40), 51)),
    (long_name(47), truncated(long_name(47), 51)),
])
def test_layouts_takeout_sidecar_name_variants(photo, json_name, feed_zip, feed_jpeg):
    year = "Takeout/Google Photos/Photos from 2023/"
    feed = open_feed(feed_zip({year + photo: feed_jpeg(), year + json_name: sidecar(photo, "Caption here",
                                                                                     geo=(48.1, 11.5))}))
    assert [(p.id, p.caption, p.photos[0].gps) for p in feed.posts] == [(photo, "Caption here", GeoPoint(48.1, 11.5))]
    assert feed.warnings == ()


@pytest.mark.parametrize(("product", "year", "album"), [
    ("Zdjęcia Google", "Zdjęcia z 2021", "Wakacje nad morzem"),
    ("Google Fotos", "Fotos von 2021", "Urlaub am Meer"),
    ("Google Photos", "Photos from 2021", "Sports day"),
])
def test_layouts_takeout_localised_folders_and_album_without_metadata(product, year, album, feed_folder, feed_jpeg):
    top = f"Takeout/{product}/"
    photo = feed_jpeg()
    feed = open_feed(feed_folder({
        top + year + "/IMG_1.jpg": photo, top + year + "/IMG_1.jpg.json": sidecar("IMG_1.jpg", "Sandcastles"),
        top + album + "/IMG_1.jpg": photo, top + album + "/IMG_1.jpg.json": sidecar("IMG_1.jpg", "Sandcastles"),
        top + album + "/IMG_2.jpg": feed_jpeg((1, 2, 3)), top + album + "/IMG_2.jpg.json": sidecar("IMG_2.jpg"),
        top + "Archive/IMG_3.jpg": feed_jpeg((3, 2, 1)), top + "Archive/IMG_3.jpg.json": sidecar("IMG_3.jpg"),
    }))
    assert feed.format == "google_photos"
    assert sorted((p.id, p.caption, p.extra_text) for p in feed.posts) == [
        ("IMG_1.jpg", "Sandcastles", (album,)), ("IMG_2.jpg", "", (album,)), ("IMG_3.jpg", "", ())]


def test_layouts_takeout_gif_and_extensionless_legacy_media_are_photos(feed_zip, feed_jpeg):
    import io

    from PIL import Image

    gif = io.BytesIO()
    Image.new("P", (8, 8)).save(gif, "GIF")
    year = "Takeout/Google Photos/Photos from 2012/"
    feed = open_feed(feed_zip({year + "anim.gif": gif.getvalue(), year + "anim.gif.json": sidecar("anim.gif", "Wave"),
                               year + "IMG_0042": feed_jpeg(), year + "IMG_0042.json": sidecar("IMG_0042.jpg", "Old"),
                               year + "IMG_0043": feed_jpeg(),
                               year + "IMG_0043.JPG.json": sidecar("IMG_0043.JPG", "Older"),
                               year + "NOTES": b"not a photo"}))
    assert sorted((p.id, p.caption) for p in feed.posts) == [("IMG_0042", "Old"), ("IMG_0043", "Older"),
                                                             ("anim.gif", "Wave")]
    assert dict(feed.skipped) == {"other": 1}  # a file with no extension that no sidecar calls a photo


def test_layouts_takeout_sidecar_without_its_photo_says_a_part_may_be_missing(feed_zip, feed_jpeg):
    year = "Takeout/Google Photos/Photos from 2024/"
    feed = open_feed(feed_zip({year + "IMG_1.jpg": feed_jpeg(), year + "IMG_1.jpg.json": sidecar("IMG_1.jpg"),
                               year + "IMG_2.jpg.json": sidecar("IMG_2.jpg", "in the other part")}))
    assert [p.id for p in feed.posts] == ["IMG_1.jpg"]
    assert any("1 photo descriptions" in w.message and "several parts" in w.message for w in feed.warnings)


# --- Nothing dropped in silence -----------------------------------------------------------------------------

def test_layouts_plain_reader_taking_over_says_what_was_looked_for(feed_zip, feed_jpeg):
    feed = open_feed(feed_zip({"export/data/stuff.json": {"x": 1}, "export/pics/a.jpg": feed_jpeg()}))
    assert feed.format == "plain" and [p.id for p in feed.posts] == ["a.jpg"]
    (warning, skipped) = feed.warnings
    assert "no platform export was recognised" in warning.message
    assert all(words in warning.message for words in ("your_instagram_activity", "your_facebook_activity",
                                                      "Takeout"))
    assert skipped.message == "skipped 1 file that is not a photo or post: 1 data file kidsafe does not read"


def test_layouts_a_folder_of_photos_alone_needs_no_warning(feed_zip, feed_jpeg):
    feed = open_feed(feed_zip({"a.jpg": feed_jpeg(), "b.jpg": feed_jpeg()}))
    assert (feed.format, feed.layout, feed.warnings) == ("plain", "photos only", ())


def test_layouts_every_file_not_read_is_counted_with_its_reason(feed_zip, feed_jpeg):
    files = instagram_2024(feed_jpeg()) | {
        "media/reels/1.mp4": b"v", "media/profile/p.jpg": feed_jpeg(), "messages/inbox/a/message_1.json": {},
        "your_instagram_activity/likes/liked_posts.html": "<html/>", "notes.txt": "x", "../evil.jpg": b"x"}
    feed = open_feed(feed_zip(files))
    assert dict(feed.skipped) == {"video": 1, "photo not in any post": 1, "HTML page": 1,
                                  "data file kidsafe does not read": 1, "other": 1,
                                  "refused or unreadable (each named in the warnings)": 1}
    assert {p.caption for p in feed.posts} == {"Zoë’s first day 🎒", "Beach day"}


def test_layouts_an_export_with_no_readable_post_does_not_claim_nothing_was_recognised(feed_zip, feed_jpeg):
    feed = open_feed(feed_zip({"your_instagram_activity/content/posts_1.json": {"nothing": "here"},
                               "media/posts/1/a.jpg": feed_jpeg()}))
    messages = [w.message for w in feed.warnings]
    assert feed.format == "plain" and any("each photo was read as a post of its own" in m for m in messages)
    assert not any("no platform export was recognised" in m for m in messages)
