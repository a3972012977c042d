"""File kinds and file lookup shared by the readers: photos, videos, references, the skipped-files summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import PurePosixPath

from kidsafe.ingest.source import FeedSource
from kidsafe.models import FeedWarning

IMAGE_EXTS = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif"})
VIDEO_EXTS = frozenset(
    {".mp4", ".mov", ".m4v", ".avi", ".3gp", ".mkv", ".webm", ".wmv", ".mpg", ".mpeg", ".mts"}
)

def suffix(name: str) -> str:
    """The lower-case extension of a path, with its dot."""
    return PurePosixPath(name).suffix.lower()


def is_image(name: str) -> bool:
    """True for the photo types kidsafe reads."""
    return suffix(name) in IMAGE_EXTS


def is_video(name: str) -> bool:
    """True for video files, which kidsafe skips (a GIF is read as a photo: its first frame)."""
    return suffix(name) in VIDEO_EXTS


def base_name(path: str) -> str:
    """The last component of a POSIX path or URI."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


#: Why a file was not read, by kind, as (one, many) words for the summary; in the order they are listed.
SKIP_REASONS: dict[str, tuple[str, str]] = {
    "video": ("video", "videos"),
    "photo": ("photo not in any post", "photos not in any post"),
    "html": ("HTML page", "HTML pages"),
    "data": ("data file kidsafe does not read", "data files kidsafe does not read"),  # messages, likes, settings
    "other": ("other", "other"),
}
DATA_EXTS = frozenset({".json", ".csv", ".xml", ".js"})


def skip_kind(name: str) -> str:
    """The kind of a file no post uses: a key of SKIP_REASONS."""
    ext = suffix(name)
    if is_video(name):
        return "video"
    if is_image(name):
        return "photo"
    if ext in (".html", ".htm"):
        return "html"
    return "data" if ext in DATA_EXTS else "other"


def skipped_counts(source: FeedSource, used: Iterable[str]) -> Counter[str]:
    """How many files no post uses, by kind (see SKIP_REASONS)."""
    used_set = set(used)
    return Counter(skip_kind(name) for name in source.names() if name not in used_set)


def skipped_summary(source: FeedSource, kinds: Counter[str]) -> FeedWarning | None:
    """One warning that sums up every file no post uses, with why (videos, stray photos, other files)."""
    total = sum(kinds.values())
    if not total:
        return None
    parts = [_count(kinds[kind], *words) for kind, words in SKIP_REASONS.items() if kinds[kind]]
    head = _count(total, "file that is not a photo or post", "files that are not photos or posts")
    return FeedWarning(source.label, f"skipped {head}: {', '.join(parts)}")


class PathIndex:
    """Finds a feed file from a reference (URI, CSV cell): exactly, ignoring case, or by unique base name."""

    def __init__(self, names: Iterable[str]) -> None:
        """Index the given file names."""
        self.names = list(names)
        self._lower = {n.lower(): n for n in reversed(self.names)}
        by_base: dict[str, list[str]] = {}
        for n in self.names:
            by_base.setdefault(base_name(n).lower(), []).append(n)
        self._base = by_base

    def find(self, ref: str, root: str = "") -> str | None:
        """The file ``ref`` points to, looked up under ``root`` first; None if not found."""
        ref = ref.strip().replace("\\", "/").lstrip("./") if ref else ""
        if not ref or "://" in ref:
            return None
        for candidate in (root + ref, ref):
            hit = self._lower.get(candidate.lower())
            if hit:
                return hit
        same_base = self._base.get(base_name(ref).lower(), [])
        tails = [n for n in same_base if n.lower().endswith("/" + ref.lower())]
        if len(tails) == 1:
            return tails[0]
        return same_base[0] if len(same_base) == 1 else None
