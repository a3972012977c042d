"""Bounds and path rules shared by every feed source: what is refused, and how reads are capped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import IO

from kidsafe.errors import UnsafeInputError

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True, slots=True)
class Limits:
    """How much a feed may hold before kidsafe refuses it (bombs, oversize files)."""

    max_entry_bytes: int = 100 * MiB
    max_total_bytes: int = 2 * GiB
    max_ratio: float = 200.0
    ratio_min_bytes: int = 1 * MiB
    max_entries: int = 20_000
    max_directory_bytes: int = 64 * MiB
    #: Posts audited at most (a family's feed is far smaller; a 100 MB posts.csv holds about a million).
    max_posts: int = 10_000


DEFAULT_LIMITS = Limits()

NESTED_ZIP = "an archive inside the feed is not opened; unpack it and add its contents instead"
DRIVE_RE = re.compile(r"^[A-Za-z]:")
JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})
JUNK_FOLDERS = frozenset({"__macosx"})


class UnsafeNameError(ValueError):
    """An archive or folder entry whose name points outside the feed."""


def clean_name(raw: str) -> str:
    """The entry name as a safe POSIX relative path; raises UnsafeNameError for traversal tricks.

    Backslashes are read as separators, so a Windows-style traversal is refused like ``../../x``.
    """
    if not raw or any(ord(c) < 32 for c in raw):
        raise UnsafeNameError("empty name or control characters in the name")
    name = raw.replace("\\", "/")
    if name.startswith("/"):
        raise UnsafeNameError("absolute path")
    if DRIVE_RE.match(name):
        raise UnsafeNameError("drive letter in the path")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise UnsafeNameError("'..' in the path")
    if not parts:
        raise UnsafeNameError("empty name")
    return "/".join(parts)


def shown_name(raw: str, fallback: str) -> str:
    """A refused entry's name fit to show: control characters written as escapes, ``fallback`` when empty."""
    shown = "".join(c if 32 <= ord(c) < 127 or ord(c) > 159 else f"\\x{ord(c):02x}" for c in raw)
    return shown or fallback


def is_junk(name: str) -> bool:
    """True for operating-system litter (``__MACOSX``, ``._x.jpg``, ``.DS_Store``, hidden files)."""
    parts = name.split("/")
    if any(p.lower() in JUNK_FOLDERS for p in parts[:-1]):
        return True
    if any(p.startswith(".") for p in parts):
        return True
    return parts[-1].lower() in JUNK_NAMES


def is_nested_zip(name: str) -> bool:
    """True for an archive inside the feed, which kidsafe never opens."""
    return name.lower().endswith((".zip", ".7z", ".rar", ".tar", ".tgz", ".tar.gz"))


def read_capped(stream: IO[bytes], name: str, cap: int) -> bytes:
    """Read at most ``cap`` bytes from ``stream``; raise UnsafeInputError if there is more."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(1 * MiB, cap + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > cap:
            raise UnsafeInputError(f"{name}: larger than its declared or allowed size ({cap} bytes); refused")
    return b"".join(chunks)


def too_many_posts(limits: Limits) -> str:
    """The warning for a feed holding more than ``limits.max_posts`` posts."""
    return f"more than {limits.max_posts:,} posts; only the first {limits.max_posts:,} are audited"


def too_many_files(label: str, limits: Limits) -> UnsafeInputError:
    """The error for a feed with more entries than ``limits.max_entries``."""
    return UnsafeInputError(
        f"{label}: more than {limits.max_entries} files; refused. Choose a smaller folder or export."
    )
