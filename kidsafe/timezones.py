"""The local time zone of a feed, offline: from where its photos were taken.

Platform exports (Instagram, Facebook, Google Takeout) stamp posts in UTC, but a child's week
happens in local time, summer time included: swimming at 16:00 in July is 15:00 UTC in London.
The zone is the IANA zone whose boundary holds the feed's typical position (tzfpy's offline
boundary data); without it, the zone of that position's country (from the offline gazetteer) whose
principal city in tzdata's ``zone1970.tab`` is nearest, which errs near borders (Texas is nearer
Denver than Chicago).
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
import math
import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone, tzinfo
from statistics import median
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kidsafe import geo
from kidsafe.models import GeoPoint

log = logging.getLogger(__name__)
ZONE_TABLE = ("tzdata", "zoneinfo", "zone1970.tab")
_ISO6709 = re.compile(r"^([+-]\d{4,6})([+-]\d{5,7})$")

Zone = tuple[frozenset[str], float, float, str]
"""One row of the zone table: country codes, latitude and longitude of its principal city, IANA name."""


def feed_zone(points: Sequence[GeoPoint]) -> tzinfo | None:
    """The time zone where the feed's photos were mostly taken; None without any position.

    The typical position is the median latitude and longitude (holidays are the minority). Without
    the zone table, the offset is guessed from the longitude (15 degrees an hour, no summer time).
    """
    if not points:
        return None
    typical = GeoPoint(median(p.lat for p in points), median(p.lon for p in points))
    zone = zone_at(typical)
    if zone is not None:
        return zone
    return timezone(timedelta(hours=round(typical.lon / 15)))


def zone_at(point: GeoPoint) -> ZoneInfo | None:
    """The IANA time zone at ``point``, or None when unknown."""
    name = _boundary_zone(point)
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            log.debug("time zone boundary names a zone tzdata lacks")
    return nearest_country_zone(point)


def _boundary_zone(point: GeoPoint) -> str | None:
    """The name of the zone whose boundary holds ``point`` (tzfpy, offline), or None."""
    try:
        from tzfpy import get_tz
    except ImportError:
        return None
    try:
        return get_tz(point.lon, point.lat) or None
    except (ValueError, TypeError):  # an invalid position
        return None


def nearest_country_zone(point: GeoPoint) -> ZoneInfo | None:
    """The zone of ``point``'s country whose principal city is nearest it (the fallback)."""
    zones = _zones()
    if not zones:
        return None
    place = geo.nearest_place(point)
    country = place.country_code if place else ""
    candidates = [z for z in zones if country in z[0]] or list(zones)
    best = min(candidates, key=lambda z: _angle(point.lat, point.lon, z[1], z[2]))
    try:
        return ZoneInfo(best[3])
    except (ZoneInfoNotFoundError, ValueError):
        return None


def to_local(moment: datetime | None, zone: tzinfo | None) -> datetime | None:
    """An aware ``moment`` as the naive wall-clock time in ``zone`` (in UTC without one); a naive one as it is."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(zone or timezone.utc).replace(tzinfo=None)


@functools.cache
def _zones() -> tuple[Zone, ...]:
    try:
        resource = importlib.resources.files(ZONE_TABLE[0]).joinpath(*ZONE_TABLE[1:])
        text = resource.read_text(encoding="utf-8")
    except (ImportError, OSError) as exc:
        log.warning("time zone table unavailable (%s): times are placed by longitude", type(exc).__name__)
        return ()
    rows = []
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 3:
            continue
        position = _ISO6709.match(fields[1])
        if position is None:
            continue
        lat, lon = (_degrees(part) for part in position.groups())
        rows.append((frozenset(fields[0].split(",")), lat, lon, fields[2]))
    return tuple(rows)


def _degrees(value: str) -> float:
    """Signed degrees from ISO 6709 ±DDMM[SS] or ±DDDMM[SS]."""
    sign = -1.0 if value[0] == "-" else 1.0
    digits = value[1:]
    head = 2 if len(digits) in (4, 6) else 3
    degrees, rest = int(digits[:head]), digits[head:]
    minutes = int(rest[:2])
    seconds = int(rest[2:4]) if len(rest) >= 4 else 0
    return sign * (degrees + minutes / 60 + seconds / 3600)


def _angle(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The angle between two points on the sphere (radians): enough to rank distances."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    cos = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return math.acos(max(-1.0, min(1.0, cos)))
