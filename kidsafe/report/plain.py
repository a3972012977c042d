"""Plain words for parents: places, times, lists and posts said as a person would, never as data.

A parent reads "a place 3.4 km north-west of home, near Killinghall", "Tuesday mornings around
9:30", "loves Bluey and dinosaurs" and "the post of 14 Sep 2024, “First day at big school…”".
Coordinates, clock strings and export file names stay in the JSON download and the details toggles.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from kidsafe import geo
from kidsafe.engine.text import day_part
from kidsafe.kinds import KINDS
from kidsafe.models import FAMILY, Dossier, Evidence, Fact, FactKind, GeoPoint
from kidsafe.report.summary import ACCOUNT_WORDS, describe_value

#: Within this distance of a known place (home, a school) a position is said to be "at" it.
AT_PLACE_M = 200
#: The gazetteer's nearest town or village is named only when it is this close.
NEAR_TOWN_M = 8_000
COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")
#: Lower-case favourites that are not counted ("loves football", not "footballs").
UNCOUNTED = frozenset({
    "art", "ballet", "baking", "basketball", "broccoli", "cake", "cheese", "chocolate", "cricket", "dance",
    "drawing", "football", "fruit", "gymnastics", "hockey", "ice cream", "karate", "lego", "minecraft",
    "music", "netball", "pasta", "pizza", "reading", "rugby", "sand", "snow", "sushi", "swimming", "tennis",
    "toast", "water", "yoga",
})
CAPTION_WORDS = 6


def join(items: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def plural(noun: str) -> str:
    """A favourite as a parent would say it after 'loves': 'dinosaurs', 'Bluey', 'football'."""
    word = noun.strip()
    if not word or word[:1].isupper() or word.casefold() in UNCOUNTED or word.endswith("ing"):
        return word
    if word.endswith("s") and not word.endswith(("ss", "us")):  # already plural
        return word
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def favourites(items: Sequence[str]) -> str:
    """'Bluey and dinosaurs' from ['Bluey', 'dinosaur'] (each said once)."""
    return join(list(dict.fromkeys(plural(str(i)) for i in items)))


def part_of_day(hour: int) -> str:
    """'mornings', 'afternoons', 'evenings' or 'nights'."""
    return day_part(hour) + "s"


def around(hour: int, minute: int) -> str:
    """A clock time rounded to the half hour, as people say it: '9:30', '4 o'clock' -> '4'."""
    total = round((hour * 60 + minute) / 30) * 30
    h, m = divmod(total % (24 * 60), 60)
    shown = h % 12 or 12
    return f"{shown}:{m:02d}" if m else f"{shown} o'clock"


def weekly_time(weekday: str | None, time: str | None) -> str:
    """'Tuesday mornings around 9:30' (or 'Tuesdays' without a time)."""
    day = str(weekday or "").strip()
    try:
        hour, minute = (int(x) for x in str(time).split(":")[:2])
    except ValueError:
        return f"{day}s" if day else "every week"
    if not day:
        return f"every week around {around(hour, minute)}"
    return f"{day} {part_of_day(hour)} around {around(hour, minute)}"


def distance(metres: float) -> str:
    """'400 m', '3.4 km', '62 km'."""
    if metres < 1000:
        return f"{max(50, round(metres / 50) * 50)} m"
    km = metres / 1000
    said = f"{km:.1f}".removesuffix(".0")  # "3 km", not "3.0 km"
    return f"{said} km" if km < 10 else f"{round(km)} km"


def compass(start: GeoPoint, end: GeoPoint) -> str:
    """The 8-point compass direction from ``start`` to ``end``."""
    north = end.lat - start.lat
    east = (end.lon - start.lon) * math.cos(math.radians((start.lat + end.lat) / 2))
    bearing = math.degrees(math.atan2(east, north)) % 360
    return COMPASS[round(bearing / 45) % 8]


def _point(value: Any) -> GeoPoint | None:
    if isinstance(value, dict) and isinstance(value.get("lat"), (int, float)) and isinstance(
            value.get("lon"), (int, float)):
        return GeoPoint(float(value["lat"]), float(value["lon"]))
    return None


class Places:
    """Says where a position is for one dossier: at home, at a named place, or how far from home."""

    def __init__(self, dossier: Dossier) -> None:
        home = next((f for f in dossier.facts if f.kind is FactKind.HOME), None)
        self.home = _point(home.value) if home else None
        self.home_radius = float(home.value.get("radius_m") or 0) if home and isinstance(home.value, dict) else 0
        town = next((f for f in dossier.facts if f.kind is FactKind.TOWN and f.subject == FAMILY), None)
        self.town = str(town.value) if town else ""
        self.named = [(str(f.value["name"]), p) for f in dossier.facts if f.kind is FactKind.PLACE
                      and isinstance(f.value, dict) and f.value.get("name") and (p := _point(f.value))]

    def near_town(self, point: GeoPoint) -> str:
        """'in Harrogate' or 'near Killinghall' (the gazetteer's nearest place), or '' when none is close."""
        try:
            place = geo.nearest_place(point, max_distance_m=NEAR_TOWN_M)
        except Exception:  # noqa: BLE001 - a missing gazetteer costs the town's name, never the page
            place = None
        if place is None:
            return f"in {self.town}" if self.town else ""
        return f"in {place.name}" if place.name == self.town else f"near {place.name}"

    def where(self, value: Any, *, by_name: bool = True) -> str:
        """A position in words: 'at home', 'at Oatlands Infant School', '3.4 km north-west of home, near X'.

        ``by_name=False`` says a named place by its distance from home (to tell where the place itself is).
        """
        point = _point(value)
        if point is None:
            return "somewhere on a map"
        if self.home is not None and geo.distance_m(self.home, point) <= max(AT_PLACE_M, self.home_radius):
            return "at home"
        for name, place in self.named if by_name else ():
            if geo.distance_m(place, point) <= AT_PLACE_M:
                return f"at {name}"
        town = self.near_town(point)
        if self.home is None:
            return town or "somewhere on a map"
        away = f"{distance(geo.distance_m(self.home, point))} {compass(self.home, point)} of home"
        return f"{away}, {town}" if town else away

    def home_words(self, value: Any) -> str:
        """'a spot in Harrogate, to within about 150 m' (the home itself, never its coordinates)."""
        point = _point(value)
        town = self.near_town(point) if point else ""
        radius = value.get("radius_m") if isinstance(value, dict) else None
        within = f", to within about {radius} m" if radius else ""
        return f"a spot {town}{within}" if town else f"a spot on a map{within}"


def _place_words(value: Any, places: Places) -> str | None:
    if not isinstance(value, dict):
        return None
    if value.get("name"):
        return str(value["name"])
    role = str(value.get("what") or value.get("role") or "")
    said = PLACE_ROLE_WORDS.get(role)
    if said is None:
        said = f"{'an' if role[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {role} place" if role else "a place"
    return f"{said}, {places.where(value)}"


#: How a place's role reads when the posts give the place no name.
PLACE_ROLE_WORDS = {"relative": "a relative's home", "other": "a place you go back to"}


def _weekly_words(value: Any, _: Places) -> str | None:
    if not isinstance(value, dict):
        return None
    what = value.get("activity") or value.get("place")
    return weekly_time(value.get("weekday"), value.get("time")) + (f": {what}" if what else "")


#: How a value of each shape (``Kind.value``) is said to a parent; the others as ``describe_value`` writes them.
SAYERS: dict[str, Callable[[Any, Places], str | None]] = {
    "home": lambda v, places: places.home_words(v),
    "gps": lambda v, places: f"taken {places.where(v)}",
    "place": _place_words,
    "weekly": _weekly_words,
    "loved": lambda v, _: plural(str(v)),
}


def fact_words(dossier: Dossier, fact: Fact, places: Places | None = None) -> str:
    """A fact's value as a parent reads it (no coordinates, no clock strings, no codes)."""
    say = SAYERS.get(KINDS[fact.kind].value)
    said = say(fact.value, places or Places(dossier)) if say else None
    return describe_value(fact) if said is None else said


def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """'1 face', '3 faces': a number and its noun, plural by an "s" unless the plural is given ("children")."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def posts_count(n: int) -> str:
    """'1 post', '4 posts'."""
    return counted(n, "post")


def long_date(day: date | datetime) -> str:
    """'1 June 2025': the day without a leading zero, as a person writes it."""
    return f"{day.day} {day:%B %Y}"


def sentence_start(words: str) -> str:
    """Words opening a line, with a capital ("The demo family", not "the demo family")."""
    return words[:1].upper() + words[1:]


def photos_carry_place(n: int) -> str:
    """'1 photo carries the exact place it was taken', '3 photos carry ... they were taken'."""
    return (f"{n} photo carries the exact place it was taken" if n == 1
            else f"{n} photos carry the exact place they were taken")


def given_away_by(fact: Fact) -> str:
    """What gives a fact away, counted: '4 posts', 'your account's profile' (the account's name), or both."""
    return cited_by(fact.evidence)


def one_per_post(evidence: Sequence[Evidence]) -> list[Evidence]:
    """The first piece of evidence of each post, in order (and each that cites no post): a post cited for its caption
    and for its photo's text is one post to a parent, so a fact "given away by 2 posts" shows two."""
    seen: set[str] = set()
    out = []
    for ev in evidence:
        if ev.post and ev.post in seen:
            continue
        seen.add(ev.post)
        out.append(ev)
    return out


def cited_by(evidence: Sequence[Evidence]) -> str:
    """The posts these pieces of evidence cite, counted, and the account's profile when one cites no post."""
    posts = {e.post for e in evidence if e.post}
    return join([posts_count(len(posts)) if posts else "", ACCOUNT_WORDS if any(not e.post for e in evidence) else ""])


def post_label(moment: datetime | None, caption: str) -> str:
    """A post as a parent knows it: its date and the first words of its caption, never its file name."""
    day = f"{moment:%d %b %Y}".lstrip("0") if moment else "undated post"
    words = caption.split()
    if not words:
        return f"{day}, a photo without a caption"
    start = " ".join(words[:CAPTION_WORDS])
    if len(words) > CAPTION_WORDS:
        start = start.rstrip(".…") + "…"  # "(well...…" read as two ellipses
    return f"{day}, “{start}”"
