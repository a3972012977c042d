"""End-to-end tests of the safe share on a small feed generated in tmp_path.

The feed has a face (the public-domain astronaut photo), photos with EXIF, GPS, XMP and a comment,
one turned by its EXIF orientation, one HEIC, one with a child's name written in it, and captions
that give names, the school, the town and a weekly time away.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFont
from skimage import data as skimage_data  # test-only dependency (requirements-dev.txt)

from kidsafe.share import export as safe_share
from kidsafe.cli import main
from kidsafe.media import faces
from kidsafe.pipeline import AuditOptions, audit
from kidsafe.share import covers, images

AS_OF = date(2025, 6, 1)
HOME = (54.6641, -2.7521)
GONE = ("child_name", "school", "town", "home", "routine", "location_leak")
FAST = AuditOptions(ocr=False)
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="PhoneCam"/></rdf:RDF></x:xmpmeta>')

CAPTIONS = [
    ("1", "2024-09-04 08:40", "First day at Brookside Primary 🎒 Maisie is 5 today! #brooksideprimary", "face.jpg"),
    ("2", "2024-09-12 18:30", "Swimming every Thursday at 4:30pm 🏊 Maisie loves it", "pool.jpg"),
    ("3", "2024-10-02 19:00", "Snow in Penrith ❄️ Theo is 3 today, our boy! #penrithmums", "snow.heic"),
    ("4", "2024-11-20 20:00", "Christmas from the Whitfields 🎄 #teamwhitfield", "name.jpg"),
    ("5", "2024-12-01 19:30", "Theo and Maisie at home, tired after Hillside Park", "turned.jpg"),
]


def _exif(taken: str, lat: float, lon: float, orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Acme"
    exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0x9003] = taken
    exif.get_ifd(0x8769)[0x927C] = b"ACME-SERIAL-0042"

    def dms(v: float) -> tuple[float, float, float]:
        v = abs(v)
        return float(int(v)), float(int((v % 1) * 60)), round(((v % 1) * 60 % 1) * 60, 2)

    exif.get_ifd(0x8825).update({1: "N" if lat >= 0 else "S", 2: dms(lat), 3: "E" if lon >= 0 else "W", 4: dms(lon)})
    return exif.tobytes()


def _jpeg(image: Image.Image, taken: str, orientation: int = 1) -> bytes:
    out = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(out, "JPEG", exif=_exif(taken, *HOME, orientation), icc_profile=icc, xmp=XMP, comment=b"our house")
    return out.getvalue()


def _with_name(scene: Image.Image, text: str) -> Image.Image:
    draw = ImageDraw.Draw(scene)
    draw.rectangle((40, 150, 600, 290), fill=(250, 250, 250))
    draw.text((70, 170), text, font=ImageFont.load_default(size=90), fill=(20, 20, 30))
    return scene


def build_feed(root) -> None:
    """The small feed: posts.csv and five photos."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "face.jpg").write_bytes(_jpeg(Image.fromarray(skimage_data.astronaut()), "2024:09:04 08:35:00"))
    (root / "pool.jpg").write_bytes(_jpeg(_scene((640, 480), seed=1), "2024:09:12 18:20:00"))
    heic = io.BytesIO()
    _scene((640, 480), seed=2).save(heic, "HEIF", exif=_exif("2024:10:02 18:50:00", *HOME))
    (root / "snow.heic").write_bytes(heic.getvalue())
    (root / "name.jpg").write_bytes(_jpeg(_with_name(_scene((640, 480), seed=3), "MAISIE"), "2024:11:20 19:55:00"))
    (root / "turned.jpg").write_bytes(_jpeg(_scene((640, 480), seed=4), "2024:12:01 19:20:00", orientation=6))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "date", "caption", "images"])
    writer.writerows(CAPTIONS)
    (root / "posts.csv").write_text(out.getvalue(), encoding="utf-8")


def _scene(size: tuple[int, int] = (640, 480), seed: int = 0) -> Image.Image:
    """A plain outdoor-like picture (sky, grass, a box) with no face and no text."""
    image = Image.new("RGB", size, (110 + 20 * seed, 160, 225))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, size[1] * 2 // 3, size[0], size[1]), fill=(70, 140, 60))
    draw.rectangle((size[0] // 4, size[1] // 3, size[0] // 2, size[1] * 2 // 3), fill=(180, 90, 60 + 30 * seed))
    return image


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """The feed, its share (all detectors on, blur) and the written ZIP's files."""
    root = tmp_path_factory.mktemp("share") / "feed"
    build_feed(root)
    out = root.parent / "shared.zip"
    report = safe_share.share(root, out, as_of=AS_OF)
    with zipfile.ZipFile(out) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    return root, out, report, files


def _rows(files: dict[str, bytes]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files["posts.csv"].decode("utf-8"))))


def test_safe_share_input_feed_really_leaks(shared):
    _, _, report, _ = shared
    assert {"child_name", "school", "town", "routine", "location_leak"} <= set(report.facts_before)


def test_safe_share_checks_pass_and_nothing_of_the_kinds_is_left(shared):
    _, _, report, _ = shared
    assert report.failures == ()
    assert not set(GONE) & set(report.facts_left)


def test_safe_share_reaudit_of_the_output_finds_no_leak_left(shared):
    _, out, _, _ = shared
    result = audit(out, as_of=AS_OF, options=AuditOptions(faces=False, nudity=False))
    try:
        kinds = {str(f.kind) for f in result.dossier.facts}
    finally:
        result.close()
    assert not set(GONE) & kinds


def test_safe_share_output_photos_carry_no_metadata(shared):
    _, _, _, files = shared
    photos = [n for n in files if n.endswith(".jpg")]
    assert len(photos) == 5
    for name in photos:
        data = files[name]
        with Image.open(io.BytesIO(data)) as im:
            assert im.format == "JPEG"
            assert not len(im.getexif())
            assert not im.getexif().get_ifd(0x8825)
            assert not {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(im.info)
        for marker in (b"Exif", b"http://ns.adobe.com/xap", b"ICC_PROFILE", b"our house", b"ACME"):
            assert marker not in data, (name, marker)


def test_safe_share_zip_entries_carry_no_time(shared):
    _, out, _, _ = shared
    with zipfile.ZipFile(out) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_safe_share_heic_in_gives_jpeg_out(shared):
    _, _, report, files = shared
    (post,) = [p for p in report.posts if p.source_post == "3"]
    (photo,) = post.photos
    assert photo.converted_from == "HEIF" and photo.name.endswith(".jpg")
    assert files[photo.name][:2] == b"\xff\xd8"


def test_safe_share_orientation_applied(shared):
    _, _, report, files = shared
    (post,) = [p for p in report.posts if p.source_post == "5"]
    (photo,) = post.photos
    assert photo.rotated
    with Image.open(io.BytesIO(files[photo.name])) as im:
        assert im.size == (480, 640)


def test_safe_share_face_covered_and_no_longer_detected(shared):
    _, _, report, files = shared
    (post,) = [p for p in report.posts if p.source_post == "1"]
    (photo,) = post.photos
    assert (photo.faces_found, photo.faces_covered) == (1, 1)
    image = Image.open(io.BytesIO(files[photo.name])).convert("RGB")
    assert faces.detect_faces(image) == ()
    assert covers.find_faces(image, threshold=covers.VERIFY_THRESHOLD) == ()


def test_safe_share_name_written_in_a_photo_is_covered(shared):
    _, _, report, _ = shared
    (post,) = [p for p in report.posts if p.source_post == "4"]
    assert post.photos[0].text_covered == 1


def test_safe_share_captions_redacted(shared):
    _, _, _, files = shared
    rows = _rows(files)
    text = " ".join(r["caption"] for r in rows)
    for leak in ("Maisie", "Theo", "Brookside", "Penrith", "Whitfield", "Thursday", "4:30", "Hillside", "#"):
        assert leak not in text, leak
    assert "my daughter" in text.lower() and "our town" in text.lower() and "at school" in text.lower()
    # the day alone, and none where it gives away an age ("5 today") or a weekly habit ("every Thursday"); the posts
    # left undated come last, so their place between two dated posts gives no day away
    assert [r["date"] for r in rows] == ["2024-11-20", "2024-12-01", "", "", ""]
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert all(r["images"].startswith("photo-") for r in rows)


def test_safe_share_report_lists_changes_without_the_words_taken_out(shared):
    _, _, report, files = shared
    written = json.loads(files["report.json"])
    assert written["ok"] is True
    first = written["posts"][next(i for i, p in enumerate(report.posts) if p.source_post == "1")]
    kinds = {c["kind"] for c in first["caption_changes"]}
    assert {"school", "child_name", "hashtag:school"} <= kinds
    assert {"EXIF", "GPS", "XMP", "comment"} <= set(first["photos"][0]["metadata_removed"])
    assert "hashtag dropped (names the school)" in files["report.md"].decode("utf-8")
    raw = files["report.json"] + files["report.md"]
    for leak in (b"Maisie", b"Brookside", b"Penrith", b"face.jpg", b"snow.heic"):
        assert leak not in raw
    assert "source" in report.posts[0].photos[0].as_dict(private=True)


def test_safe_share_report_md_shows_a_caption_as_typed_never_as_markup():
    from markdown_it import MarkdownIt

    from kidsafe.share.report import PostChange, ShareReport, to_markdown

    caption = "<script>alert(1)</script> **bold** [tap](http://x.example)\n# not a heading"
    md = to_markdown(ShareReport(out="copy.zip", faces="blur", captions="redact", facts_left={"sensitive_image": 1},
                                 posts=(PostChange(post="1", source_post="a", date="2024-05-01", caption=caption),)))
    assert "Faces: blurred." in md and "1 sensitive picture" in md and "sensitive_image" not in md  # plain words
    html = MarkdownIt().render(md)
    for made in ("<script", "<strong>bold", "<a href", "<h1>not"):
        assert made not in html, html
    assert "alert(1)" in html and "**bold**" in html
    assert caption in md  # as typed, with no escapes, for a reader in a text editor


def test_safe_share_keep_mode_keeps_captions_but_cleans_photos(tmp_path):
    root = tmp_path / "feed"
    build_feed(root)
    report = safe_share.share(root, tmp_path / "out.zip", captions="keep", as_of=AS_OF)
    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        rows = _rows({"posts.csv": zf.read("posts.csv")})
        photos = {n: zf.read(n) for n in zf.namelist() if n.endswith(".jpg")}
    assert sorted(r["caption"] for r in rows) == sorted(c[2] for c in CAPTIONS)
    assert all(p.edits == () for p in report.posts)
    # Captions kept as written still name the family: never "safe"; the photos are still clean.
    assert not report.safe
    assert {r.check for r in report.remaining} == {"words"}
    assert {r.post for r in report.remaining} == {"1", "2", "3", "4", "5"}
    assert any("captions kept" in n for n in report.notes)
    assert all(b"Exif" not in data for data in photos.values())


@pytest.mark.parametrize("style", ["fill", "emoji"])
def test_safe_share_other_face_styles_pass_their_checks(tmp_path, style):
    root = tmp_path / "feed"
    root.mkdir()
    (root / "a.jpg").write_bytes(_jpeg(Image.fromarray(skimage_data.astronaut()), "2024:09:04 08:35:00"))
    report = safe_share.share(root, tmp_path / "out.zip", faces=style, as_of=AS_OF, options=FAST)
    assert report.faces_covered == 1
    assert report.failures == ()


def test_safe_share_verification_catches_a_writer_that_keeps_metadata(tmp_path, monkeypatch):
    root = tmp_path / "feed"
    build_feed(root)

    def leaky(image: Image.Image) -> bytes:
        out = io.BytesIO()
        image.save(out, "JPEG", exif=_exif("2024:01:01 10:00:00", *HOME), xmp=XMP)
        return out.getvalue()

    monkeypatch.setattr(images, "encode_jpeg", leaky)
    report = safe_share.share(root, tmp_path / "out.zip", as_of=AS_OF, options=FAST)
    assert not report.ok
    assert sum("metadata left" in f and "GPS" in f for f in report.failures) == 5
    assert any(r.check == "audit" and "GPS" in r.what for r in report.remaining)
    assert json.loads(zipfile.ZipFile(tmp_path / "out.zip").read("report.json"))["ok"] is False


def test_safe_share_verification_catches_a_face_left_uncovered(tmp_path, monkeypatch):
    root = tmp_path / "feed"
    build_feed(root)
    monkeypatch.setattr(covers, "cover_faces", lambda image, found, style: [])
    report = safe_share.share(root, tmp_path / "out.zip", as_of=AS_OF, options=FAST)
    assert any("a face is still found" in f for f in report.failures)


def _takeout(root, tags: list[str]) -> None:
    folder = root / "Takeout" / "Google Photos" / "Photos from 2024"
    folder.mkdir(parents=True)
    (folder / "IMG_1.jpg").write_bytes(_jpeg(Image.fromarray(skimage_data.astronaut()), "2024:09:04 08:35:00"))
    sidecar = {"title": "IMG_1.jpg", "description": "Maisie is 5 today 🎂",
               "photoTakenTime": {"timestamp": "1725439500"}, "people": [{"name": t} for t in tags]}
    (folder / "IMG_1.jpg.supplemental-metadata.json").write_text(json.dumps(sidecar), encoding="utf-8")


@pytest.mark.parametrize(("tags", "keep", "kept"), [
    (["Maisie Whitfield"], "Maisie", 1),  # tagged alone: kept
    (["Maisie Whitfield"], "maisie", 1),  # any case
    (["Maisie Whitfield", "Priya Shah"], "Maisie", 0),  # two people tagged: not sure whose face
    (["Priya Shah"], "Maisie", 0),  # tagged as someone else
    ([], "Maisie", 1),  # no tags, the only photo of a post naming only her
    (["Maisie Whitfield"], "Nobody", 0),
])
def test_safe_share_keep_face_of(tmp_path, tags, keep, kept):
    _takeout(tmp_path / "feed", tags)
    report = safe_share.share(tmp_path / "feed", tmp_path / "out.zip", keep_face_of=keep, as_of=AS_OF, options=FAST)
    (photo,) = report.posts[0].photos
    assert (photo.faces_kept, photo.faces_covered) == (kept, 1 - kept)
    assert report.failures == ()
    if keep == "Nobody":
        assert any("nobody of that name" in n for n in report.notes)


def test_safe_share_refuses_bad_choices(tmp_path):
    with pytest.raises(ValueError, match="faces"):
        safe_share.share(tmp_path, tmp_path / "o.zip", faces="pixelate")
    with pytest.raises(ValueError, match="captions"):
        safe_share.share(tmp_path, tmp_path / "o.zip", captions="hide")


def test_safe_share_cli_writes_the_zip(tmp_path, capsys):
    root = tmp_path / "feed"
    build_feed(root)
    code = main(["share", str(root), "--out", str(tmp_path / "o.zip"), "--faces", "emoji", "--as-of", "2025-06-01"])
    assert code == 0
    assert "Safe to share" in capsys.readouterr().out
    assert zipfile.ZipFile(tmp_path / "o.zip").read("posts.csv").startswith(b"id,date,caption,images")


def test_safe_share_cli_exits_non_zero_when_a_check_fails(tmp_path, monkeypatch, capsys):
    root = tmp_path / "feed"
    build_feed(root)
    monkeypatch.setattr(covers, "cover_faces", lambda image, found, style: [])
    assert main(["share", str(root), "--out", str(tmp_path / "o.zip"), "--quiet"]) == 1
    assert "still to fix" in capsys.readouterr().err


def test_safe_share_cli_names_an_unreadable_input(tmp_path, capsys):
    assert main(["share", str(tmp_path / "missing"), "--out", str(tmp_path / "o.zip")]) == 2
    assert "missing" in capsys.readouterr().err
    assert not (tmp_path / "o.zip").exists()


def test_safe_share_cli_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["share", "--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    for option in ("--out", "--faces", "--captions", "--keep-face-of", "--as-of"):
        assert option in help_text


def test_safe_share_caption_check_redacts_what_the_engine_still_finds():
    from kidsafe.engine.views import PostView, TextPart
    from kidsafe.models import EvidenceSource, Post
    from kidsafe.share.captions import plan_captions
    from kidsafe.share.terms import Vocabulary
    from kidsafe.share.writer import Row

    # A name no first-name list knows and no model tagged, where no net reads a name ("Tiwa's" would be one): only
    # the engine's reading of the text finds it.
    captions = ["First day at school for our daughter Tiwa 🎒", "Swim lesson done, Tiwa 🏊", "muddy walk"]
    views = [PostView(post=Post(str(i), c), parts=(TextPart(c, EvidenceSource.CAPTION),))
             for i, c in enumerate(captions, 1)]

    def rows(done):
        return [Row(v.id, "2024-05-0" + v.id, done[v.id].text) for v in views]

    plan = plan_captions(views, Vocabulary(), rows, as_of=AS_OF)  # an empty vocabulary to start with
    assert [plan.captions[v.id].text for v in views] == ["First day at school for our daughter 🎒",
                                                         "Swim lesson done 🏊", "muddy walk"]
    assert plan.rounds >= 1 and any(t.kind == "child" for t in plan.vocab.terms)


def test_safe_share_a_word_the_feed_writes_in_lower_case_is_no_place_at_a_sentence_start():
    """"Cricket" is a village in the gazetteer; a feed that writes "the cricket club" means the game when a sentence
    opens with it ("Cricket bat and a shirt from us"), and "Penrith" is still read as a place."""
    from kidsafe.engine.views import PostView, TextPart
    from kidsafe.models import EvidenceSource, Post
    from kidsafe.share.captions import common_words, plan_captions
    from kidsafe.share.terms import Vocabulary
    from kidsafe.share.writer import Row

    captions = ["Sunday mornings at the cricket club are my idea of heaven", "Cricket bat and a shirt from us",
                "Penrith show was muddy"]
    views = [PostView(post=Post(str(i), c), parts=(TextPart(c, EvidenceSource.CAPTION),))
             for i, c in enumerate(captions, 1)]

    def rows(done):
        return [Row(v.id, "2024-05-0" + v.id, done[v.id].text) for v in views]

    assert "cricket" in common_words(captions) and "sunday" not in common_words(captions)
    plan = plan_captions(views, Vocabulary(), rows, as_of=AS_OF)
    assert plan.captions["2"].text == "Cricket bat and a shirt from us"
    assert "Penrith" not in plan.captions["3"].text


def test_safe_share_unreadable_photo_is_left_out_with_a_note(tmp_path):
    root = tmp_path / "feed"
    build_feed(root)
    (root / "pool.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    report = safe_share.share(root, tmp_path / "out.zip", as_of=AS_OF, options=FAST)
    (post,) = [p for p in report.posts if p.source_post == "2"]
    assert post.photos == () and post.left_out == 1
    assert any(f"post {post.post}:" in n and "left out" in n for n in report.notes)
    assert report.photos == 4


def test_safe_share_cli_cannot_write_leaves_nothing_behind(tmp_path, capsys):
    root = tmp_path / "feed"
    build_feed(root)
    (tmp_path / "afile").write_text("x")
    assert main(["share", str(root), "--out", str(tmp_path / "afile" / "o.zip"), "--quiet"]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "feed"]


def test_safe_share_cli_out_naming_a_folder_is_refused(tmp_path, capsys):
    """"--out newdir/" once wrote a ZIP called "newdir": a name ending in a slash is a folder, and the parent is told
    to give the ZIP's name."""
    root = tmp_path / "feed"
    build_feed(root)
    assert main(["share", str(root), "--out", str(tmp_path / "newdir") + "/", "--quiet"]) == 1
    assert "give the ZIP's file name" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed"]
