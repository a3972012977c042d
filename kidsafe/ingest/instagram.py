"""Instagram "Download your information" (JSON): posts, carousels, stories, reels and IGTV, mojibake repaired.

Reels and IGTV videos are skipped as media, but their captions are read (a text post each). Exports from
before 2020 hold one ``media.json`` (``{"photos"|"stories"|"videos": [{"caption", "taken_at", "path",
"location"}]}``) and one ``comments.json`` (``{"media_comments": [[time, text, media owner]]}``). The owner's
own comments (``comments/post_comments_1.json``, or that ``comments.json``) are text posts too, except those on
someone else's media when the account's username is known from its personal information. The export may sit
under any number of wrapper folders; every layout read is listed in docs/EXPORTS.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from kidsafe.ingest.common import (
    IdAllocator,
    Reading,
    missing_photos,
    as_dict,
    as_list,
    as_text,
    entries,
    exif_time,
    iso_utc,
    load_json,
    photo_exif,
    point,
    text_post,
    ts_id,
    utc,
)
from kidsafe.ingest.files import PathIndex, base_name, is_image
from kidsafe.ingest.source import FeedSource
from kidsafe.models import Photo, Post

FORMAT = "instagram"
PLATFORM = "instagram"
# Any depth of wrapper folders (an export unzipped twice sits in a folder of its own name, in another).
_TOP = r"^(?P<root>(?:(?!your_instagram_activity/)[^/]+/)*?)"
_ACTIVITY = _TOP + r"(?:your_instagram_activity/)?"
_ROOT = _ACTIVITY + r"(?:content|media)/"
POSTS_RE = re.compile(_ROOT + r"posts_\d+\.json$", re.IGNORECASE)
STORIES_RE = re.compile(_ROOT + r"(?:stories|reels|igtv_videos)\.json$", re.IGNORECASE)
COMMENTS_RE = re.compile(_ACTIVITY + r"comments/post_comments(?:_\d+)?\.json$", re.IGNORECASE)
OLD_MEDIA_RE = re.compile(_TOP + r"media\.json$", re.IGNORECASE)
#: Pre-2020 ``comments.json``: ``{"media_comments": [[ISO time, text, media owner], …]}`` beside ``media.json``.
OLD_COMMENTS_KEYS = ("media_comments", "live_comments")
#: What stands beside a pre-2020 ``media.json`` (a bare ``media.json`` alone is no proof of Instagram).
OLD_SIBLINGS = ("profile.json", "comments.json", "connections.json", "likes.json", "photos/", "stories/")
#: Where the account's username is, relative to the export root (newer, older and pre-2020 exports).
PROFILE_RE = re.compile(
    r"^(?:(?:(?:personal|account)_information/){1,2}(?:personal|profile)_information|profile)\.json$", re.IGNORECASE
)
#: Which generation of export a file shows (its year as seen in exports), newest first; paths under the root.
LAYOUTS = (
    (re.compile(r"your_instagram_activity/media/", re.I), "2025 layout (your_instagram_activity/media/)"),
    (re.compile(r"your_instagram_activity/", re.I), "2022-2024 layout (your_instagram_activity/content/)"),
    (re.compile(r"content/", re.I), "2020-2022 layout (content/posts_1.json)"),
    (re.compile(r"media\.json$", re.I), "before 2020 (media.json, comments.json)"),
    (re.compile(r"comments/", re.I), "comments only"),
)
LIST_KEYS = ("ig_stories", "ig_reels_media", "ig_igtv_media", "ig_posts", "media")
COMMENT_KEYS = ("comments_media_comments", "comments_reels_comments")
OLD_KEYS = ("photos", "stories", "videos")


def detect(names: list[str]) -> str | None:
    """The export root if these files hold Instagram posts, stories, reels or comments, else None."""
    for name in names:
        match = POSTS_RE.match(name) or STORIES_RE.match(name) or COMMENTS_RE.match(name)
        if match:
            return match.group("root")
    for name in names:
        match = OLD_MEDIA_RE.match(name)
        if match and any(n.startswith(match.group("root") + s) for n in names for s in OLD_SIBLINGS):
            return match.group("root")
    return None


class _Reader:
    """Reads the export's files (posts and stories, pre-2020 media.json, comments) into one Reading."""

    def __init__(self, source: FeedSource, root: str) -> None:
        self.source, self.root = source, root
        self.names = [n for n in source.names() if n.startswith(root)]
        self.reading = Reading()
        self.index = PathIndex(source.names())
        self.ids = IdAllocator()
        self.username: str | None = None
        self.has_comments = False

    def files(self, pattern: re.Pattern[str]) -> list[str]:
        return [n for n in self.names if pattern.match(n)]

    def each(self, files: list[str], handler: Callable[[str, Any], None]) -> None:
        """``handler(name, data)`` on each file's repaired JSON; a failure is a warning about that file."""
        for name in files:
            self.reading.used.add(name)
            with self.reading.guard(name):
                handler(name, load_json(self.source, name, self.reading.warnings, mojibake=True))

    def run(self) -> Reading:
        self.each(self.files(POSTS_RE) + self.files(STORIES_RE), self.posts)
        old_media = [n for n in self.names if n[len(self.root) :].lower() == "media.json"]
        self.each(old_media, self.old_media)
        comments = self.files(COMMENTS_RE)
        old_comments = [n for n in self.names if n[len(self.root) :].lower() == "comments.json"] if old_media else []
        # the profile says whose account this is: its username tells the owner's comments from others',
        # its name is the poster's, a parent's name a stranger can use
        self.has_comments = bool(comments or old_comments)
        self.each([n for n in self.names if PROFILE_RE.match(n[len(self.root) :])], self.profile)
        if self.has_comments:
            self.each(comments, self.comments)
            self.each(old_comments, self.old_comments)
        return self.reading

    def posts(self, name: str, data: Any) -> None:
        missing = 0
        for number, item in enumerate(entries(data, name, self.reading, LIST_KEYS), start=1):
            post, lost = _post(item, self.index, self.root, self.reading)
            missing += lost
            if post:
                wanted = post.id or f"{base_name(name)}#{number}"
                self.reading.posts.append(replace(post, id=self.ids.take(wanted)))
        if missing:
            self.reading.warn(name, missing_photos(missing))

    def old_media(self, name: str, data: Any) -> None:
        """Pre-2020 ``media.json``: its photos, stories and videos in the newer exports' shape, read the same way."""
        groups = [as_dict(data).get(key) for key in OLD_KEYS]
        if data is not None and not any(isinstance(group, list) for group in groups):
            self.reading.warn(name, "not the expected media.json (no list of photos); file skipped")
            return
        items = entries([item for group in groups for item in as_list(group)], name, self.reading)
        self.posts(name, [_old_item(item) for item in items])

    def profile(self, name: str, data: Any) -> None:
        if self.username is None and data is not None:
            self.username = _username(data)
            self.reading.holder = self.reading.holder or as_text(as_dict(data).get("name")) or _profile_field(data, "Name")
            if self.username is None and self.has_comments:
                self.reading.warn(name, "no username found here; every comment is read")

    def comments(self, name: str, data: Any) -> None:
        """The owner's comments, as text posts; not those on media another account owns (when that is known)."""
        for item in entries(data, name, self.reading, COMMENT_KEYS):
            fields = as_dict(item.get("string_map_data"))
            text = as_text(as_dict(fields.get("Comment")).get("value"))
            owner = as_text(as_dict(fields.get("Media Owner")).get("value"))
            self.comment(text, as_dict(fields.get("Time")).get("timestamp"), owner)

    def old_comments(self, name: str, data: Any) -> None:
        """Pre-2020 ``comments.json``: each comment a ``[time, text, media owner]`` triple."""
        groups = [as_dict(data).get(key) for key in OLD_COMMENTS_KEYS]
        if data is not None and not any(isinstance(group, list) for group in groups):
            self.reading.warn(name, "not the expected comments.json (no list of comments); file skipped")
            return
        for item in (item for group in groups for item in as_list(group)):
            when, text, owner = ([*item, "", "", ""] if isinstance(item, list) else ["", "", ""])[:3]
            stamp = iso_utc(when)
            self.comment(as_text(text), stamp.timestamp() if stamp else None, as_text(owner))

    def comment(self, text: str, when: Any, owner: str) -> None:
        """One comment as a text post, unless it is on media another account owns (when that is known)."""
        own = (self.username or "").casefold()
        if text and not (own and owner and owner.casefold() != own):
            self.reading.comments += 1
            post = text_post(text, when, PLATFORM)
            self.reading.posts.append(replace(post, id=self.ids.take(post.id)))


def read(source: FeedSource, root: str) -> Reading:
    """Every post, story, reel, IGTV video and own comment of the export under ``root``."""
    return _Reader(source, root).run()


def _old_item(item: dict[str, Any]) -> dict[str, Any]:
    """A pre-2020 ``media.json`` entry as a newer export's post (a photo's ``path`` is its ``uri``)."""
    when = iso_utc(item.get("taken_at"))
    return {"title": item.get("caption"), "creation_timestamp": when.timestamp() if when else None,
            "media": [{"uri": item.get("path")}], "location": item.get("location")}


def _username(data: Any) -> str | None:
    """The account's username: ``profile_user[].string_map_data.Username`` or a pre-2020 ``username``."""
    return as_text(as_dict(data).get("username")) or _profile_field(data, "Username") or None


def _profile_field(data: Any, field: str) -> str:
    """``profile_user[].string_map_data.<field>.value`` (any list at the top), "" when absent."""
    for value in as_dict(data).values():
        for item in as_list(value):
            found = as_text(as_dict(as_dict(as_dict(item).get("string_map_data")).get(field)).get("value"))
            if found:
                return found
    return ""


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
    place = as_text(item.get("location")) or None
    return Post(post_id, caption, utc(when), tuple(photos), PLATFORM, extra, place), missing


def _photo(path: str, medium: dict[str, Any]) -> Photo:
    """The photo with what Instagram kept of its EXIF: the time taken (local) and GPS if any."""
    exif = photo_exif(medium)
    return Photo(
        path=path,
        taken_at=exif_time(exif.get("date_time_original")),
        gps=point(exif.get("latitude"), exif.get("longitude")),
    )
