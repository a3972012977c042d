"""Optional text-in-image reading with rapidocr (PP-OCR models shipped inside the package).

Works on the already-decoded, reduced-size image the pipeline shares between detectors.
"""

from __future__ import annotations

import functools
import logging
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image

from kidsafe.errors import ExtractorUnavailable
from kidsafe.media._onnx import INTRA_OP_THREADS
from kidsafe.media.ocr_spacing import respace

log = logging.getLogger(__name__)

PIP_COMMAND = "pip install --no-deps rapidocr-onnxruntime==1.4.4 (after requirements.txt)"
RAPIDOCR_LOGGERS = ("RapidOCR", "OrtInferSession")  # they log to stderr at DEBUG level
# OCR runs on images of at most this side; larger ones are scaled down first. At or below 960 px
# rapidocr never resizes for detection (limit type "max"), which also keeps its per-call
# choice of resizer (shared engine state) from mattering when two threads read at once.
MAX_SIDE = 960
DETECT_LETTER_PX = 12  # lines are found on a copy where the smallest letters are about this tall
MAX_DETECT_ENLARGE = 2.0  # ...enlarged by at most this much when they are smaller
MIN_CHARS = 2  # lines with fewer letters or digits are mostly shapes read as "O" or "1"
MIN_SIDE_PX = 8  # thinner images hold no legible text (and break rapidocr's resizing)
MAX_ASPECT = 20.0  # longer strips are padded to this ratio before detection
PAD_COLOUR = (255, 255, 255)
ENGINE_OPTIONS: dict[str, Any] = {
    "text_score": 0.0,  # filtered per call with min_confidence instead
    "intra_op_num_threads": INTRA_OP_THREADS,
    "inter_op_num_threads": 1,
    "det_limit_type": "max",  # never upscale to a minimum side (rapidocr's default)
}

_lock = threading.Lock()
_engine: Any = None


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line of text read from an image, with its box (x0, y0, x1, y1) in image pixels."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]


def available() -> bool:
    """Whether rapidocr, onnxruntime and the OCR models are installed."""
    return _import_error() is None


def read_text(image: Image.Image, *, min_confidence: float = 0.6, letter_px: float = 0.0) -> tuple[OcrLine, ...]:
    """Lines of text in ``image`` read with at least ``min_confidence``, top to bottom.

    ``letter_px``, when known (the text check measures it), is the height of the smallest letters
    in ``image``: see ``find_lines``. A large image is reduced to ``MAX_SIDE`` once, for both steps.
    """
    working, scale = _working_copy(image)
    quads = find_lines(working, letter_px=letter_px * scale)
    return _read(working, scale, image.size, quads, min_confidence)


Quad = Any
"""A line's quadrilateral: a 4x2 float array of corners (clockwise from top left) in image pixels."""


def find_lines(image: Image.Image, *, letter_px: float = 0.0) -> list[Quad]:
    """Where the lines of text in ``image`` are, top to bottom (finding only; see ``read_lines``).

    ``letter_px``, when known, is the height of the smallest letters: lines are then found on a
    copy scaled until those letters are about ``DETECT_LETTER_PX`` tall (reduced when they are
    larger, since finding costs in proportion to pixels; enlarged up to ``MAX_DETECT_ENLARGE``
    when smaller).
    """
    engine = _load()
    if min(image.size) < MIN_SIDE_PX:
        return []
    import numpy as np

    rgb = image.convert("RGB")
    factor = min(MAX_SIDE / max(image.size), 1.0)
    if letter_px > 0:
        factor = min(MAX_SIDE / max(image.size), DETECT_LETTER_PX / letter_px, MAX_DETECT_ENLARGE)
    if factor * min(image.size) < MIN_SIDE_PX:
        factor = 1.0
    if factor != 1.0:
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        rgb = rgb.resize(size, Image.Resampling.BOX if factor < 1 else Image.Resampling.BILINEAR)
    bgr = np.ascontiguousarray(np.asarray(_pad_strip(rgb))[:, :, ::-1])
    boxes, _elapsed = engine(bgr, use_cls=False, use_rec=False)  # detection only: the boxes of the lines
    if not boxes:
        return []
    to_image = np.float32((image.width / rgb.width, image.height / rgb.height))
    return [np.asarray(box, dtype=np.float32) * to_image for box in boxes]


def read_lines(image: Image.Image, quads: Sequence[Quad], *, min_confidence: float = 0.6) -> tuple[OcrLine, ...]:
    """The text of the lines ``find_lines`` found (in this image, or in a copy of another size: scale
    the quadrilaterals to this one), read with at least ``min_confidence``."""
    if not quads or min(image.size) < MIN_SIDE_PX:
        return ()
    import numpy as np

    working, scale = _working_copy(image)
    return _read(working, scale, image.size, [np.asarray(q, dtype=np.float32) * np.float32(scale) for q in quads],
                 min_confidence)


def _working_copy(image: Image.Image) -> tuple[Image.Image, float]:
    """``image`` in RGB, reduced to at most ``MAX_SIDE`` on its longest side, and the scale it was reduced by."""
    scale = min(1.0, MAX_SIDE / max(1, max(image.size)))
    rgb = image.convert("RGB")
    if scale < 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        rgb = rgb.resize(size, Image.Resampling.BILINEAR)
    return rgb, scale


def _read(working: Image.Image, scale: float, size: tuple[int, int], quads: Sequence[Quad],
          min_confidence: float) -> tuple[OcrLine, ...]:
    """The lines at ``quads`` of the working copy, with boxes in the pixels of the image of ``size``."""
    if not quads:
        return ()
    engine = _load()
    import numpy as np

    bgr = np.ascontiguousarray(np.asarray(working)[:, :, ::-1])
    crops, _angles, _elapsed = engine.text_cls(engine.get_crop_img_list(bgr, list(quads)))  # upside-down lines turned
    lines = []
    for quad, crop, read in zip(quads, crops, recognise(engine.text_rec, crops), strict=True):
        if read.confidence < min_confidence or sum(c.isalnum() for c in read.text) < MIN_CHARS:
            continue
        text = respace(np.asarray(Image.fromarray(crop[:, :, ::-1]).convert("L")), read.text, read.centres)
        lines.append(OcrLine(text.strip(), round(read.confidence, 4), _bbox(quad, scale, size)))
    log.debug("ocr: %d lines read", len(lines))
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the recogniser read in one line crop: the text, its mean confidence, and the x of each
    character's centre in the crop (from the time step where the recogniser emitted it)."""

    text: str
    confidence: float
    centres: tuple[float, ...]


def recognise(recogniser: Any, crops: Sequence[Any]) -> list[Reading]:
    """Read BGR line crops with rapidocr's recogniser, keeping where each character was read.

    This is rapidocr's own recognition (same resizing and greedy CTC decoding, but one line per
    run: rapidocr's batches pad every line to the widest, and on CPU batching saves nothing), done
    here because rapidocr returns no character positions for Latin words, and those positions put
    back the spaces the model drops (see ``ocr_spacing``).
    """
    import numpy as np

    _channels, height, min_width = recogniser.rec_image_shape
    alphabet = recogniser.postprocess_op.character  # index 0 is the CTC blank
    readings = []
    for crop in crops:
        ratio = crop.shape[1] / max(1, crop.shape[0])
        line = recogniser.resize_norm_img(crop, max(min_width / height, ratio))[np.newaxis].astype(np.float32)
        probabilities = recogniser.session(line)[0][0]  # (time steps, alphabet)
        best = probabilities.argmax(axis=1)
        emitted = np.ones(best.shape, dtype=bool)
        emitted[1:] = best[1:] != best[:-1]
        steps = np.flatnonzero(emitted & (best != 0))
        step_px = line.shape[3] / probabilities.shape[0]
        to_crop = crop.shape[1] / max(1, min(line.shape[3], math.ceil(height * ratio)))
        text, centres = "", []
        for t in steps:
            token = alphabet[best[t]]
            text += token
            centres += [float((t + 0.5) * step_px * to_crop)] * len(token)
        confidence = float(probabilities[steps, best[steps]].mean()) if steps.size else 0.0
        readings.append(Reading(text, confidence, tuple(centres)))
    return readings


def _pad_strip(image: Image.Image) -> Image.Image:
    """Very long, thin images padded (right or bottom) so rapidocr's resizing keeps both sides."""
    width, height = image.size
    if width > height * MAX_ASPECT:
        size = (width, int(width / MAX_ASPECT))
    elif height > width * MAX_ASPECT:
        size = (int(height / MAX_ASPECT), height)
    else:
        return image
    canvas = Image.new("RGB", size, PAD_COLOUR)
    canvas.paste(image, (0, 0))
    return canvas


def _bbox(points: Any, scale: float, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The axis-aligned box around a text quadrilateral, in the original image's pixels."""
    xs = [float(p[0]) / scale for p in points]
    ys = [float(p[1]) / scale for p in points]
    width, height = size
    return (
        max(0, min(width, round(min(xs)))),
        max(0, min(height, round(min(ys)))),
        max(0, min(width, round(max(xs)))),
        max(0, min(height, round(max(ys)))),
    )


@functools.cache
def _import_error() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    try:
        import numpy  # noqa: F401
        import onnxruntime  # noqa: F401
        import rapidocr_onnxruntime
    except ImportError as exc:
        return f"{exc.name or 'rapidocr_onnxruntime'} is not installed"
    from pathlib import Path

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    if not any(models.glob("*det*.onnx")) or not any(models.glob("*rec*.onnx")):
        return "the rapidocr models are missing"
    return None


def _load() -> Any:
    """The rapidocr engine, built once per process with quiet logging."""
    global _engine
    if _engine is not None:
        return _engine
    with _lock:
        if _engine is None:
            reason = _import_error()
            if reason is not None:
                raise ExtractorUnavailable(f"Text-in-image reading is unavailable ({reason}): {PIP_COMMAND}")
            from rapidocr_onnxruntime import RapidOCR

            for name in RAPIDOCR_LOGGERS:
                logging.getLogger(name).setLevel(logging.ERROR)
            try:
                _engine = RapidOCR(**ENGINE_OPTIONS)
            except Exception as exc:  # damaged model files: say so instead of crashing later
                raise ExtractorUnavailable(
                    f"The OCR models could not be loaded ({type(exc).__name__}); reinstall: {PIP_COMMAND}"
                ) from exc
            for name in RAPIDOCR_LOGGERS:  # created while the engine was built
                logging.getLogger(name).setLevel(logging.ERROR)
            log.debug("ocr: rapidocr loaded")
    return _engine
