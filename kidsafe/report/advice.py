"""The advice a parent takes home: what to change so a stranger learns less. Shared by the app and the handout."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kidsafe.kinds import KINDS, FactKind
from kidsafe.models import Dossier

#: The take-home handout and the workshop's last step give this many habits.
HABITS_SHOWN = 5
@dataclass(frozen=True, slots=True)
class Advice:
    """One piece of advice: a short title, a sentence or two, and its key in ``Kind.habits``."""

    title: str
    text: str
    key: str = ""

    @property
    def stops(self) -> frozenset[FactKind]:
        """The kinds of fact it keeps from a stranger: those that name it among their habits."""
        return frozenset(k for k, d in KINDS.items() if self.key and self.key in d.habits)


#: In the order a workshop presents them, after the dossier has been revealed.
ADVICE: tuple[Advice, ...] = (
    Advice("Think like a stranger",
           "Before you post, ask what someone who has never met you learns from this post, added to "
           "everything you posted before. Small details add up."),
    Advice("Private is not safe",
           "Private accounts still have followers you barely know, and screenshots travel. "
           "Post as if it were public."),
    Advice("Ask your child",
           "Children can say whether they want a picture shared. Ask them, and respect the answer: "
           "what is cute at 4 can be painful at 14.", "ask"),
    Advice("Blur or emoji faces",
           "Cover faces with an emoji or a blur, or share the moment without the face in it.",
           "faces"),
    Advice("Vague captions",
           "Leave out full names, ages, birthdays, the school and the town. Post after the event, not "
           "while you are still there.", "vague captions"),
    Advice("No bath or potty pictures",
           "Bath, potty, nappy and swimwear pictures are collected by the wrong people. "
           "Keep them off the internet altogether.", "no bath"),
    Advice("No public hashtags on them",
           "Hashtags such as #townmums or a school's name put your child in front of everyone who "
           "searches them.", "hashtags"),
    Advice("Turn off camera location",
           "Photos carry the exact place they were taken. Switch location off in the camera app, "
           "or remove it before sharing.",
           "location"),
)


def habits(dossier: Dossier, n: int = HABITS_SHOWN) -> tuple[Advice, ...]:
    """The ``n`` habits that stop most of this dossier's facts, the one that stops most first.

    Advice that stops none of its facts fills the list in its usual order: it is still good advice.
    """
    kinds = Counter(f.kind for f in dossier.facts)
    stopped = {a: sum(kinds[k] for k in a.stops) for a in ADVICE}
    useful = sorted((a for a in ADVICE if stopped[a]), key=lambda a: -stopped[a])
    chosen = useful[:n] + [a for a in ADVICE if not stopped[a]][:max(0, n - len(useful))]
    return tuple(chosen)
