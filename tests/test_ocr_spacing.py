"""Tests of kidsafe.ocr_spacing: word gaps found in rendered lines, spaces restored safely."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kidsafe.ocr_spacing import respace, word_segments


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


def _reader(words: list[str]):
    """A recogniser that returns the given words, and records how many crops it was given."""
    calls: list[int] = []

    def recognise(crops):
        calls.append(len(crops))
        return words[: len(crops)]

    return recognise, calls


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


def test_ocr_spacing_restores_dropped_spaces():
    gray, bgr, quad = _line("HAPPY 7TH BIRTHDAY", 48)
    recognise, calls = _reader(["HAPPY", "7TH", "BIRTHDAY"])
    assert respace(gray, bgr, quad, "HAPPY7THBIRTHDAY", recognise) == "HAPPY 7TH BIRTHDAY"
    assert calls == [3]


@pytest.mark.parametrize(
    ("first_read", "words"),
    [
        ("HAPPY7THBIRTHDAY", ["HAPPY", "7TH", "BIRTHDAV"]),  # a segment read differently
        ("HAPPY7THBIRTHDAY", ["HAPPY", "", "BIRTHDAY"]),  # a segment not read at all
    ],
)
def test_ocr_spacing_never_changes_characters(first_read, words):
    gray, bgr, quad = _line("HAPPY 7TH BIRTHDAY", 48)
    recognise, _ = _reader(words)
    assert respace(gray, bgr, quad, first_read, recognise) == first_read


def test_ocr_spacing_text_with_all_its_spaces_is_not_read_again():
    gray, bgr, quad = _line("OPEN DAY SATURDAY", 48)
    recognise, calls = _reader(["never", "used", "here"])
    assert respace(gray, bgr, quad, "OPEN DAY SATURDAY", recognise) == "OPEN DAY SATURDAY"
    assert calls == []


def test_ocr_spacing_slanted_lines_are_left_alone():
    gray, bgr, quad = _line("HAPPY 7TH BIRTHDAY", 48)
    slanted = [quad[0], [quad[1][0], quad[1][1] + 60], [quad[2][0], quad[2][1] + 60], quad[3]]
    recognise, calls = _reader(["HAPPY", "7TH", "BIRTHDAY"])
    assert respace(gray, bgr, slanted, "HAPPY7THBIRTHDAY", recognise) == "HAPPY7THBIRTHDAY"
    assert calls == []
