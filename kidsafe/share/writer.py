"""The shared ZIP: cleaned photos, posts.csv in kidsafe's plain format, and the report.

Every entry gets the same neutral timestamp (the ZIP format's earliest, 1980-01-01), so the
archive says nothing about when or where it was made. The ZIP is written to a temporary file
next to the output and moved into place only when it is complete.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

CSV_NAME = "posts.csv"
"""The plain format's caption file: the shared ZIP is itself a feed kidsafe can audit."""

CSV_COLUMNS = ("id", "date", "caption", "images")
NEUTRAL_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of posts.csv."""

    id: str
    date: str
    caption: str
    images: tuple[str, ...] = ()


def post_numbers(ids: Iterable[str]) -> dict[str, int]:
    """The copy's number of each post (1, 2, 3… in the order given: ``export.copy_order``): the copy never shows the
    feed's own ids."""
    return {post_id: number for number, post_id in enumerate(ids, 1)}


def posts_csv(rows: Sequence[Row]) -> bytes:
    """posts.csv (UTF-8, header id,date,caption,images; images separated by ';')."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([row.id, row.date, row.caption, ";".join(row.images)])
    return out.getvalue().encode("utf-8")


def entry(name: str) -> zipfile.ZipInfo:
    """A ZIP entry with the neutral timestamp and ordinary file permissions."""
    info = zipfile.ZipInfo(name, date_time=NEUTRAL_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


class ShareZip:
    """A ZIP being written to a temporary file beside ``out``; ``commit`` moves it into place."""

    def __init__(self, out: str | os.PathLike[str]) -> None:
        self.out = Path(out)
        if self.out.is_dir():
            raise IsADirectoryError(f"{self.out}: is a folder; give a file name ending in .zip")
        self.out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".kidsafe-share-", suffix=".zip", dir=self.out.parent)
        os.close(fd)
        self.path = Path(tmp)
        self._zip: zipfile.ZipFile | None = zipfile.ZipFile(self.path, "w")

    def write(self, name: str, data: bytes, *, compress: bool = True) -> None:
        """Add one file (JPEGs are stored: compressing them gains nothing)."""
        assert self._zip is not None, "ZIP already closed"
        info = entry(name)
        if not compress:
            info.compress_type = zipfile.ZIP_STORED
        self._zip.writestr(info, data)

    def close(self) -> None:
        """Finish the ZIP (it stays at the temporary path until ``commit``)."""
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def append(self, name: str, data: bytes) -> None:
        """Add a file to the finished ZIP (the report, written after the checks)."""
        self.close()
        with zipfile.ZipFile(self.path, "a") as zf:
            zf.writestr(entry(name), data)

    def commit(self) -> Path:
        """Move the finished ZIP to ``out``."""
        self.close()
        os.replace(self.path, self.out)
        return self.out

    def discard(self) -> None:
        """Remove the temporary file (after an error)."""
        self.close()
        self.path.unlink(missing_ok=True)
