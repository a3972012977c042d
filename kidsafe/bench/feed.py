"""The benchmark's synthetic feed: photo-like 1600x1200 JPEGs with EXIF and GPS, and a posts.csv.

Photos are drawn, not copied: a sky-to-ground gradient, shapes (house, trees, people-sized
blobs), camera-like noise and, on some, a sign, banner or certificate with text for OCR to
read. Each carries DateTimeOriginal, camera make and model and (when the post has one) a GPS
position. Photos are written by a small process pool; a feed of 1,000 takes some 20 seconds.
"""

from __future__ import annotations

import csv
import functools
import io
import multiprocessing
import random
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from kidsafe.bench.captions import Family, PlannedPost, plan_posts

PHOTO_SIZE = (1600, 1200)
JPEG_QUALITY = 88
NOISE_SIGMA = 9.0  # camera-like grain, in 8-bit levels
CAMERAS = (("Apple", "iPhone 13"), ("samsung", "SM-G991B"), ("Google", "Pixel 7"))
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
"""Fonts tried for signs; Pillow's bundled font is used where none of them is installed."""

TEXT_HEIGHTS = (34, 44, 56, 72, 96)
"""Cap heights (px, on the 1600x1200 photo) that sign text is drawn at."""

EXIF_DATETIME_ORIGINAL = 0x9003
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
MAKE, MODEL = 0x010F, 0x0110


@dataclass(frozen=True, slots=True)
class BenchFeed:
    """A written feed: its folder, the family, the posts and which photos show text."""

    folder: Path
    family: Family
    posts: tuple[PlannedPost, ...]

    @property
    def photo_names(self) -> tuple[str, ...]:
        """File names of the photos, one per post, in post order."""
        return tuple(photo_name(p) for p in self.posts)

    @property
    def text_photos(self) -> dict[str, tuple[str, ...]]:
        """Photo name -> the lines of text drawn in it, for the photos that show text."""
        return {photo_name(p): p.sign for p in self.posts if p.sign}


def photo_name(post: PlannedPost) -> str:
    """The photo file name of a planned post (as a phone names it)."""
    return f"IMG_{post.taken:%Y%m%d_%H%M%S}_{post.id}.jpg"


def write_feed(folder: Path, n: int, *, seed: int = 0, workers: int = 2) -> BenchFeed:
    """Write ``n`` posts (one photo each) and posts.csv into ``folder``; returns what was written."""
    family, posts = plan_posts(n, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "posts.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "date", "caption", "images"])
        for post in posts:
            writer.writerow([post.id, f"{post.posted:%Y-%m-%d %H:%M}", post.caption, photo_name(post)])
    jobs = [(folder / photo_name(p), p, seed * 1_000_003 + i) for i, p in enumerate(posts)]
    if workers > 1 and n > 8:  # spawned, not forked: the parent may hold model threads and locks
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(_write_photo, jobs, chunksize=8))
    else:
        for job in jobs:
            _write_photo(job)
    return BenchFeed(folder=folder, family=family, posts=tuple(posts))


def _write_photo(job: tuple[Path, PlannedPost, int]) -> None:
    path, post, seed = job
    path.write_bytes(make_photo(post, seed))


def make_photo(post: PlannedPost, seed: int) -> bytes:
    """The JPEG bytes of one post's photo, with its EXIF (date taken, camera, GPS)."""
    rng = random.Random(seed)
    image = _scene(rng)
    if post.sign:
        _draw_sign(image, post.sign, rng)
    pixels = np.asarray(image, dtype=np.int16)
    grain = _grain()
    dy, dx = rng.randrange(grain.shape[0] - PHOTO_SIZE[1]), rng.randrange(grain.shape[1] - PHOTO_SIZE[0])
    pixels = pixels + grain[dy:dy + PHOTO_SIZE[1], dx:dx + PHOTO_SIZE[0], :]
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, exif=_exif(post, rng).tobytes())
    return out.getvalue()


@functools.cache
def _grain() -> np.ndarray:
    """A noise field a little larger than a photo; each photo uses a random window of it."""
    gen = np.random.default_rng(12345)
    h, w = PHOTO_SIZE[1] + 64, PHOTO_SIZE[0] + 64
    return np.round(gen.normal(0, NOISE_SIGMA, (h, w, 3))).astype(np.int16)


def _colour(rng: random.Random, base: Sequence[int], spread: int = 40) -> tuple[int, int, int]:
    r, g, b = (min(255, max(0, c + rng.randint(-spread, spread))) for c in base)
    return r, g, b


def _scene(rng: random.Random) -> Image.Image:
    """Sky, ground, a house, trees and a few people-sized figures, in random places and colours."""
    width, height = PHOTO_SIZE
    horizon = rng.randint(int(height * 0.35), int(height * 0.7))
    sky_top, sky_low = _colour(rng, (90, 140, 215)), _colour(rng, (190, 215, 240))
    ground_top, ground_low = _colour(rng, (80, 140, 70), 50), _colour(rng, (50, 95, 45), 40)
    rows = np.empty((height, 3), dtype=np.float32)
    t_sky = np.linspace(0, 1, horizon)[:, None]
    rows[:horizon] = np.array(sky_top) * (1 - t_sky) + np.array(sky_low) * t_sky
    t_ground = np.linspace(0, 1, height - horizon)[:, None]
    rows[horizon:] = np.array(ground_top) * (1 - t_ground) + np.array(ground_low) * t_ground
    image = Image.fromarray(np.repeat(rows[:, None, :], width, axis=1).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(600, 2500)):  # grass and gravel: short strokes of every direction
        x, y = rng.randint(0, width), rng.randint(horizon, height)
        dx, dy = rng.randint(-6, 6), rng.randint(-22, -4)
        draw.line((x, y, x + dx, y + dy), fill=_colour(rng, ground_top, 60), width=rng.randint(1, 3))
    if rng.random() < 0.6:  # a house
        x = rng.randint(50, width - 650)
        w, h = rng.randint(300, 600), rng.randint(250, 450)
        draw.rectangle((x, horizon - h, x + w, horizon + 20), fill=_colour(rng, (180, 90, 70), 60))
        mortar = _colour(rng, (200, 190, 180), 20)
        for row, by in enumerate(range(horizon - h, horizon + 20, 22)):  # bricks
            draw.line((x, by, x + w, by), fill=mortar, width=2)
            for bx in range(x + (row % 2) * 25, x + w, 50):
                draw.line((bx, by, bx, by + 22), fill=mortar, width=2)
        draw.polygon([(x - 30, horizon - h), (x + w // 2, horizon - h - rng.randint(120, 260)),
                      (x + w + 30, horizon - h)], fill=_colour(rng, (90, 60, 50), 30))
        for i in range(rng.randint(1, 4)):
            wx = x + 30 + i * (w // 4)
            draw.rectangle((wx, horizon - h + 50, wx + 50, horizon - h + 120), fill=_colour(rng, (220, 230, 240), 20))
    for _ in range(rng.randint(2, 7)):  # trees
        x, r = rng.randint(0, width), rng.randint(60, 180)
        draw.rectangle((x - 12, horizon - r, x + 12, horizon + 40), fill=_colour(rng, (90, 60, 40), 20))
        leaf = _colour(rng, (50, 110, 50), 40)
        draw.ellipse((x - r, horizon - 2 * r - 60, x + r, horizon - 40), fill=leaf)
        for _ in range(r * 2):  # leaves
            lx, ly = x + rng.randint(-r, r), horizon - 40 - rng.randint(0, 2 * r + 20)
            draw.ellipse((lx, ly, lx + rng.randint(5, 14), ly + rng.randint(4, 10)), fill=_colour(rng, leaf, 45))
    for _ in range(rng.randint(1, 4)):  # people-sized figures: a head and a coat
        x = rng.randint(100, width - 100)
        y = rng.randint(horizon - 100, height - 350)
        s = rng.randint(70, 150)
        draw.ellipse((x - s // 2, y - s, x + s // 2, y), fill=_colour(rng, (225, 185, 150), 50))
        coat = _colour(rng, (120, 120, 160), 90)
        draw.rounded_rectangle((x - s, y + 10, x + s, y + 3 * s), radius=s // 3, fill=coat)
        if rng.random() < 0.5:  # a striped jumper
            stripe = _colour(rng, (230, 230, 230), 25)
            for sy in range(y + 30, y + 3 * s - 10, rng.randint(12, 26)):
                draw.line((x - s + 8, sy, x + s - 8, sy), fill=stripe, width=rng.randint(3, 7))
    return image


@functools.cache
def _font(index: int, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_FILES[index % len(FONT_FILES)]
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return ImageFont.load_default(size=size)


def _draw_sign(image: Image.Image, lines: Sequence[str], rng: random.Random) -> None:
    """A board (sign, banner or certificate) with the lines of text, somewhere on the photo."""
    cap = rng.choice(TEXT_HEIGHTS)
    font = _font(rng.randrange(len(FONT_FILES)), int(cap * 1.35))
    draw = ImageDraw.Draw(image)
    widths = [draw.textlength(line, font=font) for line in lines]
    while max(widths) > image.width * 0.9 and cap > 20:  # long lines: smaller text
        cap = int(cap * 0.85)
        font = _font(rng.randrange(len(FONT_FILES)), int(cap * 1.35))
        widths = [draw.textlength(line, font=font) for line in lines]
    line_h = int(cap * 1.8)
    pad = cap
    box_w, box_h = int(max(widths)) + 2 * pad, line_h * len(lines) + 2 * pad
    x0 = rng.randint(0, max(0, image.width - box_w))
    y0 = rng.randint(0, max(0, image.height - box_h))
    board, ink = rng.choice((((250, 250, 245), (25, 30, 60)), ((20, 70, 40), (245, 245, 235)),
                             ((255, 220, 90), (40, 30, 20)), ((240, 240, 255), (150, 20, 40))))
    draw.rectangle((x0, y0, x0 + box_w, y0 + box_h), fill=board, outline=(30, 30, 30), width=max(2, cap // 10))
    for i, (line, w) in enumerate(zip(lines, widths, strict=True)):
        draw.text((x0 + (box_w - w) / 2, y0 + pad + i * line_h), line, font=font, fill=ink)


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return float(degrees), float(minutes), round(((value - degrees) * 60 - minutes) * 60, 3)


def _exif(post: PlannedPost, rng: random.Random) -> Image.Exif:
    exif = Image.Exif()
    make, model = rng.choice(CAMERAS)
    exif[MAKE], exif[MODEL] = make, model
    exif.get_ifd(EXIF_IFD)[EXIF_DATETIME_ORIGINAL] = f"{post.taken:%Y:%m:%d %H:%M:%S}"
    if post.gps is not None:
        lat, lon = post.gps.lat, post.gps.lon
        exif.get_ifd(GPS_IFD).update({1: "N" if lat >= 0 else "S", 2: _dms(lat),
                                      3: "E" if lon >= 0 else "W", 4: _dms(lon)})
    return exif
