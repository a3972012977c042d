"""Fix it, by what it stops: one action per thing a stranger knows, grouped by child, the worst first.

A parent reads "Take the school out of 2 posts", not forty-four ticks. Facts a parent fixes together
are one group: a child's age, birthday and birth year; a child's favourites; the photos that carry
their position. Each group keeps the changes, post by post, that take its facts out of the dossier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kidsafe.kinds import KINDS, grouped, in_order
from kidsafe.models import FAMILY, Dossier, Fact, FactKind
from kidsafe.pipeline import AuditResult
from kidsafe.report.fixes import Fix, fixes_for
from kidsafe.report.plain import counted, favourites, weekly_time
from kidsafe.report.summary import from_account

#: The worst first (``Kind.fix_rank``): what lets a stranger find or harm a child, then what lets them sound familiar.
SEVERITY = in_order("fix_rank")


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
        return _action(self)


def _n(group: FixGroup, noun: str = "post") -> str:
    return counted(len(group.posts), noun)


def _the_n(group: FixGroup, noun: str) -> str:
    """'the photo' or 'the 3 photos'."""
    return f"the {noun}" if len(group.posts) == 1 else f"the {_n(group, noun)}"


def _place(group: FixGroup) -> str:
    value = group.facts[0].value if isinstance(group.facts[0].value, dict) else {}
    where = f"at {value['name']}" if value.get("name") else f"where {group.who} goes again and again"
    return f"Remove the location from {_the_n(group, 'photo')} taken {where}"


def _possessive(who: str) -> str:
    return "the family's" if who == "the family" else f"{who}'s"


#: The actions a template cannot say (``Kind.fix`` names them).
ACTIONS: dict[str, Callable[[FixGroup], str]] = {
    "sensitive": lambda g: f"Delete the {g.facts[0].value} picture" + (f" ({_n(g)})" if len(g.posts) > 1 else ""),
    "place": _place,
}


def _action(group: FixGroup) -> str:
    """The group's action: ``Kind.fix`` filled for the group ({posts}, {photos}, {who}, {value}, …)."""
    fix = KINDS[group.kind].fix
    if fix in ACTIONS:
        return ACTIONS[fix](group)
    value = group.facts[0].value
    weekly = value if isinstance(value, dict) else {}
    return fix.format(posts=_n(group), photos=_n(group, "photo"), the_photos=_the_n(group, "photo"), who=group.who,
                      whose=_possessive(group.who), value=value, loved=favourites([str(f.value) for f in group.facts]),
                      when=weekly_time(weekly.get("weekday"), weekly.get("time")))


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
            mine = [f for f in facts if grouped(f.kind) is kind]
            bunches = [mine] if KINDS[kind].together and mine else [[f] for f in mine]
            for i, bunch in enumerate(bunches):
                fixes = fixes_for(result, bunch)
                if fixes:
                    out.append(FixGroup(subject, _who(dossier, subject), kind, tuple(bunch), fixes, i))
    return tuple(out)


def chosen_fixes(groups: tuple[FixGroup, ...], ticked: Callable[[FixGroup], bool]) -> tuple[Fix, ...]:
    """The fixes of every ticked group (a change shared by two groups is made when either is ticked)."""
    return tuple(f for g in groups if ticked(g) for f in g.fixes)


def account_fixes(dossier: Dossier) -> tuple[str, ...]:
    """What to change outside the posts: a name read from the account's profile stays whatever the posts say,
    so no re-audit takes it away."""
    return tuple(f"Show a nickname or initials instead of {f.value} as your account's name: it is public even "
                 "when your posts are private." for f in dossier.facts if from_account(f))
