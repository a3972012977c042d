"""The safe share: a copy of a feed that can be posted without giving the children away.

``share(src, out_zip)`` audits the feed, then for every photo applies the EXIF orientation,
rebuilds the image from its pixels alone (no EXIF, GPS, XMP, ICC profile, comments or maker
notes; HEIC and PNG become JPEG), covers every face found at full resolution and every line of
text in it that gives a name, school or place away, and rewrites the captions with the
dossier's leaking words redacted or made vague. It writes OUT.zip with the photos, posts.csv
(kidsafe's plain format, dates to the day) and report.json / report.md, then checks its own
output: every file is read back for metadata, faces are looked for again, and the ZIP is audited
as a stranger would. What those checks still find is in ``ShareReport.failures``.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from kidsafe import faces as face_detector
from kidsafe import ocr
from kidsafe.engine.views import PostView
from kidsafe.errors import ExtractorUnavailable, KidsafeError
from kidsafe.models import FactKind, Photo
from kidsafe.pictures import post_faces
from kidsafe.pipeline import AuditOptions, AuditResult, audit
from kidsafe.share import covers, images
from kidsafe.share.captions import plan_captions
from kidsafe.share.covers import Box
from kidsafe.share.keep import KeepRule, keep_rule
from kidsafe.share.redact import Redacted, leaks
from kidsafe.share.report import PhotoChange, PostChange, ShareReport, to_json, to_markdown
from kidsafe.share.terms import Vocabulary, vocabulary
from kidsafe.share.verify import Expected, csv_problems, photo_problems, recheck
from kidsafe.share.writer import CSV_NAME, Row, ShareZip, posts_csv

__all__ = ["CAPTION_MODES", "FACE_STYLES", "ShareReport", "share"]

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]

FACE_STYLES = covers.FACE_STYLES
CAPTION_MODES = ("redact", "keep")
PHOTO_NAME = "photo-{post:03d}-{index}.jpg"


@dataclass(frozen=True, slots=True)
class _Job:
    """One photo to clean: the post it belongs to (output number) and its place in the post."""

    number: int
    view: PostView
    photo: Photo
    index: int


@dataclass(frozen=True, slots=True)
class _Cleaned:
    """A cleaned photo, or the reason it could not be."""

    job: _Job
    data: bytes | None
    change: PhotoChange | None
    expected: Expected
    error: str | None = None


def _noop(stage: str, done: int, total: int) -> None:
    return None


def share(src: Any, out_zip: str | Path, *, faces: str = "blur", captions: str = "redact",
          keep_face_of: str | None = None, as_of: date | None = None, progress: Progress | None = None,
          options: AuditOptions | None = None) -> ShareReport:
    """Write a safer copy of the feed ``src`` to ``out_zip`` and check it; see the module docstring.

    ``faces`` is blur, fill or emoji; ``captions`` is redact or keep; ``keep_face_of`` names the
    one person whose face may stay uncovered (rule in ``kidsafe.share.keep``); ``options`` are
    the audit's (OCR, nudity, workers); face detection always runs at full resolution here.
    Raises KidsafeError when the feed cannot be read, ValueError for a bad choice.
    """
    if faces not in FACE_STYLES:
        raise ValueError(f"faces must be one of {', '.join(FACE_STYLES)}, not {faces!r}")
    if captions not in CAPTION_MODES:
        raise ValueError(f"captions must be one of {', '.join(CAPTION_MODES)}, not {captions!r}")
    as_of = as_of or date.today()
    progress = progress or _noop
    options = replace(options or AuditOptions(), faces=False)
    started = time.perf_counter()
    result = audit(src, as_of=as_of, options=options, progress=progress)
    try:
        return _Sharer(result, Path(out_zip), faces, captions, keep_face_of, as_of, options, progress,
                       started).run()
    finally:
        result.close()


class _Sharer:
    """One safe-share run over an audited feed."""

    def __init__(self, result: AuditResult, out: Path, faces: str, captions: str, keep_face_of: str | None,
                 as_of: date, options: AuditOptions, progress: Progress, started: float) -> None:
        self.result, self.out, self.style, self.mode = result, out, faces, captions
        self.keep_face_of, self.as_of, self.options, self.progress = keep_face_of, as_of, options, progress
        self.seconds = {"audit": time.perf_counter() - started}
        self.started = started
        self.views = list(result.views)
        self.numbers = {v.id: i for i, v in enumerate(self.views, 1)}
        self.failures: list[str] = []
        self.notes: list[str] = []
        self.facts_left: dict[str, int] = {}

    def run(self) -> ShareReport:
        """Plan captions, clean photos, write, check, report."""
        vocab, texts = self._captions()
        keep = keep_rule(self.keep_face_of, self.result.dossier, self.result.posts)
        if self.keep_face_of and not keep.found:
            self.notes.append("nobody of that name was found among the children or photo tags: every face is covered")
        cleaned = self._photos(vocab, keep)
        posts = self._posts(texts, cleaned)
        writer = ShareZip(self.out)
        try:
            self._write(writer, posts, cleaned)
            self._check(writer.path, posts, cleaned)
            report = self._report(posts)
            writer.append("report.json", to_json(report).encode("utf-8"))
            writer.append("report.md", to_markdown(report).encode("utf-8"))
            writer.commit()
        except BaseException:
            writer.discard()
            raise
        log.info("share: %d posts, %d photos, %d faces covered, %d failures", len(posts), report.photos,
                 report.faces_covered, len(report.failures))
        return report

    # -- captions -----------------------------------------------------------------------------

    def _day(self, view: PostView) -> str:
        moment = view.posted_local or view.local_time
        return moment.date().isoformat() if moment else ""

    def _captions(self) -> tuple[Vocabulary, dict[str, Redacted]]:
        t = time.perf_counter()
        vocab = vocabulary(self.result.dossier, self.views)
        if self.mode == "keep":
            texts = {v.id: Redacted(v.caption, ()) for v in self.views}
        else:
            def rows(captions: Any) -> list[Row]:
                return [Row(str(self.numbers[v.id]), self._day(v), captions[v.id].text) for v in self.views]

            plan = plan_captions(self.views, vocab, rows, as_of=self.as_of)
            vocab, texts = plan.vocab, dict(plan.captions)
        self.seconds["captions"] = time.perf_counter() - t
        return vocab, texts

    # -- photos --------------------------------------------------------------------------------

    def _photos(self, vocab: Vocabulary, keep: KeepRule) -> list[_Cleaned]:
        t = time.perf_counter()
        jobs = [_Job(self.numbers[v.id], v, ph, k) for v in self.views for k, ph in enumerate(v.post.photos, 1)]
        if jobs and not face_detector.available():
            self.failures.append("face detection is not installed, so faces were not covered: "
                                 + face_detector.PIP_COMMAND)
        self.progress("share", 0, len(jobs))
        out: list[_Cleaned] = []
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            for done, item in enumerate(pool.map(lambda j: self._clean(j, vocab, keep), jobs), 1):
                out.append(item)
                self.progress("share", done, len(jobs))
        self.seconds["photos"] = time.perf_counter() - t
        return out

    def _clean(self, job: _Job, vocab: Vocabulary, keep: KeepRule) -> _Cleaned:
        name = PHOTO_NAME.format(post=job.number, index=job.index)
        data = self.result.photo_bytes(job.photo.path)
        if data is None:
            return _Cleaned(job, None, None, Expected(), "could not be read")
        try:
            photo = images.decode(data, job.photo.path)
        except KidsafeError:
            return _Cleaned(job, None, None, Expected(), "could not be read as an image")
        image = photo.image
        found = covers.find_faces(image) if face_detector.available() else ()
        kept = found if keep.keeps(job.view.post, job.photo, len(found)) else ()
        to_cover = [f for f in found if f not in kept]
        text_regions = covers.cover_text(image, self._leaking_text(job.photo.path, image, vocab), self.style)
        face_regions = covers.cover_faces(image, to_cover, self.style)
        opaque = tuple(face_regions) if self.style in covers.OPAQUE_STYLES else ()
        if self.style != "blur":
            opaque += tuple(text_regions)
        change = PhotoChange(
            name=name, source=job.photo.path, faces_found=len(found), faces_covered=len(to_cover),
            faces_kept=len(kept), text_covered=len(text_regions), metadata_removed=photo.metadata,
            rotated=photo.rotated, converted_from=photo.source_format, size=image.size)
        return _Cleaned(job, images.encode_jpeg(image), change,
                        Expected(kept=tuple(covers.box_of(f) for f in kept), opaque=opaque))

    def _leaking_text(self, path: str, image: Any, vocab: Vocabulary) -> list[Box]:
        """Boxes of the text lines in the photo that give something away (read again at full size)."""
        found = self.result.findings.get(path)
        if found is None or not any(leaks(line, vocab) for line in found.ocr_lines) or not ocr.available():
            return []
        try:
            lines = ocr.read_text(image)
        except ExtractorUnavailable:
            return []
        return [Box(*line.box) for line in lines if leaks(line.text, vocab)]

    # -- output --------------------------------------------------------------------------------

    def _posts(self, texts: dict[str, Redacted], cleaned: list[_Cleaned]) -> list[PostChange]:
        by_post: dict[int, list[_Cleaned]] = {}
        for item in cleaned:
            by_post.setdefault(item.job.number, []).append(item)
        sensitive = {p: str(f.value) for f in self.result.dossier.facts_of_kind(FactKind.SENSITIVE_IMAGE)
                     for p in f.posts}
        posts = []
        for view in self.views:
            number = self.numbers[view.id]
            items = by_post.get(number, [])
            changes = tuple(i.change for i in items if i.change is not None)
            left_out = sum(1 for i in items if i.change is None)
            faces = sum(c.faces_found for c in changes) if changes and face_detector.available() else None
            several = post_faces(view.post, faces, self.result.dossier).several_children if view.post.photos else False
            if left_out:
                self.notes.append(f"post {number}: {left_out} photo(s) could not be read and were left out")
            if several:
                self.notes.append(f"post {number}: several children show; ask their parents before sharing")
            if view.id in sensitive and view.post.photos:
                self.notes.append(f"post {number}: flagged as a {sensitive[view.id]} picture; better not shared")
            posts.append(PostChange(post=str(number), source_post=view.id, date=self._day(view),
                                    caption=texts[view.id].text, edits=texts[view.id].edits, photos=changes,
                                    left_out=left_out, several_children=several))
        return posts

    def _write(self, writer: ShareZip, posts: list[PostChange], cleaned: list[_Cleaned]) -> None:
        for item in cleaned:
            if item.data is not None and item.change is not None:
                writer.write(item.change.name, item.data, compress=False)
        rows = [Row(p.post, p.date, p.caption, tuple(ph.name for ph in p.photos)) for p in posts]
        writer.write(CSV_NAME, posts_csv(rows))
        writer.close()

    # -- checks --------------------------------------------------------------------------------

    def _check(self, path: Path, posts: list[PostChange], cleaned: list[_Cleaned]) -> None:
        import zipfile

        t = time.perf_counter()
        expected = {i.change.name: i.expected for i in cleaned if i.change is not None}
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n in expected]
            blobs = {n: zf.read(n) for n in names}
            problems = csv_problems(zf.read(CSV_NAME))
        self.progress("verify", 0, len(names))
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            results = pool.map(lambda n: photo_problems(blobs[n], n, expected[n]), names)
            for done, found in enumerate(results, 1):
                problems += found
                self.progress("verify", done, len(names))
        missing = set(expected) - set(names)
        problems += [f"{n}: missing from the ZIP" for n in sorted(missing)]
        self.failures += problems
        self.seconds["verify"] = time.perf_counter() - t
        t = time.perf_counter()

        def check_progress(stage: str, done: int, total: int) -> None:
            self.progress(f"recheck {stage}", done, total)

        again = recheck(path, as_of=self.as_of, captions_kept=self.mode == "keep", progress=check_progress)
        self.failures += again.failures
        self.notes += again.notes
        self.facts_left = again.facts_left
        self.seconds["recheck"] = time.perf_counter() - t

    def _report(self, posts: list[PostChange]) -> ShareReport:
        self.seconds["total"] = time.perf_counter() - self.started
        photos = sum(len(p.photos) for p in posts)
        if photos:
            self.seconds["per_photo"] = self.seconds["total"] / photos
        return ShareReport(out=str(self.out), faces=self.style, captions=self.mode, posts=tuple(posts),
                           failures=tuple(self.failures), notes=tuple(dict.fromkeys(self.notes)),
                           facts_left=dict(self.facts_left), seconds=dict(self.seconds),
                           facts_before=dict(Counter(str(f.kind) for f in self.result.dossier.facts)),
                           keep_face_of=self.keep_face_of)
