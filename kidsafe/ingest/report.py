"""What the readers found in a feed (``python -m kidsafe inspect``): counts only, no caption, name or place.

The report lets a user (or a maintainer with someone else's export) see at once whether kidsafe read the
export as it should: which format and layout, how many posts and captions, and every file left unread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kidsafe.errors import IngestError
from kidsafe.ingest import Feed
from kidsafe.models import GeoPoint

FORMAT_NAMES = {
    "instagram": "Instagram export",
    "facebook": "Facebook export",
    "google_photos": "Google Photos Takeout",
    "plain": "photos and captions (kidsafe's own format)",
}
MAX_WARNINGS_SHOWN = 20


def format_words(fmt: str, layout: str) -> str:
    """The format a feed was read as, in words: ``Instagram export, 2025 layout (…)``."""
    return FORMAT_NAMES.get(fmt, fmt) + (f", {layout}" if layout else "")


def skipped_words(skipped: tuple[tuple[str, int], ...]) -> str:
    """The files not read, by reason, in one line: ``3 videos, 1 HTML page``."""
    return ", ".join(f"{n} {reason}" for reason, n in skipped)


@dataclass(frozen=True, slots=True)
class ReaderReport:
    """Counts of what a feed gave the readers."""

    label: str
    format: str
    layout: str
    posts: int
    captioned: int
    photos: int
    places: int
    people_tagged: int
    comments: int
    skipped: tuple[tuple[str, int], ...]
    warnings: tuple[str, ...]

    def lines(self) -> list[str]:
        """The report as lines a person reads."""
        kind = format_words(self.format, self.layout)
        skipped = sum(n for _, n in self.skipped)
        out = [
            f"Read {self.label}",
            f"Format:         {kind}",
            f"Posts:          {self.posts} ({self.captioned} with a caption)",
            f"Photos:         {self.photos}",
            f"Places:         {self.places} posts give a place (check-in, place name or GPS)",
            f"People tagged:  {self.people_tagged} different people",
            f"Comments:       {self.comments} of the owner's comments, read as posts",
            f"Files skipped:  {skipped}",
            *(f"  {n} {reason}" for reason, n in self.skipped),
        ]
        if self.warnings:
            out.append(f"Warnings ({len(self.warnings)}):")
            out += [f"  {w}" for w in self.warnings[:MAX_WARNINGS_SHOWN]]
            if len(self.warnings) > MAX_WARNINGS_SHOWN:
                out.append(f"  … and {len(self.warnings) - MAX_WARNINGS_SHOWN} more")
        return out


def reader_report(feed: Feed, photo_gps: Callable[[str], GeoPoint | None] | None = None) -> ReaderReport:
    """Count what ``feed`` holds; ``photo_gps(path)`` gives a photo's EXIF position when the export has none."""
    places = 0
    people: set[str] = set()
    for post in feed.posts:
        people.update(post.people)
        for photo in post.photos:
            people.update(photo.people)
        located = post.place_name or post.place_gps or any(photo.gps for photo in post.photos)
        if not located and photo_gps is not None:
            located = any(_safe(photo_gps, photo.path) for photo in post.photos)
        places += bool(located)
    return ReaderReport(
        label=feed.source.label, format=feed.format, layout=feed.layout, posts=len(feed.posts),
        captioned=sum(1 for p in feed.posts if p.caption.strip()),
        photos=sum(len(p.photos) for p in feed.posts), places=places, people_tagged=len(people),
        comments=feed.comments, skipped=feed.skipped,
        warnings=tuple(f"{w.file}: {w.message}" for w in feed.warnings),
    )


def _safe(photo_gps: Callable[[str], GeoPoint | None], path: str) -> GeoPoint | None:
    """A photo's position, or None when it cannot be read (the audit itself warns about that photo)."""
    try:
        return photo_gps(path)
    except IngestError:
        return None
