"""The safe share's checks of its own output.

Every file is read back, every face looked for again, and the whole ZIP audited by the stranger
engine as any other feed would be.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PIL import Image

from kidsafe.engine import lexicon as lx
from kidsafe.engine.text import fold
from kidsafe.kinds import KINDS, in_order, kinds_where
from kidsafe.media import faces as face_detector
from kidsafe.models import EvidenceSource, Fact, FactKind
from kidsafe.share import covers, images
from kidsafe.share.covers import Box
from kidsafe.share.outcome import AUDIT, Remaining, remaining

PHOTO_KINDS = kinds_where("photo_only")
"""Kinds whose evidence left in a copy is the photo's own position, never a caption."""

PHOTO_SOURCES = frozenset({EvidenceSource.EXIF, EvidenceSource.OCR, EvidenceSource.IMAGE, EvidenceSource.FACE,
                           EvidenceSource.SIDECAR})
"""Evidence that comes from the photo files rather than the captions."""

ALLOWED_JPEG_MARKERS = frozenset({0xE0, 0xDB, 0xC0, 0xC1, 0xC2, 0xC4, 0xDD, 0xDA, 0xCC})
"""JPEG header segments a rebuilt photo may have: JFIF, tables, frame, restart interval, scan."""

DAY_RE = re.compile(r"^(?:\d{4}-\d{2}-\d{2})?$")


@dataclass(frozen=True, slots=True)
class Expected:
    """What the writer left in a photo on purpose: faces kept, and regions painted opaque."""

    kept: tuple[Box, ...] = ()
    opaque: tuple[Box, ...] = ()


@dataclass(frozen=True)
class Recheck:
    """What the fresh audit of the shared ZIP found: facts per kind, and what remains of the hidden kinds."""

    facts_left: dict[str, int] = field(default_factory=dict)
    items: tuple[Remaining, ...] = ()
    notes: tuple[str, ...] = ()
    complete: bool = True  # False when part of the audit (text in photos, the caption model) could not run


def photo_problems(data: bytes, name: str, expected: Expected, *, look_for_faces: bool = True) -> list[str]:
    """What is wrong with one output photo: metadata read back by Pillow or found in its bytes, or a face."""
    problems: list[str] = []
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            if im.format != "JPEG":
                problems.append(f"{name}: not a JPEG ({im.format})")
            carried = [images.METADATA_KEYS[k] for k in im.info if isinstance(k, str)
                       and k in images.METADATA_KEYS and im.info[k]]
            exif = im.getexif()
            if len(exif):
                carried.append("EXIF")
            if exif.get_ifd(images.GPS_IFD):
                carried.append("GPS")
            pixels = im.convert("RGB")
    except Exception:  # noqa: BLE001 - an unreadable output is itself the failure
        return [f"{name}: cannot be read back as a photo"]
    segments = {marker for marker, _ in images.jpeg_segments(data)}
    carried += [f"segment 0x{m:02X}" for m in sorted(segments - ALLOWED_JPEG_MARKERS)]
    carried += [label for marker, label in images.MARKERS.items() if marker in data]
    if carried:
        problems.append(f"{name}: metadata left: {', '.join(dict.fromkeys(carried))}")
    if look_for_faces and face_detector.available():
        for face in covers.find_faces(pixels, threshold=covers.VERIFY_THRESHOLD):
            box = covers.box_of(face)
            if any(box.iou(k) >= covers.MERGE_IOU for k in expected.kept):
                continue
            if covers.inside_opaque(face, expected.opaque):
                continue  # our own solid paint: no pixel of the face is left there
            problems.append(f"{name}: a face is still found (score {face.score:.2f})")
    return problems


def csv_problems(data: bytes) -> list[str]:
    """What is wrong with posts.csv: unreadable, wrong columns, or a date finer than the day."""
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return ["posts.csv cannot be read back as text"]
    if not rows or rows[0] != ["id", "date", "caption", "images"]:
        return ["posts.csv: header is not id,date,caption,images"]
    return [f"posts.csv row {i}: date is more precise than the day" for i, row in enumerate(rows[1:], 2)
            if len(row) > 1 and not DAY_RE.match(row[1])]


def recheck(path: Path, *, as_of: date, captions_kept: bool, put_back: frozenset[str] = frozenset(),
            kept: frozenset[str] = frozenset(), progress: Callable[[str, int, int], None] | None = None) -> Recheck:
    """Audit the shared ZIP as a stranger would: one remaining item per post of each fact it must not give away.

    With captions kept, only facts that come from the photos (or GPS) count; the ones the
    captions still give are notes. A sensitive picture the parent put back (``put_back``, the
    copy's post numbers) or a word they kept (``kept``, folded) was their choice, not a leak.
    """
    from kidsafe.pipeline import AuditOptions, audit

    result = audit(path, as_of=as_of, options=AuditOptions(faces=False, nudity=False), progress=progress)
    try:
        dossier = result.dossier
    finally:
        result.close()
    # "Grandad" alone names nobody: it is no fact a stranger learns, so it is neither counted nor to fix
    titles_only = [f for f in dossier.facts_of_kind(FactKind.RELATIVE) if not _named_relative(f)]
    left = Counter(str(f.kind) for f in dossier.facts if f not in titles_only)
    items: list[Remaining] = []
    notes: list[str] = []
    if titles_only:
        said = " and ".join(dict.fromkeys(str(f.value) for f in titles_only))
        words = "family words that name" if len(titles_only) > 1 else "a family word that names"
        notes.append(f"the copy still says {said}: {words} nobody")
    for kind in in_order("recheck"):  # what must be gone, then names looked for too (a pet, a relative)
        facts = dossier.facts_of_kind(kind)
        if kind is FactKind.RELATIVE:
            facts = tuple(f for f in facts if f not in titles_only)
        facts = tuple(f for f in facts if not (isinstance(f.value, str) and fold(f.value) in kept))
        failing = [f for f in facts if not captions_kept or _from_photos(f) or kind in PHOTO_KINDS]
        if len(failing) < len(facts):
            in_captions = len(facts) - len(failing)
            notes.append(f"captions kept: the fresh audit still reads {in_captions} {kind} fact(s) in them")
        for fact in failing:
            todo = "location" if kind in PHOTO_KINDS else "caption"
            for post in fact.posts:
                if kind is FactKind.SENSITIVE_IMAGE and post in put_back:
                    continue
                named = f" (“{fact.value}”)" if isinstance(fact.value, str) and kind is not FactKind.SENSITIVE_IMAGE \
                    else ""  # a word still in the copy: which one, so the parent can change or keep it
                items.append(remaining(AUDIT, post, f"a stranger still reads the {KINDS[kind].label}{named}", todo))
    skipped = [s for s in dossier.skipped_checks if s.startswith(("ocr", "language model"))]
    if skipped:
        notes.append("the fresh audit could not read everything: " + "; ".join(skipped))
    return Recheck(facts_left=dict(left), items=tuple(dict.fromkeys(items)), notes=tuple(notes),
                   complete=not skipped)


def _named_relative(fact: Fact) -> bool:
    """A relative fact that carries a name ("Nana Sue"), not a bare title ("Grandad")."""
    words = re.findall(r"\w+", fold(str(fact.value)))
    return any(w not in lx.KIN_TITLES and w not in lx.KIN_TITLE_SECOND for w in words)


def _from_photos(fact: Fact) -> bool:
    return any(e.source in PHOTO_SOURCES for e in fact.evidence)
