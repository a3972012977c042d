"""Where and when: the dossier's places as map points, and the posts' times as a weekday-by-hour grid."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from statistics import median

from kidsafe.engine.views import WEEKDAY_NAMES, PostView
from kidsafe.geo import distance_m
from kidsafe.models import FAMILY, Dossier, FactKind, GeoPoint
from kidsafe.report.plain import PLACE_ROLE_WORDS

#: Map roles in the order the legend lists them; each is drawn with its own shape as well as colour.
ROLES = ("home", "school", "activity", "place", "photo")
#: Places further than this from home (or from the middle of the places) are drawn apart: holidays, trips.
LOCAL_RADIUS_M = 30_000


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One place of the dossier on a map: what it is, whose it is, and where."""

    label: str
    role: str
    lat: float
    lon: float
    who: str
    posts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WeekCell:
    """How many posts show a moment on this weekday at this hour, and the routine seen there, if any."""

    weekday: str
    hour: int
    posts: int
    routine: str = ""


def _who(dossier: Dossier, subject_id: str) -> str:
    subject = dossier.subject(subject_id)
    if subject is None or subject.kind != "child":
        return "the family"
    return subject.name or subject.id


def _role(raw: object) -> str:
    role = str(raw or "place")
    return role if role in ROLES else "place"


def map_points(dossier: Dossier, *, photos: bool = True) -> tuple[MapPoint, ...]:
    """Home, schools, activity places and (with ``photos``) every photo's GPS position, as map points."""
    out: list[MapPoint] = []
    for fact in dossier.facts:
        v = fact.value
        if not isinstance(v, dict) or "lat" not in v or "lon" not in v:
            continue
        who = _who(dossier, fact.subject)
        if fact.kind is FactKind.HOME:
            radius = f" (within {v['radius_m']} m)" if v.get("radius_m") else ""
            out.append(MapPoint(f"Home{radius}", "home", v["lat"], v["lon"], who, fact.posts))
        elif fact.kind is FactKind.PLACE:
            role = _role(v.get("role"))
            said = PLACE_ROLE_WORDS.get(str(v.get("role")))  # a place gone back to: not "Zara's place place"
            name = v.get("name") or (said[:1].upper() + said[1:] if said else f"{who}'s {role} place")
            out.append(MapPoint(str(name), role, v["lat"], v["lon"], who, fact.posts))
        elif fact.kind is FactKind.LOCATION_LEAK and photos:
            out.append(MapPoint("A photo that carries its position", "photo", v["lat"], v["lon"], who, fact.posts))
    return tuple(out)


def split_local(points: Sequence[MapPoint], radius_m: float = LOCAL_RADIUS_M) -> tuple[tuple[MapPoint, ...],
                                                                                    tuple[MapPoint, ...]]:
    """The points near home (or near the middle of the places, without a home) and the ones far away."""
    if not points:
        return (), ()
    home = next((p for p in points if p.role == "home"), None)
    named = [p for p in points if p.role != "photo"] or list(points)
    centre = GeoPoint(home.lat, home.lon) if home else GeoPoint(median(p.lat for p in named),
                                                                median(p.lon for p in named))
    near = tuple(p for p in points if distance_m(centre, GeoPoint(p.lat, p.lon)) <= radius_m)
    far = tuple(p for p in points if p not in near)
    return near, far


def _hour(time: object) -> int | None:
    try:
        return int(str(time).split(":", 1)[0])
    except ValueError:
        return None


def _time_of_day_known(view: PostView) -> bool:
    """Whether the view's moment has a time of day: a post dated without one (a posts.csv date "2024-05-04") reads as
    exactly midnight, and counted there it would fill the grid's midnight column with posts of no known hour."""
    moment = view.local_time
    if moment is None:
        return False
    return moment.time() != time(0) or moment != view.posted_local


def week_grid(views: Sequence[PostView], dossier: Dossier | None = None) -> tuple[WeekCell, ...]:
    """Posts counted by weekday and hour of the moment they show; routines of the dossier marked.

    Only cells with a post or a routine are returned, weekdays Monday first, hours in order.
    """
    counts = Counter((v.local_time.weekday(), v.local_time.hour) for v in views if _time_of_day_known(v))
    routines: dict[tuple[int, int], list[str]] = {}
    for fact in dossier.facts_of_kind(FactKind.ROUTINE) if dossier else ():
        v = fact.value if isinstance(fact.value, dict) else {}
        day, hour = v.get("weekday"), _hour(v.get("time"))
        if day in WEEKDAY_NAMES and hour is not None:
            who = _who(dossier, fact.subject) if dossier else FAMILY
            what = v.get("activity") or v.get("place") or "the same place"
            routines.setdefault((WEEKDAY_NAMES.index(day), hour), []).append(f"{who}: {what}")
    cells = sorted(set(counts) | set(routines))
    return tuple(WeekCell(WEEKDAY_NAMES[d], h, counts.get((d, h), 0), "; ".join(routines.get((d, h), [])))
                 for d, h in cells)
