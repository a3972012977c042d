"""audit(): read a feed, read its photos once, read its text, and build the stranger's dossier."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from statistics import median
from typing import Any

from kidsafe import nlp, photos
from kidsafe.engine import build_dossier
from kidsafe.engine.text import mask_for_nlp
from kidsafe.engine.views import PostView, TextPart
from kidsafe.errors import ExtractorUnavailable, KidsafeError
from kidsafe.ingest import Feed, open_feed
from kidsafe.models import Dossier, EvidenceSource, FeedWarning, GeoPoint, Photo, PhotoInfo, Post

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
#: Text beyond this many characters per caption or comment is not analysed (real captions are far
#: shorter; a hostile 100 MB caption must not stall the audit).
MAX_TEXT_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """Which optional checks run. All run offline; each can be switched off."""

    ocr: bool = True
    faces: bool = True
    nudity: bool = True
    max_side: int = 1280  # photos are decoded once at this size for every detector
    workers: int = 2


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


def audit(src: Any, *, as_of: date | None = None, options: AuditOptions | None = None,
          progress: Progress | None = None) -> AuditResult:
    """Audit a feed (folder, ZIP path or bytes, mapping of names to bytes) and build its dossier."""
    options = options or AuditOptions()
    progress = progress or _noop
    feed = open_feed(src) if not isinstance(src, Feed) else src
    warnings: list[FeedWarning] = list(feed.warnings)
    skipped: list[str] = []
    detectors = _detectors(options, skipped)
    all_photos = [ph for post in feed.posts for ph in post.photos]
    progress("photos", 0, len(all_photos))
    info: dict[str, PhotoInfo] = {}
    findings: dict[str, PhotoFindings] = {}

    def read_one(photo: Photo) -> tuple[str, PhotoInfo | None, PhotoFindings | None, str | None]:
        meta = None
        try:
            data = feed.source.read(photo.path)
            meta = photos.read_photo_info(data, photo.path)
            # EXIF is kept even when the pixels cannot be decoded: the GPS still leaks.
            found = _run_detectors(data, photo.path, detectors, options) if detectors else None
            return photo.path, meta, found, None
        except KidsafeError as exc:
            return photo.path, meta, None, str(exc)

    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        for done, (path, meta, found, error) in enumerate(pool.map(read_one, all_photos), 1):
            if error:
                warnings.append(FeedWarning(path, error))
            if meta:
                info[path] = meta
            if found:
                findings[path] = found
            progress("photos", done, len(all_photos))
    views = build_views(feed.posts, info, findings, feed)
    progress("captions", 0, len(views))
    views = _with_docs(views, skipped)
    progress("captions", len(views), len(views))
    progress("dossier", 0, 1)
    dossier = build_dossier(views, as_of=as_of or date.today(), warnings=tuple(warnings),
                            skipped_checks=tuple(skipped))
    progress("dossier", 1, 1)
    log.info("audit: %d posts, %d photos, %d warnings, %d facts", len(views), len(all_photos),
             len(warnings), len(dossier.facts))
    return AuditResult(dossier=dossier, feed=feed, views=tuple(views), photo_info=info, findings=findings)


def _detectors(options: AuditOptions, skipped: list[str]) -> dict[str, Any]:
    """The optional detectors switched on and installed; the rest are named in ``skipped``."""
    from kidsafe import faces, nudity, ocr

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


def _run_detectors(data: bytes, path: str, detectors: dict[str, Any], options: AuditOptions) -> PhotoFindings:
    """Decode the photo once at reduced size and run every detector on that one image."""
    image = photos.open_image(data, path, max_side=options.max_side)
    try:
        lines: tuple[str, ...] = ()
        boxes: tuple[Any, ...] = ()
        score = None
        try:
            if "ocr" in detectors:
                lines = tuple(line.text for line in detectors["ocr"].read_text(image))
            if "faces" in detectors:
                boxes = detectors["faces"].detect_faces(image)
            if "nudity" in detectors:
                score = detectors["nudity"].nudity_score(image)
        except ExtractorUnavailable:
            pass
        return PhotoFindings(ocr_lines=lines, faces=boxes, nudity=score)
    finally:
        image.close()


def _utc_offset(points: Sequence[GeoPoint]) -> timedelta | None:
    """A rough local offset from the feed's GPS longitudes (15 degrees an hour), for UTC timestamps."""
    if not points:
        return None
    return timedelta(hours=round(median(p.lon for p in points) / 15))


def _to_local(moment: datetime | None, offset: timedelta | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    utc = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return utc + offset if offset is not None else utc


def build_views(posts: Sequence[Post], info: dict[str, PhotoInfo], findings: dict[str, PhotoFindings],
                feed: Feed | None = None) -> list[PostView]:
    """One PostView per post: texts, best local time, first GPS fix, tagged people, findings."""
    points = [m.gps for m in info.values() if m.gps] + [ph.gps for p in posts for ph in p.photos if ph.gps]
    offset = _utc_offset(points)
    views = []
    for post in posts:
        parts = [TextPart(post.caption[:MAX_TEXT_CHARS], EvidenceSource.CAPTION)] if post.caption else []
        parts += [TextPart(t[:MAX_TEXT_CHARS], EvidenceSource.SIDECAR) for t in post.extra_text if t]
        if post.place_name:
            parts.append(TextPart(post.place_name, EvidenceSource.SIDECAR))
        gps = gps_source = gps_photo = None
        taken: datetime | None = None
        people: list[str] = []
        nud: list[float] = []
        faces = 0
        for photo in post.photos:
            meta = info.get(photo.path)
            found = findings.get(photo.path)
            if photo.description and photo.description != post.caption:
                parts.append(TextPart(photo.description, EvidenceSource.SIDECAR, photo.path))
            if found:
                text = " ".join(found.ocr_lines).strip()
                if text:
                    parts += [TextPart(line, EvidenceSource.OCR, photo.path) for line in found.ocr_lines]
                faces += len(found.faces)
                if found.nudity is not None:
                    nud.append(found.nudity)
            if gps is None and meta and meta.gps:
                gps, gps_source, gps_photo = meta.gps, EvidenceSource.EXIF, photo.path
            if gps is None and photo.gps:
                gps, gps_source, gps_photo = photo.gps, EvidenceSource.SIDECAR, photo.path
            taken = taken or (meta.taken_at if meta else None) or _to_local(photo.taken_at, offset)
            people += [p for p in photo.people if p not in people]
        if gps is None and post.place_gps:
            gps, gps_source = post.place_gps, EvidenceSource.SIDECAR
        posted = _to_local(post.posted_at, offset)
        if posted is None and not post.photos:
            posted = None
        if posted is None and taken is None and feed is not None and post.photos:
            posted = feed.source.mtime(post.photos[0].path)
        views.append(PostView(
            post=post, parts=tuple(parts), local_time=taken or posted, posted_local=posted or taken,
            gps=gps, gps_source=gps_source, gps_photo=gps_photo, people=tuple(people),
            has_photo=bool(post.photos), nudity=max(nud) if nud else None,
            face_count=faces if findings else None))
    return views


def _with_docs(views: list[PostView], skipped: list[str]) -> list[PostView]:
    """Attach a spaCy Doc to every text part, all captions in one batched pass."""
    texts = [mask_for_nlp(part.text) for v in views for part in v.parts]
    try:
        docs = list(nlp.pipe(texts))
    except ExtractorUnavailable as exc:
        skipped.append(f"language model: {exc}")
        return views
    out, i = [], 0
    for v in views:
        n = len(v.parts)
        out.append(PostView(**{**_fields(v), "docs": tuple(docs[i:i + n])}))
        i += n
    return out


def _fields(view: PostView) -> dict[str, Any]:
    return {k: getattr(view, k) for k in view.__dataclass_fields__ if k != "folded"}


def audit_path(path: str | Path, **kwargs: Any) -> AuditResult:
    """audit() of a path on disk (a folder or a ZIP)."""
    return audit(Path(path), **kwargs)
