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


def detect(source: FeedSource) -> tuple[ModuleType, str]:
    """The reader for this feed and the folder inside it where the export starts."""
    names = source.names()
    for reader in READERS:
        root = reader.detect(names)
        if root is not None:
            return reader, root
    raise nothing_readable(source)


def hints(source: FeedSource, reader: ModuleType) -> list[FeedWarning]:
    """Warnings about a format kidsafe can only partly read (an HTML export: photos but no captions)."""
    if reader is not plain:
        return []
    html = [n for n in source.names() if HTML_EXPORT_RE.search(n)]
    if not html:
        return []
    return [FeedWarning(html[0], "this looks like an export in HTML format: only its photos were read. "
                        "Request your information again in JSON format to audit the captions too.")]


def nothing_readable(source: FeedSource, problems: list[FeedWarning] | None = None) -> UnsupportedExportError:
    """The error for a feed with no post kidsafe can read, naming what it accepts and what went wrong."""
    found = [*source.warnings, *(problems or [])][:3]
    detail = "; ".join(f"{w.file}: {w.message}" for w in found)
    return UnsupportedExportError(
        f"{source.label}: no posts found that kidsafe can read. {ACCEPTED}" + (f" Problems: {detail}" if detail else "")
    )
