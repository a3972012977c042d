"""Finding faces at full resolution and covering faces and text for good.

Faces are looked for in the whole photo and, in large photos, tile by tile, so small faces in a
group shot are not lost to the detector's 640x480 input. A face is covered with a strong Gaussian
blur whose radius grows with the face, a solid fill, or an emoji-like disc: never a light
pixelation, which can be undone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageStat

from kidsafe.media import faces as face_detector
from kidsafe.media.faces import FaceBox

FACE_STYLES = ("blur", "fill", "emoji")
OPAQUE_STYLES = frozenset({"fill", "emoji"})

COVER_THRESHOLD = 0.4
"""Detector score from which a face is covered (lower than the detector's 0.5: covering is cheap)."""

VERIFY_THRESHOLD = 0.5
"""Detector score from which a face found again in an output photo counts as uncovered."""

TILE_FROM = 2000
"""Photos whose longer side exceeds this are also searched tile by tile."""

TILE_SIDE = 1600
TILE_OVERLAP = 0.25
MERGE_IOU = 0.3
MERGE_CONTAINED = 0.6  # a box this much inside a bigger one is the same face (cut by a tile edge)

FACE_MARGIN = 0.25
"""Each side of a face box is pushed out by this share of the box (hair, ears, chin)."""

BLUR_SIGMA = 0.22
"""Gaussian blur radius as a share of the covered region's longer side."""

BLUR_PASSES = 2
TEXT_MARGIN = 0.2
TEXT_BLUR_SIGMA = 0.6  # share of the text line's height
EMOJI_FACE = (255, 200, 60)
EMOJI_EDGE = (200, 140, 20)
EMOJI_INK = (70, 45, 20)
SUPERSAMPLE = 4


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in image pixels: (x0, y0) inclusive, (x1, y1) exclusive."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        """Width in pixels."""
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        """Height in pixels."""
        return self.y1 - self.y0

    @property
    def area(self) -> int:
        """Area in pixels."""
        return max(0, self.width) * max(0, self.height)

    def grown(self, share: float, size: tuple[int, int]) -> Box:
        """The box pushed out by ``share`` of its size on each side, clipped to the image."""
        dx, dy = round(self.width * share), round(self.height * share)
        return Box(max(0, self.x0 - dx), max(0, self.y0 - dy), min(size[0], self.x1 + dx), min(size[1], self.y1 + dy))

    def overlap(self, other: Box) -> int:
        """Area shared with another box."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(0, w) * max(0, h)

    def iou(self, other: Box) -> float:
        """Intersection over union."""
        inter = self.overlap(other)
        union = self.area + other.area - inter
        return inter / union if union else 0.0


def box_of(face: FaceBox) -> Box:
    """The rectangle of a detector box."""
    return Box(face.x0, face.y0, face.x1, face.y1)


def tiles(size: tuple[int, int], side: int = TILE_SIDE, overlap: float = TILE_OVERLAP) -> list[Box]:
    """Overlapping square-ish tiles covering an image, for finding small faces in large photos."""
    width, height = size
    step = max(1, round(side * (1 - overlap)))

    def starts(length: int) -> list[int]:
        if length <= side:
            return [0]
        out = list(range(0, length - side, step))
        return [*out, length - side]

    return [Box(x, y, min(width, x + side), min(height, y + side)) for y in starts(height) for x in starts(width)]


def find_faces(image: Image.Image, *, threshold: float = COVER_THRESHOLD) -> tuple[FaceBox, ...]:
    """Faces in the whole image and, when it is large, in each tile; duplicates merged."""
    found = list(face_detector.detect_faces(image, threshold=threshold))
    if max(image.size) > TILE_FROM:
        for tile in tiles(image.size):
            crop = image.crop((tile.x0, tile.y0, tile.x1, tile.y1))
            for f in face_detector.detect_faces(crop, threshold=threshold):
                found.append(FaceBox(f.x0 + tile.x0, f.y0 + tile.y0, f.x1 + tile.x0, f.y1 + tile.y0, f.score))
    return merge(found)


def merge(found: Iterable[FaceBox]) -> tuple[FaceBox, ...]:
    """One box per face: the bigger box of two that overlap or nest, best score kept."""
    kept: list[FaceBox] = []
    for face in sorted(found, key=lambda f: -box_of(f).area):
        box = box_of(face)
        same = next((k for k in kept if box_of(k).iou(box) >= MERGE_IOU
                     or box_of(k).overlap(box) >= MERGE_CONTAINED * box.area), None)
        if same is None:
            kept.append(face)
        elif face.score > same.score:
            kept[kept.index(same)] = FaceBox(same.x0, same.y0, same.x1, same.y1, face.score)
    return tuple(sorted(kept, key=lambda f: -f.score))


def face_region(face: FaceBox, size: tuple[int, int]) -> Box:
    """The region painted over a face: its box with the margin, clipped to the image."""
    return box_of(face).grown(FACE_MARGIN, size)


def cover_faces(image: Image.Image, found: Sequence[FaceBox], style: str) -> list[Box]:
    """Cover each face in place with ``style`` (blur, fill or emoji); returns the regions painted."""
    if style not in FACE_STYLES:
        raise ValueError(f"faces must be one of {', '.join(FACE_STYLES)}, not {style!r}")
    regions = [face_region(f, image.size) for f in found]
    for region in regions:
        if region.area == 0:
            continue
        if style == "blur":
            _blur_ellipse(image, region, max(2.0, BLUR_SIGMA * max(region.width, region.height)))
        elif style == "fill":
            _fill(image, region)
        else:
            _emoji(image, region)
    return regions


def cover_text(image: Image.Image, boxes: Sequence[Box], style: str) -> list[Box]:
    """Cover text lines in place: blurred in blur style, else filled; returns the regions painted."""
    regions = []
    for box in boxes:
        pad = round(box.height * TEXT_MARGIN)
        region = Box(max(0, box.x0 - pad), max(0, box.y0 - pad), min(image.width, box.x1 + pad),
                     min(image.height, box.y1 + pad))
        if region.area == 0:
            continue
        if style == "blur":
            _blur_rect(image, region, max(2.0, TEXT_BLUR_SIGMA * region.height))
        else:
            _fill(image, region)
        regions.append(region)
    return regions


def _blurred(image: Image.Image, region: Box, sigma: float) -> tuple[Image.Image, Box]:
    """A blurred crop of the region with context around it, and the context box it covers."""
    pad = round(2 * sigma)
    outer = Box(max(0, region.x0 - pad), max(0, region.y0 - pad), min(image.width, region.x1 + pad),
                min(image.height, region.y1 + pad))
    crop = image.crop((outer.x0, outer.y0, outer.x1, outer.y1))
    for _ in range(BLUR_PASSES):
        crop = crop.filter(ImageFilter.GaussianBlur(sigma))
    return crop, outer


def _blur_ellipse(image: Image.Image, region: Box, sigma: float) -> None:
    crop, outer = _blurred(image, region, sigma)
    mask = Image.new("L", crop.size, 0)
    ImageDraw.Draw(mask).ellipse((region.x0 - outer.x0, region.y0 - outer.y0,
                                  region.x1 - outer.x0 - 1, region.y1 - outer.y0 - 1), fill=255)
    image.paste(crop, (outer.x0, outer.y0), mask)


def _blur_rect(image: Image.Image, region: Box, sigma: float) -> None:
    crop, outer = _blurred(image, region, sigma)
    inner = crop.crop((region.x0 - outer.x0, region.y0 - outer.y0, region.x1 - outer.x0, region.y1 - outer.y0))
    image.paste(inner, (region.x0, region.y0))


def _mean_colour(image: Image.Image, region: Box) -> tuple[int, int, int]:
    stat = ImageStat.Stat(image.crop((region.x0, region.y0, region.x1, region.y1)).convert("RGB"))
    r, g, b = (int(round(v)) for v in stat.mean[:3])
    return r, g, b


def _fill(image: Image.Image, region: Box) -> None:
    """The whole region painted in its own mean colour."""
    image.paste(_mean_colour(image, region), (region.x0, region.y0, region.x1, region.y1))


def emoji_disc(diameter: int) -> Image.Image:
    """An RGBA smiling disc drawn with Pillow (supersampled for smooth edges)."""
    s = max(8, diameter) * SUPERSAMPLE
    layer = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.ellipse((0, 0, s - 1, s - 1), fill=(*EMOJI_FACE, 255), outline=(*EMOJI_EDGE, 255), width=max(1, s // 40))
    eye_dx, eye_y, eye_r = s * 0.17, s * 0.36, s * 0.06
    for cx in (s * 0.5 - eye_dx, s * 0.5 + eye_dx):
        draw.ellipse((cx - eye_r * 0.8, eye_y - eye_r * 1.2, cx + eye_r * 0.8, eye_y + eye_r * 1.2),
                     fill=(*EMOJI_INK, 255))
    draw.arc((s * 0.28, s * 0.38, s * 0.72, s * 0.78), 20, 160, fill=(*EMOJI_INK, 255), width=max(1, s // 22))
    return layer.resize((max(1, diameter), max(1, diameter)), Image.Resampling.LANCZOS)


def _emoji(image: Image.Image, region: Box) -> None:
    """A disc wide enough to hide the whole region (its circumscribed circle), centred on it."""
    diameter = int(np.ceil(np.hypot(region.width, region.height)))
    cx, cy = (region.x0 + region.x1) // 2, (region.y0 + region.y1) // 2
    disc = emoji_disc(diameter)
    image.paste(disc, (cx - diameter // 2, cy - diameter // 2), disc)


def inside_opaque(face: FaceBox, regions: Sequence[Box], share: float = 0.8) -> bool:
    """True when most of a box lies in regions painted opaque (a detection there is our own paint)."""
    box = box_of(face)
    return box.area > 0 and sum(box.overlap(r) for r in regions) >= share * box.area
