"""The dossier told as a stranger would tell it: a card per child, the family, and the order of a reveal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kidsafe.models import FAMILY, Dossier, Fact, FactKind, Subject
from kidsafe.plain import Places, favourites, fact_words, join, weekly_time
from kidsafe.summary import MONTHS, describe_value

#: Below this confidence a sentence says "it looks like".
SURE = 0.5
#: The order in which a stranger pieces a family together: who, then how old, then where, then how to
#: get close, then what should never have been public.
REVEAL_ORDER = (
    FactKind.CHILD_NAME, FactKind.SURNAME, FactKind.AGE, FactKind.TOWN, FactKind.SCHOOL, FactKind.HOME,
    FactKind.PLACE, FactKind.ROUTINE, FactKind.PARENT_NAME, FactKind.RELATIVE, FactKind.PET, FactKind.FAVOURITE,
    FactKind.APPEARANCE, FactKind.OTHER_CHILD, FactKind.SENSITIVE_IMAGE, FactKind.LOCATION_LEAK,
)
#: Kinds told together with AGE in one step of a reveal.
AGE_GROUP = (FactKind.AGE, FactKind.BIRTHDAY, FactKind.BIRTH_YEAR)


@dataclass(frozen=True, slots=True)
class Voice:
    """How to speak of one child: pronouns, or the name when the feed does not say boy or girl."""

    name: str
    they: str
    them: str
    their: str
    is_: str

    @classmethod
    def of(cls, child: Subject) -> Voice:
        """The child's voice from the dossier's gender (she / he / the name)."""
        name = child.name or "This child"
        if child.gender == "girl":
            return cls(name, "she", "her", "her", "is")
        if child.gender == "boy":
            return cls(name, "he", "him", "his", "is")
        return cls(name, name, name, f"{name}'s", "is")

    def verb(self, base: str) -> str:
        """The verb for this child ("goes", "lives")."""
        return base + ("es" if base.endswith(("o", "s", "sh", "ch")) else "s")


@dataclass(frozen=True, slots=True)
class RevealStep:
    """One step of a workshop reveal: a sentence, and the facts it shows."""

    text: str
    kind: FactKind
    facts: tuple[Fact, ...]

    @property
    def posts(self) -> tuple[str, ...]:
        """The posts that gave this step away."""
        return tuple(dict.fromkeys(p for f in self.facts for p in f.posts))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _hedge(sentence: str, fact: Fact) -> str:
    """'It looks like …' before a sentence the dossier is not sure of."""
    return sentence if fact.confidence >= SURE else "It looks like " + sentence[:1].lower() + sentence[1:]


def clock(time: str | None) -> str:
    """'09:40' as '9:40am', '16:00' as '4pm'; the text itself when it is not a time."""
    if not time or ":" not in time:
        return time or ""
    try:
        hour, minute = (int(x) for x in time.split(":")[:2])
    except ValueError:
        return time
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


def _first(facts: Sequence[Fact], kind: FactKind) -> Fact | None:
    found = [f for f in facts if f.kind is kind]
    return max(found, key=lambda f: f.confidence) if found else None


def _birthday(value: object) -> str:
    text = str(value)
    if len(text) == 5 and text[2] == "-" and text.replace("-", "").isdigit() and 1 <= int(text[:2]) <= 12:
        return f"{int(text[3:])} {MONTHS[int(text[:2]) - 1]}"
    return text


def _age_sentence(v: Voice, facts: Sequence[Fact], named: bool = False) -> str | None:
    """'She is 5, her birthday is on 3 June, so she was born in 2019' (``named``: 'Ruby is 5…')."""
    age, day, year = (_first(facts, k) for k in AGE_GROUP)
    parts = []
    if age:
        parts.append(f"{v.name if named else _cap(v.they)} {v.is_} {age.value}")
    if day:
        parts.append(f"{v.their} birthday is on {_birthday(day.value)}")
    if year:
        parts.append(f"so {v.they} was born in {year.value}")
    if not parts:
        return None
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + (", " if year else " and ") + parts[-1]
    sure = min(f.confidence for f in (age, day, year) if f)
    return _hedge(_cap(text) + ".", _probe(sure))


def _probe(confidence: float) -> Fact:
    return Fact(FactKind.AGE, FAMILY, None, confidence, ())


def _routine(v: Voice, fact: Fact) -> str:
    value = fact.value if isinstance(fact.value, dict) else {}
    when = weekly_time(value.get("weekday"), value.get("time"))
    what = value.get("activity") or value.get("place")
    return _hedge(f"A stranger knows where {v.name} {'are' if v.is_ == 'are' else 'is'} on {when}"
                  + (f" ({what})." if what else "."), fact)


def child_story(dossier: Dossier, subject_id: str) -> tuple[str, ...]:
    """The child's card as a stranger would tell it: name, age, school, town, routine, what they love."""
    child = dossier.subject(subject_id)
    if child is None:
        raise ValueError(f"no such subject: {subject_id}")
    v = Voice.of(child)
    own, family = dossier.facts_about(subject_id), dossier.facts_about(FAMILY)
    out = []
    nick = f", {join(child.aliases, 'or')} to {v.their} family" if child.aliases else ""
    out.append(f"{_cap(v.their)} name is {v.name}{nick}." if v.they != v.name else f"This is {v.name}{nick}.")
    surname = _first(family, FactKind.SURNAME)
    if surname:
        out.append(_hedge(f"{_cap(v.their)} surname is {surname.value}.", surname))
    age = _age_sentence(v, own)
    if age:
        out.append(age)
    school = _first(own, FactKind.SCHOOL)
    if school:
        out.append(_hedge(f"{_cap(v.they)} {v.verb('go')} to {describe_value(school)}.", school))
    town, home = _first(family + own, FactKind.TOWN), _first(family, FactKind.HOME)
    if town:
        out.append(_hedge(f"{_cap(v.they)} {v.verb('live')} in {town.value}.", town))
    if home:
        radius = home.value.get("radius_m") if isinstance(home.value, dict) else None
        near = f" to within about {radius} m" if radius else ""
        out.append(_hedge(f"{_cap(v.their)} home can be placed on a map{near}.", home))
    for place in own:
        if place.kind is FactKind.PLACE and isinstance(place.value, dict):
            is_school = place.value.get("role") == "school"
            what = f"{v.their} school" if is_school else f"a place {v.they} {v.verb('go')} to"
            out.append(_hedge(f"The photos pin down {what} on a map.", place))
    out += [_routine(v, f) for f in own if f.kind is FactKind.ROUTINE]
    loves = [str(f.value) for f in own if f.kind is FactKind.FAVOURITE]
    if loves:
        out.append(f"{_cap(v.they)} {v.verb('love')} {favourites(loves)}.")
    for fact in own:
        if fact.kind is FactKind.SENSITIVE_IMAGE:
            out.append(f"There is a {fact.value} picture of {v.them} online.")
    return tuple(out)


def _home(fact: Fact, places: Places) -> str:
    return f"Their home can be found on a map: {places.home_words(fact.value)}."


#: How each family fact is said, in the order the family card tells them.
FAMILY_TELLERS: dict[FactKind, Callable[[Fact, Places], str]] = {
    FactKind.SURNAME: lambda f, _: f"The family name is {f.value}.",
    FactKind.TOWN: lambda f, _: f"They live in {f.value}.",
    FactKind.HOME: _home,
    FactKind.SCHOOL: lambda f, _: f"The children go to {f.value}.",
    FactKind.PARENT_NAME: lambda f, _: f"A parent is called {f.value}.",
    FactKind.RELATIVE: lambda f, _: f"A relative is named: {f.value}.",
    FactKind.PET: lambda f, _: f"The family pet is called {f.value}.",
    FactKind.OTHER_CHILD: lambda f, _: f"Another family's child is named too: {f.value}.",
    FactKind.SENSITIVE_IMAGE: lambda f, _: f"There is a {f.value} picture of the children online.",
    FactKind.FAVOURITE: lambda f, _: f"The children love {favourites([str(f.value)])}.",
}


def _gps_photos(n: int) -> str:
    return f"{n} photo{'s' if n != 1 else ''} carry the exact place {'they were' if n != 1 else 'it was'} taken."


def family_story(dossier: Dossier) -> tuple[str, ...]:
    """What the posts say about the family as a whole: surname, town, home, people, pets, GPS photos."""
    facts = dossier.facts_about(FAMILY)
    places = Places(dossier)
    out = []
    for kind, tell in FAMILY_TELLERS.items():
        mine = [f for f in facts if f.kind is kind]
        if kind is FactKind.RELATIVE and len(mine) > 1:  # one sentence, not "A relative is named" twice
            least = min(mine, key=lambda f: f.confidence)
            out.append(_hedge(f"Relatives are named: {join([str(f.value) for f in mine])}.", least))
            continue
        out += [_hedge(tell(f, places), f) for f in mine]
    leaks = sum(1 for f in facts if f.kind is FactKind.LOCATION_LEAK)
    if leaks:
        out.append(_gps_photos(leaks))
    return tuple(out)


def routine_sentences(dossier: Dossier) -> tuple[str, ...]:
    """'A stranger knows where Sam is on Tuesday afternoons around 4 o'clock', one per routine."""
    out = []
    for fact in dossier.facts_of_kind(FactKind.ROUTINE):
        child = dossier.subject(fact.subject)
        voice = Voice.of(child) if child and child.kind == "child" else Voice("the children", "they", "them",
                                                                              "their", "are")
        out.append(_routine(voice, fact))
    return tuple(out)


def _step_text(dossier: Dossier, kind: FactKind, facts: tuple[Fact, ...]) -> str:
    fact = facts[0]
    child = dossier.subject(fact.subject)
    v = Voice.of(child) if child and child.kind == "child" else None
    name = v.name if v else "the family"
    if kind is FactKind.CHILD_NAME and child is not None:
        also = f" ({join(child.aliases, 'or')} at home)" if child.aliases else ""
        return _hedge(f"There is a child called {fact.value}{also}.", fact)
    if kind is FactKind.AGE and v:
        return _age_sentence(v, facts, named=True) or ""
    if kind is FactKind.SCHOOL:
        return _hedge(f"{name} goes to {describe_value(fact)}.", fact)
    if kind is FactKind.PLACE and isinstance(fact.value, dict):
        places = Places(dossier)
        if fact.value.get("name"):
            where = places.where(fact.value, by_name=False)
            return _hedge(f"The photos show where {fact.value['name']} is: {where}.", fact)
        return _hedge(f"The photos show a place {name} goes to again and again: {places.where(fact.value)}.",
                      fact)
    if kind is FactKind.ROUTINE:
        return _routine(v or Voice("the children", "they", "them", "their", "are"), fact)
    if kind is FactKind.FAVOURITE:
        return f"{_cap(name)} loves {favourites([str(f.value) for f in facts])}."
    if kind is FactKind.APPEARANCE:
        return f"{_cap(name)}: {describe_value(fact)}."
    if kind is FactKind.SENSITIVE_IMAGE:
        return f"There is a {fact.value} picture of {name if v else 'the children'} online."
    if kind is FactKind.LOCATION_LEAK:
        return _gps_photos(len(facts))
    if kind is FactKind.TOWN and v:
        return _hedge(f"{name} lives in {fact.value}.", fact)
    tell = FAMILY_TELLERS.get(kind)
    return _hedge(tell(fact, Places(dossier)), fact) if tell else f"{_cap(fact_words(dossier, fact))}."


def reveal_steps(dossier: Dossier) -> tuple[RevealStep, ...]:
    """The dossier as a stranger pieces it together, one step per fact (ages and GPS photos grouped)."""
    order = {s.id: i for i, s in enumerate(dossier.subjects)}
    steps: list[RevealStep] = []
    for kind in REVEAL_ORDER:
        if kind is FactKind.AGE:
            for child in dossier.children:
                group = tuple(f for f in dossier.facts_about(child.id) if f.kind in AGE_GROUP)
                if group:
                    steps.append(RevealStep(_step_text(dossier, kind, group), kind, group))
            continue
        facts = sorted(dossier.facts_of_kind(kind), key=lambda f: (order.get(f.subject, 99), -f.confidence))
        if kind is FactKind.FAVOURITE:  # one step per child: "Jack loves Bluey and dinosaurs"
            for subject in dict.fromkeys(f.subject for f in facts):
                group = tuple(f for f in facts if f.subject == subject)
                steps.append(RevealStep(_step_text(dossier, kind, group), kind, group))
            continue
        if kind is FactKind.LOCATION_LEAK:
            if facts:
                steps.append(RevealStep(_step_text(dossier, kind, tuple(facts)), kind, tuple(facts)))
            continue
        steps += [RevealStep(_step_text(dossier, kind, (f,)), kind, (f,)) for f in facts]
    return tuple(s for s in steps if s.text)
