"""Tests of how an audit reads text in photos: found on the small image, read where it is legible."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from kidsafe import pipeline
from kidsafe.media import ocr, photos
from kidsafe.pipeline import AuditOptions, detector_side

SIGN = "Willowbrook Community Nursery"


def _photo(make_scene, text_size: int) -> tuple[bytes, Image.Image]:
    """A 1600x1200 JPEG with a sign of ``text_size`` px letters, and its detectors' decode."""
    image = make_scene((1600, 1200), seed=7)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=text_size)
    x0, y0, x1, y1 = draw.textbbox((60, 500), SIGN, font=font)
    draw.rectangle((x0 - 20, y0 - 20, x1 + 20, y1 + 20), fill=(240, 236, 220))
    draw.text((60, 500), SIGN, font=font, fill=(25, 25, 25))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    data = out.getvalue()
    info = photos.read_photo_info(data, "a.jpg")
    return data, photos.open_image(data, "a.jpg", max_side=detector_side(info, pipeline.DETECT_SIDE))


def _decodes(monkeypatch) -> list[int]:
    sides: list[int] = []
    real = photos.open_image
    monkeypatch.setattr(photos, "open_image", lambda data, path, max_side=1280: sides.append(max_side) or
                        real(data, path, max_side=max_side))
    return sides


def test_small_text_is_read_on_a_second_larger_decode(make_scene, monkeypatch):
    data, small = _photo(make_scene, 40)  # letters about 10 px tall on the detectors' 600x450 image
    sides = _decodes(monkeypatch)
    lines = pipeline._read_text(data, "a.jpg", small, ocr, AuditOptions(), None)
    assert [line.replace(" ", "").lower() for line in lines] == [SIGN.replace(" ", "").lower()]
    assert sides == [AuditOptions().max_side]


def test_large_text_is_read_without_a_second_decode(make_scene, monkeypatch):
    data, small = _photo(make_scene, 90)
    sides = _decodes(monkeypatch)
    assert pipeline._read_text(data, "a.jpg", small, ocr, AuditOptions(), None) == (SIGN,)
    assert sides == []


def test_lines_found_on_a_small_copy_are_read_on_the_large_one(make_scene):
    _, small = _photo(make_scene, 60)
    large = small.resize((small.width * 2, small.height * 2), Image.Resampling.BICUBIC)
    quads = ocr.find_lines(small)
    assert len(quads) == 1
    lines = ocr.read_lines(large, [quad * 2 for quad in quads])
    assert [line.text for line in lines] == [line.text for line in ocr.read_text(large)] == [SIGN]


def test_a_post_whose_export_says_where_or_who_is_something_to_audit():
    """A feed stops as unreadable only when every photo fails and no post says anything else: a Takeout photo's
    sidecar (its GPS, the people tagged) still gives the family away though the photo itself is damaged."""
    from kidsafe.models import GeoPoint, Photo, Post
    from kidsafe.pipeline import _says_something

    assert not _says_something(Post(id="1", photos=(Photo("a.jpg"),)))
    assert not _says_something(Post(id="1", caption="   "))
    assert _says_something(Post(id="1", photos=(Photo("a.jpg", gps=GeoPoint(53.8, -1.5)),)))
    assert _says_something(Post(id="1", photos=(Photo("a.jpg", people=("Maisie Whitfield",)),)))
    assert _says_something(Post(id="1", place_gps=GeoPoint(53.8, -1.5)))
    assert _says_something(Post(id="1", caption="Snow day"))
