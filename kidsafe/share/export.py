"""The safe share: a copy of a feed that can be posted without giving the children away.

``share(src, out_zip)`` audits the feed, leaves its sensitive pictures out (unless the parent
puts one back), then for every photo applies the EXIF orientation, rebuilds the image from its
pixels alone (no EXIF, GPS, XMP, ICC profile, comments or maker notes; HEIC and PNG become JPEG),
covers every face found at full resolution and every line of text in it that gives a name,
school or place away, and rewrites the captions: names, school, town, places, times, ages and
days made vague, and every name the caption model reads taken out. It writes OUT.zip with the
photos, posts.csv (kidsafe's plain format, dates to the day, none where the day gives a birthday or a
routine away) and report.json / report.md, then
checks the copy three ways (``kidsafe.share.outcome``): a fresh audit, the word check and the
metadata check. What they still find is in ``ShareReport.remaining``.
"""

from __future__ import annotations

import logging
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from kidsafe.engine.ages import BIRTHDAY_CONTEXT
from kidsafe.engine.net.names import person_words, tagged_people
from kidsafe.engine.net.times import said_as_a_habit
from kidsafe.engine.text import fold
from kidsafe.engine.views import PostView
from kidsafe.media import faces as face_detector
from kidsafe.models import FactKind
from kidsafe.pipeline import AuditOptions, AuditResult, audit
from kidsafe.report.pictures import post_faces
from kidsafe.report.plain import counted, posts_count
from kidsafe.share import covers
from kidsafe.share.captions import plan_captions
from kidsafe.share.keep import KeepRule, keep_rule
from kidsafe.share.leftout import Sensitive, sensitive_posts
from kidsafe.share.lowercase import lower_case_check
from kidsafe.share.outcome import AUDIT, CHECKS, METADATA, Remaining, remaining
from kidsafe.share.photos import Cleaned, Job, clean
from kidsafe.share.redact import Redacted
from kidsafe.share.report import LeftOutPost, PostChange, ShareReport, to_json, to_markdown
from kidsafe.share.terms import Vocabulary, vocabulary
from kidsafe.share.verify import csv_problems, photo_problems, recheck
from kidsafe.share.second_look import second_look
from kidsafe.share.words import copy_captions, family_words, word_check
from kidsafe.share.writer import CSV_NAME, Row, ShareZip, post_numbers, posts_csv

__all__ = ["CAPTION_MODES", "FACE_STYLES", "ShareReport", "share"]

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]

FACE_STYLES = covers.FACE_STYLES
CAPTION_MODES = ("redact", "keep")


def _noop(stage: str, done: int, total: int) -> None:
    return None


def share(src: Any, out_zip: str | Path, *, faces: str = "blur", captions: str = "redact",
          keep_face_of: str | None = None, put_back: Collection[str | int] = (), keep_words: Collection[str] = (),
          as_of: date | None = None, progress: Progress | None = None,
          options: AuditOptions | None = None) -> ShareReport:
    """Write a safer copy of the feed ``src`` to ``out_zip`` and check it; see the module docstring.

    ``faces`` is blur, fill or emoji; ``captions`` is redact or keep; ``keep_face_of`` names the
    one person whose face may stay uncovered (rule in ``kidsafe.share.keep``); ``put_back`` are
    the numbers (as the report shows them: 1 for the feed's first post) of sensitive posts the
    parent wants in the copy all the same; ``keep_words``
    are words the parent keeps as written; ``options`` are the audit's (OCR, nudity, workers);
    faces are always looked for, at full resolution.
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
        run.choose(tuple(put_back), tuple(keep_words))
        return run.write(Path(out_zip), keep_face_of)
    finally:
        result.close()


#: Facts a post's day gives away beside its words: the day a birthday is wished is the birthday, the weekday of a
#: post about a weekly habit is the habit's.
_DAY_GIVES_AWAY = (FactKind.BIRTHDAY, FactKind.AGE, FactKind.BIRTH_YEAR, FactKind.ROUTINE)


def _day_gives_away(result: AuditResult) -> frozenset[str]:
    """Posts to leave undated in the copy: those the dossier cites for a birthday, an age or a routine, and any
    whose words wish a happy birthday or say a weekday as a habit (by the words alone: the copy must not hang on
    the engine)."""
    cited = {p for kind in _DAY_GIVES_AWAY for f in result.dossier.facts_of_kind(kind) for p in f.posts}
    worded = {v.id for v in result.views if BIRTHDAY_CONTEXT.search(v.all_folded) or said_as_a_habit(v.caption)}
    return frozenset(cited | worded)


def copy_order(result: AuditResult, undated: frozenset[str] | None = None) -> list[PostView]:
    """The posts in the copy's order: the dated ones as in the feed, then those left undated. In feed order, between
    two dated posts, an undated one's place would give its day back (a birthday between 31 Oct and 27 Nov)."""
    undated = _day_gives_away(result) if undated is None else undated
    return sorted(result.views, key=lambda v: v.id in undated)  # stable: each group keeps the feed's order


def copy_numbers(result: AuditResult) -> dict[str, int]:
    """Each post's number in the copy (by its id in the feed), as posts.csv, the report and ``--put-back`` give it."""
    return post_numbers(v.id for v in copy_order(result))


class _Share:
    """One safe-share run over an audited feed."""

    def __init__(self, result: AuditResult, style: str, mode: str, as_of: date, options: AuditOptions,
                 progress: Progress, started: float) -> None:
        self.result, self.style, self.mode, self.as_of = result, style, mode, as_of
        self.options, self.progress, self.started = options, progress, started
        self.seconds = {"audit": time.perf_counter() - started}
        self.undated = _day_gives_away(result)
        self.ordered = copy_order(result, self.undated)
        self.numbers = post_numbers(v.id for v in self.ordered)
        self.views = list(self.ordered)
        self.remaining: list[Remaining] = []
        self.notes: list[str] = []
        self.facts_left: dict[str, int] = {}
        self.sensitive: dict[str, Sensitive] = {}
        self.keep_words: tuple[str, ...] = ()
        self.checks_run: tuple[str, ...] = CHECKS

    def choose(self, put_back: tuple[str | int, ...], keep_words: tuple[str, ...]) -> None:
        """The parent's choices: sensitive posts put back, words kept. Sensitive posts not put back leave."""
        wanted = {str(n).strip() for n in put_back}
        self.sensitive = sensitive_posts(self.result, {p for p, n in self.numbers.items() if str(n) in wanted})
        gone = {p for p, s in self.sensitive.items() if s.whole_post and not s.put_back}
        self.views = [v for v in self.ordered if v.id not in gone]
        self.keep_words = keep_words
        sensitive = sorted(self.numbers[p] for p in self.sensitive)
        for n in sorted(wanted - {str(n) for n in sensitive}, key=lambda n: (len(n), n)):
            listed = ", ".join(str(k) for k in sensitive) or "none in this feed"
            self.notes.append(f"post {n} was to be put back, but it is no sensitive post (those are: {listed}); "
                              "nothing was put back for it")

    def _photo_left_out(self, path: str, post: str) -> bool:
        item = self.sensitive.get(post)
        return item is not None and not item.put_back and path in item.photos

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
            undated = sum(1 for p in posts if p.source_post in self.undated)
            if undated:
                self.notes.append(f"{posts_count(undated)} left undated: beside what "
                                  f"{'they say' if undated != 1 else 'it says'}, the day gave away a birthday or a "
                                  "weekly routine")
            writer.write(CSV_NAME, posts_csv([Row(p.post, p.date, p.caption, tuple(ph.name for ph in p.photos))
                                              for p in posts]))
            writer.close()
            self._check(writer.path, cleaned, vocab)
            report = self._report(out, posts, keep_face_of)
            writer.append("report.json", to_json(report).encode("utf-8"))
            writer.append("report.md", to_markdown(report).encode("utf-8"))
            writer.commit()
        except BaseException:
            writer.discard()
            raise
        log.info("share: %d posts, %d photos, %d faces covered, %d left out, %d remaining", len(posts),
                 report.photos, report.faces_covered, len(report.left_out), len(report.remaining))
        return report

    def _day(self, view: PostView) -> str:
        moment = view.posted_local or view.local_time
        return moment.date().isoformat() if moment else ""

    def _copy_day(self, view: PostView) -> str:
        """The day a post of the copy is dated: none where the day, beside the post's words, gives something away."""
        return "" if view.id in self.undated else self._day(view)

    def _captions(self) -> tuple[Vocabulary, dict[str, Redacted]]:
        t = time.perf_counter()
        vocab = vocabulary(self.result.dossier, self.result.views).keeping(self.keep_words)
        if self.mode == "keep":
            texts = {v.id: Redacted(v.caption, ()) for v in self.views}
        else:
            def rows(captions: Any) -> list[Row]:
                return [Row(str(self.numbers[v.id]), self._copy_day(v), captions[v.id].text) for v in self.views]

            plan = plan_captions(self.views, vocab, rows, as_of=self.as_of)
            vocab, texts = plan.vocab, dict(plan.captions)
        self.seconds["captions"] = time.perf_counter() - t
        return vocab, texts

    def _photos(self, writer: ShareZip, vocab: Vocabulary, keep: KeepRule) -> list[Cleaned]:
        """Every photo cleaned (two at a time) and written as soon as it is ready, in feed order."""
        t = time.perf_counter()
        findings = self.result.findings
        jobs = [Job(self.numbers[v.id], v.post, ph, k, findings[ph.path].ocr_lines if ph.path in findings else ())
                for v in self.views for k, ph in enumerate(v.post.photos, 1) if not self._photo_left_out(ph.path, v.id)]
        if jobs and not face_detector.available():
            self.remaining.append(remaining(METADATA, None, "faces were not covered: face detection is not installed",
                                            f"install it ({face_detector.PIP_COMMAND}) and make the copy again"))

        def work(job: Job) -> Cleaned:
            return clean(job, self.result.photo_bytes(job.photo.path), style=self.style, vocab=vocab, keep=keep)

        out: list[Cleaned] = []
        self.progress("share", 0, len(jobs))
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            for done, item in enumerate(pool.map(work, jobs), 1):
                if item.data is not None and item.change is not None:
                    writer.write(item.change.name, item.data, compress=False)
                if item.failure:
                    self.remaining.append(remaining(METADATA, str(item.job.number), item.failure, "photo"))
                out.append(replace(item, data=None))
                self.progress("share", done, len(jobs))
        self.seconds["photos"] = time.perf_counter() - t
        return out

    def _posts(self, texts: dict[str, Redacted], cleaned: list[Cleaned]) -> list[PostChange]:
        by_post: dict[int, list[Cleaned]] = {}
        for item in cleaned:
            by_post.setdefault(item.job.number, []).append(item)
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
                self.notes.append(f"post {number}: {counted(len(left_out), 'photo')} left out ({why})")
            if several:
                self.notes.append(f"post {number}: several children show; ask their parents before sharing")
            posts.append(PostChange(post=str(number), source_post=view.id, date=self._copy_day(view),
                                    caption=texts[view.id].text, edits=texts[view.id].edits, photos=changes,
                                    left_out=len(left_out), several_children=several))
        return posts

    def _left_out(self) -> tuple[LeftOutPost, ...]:
        by_id = {v.id: v for v in self.result.views}
        # the copy's own day: a post whose day gives a birthday away is undated in the report inside the copy too
        return tuple(LeftOutPost(post=str(self.numbers[p]), source_post=p, date=self._copy_day(by_id[p]),
                                 reason=s.words, photos=len(s.photos), whole_post=s.whole_post, put_back=s.put_back)
                     for p, s in sorted(self.sensitive.items(), key=lambda kv: self.numbers.get(kv[0], 0))
                     if p in by_id)

    def _check(self, path: Path, cleaned: list[Cleaned], vocab: Vocabulary) -> None:
        """The three checks of the written ZIP: metadata and faces, the family's words, a fresh audit."""
        t = time.perf_counter()
        expected = {i.change.name: i.expected for i in cleaned if i.change is not None}
        number = {i.change.name: str(i.job.number) for i in cleaned if i.change is not None}
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            self.remaining += [remaining(METADATA, None, p, "copy") for p in csv_problems(zf.read(CSV_NAME))]
        self.remaining += [remaining(METADATA, number[n], "a photo is missing from the copy", "copy")
                           for n in sorted(set(expected) - names)]
        present = [n for n in expected if n in names]

        def check(name: str) -> list[str]:
            with zipfile.ZipFile(path) as zf:
                return photo_problems(zf.read(name), name, expected[name])

        self.progress("verify", 0, len(present))
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            for done, (name, found) in enumerate(zip(present, pool.map(check, present), strict=True), 1):
                todo = "photo" if any("face" in f for f in found) else "copy"
                self.remaining += [remaining(METADATA, number[name], f.removeprefix(f"{name}: "), todo) for f in found]
                self.progress("verify", done, len(present))
        self.seconds["verify"] = time.perf_counter() - t
        t = time.perf_counter()
        known = vocab.known()
        names = {str(self.numbers[v.id]): {v.caption[a:b] for a, b in person_words(v.caption, tagged_people(v), known)}
                 for v in self.views}
        self.remaining += word_check(path, family_words(vocab), names)
        self.remaining += second_look(copy_captions(path), vocab.kept)  # what the dossier itself may have missed
        self.remaining += lower_case_check(v.caption for v in self.views)
        self.seconds["words"] = time.perf_counter() - t
        t = time.perf_counter()

        def check_progress(stage: str, done: int, total: int) -> None:
            self.progress(f"recheck {stage}", done, total)

        put_back = frozenset(str(self.numbers[p]) for p, s in self.sensitive.items() if s.put_back)
        again = recheck(path, as_of=self.as_of, captions_kept=self.mode == "keep", put_back=put_back,
                        kept=vocab.kept, progress=check_progress)
        self.remaining += again.items
        self.notes += again.notes
        if not again.complete:  # text in the photos went unread: the fresh audit cannot vouch for the copy
            self.checks_run = tuple(c for c in self.checks_run if c != AUDIT)
        self.facts_left = again.facts_left
        left = sum(self.facts_left.values())
        if left and not again.items and (put_back or vocab.kept):  # the count alone would read as a fault
            self.notes.append(("the fact a stranger still finds in the copy comes" if left == 1 else
                               f"the {left} facts a stranger still finds in the copy come") + " from what you chose "
                              "to keep")
        self.seconds["recheck"] = time.perf_counter() - t

    def _report(self, out: Path, posts: list[PostChange], keep_face_of: str | None) -> ShareReport:
        self.seconds["total"] = time.perf_counter() - self.started
        photos = sum(len(p.photos) for p in posts)
        if photos:
            self.seconds["per_photo"] = self.seconds["total"] / photos
        return ShareReport(out=str(out), faces=self.style, captions=self.mode, posts=tuple(posts),
                           remaining=tuple(dict.fromkeys(self.remaining)), notes=tuple(dict.fromkeys(self.notes)),
                           facts_left=dict(self.facts_left), seconds=dict(self.seconds),
                           facts_before=dict(Counter(str(f.kind) for f in self.result.dossier.facts)),
                           keep_face_of=keep_face_of, left_out=self._left_out(),
                           kept_words=len({fold(w) for w in self.keep_words if w.strip()}),
                           checks_run=self.checks_run)
