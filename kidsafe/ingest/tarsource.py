"""A ``.tgz`` / ``.tar.gz`` / ``.tar`` export (Google Takeout offers them) read into memory in one pass.

A compressed tar cannot be read file by file in place as a ZIP can, so its accepted files are held in
memory (never written to disk), within the same limits as a ZIP: names, links, sizes and the total.
Decompression itself is bounded, so a gzip bomb stops early instead of filling memory or the CPU.
"""

from __future__ import annotations

import gzip
import io
import os
import tarfile
from datetime import datetime
from pathlib import Path
from typing import IO

from kidsafe.errors import IngestError, UnsafeInputError, UnsupportedExportError
from kidsafe.ingest.safety import DEFAULT_LIMITS, Limits, read_capped
from kidsafe.ingest.source import MemorySource
from kidsafe.models import FeedWarning

TAR_SUFFIXES = (".tgz", ".tar.gz", ".tar")
GZIP_MAGIC = b"\x1f\x8b"
TAR_HEAD = 512  # bytes read to recognise a tar: its first header block


def is_tar(head: bytes) -> bool:
    """True when a file's first bytes are a gzip stream or a tar header (``ustar`` at offset 257)."""
    return head[:2] == GZIP_MAGIC or head[257:262] == b"ustar"


class _Bounded(io.RawIOBase):
    """A stream that refuses to give more than ``cap`` bytes (the decompressed size a tar may reach)."""

    def __init__(self, stream: IO[bytes], cap: int, label: str) -> None:
        self._stream, self._left, self._label = stream, cap, label

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(min(len(buffer), self._left + 1))
        self._left -= len(data)
        if self._left < 0:
            raise UnsafeInputError(f"{self._label}: unpacks to far more than its size allows (an archive bomb); "
                                   "the rest of it is refused")
        buffer[: len(data)] = data
        return len(data)


def is_tar_name(name: str) -> bool:
    """True for the names of the tar archives kidsafe opens as an export's part."""
    return name.lower().endswith(TAR_SUFFIXES)


def _stream(raw: IO[bytes], label: str, limits: Limits) -> IO[bytes]:
    """The tar's bytes, decompressed when gzipped, bounded by the limits."""
    size = raw.seek(0, io.SEEK_END)
    raw.seek(0)
    packed = raw.read(2) == GZIP_MAGIC
    raw.seek(0)
    stream: IO[bytes] = gzip.GzipFile(fileobj=raw) if packed else raw
    # A tar of photos barely compresses; allow room for skipped videos but not a bomb's ratio.
    cap = min(2 * limits.max_total_bytes, max(int(size * limits.max_ratio), limits.ratio_min_bytes))
    return io.BufferedReader(_Bounded(stream, cap, label))


def _member_problem(member: tarfile.TarInfo, limits: Limits) -> str | None:
    if member.issym() or member.islnk():
        return "link in the archive; refused"
    if not member.isfile():
        return "not a regular file; skipped"
    if member.size > limits.max_entry_bytes:
        return f"unpacks to more than {limits.max_entry_bytes // 2**20} MiB; refused"
    return None


def open_tar(src: str | os.PathLike[str] | bytes, *, label: str | None = None,
             limits: Limits = DEFAULT_LIMITS) -> MemorySource:
    """The tar's files as a MemorySource; refused members, damage and bombs become warnings."""
    label = label or (Path(src).name if isinstance(src, (str, os.PathLike)) else "upload.tgz")
    files: dict[str, bytes] = {}
    mtimes: dict[str, datetime] = {}
    warnings: list[FeedWarning] = []
    total = 0
    try:
        raw: IO[bytes] = (io.BytesIO(bytes(src)) if isinstance(src, (bytes, bytearray))
                          else open(src, "rb"))  # noqa: SIM115 (closed by the with below)
        with raw, _stream(raw, label, limits) as stream, tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                if member.isdir():
                    continue
                if len(files) >= limits.max_entries:
                    warnings.append(FeedWarning(label, f"more than {limits.max_entries} files; the rest skipped"))
                    break
                problem = _member_problem(member, limits)
                if problem:
                    warnings.append(FeedWarning(member.name, problem))
                    continue
                if total + member.size > limits.max_total_bytes:
                    warnings.append(FeedWarning(member.name, f"the archive unpacks to more than "
                                                f"{limits.max_total_bytes // 2**20} MiB; this and later files skipped"))
                    break
                extracted = tar.extractfile(member)
                if extracted is None:
                    continue
                files[member.name] = read_capped(extracted, member.name, member.size)
                mtimes[member.name] = datetime.fromtimestamp(max(0, min(member.mtime, 32_503_680_000)))
                total += member.size
    except UnsafeInputError as exc:
        warnings.append(FeedWarning(label, str(exc)))
    except (tarfile.TarError, OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
        if not files:
            raise UnsupportedExportError(f"{label}: not a tar archive, or a damaged one") from exc
        warnings.append(FeedWarning(label, "the archive is cut short or damaged; the files after the damage "
                                    "could not be read"))
    except IngestError as exc:
        warnings.append(FeedWarning(label, str(exc)))
    source = MemorySource(files, label=label, mtimes=mtimes, limits=limits)
    source.warnings[:0] = warnings
    return source
