"""Tests of kidsafe.media.textcheck: where a photo shows rows of letters, on generated photo-like images."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kidsafe.media.textcheck import TextRegion, text_regions

#: (text, font size, ink, board): signs, banners and labels as families photograph them.
SIGNS = [
    ("HILLCREST JUNIOR SCHOOL", 44, (20, 30, 70), (250, 250, 245)),
    ("Happy 6th birthday Tomasz", 36, (250, 250, 250), (150, 30, 40)),
    ("Swim Club Gala 2024", 30, (10, 10, 10), (255, 220, 90)),
    ("Certificate of Merit", 56, (30, 90, 40), (245, 245, 235)),
    ("Table 12 Room 4B", 24, (10, 10, 90), (235, 230, 215)),
]


def _with_sign(scene: Image.Image, text: str, size: int, ink, board, at=(80, 90)):
    """The scene with ``text`` on a board; returns the image and the text's box."""
    image = scene.copy()
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size)
    x0, y0, x1, y1 = draw.textbbox(at, text, font=font)
    draw.rectangle((x0 - 14, y0 - 14, x1 + 14, y1 + 14), fill=board)
    draw.text(at, text, font=font, fill=ink)
    return image, (x0, y0, x1, y1)


def _covers(region: tuple[int, int, int, int], box: tuple[int, int, int, int]) -> bool:
    return region[0] <= box[0] and region[1] <= box[1] and region[2] >= box[2] and region[3] >= box[3]


@pytest.mark.parametrize(("text", "size", "ink", "board"), SIGNS)
def test_textcheck_finds_a_sign_and_covers_it(make_scene, text, size, ink, board):
    image, box = _with_sign(make_scene(seed=size), text, size, ink, board)
    regions = text_regions(image)
    assert regions, "the sign was not found"
    assert any(_covers(r.box, box) for r in regions)
    assert all(isinstance(r, TextRegion) and r.letter_px > 0 for r in regions)


@pytest.mark.parametrize("seed", range(6))
def test_textcheck_finds_nothing_in_a_scene_without_text(make_scene, seed):
    assert text_regions(make_scene(seed=seed)) == ()


def test_textcheck_regions_are_in_the_given_images_pixels(make_scene):
    scene = make_scene(size=(1600, 1200), seed=3)
    image, box = _with_sign(scene, "WELCOME TO THE FARM SHOP", 64, (20, 20, 20), (250, 250, 250), at=(300, 900))
    (region,) = text_regions(image)
    assert _covers(region.box, box)
    assert region.box[2] <= 1600 and region.box[3] <= 1200
    assert 25 <= region.letter_px <= 70  # capitals of a 64-px font, measured on a reduced copy


def test_textcheck_a_page_of_text_is_read_whole(make_scene):
    image = make_scene(seed=1).copy()
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, image.width, image.height), fill=(250, 250, 250))
    font = ImageFont.load_default(size=22)
    for row in range(20):
        draw.text((20, 10 + row * 34), "Dear parents, the trip to the museum leaves at nine", font=font, fill=(0, 0, 0))
    (region,) = text_regions(image)
    assert region.box == (0, 0, image.width, image.height)


@pytest.mark.parametrize("size", [(1, 1), (5, 400), (400, 5)])
def test_textcheck_tiny_images_hold_no_text(size):
    assert text_regions(Image.new("RGB", size, (255, 255, 255))) == ()


@pytest.mark.parametrize("mode", ["L", "RGBA", "P"])
def test_textcheck_any_image_mode(make_scene, mode):
    image, box = _with_sign(make_scene(seed=2), "BUS STOP 42", 48, (0, 0, 0), (255, 255, 255))
    assert any(_covers(r.box, box) for r in text_regions(image.convert(mode)))


def test_textcheck_stripes_and_bricks_are_not_letters():
    image = Image.new("RGB", (960, 720), (170, 80, 60))
    draw = ImageDraw.Draw(image)
    for y in range(0, 720, 22):  # a brick wall
        draw.line((0, y, 960, y), fill=(210, 200, 190), width=3)
        for x in range((y // 22) % 2 * 25, 960, 50):
            draw.line((x, y, x, y + 22), fill=(210, 200, 190), width=3)
    noise = np.random.default_rng(0).normal(0, 6, (720, 960, 3))
    image = Image.fromarray(np.clip(np.asarray(image, dtype=np.float32) + noise, 0, 255).astype(np.uint8))
    assert text_regions(image) == ()
