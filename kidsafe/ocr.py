"""Optional text-in-image reading with rapidocr (PP-OCR models shipped inside the package).

Works on the already-decoded, reduced-size image the pipeline shares between detectors.
"""

from __future__ import annotations

import functools
import logging
import threading
from dataclasses import dataclass
from typing import Any

from PIL import Image

from kidsafe._onnx import INTRA_OP_THREADS
from kidsafe.errors import ExtractorUnavailable
from kidsafe.ocr_spacing import respace

log = logging.getLogger(__name__)

PIP_COMMAND = "pip install --no-deps rapidocr-onnxruntime==1.4.4 (after requirements.txt)"
RAPIDOCR_LOGGERS = ("RapidOCR", "OrtInferSession")  # they log to stderr at DEBUG level
# OCR runs on images of at most this side; larger ones are scaled down first. At or below 960 px
# rapidocr never resizes for detection (limit type "max"), which also keeps its per-call
# choice of resizer (shared engine state) from mattering when two threads read at once.
MAX_SIDE = 960
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


def read_text(image: Image.Image, *, min_confidence: float = 0.6) -> tuple[OcrLine, ...]:
    """Lines of text in ``image`` read with at least ``min_confidence``, top to bottom."""
    engine = _load()
    if min(image.size) < MIN_SIDE_PX:
        return ()
    import numpy as np

    scale = min(1.0, MAX_SIDE / max(image.size))
    rgb = image.convert("RGB")
    if scale < 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        rgb = rgb.resize(size, Image.Resampling.BILINEAR)
    padded = _pad_strip(rgb)
    bgr = np.ascontiguousarray(np.asarray(padded)[:, :, ::-1])
    result, _timings = engine(bgr)
    gray = np.asarray(padded.convert("L"))
    recognise = functools.partial(_recognise, engine)
    lines = []
    for points, text, confidence in result or ():
        text = str(text).strip()
        if float(confidence) < min_confidence or sum(c.isalnum() for c in text) < MIN_CHARS:
            continue
        text = respace(gray, bgr, points, text, recognise)
        lines.append(OcrLine(text, round(float(confidence), 4), _bbox(points, scale, image.size)))
    log.debug("ocr: %d lines read", len(lines))
    return tuple(lines)


def _recognise(engine: Any, crops: list[Any]) -> list[str]:
    """Texts of BGR crops of single words, read by the engine's recogniser alone."""
    results, _elapsed = engine.text_rec(crops)  # rapidocr 1.4: [(text, score), ...]
    return [str(text) for text, _score in results]


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
