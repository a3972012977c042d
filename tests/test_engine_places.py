"""The engine's places from positions: home, check-ins and weekly places (no spaCy model needed)."""

from __future__ import annotations

from datetime import date, datetime

from kidsafe.engine import build_dossier
from kidsafe.engine.views import PostView, TextPart
from kidsafe.models import EvidenceSource, FactKind, GeoPoint, Post

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
