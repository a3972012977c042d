"""Recognise a feed's format from its contents (never its name), and hint at formats kidsafe cannot read."""

from __future__ import annotations

import re
from types import ModuleType

from kidsafe.errors import UnsupportedExportError
from kidsafe.ingest import facebook, instagram, plain, takeout
from kidsafe.ingest.source import FeedSource
from kidsafe.models import FeedWarning

# Most specific first: a platform export also holds photos, which alone would look like the plain format.
READERS: tuple[ModuleType, ...] = (instagram, facebook, takeout, plain)
HTML_EXPORT_RE = re.compile(r"(^|/)(your_instagram_activity|your_facebook_activity|content|posts)/[^/]+\.html?$", re.I)
ACCEPTED = (
    "kidsafe reads a folder or ZIP of photos (with an optional posts.csv: id,date,caption,images), "
    "an Instagram or Facebook 'Download your information' export in JSON format, "
    "or a Google Photos Takeout."
)


#: What detection looks for, in words, for the warning given when none of it is found.
LOOKED_FOR = (
    "an Instagram export (your_instagram_activity/content/posts_1.json, content/posts_1.json or media.json), "
    "a Facebook export (your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json or "
    "posts/your_posts_1.json) or a Google Photos Takeout (photos with .json sidecars), in any folder"
)
NOT_RECOGNISED = "no platform export was recognised (looked for {looked}); each photo was read as a post of its own"
#: Files that a folder of photos does not hold, but an export does: when they are there, plain reading is a guess.
EXPORT_SIGNS = (".json", ".html", ".htm")


def detect(source: FeedSource) -> tuple[ModuleType, str]:
    """The reader for this feed and the folder inside it where the export starts."""
    names = source.names()
    for reader in READERS:
        root = reader.detect(names)
        if root is not None:
            return reader, root
    raise nothing_readable(source)


def layout_of(reader: ModuleType, names: list[str], root: str) -> str:
    """Which generation of its format the feed is (``reader.LAYOUTS``: the first whose pattern a file matches)."""
    under = [n[len(root) :] for n in names if n.startswith(root)]
    return next((label for pattern, label in reader.LAYOUTS if any(pattern.search(n) for n in under)), "")


def hints(source: FeedSource, reader: ModuleType, root: str = "", *, recognised: bool = False) -> list[FeedWarning]:
    """Warnings when the plain reader took over: an HTML export (photos but no captions), or nothing recognised.

    ``recognised``: an export was found but gave no post (its own warning says so).
    """
    if reader is not plain:
        return []
    names = source.names()
    html = [n for n in names if HTML_EXPORT_RE.search(n)]
    if html:
        return [FeedWarning(html[0], "this looks like an export in HTML format: only its photos were read. "
                            "Request your information again in JSON format to audit the captions too.")]
    has_csv = layout_of(plain, names, root) != plain.LAYOUTS[-1][1]
    if not recognised and not has_csv and any(n.lower().endswith(EXPORT_SIGNS) for n in names):
        return [FeedWarning(source.label, NOT_RECOGNISED.format(looked=LOOKED_FOR))]
    return []


def nothing_readable(source: FeedSource, problems: list[FeedWarning] | None = None) -> UnsupportedExportError:
    """The error for a feed with no post kidsafe can read, naming what it accepts and what went wrong."""
    found = [*source.warnings, *(problems or [])][:3]
    detail = "; ".join(f"{w.file}: {w.message}" for w in found)
    return UnsupportedExportError(
        f"{source.label}: no posts found that kidsafe can read. {ACCEPTED}" + (f" Problems: {detail}" if detail else "")
    )
