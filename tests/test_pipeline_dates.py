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
