"""Instagram "Download your information" (JSON): posts, carousels, stories, reels and IGTV, mojibake repaired.

Reels and IGTV videos are skipped as media, but their captions are read (a text post each).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kidsafe.ingest.common import (
    IdAllocator,
    Reading,
    as_dict,
    as_list,
    as_text,
    entries,
    exif_time,
    load_json,
    point,
    ts_id,
    utc,
)
from kidsafe.ingest.files import PathIndex, base_name, is_image
from kidsafe.ingest.source import FeedSource
from kidsafe.models import Photo, Post

FORMAT = "instagram"
PLATFORM = "instagram"
_ROOT = r"^(?P<root>(?:(?!your_instagram_activity/)[^/]+/)?)(?:your_instagram_activity/)?(?:content|media)/"
POSTS_RE = re.compile(_ROOT + r"posts_\d+\.json$", re.IGNORECASE)
STORIES_RE = re.compile(_ROOT + r"(?:stories|reels|igtv_videos)\.json$", re.IGNORECASE)
LIST_KEYS = ("ig_stories", "ig_reels_media", "ig_igtv_media", "ig_posts", "media")


def detect(names: list[str]) -> str | None:
    """The export root if these files hold Instagram posts, stories or reels, else None."""
    for name in names:
        match = POSTS_RE.match(name) or STORIES_RE.match(name)
        if match:
            return match.group("root")
    return None


def read(source: FeedSource, root: str) -> Reading:
    """Every post, story, reel and IGTV video of the export under ``root``."""
    reading = Reading()
    names = source.names()
    files = [n for n in names if n.startswith(root) and POSTS_RE.match(n)]
    files += [n for n in names if n.startswith(root) and STORIES_RE.match(n)]
    index = PathIndex(names)
    ids = IdAllocator()
    for name in files:
        reading.used.add(name)
        with reading.guard(name):
            data = load_json(source, name, reading.warnings, mojibake=True)
            missing = 0
            for number, item in enumerate(entries(data, name, reading, LIST_KEYS), start=1):
                post, lost = _post(item, index, root, reading)
                missing += lost
                if post:
                    wanted = post.id or f"{base_name(name)}#{number}"
                    reading.posts.append(replace(post, id=ids.take(wanted)))
            if missing:
                reading.warn(name, f"{missing} photos named here are missing from the export")
    return reading


def _post(item: dict[str, Any], index: PathIndex, root: str, reading: Reading) -> tuple[Post | None, int]:
    """One post (a story is a post with one medium) and how many of its photos are missing."""
    media = [m for m in as_list(item.get("media")) if isinstance(m, dict)]
    if not media and "uri" in item:
        media = [item]
    photos: list[Photo] = []
    missing = 0
    for medium in media:
        uri = as_text(medium.get("uri"))
        path = index.find(uri, root)
        if path and is_image(path):
            reading.used.add(path)
            photos.append(_photo(path, medium))
        elif not path and is_image(uri):
            missing += 1
    titles = [as_text(m.get("title")) for m in media]
    caption = as_text(item.get("title")) or next((t for t in titles if t), "")
    extra = tuple(dict.fromkeys(t for t in titles if t and t != caption))
    when = item.get("creation_timestamp") or (media[0].get("creation_timestamp") if media else None)
    if not photos and not caption:
        return None, missing
    post_id = photos[0].name if photos else (ts_id(when) or "")
    return Post(post_id, caption, utc(when), tuple(photos), PLATFORM, extra), missing


def _photo(path: str, medium: dict[str, Any]) -> Photo:
    """The photo with what Instagram kept of its EXIF: the time taken (local) and GPS if any."""
    exif: dict[str, Any] = {}
    raw = as_dict(as_dict(medium.get("media_metadata")).get("photo_metadata")).get("exif_data")
    for part in as_list(raw) or [raw]:
        exif.update(as_dict(part))
    return Photo(
        path=path,
        taken_at=exif_time(exif.get("date_time_original")),
        gps=point(exif.get("latitude"), exif.get("longitude")),
    )
