"""Restore the word spaces that the OCR recogniser drops, mostly in all-caps lines.

The PP-OCR recogniser often reads "HAPPY 5TH BIRTHDAY" as "HAPPY5THBIRTHDAY". When a
line's crop shows more wide gaps between ink than the text has spaces, each gap-separated
segment is read again on its own; the segments are joined with spaces only if, spaces
aside, they spell exactly the text first read. So this never changes a character.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

# Measured on rendered caps: word gaps are 0.4-0.55 of the ink height, letter gaps up to 0.25
# (more in small text, where pixels round: lines with less ink height are left alone).
WORD_GAP = 0.35  # a blank run at least this share of the ink height separates words
MIN_INK_HEIGHT_PX = 14
MIN_INK_SHARE = 0.03  # a column holds ink when at least this share of its pixels are ink
MAX_SLOPE = 0.08  # only near-horizontal lines (rise over run of the box's top edge)
MIN_HEIGHT_PX = 8
SEGMENT_MARGIN = 0.15  # each segment crop keeps this share of the ink height on each side

Recognise = Callable[[list[Any]], Sequence[str]]


def respace(gray: Any, bgr: Any, points: Any, text: str, recognise: Recognise) -> str:
    """``text`` with spaces put back where the line's crop shows word gaps, else unchanged.

    ``gray``/``bgr`` are the image the OCR ran on, ``points`` the line's quadrilateral in
    it, and ``recognise`` reads a list of BGR crops, one text per crop.
    """
    box = _upright_box(points, gray.shape)
    if box is None:
        return text
    x0, y0, x1, y1 = box
    segments = word_segments(gray[y0:y1, x0:x1])
    if len(segments) <= text.count(" ") + 1:
        return text
    crops = [np.ascontiguousarray(bgr[y0:y1, x0 + a : x0 + b]) for a, b in segments]
    words = [w.strip() for w in recognise(crops)]
    if all(words) and "".join("".join(words).split()) == "".join(text.split()):
        return " ".join(words)
    return text


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


def _upright_box(points: Any, shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    """The integer box of a near-horizontal quadrilateral, clipped to the image, or None."""
    quad = np.asarray(points, dtype=np.float64)
    (tx0, ty0), (tx1, ty1) = quad[0], quad[1]
    if tx1 - tx0 <= 0 or abs(ty1 - ty0) > MAX_SLOPE * (tx1 - tx0):
        return None
    height, width = shape[:2]
    x0, y0 = max(0, int(quad[:, 0].min())), max(0, int(quad[:, 1].min()))
    x1, y1 = min(width, int(np.ceil(quad[:, 0].max()))), min(height, int(np.ceil(quad[:, 1].max())))
    if x1 - x0 < MIN_HEIGHT_PX or y1 - y0 < MIN_HEIGHT_PX:
        return None
    return x0, y0, x1, y1
