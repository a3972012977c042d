"""The advice a parent takes home: what to change so a stranger learns less. Shared by the app and the handout."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Advice:
    """One piece of advice: a short title and a sentence or two."""

    title: str
    text: str


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
           "what is cute at 4 can be painful at 14."),
    Advice("Blur or emoji faces",
           "Cover faces with an emoji or a blur, or share the moment without the face in it."),
    Advice("Vague captions",
           "Leave out full names, ages, birthdays, the school and the town. Post after the event, not "
           "while you are still there."),
    Advice("No bath or potty pictures",
           "Bath, potty, nappy and swimwear pictures are collected by the wrong people. "
           "Keep them off the internet altogether."),
    Advice("No public hashtags on them",
           "Hashtags such as #townmums or a school's name put your child in front of everyone who "
           "searches them."),
    Advice("Turn off camera location",
           "Photos carry the exact place they were taken. Switch location off in the camera app, "
           "or remove it before sharing."),
)
