"""The family's town: place names in captions and hashtags ("#derbymums", "Norwich in the snow"),
holiday places set aside, and the home GPS fix's town as support."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kidsafe import geo
from kidsafe.engine import learned, tagger
from kidsafe.engine import lexicon as lx
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.gazetteer import name_count
from kidsafe.engine.mentions import character_spans
from kidsafe.engine.people import Cast
from kidsafe.engine.roles import SMALL_FEED, text_posts
from kidsafe.engine.text import POSSESSIVE_END, contains_phrase, english_rank, fold, split_words
from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY, Evidence, EvidenceSource, FactKind, GeoPoint, Span

ADVICE = "Leave the town out of captions and hashtags (#townmums is searchable by anyone)."
NOT_A_TOWN_ROLES = frozenset({"child", "relative", "pet", "parent", "other_child", "character", "adult"})
_PHRASE = re.compile(r"(?<![\w#@])([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})")
HOLIDAY_KM = 40.0
#: A place of this name within this distance of the home fix is the family's own town (or its city).
LOCAL_KM = 25.0
_PREPOSITIONS = ("in", "at", "from", "to", "of", "near", "around")
#: Context words the town model reads as themselves. Any other word beside a place name counts only
#: by its class (``_word_classes``): a model fed every word learned each voice's names and dialect.
_READ_AS_WORDS = frozenset(_PREPOSITIONS) | {"the"}
_CONTEXT_CLASSES = {cls: frozenset(words) for cls, words in lx.locale_words("places")["town_context_classes"].items()}
_KIN_CONTEXT = lx.KIN_TITLES | lx.PARENT_WORDS | _CONTEXT_CLASSES["kin"]
_PUNCTUATION = ".,!?;:()\"“”'’"
#: "came down from Dubbo", "over from Boston", "back from Tenby": where someone came from, not home.
_CAME_FROM = re.compile(r"\b(?:came|come|comes|coming|drove|driving|flew|flying|over|up|down|back|all\s+the\s+way|"
                        r"visiting|visitors?)\s+(?:\w+\s+)?from\s*$")


@dataclass
class TownCandidate:
    """A town name and the posts that name it, with how strongly each does."""

    name: str
    evidence: list[tuple[Evidence, float]] = field(default_factory=list)
    holiday_posts: set[str] = field(default_factory=set)
    contexts: list[tuple[str, ...]] = field(default_factory=list)  # words around each mention, holidays too

    @property
    def strength(self) -> float:
        """Summed best confidence per post."""
        best: dict[str, float] = {}
        for ev, conf in self.evidence:
            best[ev.post] = max(best.get(ev.post, 0.0), conf)
        return sum(best.values())


#: "Port Lincoln weekend", "Rotorua road trip": a place named as the trip's.
_NAMED_TRIP = re.compile(r"(?<![\w#@])([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})\s+(?:long\s+)?(?:weekend|getaway|"
                         r"road\s*trip|trip|adventures?|escape|break)\b")


def _named_trip(view: PostView) -> bool:
    return any(_is_place(m[1]) for part in view.parts if part.source is not EvidenceSource.OCR
               for m in _NAMED_TRIP.finditer(part.text))


def is_holiday(view: PostView, home: GeoPoint | None) -> bool:
    """A post from a holiday: holiday words, or a photo taken far from home."""
    text = view.all_folded + " " + " ".join(fold(t) for t in view.post.hashtags)
    if contains_phrase(text, lx.HOLIDAY_CUES) or _named_trip(view):
        return True
    if home is not None and view.gps is not None:
        return geo.distance_m(home, view.gps) > HOLIDAY_KM * 1000
    return False


@lru_cache(maxsize=4096)
def _is_place(name: str) -> bool:
    key = fold(name)
    if key in lx.NOT_NAMES or key in lx.KIN_TITLES or key in lx.WEEKDAY_FORMS or len(key) < 4:
        return False  # three letters or fewer ("Nam", "Ely") match too many words to trust
    return bool(geo.places_named(name))


def is_local(name: str, home: GeoPoint | None) -> bool:
    """True when a place of this name lies within ``LOCAL_KM`` of the home fix."""
    return home is not None and any(geo.distance_m(home, p.point) <= LOCAL_KM * 1000 for p in geo.places_named(name))


#: Patterns read at every run of capitalised words, compiled once.
_NON_SPACE = re.compile(r"\S+")
_APOSTROPHES_END = re.compile(r"['’]+$")


def _in_venue_name(after: str) -> bool:
    """Whether the capitalised words that follow a place name end a venue's, a school's or a street's
    name ("Northfield Aquatic Centre", "Elm Grove Public School", "Northfield Rd"): then the name is
    theirs, not the town's."""
    run = []
    for word in _NON_SPACE.findall(after[:60]):
        bare = word.strip(".,!?;:()\"“”")
        if not bare[:1].isupper() and (run or not bare[:1].isalpha()):
            break
        run.append(fold(bare))
        if bare != word or len(run) == 4 or not bare[:1].isupper():
            break  # punctuation ends the name; "Leeds park" is a park of Leeds
    if not run or run[0] in lx.TOWN_PART_WORDS:
        return False
    if any(w in lx.STREET_NAME_WORDS for w in run[:2]) and after.lstrip()[:1].isupper():
        return True  # "Westfield Rd": a street's name
    return run[0] in lx.PLACE_WORDS or run[0] in lx.SCHOOL_TYPE_WORDS or any(
        w in lx.VENUE_WORDS or w in lx.SCHOOL_TYPE_WORDS for w in run)


def _caption_towns(view: PostView, family: Family, home: GeoPoint | None = None
                   ) -> list[tuple[str, str, float, tuple[str, ...], Span]]:
    """(name, excerpt, confidence, context, span) of each place named in the post's own words."""
    roles = {m.key: p.role for p in family.cast.by_post.get(view.id, []) for m in p.in_post(view.id)}
    out = []
    for index, part in enumerate(view.parts):
        if part.source not in (EvidenceSource.CAPTION, EvidenceSource.SIDECAR):
            continue
        text = part.text
        characters = character_spans(view.folded[index])  # folded once, when the view was made
        # where the learned tagger reads a place ("Austin shut down"): a name used as a place
        tagged_places = [(t.start, t.end) for t in tagger.find_mentions(text) if t.kind == "PLACE"]
        for m in _PHRASE.finditer(text):
            if any(a <= m.start() < b for a, b in characters):
                continue  # "Paw Patrol" is no town
            words = m[1].split()
            # try the longest run first ("San Diego" before "San")
            for n in range(len(words), 0, -1):
                for i in range(0, len(words) - n + 1):
                    phrase = _APOSTROPHES_END.sub("", " ".join(words[i:i + n]))  # "Jones'" loses the apostrophe only
                    phrase = POSSESSIVE_END.sub("", phrase)
                    key = fold(phrase)
                    if roles.get(key) in NOT_A_TOWN_ROLES:
                        continue
                    # a place opening a venue's name ("Pudsey Park") is weak evidence the model weighs; a name
                    # further in is the venue's own ("Ashton Court")
                    venue = _in_venue_name(text[m.start() + len(" ".join(words[:i + n])):])
                    if venue and i > 0:
                        continue
                    at = m.start() + len(" ".join(words[:i]))
                    before_text = fold(text[max(0, at - 30):at])
                    if _CAME_FROM.search(before_text):
                        continue  # "Nan came down from Dubbo": where a visitor lives
                    before = before_text.split()[-1:]
                    local = is_local(phrase, home)
                    tagged = any(a <= at < b for a, b in tagged_places)
                    by_word = bool(before and before[0] in _PREPOSITIONS) or local or tagged
                    placed = by_word or {"GPE", "LOC"} & family.cast.ents.get(key, set())
                    if n == 1 and name_count(phrase) >= 2000 and not by_word:
                        continue  # a common first name (spaCy often calls one a GPE), unless used as a place
                    if n == 1 and (english_rank(phrase) or 10**6) < 3000 and not placed:
                        continue  # a common English word ("Centre", "Bath") needs "in"/"at" to be a town
                    opens = n == 1 and i == 0 and not placed and (
                        not text[:m.start()].strip() or text[:m.start()].rstrip()[-1] in ".!?\n")
                    if opens and (english_rank(phrase) or 10**6) < 3000:
                        continue  # "Sunset walk", "Lazy Sunday": an everyday word opening a sentence
                    if _is_place(phrase):
                        after = text[m.start() + len(" ".join(words[:i + n])):]
                        context = tuple(f"L:{w}" for w in before_text.split()[-3:]) + tuple(
                            f"R:{fold(w)}" for w in re.findall(r"[\w'’]+|[^\w\s]", after[:40])[:3])
                        # a name opening a sentence ("Melbourne in June", "Lazy Sunday") is only maybe a
                        # place: the town model weighs it by its context and its kind of name
                        # a resort is home to some families (Dubai, Orlando): the model weighs it, no rule drops it
                        marks = (("tagged",) if tagged else ()) + (("opens",) if opens else ()) + (
                            ("resort",) if key in lx.RESORTS else ()) + (("venue",) if venue else ()) + (
                            ("part",) if n < len(words) else ())  # only part of a longer name ("Mersey Vale")
                        out.append((phrase, m[0], 0.3 if opens or venue else 0.6, context + (f"words:{n}",) + marks,
                                    _phrase_span(view, index, m, i, n, phrase)))
                        break
                else:
                    continue
                break
    return out


def _phrase_span(view: PostView, part: int, m: re.Match[str], i: int, n: int, phrase: str) -> Span:
    """The span of the words i..i+n of a capitalised run, less what was trimmed off the last ("'s")."""
    words = list(re.finditer(r"\S+", m[0]))
    joined = " ".join(w[0] for w in words[i:i + n])
    return view.span(part, m.start() + words[i].start(), m.start() + words[i + n - 1].end() - (len(joined) - len(phrase)))


def _hashtag_towns(view: PostView, family: Family) -> list[tuple[str, str, float, tuple[str, ...], Span]]:
    """(name, hashtag, confidence, context, span) of each place a hashtag names ("#harrogatemums")."""
    out = []
    for tag, span in view.hashtag_spans():
        low = fold(tag)
        fronts = [(low, 0.5)]
        for suffix in lx.LOCAL_HASHTAG_SUFFIXES:
            if low.endswith(suffix) and len(low) > len(suffix) + 2:
                fronts.append((low[: -len(suffix)], 0.7))
        for front, conf in fronts:
            strong = conf > 0.5  # "#bathmums": the suffix says the front is a place
            if fold(front) in lx.CHARACTERS or (front in lx.NOT_NAMES and not strong):
                continue
            candidates = [front, " ".join(split_words(front))]
            hit = next((c for c in candidates if len(c) >= 4 and geo.places_named(c)), None)
            person = family.cast.role_of(fold(hit)) if hit else None
            if hit and person in (None, "place", "unknown") and (conf > 0.5 or name_count(hit.replace(" ", "")) < 2000):
                rest = [w for w in split_words(low) if w not in split_words(front)] if front != low else []
                resort = ("resort",) if fold(hit) in lx.RESORTS else ()
                out.append((hit.title(), "#" + tag, conf, ("hashtag", *resort, *(f"H:{w}" for w in rest[:3])), span))
                break
    return out


def find_towns(views: Sequence[PostView], family: Family, home: GeoPoint | None,
               school_words: set[str]) -> list[TownCandidate]:
    """Town candidates named outside holidays, strongest first."""
    cands: dict[str, TownCandidate] = {}
    for view in views:
        holiday = is_holiday(view, home)
        found = [(*town, EvidenceSource.CAPTION) for town in _caption_towns(view, family, home)]
        found += [(*town, EvidenceSource.HASHTAG) for town in _hashtag_towns(view, family)]
        for name, text, conf, context, span, source in found:
            key = fold(name)
            if key in school_words:
                continue
            cand = cands.setdefault(key, TownCandidate(name=name))
            cand.contexts.append(context + (("holiday",) if holiday else ()))
            if holiday:
                cand.holiday_posts.add(view.id)
                continue
            cand.evidence.append((Evidence(post=view.id, source=source, excerpt=text,
                                           explanation=f"names the town {name}", span=span), conf))
    out = [c for c in cands.values() if c.evidence and c.strength >= 0.5]
    return sorted(out, key=lambda c: -c.strength)


def town_features(town: TownCandidate, towns: Sequence[TownCandidate], posts: int,
                  cast: Cast | None = None) -> dict[str, float]:
    """What the town model reads of one candidate: how often and how it is named (the words around it,
    in captions or local hashtags, on holidays or not), what kind of name it is, how it compares
    with the feed's other candidates, and what the people finder made of the same word (``cast``):
    a name spaCy reads as a person's, or a surname of the family, is rarely the town."""
    named_posts = {ev.post for ev, _ in town.evidence}
    strongest = max((t.strength for t in towns), default=0.0) or 1.0
    feats: dict[str, float] = {
        "bias": 1.0, "strength": town.strength, "share_of_strongest": town.strength / strongest,
        "top": float(town is towns[0]) if towns else 0.0, "log_posts": math.log1p(len(named_posts)),
        "feed_share": len(named_posts) / max(1, posts),
        "holiday_share": len(town.holiday_posts) / max(1, len(town.holiday_posts) + len(named_posts)),
        "local_hashtag": float(any(conf > 0.6 for _, conf in town.evidence)),
        "words": float(len(town.name.split())),
        f"first_name_count>={1000 if name_count(town.name) >= 1000 else 0}": 1.0,
        f"english_common={(english_rank(town.name) or 10**6) < 20000}": 1.0,
    }
    places = geo.places_named(town.name)
    feats[f"places_named>={min(len(places), 20) // 5 * 5}"] = 1.0
    if any(fold(p.admin1) == fold(town.name) for p in places):
        feats["is_a_region"] = 1.0
    neighbours = [t for t in towns if t is not town and _neighbours(town.name, t.name)]
    feats["neighbours"] = min(len(neighbours), 4) / 4
    feats["neighbour_posts"] = math.log1p(sum(len({ev.post for ev, _ in t.evidence}) for t in neighbours))
    if suburb_posts := _posts_in_its_district(town, towns):
        feats["suburb_posts"] = math.log1p(suburb_posts)
    rivals = [len({ev.post for ev, _ in t.evidence}) for t in towns if t is not town]
    feats["post_share"] = len(named_posts) / max(1, len(named_posts) + sum(rivals))
    feats["lead"] = math.log1p(len(named_posts)) - math.log1p(max(rivals, default=0))
    for mark in ("venue", "part"):
        if said := sum(mark in context for context in town.contexts):
            feats[f"{mark}_share"] = said / len(town.contexts)
    for context in town.contexts:
        share = 1.0 / len(town.contexts)
        classes = set()
        for word in context:
            if word[:2] in ("L:", "R:"):
                classes |= {f"cls:{word[0]}:{c}" for c in _word_classes(word[2:])}
                if word[2:].strip(_PUNCTUATION) not in _READ_AS_WORDS:
                    continue
            feats[f"ctx:{word}"] = feats.get(f"ctx:{word}", 0.0) + share
        for name in classes:
            feats[name] = feats.get(name, 0.0) + share
    if cast is not None:
        key = fold(town.name)
        for label in sorted(cast.ents.get(key, ())):
            feats[f"ent:{label}"] = 1.0
        if role := cast.role_of(key):
            feats[f"cast_role={role}"] = 1.0
        if any(fold(surname) == key for surname in cast.surnames):
            feats["family_surname"] = 1.0
    return feats


def _posts_in_its_district(town: TownCandidate, towns: Sequence[TownCandidate]) -> int:
    """Posts naming the feed's other candidates that lie in a district named after ``town``: a stranger with a
    map reads "Pudsey" and "Horsforth" as Leeds, and "Māngere" as Auckland. Unlike ``neighbours`` (near each
    other, either way round), it says which name is the city."""
    key = f" {fold(town.name)} "
    districts = {(p.country_code, p.admin1, p.admin2) for p in geo.places_named(town.name)
                 if p.admin2 and key in f" {geo.fold_name(p.admin2)} "}
    if not districts:
        return 0
    return sum(len({ev.post for ev, _ in t.evidence}) for t in towns if t is not town
               and any((q.country_code, q.admin1, q.admin2) in districts
                       for q in geo.places_named(t.name)[:NEIGHBOUR_MAX_PLACES]))


def _word_classes(word: str) -> list[str]:
    """The classes of one folded word beside a place name: someone's ("Nan's in Leeds"), a kin word, a travel,
    home, weather or local-event word."""
    bare = word.strip(_PUNCTUATION)
    stem = POSSESSIVE_END.sub("", bare)
    found = ["possessive"] if stem != bare else []
    if stem in _KIN_CONTEXT:
        found.append("kin")
    return found + [c for c, words in _CONTEXT_CLASSES.items() if c != "kin" and bare in words]


#: Two places this close are one family's area (a city and its suburb, two suburbs side by side).
NEIGHBOUR_KM = 30.0
#: A name that many places share ("Springfield", "Forest") says nothing about where its neighbours are.
NEIGHBOUR_MAX_PLACES = 8


@lru_cache(maxsize=8192)
def _neighbours(a: str, b: str) -> bool:
    """Whether some place named ``a`` lies near some place named ``b``: a stranger with a map sees that
    "Coburg", "Brunswick" and "Melbourne" are one area, and a holiday town far from all of them."""
    places_b = geo.places_named(b)
    if not places_b or len(places_b) > NEIGHBOUR_MAX_PLACES:
        return False
    return any(_km(p, q) <= NEIGHBOUR_KM for p in geo.places_named(a)[:NEIGHBOUR_MAX_PLACES * 4] for q in places_b)


def _km(p: geo.Place, q: geo.Place) -> float:
    """Distance in km by the equirectangular rule: near enough at tens of km, and cheap."""
    x = math.radians(q.lon - p.lon) * math.cos(math.radians((p.lat + q.lat) / 2))
    return 6371.0 * math.hypot(x, math.radians(q.lat - p.lat))


WEIGHED_FLOOR = 0.3
"""From this probability a candidate the town model does not claim is still a place the safe share removes: out of
fold, the truth town is the likeliest candidate in 85 of the 126 train voices, and clears the threshold in 65."""


def _model_towns(towns: list[TownCandidate], posts: int, support, cast: Cast
                 ) -> tuple[list[tuple[TownCandidate, float]], list[str]]:
    """The town model's choice: the likeliest candidate when it clears the threshold chosen on held-out
    voices (a place near the home GPS fix counts for more: the corpus has no GPS to teach that); and the names of
    the other candidates it gives at least ``WEIGHED_FLOOR``."""
    model = learned.shipped("towns")
    if model is None or not towns:
        return [], []
    scored = [(t, model.probabilities(town_features(t, towns, posts, cast)).get("town", 0.0) + support(t))
              for t in towns]
    best, p = max(scored, key=lambda tp: tp[1])
    chosen = [(best, min(p, 0.95))] if p >= model.threshold else []
    weighed = [t.name for t, q in scored if q >= WEIGHED_FLOOR and not (chosen and t is best)]
    return chosen, weighed


def add_town_facts(book: FactBook, family: Family, views: Sequence[PostView], home: GeoPoint | None,
                   home_posts: Sequence[str], school_words: set[str]) -> set[str]:
    """Town facts; returns the folded town names (so schools do not take them)."""
    home_place = geo.nearest_place(home, max_distance_m=30_000) if home else None
    home_names = {fold(home_place.name), fold(home_place.admin2)} if home_place else set()

    def support(town: TownCandidate) -> float:
        return 0.3 if fold(town.name) in home_names or is_local(town.name, home) else 0.0

    towns = sorted(find_towns(views, family, home, school_words), key=lambda t: -(t.strength + support(t)))
    kept = []
    use_model = learned.shipped("towns") is not None and text_posts(views) >= SMALL_FEED
    if use_model:
        chosen, book.towns_weighed = _model_towns(towns, len(views), support, family.cast)
        for town, p in chosen:
            kept.append(town)
            for ev, _ in town.evidence:
                book.add(FactKind.TOWN, FAMILY, town.name, ev, p, key=fold(town.name), advice=ADVICE)
    for town in towns if not use_model else ():
        if town is not towns[0] and town.strength + support(town) < 1.0:
            continue
        if all("opens" in context for context in town.contexts) and not support(town):
            continue  # the rules have no context to weigh a name that only ever opens a sentence
        kept.append(town)
        for ev, conf in town.evidence:
            book.add(FactKind.TOWN, FAMILY, town.name, ev, conf + support(town), key=fold(town.name), advice=ADVICE)
    if not kept and home_place and home_posts:
        name = home_place.admin2 if home_place.admin2 and name_count(home_place.admin2) < 2000 and \
            len(home_place.admin2.split()) == 1 else home_place.name
        for post in home_posts[:5]:
            book.add(FactKind.TOWN, FAMILY, name,
                     Evidence(post=post, source=EvidenceSource.INFERENCE, excerpt="",
                              explanation=f"photos taken at home are in {name}"), 0.3, key=fold(name),
                     advice=ADVICE)
        kept.append(TownCandidate(name=name))
    return {fold(t.name) for t in kept} | {fold(c) for t in towns for c in [t.name]}


def holiday_places(views: Sequence[PostView], family: Family, home: GeoPoint | None) -> dict[str, set[str]]:
    """Places named only in holiday posts (shown as visited, never as home): name -> posts."""
    out: dict[str, set[str]] = defaultdict(set)
    for view in views:
        if is_holiday(view, home):
            for name, *_ in _caption_towns(view, family, home) + _hashtag_towns(view, family):
                out[name].add(view.id)
    return out
