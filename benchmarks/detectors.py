"""Benchmark of the optional image detectors: median milliseconds per 1600x1200 photo.

Run as ``.venv/bin/python benchmarks/detectors.py [--runs N] [--side PX]``. Each timed run
decodes a generated 1600x1200 JPEG, reduces it to the working size and runs one detector;
the models are loaded (and timed) once beforehand. Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import functools
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kidsafe import faces, nudity, ocr  # noqa: E402

OpenImage = Callable[..., Image.Image]
open_image: OpenImage | None
try:  # the pipeline's own decode-and-reduce step, when present
    from kidsafe.photos import open_image
except ImportError:  # pragma: no cover - benchmark run on a partial tree
    open_image = None

PHOTO_SIZE = (1600, 1200)
WORKING_SIDE = 1280  # longest side of the shared, reduced image the detectors receive
RUNS = 15


def make_photo() -> bytes:
    """A photo-like 1600x1200 JPEG: sky, grass, a house, noise and a line of text."""
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, (125, 170, 225))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, int(height * 0.6), width, height), fill=(70, 140, 60))
    draw.rectangle((400, 450, 900, 850), fill=(190, 80, 60))
    draw.polygon([(360, 450), (650, 250), (940, 450)], fill=(90, 50, 40))
    draw.text((420, 900), "OPEN DAY SATURDAY", font=ImageFont.load_default(size=56), fill=(255, 255, 255))
    noise = np.random.default_rng(7).normal(0, 12, (height, width, 3))
    pixels = np.clip(np.asarray(image, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    image = Image.fromarray(pixels).filter(ImageFilter.GaussianBlur(0.8))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def reduce(data: bytes, side: int) -> Image.Image:
    """Decode once at reduced size, as the pipeline does (JPEG draft mode, then thumbnail)."""
    if open_image is not None:
        return open_image(data, "benchmark.jpg", max_side=side)
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (side, side))
        image = image.convert("RGB")
    image.thumbnail((side, side), Image.Resampling.BILINEAR)
    return image


def _reduce_and_detect(detect: Callable[[Image.Image], object], photo: bytes, side: int) -> object:
    return detect(reduce(photo, side))


def timings_ms(run: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """Median and best wall time, and median CPU time, of ``run`` in milliseconds.

    The CPU time (of the whole process) is the figure that other work on shared cores
    disturbs least: with one onnxruntime thread it is close to the wall time on an idle machine.
    """
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> int:
    """Print load time and median ms per photo of each available detector."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--side", type=int, default=WORKING_SIDE, help="working size (longest side, px)")
    args = parser.parse_args(argv)
    photo = make_photo()
    detectors: dict[str, tuple[bool, Callable[[Image.Image], object]]] = {
        "ocr": (ocr.available(), ocr.read_text),
        "faces": (faces.available(), faces.detect_faces),
        "nudity": (nudity.available(), nudity.nudity_score),
    }
    print(f"photo {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} JPEG, working side {args.side}px, {args.runs} runs")
    print(f"{'':>11}  {'median':>8}  {'best':>8}  {'cpu':>8}  (ms per photo)")
    median, best, cpu = timings_ms(functools.partial(reduce, photo, args.side), args.runs)
    print(f"{'reduce only':>11}: {median:8.1f}  {best:8.1f}  {cpu:8.1f}")
    for name, (ok, detect) in detectors.items():
        if not ok:
            print(f"{name:>11}: unavailable")
            continue
        start = time.perf_counter()
        detect(reduce(photo, args.side))  # loads the model
        load_ms = (time.perf_counter() - start) * 1000
        median, best, cpu = timings_ms(functools.partial(_reduce_and_detect, detect, photo, args.side), args.runs)
        print(f"{name:>11}: {median:8.1f}  {best:8.1f}  {cpu:8.1f}  (first call, with loading: {load_ms:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
