"""What GPS gives away: a leak per geotagged post, the home from evening and weekend fixes, the
school's gate, places visited at the same weekday and hour week after week, and places the family
goes back to in other weeks (a grandparent's house, a favourite park)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from kidsafe import geo
from kidsafe.engine import lexicon as lx
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.text import contains_phrase, fold
from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY, Evidence, EvidenceSource, FactKind, GeoPoint

CLUSTER_RADIUS_M = 150.0
HOME_WORDS = lx.word_tuple("places", "home_words")
LEAK_ADVICE = "Remove the location from this photo before sharing (kidsafe's safe share strips it)."
LEAKS_ADVICE = "Remove the location from these photos before sharing (kidsafe's safe share strips it)."
"""The advice for many photos that carry their place, shown together."""
PLACE_ADVICE = "Remove the location from every photo taken there before sharing (kidsafe's safe share strips it)."
"""The advice for a place the photos give away (a school's, an activity's): one photo or many, not "this photo"."""
HOME_ADVICE = "Photos taken at home carry its GPS position: strip locations, or turn off camera location."


@dataclass(frozen=True, slots=True)
class Home:
    """The home position and the posts taken there."""

    point: GeoPoint
    posts: tuple[str, ...]


def _gps_evidence(view: PostView, why: str) -> Evidence:
    p = view.gps
    assert p is not None
    return Evidence(post=view.id, source=view.gps_source or EvidenceSource.EXIF,
                    excerpt=f"GPS {p.lat:.5f}, {p.lon:.5f}", explanation=why, photo=view.gps_photo)


def add_location_leaks(book: FactBook, views: Sequence[PostView]) -> None:
    """One location_leak fact for every post whose photo (or platform metadata) carries a position."""
    for view in views:
        if view.gps is not None:
            book.add(FactKind.LOCATION_LEAK, FAMILY, view.gps.as_dict(),
                     _gps_evidence(view, "the photo carries its GPS position" if view.gps_photo
                                   else "the post's check-in gives its place"), 0.99,
                     key=f"leak:{view.id}", advice=LEAK_ADVICE)


def _home_score(view: PostView) -> float:
    score = 0.0
    t = view.local_time
    if t is not None:
        if t.hour >= 17 or t.hour < 8:
            score += 1.0
        elif t.weekday() >= 5:
            score += 0.3
    if contains_phrase(view.all_folded, HOME_WORDS):
        score += 1.0
    return score


def _checked_in(view: PostView) -> bool:
    """Whether the post's position is a check-in at a named place (a pool, a school): not home,
    unless the place is named as one ("Home sweet home")."""
    name = view.post.place_name
    return view.gps_photo is None and bool(name) and view.post.place_gps == view.gps and not \
        contains_phrase(fold(name), ("home",))


def find_home(views: Sequence[PostView], holiday: set[str]) -> Home | None:
    """The cluster of fixes most like home: evenings, nights, weekends, home words; at least two posts."""
    located = [(v.id, v.gps) for v in views if v.gps is not None and v.id not in holiday and not _checked_in(v)]
    if not located:
        return None
    by_id = {v.id: v for v in views}
    best, best_score = None, 0.0
    for cluster in geo.cluster_points(located, radius_m=CLUSTER_RADIUS_M):
        if len(cluster.members) < 2:
            continue
        score = sum(_home_score(by_id[m]) for m in cluster.members) + 0.25 * len(cluster.members)
        if score > best_score:
            best, best_score = cluster, score
    if best is None or best_score < 1.5:
        return None
    return Home(point=best.centre, posts=tuple(best.members))


def add_home_fact(book: FactBook, views: Sequence[PostView], home: Home | None) -> None:
    """The home fact, with every post whose fix lies there as evidence."""
    if home is None:
        return
    by_id = {v.id: v for v in views}
    value = {**home.point.as_dict(), "radius_m": int(CLUSTER_RADIUS_M)}
    for post in home.posts:
        book.add(FactKind.HOME, FAMILY, value,
                 _gps_evidence(by_id[post], "taken at the place the family's evening and weekend photos cluster"),
                 0.45, key="home", advice=HOME_ADVICE)


@dataclass(frozen=True, slots=True)
class Recurrence:
    """Posts at one place on the same weekday and hour, week after week."""

    weekday: str
    time: str
    point: GeoPoint
    posts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Spot:
    """Photos taken at one place away from home (within ``CLUSTER_RADIUS_M`` of its centre)."""

    centre: GeoPoint
    views: tuple[PostView, ...]


def spots_away_from_home(views: Sequence[PostView], home: Home | None) -> list[Spot]:
    """The feed's positioned, dated photos not taken at home, grouped by place: the weekly places and
    the places returned to are both read from these, clustered once."""
    skip = set(home.posts) if home else set()
    located = [(v.id, v.gps) for v in views if v.gps is not None and v.local_time is not None and v.id not in skip]
    by_id = {v.id: v for v in views}
    return [Spot(c.centre, tuple(by_id[m] for m in c.members))
            for c in geo.cluster_points(located, radius_m=CLUSTER_RADIUS_M)]


def find_recurrences(spots: Sequence[Spot], holiday: set[str], min_weeks: int = 3) -> list[Recurrence]:
    """Same place, same weekday, within an hour, in at least ``min_weeks`` different weeks."""
    # a post that only looks like a holiday ("Evening stroll 🌴") still counts at a place the family
    # goes to in other, ordinary weeks; a holiday alone never makes a routine
    out = []
    for spot in spots:
        by_day: dict[int, list[PostView]] = defaultdict(list)
        for v in spot.views:
            by_day[v.local_time.weekday()].append(v)
        for day, members in by_day.items():
            minutes = sorted(v.local_time.hour * 60 + v.local_time.minute for v in members)
            mid = median(minutes)
            near = [v for v in members if abs(v.local_time.hour * 60 + v.local_time.minute - mid) <= 60]
            weeks = {v.local_time.isocalendar()[:2] for v in near}
            ordinary = {v.local_time.isocalendar()[:2] for v in near if v.id not in holiday}
            if len(weeks) >= min_weeks and len(ordinary) >= max(2, min_weeks - 1):
                t = int(median(v.local_time.hour * 60 + v.local_time.minute for v in near))
                out.append(Recurrence(weekday=near[0].weekday or "", time=f"{t // 60:02d}:{t % 60:02d}",
                                      point=spot.centre, posts=tuple(v.id for v in near)))
    return out


def add_place_facts(book: FactBook, family: Family, views: Sequence[PostView], home: Home | None,
                    school_posts: dict[str, str], recurrences: Sequence[Recurrence], holiday: set[str]
                    ) -> list[GeoPoint]:
    """Places that matter to a stranger: the school gate and the weekly activity. Returns where each
    place fact stands (a school's is its first photo's position), for the places returned to."""
    by_id = {v.id: v for v in views}
    told: dict[str, GeoPoint] = {}
    for post, school in school_posts.items():
        view = by_id.get(post)
        if not school or view is None or view.gps is None or post in holiday:
            continue
        if home and geo.distance_m(home.point, view.gps) < 2 * CLUSTER_RADIUS_M:
            continue
        value = {"name": school, **view.gps.as_dict(), "role": "school"}
        book.add(FactKind.PLACE, family.about_most([view]), value,
                 _gps_evidence(view, f"a photo at {school}, with its position"), 0.7,
                 key=f"place:school:{school}", advice=PLACE_ADVICE)
        told.setdefault(f"school:{school}", GeoPoint(value["lat"], value["lon"]))
    for rec in recurrences:
        members = [by_id[p] for p in rec.posts]
        value = {"name": None, **rec.point.as_dict(), "role": "activity"}
        for view in members:
            book.add(FactKind.PLACE, family.about_most(members), value,
                     _gps_evidence(view, f"one of several {rec.weekday} photos at this place"), 0.5,
                     key=f"place:activity:{rec.point.lat:.4f},{rec.point.lon:.4f}", advice=PLACE_ADVICE)
        told.setdefault(f"activity:{rec.point.lat:.4f},{rec.point.lon:.4f}", GeoPoint(value["lat"], value["lon"]))
    return list(told.values())


_KIN_POSSESSIVE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, lx.word_set("people", "kin_titles")), key=len, reverse=True))
                             + r")'s\b")


def find_returns(spots: Sequence[Spot], home: Home | None, holiday: set[str],
                 known: Sequence[GeoPoint] = (), min_weeks: int = 2) -> list[Spot]:
    """Places photographed in at least ``min_weeks`` ordinary (not holiday) weeks, away from home and
    from the places already told (``known``: the school gate, the weekly activity); each with its photos
    of ordinary weeks."""
    out = []
    for spot in spots:
        if home and geo.distance_m(home.point, spot.centre) < 2 * CLUSTER_RADIUS_M:
            continue
        if any(geo.distance_m(p, spot.centre) < 2 * CLUSTER_RADIUS_M for p in known):
            continue
        ordinary = [v for v in spot.views if v.id not in holiday]
        if len({v.local_time.isocalendar()[:2] for v in ordinary}) >= min_weeks:
            out.append(Spot(spot.centre, tuple(ordinary)))
    return out


def _relative_there(family: Family, members: Sequence[PostView]) -> str | None:
    """The relative whose place the posts there say it is ("at Nana Sue's"), "" for a kin word alone
    ("Nana's garden"), None when they say it is nobody's: a picnic with Grandma in a park is no
    relative's place."""
    texts = [v.all_folded.replace("’", "'") for v in members]
    posts = {v.id for v in members}
    for person in family.cast.people:
        if person.role == "relative" and posts & set(person.posts):
            owners = {fold(person.label), fold(person.name)}
            if any(f"{owner}'s" in text for owner in owners for text in texts):
                return person.label
    return "" if any(_KIN_POSSESSIVE.search(text) for text in texts) else None


def add_return_facts(book: FactBook, family: Family, returns: Sequence[Spot]) -> None:
    """A place fact for each place the family goes back to: a relative's when the posts there name one."""
    for spot in returns:
        members = spot.views
        relative = _relative_there(family, members)
        name = f"{relative}'s" if relative else None
        value = {"name": name, **spot.centre.as_dict(), "role": "relative" if relative is not None else "other"}
        why = (f"photos at {name} on {len(members)} different days" if name
               else f"photos at this place on {len(members)} different days")
        for view in members:
            book.add(FactKind.PLACE, family.about_most(members), value, _gps_evidence(view, why), 0.5,
                     key=f"place:return:{spot.centre.lat:.4f},{spot.centre.lon:.4f}", advice=PLACE_ADVICE)
