"""The accuracy guard: the face and nudity models, as the audit runs them, on the fixed reference photos.

``python -m kidsafe bench --accuracy`` scores the fp32 models as they ship and every other way of
running them (int8, smaller inputs) on ``data/reference-photos``: face recall and precision at
IoU >= 0.5, agreement with each photo's sensitive label at the engine's nudity threshold, and the
text regions the text check finds. A way of running the models may be the audit's only if it is
no worse than fp32 on any of these (``holds``); the command fails when the audit's is.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from kidsafe import pipeline
from kidsafe.bench.reference import REFERENCE_DIR, Box, Reference, load
from kidsafe.engine.sensitive import NUDITY_THRESHOLD
from kidsafe.media import faces, nudity, photos, textcheck
from kidsafe.media._onnx import FP32, INT8
from kidsafe.share.covers import Box as Rect

MATCH_IOU = 0.5
TEXT_COVERED = 0.5
"""An expected text box is found when the text check's regions cover at least this fraction of it."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One way of running the two models in an audit."""

    name: str
    face_precision: str = FP32
    face_input: tuple[int, int] = pipeline.AUDIT_FACE_INPUT
    nudity_precision: str = FP32
    nudity_gate: bool = False  # nudity scored only where nudity.worth_scoring says a person may be

    @property
    def label(self) -> str:
        """Faces and nudity settings in a few words."""
        nudity_how = [self.nudity_precision] + ["gated"] * self.nudity_gate
        return f"faces {self.face_input[0]}x{self.face_input[1]} {self.face_precision}, nudity {' '.join(nudity_how)}"


FP32_INPUT = (512, 384)
FP32_MODELS = Variant("fp32 as shipped", face_input=FP32_INPUT)
"""The baseline: both models as their packages ship them, faces at the input the audit used with them."""
CANDIDATES = (
    Variant("int8", INT8, FP32_INPUT, INT8),
    Variant("int8, faces at 448x320", INT8, (448, 320), INT8),
    Variant("int8, faces at 384x288", INT8, (384, 288), INT8),
    Variant("fp32, faces at 448x320", FP32, (448, 320), FP32),
    Variant("int8, faces at 640x480", INT8, (640, 480), INT8),
    Variant("int8, nudity gated", INT8, FP32_INPUT, INT8, nudity_gate=True),
)


def audit_variant() -> Variant:
    """How the audit runs the models now (``pipeline.AUDIT_*``)."""
    return Variant("the audit's", pipeline.AUDIT_FACE_PRECISION, pipeline.AUDIT_FACE_INPUT,
                   pipeline.AUDIT_NUDITY_PRECISION, nudity_gate=pipeline.AUDIT_NUDITY_GATE)


@dataclass
class Score:
    """What one variant got right and wrong on the reference photos."""

    variant: Variant
    faces_found: int = 0
    faces_missed: int = 0
    false_faces: int = 0
    sensitive_agree: int = 0
    photos: int = 0
    gated: int = 0  # photos the nudity gate did not score
    nudity: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.faces_found / max(1, self.faces_found + self.faces_missed)

    @property
    def precision(self) -> float:
        return self.faces_found / max(1, self.faces_found + self.false_faces)

    @property
    def agreement(self) -> float:
        return self.sensitive_agree / max(1, self.photos)

    def holds(self, baseline: Score) -> bool:
        """No lower than ``baseline`` in face recall, face precision and sensitive agreement."""
        return (self.recall >= baseline.recall and self.precision >= baseline.precision
                and self.agreement >= baseline.agreement)

    def to_dict(self) -> dict[str, Any]:
        return {"variant": self.variant.name, "face_precision": self.variant.face_precision,
                "face_input": list(self.variant.face_input), "nudity_precision": self.variant.nudity_precision,
                "faces_found": self.faces_found, "faces_missed": self.faces_missed, "false_faces": self.false_faces,
                "recall": round(self.recall, 4), "precision": round(self.precision, 4),
                "sensitive_agree": self.sensitive_agree, "photos": self.photos,
                "agreement": round(self.agreement, 4), "nudity_gate": self.variant.nudity_gate, "gated": self.gated, "nudity": self.nudity,
                "errors": self.errors}


@dataclass(frozen=True, slots=True)
class GuardReport:
    """The fp32 baseline, the audit's variant, the candidates, and the text check's recall."""

    set_version: int
    baseline: Score
    audit: Score
    candidates: tuple[Score, ...]
    text_found: int
    text_total: int

    @property
    def audit_holds(self) -> bool:
        return self.audit.holds(self.baseline)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": "kidsafe.accuracy/1", "set_version": self.set_version, "nudity_threshold": NUDITY_THRESHOLD,
                "match_iou": MATCH_IOU, "baseline": self.baseline.to_dict(), "audit": self.audit.to_dict(),
                "audit_holds": self.audit_holds, "candidates": [c.to_dict() for c in self.candidates],
                "text_found": self.text_found, "text_total": self.text_total}

    def to_text(self, markdown: bool = False) -> str:
        head = "| variant | models | face recall | face precision | sensitive agreement | max nudity change | holds |"
        rows = [head, "|---|---|---|---|---|---|---|"]
        for s in (self.baseline, self.audit, *self.candidates):
            change = max((abs(s.nudity[k] - self.baseline.nudity[k]) for k in s.nudity), default=0.0)
            gated = f", {s.gated} not scored" if s.variant.nudity_gate else ""
            rows.append(f"| {s.variant.name} | {s.variant.label}{gated} "
                        f"| {s.recall:.3f} ({s.faces_found}/{s.faces_found + s.faces_missed}) "
                        f"| {s.precision:.3f} ({s.false_faces} false) "
                        f"| {s.agreement:.3f} ({s.sensitive_agree}/{s.photos}) | {change:.3f} "
                        f"| {'yes' if s.holds(self.baseline) else 'NO'} |")
        if not markdown:
            rows = [r.strip("| ").replace(" | ", "  ") for r in rows if not r.startswith("|---")]
        out = [f"Accuracy guard: reference set v{self.set_version}, faces matched at IoU >= {MATCH_IOU}, "
               f"sensitive at nudity >= {NUDITY_THRESHOLD}", "", *rows, "",
               f"Text check: {self.text_found} of {self.text_total} text boxes found (the same for every variant).",
               "", f"The audit's models {'hold' if self.audit_holds else 'DO NOT hold'} the fp32 models' accuracy."]
        for s in (self.baseline, self.audit):
            out += [f"- {s.variant.name}: {e}" for e in s.errors]
        changed = sorted(set(self.face_errors(self.audit)) ^ set(self.face_errors(self.baseline)))
        out += ["", "Faces the audit's models and fp32 miss differently: "
                + ("; ".join(f"{'audit' if e in self.audit.errors else 'fp32'} {e}" for e in changed) or "none")]
        return "\n".join(out) + "\n"

    @staticmethod
    def face_errors(score: Score) -> list[str]:
        """The photos where a variant missed or invented faces, as its errors say."""
        return [e for e in score.errors if "face(s)" in e]


def iou(a: Box, b: Box) -> float:
    return Rect(*a).iou(Rect(*b))


def match_faces(found: list[Box], expected: tuple[Box, ...], optional: tuple[Box, ...] = ()) -> tuple[int, int, int]:
    """(found, missed, false) faces: each detection (best first) takes the best unmatched expected face at
    IoU >= ``MATCH_IOU``; one on an optional face counts neither way."""
    left = list(expected)
    hits = false = 0
    for box in found:
        best = max(left, key=lambda e: iou(box, e), default=None)
        if best is not None and iou(box, best) >= MATCH_IOU:
            left.remove(best)
            hits += 1
        elif not any(iou(box, o) >= MATCH_IOU for o in optional):
            false += 1
    return hits, len(left), false


def _decoded(ref: Reference, data: bytes) -> tuple[np.ndarray, float]:
    """The photo as the audit decodes it for the detectors, and the factor back to the photo's pixels."""
    info = photos.read_photo_info(data, ref.file)
    pixels = photos.decode_pixels(data, ref.file, max_side=pipeline.detector_side(info, pipeline.DETECT_SIDE))
    with Image.open(io.BytesIO(data)) as full:
        return pixels, full.width / pixels.shape[1]


def _scaled(box: Box, factor: float) -> Box:
    x0, y0, x1, y1 = box
    return (round(x0 * factor), round(y0 * factor), round(x1 * factor), round(y1 * factor))


def score_variant(variant: Variant, decoded: list[tuple[Reference, np.ndarray, float]]) -> Score:
    """Run one variant's models on every decoded reference photo and score it."""
    score = Score(variant)
    for ref, image, factor in decoded:
        boxes = faces.detect_faces(image, input_size=variant.face_input, precision=variant.face_precision)
        found = [_scaled((f.x0, f.y0, f.x1, f.y1), factor) for f in boxes]
        hits, missed, false = match_faces(found, ref.faces, ref.optional_faces)
        score.faces_found += hits
        score.faces_missed += missed
        score.false_faces += false
        if missed or false:
            score.errors.append(f"{ref.file}: {missed} face(s) missed, {false} false")
        nudity_score = 0.0
        picture = Image.fromarray(image)  # as the audit hands them the pixels: one picture for the gate and model
        if not variant.nudity_gate or nudity.worth_scoring(picture, bool(boxes)):
            nudity_score = nudity.nudity_score(picture, precision=variant.nudity_precision)
        else:
            score.gated += 1  # not scored: counted below as "not sensitive", as the engine reads it
        score.nudity[ref.file] = round(nudity_score, 4)
        agree = (nudity_score >= NUDITY_THRESHOLD) == ref.sensitive
        score.sensitive_agree += agree
        score.photos += 1
        if not agree:
            score.errors.append(f"{ref.file}: nudity {nudity_score:.2f}, labelled "
                                f"{'sensitive' if ref.sensitive else 'not sensitive'}")
    return score


def text_recall(decoded: list[tuple[Reference, np.ndarray, float]]) -> tuple[int, int]:
    """(text boxes the text check covers, text boxes)."""
    found = total = 0
    for ref, pixels, factor in decoded:
        regions = [_scaled(r.box, factor) for r in textcheck.text_regions(Image.fromarray(pixels))] if ref.text else []
        for box in (Rect(*b) for b in ref.text):
            found += sum(box.overlap(Rect(*r)) for r in regions) >= TEXT_COVERED * box.area
            total += 1
    return found, total


def run_guard(folder: Path = REFERENCE_DIR, candidates: tuple[Variant, ...] = CANDIDATES) -> GuardReport:
    """Score fp32, the audit's variant and the candidates on the reference set."""
    refs = load(folder)
    decoded = [(ref, *_decoded(ref, data)) for ref, data in refs]
    version = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["version"]
    baseline = score_variant(FP32_MODELS, decoded)
    audit = score_variant(audit_variant(), decoded)
    scores = tuple(score_variant(v, decoded) for v in candidates)
    text_found, text_total = text_recall(decoded)
    return GuardReport(version, baseline, audit, scores, text_found, text_total)


def run_from_cli(out: Path | None) -> int:
    """``python -m kidsafe bench --accuracy``: print the guard; 1 when the audit's models do not hold."""
    if not (faces.available() and nudity.available()):
        print("kidsafe: the accuracy guard needs the face and nudity models (pip install -r requirements.txt)")
        return 2
    report = run_guard()
    print(report.to_text())
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "accuracy.json").write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
    return 0 if report.audit_holds else 1
