"""The plain format: posts.csv rows and loose photos become posts; odd CSVs give warnings, not crashes."""

from __future__ import annotations

from datetime import datetime

import pytest

from kidsafe.ingest import open_feed
from kidsafe.ingest.plain import parse_date

HEADER = "id,date,caption,images\n"


def _ids(feed):
    return [p.id for p in feed.posts]


def _warned(feed, text):
    return [w for w in feed.warnings if text in w.message]


def test_plain_reads_rows_and_loose_photos(feed_folder, feed_jpeg):
    root = feed_folder({
        "posts.csv": HEADER + "7,2024-03-10 10:55,Park day #sunday,a.jpg;b.jpg\n8,2024-03-11,Just words,\n",
        "a.jpg": feed_jpeg(), "b.jpg": feed_jpeg(), "c.jpg": feed_jpeg(), "sub/d.png": b"png",
    })
    with open_feed(root) as feed:
        assert feed.format == "plain"
        assert _ids(feed) == ["7", "8", "c.jpg", "d.png"]
        first, text_only, loose = feed.posts[0], feed.posts[1], feed.posts[2]
        assert first.caption == "Park day #sunday"
        assert first.hashtags == ("sunday",)
        assert first.posted_at == datetime(2024, 3, 10, 10, 55)
        assert [p.path for p in first.photos] == ["a.jpg", "b.jpg"]
        assert text_only.photos == () and text_only.posted_at == datetime(2024, 3, 11)
        assert loose.posted_at is None and loose.caption == "" and loose.photos[0].path == "c.jpg"
        assert all(p.platform == "plain" for p in feed.posts)
        assert feed.warnings == ()


def test_plain_without_csv_every_photo_is_a_post(feed_folder, feed_jpeg):
    root = feed_folder({"x.JPG": feed_jpeg(), "y.heic": b"h", "notes.txt": "hello", "clip.mp4": b"v"})
    feed = open_feed(root)
    assert _ids(feed) == ["x.JPG", "y.heic"]
    assert [w.message for w in feed.warnings] == ["skipped 2 files that are not photos or posts: 1 video, 1 other"]


def test_plain_id_is_photo_name_without_id_column(feed_folder, feed_jpeg):
    root = feed_folder({"posts.csv": "date,caption,images\n2024-01-02,hi,IMG_1.jpg\n", "IMG_1.jpg": feed_jpeg()})
    feed = open_feed(root)
    assert _ids(feed) == ["IMG_1.jpg"]
    assert _warned(feed, "no 'id' column")


def test_plain_keeps_caption_verbatim_html_included(feed_folder, feed_jpeg):
    caption = '<b>Tom</b> & "Ana" <script>x</script>, 5 today'
    root = feed_folder({"posts.csv": HEADER + f'1,2024-01-02,"{caption.replace(chr(34), 2 * chr(34))}",a.jpg\n',
                        "a.jpg": feed_jpeg()})
    assert open_feed(root).posts[0].caption == caption


@pytest.mark.parametrize(
    ("data", "note"),
    [
        (("\ufeff" + HEADER + "1,2024-01-02,Café ☕,a.jpg\n").encode("utf-8"), None),
        ((HEADER + "1,2024-01-02,Café ☕,a.jpg\n").encode("utf-16"), None),
        ((HEADER + "1,2024-01-02,Café €,a.jpg\n").encode("cp1252"), "Windows-1252"),
        ("id;date;caption;images\n1;2024-01-02;Café;a.jpg\n".encode(), None),
        ("id\tdate\tcaption\timages\n1\t2024-01-02\tCafé\ta.jpg\n".encode(), None),
        ("Post ID,Posted_At,Text,Photos\n1,2024-01-02,Café,a.jpg\n".encode(), None),
    ],
    ids=["utf8-bom", "utf16", "cp1252", "semicolon", "tab", "renamed-columns"],
)
def test_plain_reads_csv_variants(data, note, feed_folder, feed_jpeg):
    feed = open_feed(feed_folder({"posts.csv": data, "a.jpg": feed_jpeg()}))
    post = feed.posts[0]
    assert (post.id, post.posted_at, post.photos[0].path) == ("1", datetime(2024, 1, 2), "a.jpg")
    assert post.caption.startswith("Café")
    assert len(feed.posts) == 1
    assert bool(_warned(feed, note or "\0")) == bool(note)


def test_plain_semicolon_csv_with_comma_separated_images(feed_folder, feed_jpeg):
    root = feed_folder({"posts.csv": "id;date;caption;images\n1;2024-01-02;hi;a.jpg, b.jpg\n",
                        "a.jpg": feed_jpeg(), "b.jpg": feed_jpeg()})
    assert [p.path for p in open_feed(root).posts[0].photos] == ["a.jpg", "b.jpg"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-10", datetime(2024, 3, 10)),
        ("2024-03-10 10:55", datetime(2024, 3, 10, 10, 55)),
        ("2024-03-10T10:55:00", datetime(2024, 3, 10, 10, 55)),
        ("2024-03-10T10:55:00+02:00", datetime(2024, 3, 10, 10, 55)),
        ("2024-03-10T10:55:00Z", datetime(2024, 3, 10, 10, 55)),
        ("2024/03/10 10:55", datetime(2024, 3, 10, 10, 55)),
        ("10/03/2024", datetime(2024, 3, 10)),
        ("", None),
        ("last Tuesday", None),
    ],
)
def test_plain_parse_date(text, expected):
    assert parse_date(text) == expected


def test_plain_odd_rows_are_warnings(feed_folder, feed_jpeg):
    csv = HEADER + (
        "1,yesterday,bad date,a.jpg\n"
        "2,2024-01-02,missing photo,gone.jpg\n"
        "2,2024-01-03,same id again,\n"
        ",,,\n"
        "3,2024-01-04,a video,clip.mp4\n"
    )
    feed = open_feed(feed_folder({"posts.csv": csv, "a.jpg": feed_jpeg(), "clip.mp4": b"v"}))
    assert _ids(feed) == ["1", "2", "2 (2)", "3"]
    assert feed.posts[0].posted_at is None
    assert _warned(feed, "date not understood")
    assert _warned(feed, "'gone.jpg' is not in the feed")
    assert _warned(feed, "used twice")
    assert _warned(feed, "'clip.mp4' is not a photo")
    assert all(w.file == "posts.csv" for w in feed.warnings if "row" in w.message)


def test_plain_missing_columns_and_no_header(feed_folder, feed_jpeg):
    only_caption = open_feed(feed_folder({"posts.csv": "caption\nhello\n", "a.jpg": feed_jpeg()}, name="one"))
    assert [p.caption for p in only_caption.posts] == ["hello", ""]
    assert _warned(only_caption, "no 'id', 'date', 'images' column")
    headless = open_feed(feed_folder({"posts.csv": "5,2024-01-02,hi there,a.jpg\n", "a.jpg": feed_jpeg()}, name="two"))
    assert [(p.id, p.caption) for p in headless.posts] == [("5", "hi there")]
    assert _warned(headless, "no header row")


def test_plain_broken_csv_keeps_earlier_rows(feed_folder, feed_jpeg):
    csv = HEADER + "1,2024-01-02,fine,a.jpg\n" + '2,2024-01-03,"' + "x" * 200_000 + '",\n'
    feed = open_feed(feed_folder({"posts.csv": csv, "a.jpg": feed_jpeg()}))
    assert _ids(feed) == ["1"]
    assert _warned(feed, "cannot be read as CSV")


def test_plain_zip_with_one_top_folder_reads_like_the_folder(feed_zip, feed_jpeg):
    data = feed_zip({"family/posts.csv": HEADER + "1,2024-01-02,hi,a.jpg\n", "family/a.jpg": feed_jpeg(),
                     "family/b.jpg": feed_jpeg()})
    feed = open_feed(data)
    assert [(p.id, [ph.path for ph in p.photos]) for p in feed.posts] == [
        ("1", ["family/a.jpg"]), ("b.jpg", ["family/b.jpg"])]
    assert feed.source.read("family/a.jpg")[:2] == b"\xff\xd8"
