"""Google Photos Takeout: every sidecar name variant, duplicates, edited copies, albums and GPS."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kidsafe.ingest import open_feed
from kidsafe.ingest.takeout import sidecar_target
from kidsafe.models import GeoPoint

YEAR = "Takeout/Google Photos/Photos from 2024/"
ALBUM = "Takeout/Google Photos/Zoo trip/"


def sidecar(title: str, description: str = "", ts: int = 1_716_305_400, geo=(0.0, 0.0), geo_exif=(0.0, 0.0),
            people: tuple[str, ...] = ()) -> dict:
    def where(pair):
        return {"latitude": pair[0], "longitude": pair[1], "altitude": 0.0, "latitudeSpan": 0.0}

    return {"title": title, "description": description, "imageViews": "1",
            "creationTime": {"timestamp": str(ts + 600), "formatted": "x"},
            "photoTakenTime": {"timestamp": str(ts), "formatted": "x"},
            "geoData": where(geo), "geoDataExif": where(geo_exif),
            "people": [{"name": n} for n in people], "googlePhotosOrigin": {"mobileUpload": {}}}


@pytest.mark.parametrize(
    ("json_name", "target"),
    [
        ("IMG_1.jpg.json", ("IMG_1.jpg", "")),
        ("IMG_1.jpg.supplemental-metadata.json", ("IMG_1.jpg", "")),
        ("IMG_1.jpg.supplemental-metad.json", ("IMG_1.jpg", "")),
        ("IMG_1.jpg.suppl.json", ("IMG_1.jpg", "")),
        ("IMG_1.jpg.s.json", ("IMG_1.jpg", "")),
        ("IMG_1.jpg.supplemental-metadata(1).json", ("IMG_1.jpg", "(1)")),
        ("IMG_1.jpg(2).json", ("IMG_1.jpg", "(2)")),
        ("metadata.json", ("metadata", "")),
        ("photo.txt", None),
    ],
)
def test_takeout_sidecar_target(json_name, target):
    assert sidecar_target("a/b/" + json_name) == target


@pytest.mark.parametrize(
    ("photo", "json_name"),
    [
        ("IMG_1.jpg", "IMG_1.jpg.json"),
        ("IMG_1.jpg", "IMG_1.jpg.supplemental-metadata.json"),
        ("IMG_1.jpg", "IMG_1.jpg.supplemental-metad.json"),
        ("IMG_1.jpg", "IMG_1.jpg.suppl.json"),
        ("IMG_1(1).jpg", "IMG_1.jpg.supplemental-metadata(1).json"),
        ("IMG_1(1).jpg", "IMG_1.jpg(1).json"),
        ("PXL_20240101_120000123.PORTRAIT.jpg", "PXL_20240101_120000123.PORTRAIT.jpg.supplemen.json"),
        ("Screenshot_20240101-101010_Some_Long_App_Name.png", "Screenshot_20240101-101010_Some_Long_App_N.json"),
    ],
)
def test_takeout_pairs_every_sidecar_variant(photo, json_name, feed_zip, feed_jpeg):
    data = feed_zip({YEAR + photo: feed_jpeg(), YEAR + json_name: sidecar(photo, "Caption for this one")})
    feed = open_feed(data)
    assert feed.format == "google_photos"
    assert [(p.id, p.caption) for p in feed.posts] == [(photo, "Caption for this one")]
    assert feed.warnings == ()


def test_takeout_reads_sidecar_fields(feed_folder, feed_jpeg):
    root = feed_folder({
        YEAR + "a.jpg": feed_jpeg(), YEAR + "a.jpg.supplemental-metadata.json":
            sidecar("a.jpg", "Ana’s 7th 🎂", ts=1_716_305_400, geo=(53.8, -1.5), people=("Ana Q", "Ben Q")),
        YEAR + "b.jpg": feed_jpeg(), YEAR + "b.jpg.json": sidecar("b.jpg", geo=(0.0, 0.0), geo_exif=(48.85, 2.35)),
        YEAR + "c.jpg": feed_jpeg(), YEAR + "c.jpg.json": sidecar("c.jpg"),
        YEAR + "d.jpg": feed_jpeg(),
    })
    a, b, c, d = open_feed(root).posts
    when = datetime.fromtimestamp(1_716_305_400, UTC)
    assert (a.id, a.caption, a.posted_at, a.platform) == ("a.jpg", "Ana’s 7th 🎂", when, "google_photos")
    assert a.photos[0].taken_at == when and a.photos[0].gps == GeoPoint(53.8, -1.5)
    assert a.photos[0].people == ("Ana Q", "Ben Q") and a.photos[0].description == "Ana’s 7th 🎂"
    assert b.photos[0].gps == GeoPoint(48.85, 2.35)
    assert c.photos[0].gps is None and c.caption == ""
    assert d.posted_at is None and d.photos[0].taken_at is None


def test_takeout_duplicates_and_edited_copies(feed_zip, feed_jpeg):
    data = feed_zip({
        YEAR + "IMG_1.jpg": feed_jpeg((1, 2, 3)),
        YEAR + "IMG_1.jpg.supplemental-metadata.json": sidecar("IMG_1.jpg", "one"),
        YEAR + "IMG_1(1).jpg": feed_jpeg((9, 9, 9)),
        YEAR + "IMG_1.jpg.supplemental-metadata(1).json": sidecar("IMG_1.jpg", "another one", ts=1_716_400_000),
        YEAR + "IMG_1-edited.jpg": feed_jpeg((5, 5, 5)),
        YEAR + "IMG_2-edited.jpg": feed_jpeg(), YEAR + "IMG_2.jpg.json": sidecar("IMG_2.jpg", "only the edit is left"),
        YEAR + "IMG_3-bearbeitet.jpg": feed_jpeg(), YEAR + "IMG_3.jpg": feed_jpeg(),
    })
    feed = open_feed(data)
    assert [(p.id, p.caption) for p in feed.posts] == [
        ("IMG_1(1).jpg", "another one"), ("IMG_1.jpg", "one"), ("IMG_2-edited.jpg", "only the edit is left"),
        ("IMG_3.jpg", "")]
    assert feed.warnings == ()


def test_takeout_same_photo_in_album_and_year_folder_is_one_post(feed_folder, feed_jpeg):
    photo = feed_jpeg()
    root = feed_folder({
        YEAR + "IMG_5.jpg": photo, YEAR + "IMG_5.jpg.supplemental-metadata.json": sidecar("IMG_5.jpg", "lions!"),
        ALBUM + "IMG_5.jpg": photo, ALBUM + "IMG_5.jpg.supplemental-metadata.json": sidecar("IMG_5.jpg", "lions!"),
        ALBUM + "metadata.json": {"title": "Zoo trip", "description": "Tom’s class trip 🦁", "access": "protected"},
        YEAR + "metadata.json": {"title": "Photos from 2024", "description": ""},
        ALBUM + "IMG_6.jpg": feed_jpeg((0, 0, 0)), ALBUM + "IMG_6.jpg.json": sidecar("IMG_6.jpg", ts=1_716_000_000),
        "Takeout/Google Photos/Other/IMG_6.jpg": feed_jpeg((255, 255, 255)),
        "Takeout/Google Photos/Other/IMG_6.jpg.json": sidecar("IMG_6.jpg", ts=1_600_000_000),
    })
    feed = open_feed(root)
    posts = {(p.photos[0].path.split("/")[2], p.photos[0].name, p.extra_text) for p in feed.posts}
    assert posts == {("Photos from 2024", "IMG_5.jpg", ("Tom’s class trip 🦁", "Zoo trip")),
                     ("Zoo trip", "IMG_6.jpg", ("Tom’s class trip 🦁", "Zoo trip")), ("Other", "IMG_6.jpg", ("Other",))}
    assert sorted(p.id for p in feed.posts) == ["IMG_5.jpg", "IMG_6.jpg", "IMG_6.jpg (2)"]
    assert feed.warnings == ()


def test_takeout_bad_sidecars_are_warnings(feed_zip, feed_jpeg):
    data = feed_zip({
        YEAR + "a.jpg": feed_jpeg(), YEAR + "a.jpg.json": "{broken",
        YEAR + "b.jpg": feed_jpeg(), YEAR + "b.jpg.json": ["a", "list"],
        YEAR + "c.jpg": feed_jpeg(),
        YEAR + "c.jpg.json": {"title": "c.jpg", "photoTakenTime": {"timestamp": "9" * 400}, "geoData": [],
                              "people": "nobody", "description": {"no": "text"}},
        YEAR + "v.mp4": b"video", YEAR + "v.mp4.json": sidecar("v.mp4"), YEAR + "notes.html": "<p>x</p>",
    })
    feed = open_feed(data)
    assert [(p.id, p.caption, p.posted_at) for p in feed.posts] == [("a.jpg", "", None), ("b.jpg", "", None),
                                                                    ("c.jpg", "", None)]
    files = {w.file: w.message for w in feed.warnings}
    assert "not valid JSON" in files[YEAR + "a.jpg.json"]
    assert "expected a JSON object" in files[YEAR + "b.jpg.json"]
    assert files["upload.zip"] == "skipped 2 files that are not photos or posts: 1 video, 1 HTML page"


@pytest.mark.parametrize(("title", "kept"), [("Ana’s 7th birthday 🎂", True), ("Photos from 2024", False),
                                             ("Fotos von 2023", False), ("Zdjęcia z 2022", False), ("2021", False)])
def test_takeout_album_title_is_text_but_year_folder_titles_are_not(title, kept, feed_zip, feed_jpeg):
    folder = f"Takeout/Google Photos/{title}/"
    feed = open_feed(feed_zip({folder + "a.jpg": feed_jpeg(), folder + "a.jpg.json": sidecar("a.jpg", "cake!"),
                               folder + "metadata.json": {"title": title, "description": ""}}))
    assert [(p.caption, p.extra_text) for p in feed.posts] == [("cake!", (title,) if kept else ())]
    assert feed.warnings == ()
