"""Google Photos Takeout: each photo with its JSON sidecar, album titles and descriptions, duplicates merged."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from kidsafe.ingest.common import IdAllocator, Reading, as_dict, as_list, as_text, load_json, point, utc
from kidsafe.ingest.files import IMAGE_EXTS, VIDEO_EXTS, base_name, is_image, suffix
from kidsafe.ingest.source import FeedSource
from kidsafe.ingest.takeout_names import (
    album_folder_name,
    is_year_title,
    sidecar_target,
    split_name,
    unedited,
    with_duplicate,
)
from kidsafe.models import GOOGLE_PHOTOS, Photo, Post

FORMAT = "google_photos"
PLATFORM = GOOGLE_PHOTOS
MEDIA_EXTS = IMAGE_EXTS | VIDEO_EXTS
#: Which generation of Takeout the sidecars' names show, newest first.
LAYOUTS = (
    (re.compile(r"\.[a-z0-9]{3,4}\.s[a-z-]*(?:\(\d+\))?\.json$", re.I),
     "2024 layout (IMG_1.jpg.supplemental-metadata.json sidecars)"),
    (re.compile(r"\.json$", re.I), "before 2024 (IMG_1.jpg.json sidecars)"),
)
ORPHANS = ("{n} photo descriptions (sidecars) name photos that are not in the export. A Takeout that came in "
           "several parts keeps some photos in another part: add every part together")

def detect(names: list[str]) -> str | None:
    """'' if some JSON file is a photo's sidecar (a Takeout), else None.

    A sidecar names its media file, or (when Takeout truncated it) starts like a media file beside it.
    """
    media = sorted(n.lower() for n in names if suffix(n) in MEDIA_EXTS)
    for name in names:
        target = sidecar_target(name)
        if not target:
            continue
        if suffix(target[0]) in MEDIA_EXTS:
            return ""
        stem = f"{name.rpartition('/')[0]}/{target[0]}".lstrip("/").lower()
        at = bisect.bisect_left(media, stem)
        if len(stem) >= 8 and at < len(media) and media[at].startswith(stem):
            return ""
    return None


@dataclass(frozen=True, slots=True)
class _Found:
    """One photo file with its sidecar (if any)."""

    path: str
    album: tuple[str, ...]
    size: int
    sidecar: dict[str, Any] | None

    @property
    def taken(self) -> Any:
        return as_dict(as_dict(self.sidecar).get("photoTakenTime")).get("timestamp")


class _Folder:
    """One folder of the Takeout: its media, the sidecars matched to them and the album text."""

    def __init__(self, source: FeedSource, files: list[str], reading: Reading, folder_name: str = "") -> None:
        # Old exports may hold media with no extension at all; their sidecar's title says what they are.
        self.media = {base_name(n).lower(): n for n in files if suffix(n) in MEDIA_EXTS or not split_name(n)[1]}
        self.sidecars: dict[str, dict[str, Any]] = {}
        self.album: tuple[str, ...] = ()
        self.orphans = 0  # sidecars of no photo here, counted by photos()
        for name in (n for n in files if suffix(n) == ".json"):
            with reading.guard(name):
                self._json(source, name, reading)
        if not self.album and folder_name:
            self.album = (folder_name,)  # an album without metadata.json: its folder name is the owner's

    def _json(self, source: FeedSource, name: str, reading: Reading) -> None:
        target = sidecar_target(name)
        media_named = bool(target and suffix(target[0]) in MEDIA_EXTS)
        data = load_json(source, name, reading.warnings)
        if not isinstance(data, dict):
            if data is None or media_named:  # broken, or a sidecar of the wrong shape: say so once
                reading.used.add(name)
            if data is not None and media_named:
                reading.warn(name, "not a photo's metadata (expected a JSON object); skipped")
            return
        keys = self._keys(target, data) if target else []
        if keys or "photoTakenTime" in data:
            reading.used.add(name)
            for key in keys:
                self.sidecars.setdefault(key, data)
        elif "title" in data:  # an album's metadata.json (its name is localised)
            reading.used.add(name)
            title = as_text(data.get("title"))
            title = "" if is_year_title(title) else title
            texts = tuple(t for t in (as_text(data.get("description")), title) if t)
            self.album = texts or self.album

    def _keys(self, target: tuple[str, str], data: dict[str, Any]) -> list[str]:
        """Lower-case media names this sidecar describes: the file it matches, else the names it gives."""
        stem, duplicate = target
        names = [with_duplicate(stem, duplicate)]
        title = as_text(data.get("title"))
        if title:
            names.append(with_duplicate(title, duplicate))
        for name in names:
            # The file itself, or (old uploads) the same file stored without the extension its sidecar names.
            for candidate in (name.lower(), split_name(name)[0].lower()):
                if candidate in self.media:
                    return [candidate]
        if suffix(stem) not in MEDIA_EXTS:  # name truncated by Takeout: a unique prefix match
            hits = [k for k in self.media if k.startswith(stem.lower())]
            if len(hits) == 1:
                return hits
        return [n.lower() for n in names if suffix(n) in MEDIA_EXTS]

    def photos(self, source: FeedSource, reading: Reading) -> list[_Found]:
        found = []
        matched: set[str] = set()
        stems = {split_name(k)[0] for k in self.media if is_image(k)}
        for key, path in self.media.items():
            if not (is_image(path) or self._legacy_image(key)):
                continue
            stem, ext = split_name(key)
            original = unedited(stem)
            if original is not None and original in stems:
                reading.used.add(path)  # an edited copy: the original is the post
                continue
            sidecar_key = key if key in self.sidecars else (original + ext if original else key)
            matched.add(sidecar_key)
            sidecar = self.sidecars.get(sidecar_key)
            found.append(_Found(path, self.album, source.size(path), sidecar))
        # Sidecars of no file here: their photo is in another part of a split Takeout (or was deleted).
        found_for = {id(data) for k, data in self.sidecars.items() if k in matched or k in self.media}
        self.orphans = len({id(data) for data in self.sidecars.values()} - found_for)
        return found

    def _legacy_image(self, key: str) -> bool:
        """A file with no extension that its sidecar's title calls a photo (``IMG_1`` titled ``IMG_1.jpg``)."""
        return not split_name(key)[1] and is_image(as_text(as_dict(self.sidecars.get(key)).get("title")))


def _same(a: _Found, b: _Found) -> bool:
    if a.taken is not None and b.taken is not None:
        return str(a.taken) == str(b.taken)
    return a.size == b.size


def _post(copies: list[_Found], ids: IdAllocator) -> Post:
    """One post from every copy of a photo (album folder and year folder)."""
    main = next((c for c in copies if c.sidecar is not None), copies[0])
    side = as_dict(main.sidecar)
    description = next((d for d in (as_text(as_dict(c.sidecar).get("description")) for c in copies) if d), "")
    taken = utc(main.taken)
    geo, geo_exif = as_dict(side.get("geoData")), as_dict(side.get("geoDataExif"))
    gps = point(geo.get("latitude"), geo.get("longitude")) or point(geo_exif.get("latitude"), geo_exif.get("longitude"))
    people = tuple(n for n in (as_text(as_dict(p).get("name")) for p in as_list(side.get("people"))) if n)
    photo = Photo(main.path, taken, gps, tuple(dict.fromkeys(people)), description)
    posted = taken or utc(as_dict(side.get("creationTime")).get("timestamp"))
    albums = tuple(dict.fromkeys(t for c in copies for t in c.album if t != description))
    return Post(ids.take(photo.name), description, posted, (photo,), PLATFORM, albums)


def read(source: FeedSource, root: str) -> Reading:
    """Every photo of the Takeout as one post, with its sidecar's caption, time, place and people."""
    reading = Reading()
    by_folder: dict[str, list[str]] = {}
    for name in source.names():
        by_folder.setdefault(name.rpartition("/")[0], []).append(name)
    groups: dict[str, list[list[_Found]]] = {}
    orphans = 0
    folders = set(by_folder)
    for folder, files in by_folder.items():
        read_folder = _Folder(source, files, reading, album_folder_name(folder, folders))
        for found in read_folder.photos(source, reading):
            reading.used.add(found.path)
            clusters = groups.setdefault(base_name(found.path).lower(), [])
            match = next((c for c in clusters if _same(c[0], found)), None)
            if match is None:
                clusters.append([found])
            else:
                match.append(found)
        orphans += read_folder.orphans
    ids = IdAllocator()
    reading.posts = [_post(c, ids) for clusters in groups.values() for c in clusters]
    if orphans:
        reading.warn(source.label, ORPHANS.format(n=orphans))
    return reading
