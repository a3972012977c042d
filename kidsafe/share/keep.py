"""Which face may stay uncovered when the parent asks to keep one person's face.

The rule, kept deliberately narrow (a face is only ever kept when kidsafe can tell whose it is):

1. The photo shows exactly one face (as found at full resolution), and
2. either the photo is tagged (Google Photos ``people``) with that person and nobody else,
3. or the photo has no tags, it is the post's only photo, and the post names that child and
   no other person (no other child, friend, relative or parent in the dossier's evidence).

Every other face is covered, the chosen person's included. A name that matches no child and
no tag keeps nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kidsafe.engine.text import fold
from kidsafe.kinds import kinds_where
from kidsafe.models import Dossier, FactKind, Photo, Post, Subject

PEOPLE_KINDS = kinds_where("person")  # facts that name a person (``Kind.person``)


@dataclass(frozen=True)
class KeepRule:
    """The person whose face may stay, by folded name forms, and the posts that name only them."""

    name: str | None = None
    keys: frozenset[str] = field(default_factory=frozenset)
    only_posts: frozenset[str] = field(default_factory=frozenset)

    @property
    def found(self) -> bool:
        """True when the name matched a child or a tag of the feed."""
        return bool(self.keys)

    def keeps(self, post: Post, photo: Photo, faces: int) -> bool:
        """Whether the one face of this photo may stay uncovered."""
        if not self.keys or faces != 1:
            return False
        if photo.people:
            tagged = {_first(t) for t in photo.people} | {fold(t) for t in photo.people}
            return len(photo.people) == 1 and bool(tagged & self.keys)
        return len(post.photos) == 1 and post.id in self.only_posts


def _first(tag: str) -> str:
    words = tag.split()
    return fold(words[0]) if words else ""


def keep_rule(name: str | None, dossier: Dossier, posts: Iterable[Post]) -> KeepRule:
    """The rule for ``name`` (a child's name or alias, or a name tagged on photos)."""
    if not name or not name.strip():
        return KeepRule()
    wanted = fold(name.strip())
    child = next((s for s in dossier.children if wanted in _forms(s)), None)
    if child is not None:
        keys = frozenset(_forms(child))
        return KeepRule(name=name, keys=keys, only_posts=_only_posts(child, dossier))
    tags = {t for p in posts for ph in p.photos for t in ph.people}
    if any(wanted in (fold(t), _first(t)) for t in tags):
        return KeepRule(name=name, keys=frozenset({wanted}))
    return KeepRule(name=name)


def _forms(subject: Subject) -> set[str]:
    names = [subject.name or "", *subject.aliases]
    return {fold(n) for n in names if n} | {_first(n) for n in names if n}


def _only_posts(child: Subject, dossier: Dossier) -> frozenset[str]:
    """Posts whose people evidence names this child and nobody else."""
    mine: set[str] = set()
    others: set[str] = set()
    for fact in dossier.facts:
        if fact.kind not in PEOPLE_KINDS:
            continue
        if fact.kind is FactKind.CHILD_NAME and fact.subject == child.id:
            mine.update(fact.posts)
        else:
            others.update(fact.posts)
    return frozenset(mine - others)
