"""The dossier told as a stranger would tell it: a card per child, the family, and the order of a reveal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kidsafe.kinds import KINDS, Card, grouped, in_order, on_card
from kidsafe.models import FAMILY, Dossier, Fact, FactKind, Subject
from kidsafe.report.plain import Places, favourites, fact_words, join, photos_carry_place, weekly_time
from kidsafe.report.summary import MONTHS, describe_value

#: Below this confidence a sentence says "it looks like".
SURE = 0.5
#: The order in which a stranger pieces a family together (``Kind.reveal``): who, then how old, then where,
#: then how to get close, then what should never have been public.
REVEAL_ORDER = in_order("reveal")
#: Kinds told together in one sentence of a child's age (``Kind.told_with``), in the sentence's order.
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

    def fields(self) -> dict[str, str]:
        """What a card template of the registry may say of this child ({They}, {Their}, {them}, {go}, …)."""
        return {"name": self.name, "Name": _cap(self.name), "They": _cap(self.they), "Their": _cap(self.their),
                "they": self.they, "them": self.them, "their": self.their,
                "go": self.verb("go"), "live": self.verb("live"), "love": self.verb("love")}


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


def _fill(template: str, fact: Fact, **fields: str) -> str:
    """A registry template filled for one fact ({value}, {described} and the caller's fields)."""
    return template.format(value=fact.value, described=describe_value(fact), **fields)


def _home_card(v: Voice, facts: Sequence[Fact]) -> str | None:
    if not facts:
        return None
    home = max(facts, key=lambda f: f.confidence)
    radius = home.value.get("radius_m") if isinstance(home.value, dict) else None
    near = f" to within about {radius} m" if radius else ""
    return _hedge(f"{_cap(v.their)} home can be placed on a map{near}.", home)


def _place_card(v: Voice, place: Fact) -> str | None:
    if not isinstance(place.value, dict):
        return None
    is_school = place.value.get("role") == "school"
    what = f"{v.their} school" if is_school else f"a place {v.they} {v.verb('go')} to"
    return _hedge(f"The photos pin down {what} on a map.", place)


def _loves_card(v: Voice, facts: Sequence[Fact]) -> str | None:
    loves = [str(f.value) for f in facts]
    return f"{_cap(v.they)} {v.verb('love')} {favourites(loves)}." if loves else None


#: The sentences of a child's card that a template cannot say (``Card.says`` names them), given the
#: child's voice and the card's facts of that kind (one fact when ``Card.each``).
CARD_TELLERS: dict[str, Callable[[Voice, Sequence[Fact]], str | None]] = {
    "age": lambda v, facts: _age_sentence(v, facts),
    "home": _home_card,
    "place": lambda v, facts: _place_card(v, facts[0]),
    "routine": lambda v, facts: _routine(v, facts[0]),
    "loves": _loves_card,
}


def _card_lines(v: Voice, kind: FactKind, card: Card, own: tuple[Fact, ...], family: tuple[Fact, ...]) -> list[str]:
    """The sentences of one kind on a child's card (``Kind.card``)."""
    pool = {"own": own, "family": family, "both": family + own}[card.whose]
    mine = [f for f in pool if grouped(f.kind) is kind]
    bunches = [[f] for f in mine] if card.each else [mine]
    out = []
    for facts in bunches:
        tell = CARD_TELLERS.get(card.says)
        if tell is not None:
            line = tell(v, facts)
        else:
            fact = _first(facts, kind)
            line = _fill(card.says, fact, **v.fields()) if fact else None
            line = _hedge(line, fact) if line and fact and card.hedged else line
        if line:
            out.append(line)
    return out


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
    for kind, card in on_card():
        out += _card_lines(v, kind, card, own, family)
    return tuple(out)


def _family_says(dossier: Dossier, fact: Fact, places: Places) -> str:
    """The family card's sentence of one fact (``Kind.family_says``), hedged when unsure."""
    return _hedge(_fill(KINDS[fact.kind].family_says, fact, words=fact_words(dossier, fact, places)), fact)


def _gps_photos(n: int) -> str:
    return photos_carry_place(n) + "."


def family_story(dossier: Dossier) -> tuple[str, ...]:
    """What the posts say about the family as a whole: surname, town, home, people, pets, GPS photos."""
    facts = dossier.facts_about(FAMILY)
    places = Places(dossier)
    out = []
    for kind in (k for k, d in KINDS.items() if d.family_says):  # the registry's order is the card's
        mine = [f for f in facts if f.kind is kind]
        many = KINDS[kind].family_many
        if len(mine) > 1 and many:  # one sentence, not "A relative is named" twice
            least = min(mine, key=lambda f: f.confidence)
            out.append(_hedge(many.format(values=join([str(f.value) for f in mine])), least))
            continue
        out += [_family_says(dossier, f, places) for f in mine]
    leaks = sum(1 for f in facts if KINDS[f.kind].value == "gps")
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


def _place_step(dossier: Dossier, name: str, facts: tuple[Fact, ...]) -> str:
    fact = facts[0]
    if not isinstance(fact.value, dict):
        return _said_plainly(dossier, facts)
    places = Places(dossier)
    if fact.value.get("name"):
        where = places.where(fact.value, by_name=False)
        return _hedge(f"The photos show where {fact.value['name']} is: {where}.", fact)
    return _hedge(f"The photos show a place {name} goes to again and again: {places.where(fact.value)}.", fact)


def _name_step(dossier: Dossier, name: str, facts: tuple[Fact, ...]) -> str:
    fact = facts[0]
    child = dossier.subject(fact.subject)
    if child is None:
        return _said_plainly(dossier, facts)
    also = f" ({join(child.aliases, 'or')} at home)" if child.aliases else ""
    return _hedge(f"There is a child called {fact.value}{also}.", fact)


def _age_step(dossier: Dossier, name: str, facts: tuple[Fact, ...]) -> str:
    child = dossier.subject(facts[0].subject)
    if child is None or child.kind != "child":
        return _said_plainly(dossier, facts)
    return _age_sentence(Voice.of(child), facts, named=True) or ""


def _routine_step(dossier: Dossier, name: str, facts: tuple[Fact, ...]) -> str:
    child = dossier.subject(facts[0].subject)
    v = Voice.of(child) if child and child.kind == "child" else Voice("the children", "they", "them", "their", "are")
    return _routine(v, facts[0])


def _said_plainly(dossier: Dossier, facts: tuple[Fact, ...]) -> str:
    """A step no sentence of its kind fits: the fact's words."""
    return f"{_cap(fact_words(dossier, facts[0]))}."


#: The reveal steps a template cannot say (``Kind.teller`` names them), given the dossier, the name of
#: whom the step is about ("the family" when no child) and the step's facts.
STEP_TELLERS: dict[str, Callable[[Dossier, str, tuple[Fact, ...]], str]] = {
    "child_name": _name_step,
    "age": _age_step,
    "place": _place_step,
    "routine": _routine_step,
    "loves": lambda _, name, facts: f"{_cap(name)} loves {favourites([str(f.value) for f in facts])}.",
    "gps": lambda _, name, facts: _gps_photos(len(facts)),
}


def _step_text(dossier: Dossier, kind: FactKind, facts: tuple[Fact, ...]) -> str:
    fact = facts[0]
    child = dossier.subject(fact.subject)
    is_child = child is not None and child.kind == "child"
    name = (child.name or "This child") if child is not None and is_child else "the family"
    declared = KINDS[kind]
    if declared.teller:
        return STEP_TELLERS[declared.teller](dossier, name, facts)
    if declared.says and is_child:
        return _hedge(_fill(declared.says, fact, name=name, Name=_cap(name)), fact)
    if declared.family_says:
        return _family_says(dossier, fact, Places(dossier))
    return _said_plainly(dossier, facts)


def _bunches(kind: FactKind, facts: list[Fact]) -> list[tuple[Fact, ...]]:
    """The reveal's steps of one kind: a subject's facts together (``Kind.together``), else one a fact."""
    if not KINDS[kind].together:
        return [(f,) for f in facts]
    return [tuple(f for f in facts if f.subject == s) for s in dict.fromkeys(f.subject for f in facts)]


def reveal_steps(dossier: Dossier) -> tuple[RevealStep, ...]:
    """The dossier as a stranger pieces it together, one step per fact (a child's age, birthday and birth year
    in one, a child's favourites in one, the GPS photos in one)."""
    order = {s.id: i for i, s in enumerate(dossier.subjects)}
    steps: list[RevealStep] = []
    for kind in REVEAL_ORDER:
        facts = sorted((f for f in dossier.facts if grouped(f.kind) is kind),
                       key=lambda f: (order.get(f.subject, 99), -f.confidence))
        steps += [RevealStep(_step_text(dossier, kind, group), kind, group) for group in _bunches(kind, facts)]
    return tuple(s for s in steps if s.text)
