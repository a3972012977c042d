"""Restore the word spaces that the OCR recogniser drops, mostly in all-caps lines.

The PP-OCR recogniser often reads "HAPPY 5TH BIRTHDAY" as "HAPPY5THBIRTHDAY". The line's crop
shows where the words are: blank runs of columns wider than a letter gap. The recogniser also says
where it read each character (the time step of its output). A space goes between two characters
whenever the middle of a word gap lies between them; no character is ever changed or dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

# Measured on rendered caps: word gaps are 0.4-0.55 of the ink height, letter gaps up to 0.25
# (more in small text, where pixels round: lines with less ink height are left alone).
WORD_GAP = 0.35  # a blank run at least this share of the ink height separates words
MIN_INK_HEIGHT_PX = 14
MIN_INK_SHARE = 0.03  # a column holds ink when at least this share of its pixels are ink
MIN_HEIGHT_PX = 8
SEGMENT_MARGIN = 0.15  # each word's column range keeps this share of the ink height on each side
TALL_CROP = 1.5  # crops this many times taller than wide were turned for vertical text: left alone


def respace(gray: Any, text: str, centres: Sequence[float]) -> str:
    """``text`` with a space put back wherever the crop shows a word gap between two characters.

    ``gray`` is the grey line crop the recogniser read, ``centres`` the x of each character of
    ``text`` in it. Text whose positions are missing, or whose crop is not a horizontal line, is
    returned unchanged.
    """
    if len(centres) != len(text) or len(text) < 2 or gray.shape[0] > TALL_CROP * gray.shape[1]:
        return text
    segments = word_segments(gray)
    if len(segments) <= text.count(" ") + 1:
        return text
    gaps = [(end + start) / 2 for (_, end), (start, _) in zip(segments, segments[1:])]
    out = [text[0]]
    for i in range(1, len(text)):
        if text[i] != " " and text[i - 1] != " " and any(centres[i - 1] < gap < centres[i] for gap in gaps):
            out.append(" ")
        out.append(text[i])
    return "".join(out)


def word_segments(gray: Any) -> list[tuple[int, int]]:
    """Column ranges (start, end) of the words in a grey crop of one line of text."""
    ink = _ink_mask(gray)
    if ink is None:
        return []
    rows = np.nonzero(ink.sum(axis=1) >= max(1, MIN_INK_SHARE * ink.shape[1]))[0]
    cols = ink.sum(axis=0) >= max(1, MIN_INK_SHARE * ink.shape[0])
    if rows.size == 0 or not cols.any():
        return []
    ink_height = rows[-1] - rows[0] + 1
    if ink_height < MIN_INK_HEIGHT_PX:
        return []
    min_gap = WORD_GAP * ink_height
    margin = round(SEGMENT_MARGIN * ink_height)
    inked = np.nonzero(cols)[0]
    segments, start, last = [], inked[0], inked[0]
    for col in inked[1:]:
        if col - last - 1 >= min_gap:
            segments.append((start, last + 1))
            start = col
        last = col
    segments.append((start, last + 1))
    width = gray.shape[1]
    return [(max(0, int(a) - margin), min(width, int(b) + margin)) for a, b in segments]


def _ink_mask(gray: Any) -> Any:
    """Ink pixels of a crop: the Otsu class that is not the crop's border colour."""
    if min(gray.shape) < MIN_HEIGHT_PX or int(gray.max()) - int(gray.min()) < 32:
        return None
    threshold = _otsu(gray)
    dark = gray <= threshold
    border = np.concatenate([dark[0], dark[-1], dark[:, 0], dark[:, -1]])
    return ~dark if border.mean() > 0.5 else dark


def _otsu(gray: Any) -> int:
    """Otsu's threshold of an 8-bit grey image."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    total, total_mean = weight[-1], mean[-1]
    background = weight
    foreground = total - weight
    valid = (background > 0) & (foreground > 0)
    between = np.zeros(256)
    between[valid] = (total_mean * background[valid] - total * mean[valid]) ** 2 / (
        background[valid] * foreground[valid]
    )
    return int(np.argmax(between))
