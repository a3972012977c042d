"""Small helpers the format readers share: JSON loading, mojibake, times, GPS, ids and the Reading."""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kidsafe.errors import IngestError
from kidsafe.ingest.source import FeedSource
from kidsafe.models import FeedWarning, GeoPoint, Post

logger = logging.getLogger(__name__)

MAX_JSON_DEPTH = 64
MAX_INT_DIGITS = 40
LATEST_TS = 32_503_680_000  # year 3000: anything later is not a real timestamp
MS_TS = 100_000_000_000  # above this, a timestamp is in milliseconds


def fix_text(value: str) -> str:
    """Undo Meta's mojibake (UTF-8 bytes stored as latin-1 code points) where that decodes cleanly."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def repair(obj: Any, depth: int = 0) -> Any:
    """``fix_text`` on every string of a JSON value; ValueError when nested too deeply."""
    if depth > MAX_JSON_DEPTH:
        raise ValueError("nested too deeply")
    if isinstance(obj, str):
        return fix_text(obj)
    if isinstance(obj, list):
        return [repair(v, depth + 1) for v in obj]
    if isinstance(obj, dict):
        return {str(k): repair(v, depth + 1) for k, v in obj.items()}
    return obj


def decode_text(data: bytes) -> tuple[str, bool]:
    """Text of a JSON file (UTF-8, BOMs honoured); the flag is False when bytes had to be replaced."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), True
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), False


def _small_int(digits: str) -> int | None:
    """An integer of sane length; None for a huge one (which would be refused or slow to convert)."""
    return int(digits) if len(digits) <= MAX_INT_DIGITS else None


def load_json(source: FeedSource, name: str, warnings: list[FeedWarning], *, mojibake: bool = False) -> Any:
    """The parsed (and, for Meta exports, repaired) JSON of one file, or None with a warning."""
    try:
        text, clean = decode_text(source.read(name))
        if not clean:
            warnings.append(FeedWarning(name, "not valid UTF-8; unreadable characters replaced"))
        value = json.loads(text, parse_int=_small_int, parse_constant=lambda _: None)
        if value is None:  # a literal null: keep None for "could not be read", report the shape instead
            value = {}
        return repair(value) if mojibake else value
    except IngestError as exc:
        warnings.append(FeedWarning(name, str(exc)))
    except RecursionError:
        warnings.append(FeedWarning(name, "JSON nested too deeply; file skipped"))
    except ValueError as exc:
        what = "nested too deeply" if "nested" in str(exc) else "not valid JSON"
        warnings.append(FeedWarning(name, f"{what}; file skipped"))
    return None


def as_list(value: Any) -> list[Any]:
    """``value`` if it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` if it is a dict, else an empty dict."""
    return value if isinstance(value, dict) else {}


def as_text(value: Any) -> str:
    """``value`` stripped if it is a string, else ''."""
    return value.strip() if isinstance(value, str) else ""


def as_number(value: Any) -> float | None:
    """A finite number from an int, float or numeric string; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:
            return None
        return number if math.isfinite(number) else None
    return None


def utc(value: Any) -> datetime | None:
    """A Unix timestamp (seconds, or milliseconds) as an aware UTC datetime, or an ISO 8601 date-time some tools
    write in its place (``_iso_stamp``: naive when it names no offset); None if absent or absurd."""
    ts = as_number(value)
    if ts is None and isinstance(value, str) and value.strip():
        return _iso_stamp(value)
    if ts is None or ts <= 0:
        return None
    if ts > MS_TS:
        ts /= 1000
    if ts > LATEST_TS:
        return None
    return datetime.fromtimestamp(ts, tz=UTC)


def _iso_stamp(text: str) -> datetime | None:
    """An ISO 8601 date-time in place of a timestamp: aware when it names its offset; naive, as the family's own
    clock, when it does not ("2024-03-09" is that day where they live, not 8 March in New York); None before 1970
    (Unix time 0, the mark of a missing time) or after the year 3000."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except (ValueError, OverflowError):
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    seconds = when.replace(tzinfo=UTC).timestamp()
    return when if 0 < seconds <= LATEST_TS else None


def iso_utc(value: Any) -> datetime | None:
    """An ISO 8601 date-time (``2018-09-20T03:40:04+00:00``; UTC when it names no offset) as aware UTC."""
    try:
        when = datetime.fromisoformat(as_text(value).replace("Z", "+00:00"))
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def exif_time(value: Any) -> datetime | None:
    """An EXIF-style local time (``2024:05:11 09:00:00``) as a naive datetime."""
    text = as_text(value)
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text[:19], fmt)
        except ValueError:
            continue
    return None


def point(lat: Any, lon: Any) -> GeoPoint | None:
    """A GeoPoint from latitude/longitude, or None when missing, out of range or exactly 0,0."""
    la, lo = as_number(lat), as_number(lon)
    if la is None or lo is None or (la == 0 and lo == 0):
        return None
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        return None
    return GeoPoint(la, lo)


def photo_exif(medium: dict[str, Any]) -> dict[str, Any]:
    """A Meta export photo's metadata: ``photo_metadata`` itself (2018-2020 exports), then its ``exif_data`` items."""
    photo_metadata = as_dict(as_dict(medium.get("media_metadata")).get("photo_metadata"))
    exif = {k: v for k, v in photo_metadata.items() if k != "exif_data"}
    raw = photo_metadata.get("exif_data")
    for part in as_list(raw) or [raw]:
        exif.update(as_dict(part))
    return exif



class IdAllocator:
    """Hands out post ids, making a repeated id unique with a `` (2)`` suffix."""

    def __init__(self) -> None:
        """Start with no ids taken."""
        self._taken: set[str] = set()

    def take(self, wanted: str) -> str:
        """``wanted`` if free, else the first free ``wanted (n)``."""
        candidate, n = wanted, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{wanted} ({n})"
        self._taken.add(candidate)
        return candidate


def ts_id(value: Any) -> str | None:
    """The id of a post without photos: its creation timestamp in whole seconds, as a string."""
    when = utc(value)
    return str(int(when.timestamp())) if when else None


def text_post(text: str, when: Any, platform: str) -> Post:
    """A post without photos (a comment, a video's caption), its id the timestamp ``when``."""
    return Post(ts_id(when) or "comment", text, utc(when), (), platform)


@dataclass
class Reading:
    """What a format reader found: posts, warnings, and the files it used (the rest is summarised)."""

    posts: list[Post] = field(default_factory=list)
    warnings: list[FeedWarning] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    comments: int = 0  # posts that are the owner's comments (for the reader report)
    holder: str = ""  # the account holder's name, as the export gives it ("" when it gives none)

    def warn(self, file: str, message: str) -> None:
        """Record a problem with one file."""
        self.warnings.append(FeedWarning(file, message))

    @contextmanager
    def guard(self, name: str) -> Iterator[None]:
        """Turn any failure while reading ``name`` into a warning, so the other files are still read."""
        try:
            yield
        except IngestError as exc:
            self.warn(name, str(exc))
        except RecursionError:
            self.warn(name, "nested too deeply; the rest of this file skipped")
        except Exception as exc:  # noqa: BLE001 (one odd file must never stop the audit)
            logger.warning("reading %s failed: %s", name, type(exc).__name__)
            self.warn(name, "could not be read; the rest of this file skipped")


def entries(data: Any, name: str, reading: Reading, keys: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The list of objects a JSON file holds: the top-level list, or the list under one of ``keys``."""
    if data is None:
        return []
    if isinstance(data, dict):
        found = next((data[k] for k in keys if isinstance(data.get(k), list)), None)
        data = found if found is not None else next((v for v in data.values() if isinstance(v, list)), None)
    if not isinstance(data, list):
        reading.warn(name, "not the expected list of posts; file skipped")
        return []
    objects = [item for item in data if isinstance(item, dict)]
    if len(objects) < len(data):
        reading.warn(name, f"{len(data) - len(objects)} entries are not posts; skipped")
    return objects


def missing_photos(n: int) -> str:
    """The warning for an export file naming ``n`` photos the export does not hold."""
    named = "1 photo named here is" if n == 1 else f"{n} photos named here are"
    return (f"{named} missing from the export; an export that came in several parts keeps some photos in another "
            "part: add every part together")
