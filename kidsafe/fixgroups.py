"""Fix it, by what it stops: one action per thing a stranger knows, grouped by child, the worst first.

A parent reads "Take the school out of 2 posts", not forty-four ticks. Facts a parent fixes together
are one group: a child's age, birthday and birth year; a child's favourites; the photos that carry
their position. Each group keeps the changes, post by post, that take its facts out of the dossier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kidsafe.fixes import Fix, fixes_for
from kidsafe.models import FAMILY, Dossier, Fact, FactKind
from kidsafe.pipeline import AuditResult
from kidsafe.plain import favourites, weekly_time

#: The worst first: what lets a stranger find or harm a child, then what lets them sound familiar.
SEVERITY = (
    FactKind.SENSITIVE_IMAGE, FactKind.HOME, FactKind.SCHOOL, FactKind.ROUTINE, FactKind.PLACE, FactKind.CHILD_NAME,
    FactKind.SURNAME, FactKind.AGE, FactKind.TOWN, FactKind.LOCATION_LEAK, FactKind.OTHER_CHILD,
    FactKind.RELATIVE, FactKind.PARENT_NAME, FactKind.PET, FactKind.FAVOURITE, FactKind.APPEARANCE,
)
#: Kinds fixed together with another kind of the same subject.
FIXED_WITH = {FactKind.BIRTHDAY: FactKind.AGE, FactKind.BIRTH_YEAR: FactKind.AGE}
#: Kinds whose facts of one subject make one group (the others: one group per fact).
TOGETHER = frozenset({FactKind.AGE, FactKind.FAVOURITE, FactKind.LOCATION_LEAK})


@dataclass(frozen=True, slots=True)
class FixGroup:
    """One thing a stranger knows (or a few fixed together), whose it is, and the changes that take it away."""

    subject: str
    who: str
    kind: FactKind
    facts: tuple[Fact, ...]
    fixes: tuple[Fix, ...]
    index: int  # its place among the groups of its subject and kind: keys stay stable between reruns

    @property
    def key(self) -> str:
        """A stable id of the group."""
        return f"{self.subject}:{self.kind}:{self.index}"

    @property
    def posts(self) -> tuple[str, ...]:
        """The posts the changes touch, in the order of the fixes."""
        return tuple(dict.fromkeys(f.post for f in self.fixes))

    @property
    def action(self) -> str:
        """The one thing to do, in words ("Take the school out of 2 posts")."""
        return ACTIONS.get(self.kind, _take_out("this"))(self)


def _n(group: FixGroup, noun: str = "post") -> str:
    n = len(group.posts)
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _the_n(group: FixGroup, noun: str) -> str:
    """'the photo' or 'the 3 photos'."""
    return f"the {noun}" if len(group.posts) == 1 else f"the {_n(group, noun)}"


def _take_out(what: str | Callable[[FixGroup], str]) -> Callable[[FixGroup], str]:
    def say(group: FixGroup) -> str:
        words = what(group) if callable(what) else what
        return f"Take {words} out of {_n(group)}"
    return say


def _place(group: FixGroup) -> str:
    value = group.facts[0].value if isinstance(group.facts[0].value, dict) else {}
    where = f"at {value['name']}" if value.get("name") else f"where {group.who} goes again and again"
    return f"Remove the location from {_the_n(group, 'photo')} taken {where}"


def _routine(group: FixGroup) -> str:
    value = group.facts[0].value if isinstance(group.facts[0].value, dict) else {}
    when = weekly_time(value.get("weekday"), value.get("time"))
    return f"Hide {group.who}'s {when}: remove the location from {_n(group, 'photo')}, or post them later"


def _possessive(who: str) -> str:
    return "the family's" if who == "the family" else f"{who}'s"


ACTIONS: dict[FactKind, Callable[[FixGroup], str]] = {
    FactKind.SENSITIVE_IMAGE: lambda g: f"Delete the {g.facts[0].value} picture"
                                        + (f" ({_n(g)})" if len(g.posts) > 1 else ""),
    FactKind.HOME: lambda g: f"Remove the location from {_the_n(g, 'photo')} taken at home",
    FactKind.SCHOOL: _take_out("the school"),
    FactKind.ROUTINE: _routine,
    FactKind.PLACE: _place,
    FactKind.CHILD_NAME: _take_out(lambda g: f"{_possessive(g.who)} name"),
    FactKind.SURNAME: _take_out("the family name"),
    FactKind.AGE: _take_out(lambda g: f"{_possessive(g.who)} age and birthday"),
    FactKind.TOWN: _take_out("the town"),
    FactKind.LOCATION_LEAK: lambda g: f"Remove the location from {_n(g, 'photo')}",
    FactKind.OTHER_CHILD: _take_out(lambda g: f"{g.facts[0].value}'s name (another family's child)"),
    FactKind.RELATIVE: _take_out(lambda g: f"{g.facts[0].value}'s name"),
    FactKind.PARENT_NAME: _take_out(lambda g: f"{g.facts[0].value}'s name"),
    FactKind.PET: _take_out(lambda g: f"the pet's name, {g.facts[0].value},"),
    FactKind.FAVOURITE: _take_out(lambda g: f"what {g.who} loves ({favourites([str(f.value) for f in g.facts])})"),
    FactKind.APPEARANCE: _take_out(lambda g: f"how {g.who} looks"),
}


def _who(dossier: Dossier, subject_id: str) -> str:
    subject = dossier.subject(subject_id)
    if subject is None or subject.kind != "child":
        return "the family"
    return subject.name or "your child"


def fix_groups(result: AuditResult) -> tuple[FixGroup, ...]:
    """Every group of facts with the changes that take it away: children in order, then the family; worst first."""
    dossier = result.dossier
    subjects = [c.id for c in dossier.children] + [FAMILY]
    subjects += [s.id for s in dossier.subjects if s.id not in subjects]
    out = []
    for subject in subjects:
        facts = dossier.facts_about(subject)
        for kind in SEVERITY:
            mine = [f for f in facts if FIXED_WITH.get(f.kind, f.kind) is kind]
            bunches = [mine] if kind in TOGETHER and mine else [[f] for f in mine]
            for i, bunch in enumerate(bunches):
                fixes = fixes_for(result, bunch)
                if fixes:
                    out.append(FixGroup(subject, _who(dossier, subject), kind, tuple(bunch), fixes, i))
    return tuple(out)


def chosen_fixes(groups: tuple[FixGroup, ...], ticked: Callable[[FixGroup], bool]) -> tuple[Fix, ...]:
    """The fixes of every ticked group (a change shared by two groups is made when either is ticked)."""
    return tuple(f for g in groups if ticked(g) for f in g.fixes)
