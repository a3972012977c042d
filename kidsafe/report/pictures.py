"""Faces per post: how many show, who is tagged, and whether several children are in the picture.

``face_report(result)`` reads an audit's face findings and Google Photos people tags. A post
flags ``several_children`` (other families' children need their parents' consent) when:

- three or more faces show (a group shot), or
- two or more faces show and the post names or tags two or more children (the family's own or
  other children), or
- faces were not checked and the post names or tags two or more children.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kidsafe.engine.text import fold
from kidsafe.models import Dossier, FactKind, Post

if TYPE_CHECKING:  # the pipeline imports the detectors lazily; only the type is needed here
    from kidsafe.pipeline import AuditResult

GROUP_FACES = 3


@dataclass(frozen=True, slots=True)
class PostFaces:
    """One post's faces: how many show (None when not checked), who is tagged, which children it names."""

    post: str
    faces: int | None
    tagged_people: tuple[str, ...]
    several_children: bool
    children: tuple[str, ...] = ()


def face_report(result: AuditResult) -> list[PostFaces]:
    """One PostFaces per post with photos, in feed order (from an audit run with faces on).

    ``faces`` is None for a post none of whose photos the detectors read.
    """
    out = []
    for post in result.posts:
        if not post.photos:
            continue
        counts = [len(result.findings[p.path].faces) for p in post.photos if p.path in result.findings]
        out.append(post_faces(post, sum(counts) if counts else None, result.dossier))
    return out


def post_faces(post: Post, faces: int | None, dossier: Dossier) -> PostFaces:
    """The PostFaces of one post, given how many faces its photos show."""
    tagged = tuple(dict.fromkeys(t for ph in post.photos for t in ph.people))
    children = children_in(post, dossier)
    others = sum(1 for f in dossier.facts_of_kind(FactKind.OTHER_CHILD) if post.id in f.posts)
    named = len(children) + others
    if faces is None:
        several = named >= 2
    else:
        several = faces >= GROUP_FACES or (faces >= 2 and named >= 2)
    return PostFaces(post=post.id, faces=faces, tagged_people=tagged, several_children=several, children=children)


def children_in(post: Post, dossier: Dossier) -> tuple[str, ...]:
    """Names of the family's children that the post names (dossier evidence) or tags on its photos."""
    names: list[str] = []
    tag_forms = {fold(w) for ph in post.photos for t in ph.people for w in (t, *t.split()[:1])}
    for child in dossier.children:
        forms = {fold(n) for n in (child.name or "", *child.aliases) if n}
        named = any(f.subject == child.id and post.id in f.posts for f in dossier.facts_of_kind(FactKind.CHILD_NAME))
        if named or forms & tag_forms:
            names.append(child.name or child.id)
    return tuple(names)


def several_children_posts(report: Sequence[PostFaces]) -> list[str]:
    """Ids of the posts that show several children."""
    return [p.post for p in report if p.several_children]
