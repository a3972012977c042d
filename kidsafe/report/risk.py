"""A risk level per child, with its reasons in plain words: each rule a small function over the dossier."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kidsafe.kinds import KINDS, in_order
from kidsafe.models import FAMILY, Dossier, Fact, FactKind, Subject
from kidsafe.report.plain import photos_carry_place
from kidsafe.report.summary import describe_value

LEVELS = ("low", "medium", "high")
#: How the level is said on screen and on paper: a word and a sign, never a colour alone.
LEVEL_LABELS = {"low": "Low", "medium": "Medium", "high": "High"}
LEVEL_SIGNS = {"low": "●", "medium": "▲", "high": "■"}


def finding_kinds() -> dict[FactKind, str]:
    """Facts that tell a stranger where to find the child, and how each is said (``Kind.finds``), worst first."""
    return {k: KINDS[k].finds for k in in_order("fix_rank") if KINDS[k].finds}


def rapport_kinds() -> dict[FactKind, str]:
    """Facts a stranger uses to sound like a friend of the family ("your nana sent me"): ``Kind.rapport``."""
    said = sorted((d.rapport, k) for k, d in KINDS.items() if d.rapport)
    return {k: words for (_, words), k in said}


@dataclass(frozen=True, slots=True)
class Risk:
    """How exposed a child is (low, medium, high) and why, in sentences a parent reads."""

    level: str
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        """The level as shown: a sign and a word ("■ High")."""
        return f"{LEVEL_SIGNS[self.level]} {LEVEL_LABELS[self.level]}"


Rule = Callable[[Subject, tuple[Fact, ...], tuple[Fact, ...]], tuple[str, str] | None]


def _words(child: Subject) -> dict[str, str]:
    """Pronoun and verb forms for the child's sentences (a name when the feed does not say boy or girl)."""
    if child.gender in ("girl", "boy"):
        return {"they": "she" if child.gender == "girl" else "he", "s": "s", "es": "es", "are": "is"}
    return {"they": "they", "s": "", "es": "", "are": "are"}


def _kinds(facts: tuple[Fact, ...]) -> set[FactKind]:
    return {f.kind for f in facts if f.confidence >= 0.5}


def _named(own: tuple[Fact, ...]) -> bool:
    """Whether the dossier is sure of the child's name: a stranger must know it to find them or sound familiar."""
    return FactKind.CHILD_NAME in _kinds(own)


def findable(child: Subject, own: tuple[Fact, ...], family: tuple[Fact, ...]) -> tuple[str, str] | None:
    """High when the child is named and a stranger also knows where to find them."""
    kinds = _kinds(own) | (_kinds(family) & {FactKind.HOME})  # the family's home is the child's
    where = [text.format(**_words(child)) for kind, text in finding_kinds().items() if kind in kinds]
    if not _named(own) or not where:
        return None
    return "high", f"A stranger knows {child.name}'s name and {_join(where)}."


def sensitive(child: Subject, own: tuple[Fact, ...], family: tuple[Fact, ...]) -> tuple[str, str] | None:
    """High when a sensitive picture of the child is public; medium for one of the family's children."""
    kind = FactKind.SENSITIVE_IMAGE
    mine = [str(f.value) for f in own if f.kind is kind]
    if mine:
        return "high", f"A {_join(sorted(set(mine)))} picture of {child.name} is public."
    theirs = [str(f.value) for f in family if f.kind is kind]
    if theirs:
        return "medium", f"The family's posts hold a {_join(sorted(set(theirs)))} picture of the children."
    return None


def rapport(child: Subject, own: tuple[Fact, ...], family: tuple[Fact, ...]) -> tuple[str, str] | None:
    """Medium when a stranger knows enough to sound like a friend of the family."""
    kinds = _kinds(own) | _kinds(family)
    known = list(dict.fromkeys(label for kind, label in rapport_kinds().items() if kind in kinds))
    if not _named(own) or len(known) < 2:
        return None
    return "medium", f"A stranger could sound like a friend: they know {child.name}'s {_join(known)}."


def town(child: Subject, own: tuple[Fact, ...], family: tuple[Fact, ...]) -> tuple[str, str] | None:
    """Medium when the family's town is known."""
    towns = [describe_value(f) for f in family + own if f.kind is FactKind.TOWN and f.confidence >= 0.5]
    if not towns:
        return None
    return "medium", f"The town is known: {_join(list(dict.fromkeys(towns)))}."


def gps_photos(child: Subject, own: tuple[Fact, ...], family: tuple[Fact, ...]) -> tuple[str, str] | None:
    """Medium when the family's photos carry GPS positions."""
    leaks = sum(1 for f in family if f.kind is FactKind.LOCATION_LEAK)
    if not leaks:
        return None
    return "medium", photos_carry_place(leaks) + "."


#: The rules, each returning (level, reason) or None; adding a rule is one line here.
RULES: tuple[Rule, ...] = (findable, sensitive, rapport, town, gps_photos)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def assess(dossier: Dossier, subject_id: str) -> Risk:
    """The risk level of one child of the dossier, with every reason that raised it."""
    child = dossier.subject(subject_id)
    if child is None or child.kind != "child":
        raise ValueError(f"not a child of this dossier: {subject_id}")
    own, family = dossier.facts_about(subject_id), dossier.facts_about(FAMILY)
    found = [r for rule in RULES if (r := rule(child, own, family)) is not None]
    if not found:
        return Risk("low", (f"Little in these posts ties {child.name} to a place or a date.",))
    level = max((lvl for lvl, _ in found), key=LEVELS.index)
    ordered = sorted(found, key=lambda r: -LEVELS.index(r[0]))
    return Risk(level, tuple(reason for _, reason in ordered))
