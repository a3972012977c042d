"""Collecting evidence into facts, and deciding which child a post is about."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kidsafe.engine.people import Cast, Person
from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY, Evidence, Fact, FactKind, Subject

_BOY = re.compile(r"\b(?:he|him|his|boy|son|brother|bro|lad|(?:little|wee|young)\s+(?:man|mister))\b")
_GIRL = re.compile(r"\b(?:she|her|girl|daughter|sister|sis|lass|little\s+(?:lady|miss)|wee\s+lass)\b")
#: A child called by an initial ("Little Miss E", "Mr T"): the girl or boy whose name starts with it.
_INITIAL = re.compile(r"\b(?:(Miss)|Mr|Master|Mister)\.?\s+([A-Z])\b(?!\.\s*[A-Z][a-z])")
#: Words for the youngest or the eldest child, English and Filipino (folded).
_YOUNGEST = re.compile(r"\b(?:(?:our|my|the)\s+youngest|bunso|our\s+last\s*-?\s*born|lastborn"
                       r"|the\s+baby\s+of\s+the\s+family)\b")
_ELDEST = re.compile(r"\b(?:(?:our|my|the)\s+(?:eldest|oldest)|panganay|our\s+first\s*-?\s*born|firstborn)\b")
#: Words for a baby not named ("bub loving the bath"); "baby girl" is said of children of any age.
_BABY = re.compile(r"\b(?:baby|bub|bubs|bubba|newborn|little fella)\b(?!\s+(?:girl|boy|shark|shower|group|sensory|class|wipes))")


def combine(confidences: Iterable[float]) -> float:
    """Confidence of a claim backed by independent pieces of evidence: 1 - prod(1 - c)."""
    miss = 1.0
    for c in confidences:
        miss *= 1.0 - max(0.0, min(1.0, c))
    return 1.0 - miss


@dataclass
class _Draft:
    kind: FactKind
    subject: str
    value: Any
    evidence: list[Evidence] = field(default_factory=list)
    seen: set[Evidence] = field(default_factory=set)
    weights: dict[str, float] = field(default_factory=dict)  # post -> best confidence from it
    advice: str = ""


class FactBook:
    """Facts being built: the same claim from several posts becomes one fact with more evidence."""

    def __init__(self) -> None:
        self._drafts: dict[tuple[str, str, str], _Draft] = {}
        self.towns_weighed: list[str] = []
        """Places weighed as the family's town and not claimed (``Dossier.towns_weighed``)."""

    def add(self, kind: FactKind, subject: str, value: Any, evidence: Evidence, confidence: float,
            *, key: str | None = None, advice: str = "") -> None:
        """Add one piece of evidence for a claim; ``key`` says which claims are the same one."""
        k = (str(kind), subject, key if key is not None else str(value).casefold())
        draft = self._drafts.setdefault(k, _Draft(kind=kind, subject=subject, value=value, advice=advice))
        if evidence not in draft.seen:
            draft.seen.add(evidence)
            draft.evidence.append(evidence)
        draft.weights[evidence.post] = max(draft.weights.get(evidence.post, 0.0), confidence)

    def take(self, other: FactBook) -> None:
        """Add the claims of a book filled apart (the town, read early), after this book's own."""
        self.towns_weighed += [t for t in other.towns_weighed if t not in self.towns_weighed]
        for (kind, subject, key), draft in other._drafts.items():
            for evidence in draft.evidence:
                self.add(draft.kind, subject, draft.value, evidence, draft.weights[evidence.post], key=key,
                         advice=draft.advice)

    def facts(self, keep: Callable[[FactKind, float], bool] | None = None) -> list[Fact]:
        """The finished facts, each with a confidence that rises with independent posts."""
        out = []
        for d in self._drafts.values():
            conf = combine(d.weights.values())
            if keep is None or keep(d.kind, conf):
                out.append(Fact(kind=d.kind, subject=d.subject, value=d.value, confidence=round(conf, 3),
                                evidence=tuple(d.evidence), advice=d.advice))
        return out


@dataclass
class Family:
    """The family's children as dossier subjects, and how to tell which one a post is about."""

    cast: Cast
    ids: dict[str, str]  # person key -> subject id
    birth_years: dict[str, int] = field(default_factory=dict)  # subject id -> year, once ages are known
    text_posts: int = 0  # posts with words: in a feed too small for the learned models, the rules decide

    @classmethod
    def from_cast(cls, cast: Cast) -> Family:
        """Number the children child-1, child-2… in order of first mention."""
        return cls(cast=cast, ids={p.key: f"child-{i}" for i, p in enumerate(cast.children, 1)})

    def subjects(self) -> tuple[Subject, ...]:
        """Subjects for the dossier: each child, then the family."""
        kids = [Subject(id=self.ids[p.key], kind="child", name=p.name, aliases=tuple(sorted(p.aliases)),
                        gender=p.gender) for p in self.cast.children]
        return (*kids, Subject(id=FAMILY, kind="family"))

    def person(self, subject_id: str) -> Person | None:
        """The child behind a subject id."""
        return next((p for p in self.cast.children if self.ids[p.key] == subject_id), None)

    def children_in(self, view: PostView) -> list[Person]:
        """Children named or tagged in the post."""
        return [p for p in self.cast.by_post.get(view.id, []) if p.role == "child"]

    def about_most(self, views: Iterable[PostView]) -> str:
        """The child most of these posts are about; FAMILY when none of them tells."""
        votes = Counter(self.about(v) for v in views)
        votes.pop(FAMILY, None)
        return votes.most_common(1)[0][0] if votes else FAMILY

    def about(self, view: PostView, near: int | None = None, part: int = 0) -> str:
        """Which child a post (or the words at ``near``) is about; FAMILY when it cannot tell."""
        kids = self.children_in(view)
        if len(kids) == 1:
            return self.ids[kids[0].key]
        if len(kids) > 1 and near is not None:
            best = min(kids, key=lambda p: min(
                (abs(m.start - near) for m in p.in_post(view.id) if m.part == part),
                default=10**6))
            return self.ids[best.key]
        if kids:
            return FAMILY
        children = self.cast.children
        for part in view.parts:
            for m in _INITIAL.finditer(part.text):
                gender = "girl" if m[1] else "boy"
                named = [p for p in children if p.gender in (gender, None)
                         and any(n[:1] == m[2] for n in (p.name, *p.aliases))]
                if len(named) == 1:
                    return self.ids[named[0].key]
        text = view.all_folded
        if view.posted_local is not None and _BABY.search(text):
            babies = [s for s, born in self.birth_years.items() if 0 <= view.posted_local.year - born <= 1]
            if len(babies) == 1:
                return babies[0]  # "bub in the bath": the family's only baby at the time
        order = _YOUNGEST.search(text) and max or _ELDEST.search(text) and min
        if order and view.posted_local is not None and len(self.birth_years) >= 2:
            born = {s: y for s, y in self.birth_years.items() if y <= view.posted_local.year}
            pick = order(born.values(), default=None)
            ranked = [s for s, y in born.items() if y == pick]
            if len(ranked) == 1 and len(born) >= 2:
                return ranked[0]  # "bath time for our youngest", "bunso", "panganay": by birth order
        boy, girl = len(_BOY.findall(text)), len(_GIRL.findall(text))
        gender = "boy" if boy > girl else "girl" if girl > boy else None
        if gender:
            same = [p for p in children if p.gender == gender]
            if len(same) == 1:
                return self.ids[same[0].key]
        if len(children) == 1:
            return self.ids[children[0].key]
        return FAMILY
