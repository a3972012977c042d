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
import zipfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from kidsafe import faces as face_detector
from kidsafe.engine.views import PostView
from kidsafe.models import FactKind
from kidsafe.pictures import post_faces
from kidsafe.pipeline import AuditOptions, AuditResult, audit
from kidsafe.share import covers
from kidsafe.share.captions import plan_captions
from kidsafe.share.keep import KeepRule, keep_rule
from kidsafe.share.photos import Cleaned, Job, clean
from kidsafe.share.redact import Redacted
from kidsafe.share.report import PostChange, ShareReport, to_json, to_markdown
from kidsafe.share.terms import Vocabulary, vocabulary
from kidsafe.share.verify import csv_problems, photo_problems, recheck
from kidsafe.share.writer import CSV_NAME, Row, ShareZip, posts_csv

__all__ = ["CAPTION_MODES", "FACE_STYLES", "ShareReport", "share"]

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]

FACE_STYLES = covers.FACE_STYLES
CAPTION_MODES = ("redact", "keep")


def _noop(stage: str, done: int, total: int) -> None:
    return None


def share(src: Any, out_zip: str | Path, *, faces: str = "blur", captions: str = "redact",
          keep_face_of: str | None = None, as_of: date | None = None, progress: Progress | None = None,
          options: AuditOptions | None = None) -> ShareReport:
    """Write a safer copy of the feed ``src`` to ``out_zip`` and check it; see the module docstring.

    ``faces`` is blur, fill or emoji; ``captions`` is redact or keep; ``keep_face_of`` names the
    one person whose face may stay uncovered (rule in ``kidsafe.share.keep``); ``options`` are
    the audit's (OCR, nudity, workers); faces are always looked for, at full resolution.
    Raises KidsafeError when the feed cannot be read, OSError when OUT cannot be written and
    ValueError for a bad choice.
    """
    if faces not in FACE_STYLES:
        raise ValueError(f"faces must be one of {', '.join(FACE_STYLES)}, not {faces!r}")
    if captions not in CAPTION_MODES:
        raise ValueError(f"captions must be one of {', '.join(CAPTION_MODES)}, not {captions!r}")
    started = time.perf_counter()
    as_of = as_of or date.today()
    options = replace(options or AuditOptions(), faces=False)
    result = audit(src, as_of=as_of, options=options, progress=progress or _noop)
    try:
        run = _Share(result, faces, captions, as_of, options, progress or _noop, started)
        return run.write(Path(out_zip), keep_face_of)
    finally:
        result.close()


class _Share:
    """One safe-share run over an audited feed."""

    def __init__(self, result: AuditResult, style: str, mode: str, as_of: date, options: AuditOptions,
                 progress: Progress, started: float) -> None:
        self.result, self.style, self.mode, self.as_of = result, style, mode, as_of
        self.options, self.progress, self.started = options, progress, started
        self.seconds = {"audit": time.perf_counter() - started}
        self.views = list(result.views)
        self.numbers = {v.id: i for i, v in enumerate(self.views, 1)}
        self.failures: list[str] = []
        self.notes: list[str] = []
        self.facts_left: dict[str, int] = {}

    def write(self, out: Path, keep_face_of: str | None) -> ShareReport:
        """Plan the captions, clean and write the photos, check the ZIP, add the report."""
        vocab, texts = self._captions()
        keep = keep_rule(keep_face_of, self.result.dossier, self.result.posts)
        if keep_face_of and not keep.found:
            self.notes.append("nobody of that name was found among the children or photo tags: every face is covered")
        writer = ShareZip(out)
        try:
            cleaned = self._photos(writer, vocab, keep)
            posts = self._posts(texts, cleaned)
            writer.write(CSV_NAME, posts_csv([Row(p.post, p.date, p.caption, tuple(ph.name for ph in p.photos))
                                              for p in posts]))
            writer.close()
            self._check(writer.path, cleaned)
            report = self._report(out, posts, keep_face_of)
            writer.append("report.json", to_json(report).encode("utf-8"))
            writer.append("report.md", to_markdown(report).encode("utf-8"))
            writer.commit()
        except BaseException:
            writer.discard()
            raise
        log.info("share: %d posts, %d photos, %d faces covered, %d failures", len(posts), report.photos,
                 report.faces_covered, len(report.failures))
        return report

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

    def _photos(self, writer: ShareZip, vocab: Vocabulary, keep: KeepRule) -> list[Cleaned]:
        """Every photo cleaned (two at a time) and written as soon as it is ready, in feed order."""
        t = time.perf_counter()
        findings = self.result.findings
        jobs = [Job(self.numbers[v.id], v.post, ph, k, findings[ph.path].ocr_lines if ph.path in findings else ())
                for v in self.views for k, ph in enumerate(v.post.photos, 1)]
        if jobs and not face_detector.available():
            self.failures.append("face detection is not installed, so faces were not covered: "
                                 + face_detector.PIP_COMMAND)

        def work(job: Job) -> Cleaned:
            return clean(job, self.result.photo_bytes(job.photo.path), style=self.style, vocab=vocab, keep=keep)

        out: list[Cleaned] = []
        self.progress("share", 0, len(jobs))
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            for done, item in enumerate(pool.map(work, jobs), 1):
                if item.data is not None and item.change is not None:
                    writer.write(item.change.name, item.data, compress=False)
                if item.failure and item.failure not in self.failures:
                    self.failures.append(item.failure)
                out.append(replace(item, data=None))
                self.progress("share", done, len(jobs))
        self.seconds["photos"] = time.perf_counter() - t
        return out

    def _posts(self, texts: dict[str, Redacted], cleaned: list[Cleaned]) -> list[PostChange]:
        by_post: dict[int, list[Cleaned]] = {}
        for item in cleaned:
            by_post.setdefault(item.job.number, []).append(item)
        sensitive = {p: str(f.value) for f in self.result.dossier.facts_of_kind(FactKind.SENSITIVE_IMAGE)
                     for p in f.posts}
        posts = []
        for view in self.views:
            number = self.numbers[view.id]
            items = by_post.get(number, [])
            changes = tuple(i.change for i in items if i.change is not None)
            left_out = [i.error for i in items if i.change is None]
            faces = sum(c.faces_found for c in changes) if changes and face_detector.available() else None
            several = bool(view.post.photos) and post_faces(view.post, faces, self.result.dossier).several_children
            if left_out:
                why = "; ".join(dict.fromkeys(str(e) for e in left_out))
                self.notes.append(f"post {number}: {len(left_out)} photo(s) left out ({why})")
            if several:
                self.notes.append(f"post {number}: several children show; ask their parents before sharing")
            if view.id in sensitive and view.post.photos:
                self.notes.append(f"post {number}: flagged as a {sensitive[view.id]} picture; better not shared")
            posts.append(PostChange(post=str(number), source_post=view.id, date=self._day(view),
                                    caption=texts[view.id].text, edits=texts[view.id].edits, photos=changes,
                                    left_out=len(left_out), several_children=several))
        return posts

    def _check(self, path: Path, cleaned: list[Cleaned]) -> None:
        """Read every written file back, look for faces again, and audit the ZIP."""
        t = time.perf_counter()
        expected = {i.change.name: i.expected for i in cleaned if i.change is not None}
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            problems = csv_problems(zf.read(CSV_NAME))
        problems += [f"{n}: missing from the ZIP" for n in sorted(set(expected) - names)]
        present = [n for n in expected if n in names]

        def check(name: str) -> list[str]:
            with zipfile.ZipFile(path) as zf:
                return photo_problems(zf.read(name), name, expected[name])

        self.progress("verify", 0, len(present))
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            for done, found in enumerate(pool.map(check, present), 1):
                problems += found
                self.progress("verify", done, len(present))
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

    def _report(self, out: Path, posts: list[PostChange], keep_face_of: str | None) -> ShareReport:
        self.seconds["total"] = time.perf_counter() - self.started
        photos = sum(len(p.photos) for p in posts)
        if photos:
            self.seconds["per_photo"] = self.seconds["total"] / photos
        return ShareReport(out=str(out), faces=self.style, captions=self.mode, posts=tuple(posts),
                           failures=tuple(self.failures), notes=tuple(dict.fromkeys(self.notes)),
                           facts_left=dict(self.facts_left), seconds=dict(self.seconds),
                           facts_before=dict(Counter(str(f.kind) for f in self.result.dossier.facts)),
                           keep_face_of=keep_face_of)
