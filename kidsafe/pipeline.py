"""audit(): read a feed, read its photos once, read its text, and build the stranger's dossier."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from PIL import Image

from kidsafe import geo, nlp
from kidsafe.engine import build_dossier, load_reference_data, recase
from kidsafe.engine.text import mask_for_nlp
from kidsafe.engine.views import PostView, TextPart, cleaned
from kidsafe.errors import ExtractorUnavailable, KidsafeError, UnsupportedExportError
from kidsafe.ingest import Feed, open_feed
from kidsafe.media import photos, textcheck
from kidsafe.media._onnx import FP32, INT8, int8_is_exact
from kidsafe.models import Dossier, EvidenceSource, FeedWarning, GeoPoint, Photo, PhotoInfo, Post
from kidsafe.timezones import feed_zone, to_local, zone_at

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
#: Text beyond this many characters per caption or comment is not analysed (real captions are far
#: shorter; a hostile 100 MB caption must not stall the audit).
MAX_TEXT_CHARS = 20_000


NLP_BATCH = 256
"""Captions per spaCy batch."""

DETECT_SIDE = 640
"""Faces (a 512x384 input), nudity (224x224) and the text check need no more: photos are decoded once
at about this size for them (OCR reads the regions the text check finds at ``AuditOptions.max_side``)."""

_INT8_EXACT = int8_is_exact()

AUDIT_FACE_INPUT = (448, 320) if _INT8_EXACT else (512, 384)
"""The face detector's input in an audit (long side, short side). The dossier asks which photos show
faces, so faces of about 3% of the photo's width (48 px in 1600) are enough. With the int8 model this
input finds as many of the reference photos' faces as the fp32 model at 512x384 (41 of 50: one face
of a crowd fewer, one small face more), at about 70% of the cost; fp32 at 448x320 finds 39, so fp32 keeps
512x384. The safe share looks again at 640x480 with the fp32 model, and in tiles on large photos, before it
covers faces."""

AUDIT_FACE_PRECISION = INT8 if _INT8_EXACT else FP32
AUDIT_NUDITY_PRECISION = INT8 if _INT8_EXACT else FP32
"""Which copy of each model the audit runs: "fp32" as shipped, or the committed "int8" copy (about half
the CPU). int8 is used only where the accuracy guard (``python -m kidsafe bench --accuracy``) shows it
no worse than fp32 on the reference photos: on reference set v1, at 512x384, it finds the same faces
(recall 0.82, precision 1.0) and gives the same sensitive verdicts, nudity scores within 0.04 of fp32's.
That holds on a CPU with VNNI only (`int8_is_exact`): elsewhere the audit runs fp32.
The safe share, which must cover every face, keeps the fp32 face model."""

AUDIT_NUDITY_GATE = True
"""Whether the audit scores nudity only where a face was found or skin colours cover 3% of the photo
(``nudity.worth_scoring``): 6 of the 35 reference photos (none sensitive, all scoring under 0.01) and about
4 in 10 of the bench's drawn photos are not scored. It holds on the accuracy guard, which has no photo of
real nudity: the gate's case is that a photo with next to no skin colour cannot show it."""

READ_SMALL_LETTER_PX = 16
"""Text whose letters are at least this tall on the detectors' image is read there; smaller text is read
on the photo decoded again at ``AuditOptions.max_side``."""

DRAFT_SCALES = (8, 4, 2)
"""The reduced scales a JPEG decodes at (1/8, 1/4, 1/2), largest reduction first."""

DRAFT_MIN_FRACTION = 0.9
"""A reduced JPEG decode is taken when it still gives at least this fraction of the wanted side."""


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """Which optional checks run. All run offline; each can be switched off."""

    ocr: bool = True
    faces: bool = True
    nudity: bool = True
    max_side: int = 1280  # text is read on photos decoded at this size (the other detectors need less)
    workers: int = 2


Clock = tuple[float, float]


@dataclass
class Timings:
    """Where one audit's time goes, for benchmarks: pass ``audit(..., timings=Timings())`` to fill it.

    Per stage, ``seconds`` sums wall-clock time and ``cpu`` the CPU time of the thread doing the
    work, over photos and both worker threads (so photo stages can add up to more than the wall
    time, and on a busy machine wall exceeds CPU). ``phases`` holds each phase's wall-clock span
    (``perf_counter`` at start and end). An audit without one reads no clock at all.
    """

    seconds: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    phases: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @staticmethod
    def clock() -> Clock:
        """Now: (wall clock, this thread's CPU time)."""
        return time.perf_counter(), time.thread_time()

    def add(self, stage: str, seconds: float, cpu: float, count: int = 1) -> None:
        """Count ``seconds`` of wall time and ``cpu`` of CPU time (and ``count`` items) towards ``stage``."""
        with self._lock:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
            self.cpu[stage] = self.cpu.get(stage, 0.0) + cpu
            self.counts[stage] = self.counts.get(stage, 0) + count

    def lap(self, stage: str, start: Clock) -> Clock:
        """Count the time since ``start`` towards ``stage``; returns now (the next lap's start)."""
        now = self.clock()
        self.add(stage, now[0] - start[0], now[1] - start[1])
        return now

    @contextmanager
    def phase(self, name: str, stage: str | None = None) -> Iterator[None]:
        """Record the wall-clock span of a phase (and its time towards ``stage``, when given)."""
        start = self.clock()
        try:
            yield
        finally:
            end = self.lap(stage, start) if stage else self.clock()
            self.phases[name] = (start[0], end[0])


@contextmanager
def _phase(timings: Timings | None, name: str, stage: str | None = None) -> Iterator[None]:
    if timings is None:
        yield
    else:
        with timings.phase(name, stage):
            yield


@dataclass(frozen=True, slots=True)
class PhotoFindings:
    """What the detectors saw in one photo."""

    ocr_lines: tuple[str, ...] = ()
    faces: tuple[Any, ...] = ()
    nudity: float | None = None


@dataclass
class AuditResult:
    """The dossier, with the posts and photo readings it was built from (for showing evidence)."""

    dossier: Dossier
    feed: Feed
    views: tuple[PostView, ...]
    photo_info: dict[str, PhotoInfo] = field(default_factory=dict)
    findings: dict[str, PhotoFindings] = field(default_factory=dict)

    @property
    def posts(self) -> tuple[Post, ...]:
        """The posts read."""
        return self.feed.posts

    def photo_bytes(self, path: str) -> bytes | None:
        """The bytes of one photo of the feed, or None when it cannot be read."""
        try:
            return self.feed.source.read(path)
        except KidsafeError:
            return None

    def close(self) -> None:
        """Release the feed (ZIP handle, in-memory bytes)."""
        self.feed.source.close()


def _noop(stage: str, done: int, total: int) -> None:
    return None


def _says_something(post: Post) -> bool:
    """Whether a post gives anything away without its photos' pixels: a caption, a comment, a place's name or
    position, someone tagged, or what the platform's export says of a photo (a Takeout sidecar's GPS and people)."""
    return bool(post.caption.strip() or any(t.strip() for t in post.extra_text) or post.place_name or post.place_gps
                or post.people or any(ph.gps or ph.people or ph.description.strip() for ph in post.photos))


def _nothing_read(feed: Feed, warnings: Sequence[FeedWarning]) -> UnsupportedExportError:
    """The error for a feed whose every photo failed and whose posts say nothing else: there is nothing to audit."""
    problems = "; ".join(f"{w.file}: {w.message}" for w in warnings[:3])
    return UnsupportedExportError(f"{feed.source.label}: nothing in it could be read, so there is nothing to audit."
                                  + (f" Problems: {problems}" if problems else ""))


def audit(src: Any, *, as_of: date | None = None, options: AuditOptions | None = None,
          progress: Progress | None = None, timings: Timings | None = None) -> AuditResult:
    """Audit a feed (folder, ZIP path or bytes, mapping of names to bytes) and build its dossier.

    ``timings``, when given, is filled with the time spent per stage (see ``Timings``).
    """
    options = options or AuditOptions()
    progress = progress or _noop
    with _phase(timings, "feed", "reading"):
        feed = open_feed(src) if not isinstance(src, Feed) else src
    warnings: list[FeedWarning] = list(feed.warnings)
    skipped: list[str] = []
    detectors = _detectors(options, skipped)
    all_photos = [ph for post in feed.posts for ph in post.photos]
    progress("photos", 0, len(all_photos))
    info: dict[str, PhotoInfo] = {}
    findings: dict[str, PhotoFindings] = {}

    def read_one(photo: Photo) -> tuple[str, PhotoInfo | None, PhotoFindings | None, str | None]:
        return read_photo(feed, photo.path, detectors, options, timings)

    # The captions need no photo: spaCy reads them on a thread of its own while the photos are read,
    # so its work fills the gaps the photo threads leave; the text found in photos is read after.
    recasing = feed_recasing(feed.posts)  # once: the early caption pass and the views read the same texts
    with ThreadPoolExecutor(max_workers=1) as language:
        early = language.submit(_caption_entities, feed.posts, timings, recasing)
        with _phase(timings, "photos"), ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
            for done, (path, meta, found, error) in enumerate(pool.map(read_one, all_photos), 1):
                if error:  # the table names the file beside its message: not twice
                    warnings.append(FeedWarning(path, error.removeprefix(f"{path}: ")))
                if meta:
                    info[path] = meta
                if found:
                    findings[path] = found
                progress("photos", done, len(all_photos))
        if all_photos and not info and not any(_says_something(post) for post in feed.posts):
            raise _nothing_read(feed, warnings)
        with _phase(timings, "views", "aggregation"):
            views = build_views(feed.posts, info, findings, feed, recasing=recasing)
        warnings += undated_warnings(views, info)
        progress("captions", 0, len(views))
        with _phase(timings, "captions"):
            with_docs(views, skipped, known=early.result(), timings=timings)
    progress("captions", len(views), len(views))
    progress("dossier", 0, 1)
    with _phase(timings, "dossier", "aggregation"):
        unplaced = _utc_stamped(feed.posts) and not feed_positions(feed.posts, info)
        dossier = build_dossier(views, as_of=as_of or date.today(), warnings=tuple(warnings),
                                skipped_checks=tuple(skipped),
                                clock_from_town=_retimer(views, info, feed) if unplaced else None,
                                holder=feed.holder)
    progress("dossier", 1, 1)
    log.info("audit: %d posts, %d photos, %d warnings, %d facts", len(views), len(all_photos),
             len(warnings), len(dossier.facts))
    return AuditResult(dossier=dossier, feed=feed, views=tuple(views), photo_info=info, findings=findings)


def read_photo(feed: Feed, path: str, detectors: dict[str, Any], options: AuditOptions,
               timings: Timings | None = None) -> tuple[str, PhotoInfo | None, PhotoFindings | None, str | None]:
    """One photo's EXIF and detector findings: (path, info, findings, error message or None).

    EXIF is kept even when the pixels cannot be decoded: the GPS still leaks.
    """
    meta = None
    start = timings.clock() if timings is not None else (0.0, 0.0)
    try:
        data = feed.source.read(path)
        if timings is not None:
            start = timings.lap("reading", start)
        meta = photos.read_photo_info(data, path)
        if timings is not None:
            timings.lap("exif", start)
        found = _run_detectors(data, path, detectors, options, timings, meta) if detectors else None
        return path, meta, found, None
    except KidsafeError as exc:
        return path, meta, None, str(exc)
    except Exception as exc:  # noqa: BLE001 - a model's own failure (onnxruntime's bad_alloc) on one photo
        log.warning("photo checks failed on one photo (%s)", type(exc).__name__)
        return path, meta, None, "the photo checks (text, faces, nudity) failed on this photo"


def _detectors(options: AuditOptions, skipped: list[str]) -> dict[str, Any]:
    """The optional detectors switched on and installed; the rest are named in ``skipped``."""
    from kidsafe.media import faces, nudity, ocr

    chosen: dict[str, Any] = {}
    for name, wanted, module in (("ocr", options.ocr, ocr), ("faces", options.faces, faces),
                                 ("nudity", options.nudity, nudity)):
        if not wanted:
            continue
        if module.available():
            chosen[name] = module
        else:
            skipped.append(f"{name}: not installed")
    return chosen


def _run_detectors(data: bytes, path: str, detectors: dict[str, Any], options: AuditOptions,
                   timings: Timings | None = None, info: PhotoInfo | None = None) -> PhotoFindings:
    """Decode the photo once, at the detectors' size, and run every detector on that one image.

    Only photos where the text check finds letters are decoded a second time, larger, for OCR.
    """
    start = timings.clock() if timings is not None else (0.0, 0.0)
    pixels = photos.decode_pixels(data, path, max_side=detector_side(info, min(DETECT_SIDE, options.max_side)))
    if timings is not None:
        start = timings.lap("decode", start)
    lines: tuple[str, ...] = ()
    boxes: tuple[Any, ...] = ()
    score = None
    picture: Image.Image | None = None  # the same pixels as a picture, made once, for OCR and the nudity model
    try:
        if "ocr" in detectors:
            picture = Image.fromarray(pixels)
            lines = _read_text(data, path, picture, detectors["ocr"], options, timings)
            if timings is not None:
                start = timings.clock()
        if "faces" in detectors:
            boxes = detectors["faces"].detect_faces(pixels, input_size=AUDIT_FACE_INPUT,
                                                    precision=AUDIT_FACE_PRECISION)
            if timings is not None:
                start = timings.lap("faces", start)
        if "nudity" in detectors:
            picture = picture or Image.fromarray(pixels)
            if not AUDIT_NUDITY_GATE or detectors["nudity"].worth_scoring(picture, bool(boxes)):
                score = detectors["nudity"].nudity_score(picture, precision=AUDIT_NUDITY_PRECISION)
            if timings is not None:
                timings.lap("nudity", start)  # the gate's time too, and the photos it spared
    except ExtractorUnavailable:
        pass
    finally:
        if picture is not None:
            picture.close()
    return PhotoFindings(ocr_lines=lines, faces=boxes, nudity=score)


def detector_side(info: PhotoInfo | None, wanted: int) -> int:
    """The ``max_side`` to decode a photo at for the detectors: about ``wanted``, and cheap to decode.

    ``photos.open_image`` asks JPEG draft mode for a square box of ``max_side``, which decodes at
    1/2, 1/4 or 1/8 scale only when the photo's *short* side is that many times ``max_side``. A
    side a little under ``wanted`` (no less than ``DRAFT_MIN_FRACTION`` of it) often turns a full
    decode into a reduced one, several times faster: 600 instead of 640 for a 1600x1200 photo.
    """
    if info is None or info.format != "JPEG" or not info.width or not info.height:
        return wanted
    short = min(info.width, info.height)
    for scale in DRAFT_SCALES:
        side = short // scale
        if side >= DRAFT_MIN_FRACTION * wanted:
            return min(side, wanted)
    return wanted


def _read_text(data: bytes, path: str, image: Any, ocr: Any, options: AuditOptions,
               timings: Timings | None) -> tuple[str, ...]:
    """Lines of text in the photo, read only where a cheap check finds rows of letters (see ``textcheck``).

    The check runs on the detectors' small image, and so does finding the lines in its regions.
    Lines whose letters are at least ``READ_SMALL_LETTER_PX`` tall there are read there too;
    smaller ones are read on the photo decoded again at ``options.max_side``, which is decoded
    only when some line was found (most regions of small "letters" turn out to be leaves or bricks).
    """
    start = timings.clock() if timings is not None else (0.0, 0.0)
    regions = textcheck.text_regions(image)
    if timings is not None:
        start = timings.lap("text_check", start)
    if not regions:
        return ()
    found = []
    for region in regions:
        crop = image if region.box == (0, 0, image.width, image.height) else image.crop(region.box)
        quads = ocr.find_lines(crop, letter_px=region.letter_px)
        if quads:
            found.append((region, quads))
    large = image
    try:
        if any(r.letter_px < READ_SMALL_LETTER_PX for r, _ in found) and options.max_side > max(image.size):
            if timings is not None:
                now = timings.clock()
                timings.add("ocr", now[0] - start[0], now[1] - start[1], count=0)  # regions are counted below
                start = now
            large = photos.open_image(data, path, max_side=options.max_side)
            if timings is not None:
                start = timings.lap("text_decode", start)
        scale = large.width / image.width
        lines: list[str] = []
        for region, quads in found:
            x0, y0, x1, y1 = region.box
            crop = large.crop((int(x0 * scale), int(y0 * scale), min(large.width, round(x1 * scale)),
                               min(large.height, round(y1 * scale))))
            to_crop = (crop.width / (x1 - x0), crop.height / (y1 - y0))
            lines += [line.text for line in ocr.read_lines(crop, [quad * to_crop for quad in quads])]
        if timings is not None:
            now = timings.clock()
            timings.add("ocr", now[0] - start[0], now[1] - start[1], count=len(regions))
        return tuple(lines)
    finally:
        if large is not image:
            large.close()


def feed_positions(posts: Sequence[Post], info: dict[str, PhotoInfo]) -> list[GeoPoint]:
    """Every position the feed gives: photos' GPS (EXIF or sidecar) and check-ins (Facebook strips
    EXIF, so its places may be a feed's only positions)."""
    return ([m.gps for m in info.values() if m.gps] + [ph.gps for p in posts for ph in p.photos if ph.gps]
            + [p.place_gps for p in posts if p.place_gps])


def zone_of_town(town: str) -> tzinfo | None:
    """The time zone of a town, when every place of that name keeps the same clock, winter and summer
    ("Perth" is in Australia and in Scotland: no zone)."""
    zones = {_clock(z): z for p in geo.places_named(town) if (z := zone_at(p.point)) is not None}
    return next(iter(zones.values())) if len(zones) == 1 else None


def _retimer(views: Sequence[PostView], info: dict[str, PhotoInfo], feed: Feed) -> Callable[[str], None]:
    """What the engine calls with the family's town in a feed with no position to place it in time:
    the town's zone (when it has one) gives the views their local times, on the views themselves.
    An export's UTC stamps put an evening in Sydney on the day before, and a birthday with it."""
    def retime(town: str) -> None:
        if (zone := zone_of_town(town)) is not None:
            for view in views:
                view.set_times(*post_times(view.post, info, feed, zone))

    return retime


def _clock(zone: tzinfo) -> tuple[Any, Any]:
    """A zone's UTC offsets in January and in July: zones that agree on both keep the same time."""
    return tuple(datetime(2024, month, 15, 12).replace(tzinfo=zone).utcoffset() for month in (1, 7))


def _utc_stamped(posts: Sequence[Post]) -> bool:
    """Whether any post or photo time is an exported (aware, UTC) stamp rather than a local time."""
    return any(t is not None and t.tzinfo is not None
               for p in posts for t in (p.posted_at, *(ph.taken_at for ph in p.photos)))


_FROM_POSITIONS: Any = object()
_FROM_POSTS: Any = object()


def build_views(posts: Sequence[Post], info: dict[str, PhotoInfo], findings: dict[str, PhotoFindings],
                feed: Feed | None = None, zone: tzinfo | None = _FROM_POSITIONS,
                recasing: Callable[[str], str] | None = _FROM_POSTS) -> list[PostView]:
    """One PostView per post: texts, best local time, first GPS fix, tagged people, findings.

    Export timestamps (UTC) become local times in ``zone``; by default, the zone where the feed's
    positions lie, summer time included. ``recasing`` (by default the posts' own, `feed_recasing`)
    gives a feed written in lower case its capitals.
    """
    if zone is _FROM_POSITIONS:
        zone = feed_zone(feed_positions(posts, info))
    if recasing is _FROM_POSTS:
        recasing = feed_recasing(posts)
    views = []
    for post in posts:
        local_time, posted_local = post_times(post, info, feed, zone)
        gps, gps_source, gps_photo = _first_fix(post, info)
        people: list[str] = list(post.people)
        nud: list[float] = []
        faces = 0
        for photo in post.photos:
            people += [p for p in photo.people if p not in people]
            if found := findings.get(photo.path):
                faces += len(found.faces)
                if found.nudity is not None:
                    nud.append(found.nudity)
        views.append(PostView(
            post=post, parts=text_parts(post, findings, recasing), local_time=local_time, posted_local=posted_local,
            gps=gps, gps_source=gps_source, gps_photo=gps_photo, people=tuple(people),
            has_photo=bool(post.photos), nudity=max(nud) if nud else None,
            face_count=faces if findings else None))
    return views


def feed_recasing(posts: Sequence[Post]) -> Callable[[str], str] | None:
    """How to give capitals to a feed written in lower case (`engine.recase`); None for any other feed."""
    return recase.for_texts([t for post in posts for t in _own_words(post)])


def _own_words(post: Post) -> list[str]:
    """The texts a post's writers typed: caption, comments, photo descriptions."""
    return [t for t in (post.caption, *post.extra_text, *(p.description for p in post.photos)) if t]


def text_parts(post: Post, findings: dict[str, PhotoFindings],
               recasing: Callable[[str], str] | None = None) -> tuple[TextPart, ...]:
    """The post's texts in the order its view holds them: caption, other texts, place name, then per
    photo its description and the lines read in it. ``recasing`` gives the typed texts capitals."""
    def typed(text: str) -> str:
        return recasing(text) if recasing else text

    parts = [TextPart(typed(post.caption[:MAX_TEXT_CHARS]), EvidenceSource.CAPTION)] if post.caption else []
    parts += [TextPart(typed(t[:MAX_TEXT_CHARS]), EvidenceSource.SIDECAR) for t in post.extra_text if t]
    if post.place_name:
        parts.append(TextPart(post.place_name, EvidenceSource.SIDECAR))
    for photo in post.photos:
        if photo.description and photo.description != post.caption:
            parts.append(TextPart(typed(photo.description), EvidenceSource.SIDECAR, photo.path))
        found = findings.get(photo.path)
        if found and " ".join(found.ocr_lines).strip():
            parts += [TextPart(line, EvidenceSource.OCR, photo.path) for line in found.ocr_lines]
    return tuple(parts)


def undated_warnings(views: Sequence[PostView], info: dict[str, PhotoInfo]) -> list[FeedWarning]:
    """Warnings naming the posts with words but no time kidsafe can read (no birthday, age or routine is worked out
    from them), and those dated only by a photo file's own time (what is worked out from them may be off)."""
    undated = [v.id for v in views if v.local_time is None and v.post.caption.strip()]
    by_file = [v.id for v in views if v.local_time is not None and v.post.caption.strip()
               and _dated_by_file_time(v.post, info)]
    out = []
    if undated:
        out.append(FeedWarning(_posts_named(undated), "no date kidsafe can read, so no birthday, age or weekly "
                               "routine is worked out from " + ("it" if len(undated) == 1 else
                                                                 f"these {len(undated)} posts")))
    if by_file:
        out.append(FeedWarning(_posts_named(by_file), "dated only by the photo file's own time (no date in posts.csv "
                               "or in the photo): a birthday, age or routine read from " + ("it" if len(by_file) == 1
                                                                                           else "them")
                               + " may be wrong"))
    return out


def _dated_by_file_time(post: Post, info: dict[str, PhotoInfo]) -> bool:
    """Whether only the file-time fallback of ``post_times`` can have dated the post: no posting or photo time."""
    return post.posted_at is None and _photo_taken(post, info, None) is None


def _posts_named(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:UNDATED_NAMED]) + (", …" if len(ids) > UNDATED_NAMED else "")
    return f"{'post' if len(ids) == 1 else 'posts'} {shown}"


UNDATED_NAMED = 5


def post_times(post: Post, info: dict[str, PhotoInfo], feed: Feed | None,
               zone: tzinfo | None) -> tuple[datetime | None, datetime | None]:
    """(local time of the moment shown, local time of posting), export stamps read in ``zone``.

    A photo's EXIF time is already local; without any time, a plain folder's first photo's file time stands in,
    when it is a time a photo could have been taken. An export's post carries its own time: a file time there is
    the day the archive was made (or 1970 in a tar), and a birthday read from it would be false.
    """
    taken = _photo_taken(post, info, zone)
    posted = to_local(post.posted_at, zone)
    if posted is None and taken is None and feed is not None and post.photos and post.platform == "plain":
        stamp = feed.source.mtime(post.photos[0].path)
        posted = stamp if stamp is not None and FILE_TIMES_FROM <= stamp <= datetime.now() else None
    return taken or posted, posted or taken


def _photo_taken(post: Post, info: dict[str, PhotoInfo], zone: tzinfo | None) -> datetime | None:
    """When the post's first dated photo was taken (its EXIF, else its export record read in ``zone``), or None."""
    for photo in post.photos:
        meta = info.get(photo.path)
        taken = (meta.taken_at if meta else None) or to_local(photo.taken_at, zone)
        if taken is not None:
            return taken
    return None


FILE_TIMES_FROM = datetime(2000, 1, 1)
"""A file time before this is no photo's (a tar's 1970, a ZIP's 1980): the post stays undated."""


def _first_fix(post: Post, info: dict[str, PhotoInfo]) -> tuple[GeoPoint | None, EvidenceSource | None, str | None]:
    """(position, where it was read, photo) of the post's first position: a photo's EXIF, else its
    sidecar, photo by photo, else the post's check-in."""
    for photo in post.photos:
        meta = info.get(photo.path)
        if meta and meta.gps:
            return meta.gps, EvidenceSource.EXIF, photo.path
        if photo.gps:
            return photo.gps, EvidenceSource.SIDECAR, photo.path
    if post.place_gps:
        return post.place_gps, EvidenceSource.SIDECAR, None
    return None, None, None


def with_docs(views: list[PostView], skipped: list[str], known: KnownEntities | None = None,
              timings: Timings | None = None) -> list[PostView]:
    """Attach spaCy's entities to every text part of the views (in place), all texts in one batched pass.

    The engine reads only the entities, and ``nlp.entities`` runs only the components they need.
    A text seen twice (a recurring caption, a place name, the same sign in two photos) is read
    once; texts in ``known`` (read earlier by ``_caption_entities``) are not read again. See
    nlp.entities for why no Doc is kept. Returns the same views.
    """
    if isinstance(known, ExtractorUnavailable):
        skipped.append(f"language model: {known}")
        return views
    parsed = dict(known or {})
    texts = [mask_for_nlp(part.text) for v in views for part in v.parts]
    try:
        parsed |= _entities_of([text for text in texts if text not in parsed], timings)
    except ExtractorUnavailable as exc:
        skipped.append(f"language model: {exc}")
        return views
    found = iter(texts)
    for view in views:
        view.set_entities([parsed[next(found)] for _ in view.parts])
    return views


KnownEntities = dict[str, nlp.Entities] | ExtractorUnavailable


def _caption_entities(posts: Sequence[Post], timings: Timings | None,
                      recasing: Callable[[str], str] | None = None) -> KnownEntities:
    """spaCy's entities of every text of the posts that needs no photo (captions, comments, place names).

    Then the engine's reference data is read (``load_reference_data``), while the photos still are.

    Returns the error instead of raising it when the language model is missing, so that the caller
    reports it once, in order, as ``with_docs`` would.
    """
    texts = [mask_for_nlp(cleaned(part).text) for post in posts for part in text_parts(post, {}, recasing)]
    try:
        return _entities_of(texts, timings)
    except ExtractorUnavailable as exc:
        return exc
    finally:
        start = Timings.clock() if timings is not None else (0.0, 0.0)
        load_reference_data()  # the engine's name and place lists, read now rather than after the photos
        if timings is not None:
            timings.lap("aggregation", start)


def _entities_of(texts: Sequence[str], timings: Timings | None) -> dict[str, nlp.Entities]:
    """spaCy's entities of each distinct (masked) text, in batches; raises ExtractorUnavailable."""
    start = Timings.clock() if timings is not None else (0.0, 0.0)
    unique = list(dict.fromkeys(texts))
    parsed = dict(zip(unique, nlp.entities(unique, batch_size=NLP_BATCH), strict=True))
    if timings is not None:
        timings.lap("captions", start)
    return parsed


def audit_path(path: str | Path, **kwargs: Any) -> AuditResult:
    """audit() of a path on disk (a folder or a ZIP)."""
    return audit(Path(path), **kwargs)
