"""Tests of kidsafe.media.thumbnails: small previews, and blurred ones for sensitive pictures."""

import io

import numpy as np
import pytest
from PIL import Image

from kidsafe.errors import IngestError
from kidsafe.media.thumbnails import BLURRED_SIDE, THUMB_SIDE, thumbnail


def jpeg(image):
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def test_thumbnails_are_small_jpegs_without_metadata(jpeg_with_gps):
    data = jpeg_with_gps(51.4, -2.5, size=(800, 600))
    thumb = Image.open(io.BytesIO(thumbnail(data, "a.jpg")))
    assert thumb.format == "JPEG" and max(thumb.size) == THUMB_SIDE
    assert not thumb.getexif().get_ifd(0x8825)  # no GPS carried over


def test_thumbnails_blur_removes_detail():
    squares = (np.indices((480, 640)) // 40).sum(axis=0) % 2 * 255  # a black and white checkerboard
    data = jpeg(Image.fromarray(squares.astype(np.uint8)).convert("RGB"))
    sharp = np.asarray(Image.open(io.BytesIO(thumbnail(data, "a.jpg", max_side=BLURRED_SIDE))).convert("L"), float)
    blurred_image = Image.open(io.BytesIO(thumbnail(data, "a.jpg", blur=True)))
    blurred = np.asarray(blurred_image.convert("L"), float)
    assert max(blurred_image.size) <= BLURRED_SIDE
    assert sharp.std() > 100  # the squares are still there at this size, unblurred
    assert blurred.std() < sharp.std() / 5  # and gone, blurred


def test_thumbnails_blur_is_never_larger_than_its_limit(make_scene):
    data = jpeg(make_scene((640, 480)))
    image = Image.open(io.BytesIO(thumbnail(data, "a.jpg", blur=True, max_side=1000)))
    assert max(image.size) <= BLURRED_SIDE


def test_thumbnails_refuse_a_broken_photo_by_name():
    with pytest.raises(IngestError, match="broken.jpg"):
        thumbnail(b"\xff\xd8\xff not really a jpeg", "broken.jpg")
