"""kidsafe.geo: offline nearest town, gazetteer lookups, distances, clusters; online only when asked."""

from __future__ import annotations

import math
import random
import socket

import numpy as np
import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut

from kidsafe import geo
from kidsafe.geo import (
    Cluster,
    OnlineGeocoder,
    Place,
    cluster_points,
    distance_m,
    fold_keys,
    fold_name,
    nearest_place,
    places_named,
)
from kidsafe.models import GeoPoint


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Every test here runs with sockets refused: geography is offline."""

    def refuse(*args, **kwargs):
        raise AssertionError("network use in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _offset(p: GeoPoint, north_m: float = 0.0, east_m: float = 0.0) -> GeoPoint:
    """A point moved by metres north and east (small offsets)."""
    dlat = north_m / 111_320.0
    dlon = east_m / (111_320.0 * math.cos(math.radians(p.lat)))
    return GeoPoint(p.lat + dlat, p.lon + dlon)


def _brute_force_nearest(p: GeoPoint) -> tuple[str, float]:
    """The gazetteer's nearest place by haversine over every row, and its distance in metres."""
    gaz = geo._load_gazetteer()
    lat1, lon1 = math.radians(p.lat), math.radians(p.lon)
    lat2, lon2 = np.radians(gaz.lat), np.radians(gaz.lon)
    a = np.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    d = 2 * geo.EARTH_RADIUS_M * np.arcsin(np.sqrt(a))
    i = int(np.argmin(d))
    return gaz.rows[i][0], float(d[i])


# --- nearest_place --------------------------------------------------------------------------------

CITY_CASES = [
    # (lat, lon, expected name, country): centres of big world cities
    (35.6895, 139.6917, "Tokyo", "JP"),
    (-33.8688, 151.2093, "Sydney", "AU"),
    (40.7128, -74.0060, "New York City", "US"),
    (-1.2864, 36.8172, "Nairobi", "KE"),
    (61.2181, -149.9003, "Anchorage", "US"),
    (-33.9249, 18.4241, "Cape Town", "ZA"),
    (55.7558, 37.6173, "Moscow", "RU"),
    (19.0760, 72.8777, "Mumbai", "IN"),
    (59.9139, 10.7522, "Oslo", "NO"),
    (-18.1248, 178.4501, "Suva", "FJ"),
]


@pytest.mark.parametrize(("lat", "lon", "name", "country"), CITY_CASES, ids=[c[2] for c in CITY_CASES])
def test_geo_nearest_place_of_big_cities(lat, lon, name, country):
    place = nearest_place(GeoPoint(lat, lon))
    assert place is not None
    assert (place.name, place.country_code) == (name, country)
    assert distance_m(GeoPoint(lat, lon), place.point) < 5_000


def test_geo_nearest_place_fields():
    place = nearest_place(GeoPoint(35.6895, 139.6917))
    assert isinstance(place, Place)
    assert place.admin1 == "Tokyo"
    assert place.lat == pytest.approx(35.6895, abs=0.01) and place.lon == pytest.approx(139.6917, abs=0.01)


@pytest.mark.parametrize(
    "point",
    [GeoPoint(69.65, 18.96), GeoPoint(64.2, -51.7), GeoPoint(78.22, 15.65), GeoPoint(-16.78, 179.99),
     GeoPoint(-16.78, -179.99), GeoPoint(62.0, 25.0), GeoPoint(-54.8, -68.3), GeoPoint(0.0, 0.0),
     # where nearest-by-degrees (reverse_geocoder's own search) picks a town twice as far
     GeoPoint(63.01, 10.62), GeoPoint(69.73, 18.26)],
)
def test_geo_nearest_place_is_truly_nearest_at_high_latitudes_and_antimeridian(point):
    place = nearest_place(point)
    name, best = _brute_force_nearest(point)
    assert place is not None
    assert distance_m(point, place.point) <= best * 1.01 + 1, (place.name, name)


def test_geo_nearest_place_max_distance():
    open_ocean = GeoPoint(-30.0, -130.0)
    assert nearest_place(open_ocean) is not None
    assert nearest_place(open_ocean, max_distance_m=50_000) is None
    assert nearest_place(GeoPoint(35.6895, 139.6917), max_distance_m=5_000).name == "Tokyo"


@pytest.mark.parametrize(
    "point",
    [GeoPoint(float("nan"), 1.0), GeoPoint(95.0, 1.0), GeoPoint(10.0, 181.0), GeoPoint(1.0, float("inf")), None],
)
def test_geo_nearest_place_invalid_point(point):
    assert nearest_place(point) is None


def test_geo_table_is_loaded_once():
    assert geo._load_gazetteer() is geo._load_gazetteer()
    assert len(geo._load_gazetteer().rows) > 100_000


# --- places_named ----------------------------------------------------------------------------------

NAME_CASES = [
    # (query, a (name, country) that must be among the answers)
    ("Zürich", ("Zurich", "CH")),
    ("ZURICH", ("Zurich", "CH")),
    ("zurich", ("Zurich", "CH")),
    ("Köln", ("Koeln", "DE")),
    ("koeln", ("Koeln", "DE")),
    ("Malmö", ("Malmoe", "SE")),
    ("Düsseldorf", ("Dusseldorf", "DE")),
    ("São Paulo", ("Sao Paulo", "BR")),
    ("Saint-Étienne", ("Saint-Etienne", "FR")),
    ("saint etienne", ("Saint-Etienne", "FR")),
    ("  Cape   Town ", ("Cape Town", "ZA")),
    ("Kraków", ("Krakow", "PL")),
    ("Århus", ("Arhus", "DK")),
]


@pytest.mark.parametrize(("query", "expected"), NAME_CASES, ids=[c[0] for c in NAME_CASES])
def test_geo_places_named_folds_accents_case_and_punctuation(query, expected):
    found = {(p.name, p.country_code) for p in places_named(query)}
    assert expected in found


def test_geo_places_named_homonyms_and_misses():
    springfields = places_named("Springfield")
    assert len(springfields) >= 10
    assert {p.country_code for p in springfields} >= {"US"}
    assert all(fold_name(p.name) == "springfield" for p in springfields)
    assert places_named("Qxzzyvv") == ()
    assert places_named("") == ()
    assert places_named("  --  ") == ()


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Zürich", "zurich"),
        ("Saint-Étienne", "saint etienne"),
        ("L'Aquila", "l aquila"),
        ("Straße", "strasse"),
        ("Ærøskøbing", "aeroskobing"),
        ("Łódź", "lodz"),
        ("  New   York ", "new york"),
        ("", ""),
    ],
)
def test_geo_fold_name(name, folded):
    assert fold_name(name) == folded


def test_geo_fold_keys_add_transliterated_spelling():
    assert fold_keys("Göteborg") == ("goteborg", "goeteborg")
    assert fold_keys("Paris") == ("paris",)
    assert fold_keys("") == ()


# --- distance_m ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("a", "b", "metres", "tolerance"),
    [
        (GeoPoint(0, 0), GeoPoint(1, 0), 110_574, 2),  # one degree of latitude at the equator (WGS84)
        (GeoPoint(0, 0), GeoPoint(0, 1), 111_319, 2),  # one degree of longitude at the equator
        (GeoPoint(51.5074, -0.1278), GeoPoint(48.8566, 2.3522), 343_923, 50),  # London - Paris
        (GeoPoint(10, 20), GeoPoint(10, 20), 0, 0),
        (GeoPoint(0, 179.9995), GeoPoint(0, -179.9995), 111, 1),  # across the antimeridian
    ],
)
def test_geo_distance_m(a, b, metres, tolerance):
    assert distance_m(a, b) == pytest.approx(metres, abs=tolerance)
    assert distance_m(b, a) == pytest.approx(distance_m(a, b))


# --- cluster_points --------------------------------------------------------------------------------

HOME = GeoPoint(48.2082, 16.3738)


def _ids(clusters: list[Cluster]) -> list[tuple[str, ...]]:
    return [c.members for c in clusters]


CLUSTER_CASES = [
    ("empty", [], 150, []),
    ("single", [("a", HOME)], 150, [("a",)]),
    (
        "home-and-away",
        [("a", HOME), ("far", _offset(HOME, 5_000)), ("b", _offset(HOME, 40, 30)), ("c", _offset(HOME, -60))],
        150,
        [("a", "b", "c"), ("far",)],
    ),
    (
        "chain-every-100m",
        [(f"p{i}", _offset(HOME, east_m=100 * i)) for i in range(5)],
        150,
        [("p0", "p1", "p2"), ("p3", "p4")],
    ),
    (
        "radius-separates",
        [("a", HOME), ("b", _offset(HOME, 120))],
        100,
        [("a",), ("b",)],
    ),
    (
        "densest-first",
        [("x", _offset(HOME, 3_000)), ("y", _offset(HOME, 3_010)), ("a", HOME), ("b", _offset(HOME, 5)),
         ("c", _offset(HOME, -5))],
        150,
        [("a", "b", "c"), ("x", "y")],
    ),
    (
        "antimeridian",
        [("w", GeoPoint(-17.0, 179.9995)), ("e", GeoPoint(-17.0, -179.9995))],
        150,
        [("w", "e")],
    ),
    (
        "invalid-points-left-out",
        [("a", HOME), ("nan", GeoPoint(float("nan"), 0.0)), ("bad", GeoPoint(123.0, 0.0))],
        150,
        [("a",)],
    ),
]


@pytest.mark.parametrize(("case", "items", "radius", "expected"), CLUSTER_CASES, ids=[c[0] for c in CLUSTER_CASES])
def test_geo_cluster_points(case, items, radius, expected):
    clusters = cluster_points(items, radius_m=radius)
    assert _ids(clusters) == expected, case
    by_id = dict(items)
    for cluster in clusters:
        for member in cluster.members:
            assert distance_m(cluster.centre, by_id[member]) <= 2 * radius


def test_geo_cluster_centre_is_the_mean_and_crosses_the_antimeridian():
    (cluster,) = cluster_points([("w", GeoPoint(-17.0, 179.9995)), ("e", GeoPoint(-17.0, -179.9995))])
    assert cluster.centre.lat == pytest.approx(-17.0, abs=1e-6)
    assert abs(cluster.centre.lon) == pytest.approx(180.0, abs=1e-6)
    (home,) = cluster_points([("a", _offset(HOME, 20)), ("b", _offset(HOME, -20))])
    assert distance_m(home.centre, HOME) < 1


def test_geo_cluster_points_is_deterministic_and_order_free_without_ties():
    rnd = random.Random(7)
    centres = [HOME, _offset(HOME, 2_000), _offset(HOME, 0, 9_000)]
    items = [(f"{k}-{i}", _offset(c, rnd.uniform(-40, 40), rnd.uniform(-40, 40)))
             for k, c in enumerate(centres) for i in range(k + 2)]
    first = cluster_points(items)
    assert cluster_points(list(items)) == first
    shuffled = items[:]
    rnd.shuffle(shuffled)
    assert sorted(map(sorted, _ids(cluster_points(shuffled)))) == sorted(map(sorted, _ids(first)))
    assert [len(c.members) for c in first] == [4, 3, 2]


def test_geo_cluster_points_rejects_bad_radius():
    with pytest.raises(ValueError, match="radius_m"):
        cluster_points([("a", HOME)], radius_m=0)


# --- OnlineGeocoder: never contacted in tests; a fake geolocator stands in ------------------------

class _FakeLocation:
    def __init__(self, lat: float, lon: float, address: dict | None = None):
        self.latitude, self.longitude = lat, lon
        self.raw = {"address": address or {}}


class _FakeGeolocator:
    def __init__(self, answer=None, error: Exception | None = None):
        self.answer, self.error, self.calls = answer, error, []

    def reverse(self, query, **kwargs):
        self.calls.append(("reverse", query))
        if self.error:
            raise self.error
        return self.answer

    def geocode(self, query, **kwargs):
        self.calls.append(("geocode", query))
        if self.error:
            raise self.error
        return self.answer


def test_geo_online_reverse_parses_and_caches():
    fake = _FakeGeolocator(_FakeLocation(1.5, 2.5, {"town": "Sometown", "state": "Region", "county": "District",
                                                     "country_code": "xx"}))
    online = OnlineGeocoder(geolocator=fake, min_delay_seconds=0)
    place = online.reverse(GeoPoint(1.5, 2.5))
    assert place == Place("Sometown", "Region", "District", "XX", 1.5, 2.5)
    assert online.reverse(GeoPoint(1.5, 2.5)) == place
    assert len(fake.calls) == 1


@pytest.mark.parametrize("error", [GeocoderServiceError("down"), GeocoderTimedOut("slow")])
def test_geo_online_errors_give_none_and_are_not_cached(error):
    fake = _FakeGeolocator(error=error)
    online = OnlineGeocoder(geolocator=fake, min_delay_seconds=0)
    assert online.reverse(GeoPoint(1.0, 2.0)) is None
    assert online.locate("Somewhere") is None
    assert online.reverse(GeoPoint(1.0, 2.0)) is None
    assert len(fake.calls) == 3


def test_geo_online_locate_and_empty_answers():
    online = OnlineGeocoder(geolocator=_FakeGeolocator(_FakeLocation(3.0, 4.0)), min_delay_seconds=0)
    assert online.locate("Some Place") == GeoPoint(3.0, 4.0)
    assert online.reverse(GeoPoint(3.0, 4.0)) is None  # no town in the address
    assert online.locate("   ") is None
    assert online.reverse(GeoPoint(float("nan"), 0)) is None


def test_geo_online_default_is_nominatim_with_custom_user_agent(monkeypatch):
    made = []

    class RecordingNominatim(_FakeGeolocator):
        def __init__(self, user_agent, timeout):
            super().__init__()
            made.append(user_agent)

    monkeypatch.setattr("geopy.geocoders.Nominatim", RecordingNominatim)
    OnlineGeocoder()
    assert made == [geo.NOMINATIM_USER_AGENT]
    assert not geo.NOMINATIM_USER_AGENT.startswith("geopy")


def test_geo_offline_functions_never_construct_online_geocoder(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("online geocoder constructed")

    monkeypatch.setattr("geopy.geocoders.Nominatim", forbidden)
    monkeypatch.setattr(geo.OnlineGeocoder, "__init__", forbidden)
    assert nearest_place(GeoPoint(-33.8688, 151.2093)).name == "Sydney"
    assert places_named("Sydney")
    assert cluster_points([("a", HOME)])


def test_a_city_geonames_names_in_its_own_language_is_found_by_its_countys_name():
    from kidsafe import geo

    # GeoNames calls Galway "Gaillimh"; its county is "County Galway"
    assert geo.places_named("Galway") and geo.is_place_name("Galway")
    assert all(p.admin2 == "County Galway" for p in geo.places_named("Galway"))
    assert not geo.is_place_name("Qwxyzzy")


def test_a_renamed_city_is_found_by_either_name():
    from kidsafe import geo

    # GeoNames' cities1000 keeps one name: "Bangalore", "Cochin"; parents write "Bengaluru", "Kochi"
    assert [(p.name, p.admin1) for p in geo.places_named("Bengaluru")] == [("Bangalore", "Karnataka")]
    assert geo.is_place_name("kochi") and geo.places_named("Kochi") == geo.places_named("Cochin")


def test_every_other_name_points_at_a_gazetteer_place_it_does_not_shadow():
    from kidsafe import geo

    for other, name in geo._other_names().items():
        assert geo.places_named(name), f"{other} -> {name}: no such gazetteer name"
        assert set(geo.places_named(other)) >= set(geo.places_named(name)), other
