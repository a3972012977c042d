"""Places from positions (``engine/places.py``): location leaks, home, check-ins, the school gate and
places the family goes back to (no spaCy model needed)."""

from __future__ import annotations

from datetime import date, datetime

from kidsafe.engine import build_dossier
from kidsafe.engine.views import PostView, TextPart
from kidsafe.models import EvidenceSource, FactKind, GeoPoint, Post
from tests.engine_feeds import dossier, view

POOL = GeoPoint(-41.2706, 174.7800)
HOUSE = GeoPoint(-41.2950, 174.7700)


def check_in(pid: str, caption: str, when: str, place: str, point: GeoPoint) -> PostView:
    """A Facebook-like post: no photo position, a check-in at a named place."""
    moment = datetime.fromisoformat(when)
    post = Post(id=pid, caption=caption, posted_at=moment, place_name=place, place_gps=point)
    parts = (TextPart(caption, EvidenceSource.CAPTION), TextPart(place, EvidenceSource.SIDECAR))
    return PostView(post=post, parts=parts, local_time=moment, posted_local=moment, gps=point, gps_source=EvidenceSource.SIDECAR)


def photo(pid: str, caption: str, when: str, point: GeoPoint) -> PostView:
    moment = datetime.fromisoformat(when)
    post = Post(id=pid, caption=caption, posted_at=moment)
    return PostView(post=post, parts=(TextPart(caption, EvidenceSource.CAPTION),), local_time=moment, posted_local=moment, gps=point, gps_source=EvidenceSource.EXIF,
                    gps_photo=f"{pid}.jpg", has_photo=True)


NANA = GeoPoint(-41.3100, 174.8200)
PARK = GeoPoint(-41.2500, 174.7300)


def _returns(d):
    return [(f.value["role"], f.value["name"]) for f in d.facts_of_kind(FactKind.PLACE)]


def _at_home() -> list[PostView]:
    return [photo(f"h{day}", "Bedtime stories", f"2024-10-{day:02d} 19:30", HOUSE) for day in range(1, 8)]


def test_engine_location_leak_per_geotagged_post():
    d = dossier(view("1", "park", gps=(48.8566, 2.3522)), view("2", "park again"))
    leaks = d.facts_of_kind(FactKind.LOCATION_LEAK)
    assert [f.posts for f in leaks] == [("1",)]


def test_engine_packed_lunchboxes_are_no_holiday():
    school, home = (-37.5610, 143.8560), (-37.5500, 143.8400)
    d = dossier(view("1", "Our girl Esme is 5 today 🎂", "2024-03-01 19:00", gps=home),
                view("2", "pizza night at home", "2024-03-08 19:00", gps=home),
                view("3", "First day at Wattlebird Primary! lunchboxes packed, hats on", "2025-01-30 08:40", gps=school))
    places = d.facts_of_kind(FactKind.PLACE)
    assert any(f.value.get("role") == "school" for f in places)


def test_engine_evening_check_ins_at_a_pool_are_not_home():
    views = [check_in(str(i), "Swim squad again", f"2024-10-{day:02d} 17:30", "Harbourside Aquatic Centre", POOL)
             for i, day in enumerate((1, 8, 15, 22), 1)]
    d = build_dossier(views, as_of=date(2025, 1, 1))
    assert not d.facts_of_kind(FactKind.HOME)
    routines = d.facts_of_kind(FactKind.ROUTINE)
    assert [(f.value["weekday"], f.value["time"]) for f in routines] == [("Tuesday", "17:30")]


def test_engine_home_still_comes_from_photos_beside_check_ins():
    views = [check_in(str(i), "Swim squad again", f"2024-10-{day:02d} 17:30", "Harbourside Aquatic Centre", POOL)
             for i, day in enumerate((1, 8, 15, 22), 1)]
    views += [photo(f"h{i}", "Bedtime stories", f"2024-10-{day:02d} 19:30", HOUSE) for i, day in enumerate((3, 4, 5))]
    d = build_dossier(views, as_of=date(2025, 1, 1))
    (home,) = {(f.value["lat"], f.value["lon"]) for f in d.facts_of_kind(FactKind.HOME)}
    assert abs(home[0] - HOUSE.lat) < 0.001 and abs(home[1] - HOUSE.lon) < 0.001


def test_engine_a_check_in_named_home_can_be_home():
    views = [check_in(str(i), "Cosy night in", f"2024-10-{day:02d} 19:30", "Home Sweet Home", HOUSE)
             for i, day in enumerate((1, 2, 3), 1)]
    d = build_dossier(views, as_of=date(2025, 1, 1))
    assert len({(f.value["lat"], f.value["lon"]) for f in d.facts_of_kind(FactKind.HOME)}) == 1


def test_engine_a_place_photographed_in_two_weeks_is_a_place_the_family_returns_to():
    views = [photo("1", "Sunday lunch at Nana Sue's, worth it", "2024-05-12 13:40", NANA),
             photo("2", "Nana's garden is a theme park to these two", "2024-08-20 11:00", NANA),
             photo("3", "Ducks again", "2024-06-01 10:00", PARK), photo("4", "Swings!", "2024-09-14 10:30", PARK),
             *_at_home()]
    places = _returns(build_dossier(views, as_of=date(2025, 1, 1)))
    assert sorted(places, key=str) == sorted([("relative", "Nana Sue's"), ("other", None)], key=str)


def test_engine_a_picnic_with_a_grandparent_is_not_the_grandparents_place():
    views = [photo("1", "Picnic in the park with Grandma", "2024-05-12 13:40", PARK),
             photo("2", "Fun run day", "2024-08-20 11:00", PARK), *_at_home()]
    assert _returns(build_dossier(views, as_of=date(2025, 1, 1))) == [("other", None)]


def test_engine_two_photos_in_one_week_are_no_place_returned_to():
    views = [photo("1", "Ducks", "2024-06-03 10:00", PARK), photo("2", "More ducks", "2024-06-05 10:30", PARK),
             *_at_home()]
    assert _returns(build_dossier(views, as_of=date(2025, 1, 1))) == []
