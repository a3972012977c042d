"""What the safe share's three checks of its copy left, and what the parent can do about each.

The copy is checked three ways: a fresh audit of it (nothing the parent chose to hide comes back),
the word check (none of the family's words anywhere in it) and the metadata check (no EXIF, GPS,
XMP, IPTC, comments or thumbnails in any photo; no face left uncovered). The copy is "safe" only
when all three ran and left nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

AUDIT, WORDS, METADATA = "audit", "words", "metadata"
CHECKS = (AUDIT, WORDS, METADATA)
CHECK_WORDS = {AUDIT: "a fresh audit of the copy", WORDS: "the family's names and places looked for in every text",
               METADATA: "hidden data and faces in every photo"}

TODO = {
    "caption": "rewrite the caption by hand before posting it, or leave this post out",
    "word": "rewrite it by hand, or keep the word if it means something else here",
    "photo": "leave this photo out, or cover it by hand",
    "location": "leave this photo out: it still shows where it was taken",
    "copy": "make the safe copy again; if this stays, do not share the copy",
    "sensitive": "leave this post out (you put it back by hand)",
}
"""What the parent can do, by kind of remaining item."""


@dataclass(frozen=True, slots=True)
class Remaining:
    """One thing a check still finds in the copy: which check, on which post of the copy, what, what to do."""

    check: str
    post: str | None
    what: str
    todo: str

    @property
    def line(self) -> str:
        """One line for people: "post 4: a child's name is still there (rewrite it…)"."""
        where = f"post {self.post}: " if self.post else ""
        return f"{where}{self.what} ({self.todo})"

    def as_dict(self) -> dict[str, str | None]:
        """The item in report.json."""
        return {"check": self.check, "post": self.post, "what": self.what, "todo": self.todo}


def remaining(check: str, post: str | None, what: str, todo: str) -> Remaining:
    """A remaining item, its advice looked up by kind (``todo`` may also be the advice itself)."""
    return Remaining(check, post, what, TODO.get(todo, todo))
