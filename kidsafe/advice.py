"""The advice a parent takes home: what to change so a stranger learns less. Shared by the app and the handout."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kidsafe.models import Dossier, FactKind

#: The take-home handout and the workshop's last step give this many habits.
HABITS_SHOWN = 5
#: What a caption gives away when it names it.
CAPTION_KINDS = frozenset({
    FactKind.CHILD_NAME, FactKind.SURNAME, FactKind.AGE, FactKind.BIRTHDAY, FactKind.BIRTH_YEAR, FactKind.SCHOOL,
    FactKind.TOWN, FactKind.RELATIVE, FactKind.PARENT_NAME, FactKind.PET, FactKind.FAVOURITE,
    FactKind.OTHER_CHILD})


@dataclass(frozen=True, slots=True)
class Advice:
    """One piece of advice: a short title, a sentence or two, and the kinds of fact it keeps from a stranger."""

    title: str
    text: str
    stops: frozenset[FactKind] = frozenset()


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
           "what is cute at 4 can be painful at 14.", frozenset({FactKind.SENSITIVE_IMAGE, FactKind.APPEARANCE})),
    Advice("Blur or emoji faces",
           "Cover faces with an emoji or a blur, or share the moment without the face in it.",
           frozenset({FactKind.APPEARANCE, FactKind.OTHER_CHILD})),
    Advice("Vague captions",
           "Leave out full names, ages, birthdays, the school and the town. Post after the event, not "
           "while you are still there.", CAPTION_KINDS),
    Advice("No bath or potty pictures",
           "Bath, potty, nappy and swimwear pictures are collected by the wrong people. "
           "Keep them off the internet altogether.", frozenset({FactKind.SENSITIVE_IMAGE})),
    Advice("No public hashtags on them",
           "Hashtags such as #townmums or a school's name put your child in front of everyone who "
           "searches them.", frozenset({FactKind.SCHOOL, FactKind.TOWN, FactKind.SURNAME})),
    Advice("Turn off camera location",
           "Photos carry the exact place they were taken. Switch location off in the camera app, "
           "or remove it before sharing.",
           frozenset({FactKind.HOME, FactKind.PLACE, FactKind.LOCATION_LEAK, FactKind.ROUTINE})),
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
