"""The presenter's notes for a workshop: what to say, or ask the room, at each kind of reveal step."""

from __future__ import annotations

from kidsafe.models import FactKind

#: One note per kind of fact, in the presenter's voice; the room sees the fact, the presenter reads this.
NOTES: dict[FactKind, str] = {
    FactKind.CHILD_NAME: "Ask the room: would your child walk over to a stranger who calls them by name, "
                         "or by the nickname the family uses?",
    FactKind.SURNAME: "With a surname, the electoral roll, school newsletters and sports results open up.",
    FactKind.AGE: "An age and a birthday are what account recovery and identity fraud ask for. "
                  "Birthday posts give both at once.",
    FactKind.TOWN: "The town narrows millions of people down to a few thousand families.",
    FactKind.SCHOOL: "Point at the picture: a uniform, a sign or a hashtag is enough. "
                     "Now a stranger knows where the child is every weekday at 3pm.",
    FactKind.HOME: "Nobody posted an address. The photos taken at home carry it, to the street.",
    FactKind.PLACE: "Photos taken at the same place, week after week, put a pin on the map.",
    FactKind.ROUTINE: "Same day, same time, same place: a stranger can be waiting. Post after the event, "
                      "not while you are there.",
    FactKind.PARENT_NAME: "A parent's name lets a stranger sound like a friend of the family.",
    FactKind.RELATIVE: "'Nana sent me to pick you up': names of relatives make a stranger believable.",
    FactKind.PET: "The dog's name is a common password and a way to start a conversation with a child.",
    FactKind.FAVOURITE: "What a child loves is how a groomer starts a conversation.",
    FactKind.APPEARANCE: "A description and a face make a child easy to pick out of a crowd.",
    FactKind.OTHER_CHILD: "Another family's child is in the dossier too: their parents never agreed to it.",
    FactKind.SENSITIVE_IMAGE: "These pictures are collected and traded. The picture is blurred here on "
                              "purpose: do not show it.",
    FactKind.LOCATION_LEAK: "Show how to switch camera location off on a phone now: it takes a minute.",
}
OPENING = ("Introduce the family as made up. Ask the room to guess how much a stranger can work out from "
           "ordinary, proud posts, then press Next (or the right arrow key).")
CLOSING = ("Hand out the one-page sheet. Ask each person to pick one habit to start tonight, "
           "and to check their own last ten posts.")


def note(kind: FactKind | None) -> str:
    """What the presenter says at a step of this kind (None: the opening)."""
    return OPENING if kind is None else NOTES.get(kind, "Ask the room what a stranger could do with this.")
