"""Tests of kidsafe.media.ocr_spacing: word gaps found in rendered lines, spaces restored safely."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kidsafe.media.ocr_spacing import respace, word_segments


def _line(text: str, size: int, *, ink: int = 20, paper: int = 215) -> tuple[np.ndarray, np.ndarray, list]:
    """A grey and a BGR image of one rendered line, and the line's quadrilateral."""
    image = Image.new("L", (40 + size * len(text), size * 3), paper)
    draw = ImageDraw.Draw(image)
    x0, y0, x1, y1 = draw.textbbox((20, size), text, font=ImageFont.load_default(size=size))
    draw.text((20, size), text, font=ImageFont.load_default(size=size), fill=ink)
    gray = np.asarray(image)
    bgr = np.ascontiguousarray(np.repeat(gray[:, :, np.newaxis], 3, axis=2))
    pad = size // 3
    quad = [[x0 - pad, y0 - pad], [x1 + pad, y0 - pad], [x1 + pad, y1 + pad], [x0 - pad, y1 + pad]]
    return gray, bgr, quad


def _crop(gray: np.ndarray, quad: list) -> np.ndarray:
    (x0, y0), (x1, y1) = quad[0], quad[2]
    return gray[y0:y1, x0:x1]


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("OPEN DAY SATURDAY", 24),
        ("OPEN DAY SATURDAY", 48),
        ("TAVERN AVENUE LAWN", 20),
        ("ST. MARY'S JUNIOR SCHOOL", 34),
        ("Welcome to the Lake House", 40),
        ("WORD", 40),
    ],
)
def test_ocr_spacing_finds_one_segment_per_word(text, size):
    gray, _, quad = _line(text, size)
    assert len(word_segments(_crop(gray, quad))) == len(text.split())


@pytest.mark.parametrize(("ink", "paper"), [(20, 215), (240, 40)], ids=["dark-on-light", "light-on-dark"])
def test_ocr_spacing_works_for_either_polarity(ink, paper):
    gray, _, quad = _line("GO TEAM GO", 40, ink=ink, paper=paper)
    assert len(word_segments(_crop(gray, quad))) == 3


@pytest.mark.parametrize(
    "crop", [np.full((40, 300), 128, np.uint8), np.zeros((4, 300), np.uint8)], ids=["flat", "thin"]
)
def test_ocr_spacing_blank_or_thin_crops_have_no_words(crop):
    assert word_segments(crop) == []


def test_ocr_spacing_small_text_is_left_alone():
    gray, _, quad = _line("OPEN DAY SATURDAY", 14)
    assert word_segments(_crop(gray, quad)) == []


def _centres(text: str, size: int, crop_x0: int) -> list[float]:
    """The x of each character's centre of ``text`` (as rendered by ``_line``) in a crop from ``crop_x0``."""
    font = ImageFont.load_default(size=size)
    draw = ImageDraw.Draw(Image.new("L", (1, 1)))
    out = []
    for i in range(len(text)):
        left = draw.textlength(text[:i], font=font)
        right = draw.textlength(text[: i + 1], font=font)
        out.append(20 + (left + right) / 2 - crop_x0)
    return out


def _squeezed(text: str, size: int, crop_x0: int) -> tuple[str, list[float]]:
    """``text`` without its spaces, as the recogniser reads caps, with each character's centre."""
    centres = _centres(text, size, crop_x0)
    kept = [i for i, c in enumerate(text) if c != " "]
    return "".join(text[i] for i in kept), [centres[i] for i in kept]


@pytest.mark.parametrize(
    ("text", "size"),
    [("HAPPY 7TH BIRTHDAY", 48), ("OPEN DAY SATURDAY", 24), ("GO TEAM GO", 40), ("ST. MARY'S JUNIOR SCHOOL", 34)],
)
def test_ocr_spacing_restores_dropped_spaces(text, size):
    gray, _, quad = _line(text, size)
    squeezed, centres = _squeezed(text, size, quad[0][0])
    assert respace(_crop(gray, quad), squeezed, centres) == text


def test_ocr_spacing_keeps_the_spaces_already_read():
    gray, _, quad = _line("HAPPY 7TH BIRTHDAY", 48)
    text = "HAPPY 7THBIRTHDAY"  # one space read, one dropped
    centres = _centres("HAPPY 7TH BIRTHDAY", 48, quad[0][0])
    centres = centres[:9] + centres[10:]
    assert respace(_crop(gray, quad), text, centres) == "HAPPY 7TH BIRTHDAY"


@pytest.mark.parametrize("seed", range(20))
def test_ocr_spacing_never_changes_characters(seed):
    """Whatever positions the recogniser reports, only spaces are ever added."""
    gray, _, quad = _line("HAPPY 7TH BIRTHDAY", 48)
    rng = np.random.default_rng(seed)
    text = "HAPPY7THBIRTHDAY"
    centres = sorted(rng.uniform(-50, 900, len(text)))
    out = respace(_crop(gray, quad), text, centres)
    assert out.replace(" ", "") == text and "  " not in out


def test_ocr_spacing_text_with_all_its_spaces_is_unchanged():
    gray, _, quad = _line("OPEN DAY SATURDAY", 48)
    text = "OPEN DAY SATURDAY"
    assert respace(_crop(gray, quad), text, _centres(text, 48, quad[0][0])) == text


def test_ocr_spacing_without_positions_the_text_is_unchanged():
    gray, _, quad = _line("HAPPY 7TH BIRTHDAY", 48)
    assert respace(_crop(gray, quad), "HAPPY7THBIRTHDAY", []) == "HAPPY7THBIRTHDAY"


def test_ocr_spacing_vertical_crops_are_left_alone():
    gray, _, quad = _line("HAPPY 7TH BIRTHDAY", 48)
    squeezed, centres = _squeezed("HAPPY 7TH BIRTHDAY", 48, quad[0][0])
    turned = np.ascontiguousarray(np.rot90(_crop(gray, quad)))
    assert respace(turned, squeezed, centres) == squeezed
