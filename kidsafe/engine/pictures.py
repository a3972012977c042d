"""Faces in the pictures as evidence of a child's name.

A photo that shows a face and is tagged with a child's name (Google Photos ``people``) names that
child by itself: the face detector's count joined to the tag.
"""

from __future__ import annotations

from collections.abc import Sequence

from kidsafe.engine import lexicon as lx
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.people import Person
from kidsafe.engine.people_facts import ADVICE
from kidsafe.engine.text import fold
from kidsafe.engine.views import PostView
from kidsafe.models import Evidence, EvidenceSource, FactKind

FACE_TAG_CONFIDENCE = 0.8


def add_picture_facts(book: FactBook, family: Family, views: Sequence[PostView]) -> None:
    """Face evidence on the child_name fact of every tagged child whose photo shows a face."""
    for view in views:
        if not view.face_count or not view.people:
            continue
        for tag in view.people:
            person = _tagged_child(family, tag)
            if person is None:
                continue
            photo = next((ph.path for ph in view.post.photos if tag in ph.people), None)
            faces = view.face_count
            book.add(FactKind.CHILD_NAME, family.ids[person.key], person.name,
                     Evidence(post=view.id, source=EvidenceSource.FACE, excerpt=f"tagged as {tag}",
                              explanation=f"a photo showing {faces} face{'s' if faces > 1 else ''} is tagged "
                                          f"with {person.name}'s name", photo=photo),
                     FACE_TAG_CONFIDENCE, advice=ADVICE[FactKind.CHILD_NAME])


def _tagged_child(family: Family, tag: str) -> Person | None:
    """The family's child a people tag names (by first name or alias); None for anyone else."""
    words = tag.split()
    if not words or fold(words[0]) in lx.KIN_TITLES:
        return None
    forms = {fold(words[0]), fold(tag)}
    for person in family.cast.children:
        if forms & ({person.key} | {fold(a) for a in person.aliases}):
            return person
    return None
