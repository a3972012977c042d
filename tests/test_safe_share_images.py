"""Tests of the safe share's photo side: rebuilding from pixels, covering faces and text, checking output."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms, ImageStat, PngImagePlugin
from skimage import data as skimage_data  # test-only dependency (requirements-dev.txt)

from kidsafe.media import faces
from kidsafe.share import covers, images
from kidsafe.share.covers import Box
from kidsafe.share.verify import Expected, csv_problems, photo_problems

XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="PhoneCam 1.0"/>'
       b"</rdf:RDF></x:xmpmeta>")


def _exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Acme"  # Make
    exif[0x0112] = orientation
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2024:05:04 09:30:00"  # DateTimeOriginal
    sub[0x927C] = b"ACME-MAKERNOTE-SERIAL-0042"  # MakerNote
    exif.get_ifd(0x8825).update({1: "N", 2: (54.0, 39.0, 50.0), 3: "W", 4: (2.0, 45.0, 10.0)})
    return exif


def _tagged_jpeg(image: Image.Image, orientation: int = 1) -> bytes:
    """A JPEG with EXIF (camera, date, maker note), GPS, XMP, an ICC profile and a comment."""
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    image.save(out, "JPEG", exif=_exif(orientation).tobytes(), icc_profile=icc, xmp=XMP, comment=b"at home")
    return out.getvalue()


def _astronaut() -> Image.Image:
    return Image.fromarray(skimage_data.astronaut())


def test_images_metadata_in_names_every_block(make_scene):
    found = images.metadata_in(_tagged_jpeg(make_scene((160, 120))), "x.jpg")
    assert {"EXIF", "GPS", "XMP", "ICC profile", "comment", "maker notes"} <= set(found)


def test_images_rebuilt_jpeg_carries_no_metadata(make_scene):
    photo = images.decode(_tagged_jpeg(make_scene((160, 120))), "x.jpg")
    out = images.encode_jpeg(photo.image)
    assert "GPS" in photo.metadata and "XMP" in photo.metadata
    with Image.open(io.BytesIO(out)) as im:
        assert im.format == "JPEG"
        assert not len(im.getexif())
        assert not {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(im.info)
    for marker in (b"Exif", b"http://ns.adobe.com/xap", b"ICC_PROFILE", b"at home", b"Acme", b"MAKERNOTE"):
        assert marker not in out
    assert {m for m, _ in images.jpeg_segments(out)} <= {0xE0, 0xDB, 0xC0, 0xC4, 0xDA}
    assert images.metadata_in(out, "out.jpg") == ()


def test_images_orientation_applied_before_rebuilding():
    image = Image.new("RGB", (80, 40), (255, 255, 255))
    image.paste((255, 0, 0), (0, 0, 20, 20))  # red in the top-left corner as stored
    photo = images.decode(_tagged_jpeg(image, orientation=6), "x.jpg")  # 6: turn 90 degrees clockwise to view
    assert photo.rotated
    assert photo.image.size == (40, 80)
    r, g, b = photo.image.getpixel((30, 5))  # stored top-left ends top-right
    assert r > 200 and g < 80 and b < 80


def test_images_heic_becomes_a_clean_jpeg(make_scene):
    out = io.BytesIO()
    make_scene((160, 120)).save(out, "HEIF", exif=_exif().tobytes())
    photo = images.decode(out.getvalue(), "x.heic")
    assert photo.source_format == "HEIF"
    assert "EXIF" in photo.metadata and "GPS" in photo.metadata
    jpeg = images.encode_jpeg(photo.image)
    assert jpeg[:2] == b"\xff\xd8"
    assert photo_problems(jpeg, "x.jpg", Expected()) == []


def test_images_png_text_chunks_are_not_kept(make_scene):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at home")
    out = io.BytesIO()
    make_scene((64, 48)).save(out, "PNG", pnginfo=info)
    photo = images.decode(out.getvalue(), "x.png")
    assert "PNG text" in photo.metadata
    assert b"taken at home" not in images.encode_jpeg(photo.image)


@pytest.mark.parametrize("style", covers.FACE_STYLES)
def test_covers_face_is_no_longer_detected(style):
    image = _astronaut()
    found = covers.find_faces(image)
    assert len(found) == 1
    regions = covers.cover_faces(image, found, style)
    again = covers.find_faces(image, threshold=covers.VERIFY_THRESHOLD)
    if style in covers.OPAQUE_STYLES:
        again = tuple(f for f in again if not covers.inside_opaque(f, regions))
    assert again == ()
    assert regions[0].overlap(covers.box_of(found[0])) == covers.box_of(found[0]).area


def test_covers_blur_is_strong_not_a_light_pixelation():
    image = _astronaut()
    (face,) = covers.find_faces(image)
    box = covers.box_of(face)
    before = image.crop((box.x0, box.y0, box.x1, box.y1)).convert("L")
    covers.cover_faces(image, [face], "blur")
    after = image.crop((box.x0, box.y0, box.x1, box.y1)).convert("L")
    # The detail (variance) inside the face is almost all gone.
    assert ImageStat.Stat(after).stddev[0] < 0.35 * ImageStat.Stat(before).stddev[0]


def test_covers_emoji_disc_is_not_itself_a_face():
    canvas = Image.new("RGB", (640, 480), (120, 160, 200))
    disc = covers.emoji_disc(300)
    canvas.paste(disc, (150, 80), disc)
    assert faces.detect_faces(canvas, threshold=0.3) == ()


def test_covers_tiles_find_a_small_face_in_a_large_photo():
    canvas = Image.new("RGB", (4000, 3000), (120, 140, 160))
    canvas.paste(_astronaut().resize((100, 100)), (2037, 1011))  # a face 17 px wide, 0.4% of the photo's width
    assert faces.detect_faces(canvas, threshold=covers.COVER_THRESHOLD) == ()  # lost at 640x480
    (face,) = covers.find_faces(canvas)
    assert 2037 - 8 <= face.x0 and face.x1 <= 2137 + 8 and 1011 - 8 <= face.y0 and face.y1 <= 1111 + 8


@pytest.mark.parametrize("size", [(640, 480), (1600, 1200), (4032, 3024), (1200, 5000)])
def test_covers_tiles_cover_the_whole_image(size):
    tiles = covers.tiles(size)
    assert all(0 <= t.x0 < t.x1 <= size[0] and 0 <= t.y0 < t.y1 <= size[1] for t in tiles)
    cells = {(x, y) for t in tiles for x in range(t.x0 // 50, (t.x1 + 49) // 50)
             for y in range(t.y0 // 50, (t.y1 + 49) // 50)}
    assert len(cells) == ((size[0] + 49) // 50) * ((size[1] + 49) // 50)


@pytest.mark.parametrize("style", ["blur", "fill"])
def test_covers_text_region_painted(style, make_scene):
    image = make_scene((400, 300))
    region = Box(100, 100, 300, 140)
    before = image.crop((100, 100, 300, 140)).tobytes()
    (painted,) = covers.cover_text(image, [region], style)
    assert painted.x0 <= 100 and painted.x1 >= 300
    assert image.crop((100, 100, 300, 140)).tobytes() != before


def test_verify_photo_problems_name_what_is_left(make_scene):
    problems = photo_problems(_tagged_jpeg(make_scene((160, 120))), "x.jpg", Expected())
    assert len(problems) == 1
    assert all(word in problems[0] for word in ("EXIF", "GPS", "XMP", "comment", "ICC"))


def test_verify_photo_problems_find_an_uncovered_face():
    out = io.BytesIO()
    _astronaut().save(out, "JPEG")
    problems = photo_problems(out.getvalue(), "x.jpg", Expected())
    assert problems and "face" in problems[0]
    (face,) = covers.find_faces(_astronaut())
    assert photo_problems(out.getvalue(), "x.jpg", Expected(kept=(covers.box_of(face),))) == []


@pytest.mark.parametrize(("text", "ok"), [
    ("id,date,caption,images\n1,2024-03-10,hi,a.jpg\n2,,no date,\n", True),
    ("id,date,caption,images\n1,2024-03-10 09:15,hi,a.jpg\n", False),
    ("post,when,text\n1,2024-03-10,hi\n", False),
])
def test_verify_csv_dates_to_the_day(text, ok):
    assert (csv_problems(text.encode("utf-8")) == []) is ok
