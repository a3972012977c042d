"""Every kind of fact, declared once: what it is called, how it is said, how bad it is, how it is fixed and shared.

The report (summary, narrative, risk, fix page, workshop, handout) and the safe share read this table
instead of branching on the kind. Adding a kind of fact is one member of ``FactKind``, one ``Kind`` in
``KINDS`` (both here), its detector under ``engine/`` and its test: see docs/ARCHITECTURE.md.

Templates are filled by their readers with ``str.format``: ``{value}`` the fact's value, ``{described}``
its value in words (``summary.describe_value``), ``{words}`` as a parent reads it (``plain.fact_words``),
``{name}`` the child's name; a child's card adds the child's voice (``{They}``, ``{Their}``, ``{them}``,
``{go}``, ``{live}``, ``{love}``: ``narrative.Voice``); a fix action has ``{value}``, ``{who}``, ``{whose}``,
``{posts}`` ("2 posts"), ``{photos}``, ``{the_photos}``, ``{when}`` (a routine's time) and ``{loved}``.
A sentence no template can say (an age with its birthday, a place said from home) is named instead,
and its reader holds it (``narrative.STEP_TELLERS``, ``narrative.CARD_TELLERS``, ``fixgroups.ACTIONS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FactKind(StrEnum):
    """The kinds of fact in the dossier contract (spec/dossier-json.md)."""

    CHILD_NAME = "child_name"
    BIRTHDAY = "birthday"
    BIRTH_YEAR = "birth_year"
    AGE = "age"
    SCHOOL = "school"
    TOWN = "town"
    HOME = "home"
    PLACE = "place"
    ROUTINE = "routine"
    PET = "pet"
    RELATIVE = "relative"
    SURNAME = "surname"
    SENSITIVE_IMAGE = "sensitive_image"
    LOCATION_LEAK = "location_leak"
    OTHER_CHILD = "other_child"
    PARENT_NAME = "parent_name"
    FAVOURITE = "favourite"
    APPEARANCE = "appearance"


@dataclass(frozen=True, slots=True)
class Card:
    """How a child's card tells a kind: its place on the card, its sentence, whose facts and how many."""

    rank: int
    says: str  # a template, or the name of one of narrative.CARD_TELLERS
    whose: str = "own"  # "own" (the child's), "family", or "both"
    each: bool = False  # one sentence per fact (else the surest fact only)
    hedged: bool = True  # "It looks like …" when the fact is not sure


@dataclass(frozen=True, slots=True)
class Kind:
    """What the report and the safe share need to know about one kind of fact."""

    label: str  # the dossier's line label ("school: …"), the share report's "the school"
    value: str = "text"  # the value's shape, how it is said: text, month_day, weekly, home, gps, place, loved
    fix_rank: int = 0  # the Fix page's order, worst first (0: fixed with ``told_with``)
    reveal: int = 0  # its step in the workshop reveal (0: told with ``told_with``)
    told_with: FactKind | None = None  # told and fixed together with this kind ("birthday" with the age)
    together: bool = False  # a subject's facts of this kind are one reveal step and one fix group
    teller: str = ""  # a reveal step that needs more than a template: a key of narrative.STEP_TELLERS
    says: str = ""  # a reveal step about a child (hedged when unsure)
    family_says: str = ""  # the family card's sentence (also a reveal step about the family)
    family_many: str = ""  # the family card's one sentence for several facts of the kind ({values})
    card: Card | None = None  # the child's card
    note: str = "Ask the room what a stranger could do with this."  # the presenter's note at its reveal
    fix: str = "Take this out of {posts}"  # the Fix page's action, or a key of fixgroups.ACTIONS
    finds: str = ""  # risk: how knowing it tells a stranger where to find the child
    rapport: tuple[int, str] | None = None  # risk: (order, words) of what lets a stranger sound familiar
    habits: frozenset[str] = frozenset()  # keys of the advice.ADVICE habits that keep it from a stranger
    from_location: bool = False  # its evidence without words is a GPS position (fixes, the "why?" expander)
    photo_only: bool = False  # what is left of it in a shared copy is a photo's position, never words
    person: bool = False  # names a person: the safe share keeps a child's own posts apart from these
    share_term: str = ""  # how the safe share rewrites its value: a key of share.terms.TERM_MAKERS
    recheck: int = 0  # its place in the fresh audit of a shared copy, which looks for it there (0: not looked for)
    must_go: bool = False  # the shared copy must not give it away any more (else only looked for)
    checked: bool = False  # the copy's text-only check turns what it still finds into more words to redact


#: Habits (``advice.Advice.key``): "vague captions", "hashtags", "location" (camera location off), "faces"
#: (blur or emoji), "ask" (ask your child), "no bath" (no bath or potty pictures).
IN_CAPTION = frozenset({"vague captions"})  # what a caption gives away when it names it

#: The registry, in the order the family card tells its facts.
KINDS: dict[FactKind, Kind] = {
    FactKind.SURNAME: Kind(
        "surname", recheck=7, fix_rank=7, reveal=2, family_says="The family name is {value}.",
        card=Card(2, "{Their} surname is {value}.", whose="family"),
        note="With a surname, the electoral roll, school newsletters and sports results open up.",
        fix="Take the family name out of {posts}", rapport=(7, "surname"),
        habits=IN_CAPTION | {"hashtags"}, share_term="surname", must_go=True, checked=True),
    FactKind.TOWN: Kind(
        "town", recheck=3, fix_rank=9, reveal=4, says="{name} lives in {value}.", family_says="They live in {value}.",
        card=Card(5, "{They} {live} in {value}.", whose="both"),
        note="The town narrows millions of people down to a few thousand families.",
        fix="Take the town out of {posts}", habits=IN_CAPTION | {"hashtags"}, share_term="town", must_go=True,
        checked=True),
    FactKind.HOME: Kind(
        "home", recheck=4, value="home", fix_rank=2, reveal=6, family_says="Their home can be found on a map: {words}.",
        card=Card(6, "home", whose="family"),
        note="Nobody posted an address. The photos taken at home carry it, to the street.",
        fix="Remove the location from {the_photos} taken at home", finds="where {they} live{s}",
        habits=frozenset({"location"}), from_location=True, photo_only=True, must_go=True),
    FactKind.SCHOOL: Kind(
        "school", recheck=2, fix_rank=3, reveal=5, says="{name} goes to {described}.",
        family_says="The children go to {value}.", card=Card(4, "{They} {go} to {described}."),
        note="Point at the picture: a uniform, a sign or a hashtag is enough. "
             "Now a stranger knows where the child is every weekday at 3pm.",
        fix="Take the school out of {posts}", finds="which school {they} go{es} to",
        habits=IN_CAPTION | {"hashtags"}, share_term="school", must_go=True, checked=True),
    FactKind.PARENT_NAME: Kind(
        "parent", recheck=11, fix_rank=13, reveal=9, family_says="A parent is called {value}.",
        note="A parent's name lets a stranger sound like a friend of the family.",
        fix="Take {value}'s name out of {posts}", rapport=(6, "parent's name"), habits=IN_CAPTION, person=True,
        share_term="parent", must_go=True),
    FactKind.RELATIVE: Kind(
        "relative", recheck=15, fix_rank=12, reveal=10, family_says="A relative is named: {value}.",
        family_many="Relatives are named: {values}.",
        note="'Nana sent me to pick you up': names of relatives make a stranger believable.",
        fix="Take {value}'s name out of {posts}", rapport=(4, "relatives' names"), habits=IN_CAPTION,
        person=True, share_term="relative"),
    FactKind.PET: Kind(
        "pet", recheck=14, fix_rank=14, reveal=11, family_says="The family pet is called {value}.",
        note="The dog's name is a common password and a way to start a conversation with a child.",
        fix="Take the pet's name, {value}, out of {posts}", rapport=(5, "pet's name"), habits=IN_CAPTION,
        share_term="pet"),
    FactKind.OTHER_CHILD: Kind(
        "another family's child", recheck=12, fix_rank=11, reveal=14,
        family_says="Another family's child is named too: {value}.",
        note="Another family's child is in the dossier too: their parents never agreed to it.",
        fix="Take {value}'s name (another family's child) out of {posts}", habits=IN_CAPTION | {"faces"},
        person=True, share_term="other_child", must_go=True),
    FactKind.SENSITIVE_IMAGE: Kind(
        "sensitive picture", recheck=13, fix_rank=1, reveal=15, says="There is a {value} picture of {name} online.",
        family_says="There is a {value} picture of the children online.",
        card=Card(10, "There is a {value} picture of {them} online.", each=True, hedged=False),
        note="These pictures are collected and traded. The picture is blurred here on purpose: do not show it.",
        fix="sensitive", habits=frozenset({"ask", "no bath"}), must_go=True),
    FactKind.FAVOURITE: Kind(
        "favourite", value="loved", fix_rank=15, reveal=12, together=True, teller="loves",
        family_says="The children love {words}.", card=Card(9, "loves"),
        note="What a child loves is how a groomer starts a conversation.",
        fix="Take what {who} loves ({loved}) out of {posts}", rapport=(3, "favourite things"), habits=IN_CAPTION),
    FactKind.CHILD_NAME: Kind(
        "name", recheck=1, fix_rank=6, reveal=1, teller="child_name",
        note="Ask the room: would your child walk over to a stranger who calls them by name, "
             "or by the nickname the family uses?",
        fix="Take {whose} name out of {posts}", habits=IN_CAPTION, person=True, share_term="child", must_go=True,
        checked=True),
    FactKind.AGE: Kind(
        "age", recheck=8, fix_rank=8, reveal=3, together=True, teller="age", card=Card(3, "age"),
        note="An age and a birthday are what account recovery and identity fraud ask for. "
             "Birthday posts give both at once.",
        fix="Take {whose} age and birthday out of {posts}", rapport=(2, "age"), habits=IN_CAPTION, must_go=True),
    FactKind.BIRTHDAY: Kind(
        "birthday", recheck=9, value="month_day", told_with=FactKind.AGE, rapport=(1, "birthday"), habits=IN_CAPTION,
        must_go=True),
    FactKind.BIRTH_YEAR: Kind("born in", recheck=10, told_with=FactKind.AGE, habits=IN_CAPTION, must_go=True),
    FactKind.PLACE: Kind(
        "place", value="place", fix_rank=5, reveal=7, teller="place", card=Card(7, "place", each=True),
        note="A photo's hidden position puts a pin on the map: one photo at a school gate is enough, and photos "
             "taken at the same place week after week show where a child goes.",
        fix="place", finds="a place {they} go{es} to", habits=frozenset({"location"}), from_location=True),
    FactKind.ROUTINE: Kind(
        "routine", recheck=5, value="weekly", fix_rank=4, reveal=8, teller="routine",
        card=Card(8, "routine", each=True),
        note="Same day, same time, same place: a stranger can be waiting. Post after the event, "
             "not while you are there.",
        fix="Hide {who}'s {when}: remove the location from {photos}, or post them later",
        finds="where {they} {are} at a set time every week", habits=frozenset({"location"}), must_go=True,
        checked=True),
    FactKind.APPEARANCE: Kind(
        "appearance", fix_rank=16, reveal=13, says="{Name}: {described}.",
        note="A description and a face make a child easy to pick out of a crowd.",
        fix="Take how {who} looks out of {posts}", habits=frozenset({"ask", "faces"})),
    FactKind.LOCATION_LEAK: Kind(
        "photo with GPS", recheck=6, value="gps", fix_rank=10, reveal=16, together=True, teller="gps",
        note="Show how to switch camera location off on a phone now: it takes a minute.",
        fix="Remove the location from {photos}", habits=frozenset({"location"}), from_location=True,
        photo_only=True, must_go=True),
}


def kinds_where(test: str) -> frozenset[FactKind]:
    """The kinds whose declaration has ``test`` set ("must_go", "person", "from_location", …)."""
    return frozenset(k for k, d in KINDS.items() if getattr(d, test))


def in_order(rank: str) -> tuple[FactKind, ...]:
    """The kinds that have a ``rank`` ("fix_rank", "reveal"), in its order; those without it are left out."""
    return tuple(sorted((k for k, d in KINDS.items() if getattr(d, rank)), key=lambda k: getattr(KINDS[k], rank)))


def on_card() -> tuple[tuple[FactKind, Card], ...]:
    """The kinds a child's card tells, with how, in the card's order."""
    return tuple(sorted(((k, d.card) for k, d in KINDS.items() if d.card), key=lambda kc: kc[1].rank))


def grouped(k: FactKind) -> FactKind:
    """The kind a fact is told and fixed under (a birthday under the age)."""
    return KINDS[k].told_with or k


assert set(KINDS) == set(FactKind), "every kind of fact is declared in KINDS"  # noqa: S101 - fails at import
