"""Tests of kidsafe.media.ocr: text rendered with Pillow onto generated photo-like images."""

from __future__ import annotations

import sys
import threading

import pytest
from PIL import Image, ImageDraw, ImageFont

from kidsafe.errors import ExtractorUnavailable
from kidsafe.media import ocr

TEXTS = [
    ("Welcome to the Lake House", 40, (20, 20, 20)),
    ("Happy birthday little one", 32, (250, 250, 250)),
    ("Road closed on Tuesday", 56, (200, 30, 30)),
    ("Table 12 Room 4B", 28, (10, 10, 90)),
]


def _squash(text: str) -> str:
    """Text without spaces, lower case: the recogniser sometimes drops spaces."""
    return "".join(text.split()).lower()


def _with_text(scene: Image.Image, text: str, size: int, colour: tuple[int, int, int], at=(60, 80)):
    """The scene with ``text`` on a plain band (as on a sign), and the text's box."""
    image = scene.copy()
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size)
    x0, y0, x1, y1 = draw.textbbox(at, text, font=font)
    band = (128, 128, 128) if sum(colour) > 380 else (235, 230, 215)
    draw.rectangle((x0 - 12, y0 - 12, x1 + 12, y1 + 12), fill=band)
    draw.text(at, text, font=font, fill=colour)
    return image, (x0, y0, x1, y1)


def _iou(a, b) -> float:
    inter_w = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    inter_h = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = inter_w * inter_h
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union


def test_ocr_available_in_the_project_environment():
    assert ocr.available()


@pytest.mark.parametrize(("text", "size", "colour"), TEXTS)
def test_ocr_reads_rendered_text_with_its_box(make_scene, text, size, colour):
    image, text_box = _with_text(make_scene(seed=len(text)), text, size, colour)
    lines = ocr.read_text(image)
    assert [_squash(line.text) for line in lines] == [_squash(text)]
    line = lines[0]
    assert 0.6 <= line.confidence <= 1.0
    assert _iou(line.box, text_box) > 0.5


@pytest.mark.parametrize(
    ("text", "size"),
    [("OPEN DAY SATURDAY", 24), ("HAPPY 7TH BIRTHDAY", 72), ("GO TEAM! 2-1 WIN", 40), ("TAVERN AVENUE LAWN", 30)],
)
def test_ocr_keeps_the_spaces_of_all_caps_lines(text, size):
    image = Image.new("RGB", (960, 720), (200, 210, 230))
    ImageDraw.Draw(image).text((40, 300), text, font=ImageFont.load_default(size=size), fill=(20, 20, 20))
    assert [line.text for line in ocr.read_text(image)] == [text]


@pytest.mark.parametrize("size", [(800, 600), (1280, 960), (2400, 1800), (600, 900)])
def test_ocr_boxes_are_in_the_given_images_pixels(make_scene, size):
    scene = make_scene(size=size, seed=3)
    font_size = max(size) // 24
    at = (size[0] // 5, size[1] // 2)
    image, text_box = _with_text(scene, "Garden party", font_size, (20, 20, 20), at=at)
    (line,) = ocr.read_text(image)
    assert _squash(line.text) == "gardenparty"
    assert _iou(line.box, text_box) > 0.5


@pytest.mark.parametrize("size", [(640, 480), (1280, 960), (300, 1200)])
def test_ocr_finds_nothing_on_a_plain_gradient(size):
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    assert ocr.read_text(gradient) == ()


@pytest.mark.parametrize("seed", [1, 2])
def test_ocr_finds_nothing_on_a_scene_without_text(make_scene, seed):
    assert ocr.read_text(make_scene(seed=seed)) == ()


def test_ocr_min_confidence_filters_lines(make_scene):
    image, _ = _with_text(make_scene(), "Saturday market", 36, (20, 20, 20))
    (line,) = ocr.read_text(image, min_confidence=0.0)
    assert ocr.read_text(image, min_confidence=line.confidence) == (line,)
    assert ocr.read_text(image, min_confidence=min(1.0, line.confidence + 1e-3)) == ()


@pytest.mark.parametrize(
    "size", [(0, 0), (1, 1), (7, 400), (400, 7), (9, 2000), (2000, 9), (3000, 20), (20, 3000), (31, 33)]
)
def test_ocr_odd_shapes_return_lines_without_error(size):
    image = Image.linear_gradient("L").resize(size).convert("RGB") if min(size) else Image.new("RGB", size)
    lines = ocr.read_text(image)
    assert isinstance(lines, tuple)
    assert all(0 <= line.box[0] <= line.box[2] <= size[0] for line in lines)


@pytest.mark.parametrize("mode", ["L", "RGBA", "P"])
def test_ocr_accepts_other_image_modes(make_scene, mode):
    image, _ = _with_text(make_scene(), "Bus stop", 48, (20, 20, 20))
    (line,) = ocr.read_text(image.convert(mode))
    assert _squash(line.text) == "busstop"


def test_ocr_two_threads_read_the_same_as_one(make_scene):
    images = [_with_text(make_scene(seed=s), t, n, c)[0] for s, (t, n, c) in enumerate(TEXTS)]
    expected = [ocr.read_text(image) for image in images]
    results: dict[int, tuple[ocr.OcrLine, ...]] = {}

    def work(index: int) -> None:
        results[index] = ocr.read_text(images[index])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(images))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[i] for i in range(len(images))] == expected


def test_ocr_loading_prints_nothing(make_scene, monkeypatch, capfd):
    monkeypatch.setattr(ocr, "_engine", None)
    image, _ = _with_text(make_scene(), "Quiet please", 40, (20, 20, 20))
    assert ocr.read_text(image)
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")


@pytest.mark.parametrize("missing", ["rapidocr_onnxruntime", "onnxruntime"])
def test_ocr_unavailable_without_its_package_names_the_pip_command(monkeypatch, missing):
    monkeypatch.setitem(sys.modules, missing, None)  # makes `import missing` fail
    monkeypatch.setattr(ocr, "_engine", None)
    ocr._import_error.cache_clear()
    try:
        assert not ocr.available()
        with pytest.raises(ExtractorUnavailable, match="pip install"):
            ocr.read_text(Image.new("RGB", (64, 64)))
    finally:
        ocr._import_error.cache_clear()


def test_ocr_engine_loads_once_when_two_threads_start_together(make_scene, monkeypatch):
    import rapidocr_onnxruntime

    built = []

    class CountingRapidOCR(rapidocr_onnxruntime.RapidOCR):
        def __init__(self, **kwargs):
            built.append(1)
            super().__init__(**kwargs)

    monkeypatch.setattr(rapidocr_onnxruntime, "RapidOCR", CountingRapidOCR)
    monkeypatch.setattr(ocr, "_engine", None)
    image, _ = _with_text(make_scene(), "Two at once", 40, (20, 20, 20))
    results: list[tuple[ocr.OcrLine, ...]] = []
    threads = [threading.Thread(target=lambda: results.append(ocr.read_text(image))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert len(results) == 2 and results[0] == results[1] and len(results[0]) == 1


def test_ocr_recogniser_says_where_each_character_was_read():
    """Character centres from the recogniser's time steps fall on the rendered characters."""
    import numpy as np

    text, size, margin = "PLAYGROUP ROOM", 48, 6
    font = ImageFont.load_default(size=size)
    image = Image.new("RGB", (40 + size * len(text), size * 2), (235, 230, 215))
    draw = ImageDraw.Draw(image)
    draw.text((20, size // 2), text, font=font, fill=(20, 20, 20))
    x0, y0, x1, y1 = draw.textbbox((20, size // 2), text, font=font)
    crop = np.ascontiguousarray(np.asarray(image.crop((x0 - margin, y0 - margin, x1 + margin, y1 + margin)))[:, :, ::-1])
    (reading,) = ocr.recognise(ocr._load().text_rec, [crop])
    assert reading.text.replace(" ", "") == text.replace(" ", "")
    assert len(reading.centres) == len(reading.text) and list(reading.centres) == sorted(reading.centres)
    truth = [20 + (draw.textlength(text[:i], font=font) + draw.textlength(text[: i + 1], font=font)) / 2
             - (x0 - margin) for i, c in enumerate(text) if c != " "]
    read = [x for c, x in zip(reading.text, reading.centres, strict=True) if c != " "]
    assert max(abs(a - b) for a, b in zip(read, truth, strict=True)) < 0.5 * size  # on its own letter


def test_ocr_large_letters_are_found_on_a_reduced_copy_and_read_at_full_size(monkeypatch):
    image = Image.new("RGB", (960, 720), (200, 210, 230))
    ImageDraw.Draw(image).text((40, 300), "Harbour Road Nursery", font=ImageFont.load_default(size=72), fill=(20, 20, 20))
    engine = ocr._load()
    seen: list[tuple[int, ...]] = []

    class Spy:
        def __getattr__(self, name):
            return getattr(engine, name)

        def __call__(self, bgr, **kwargs):
            seen.append(bgr.shape)
            return engine(bgr, **kwargs)

    full = ocr.read_text(image)
    monkeypatch.setattr(ocr, "_load", Spy)
    reduced = ocr.read_text(image, letter_px=52)  # capitals 52 px tall: detection needs only 12
    assert [line.text for line in reduced] == [line.text for line in full] == ["Harbour Road Nursery"]
    assert _iou(reduced[0].box, full[0].box) > 0.6  # found at a twelfth of the pixels, a looser box
    assert seen and max(seen[0][:2]) <= 960 * ocr.DETECT_LETTER_PX / 52 + 1
