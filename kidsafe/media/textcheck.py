"""A cheap check for text in a photo: where rows of letter-like shapes are, so that OCR reads only there.

OCR costs a few hundred milliseconds a photo, and most family photos show no text. This check
costs a few milliseconds: on a small grey copy of the photo, dark-on-light and light-on-dark
shapes are thresholded against their surroundings; shapes the size and form of letters are
linked to their right-hand neighbours when heights, baselines and spacing agree, and three or
more linked letters make a line. The lines' boxes, padded and merged, are the regions worth
reading. It errs towards reading: leaves and stripes sometimes pass as letters (OCR then reads
a small crop and finds nothing), while a sign, banner or certificate is rarely missed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from PIL import Image

from kidsafe.media.photos import opencv

log = logging.getLogger(__name__)

Box = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class TextRegion:
    """Where text likely is: a box (x0, y0, x1, y1) in the image's pixels, and its smallest letters' height."""

    box: Box
    letter_px: float  # median letter height of its smallest line, in the image's pixels (0: unknown)

WORK_SIDE = 640
"""Larger images are checked on a copy reduced by a whole factor to no less than this (longest side).
Letters under ``MIN_LETTER_PX`` on that copy (about 1/90 of its longest side) are not seen."""

BLOCK = 25
"""Side (px) of the neighbourhood each pixel is thresholded against."""

OFFSET = 12
"""How much darker (or lighter) than its neighbourhood a pixel must be to count as ink."""

MIN_LETTER_PX, MAX_LETTER_FRACTION = 7, 0.25
"""Letter heights kept: at least this many pixels, at most this fraction of the image height."""

MAX_LETTER_ASPECT = 3.0
"""Widest shape (width over height) kept as a letter: two letters touching pass, stripes do not."""

MIN_FILL, MAX_FILL = 0.12, 0.92
"""Ink over box area of a letter: thin strokes, never a solid block."""

SOLID_FILL, SOLID_ASPECT = 0.8, 1.0
"""A shape this full and at least this wide (width over height) is a block (a brick, a window), not letters."""

MIN_LETTER_AREA = 12
MIN_LETTERS = 3
"""Linked letters that make a line."""

MAX_HEIGHT_RATIO = 1.6
"""Neighbouring letters differ in height by at most this factor (capitals next to x-height letters)."""

MAX_GAP = 1.1
"""Largest gap between neighbouring letters, in letter heights (word spaces included)."""

MIN_OVERLAP = 0.55
"""Neighbouring letters share at least this fraction of the smaller one's height."""

MIN_LINE_ASPECT, MAX_LINE_ASPECT = 0.45, 1.3
"""The letters of a line are, in the median, this wide for their height: grass blades are thinner,
bricks and tiles wider."""

SHORT_LINE_PX = 10
"""A line of only ``MIN_LETTERS`` letters counts only with letters at least this tall (small ones are grit)."""

MAX_INK_SPREAD = 22.0
"""The letters of a line are written in one ink: their mean grey levels differ by at most this (std)."""

PAD_X, PAD_Y = 2.0, 2.5
"""Regions are padded by this many line heights (sideways, up and down) before merging: a letter the
check missed (a wide "M", letters run together) must not cut a line in two, and a sign's line the
check missed (next to one it found) is read too."""

FULL_FRACTION = 0.4
"""When the regions cover more than this fraction of the photo, the whole photo is read instead."""

MAX_REGIONS = 6
"""More separate regions than this: the whole photo is read instead."""

MAX_COMPONENTS = 4000
"""More letter-like shapes than this is texture (gravel, foliage): the whole photo is read instead."""


MAX_NEIGHBOURS = 24
"""Right-hand neighbours (in order of x) tried for each letter; in denser clutter some links are lost."""


def text_regions(image: Image.Image) -> tuple[TextRegion, ...]:
    """Regions of ``image`` that likely hold text, top to bottom: none, a few, or the whole image when many."""
    cv2 = opencv()  # one thread: the audit runs its own worker threads
    width, height = image.size
    if min(width, height) < MIN_LETTER_PX:
        return ()
    factor = max(1, max(width, height) // WORK_SIDE)
    grey = image if image.mode in ("RGB", "L") else image.convert("L")
    pixels = np.asarray((grey.reduce(factor) if factor > 1 else grey).convert("L"))  # reduce: a box filter, fast
    scale = pixels.shape[1] / width
    lines: list[tuple[Box, float]] = []
    full = (0, 0, width, height)
    for ink_is_dark in (True, False):
        binary = cv2.adaptiveThreshold(pixels if ink_is_dark else 255 - pixels, 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                                       cv2.THRESH_BINARY_INV, BLOCK, OFFSET)
        _count, labels, stats, _centres = cv2.connectedComponentsWithStats(binary, connectivity=8)
        keep = _letters(stats, pixels.shape[0])
        keep[0] = False  # the background
        if keep.sum() > MAX_COMPONENTS:
            log.debug("textcheck: %d letter-like shapes, reading the whole photo", int(keep.sum()))
            return (TextRegion(full, 0.0),)
        lines += _lines(np.flatnonzero(keep), stats, labels, pixels)
    if not lines:
        return ()
    regions = _merge([TextRegion(_pad(box, scale, width, height), letter / scale) for box, letter in lines])
    covered = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in (r.box for r in regions))
    if len(regions) > MAX_REGIONS or covered > FULL_FRACTION * width * height:
        return (TextRegion(full, min(r.letter_px for r in regions)),)
    return tuple(regions)


def _letters(stats: np.ndarray, image_height: int) -> np.ndarray:
    """Which connected shapes (rows of x, y, w, h, area) have a letter's size and form."""
    w, h, area = stats[:, 2], stats[:, 3], stats[:, 4]
    fill = area / np.maximum(w * h, 1)
    solid = (fill > SOLID_FILL) & (w >= SOLID_ASPECT * h)
    return ((h >= MIN_LETTER_PX) & (h <= MAX_LETTER_FRACTION * image_height) & (w >= 2)
            & (w <= MAX_LETTER_ASPECT * h) & (fill >= MIN_FILL) & (fill <= MAX_FILL) & (area >= MIN_LETTER_AREA)
            & ~solid)


def _lines(ids: np.ndarray, stats: np.ndarray, labels: np.ndarray,
           pixels: np.ndarray) -> list[tuple[Box, float]]:
    """Rows of at least ``MIN_LETTERS`` letters, each linked to its nearest fitting right neighbour:
    (box, median letter height) each."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(ids)
    if n < MIN_LETTERS:
        return []
    ids = ids[np.argsort(stats[ids, 0], kind="stable")]
    x, y, w, h = (stats[ids, i].astype(np.int64) for i in range(4))
    right, bottom = x + w, y + h
    link = np.full(n, -1)
    reach = right + MAX_GAP * h  # the furthest x a right-hand neighbour may start at
    for k in range(1, min(MAX_NEIGHBOURS, n - 1) + 1):  # the k-th letter to the right, for every letter at once
        i, j = np.arange(n - k), np.arange(k, n)
        near = x[j] <= reach[i]
        if not near.any():  # sorted by x: the (k+1)-th letters to the right are further still
            break
        lo, hi = np.minimum(h[i], h[j]), np.maximum(h[i], h[j])
        fits = ((link[i] < 0) & (x[j] >= right[i] - w[i] // 3) & near
                & (hi <= MAX_HEIGHT_RATIO * lo)
                & (np.minimum(bottom[i], bottom[j]) - np.maximum(y[i], y[j]) >= MIN_OVERLAP * lo))
        link[i[fits]] = j[fits]
    linked = np.flatnonzero(link >= 0)
    if len(linked) < MIN_LETTERS - 1:
        return []
    graph = coo_matrix((np.ones(len(linked)), (linked, link[linked])), shape=(n, n))
    _groups, group = connected_components(graph, directed=False)
    sizes = np.bincount(group)
    candidates = np.flatnonzero(sizes >= MIN_LETTERS)
    if not len(candidates):
        return []
    boxes = []
    for g in candidates:
        m = np.flatnonzero(group == g)
        ink = _ink(ids[m], stats, labels, pixels)
        line_h = float(np.median(h[m]))
        if bottom[m].max() - y[m].min() > 2.5 * line_h:  # a staircase of shapes, not a line
            continue
        aspect = float(np.median(w[m] / h[m]))
        if not MIN_LINE_ASPECT <= aspect <= MAX_LINE_ASPECT or np.std(ink) > MAX_INK_SPREAD:
            continue
        if len(m) == MIN_LETTERS and line_h < SHORT_LINE_PX:
            continue
        boxes.append(((int(x[m].min()), int(y[m].min()), int(right[m].max()), int(bottom[m].max())), line_h))
    return boxes


def _ink(ids: np.ndarray, stats: np.ndarray, labels: np.ndarray, pixels: np.ndarray) -> np.ndarray:
    """The mean grey level of each of the shapes ``ids`` (labels of ``labels``), read inside their boxes."""
    out = np.empty(len(ids))
    for k, i in enumerate(ids):
        x, y, w, h = stats[i, :4]
        box = (slice(y, y + h), slice(x, x + w))
        out[k] = pixels[box][labels[box] == i].mean()
    return out


def _pad(box: Box, scale: float, width: int, height: int) -> Box:
    """The box in the photo's pixels, padded by ``PAD_X`` and ``PAD_Y`` line heights and clipped."""
    x0, y0, x1, y1 = (v / scale for v in box)
    pad_x, pad_y = PAD_X * (y1 - y0), PAD_Y * (y1 - y0)
    return (max(0, int(x0 - pad_x)), max(0, int(y0 - pad_y)), min(width, int(x1 + pad_x + 1)),
            min(height, int(y1 + pad_y + 1)))


def _merge(regions: list[TextRegion]) -> list[TextRegion]:
    """Overlapping regions joined until none overlap (keeping the smaller letters), top to bottom."""
    merged = list(regions)
    changed = True
    while changed:
        changed = False
        out: list[TextRegion] = []
        for region in merged:
            box = region.box
            for k, other in enumerate(out):
                ob = other.box
                if box[0] <= ob[2] and ob[0] <= box[2] and box[1] <= ob[3] and ob[1] <= box[3]:
                    out[k] = TextRegion((min(box[0], ob[0]), min(box[1], ob[1]), max(box[2], ob[2]),
                                         max(box[3], ob[3])), min(region.letter_px, other.letter_px))
                    changed = True
                    break
            else:
                out.append(region)
        merged = out
    return sorted(merged, key=lambda r: (r.box[1], r.box[0]))
