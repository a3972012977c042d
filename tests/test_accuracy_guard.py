"""Tests of the accuracy guard (``python -m kidsafe bench --accuracy``) and its reference photos."""

from __future__ import annotations

import json
import shutil

import pytest

from kidsafe import pipeline
from kidsafe.bench import accuracy, reference
from kidsafe.cli import main
from kidsafe.media._onnx import INT8_DIR, INT8_SUMS, int8_is_exact, int8_model


@pytest.fixture(scope="module")
def guard() -> accuracy.GuardReport:
    return accuracy.run_guard(candidates=(accuracy.Variant("fp32 faces at 320x224", face_input=(320, 224)),))


def test_accuracy_reference_set_is_versioned_and_checked():
    refs = reference.load()
    assert len(refs) >= 30
    assert sum(len(r.faces) for r, _ in refs) >= 40
    assert any(r.sensitive for r, _ in refs) and any(r.text for r, _ in refs)
    assert len({r.file for r, _ in refs}) == len(refs)


def test_accuracy_reference_set_refuses_a_changed_photo(tmp_path):
    folder = tmp_path / "ref"
    shutil.copytree(reference.REFERENCE_DIR, folder)
    (folder / "astronaut.jpg").write_bytes((folder / "cat.jpg").read_bytes())
    with pytest.raises(ValueError, match="astronaut.jpg"):
        reference.load(folder)


def test_accuracy_reference_set_rebuilds_to_the_same_faces_and_labels(tmp_path):
    rebuilt = reference.write(tmp_path)
    recorded = {r.file: r for r, _ in reference.load()}
    for ref in rebuilt:
        assert (ref.faces, ref.sensitive, ref.text) == (recorded[ref.file].faces, recorded[ref.file].sensitive,
                                                         recorded[ref.file].text)


def test_accuracy_match_faces_counts_found_missed_and_false():
    expected = ((0, 0, 100, 100), (200, 200, 260, 260))
    assert accuracy.match_faces([(5, 5, 100, 105)], expected) == (1, 1, 0)
    assert accuracy.match_faces([(0, 0, 100, 100), (2, 2, 98, 98)], expected) == (1, 1, 1)  # one box, one match
    assert accuracy.match_faces([(500, 500, 560, 560)], expected) == (0, 2, 1)
    assert accuracy.match_faces([(500, 500, 560, 560)], (), optional=((505, 500, 560, 565),)) == (0, 0, 0)


def test_accuracy_guard_scores_fp32_and_the_audit(guard):
    assert guard.baseline.photos == len(reference.load())
    assert guard.baseline.recall > 0.7 and guard.baseline.precision > 0.9
    assert guard.audit.variant.face_precision == pipeline.AUDIT_FACE_PRECISION
    assert guard.audit_holds  # the audit's models may ship only when this holds


def test_accuracy_guard_fails_a_variant_that_misses_faces(guard):
    (tiny,) = guard.candidates
    assert tiny.recall < guard.baseline.recall
    assert not tiny.holds(guard.baseline)
    assert "NO" in guard.to_text()
    assert "miss differently" in guard.to_text()


def test_accuracy_guard_report_as_json_and_markdown(guard):
    data = json.loads(json.dumps(guard.to_dict()))
    assert data["audit_holds"] is True
    assert set(data["baseline"]["nudity"]) == {r.file for r, _ in reference.load()}
    assert guard.to_text(markdown=True).count("\n|---|") == 1


def test_accuracy_cli_prints_the_guard_and_writes_json(monkeypatch, tmp_path, capsys, guard):
    monkeypatch.setattr(accuracy, "run_guard", lambda: guard)
    assert main(["bench", "--accuracy", "--out", str(tmp_path)]) == 0
    assert "face recall" in capsys.readouterr().out
    assert json.loads((tmp_path / "accuracy.json").read_text())["schema"] == "kidsafe.accuracy/1"


def test_accuracy_committed_int8_models_match_their_sums():
    sums = (INT8_DIR / INT8_SUMS).read_text().split()
    assert len(sums) == 4
    for name in sums[1::2]:
        assert int8_model(name)


def test_accuracy_int8_calibration_reads_photo_like_images_not_noise():
    import numpy as np

    from kidsafe.bench.quantise import calibration_images

    images = calibration_images(4, seed=3)
    assert [np.asarray(im).tobytes() for im in images] == [np.asarray(im).tobytes() for im in calibration_images(4, 3)]
    for image in images:
        grey = np.asarray(image.convert("L"), dtype=np.float32)
        neighbours = np.corrcoef(grey[:, :-1].ravel(), grey[:, 1:].ravel())[0, 1]
        assert grey.std() > 10 and neighbours > 0.5  # structure: neighbouring pixels agree, unlike random data


@pytest.mark.parametrize(("flags", "exact"), [
    ("fpu sse sse2 avx avx2 fma", False),  # an AVX2-only CPU: int8 saturates, the audit runs fp32
    ("fpu sse sse2 avx avx2 avx512f avx512_vnni", True),
    ("fpu sse2 avx2 avx_vnni", True),
    ("fpu avx2 amx_bf16 amx_int8", True),
    ("", False),
])
def test_the_audit_runs_int8_only_on_a_cpu_that_computes_it_exactly(flags, exact):
    cpuinfo = "".join(f"processor\t: {n}\nmodel name\t: Some CPU\nflags\t\t: {flags}\n\n" for n in range(2))
    assert int8_is_exact(cpuinfo) is exact


@pytest.mark.parametrize("cpuinfo", [
    "processor\t: 0\n",  # no flags line: unknown, so fp32
    "processor\t: 0\nFeatures\t: fp asimd asimddp\n",  # ARM says its features otherwise
    "vmx flags\t: avx_vnni\n",  # a line that only starts like the flags line
    "flagsomething\nflags\n",  # no colon: read as no flags, never an error at import
])
def test_a_cpu_whose_flags_are_not_said_runs_fp32(cpuinfo):
    assert int8_is_exact(cpuinfo) is False


def test_the_audit_s_face_settings_follow_its_precision():
    """fp32 at the int8 input finds fewer faces (39 of 50): fp32 keeps the larger input."""
    assert (pipeline.AUDIT_FACE_PRECISION, pipeline.AUDIT_FACE_INPUT) in {("int8", (448, 320)), ("fp32", (512, 384))}
    assert pipeline.AUDIT_NUDITY_PRECISION == pipeline.AUDIT_FACE_PRECISION
