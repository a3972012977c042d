"""An export in several archives (``takeout-…-001.zip``, ``-002.zip``, ``.tgz``; Meta's parts) read as one feed.

Google splits a large Takeout into numbered parts, and a photo's sidecar is often in another part than
the photo. Every part is opened (never unpacked to disk) and their files are seen as one tree, so the
readers match sidecars across parts. The safe limits apply to the sum of the parts, and a gap in the
numbering is named in a warning.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from kidsafe.errors import IngestError
from kidsafe.ingest.safety import DEFAULT_LIMITS, Limits
from kidsafe.ingest.source import FeedSource
from kidsafe.ingest.tarsource import is_tar_name, open_tar
from kidsafe.ingest.zipsource import ZipSource
from kidsafe.models import FeedWarning

ARCHIVE_RE = re.compile(r"^(?P<stem>.*?)(?P<ext>\.zip|\.tgz|\.tar\.gz|\.tar)$", re.IGNORECASE)
#: A part's number at the end of its name: ``takeout-20240101T000000Z-002``, ``export_2``, ``export (2)``.
NUMBER_RE = re.compile(r"^(?P<stem>.+?)(?P<sep>[-_ ]\(?)(?P<number>\d{1,3})\)?$")
MISSING = "part {n} of this export ({name}) is not here: what it holds (photos, captions, places) is not audited. " \
          "Add every part together"
OVER_LIMIT = "the export's parts unpack to more than {mib} MiB together; this part was not read"

Opener = Callable[[Limits], FeedSource]


def is_archive_name(name: str) -> bool:
    """True for a ZIP or tar archive's name."""
    return bool(ARCHIVE_RE.match(name.rsplit("/", 1)[-1]))


@dataclass(frozen=True)
class _Part:
    """A numbered part's name taken apart: ``takeout-X`` ``-`` ``002`` ``.zip``."""

    stem: str
    sep: str
    number: int
    digits: int
    ext: str

    def name_of(self, number: int) -> str:
        """The name the part numbered ``number`` of the same series has."""
        closing = ")" if self.sep.endswith("(") else ""
        return f"{self.stem}{self.sep}{number:0{self.digits}d}{closing}{self.ext}"


def _numbered(name: str) -> _Part | None:
    """The numbered part a base name shows, or None."""
    archive = ARCHIVE_RE.match(name.rsplit("/", 1)[-1])
    found = NUMBER_RE.match(archive.group("stem")) if archive else None
    if not (archive and found):
        return None
    number = found.group("number")
    return _Part(found.group("stem"), found.group("sep"), int(number), len(number), archive.group("ext"))


def is_missing_part(warning: FeedWarning) -> bool:
    """True for the warning naming a missing part (a file absent, not one refused)."""
    return warning.message.startswith(MISSING.split("{n}")[0]) and " of this export (" in warning.message


def missing_parts(names: Sequence[str]) -> list[FeedWarning]:
    """A warning for each part missing from a numbered series (1 to the highest number present).

    One archive alone is a part only with Takeout's three digits (``-002``): ``holiday-2.zip`` is just a name.
    """
    series: dict[str, dict[int, tuple[str, _Part]]] = {}
    for name in names:
        part = _numbered(name)
        if part:
            series.setdefault(part.stem.lower(), {})[part.number] = (name, part)  # .zip and .tgz parts alike
    warnings = []
    for numbers in series.values():
        shown, part = next(iter(numbers.values()))
        if len(numbers) == 1 and part.digits != 3:
            continue
        warnings += [FeedWarning(shown, MISSING.format(n=n, name=part.name_of(n)))
                     for n in range(1, max(numbers) + 1) if n not in numbers]
    return warnings


class MultiSource:
    """Several archives of one export seen as one tree of files; the first part holding a path wins."""

    def __init__(self, parts: Sequence[FeedSource], *, label: str, limits: Limits = DEFAULT_LIMITS) -> None:
        """Join the parts' files; their warnings become this source's."""
        self.label = label
        self.limits = limits
        self.parts = list(parts)
        self.warnings: list[FeedWarning] = [w for part in self.parts for w in part.warnings]
        self._owner: dict[str, FeedSource] = {}
        for part in self.parts:
            for name in part.names():
                self._owner.setdefault(name, part)

    def _part(self, name: str) -> FeedSource:
        try:
            return self._owner[name]
        except KeyError:
            raise IngestError(f"{name}: no such file in {self.label}") from None

    def names(self) -> list[str]:
        """Relative paths of every part's files, sorted."""
        return sorted(self._owner)

    def size(self, name: str) -> int:
        """The file's size in bytes."""
        return self._part(name).size(name)

    def read(self, name: str) -> bytes:
        """The file's bytes, from the part that holds it."""
        return self._part(name).read(name)

    def mtime(self, name: str) -> datetime | None:
        """The file's time as its part gives it."""
        return self._part(name).mtime(name)

    def close(self) -> None:
        """Close every part."""
        for part in self.parts:
            part.close()


def _opener(src: str | os.PathLike[str] | bytes, name: str) -> Opener:
    if is_tar_name(name):
        return lambda limits: open_tar(src, label=name, limits=limits)
    return lambda limits: ZipSource(src, label=name, limits=limits)


def open_parts(archives: Mapping[str, str | os.PathLike[str] | bytes], *, label: str,
               limits: Limits = DEFAULT_LIMITS, loose: FeedSource | None = None) -> MultiSource:
    """Open every archive (by name: a path or its bytes) as a part of one export, within one set of limits.

    ``loose``: files beside the archives (no posts among them), kept as a part so that they are counted.
    A part that is damaged or refused is a warning; the others are still read.
    """
    parts: list[FeedSource] = []
    problems: list[FeedWarning] = []
    left_bytes, left_files = limits.max_total_bytes, limits.max_entries
    if loose is not None:
        parts.append(loose)
        left_bytes -= sum(loose.size(n) for n in loose.names())
        left_files -= len(loose.names())
    for name in sorted(archives):
        if left_bytes <= 0 or left_files <= 0:
            problems.append(FeedWarning(name, OVER_LIMIT.format(mib=limits.max_total_bytes // 2**20)))
            continue
        part_limits = replace(limits, max_total_bytes=left_bytes, max_entries=left_files)
        try:
            part = _opener(archives[name], name)(part_limits)
        except IngestError as exc:
            problems.append(FeedWarning(name, f"this part could not be read: {exc}"))
            continue
        parts.append(part)
        left_bytes -= sum(part.size(n) for n in part.names())
        left_files -= len(part.names())
    source = MultiSource(parts, label=label, limits=limits)
    source.warnings[:0] = [*problems, *missing_parts(list(archives))]
    return source
