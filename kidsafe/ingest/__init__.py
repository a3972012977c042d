"""Read a feed (folder, ZIP, platform export) into posts: ``open_feed(src) -> Feed``."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from kidsafe.errors import IngestError, UnsupportedExportError
from kidsafe.ingest import plain
from kidsafe.ingest.common import Reading
from kidsafe.ingest.detect import ACCEPTED, detect, hints, layout_of, nothing_readable
from kidsafe.ingest.files import SKIP_REASONS, is_image, skipped_counts, skipped_summary
from kidsafe.ingest.parts import is_archive_name, is_missing_part, missing_parts, open_parts
from kidsafe.ingest.safety import DEFAULT_LIMITS, Limits, is_junk, too_many_posts
from kidsafe.ingest.source import FeedSource, FolderSource, MemorySource, ZipSource
from kidsafe.ingest.tarsource import TAR_HEAD, is_tar, open_tar
from kidsafe.models import FeedWarning, Post

__all__ = ["Feed", "FeedSource", "FolderSource", "Limits", "MemorySource", "ZipSource", "open_feed", "as_source"]

logger = logging.getLogger(__name__)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
REFUSED = "refused or unreadable (each named in the warnings)"
PHOTOS_ONLY = "no post could be read from the export's files; each photo was read as a post of its own"


@dataclass(frozen=True)
class Feed:
    """A feed that was read: its files, its format, its posts and what was odd about it.

    ``layout`` names the generation of the format (``"2024 layout (your_facebook_activity/)"``), ``comments``
    counts the posts that are the owner's comments, and ``skipped`` every file not read, by reason.
    """

    source: FeedSource
    format: str
    posts: tuple[Post, ...]
    warnings: tuple[FeedWarning, ...]
    layout: str = ""
    comments: int = 0
    skipped: tuple[tuple[str, int], ...] = ()
    holder: str = ""  # the account holder's name from an Instagram or Facebook export: the poster, a parent

    def close(self) -> None:
        """Release the feed's files."""
        self.source.close()

    def __enter__(self) -> Feed:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def as_source(
    src: str | os.PathLike[str] | bytes | BinaryIO | Mapping[str, bytes] | FeedSource,
    limits: Limits = DEFAULT_LIMITS,
) -> FeedSource:
    """A FeedSource for a folder, ZIP or photo path, ZIP bytes or file object, or a dict of files."""
    if isinstance(src, (str, os.PathLike)):
        path = Path(src)
        if path.is_dir():
            return _folder(path, limits)
        if not path.is_file():
            raise IngestError(f"{path}: no such file or folder")
        try:
            with open(path, "rb") as fh:
                head = fh.read(TAR_HEAD)
        except OSError as exc:
            raise IngestError(f"{path}: cannot be opened ({exc.strerror})") from None
        if head[:4] in ZIP_MAGIC or is_tar(head):
            archive = ZipSource(path, limits=limits) if head[:4] in ZIP_MAGIC else open_tar(path, limits=limits)
            archive.warnings.extend(missing_parts([path.name]))  # "takeout-…-002.zip" alone: part 1 is elsewhere
            return archive
        if is_image(path.name) and path.stat().st_size <= limits.max_entry_bytes:
            return MemorySource({path.name: path.read_bytes()}, label=path.name, limits=limits)
        raise UnsupportedExportError(f"{path.name}: not a folder, a ZIP or a photo. {ACCEPTED}")
    if isinstance(src, (bytes, bytearray, memoryview)):
        if bytes(src[:4]) in ZIP_MAGIC:
            return ZipSource(src, limits=limits)
        if is_tar(bytes(src[:TAR_HEAD])):
            return open_tar(bytes(src), limits=limits)
        raise UnsupportedExportError(f"upload: not a ZIP file. {ACCEPTED}")
    if isinstance(src, Mapping):
        return _uploads(src, limits)
    if isinstance(src, FeedSource):
        return src
    if hasattr(src, "read"):
        return ZipSource(src, limits=limits)
    raise UnsupportedExportError(f"cannot read a {type(src).__name__}. {ACCEPTED}")


def _holds_posts(names: list[str]) -> bool:
    """True when loose files could be a feed themselves (photos, a posts.csv, an export's JSON)."""
    return any(is_image(n) or n.lower().endswith((".json", ".csv")) for n in names)


def _folder(path: Path, limits: Limits) -> FeedSource:
    """A folder; when its archives are all it holds of posts, they are the parts of one export, read together.

    Its loose files (a Takeout's ``archive_browser.html``) are then one more part, so they are counted too.
    """
    folder = FolderSource(path, limits=limits)
    if not folder.archives or _holds_posts(folder.names()):
        return folder
    folder.warnings[:] = [w for w in folder.warnings if w.file not in folder.archives]  # opened after all
    return open_parts({name: folder.root / name for name in folder.archives}, label=folder.label, limits=limits,
                      loose=folder)


def _uploads(files: Mapping[str, bytes], limits: Limits) -> FeedSource:
    """Files given by name (uploads); archives with nothing else of posts are the parts of one export."""
    archives = {str(name): data for name, data in files.items() if is_archive_name(str(name))}
    others = [str(n) for n in files if str(n) not in archives and not is_junk(str(n).replace("\\", "/"))]
    if archives and not _holds_posts(others) and all(isinstance(d, (bytes, bytearray, memoryview))
                                                     for d in archives.values()):
        label = next(iter(archives)) if len(archives) == 1 else f"{len(archives)} parts of an export"
        loose = MemorySource({n: d for n, d in files.items() if str(n) not in archives}, label=label, limits=limits)
        return open_parts({name: bytes(data) for name, data in archives.items()}, label=label, limits=limits,
                          loose=loose)
    return MemorySource(files, limits=limits)


def _photos_only(source: FeedSource, failed: Reading) -> Reading | None:
    """When an export's post files give nothing, its photos read one by one (as the plain format does)."""
    fallback = plain.read(source, "")
    if not fallback.posts:
        return None
    fallback.warnings[:0] = [*failed.warnings, FeedWarning(source.label, PHOTOS_ONLY)]
    return fallback


def open_feed(
    src: str | os.PathLike[str] | bytes | BinaryIO | Mapping[str, bytes] | FeedSource,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> Feed:
    """Recognise the feed's format from its contents and read every post it can.

    Unreadable files become warnings; UnsupportedExportError only when no post at all can be read.
    """
    source = as_source(src, limits)
    try:
        reader, root = detect(source)
        recognised = reader is not plain  # an export whose posts gave nothing falls back to plain below
        reading = reader.read(source, root)
        if not reading.posts and reader is not plain:
            fallback = _photos_only(source, reading)
            reader, reading = (plain, fallback) if fallback else (reader, reading)
        if not reading.posts:
            raise nothing_readable(source, reading.warnings)
    except BaseException:
        source.close()
        raise
    feed_limits = getattr(source, "limits", limits)
    if len(reading.posts) > feed_limits.max_posts:
        reading.warn(source.label, too_many_posts(feed_limits))
        del reading.posts[feed_limits.max_posts :]
    kinds = skipped_counts(source, reading.used)
    summary = skipped_summary(source, kinds)
    warnings = [*source.warnings, *hints(source, reader, root, recognised=recognised), *reading.warnings,
                *([summary] if summary else [])]
    skipped = [(words[kinds[kind] != 1], kinds[kind]) for kind, words in SKIP_REASONS.items() if kinds[kind]]
    refused = sum(1 for w in source.warnings if not is_missing_part(w))
    if refused:
        skipped.append((REFUSED, refused))
    logger.info("read %d posts (%s) with %d warnings", len(reading.posts), reader.FORMAT, len(warnings))
    return Feed(source, reader.FORMAT, tuple(reading.posts), tuple(warnings), layout_of(reader, source.names(), root),
                reading.comments, tuple(skipped), reading.holder)
