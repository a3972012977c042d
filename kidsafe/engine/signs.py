"""Text in the pictures that places the family: street signs, house names and numbers, number plates.

Each becomes a ``place`` fact (role "other", with ``what`` saying which), located by the photo's GPS
when it has one. School signs are read by schools.py; names on cakes and certificates by people.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kidsafe.engine import lexicon as lx
from kidsafe.engine.facts import FactBook
from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY, Evidence, EvidenceSource, FactKind, Span

STREET_WORDS = lx.word_tuple("places", "street_sign_words")
HOUSE_WORDS = lx.word_tuple("places", "house_name_words")
_STREET = re.compile(r"^\s*(?:\d{1,4}[a-zA-Z]?\s+)?((?:[A-Z][A-Za-z'’\-]+\s+){1,3}(?:" + "|".join(STREET_WORDS)
                     + r"))\.?\s*$")
_HOUSE = re.compile(r"^\s*((?:The\s+)?(?:[A-Z][A-Za-z'’\-]+\s+){1,2}(?:" + "|".join(HOUSE_WORDS) + r"))\s*$")
_DOOR_NUMBER = re.compile(r"^\s*(?:No\.?\s*)?(\d{1,4}[a-zA-Z]?)\s*$")
#: UK (AB12 CDE) and common EU/US-style plates; spaces are often dropped by OCR.
_PLATE = re.compile(r"^\s*([A-Z]{2}\d{2}\s?[A-Z]{3}|[A-Z]{1,3}-[A-Z]{1,2}\s?\d{1,4}[A-Z]?|\d[A-Z]{3}\d{3})\s*$")
HOME_HINTS = lx.word_tuple("places", "home_hints")
ADVICE = "Signs, door numbers and number plates in a photo pin down where you live: crop or cover them."


def _title(text: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in text.split())


def _clues(view: PostView) -> list[tuple[str, str, str, str | None, Span]]:
    """(what, name, OCR line, photo, span of the line's words) for each sign read in the post's photos."""
    out = []
    homey = any(h in view.all_folded for h in HOME_HINTS)
    for index, part in enumerate(view.parts):
        if part.source is not EvidenceSource.OCR:
            continue
        line = _title(part.text)
        words = re.search(r"\S(?:.*\S)?", part.text)  # the whole line is the sign, less its outer spaces
        span = view.span(index, *words.span()) if words else view.span(index, 0, len(part.text))
        if m := _STREET.match(line):
            out.append(("street sign", m[1], part.text, part.photo, span))
        elif m := _HOUSE.match(line):
            out.append(("house name", m[1], part.text, part.photo, span))
        elif (m := _DOOR_NUMBER.match(part.text)) and homey:
            out.append(("door number", m[1], part.text, part.photo, span))
        elif m := _PLATE.match(part.text.upper()):
            out.append(("number plate", m[1], part.text, part.photo, span))
    return out


def add_sign_facts(book: FactBook, views: Sequence[PostView]) -> None:
    """A place fact for every street sign, house name, door number or number plate read in a photo."""
    for view in views:
        for what, name, line, photo, span in _clues(view):
            value = {"name": name, **(view.gps.as_dict() if view.gps else {}), "role": "other", "what": what}
            book.add(FactKind.PLACE, FAMILY, value,
                     Evidence(post=view.id, source=EvidenceSource.OCR, excerpt=line,
                              explanation=f"a {what} read in the photo", photo=photo, span=span),
                     0.6, key=f"sign:{what}:{name.casefold()}", advice=ADVICE)
