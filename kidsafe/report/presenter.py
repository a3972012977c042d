"""The presenter's notes for a workshop: what to say, or ask the room, at each kind of reveal step."""

from __future__ import annotations

from kidsafe.kinds import KINDS, FactKind

OPENING = ("Introduce the family as made up. Ask the room to guess how much a stranger can work out from "
           "ordinary, proud posts, then press Next (or the right arrow key).")
CLOSING = ("Hand out the one-page sheet. Ask each person to pick one habit to start tonight, "
           "and to check their own last ten posts.")


def note(kind: FactKind | None) -> str:
    """What the presenter says at a step of this kind (None: the opening); the room sees the fact, the
    presenter reads its kind's ``Kind.note``."""
    return OPENING if kind is None else KINDS[kind].note
