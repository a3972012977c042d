"""A post's time: read as the export writes it, never made up from the archive's file times."""

from __future__ import annotations

import io
import tarfile
from datetime import date

from kidsafe.models import FactKind
from kidsafe.pipeline import AuditOptions, audit

QUICK = AuditOptions(ocr=False, faces=False, nudity=False)
POSTS = "your_instagram_activity/content/posts_1.json"
AS_OF = date(2025, 6, 1)


def _post(uri: str, ts: object, caption: str) -> dict:
    return {"media": [{"uri": uri, "creation_timestamp": ts, "title": caption}]}


def test_an_export_time_written_as_iso_text_is_read(feed_zip, feed_jpeg):
    """Some tools write ISO dates where Instagram writes seconds: the day is the same either way."""
    data = feed_zip({POSTS: [_post("media/posts/1.jpg", "2024-03-09T10:00:00+00:00", "Freya's 4th birthday today")],
                     "media/posts/1.jpg": feed_jpeg()})
    result = audit(data, as_of=AS_OF, options=QUICK)
    (birthday,) = result.dossier.facts_of_kind(FactKind.BIRTHDAY)
    assert birthday.value == "03-09"
    assert not [w for w in result.dossier.warnings if "no date" in w.message]


def test_an_export_post_whose_time_cannot_be_read_is_undated_and_said_so(feed_zip, feed_jpeg):
    """The ZIP entry's time is the day the archive was made: a birthday "today" read from it was false (6
    December, the day the ZIP was built). The post stays undated, and a warning names it."""
    data = feed_zip({POSTS: [_post("media/posts/1.jpg", "not a time", "Freya's 4th birthday today 🎂")],
                     "media/posts/1.jpg": feed_jpeg()})
    result = audit(data, as_of=AS_OF, options=QUICK)
    assert not result.dossier.facts_of_kind(FactKind.BIRTHDAY)
    assert not result.dossier.facts_of_kind(FactKind.BIRTH_YEAR)
    (warning,) = [w for w in result.dossier.warnings if "no date" in w.message]
    assert warning.file == "post 1.jpg" and "no birthday, age or weekly routine" in warning.message


def test_a_plain_folder_in_a_tar_made_in_1970_gives_no_date(feed_jpeg):
    """A tar written with times of 0: "born in 1966, age 59" came from that. A file time before 2000 is no
    photo's."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, data in (("feed/posts.csv", b"id,date,caption,images\n1,,Freya's 4th birthday today,a.jpg\n"),
                           ("feed/a.jpg", feed_jpeg())):
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 0
            tar.addfile(info, io.BytesIO(data))
    result = audit(out.getvalue(), as_of=AS_OF, options=QUICK)
    assert not result.dossier.facts_of_kind(FactKind.BIRTH_YEAR)
    assert [w.file for w in result.dossier.warnings if "no date" in w.message] == ["post 1"]


def test_a_plain_post_dated_only_by_its_photo_file_says_so(tmp_path, feed_jpeg):
    """A posts.csv row with no date and a photo without EXIF: the file's time dates it, and a warning says that a
    birthday read from it may be wrong."""
    import os
    from datetime import datetime

    (tmp_path / "posts.csv").write_text("id,date,caption,images\n1,,Freya is 4 today!,a.jpg\n", encoding="utf-8")
    (tmp_path / "a.jpg").write_bytes(feed_jpeg())
    stamp = datetime(2023, 1, 15, 12).timestamp()
    os.utime(tmp_path / "a.jpg", (stamp, stamp))
    result = audit(tmp_path, as_of=AS_OF, options=QUICK)
    (warning,) = [w for w in result.dossier.warnings if "file's own time" in w.message]
    assert warning.file == "post 1" and "may be wrong" in warning.message


def test_iso_text_without_an_offset_is_the_familys_clock_and_1970_is_no_time():
    from datetime import datetime

    from kidsafe.ingest.common import utc

    assert utc("2024-03-09") == datetime(2024, 3, 9)  # that day where they live, not 8 March in New York
    assert utc("2024-03-09T10:00:00Z").tzinfo is not None
    assert utc("1970-01-01T00:00:00Z") is None and utc(0) is None
