"""One photo made safe: rebuilt from its pixels, faces and leaking text covered, saved as a JPEG."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kidsafe.errors import ExtractorUnavailable, KidsafeError
from kidsafe.media import faces as face_detector
from kidsafe.media import ocr
from kidsafe.models import Photo, Post
from kidsafe.share import covers, images
from kidsafe.share.covers import Box
from kidsafe.share.keep import KeepRule
from kidsafe.share.redact import leaks
from kidsafe.share.report import PhotoChange
from kidsafe.share.terms import Vocabulary
from kidsafe.share.verify import Expected

log = logging.getLogger(__name__)

PHOTO_NAME = "photo-{post:03d}-{index}.jpg"


@dataclass(frozen=True, slots=True)
class Job:
    """One photo to clean: its post, the post's output number and the photo's place in the post."""

    number: int
    post: Post
    photo: Photo
    index: int
    ocr_lines: tuple[str, ...] = ()  # what the audit read in the photo

    @property
    def name(self) -> str:
        """The photo's name in the shared ZIP (says nothing of the original file)."""
        return PHOTO_NAME.format(post=self.number, index=self.index)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A cleaned photo (its JPEG bytes until written), or why it was left out."""

    job: Job
    data: bytes | None
    change: PhotoChange | None
    expected: Expected
    error: str | None = None
    failure: str | None = None  # a problem that makes the whole share fail, not only this photo


def clean(job: Job, data: bytes | None, *, style: str, vocab: Vocabulary, keep: KeepRule) -> Cleaned:
    """Rebuild, cover and encode one photo; never raises (a photo that cannot be read is left out)."""
    if data is None:
        return Cleaned(job, None, None, Expected(), "could not be read")
    try:
        return _clean(job, data, style, vocab, keep)
    except ExtractorUnavailable as exc:
        return Cleaned(job, None, None, Expected(), "could not be checked for faces", failure=str(exc))
    except KidsafeError:
        return Cleaned(job, None, None, Expected(), "could not be read as an image")
    except Exception as exc:  # noqa: BLE001 - one odd photo must not stop the share; it is left out
        log.warning("share: a photo of post %d could not be processed (%s)", job.number, type(exc).__name__)
        return Cleaned(job, None, None, Expected(), "could not be processed")


def _clean(job: Job, data: bytes, style: str, vocab: Vocabulary, keep: KeepRule) -> Cleaned:
    photo = images.decode(data, job.photo.path)
    image = photo.image
    found = covers.find_faces(image) if face_detector.available() else ()
    kept = found if keep.keeps(job.post, job.photo, len(found)) else ()
    to_cover = [f for f in found if f not in kept]
    text_regions = covers.cover_text(image, leaking_text(image, job.ocr_lines, vocab), style)
    face_regions = covers.cover_faces(image, to_cover, style)
    opaque = tuple(face_regions) if style in covers.OPAQUE_STYLES else ()
    if style != "blur":
        opaque += tuple(text_regions)
    change = PhotoChange(
        name=job.name, source=job.photo.path, faces_found=len(found), faces_covered=len(to_cover),
        faces_kept=len(kept), text_covered=len(text_regions), metadata_removed=photo.metadata,
        rotated=photo.rotated, converted_from=photo.source_format, size=image.size)
    return Cleaned(job, images.encode_jpeg(image), change,
                   Expected(kept=tuple(covers.box_of(f) for f in kept), opaque=opaque))


def leaking_text(image: Any, ocr_lines: Sequence[str], vocab: Vocabulary) -> list[Box]:
    """Boxes of the text lines that give something away, read again at full size.

    OCR runs again only when the audit already read a leaking line in this photo.
    """
    if not any(leaks(line, vocab) for line in ocr_lines) or not ocr.available():
        return []
    return [Box(*line.box) for line in ocr.read_text(image) if leaks(line.text, vocab)]
