"""A ZIP feed read in place: entries are checked once, never extracted, and every read is capped."""

from __future__ import annotations

import io
import logging
import os
import stat
import struct
import zipfile
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from kidsafe.errors import IngestError, UnsafeInputError, UnsupportedExportError
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
from kidsafe.models import FeedWarning

log = logging.getLogger(__name__)

EOCD = b"PK\x05\x06"
EOCD64_LOCATOR = b"PK\x06\x07"
EOCD64 = b"PK\x06\x06"
ENCRYPTED_FLAG = 0x1


def _directory_size(fh: BinaryIO) -> tuple[int, int] | None:
    """(entry count, central directory bytes) from the end record, before zipfile parses anything."""
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    tail_len = min(size, 22 + 65535 + 20)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    fh.seek(0)
    at = tail.rfind(EOCD)
    while at >= 0 and (len(tail) - at < 22 or struct.unpack("<H", tail[at + 20 : at + 22])[0] != len(tail) - at - 22):
        at = tail.rfind(EOCD, 0, at)  # that signature was inside the archive comment
    if at < 0:
        return None
    count, cd_bytes = struct.unpack("<HI", tail[at + 10 : at + 16])
    if (count == 0xFFFF or cd_bytes == 0xFFFFFFFF) and tail[at - 20 : at - 16] == EOCD64_LOCATOR:
        (offset,) = struct.unpack("<Q", tail[at - 12 : at - 4])
        if offset < size:
            fh.seek(offset)
            record = fh.read(56)
            fh.seek(0)
            if record[:4] == EOCD64 and len(record) >= 48:
                count, cd_bytes = struct.unpack("<QQ", record[32:48])
    return count, cd_bytes


def _open(src: str | os.PathLike[str] | bytes | BinaryIO, limits: Limits) -> tuple[BinaryIO, str, bool]:
    """The seekable stream, display label and whether we own (must close) the stream."""
    if isinstance(src, (bytes, bytearray, memoryview)):
        return io.BytesIO(bytes(src)), "upload.zip", True
    if isinstance(src, (str, os.PathLike)):
        try:
            return open(src, "rb"), Path(src).name, True  # noqa: SIM115 (closed by close())
        except OSError as exc:
            raise IngestError(f"{src}: cannot be opened ({exc.strerror})") from None
    label = Path(str(getattr(src, "name", "") or "upload.zip")).name
    if getattr(src, "seekable", lambda: False)():
        return src, label, False
    return io.BytesIO(read_capped(src, label, limits.max_total_bytes)), label, True


class ZipSource:
    """A ZIP export read in memory; unsafe entries are refused with a warning each."""

    def __init__(
        self,
        src: str | os.PathLike[str] | bytes | BinaryIO,
        *,
        label: str | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        """Open the archive and vet every entry (names, links, encryption, sizes, ratios)."""
        self._fh, found_label, self._owned = _open(src, limits)
        self.label = label or found_label
        self.limits = limits
        self.warnings: list[FeedWarning] = []
        self._infos: dict[str, zipfile.ZipInfo] = {}
        try:
            counts = _directory_size(self._fh)
            if counts and (counts[0] > limits.max_entries or counts[1] > limits.max_directory_bytes):
                raise too_many_files(self.label, limits)
            self._zip = zipfile.ZipFile(self._fh)
            self._vet(self._zip.infolist())
        except IngestError:
            self._close_stream()
            raise
        except Exception:  # noqa: BLE001 - zipfile raises many kinds (NotImplementedError, IndexError, …) on damage
            self._close_stream()
            raise UnsupportedExportError(f"{self.label}: not a ZIP file, or a damaged one") from None

    def _warn(self, name: str, message: str) -> None:
        self.warnings.append(FeedWarning(name, message))

    def _vet(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > self.limits.max_entries:
            raise too_many_files(self.label, self.limits)
        ordered = sorted(infos, key=lambda i: i.header_offset)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if a.compress_size and a.header_offset + a.compress_size > b.header_offset:
                raise UnsafeInputError(f"{self.label}: ZIP entries overlap (a ZIP bomb); refused")
        total = 0
        for number, info in enumerate(infos, 1):
            if info.filename.endswith("/"):  # a folder (ZipInfo.is_dir() fails on an empty name)
                continue
            try:
                name = clean_name(info.filename)
            except UnsafeNameError as exc:
                shown = shown_name(info.filename, f"(entry {number} of {self.label}, unnamed)")
                self._warn(shown, f"unsafe path in the ZIP ({exc}); refused")
                continue
            if is_junk(name):
                continue
            problem = self._problem(name, info)
            if problem:
                self._warn(name, problem)
                continue
            if name in self._infos:
                self._warn(name, "listed twice in the ZIP; the second copy is ignored")
                continue
            total += info.file_size
            if total > self.limits.max_total_bytes:
                self._warn(name, f"the ZIP unpacks to more than {self.limits.max_total_bytes // 2**20} MiB; "
                           "this and every later file skipped")
                return
            self._infos[name] = info

    def _problem(self, name: str, info: zipfile.ZipInfo) -> str | None:
        """Why an entry is refused, or None."""
        limits = self.limits
        if stat.S_ISLNK(info.external_attr >> 16):
            return "symbolic link in the ZIP; refused"
        if info.flag_bits & ENCRYPTED_FLAG:
            return "encrypted (password-protected) entry; skipped"
        if is_nested_zip(name):
            return NESTED_ZIP
        if info.file_size > limits.max_entry_bytes:
            return f"unpacks to more than {limits.max_entry_bytes // 2**20} MiB; refused"
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_min_bytes and ratio > limits.max_ratio:
            return f"compression ratio {ratio:.0f}:1 looks like a ZIP bomb; refused"
        return None

    def names(self) -> list[str]:
        """Relative paths of the accepted entries, sorted."""
        return sorted(self._infos)

    def _info(self, name: str) -> zipfile.ZipInfo:
        try:
            return self._infos[name]
        except KeyError:
            raise IngestError(f"{name}: no such file in {self.label}") from None

    def size(self, name: str) -> int:
        """The entry's declared uncompressed size."""
        return self._info(name).file_size

    def read(self, name: str) -> bytes:
        """The entry's bytes, never more than its declared size nor the per-file limit."""
        info = self._info(name)
        cap = min(info.file_size, self.limits.max_entry_bytes)
        try:
            with self._zip.open(info) as fh:
                return read_capped(fh, name, cap)
        except UnsafeInputError:
            raise
        except Exception as exc:  # noqa: BLE001 - whatever a damaged entry makes zipfile raise
            log.debug("zip entry %s unreadable: %s", name, type(exc).__name__)  # the kind of damage, for a developer
            raise IngestError(f"{name}: damaged inside the ZIP file; it cannot be read") from None

    def mtime(self, name: str) -> datetime | None:
        """The entry's stored time (the ZIP keeps local wall-clock time)."""
        try:
            return datetime(*self._info(name).date_time)
        except (TypeError, ValueError):
            return None

    def _close_stream(self) -> None:
        if self._owned:
            self._fh.close()

    def close(self) -> None:
        """Close the archive and any file kidsafe opened for it."""
        zf = getattr(self, "_zip", None)
        if zf is not None:
            zf.close()
        self._close_stream()
