"""The app with uploaded posts: a ZIP or photos with a posts.csv, bad files, hostile captions, two sessions."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kidsafe.pipeline import AuditOptions
from ui import render, state

pytestmark = pytest.mark.load
APP = str(Path(__file__).resolve().parents[1] / "app.py")
HOSTILE = (
    ("6", "2024-12-07 10:00", "Theo at the park <script>alert(1)</script> so proud"),
    ("7", "2024-12-14 10:00", "Maya drew this <img src=x onerror=alert(1)> [click](javascript:alert(1)) **wow**"),
)


QUICK = AuditOptions(ocr=False, faces=False, nudity=False)  # tiny flat test photos need no detectors


def open_app(options=QUICK):
    """A fresh session on the load page."""
    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state[state.OPTIONS] = options
    return at.run()


def upload(at, files):
    """Drop the files into the uploader and press Audit."""
    at.file_uploader[0].set_value(files).run()
    next(b for b in at.button if b.label == "Audit these posts").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_app_upload_zip_shows_the_dossier(app_feed):
    at = upload(open_app(), ("family.zip", app_feed(), "application/zip"))
    assert at.title[0].value == "The stranger's dossier"
    assert [h.value for h in at.header][:3] == ["Maya", "Theo", "The family"]  # then, maybe, the faces
    values = {v for df in at.dataframe for v in df.value.get("Value", [])}
    assert {"Brookfield Primary School", "Grandma Rose", "18 May"} <= values
    why = next(e for e in at.expander if e.label.startswith("Why? school"))
    shown = "\n".join(m.value for m in why.markdown)
    assert f"{render.LEAK_OPEN}Brookfield Primary School{render.LEAK_CLOSE}" in shown
    assert f"**{render.esc('4 Sep 2024, “First day back at Brookfield Primary…”')}**" in shown


def test_app_upload_photos_and_captions_table(app_feed):
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(app_feed())) as zf:
        files = [(name, zf.read(name), "application/octet-stream") for name in zf.namelist()]
    at = upload(open_app(), files)
    assert [h.value for h in at.header][:3] == ["Maya", "Theo", "The family"]  # then, maybe, the faces


def test_app_upload_hostile_captions_show_as_text(app_feed):
    at = upload(open_app(), ("family.zip", app_feed(extra=HOSTILE), "application/zip"))
    everything = "\n".join(m.value for m in [*at.markdown, *at.caption])
    # Shown: every character escaped, so Markdown renders them as the characters themselves.
    assert render.esc("<script>alert(1)</script>") in everything
    assert render.esc("<img src=x onerror=alert(1)> [click](javascript:alert(1)) **wow**") in everything
    for element in [*at.markdown, *at.caption]:
        unescaped = re.compile(r"(?<!\\)(?:<|\]\(|\*\*wow)")  # a "<", "](" or "**wow" with no backslash before
        assert not unescaped.search(element.value), element.value
        assert not element.proto.allow_html or "script" not in element.value
    assert not at.get("html"), "no raw HTML element on the dossier page"


def test_app_upload_bad_file_is_a_clear_error(feed_zip):
    at = upload(open_app(), ("holiday.zip", b"this is not a zip at all", "application/zip"))
    assert at.error and render.esc("holiday.zip: not a ZIP") in at.error[0].value  # the file the user chose
    assert state.RUN not in at.session_state
    at = upload(open_app(), ("empty.zip", feed_zip({"notes.txt": "hello"}), "application/zip"))
    assert at.error and state.RUN not in at.session_state
    # a "photo" that is no photo and nothing else: no dossier of 0 facts, but an error naming what went wrong
    at = upload(open_app(), ("fake.zip", feed_zip({"x/notreally.jpg": b"<html>404</html>"}), "application/zip"))
    assert at.error and render.esc("nothing in it could be read") in at.error[0].value
    assert render.esc("notreally.jpg") in at.error[0].value
    assert state.RUN not in at.session_state


def _locked(data: bytes) -> bytes:
    """The ZIP with every entry marked encrypted (general-purpose flag bit 0), as a password-protected one is."""
    out = bytearray(data)
    for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.find(signature)
        while at != -1:
            out[at + flags] |= 1
            at = out.find(signature, at + 4)
    return bytes(out)


@pytest.mark.parametrize("locked", [False, True])
def test_app_upload_error_is_at_the_top_and_the_progress_box_is_gone(app_feed, locked):
    data = _locked(app_feed()) if locked else b"this is not a zip at all"
    at = upload(open_app(), ("holiday.zip", data, "application/zip"))
    blocks = list(at.main)
    error_at = next(i for i, el in enumerate(blocks) if el.type == "error" and "holiday" in el.value)
    button_at = next(i for i, el in enumerate(blocks) if getattr(el, "label", "") == "Try the demo family")
    assert error_at < button_at, "the error is shown above the page's buttons, not below the fold"
    boxes = [el.label for el in at.main if el.type == "expander"]
    assert boxes == ["Checks to run (all offline)"], f"no progress box is left on the page: {boxes}"


@pytest.mark.parametrize("damage", ["empty", "truncated", "not a photo"])
def test_app_upload_an_unreadable_photo_is_named_in_a_warning_at_the_top(app_feed, feed_zip, damage):
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(app_feed())) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    photo = files["photo3.jpg"]
    files["photo3.jpg"] = {"empty": b"", "truncated": photo[:len(photo) // 2], "not a photo": b"a note"}[damage]
    at = upload(open_app(), ("family.zip", feed_zip(files), "application/zip"))
    assert at.title[0].value == "The stranger's dossier"
    assert at.warning and "photo3" in at.warning[0].value and "had problems" in at.warning[0].value
    assert not at.error


def test_app_upload_one_zip_at_a_time(app_feed, feed_jpeg):
    at = upload(open_app(), [("a.zip", app_feed(), "application/zip"), ("b.jpg", feed_jpeg(), "image/jpeg")])
    assert at.error and "not a ZIP mixed with other files" in at.error[0].value


def test_app_upload_parts_of_a_takeout_together_read_as_one_export(feed_zip, jpeg_with_gps):
    year = "Takeout/Google Photos/Photos from 2024/"
    sidecar = {"title": "IMG_1.jpg", "description": "Maya's 7th birthday party 🎂",
               "photoTakenTime": {"timestamp": "1716040800"}}
    parts = [("takeout-20240601T000000Z-001.zip", feed_zip({year + "IMG_1.jpg": jpeg_with_gps(51.45, -2.59)}),
              "application/zip"),
             ("takeout-20240601T000000Z-002.zip", feed_zip({year + "IMG_1.jpg.supplemental-metadata.json": sidecar,
                                                            year + "clip.mp4": b"v"}), "application/zip")]
    at = upload(open_app(), parts)
    assert at.title[0].value == "The stranger's dossier"
    note = next(c.value for c in at.caption if c.value.startswith("Read as"))
    assert "Google Photos Takeout" in note and "1 video" in note
    assert at.session_state[state.RUN].dossier.posts_read == 1


def test_app_upload_two_sessions_are_isolated(app_feed):
    mine = upload(open_app(), ("family.zip", app_feed(), "application/zip"))
    theirs = open_app()
    assert state.RUN not in theirs.session_state
    theirs.switch_page("pages/dossier.py").run()
    assert theirs.info and not theirs.header, "another visitor sees nothing of my posts"
    other = (("1", "2024-03-02 10:00", "Sports day for Priya at Elmwood Infants", "2024:03:02 10:00:00", None),
             ("2", "2024-04-06 10:00", "Priya turns 6 today! 🎂", "2024:04:06 10:00:00", None))
    theirs = upload(open_app(), ("theirs.zip", app_feed(posts=other), "application/zip"))
    mine.run()
    assert [h.value for h in mine.header][:3] == ["Maya", "Theo", "The family"]
    assert "Maya" not in [h.value for h in theirs.header]
    assert mine.session_state[state.RUN].result is not theirs.session_state[state.RUN].result


def test_app_upload_safe_share_makes_a_download_and_leaves_no_file(app_feed):
    import tempfile

    before = set(Path(tempfile.gettempdir()).glob("kidsafe-share-*"))
    at = upload(open_app(), ("family.zip", app_feed(), "application/zip"))
    at.switch_page("pages/safe_share.py").run()
    next(b for b in at.button if b.label == "Make the safe copy").click().run()
    assert not at.exception and not at.error
    assert at.success or at.warning
    download = next(b for b in at.get("download_button") if b.label == "Download the safe copy (ZIP)")
    assert download
    run_id, data, report = at.session_state[state.SHARE]
    assert run_id == at.session_state[state.RUN].id
    assert data.startswith(b"PK") and report.photos == 4
    assert set(Path(tempfile.gettempdir()).glob("kidsafe-share-*")) == before, "the temporary folder is gone"


def test_app_upload_fix_it_gives_one_action_per_fact_and_its_counts_agree(app_feed):
    more = tuple((str(n), f"2024-06-{n - 9:02d} 10:00", "Park day with Maya") for n in range(10, 40))
    at = upload(open_app(), ("family.zip", app_feed(extra=more), "application/zip"))
    facts = len(at.session_state[state.RUN].dossier.facts)
    assert f"**{facts} facts (" in at.markdown[0].value  # the dossier page says the count the Fix page starts from
    at.switch_page("pages/fix.py").run()
    actions = [c.label for c in at.checkbox]
    assert len(actions) < facts / 2, "one action per fact, the GPS photos and a child's age in one"
    assert any(a.startswith("**Remove the location from 3") for a in actions), actions  # 3 photos of the 30+ at home
    assert f"**{facts} facts (" in at.markdown[0].value  # the same count the re-audit starts from
    next(b for b in at.button if b.label == "Re-audit with the ticked fixes").click().run()
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["Facts a stranger knew"] == facts
    assert metrics["Facts a stranger knew"] - metrics["Facts gone"] + metrics["Facts new or reworded"] == \
        metrics["Facts a stranger knows"]
    assert metrics["Facts gone"] >= 34, "every ticked action counts, each GPS photo at least"
    name = next(c for c in at.checkbox if c.label.startswith("**" + render.esc("Take Maya's name out of")))
    name.uncheck().run()  # Maya's name stays in the posts, so it stays in the dossier
    next(b for b in at.button if b.label == "Re-audit with the ticked fixes").click().run()
    assert int({m.label: m.value for m in at.metric}["Facts gone"]) < metrics["Facts gone"]


def test_app_upload_safe_share_shows_the_counts_the_cli_prints(app_feed, tmp_path, capsys):
    from kidsafe.cli import main

    at = upload(open_app(), ("family.zip", app_feed(), "application/zip"))
    at.switch_page("pages/safe_share.py").run()
    next(b for b in at.button if b.label == "Make the safe copy").click().run()
    _, _, report = at.session_state[state.SHARE]
    shown = {m.label: int(m.value) for m in at.metric}
    assert shown == dict(report.counts())
    feed = tmp_path / "family.zip"
    feed.write_bytes(app_feed())
    as_of = at.session_state[state.RUN].dossier.audit_date
    main(["share", str(feed), "--out", str(tmp_path / "copy.zip"), "--as-of", as_of.isoformat()])
    out = capsys.readouterr().out.splitlines()
    printed = dict(line.rsplit(": ", 1) for line in out if line.split(": ")[0] in shown)
    assert {label: int(n) for label, n in printed.items()} == shown
    verdict = (at.success or at.warning)[0].value
    assert verdict.startswith(report.verdict)
