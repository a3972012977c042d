"""Facebook "Download your information" (JSON): posts, check-ins, albums, photos, video captions and comments.

Text a stranger reads beside a post goes in its ``extra_text``: the photos' own descriptions, the
comments Facebook keeps on a photo (``comments: [{"comment", "author", "timestamp"}]``, each as
"Author: text": relatives name the children, and are named), a check-in's address, an event's name, the
album's name and description. Album names Facebook gives itself ("Mobile uploads", "Timeline photos") are left out.
Photos in no album (``your_uncategorized_photos.json``) are posts like album photos; a video
(``your_videos.json``) is skipped, but its description is a text post, or words beside the post that shows it.
A post of nothing but tagged people is kept (it says who was there); events the owner made, group posts and
comments, and the 2024-on ``label_values`` files (check-ins, places tagged in, posts on other pages) are read
too. Every string is mojibake-repaired. Every layout read (2018-2025) is listed in docs/EXPORTS.md.
"""

from __future__ import annotations

import re
from collections import Counter
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
    load_json,
    photo_exif,
    point,
    text_post,
    ts_id,
    utc,
)
from kidsafe.ingest.facebook_labels import is_label_record, read_record
from kidsafe.ingest.files import PathIndex, is_image
from kidsafe.ingest.source import FeedSource
from kidsafe.models import GeoPoint, Photo, Post

FORMAT = "facebook"
PLATFORM = "facebook"
#: The folder a generation of exports puts the posts in: 2024 on, 2025 (a profile of several), 2022-23.
ACTIVITY_FOLDERS = (
    "your_facebook_activity", "this_profile's_activity_across_facebook", "your_activity_across_facebook",
)
_ACTIVITY = "(?:" + "|".join(re.escape(f) for f in ACTIVITY_FOLDERS) + ")/"
# Any depth of wrapper folders above the export (an export unzipped twice, a 2025 export's own folder).
_ROOT = rf"^(?P<root>(?:(?!{_ACTIVITY})[^/]+/)*?)(?:{_ACTIVITY})?"
#: Files of posts: a list of posts, or (2024 on: check-ins, places tagged in, posts on other pages) of
#: ``label_values`` records.
POSTS_RE = re.compile(
    _ROOT + r"(?:posts/(?:your_posts(?:__check_ins__photos_and_videos)?|posts_on_other_pages_and_profiles|check-ins"
    r"|places_you_have_been_tagged_in)|groups/(?:your_posts_in_groups|group_posts_and_comments))(?:_\d+)?\.json$",
    re.IGNORECASE,
)
ALBUM_RE = re.compile(_ROOT + r"(?:posts|photos_and_videos)/album/[^/]+\.json$", re.IGNORECASE)
COMMENTS_RE = re.compile(
    _ROOT + r"(?:(?:comments_and_reactions|comments)/comments|groups/your_comments_in_groups)(?:_\d+)?\.json$",
    re.IGNORECASE,
)
PHOTOS_RE = re.compile(
    _ROOT + r"(?:posts|photos_and_videos)/(?:your_)?uncategorized_photos(?:_\d+)?\.json$", re.IGNORECASE
)
EVENTS_RE = re.compile(_ROOT + r"events/your_events(?:_\d+)?\.json$", re.IGNORECASE)
PROFILE_RE = re.compile(r"^(?P<root>(?:[^/]+/)*?)(?:personal_information/)?profile_information/profile_information\.json$",
                        re.IGNORECASE)
#: A post's ``title`` names the account holder: "Aoife Murphy added a new photo.", "… was at Westport House."
HOLDER_TITLE_RE = re.compile(r"^(?P<name>[^\W\d_][^.!?]{0,60}?)\s+(?:added|updated|shared|posted|uploaded|was|is|"
                             r"wrote|created|changed|checked|celebrated|feeling)\b")
VIDEOS_RE = re.compile(_ROOT + r"(?:posts|photos_and_videos)/your_videos(?:_\d+)?\.json$", re.IGNORECASE)
PATTERNS = (POSTS_RE, ALBUM_RE, PHOTOS_RE, VIDEOS_RE, COMMENTS_RE, EVENTS_RE)
#: Which generation of export a file shows (its year as seen in exports), newest first; paths under the root.
LAYOUTS = (
    (re.compile(r"this_profile's_activity_across_facebook/", re.I),
     "2025 layout (this_profile's_activity_across_facebook/)"),
    (re.compile(r"your_facebook_activity/", re.I), "2024 layout (your_facebook_activity/)"),
    (re.compile(r"your_activity_across_facebook/", re.I), "2022-2023 layout (your_activity_across_facebook/)"),
    (re.compile(r"(?:posts|photos_and_videos|comments|groups|events)/", re.I),
     "2018-2021 layout (posts/your_posts_1.json)"),
)
LIST_KEYS = ("comments_v2", "comments", "status_updates_v2", "status_updates", "group_posts_v2", "group_posts",
             "group_comments_v2", "group_comments")
EVENT_KEYS = ("your_events_v2", "your_events")
PHOTO_KEYS = ("other_photos_v2", "other_photos")
VIDEO_KEYS = ("videos_v2", "videos")
#: Names Facebook gives its own albums (in a few of the languages it writes them in), not the owner's words.
GENERIC_ALBUMS = frozenset({
    "mobile uploads", "timeline photos", "profile pictures", "cover photos", "untitled album", "instagram photos",
    "photos", "videos", "your photos", "uploads vom handy", "chronikfotos", "profilbilder", "titelbilder",
    "téléchargements mobiles", "photos du journal", "photos de profil", "photos de couverture",
    "subidas desde el móvil", "fotos de la biografía", "fotos del perfil", "fotos de portada",
    "caricamenti da cellulare", "foto del diario", "immagini del profilo", "foto di copertina",
    "mobiele uploads", "tijdlijnfoto's", "profielfoto's", "omslagfoto's",
})


def comments_of(medium: Any) -> list[str]:
    """The comments Facebook kept on a photo (``[{"comment": text, "author", "timestamp"}]``), each as a
    stranger sees it under the photo, its writer first: "Maureen Kelly: so proud of Noah". Who comments,
    and whom they speak to, says who is an adult of the family (the engine reads the "Name:" opening)."""
    texts = []
    for item in as_list(as_dict(medium).get("comments")):
        item = as_dict(item)
        inner = item.get("comment")
        text = as_text(as_dict(inner).get("comment") if isinstance(inner, dict) else inner)
        author = as_text(item.get("author") or as_dict(inner).get("author"))
        if text:
            texts.append(f"{author}: {text}" if author and ":" not in author else text)
    return texts


def _squeezed(text: str) -> str:
    """Only the letters and digits of ``text``, case-folded: "Max turns 7! 🦖" and "Maxturns7" agree."""
    return "".join(c for c in text.casefold() if c.isalnum())


def album_name(name: Any) -> str:
    """An album's name, unless it is one Facebook gives itself ("Mobile uploads")."""
    text = as_text(name)
    return "" if text.casefold() in GENERIC_ALBUMS else text


def place_of(place: Any) -> tuple[str | None, GeoPoint | None, str]:
    """A check-in's or event's ``place``: its name, its coordinates (a location leak) and its address."""
    place = as_dict(place)
    coordinate = as_dict(place.get("coordinate"))
    gps = point(coordinate.get("latitude"), coordinate.get("longitude"))
    return as_text(place.get("name")) or None, gps, as_text(place.get("address"))


def detect(names: list[str]) -> str | None:
    """The export root if these files hold Facebook posts, albums or comments, else None."""
    for name in names:
        for pattern in PATTERNS:
            match = pattern.match(name)
            if match:
                return match.group("root")
    return None


class _Reader:
    """Reads the export's files in order (posts, albums, other photos, videos, comments) into one Reading."""

    def __init__(self, source: FeedSource, root: str) -> None:
        self.source, self.root = source, root
        self.reading = Reading()
        self.index = PathIndex(source.names())
        self.ids = IdAllocator()
        self.by_medium: dict[str, int] = {}  # a posted photo's or video's file: the post's place in the list
        self.missing = 0
        self.titled: Counter[str] = Counter()  # the holder's name as posts' titles give it, when no profile does

    def files(self, pattern: re.Pattern[str]) -> list[str]:
        return [n for n in self.source.names() if n.startswith(self.root) and pattern.match(n)]

    def run(self) -> Reading:
        handlers: tuple[tuple[re.Pattern[str], Callable[[Any, str], None]], ...] = (
            (PROFILE_RE, self.profile), (POSTS_RE, self.each(self.post, LIST_KEYS)), (ALBUM_RE, self.album),
            (PHOTOS_RE, self.each(self.uncategorized, PHOTO_KEYS)), (VIDEOS_RE, self.each(self.video, VIDEO_KEYS)),
            (COMMENTS_RE, self.each(self.comment, LIST_KEYS)), (EVENTS_RE, self.each(self.event, EVENT_KEYS)),
        )
        for pattern, handler in handlers:
            for name in self.files(pattern):
                self.reading.used.add(name)
                self.missing = 0
                with self.reading.guard(name):
                    handler(load_json(self.source, name, self.reading.warnings, mojibake=True), name)
                if self.missing:
                    self.reading.warn(name, missing_photos(self.missing))
        if not self.reading.holder and self.titled:
            self.reading.holder = self.titled.most_common(1)[0][0]
        return self.reading

    def profile(self, data: Any, name: str) -> None:
        """``profile_v2.name``: the account holder's name (``full_name``, else first and last)."""
        named = as_dict(as_dict(as_dict(data).get("profile_v2")).get("name"))
        first, last = as_text(named.get("first_name")), as_text(named.get("last_name"))
        self.reading.holder = as_text(named.get("full_name")) or " ".join(n for n in (first, last) if n)

    def each(self, handler: Callable[[dict[str, Any]], None], keys: tuple[str, ...]) -> Callable[[Any, str], None]:
        """A file handler calling ``handler`` on each object of the file's list (under one of ``keys``)."""

        def read_file(data: Any, name: str) -> None:
            for item in entries(data, name, self.reading, keys):
                handler(item)

        return read_file

    def key(self, medium: Any) -> str:
        """What names a photo or video across the export's files: the file its ``uri`` points to, else the uri."""
        uri = as_text(as_dict(medium).get("uri"))
        return self.index.find(uri, self.root) or uri

    def add(self, post: Post, wanted: str | None, media: tuple[str, ...] = ()) -> None:
        post = replace(post, id=self.ids.take(wanted or post.id or "post"))
        for key in (*media, *(photo.path for photo in post.photos)):
            self.by_medium.setdefault(key, len(self.reading.posts))
        self.reading.posts.append(post)

    def add_words(self, medium: Any, texts: list[str]) -> bool:
        """When the photo or video was posted too, ``texts`` join that post's words; False if it was not."""
        at = self.by_medium.get(self.key(medium)) if as_dict(medium).get("uri") else None
        if at is None:
            return False
        old = self.reading.posts[at]
        extra = tuple(dict.fromkeys(t for t in (*old.extra_text, *texts) if t and t != old.caption))
        self.reading.posts[at] = replace(old, extra_text=extra)
        return True

    def photo(self, medium: Any, people: tuple[str, ...] = ()) -> Photo | None:
        medium = as_dict(medium)
        uri = as_text(medium.get("uri"))
        path = self.index.find(uri, self.root)
        if not path or not is_image(path):
            self.missing += 1 if not path and is_image(uri) else 0
            return None
        self.reading.used.add(path)
        exif = photo_exif(medium)
        return Photo(
            path=path,
            taken_at=utc(exif.get("taken_timestamp")),
            gps=point(exif.get("latitude"), exif.get("longitude")),
            people=people,
            description=as_text(medium.get("description")),
        )

    def post(self, item: dict[str, Any]) -> None:
        if is_label_record(item):
            self.label_post(item)
            return
        if held := HOLDER_TITLE_RE.match(as_text(item.get("title"))):
            self.titled[held["name"]] += 1
        texts = [as_text(as_dict(d).get("post")) for d in as_list(item.get("data"))]
        caption = "\n".join(t for t in texts if t)
        people = tuple(n for n in (as_text(as_dict(t).get("name")) for t in as_list(item.get("tags"))) if n)
        photos: list[Photo] = []
        extra: list[str] = []
        comments: list[str] = []
        media: list[str] = []
        place_name, place_gps = None, None
        for attachment in as_list(item.get("attachments")):
            for data in as_list(as_dict(attachment).get("data")):
                data = as_dict(data)
                note = as_dict(data.get("note"))
                extra.append(as_text(note.get("text")))
                event = as_dict(data.get("event"))
                extra.append(as_text(event.get("name")))
                for medium in [data.get("media"), *as_list(note.get("media"))]:
                    media += [self.key(medium)] if as_text(as_dict(medium).get("uri")) else []
                    photo = self.photo(medium, people) if medium else None
                    photos += [photo] if photo else []
                    comments += comments_of(medium)
                name, gps, address = place_of(data.get("place") or event.get("place"))
                place_name, place_gps = name or place_name, gps or place_gps
                extra.append(address)
        descriptions = [p.description for p in photos if p.description]
        caption = caption or next(iter(descriptions), "")
        extra += [d for d in descriptions if d != caption] + comments
        extra_text = tuple(dict.fromkeys(e for e in extra if e and e not in (caption, place_name)))
        if not (caption or photos or place_name or place_gps or extra_text or people):
            return  # a post of nothing but the people tagged in it still says who was there
        post = Post("", caption, utc(item.get("timestamp")), tuple(photos), PLATFORM, extra_text, place_name, place_gps,
                    people=() if photos else people)  # with photos, the tags are on each photo
        self.add(post, photos[0].name if photos else ts_id(item.get("timestamp")), tuple(media))

    def label_post(self, item: dict[str, Any]) -> None:
        """A 2024-on ``label_values`` record (a check-in, a place you were tagged in, a post on another page)."""
        record = read_record(item)
        people = tuple(dict.fromkeys(record.people))
        photos = [p for p in (self.photo(m, people) for m in record.media) if p]
        caption = "\n".join(record.texts) or next((p.description for p in photos if p.description), "")
        extra = tuple(dict.fromkeys(t for t in (record.address,) if t and t not in (caption, record.place_name)))
        if not (caption or photos or record.place_name or record.place_gps or people):
            return
        post = Post("", caption, utc(item.get("timestamp")), tuple(photos), PLATFORM, extra, record.place_name,
                    record.place_gps, people=() if photos else people)
        self.add(post, photos[0].name if photos else ts_id(item.get("timestamp")))

    def event(self, item: dict[str, Any]) -> None:
        """An event the owner made (a birthday party): its name and description are words, its place a place."""
        place_name, gps, address = place_of(item.get("place"))
        name, description = as_text(item.get("name")), as_text(item.get("description"))
        extra = tuple(t for t in (description, address) if t and t != name)
        if not (name or description or place_name or gps):
            return
        when = item.get("start_timestamp") or item.get("create_timestamp")
        self.add(Post("", name, utc(when), (), PLATFORM, extra, place_name, gps), ts_id(when))

    def album(self, data: Any, name: str) -> None:
        album = as_dict(data)
        if data is not None and not isinstance(album.get("photos"), list):
            self.reading.warn(name, "not the expected album (no list of photos); file skipped")
            return
        shared = [t for t in (as_text(album.get("description")), album_name(album.get("name"))) if t]
        for medium in as_list(album.get("photos")):
            self.uncategorized(as_dict(medium), shared)

    def uncategorized(self, medium: dict[str, Any], shared: list[str] | None = None) -> None:
        """A photo of an album (``shared``: the album's words) or of none: a post, or words for the post showing it."""
        photo = self.photo(medium)
        if photo is None:
            return
        title = album_name(medium.get("title"))
        if any(_squeezed(title) == _squeezed(t) for t in shared or ()):
            title = ""  # the album's name again, often run together ("Maxturns7" in "Max turns 7!")
        texts = [*(shared or []), title, *comments_of(medium)]
        if self.add_words(medium, [photo.description, *texts]):  # posted too: its words join that post
            return
        when = utc(medium.get("creation_timestamp"))
        extra = tuple(dict.fromkeys(t for t in texts if t and t != photo.description))
        self.add(Post("", photo.description, when, (photo,), PLATFORM, extra), photo.name)

    def video(self, medium: dict[str, Any]) -> None:
        """A video is skipped, but its description (and title, comments) is a text post, or joins the post showing it."""
        texts = [as_text(medium.get("description")), album_name(medium.get("title")), *comments_of(medium)]
        texts = list(dict.fromkeys(t for t in texts if t))
        if not texts or self.add_words(medium, texts):
            return
        post = text_post(texts[0], medium.get("creation_timestamp"), PLATFORM)
        self.add(replace(post, extra_text=tuple(texts[1:])), None)

    def comment(self, item: dict[str, Any]) -> None:
        for data in as_list(item.get("data")):
            comment = as_dict(as_dict(data).get("comment"))
            text = as_text(comment.get("comment"))
            when = comment.get("timestamp") or item.get("timestamp")
            if text:
                self.reading.comments += 1
                self.add(text_post(text, when, PLATFORM), None)


def read(source: FeedSource, root: str) -> Reading:
    """Every post, album photo and comment of the export under ``root``."""
    return _Reader(source, root).run()
