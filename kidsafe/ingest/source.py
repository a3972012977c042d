"""Read-only views of a feed: a folder, a ZIP (never extracted to disk) or files held in memory."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

from kidsafe.errors import IngestError, UnsafeInputError
from kidsafe.ingest.safety import (
    DEFAULT_LIMITS,
    NESTED_ZIP,
    Limits,
    UnsafeNameError,
    clean_name,
    is_junk,
    is_nested_zip,
    read_capped,
    shown_name,
    too_many_files,
)
from kidsafe.ingest.zipsource import ZipSource
from kidsafe.models import FeedWarning

__all__ = ["FeedSource", "FolderSource", "MemorySource", "ZipSource"]

@runtime_checkable
class FeedSource(Protocol):
    """A read-only view of a feed's files, by POSIX relative path."""

    label: str
    warnings: list[FeedWarning]

    def names(self) -> list[str]:
        """Relative paths of the regular files, sorted; unsafe entries are left out."""
        ...

    def size(self, name: str) -> int:
        """The (uncompressed) size of one file in bytes."""
        ...

    def read(self, name: str) -> bytes:
        """The bytes of one file, bounded; raises UnsafeInputError or IngestError."""
        ...

    def mtime(self, name: str) -> datetime | None:
        """The file's modification time (naive local time), if known."""
        ...

    def close(self) -> None:
        """Release the underlying file, if any."""
        ...


class FolderSource:
    """A feed folder on disk; symbolic links are never followed out of the folder."""

    def __init__(self, path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> None:
        """List the folder's files once; problems become ``warnings``."""
        self.root = Path(path).resolve()
        if not self.root.is_dir():
            raise IngestError(f"{path}: not a folder")
        self.label = self.root.name or str(self.root)
        self.limits = limits
        self.warnings: list[FeedWarning] = []
        self.archives: list[str] = []  # archives in the folder, not opened here (they may be an export's parts)
        self._files: dict[str, tuple[Path, os.stat_result]] = {}
        self._scan()

    def _inside(self, target: Path) -> bool:
        return target == self.root or self.root in target.parents

    def _warn(self, name: str, message: str) -> None:
        self.warnings.append(FeedWarning(name, message))

    def _scan(self) -> None:
        def on_error(err: OSError) -> None:
            self._warn(_rel(err.filename, self.root), "folder cannot be read; skipped")

        for dirpath, dirnames, filenames in os.walk(self.root, onerror=on_error):
            base = Path(dirpath)
            for d in list(dirnames):
                full = base / d
                if full.is_symlink():
                    dirnames.remove(d)
                    if not self._inside(full.resolve()):
                        self._warn(_rel(full, self.root), "symbolic link out of the feed folder; not followed")
            dirnames.sort()
            for f in sorted(filenames):
                self._add(base / f)

    def _add(self, full: Path) -> None:
        rel = _rel(full, self.root)
        try:
            name = clean_name(rel)
        except UnsafeNameError as exc:
            self._warn(shown_name(rel, "(a file with no name)"), f"unsafe file name ({exc}); skipped")
            return
        if is_junk(name):
            return
        target = full
        if full.is_symlink():
            target = full.resolve()
            if not self._inside(target):
                self._warn(name, "symbolic link out of the feed folder; not followed")
                return
        try:
            st = target.stat()
        except OSError:
            self._warn(name, "file cannot be read; skipped")
            return
        if not stat.S_ISREG(st.st_mode):
            self._warn(name, "not a regular file; skipped")
        elif is_nested_zip(name):
            self._warn(name, NESTED_ZIP)
            self.archives.append(name)
        elif st.st_size > self.limits.max_entry_bytes:
            self._warn(name, f"larger than {self.limits.max_entry_bytes // 2**20} MiB; skipped")
        elif name not in self._files:
            if len(self._files) >= self.limits.max_entries:
                raise too_many_files(self.label, self.limits)
            self._files[name] = (target, st)

    def names(self) -> list[str]:
        """Relative paths of the regular files, sorted."""
        return sorted(self._files)

    def _entry(self, name: str) -> tuple[Path, os.stat_result]:
        try:
            return self._files[name]
        except KeyError:
            raise IngestError(f"{name}: no such file in {self.label}") from None

    def size(self, name: str) -> int:
        """The file's size in bytes, as listed."""
        return self._entry(name)[1].st_size

    def read(self, name: str) -> bytes:
        """The file's bytes, refusing a file that became a link or grew past the limit."""
        path, _ = self._entry(name)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        except OSError as exc:
            raise IngestError(f"{name}: cannot be read ({exc.strerror})") from None
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise UnsafeInputError(f"{name}: not a regular file; refused")
            return read_capped(fh, name, self.limits.max_entry_bytes)

    def mtime(self, name: str) -> datetime | None:
        """The file's modification time, naive local time."""
        try:
            return datetime.fromtimestamp(self._entry(name)[1].st_mtime)
        except (OverflowError, OSError, ValueError):
            return None

    def close(self) -> None:
        """Nothing to release for a folder."""


def _rel(path: str | os.PathLike[str] | None, root: Path) -> str:
    try:
        return Path(path or root).relative_to(root).as_posix()
    except ValueError:
        return str(path)


class MemorySource:
    """A feed held in memory as ``{relative path: bytes}`` (uploads, tests)."""

    def __init__(
        self,
        files: Mapping[str, bytes],
        *,
        label: str = "upload",
        mtimes: Mapping[str, datetime] | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        """Check every name and size once; problems become ``warnings``."""
        self.label = label
        self.limits = limits
        self.warnings: list[FeedWarning] = []
        self._files: dict[str, bytes] = {}
        self._mtimes: dict[str, datetime] = {}
        if len(files) > limits.max_entries:
            raise too_many_files(label, limits)
        total = 0
        for raw, data in files.items():
            try:
                name = clean_name(str(raw))
            except UnsafeNameError as exc:
                shown = shown_name(str(raw), f"(a file of {label} with no name)")
                self.warnings.append(FeedWarning(shown, f"unsafe file name ({exc}); skipped"))
                continue
            if is_junk(name) or name in self._files:
                continue
            if not isinstance(data, (bytes, bytearray, memoryview)):
                self.warnings.append(FeedWarning(name, "not file contents (bytes); skipped"))
            elif is_nested_zip(name):
                self.warnings.append(FeedWarning(name, NESTED_ZIP))
            elif len(data) > limits.max_entry_bytes:
                self.warnings.append(FeedWarning(name, f"larger than {limits.max_entry_bytes // 2**20} MiB; skipped"))
            elif total + len(data) > limits.max_total_bytes:
                self.warnings.append(FeedWarning(name, "the feed is too large; this and later files skipped"))
                break
            else:
                total += len(data)
                self._files[name] = bytes(data)
                if mtimes and raw in mtimes:
                    self._mtimes[name] = mtimes[raw]

    def names(self) -> list[str]:
        """Relative paths of the files, sorted."""
        return sorted(self._files)

    def size(self, name: str) -> int:
        """The file's size in bytes."""
        return len(self.read(name))

    def read(self, name: str) -> bytes:
        """The file's bytes."""
        try:
            return self._files[name]
        except KeyError:
            raise IngestError(f"{name}: no such file in {self.label}") from None

    def mtime(self, name: str) -> datetime | None:
        """The time given for the file, if any."""
        return self._mtimes.get(name)

    def close(self) -> None:
        """Drop the files from memory."""
        self._files.clear()
