"""A part of a town named by capitalised common words after "in", "at", "from"… ("in Elm Vale", "in the Upper
Ward"): each word alone is English, so no gazetteer or rare-word net reads it, but two capitals in a row after a
word of place are a place's name. The name goes with its "the" ("in the Upper Ward" -> "in a place nearby").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from kidsafe.engine import lexicon as lx
from kidsafe.engine.net.shapes import protected_spans, sentence_start
from kidsafe.engine.text import fold

PLACE_BEFORE = re.compile(r"(?i:\b(?:in|at|from|near|around|outside)\s+)((?:the\s+)?)$")
RUN = re.compile(r"[A-Z][a-z'’\-]+(?:[ \t]+[A-Z][a-z'’\-]+){1,2}(?![\w'’]*[ \t]+[A-Z])")
"""Two or three capitalised words, and no more after them (a longer run is a title)."""
NOT_IN_A_PLACE_NAME = frozenset({*lx.WEEKDAY_FORMS, *lx.MONTH_FORMS, *lx.KIN_TITLES, *lx.KIN_TITLE_SECOND,
                                 *lx.PARENT_WORDS, *lx.ADULT_HONORIFICS, *lx.SCHOOL_TYPE_WORDS, "year", "grade",
                                 "christmas", "easter", "school"})
"""Words that make a capitalised run a time, a person or a school ("in Year Two", "at Christmas Eve", "with
Auntie Rowan", "at Oak Primary"): other nets' or no place."""


def place_runs(caption: str, known: Collection[str] = ()) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of capitalised words after a word of place, its "the" included; none of ``known``
    (folded words kept by hand or already placed)."""
    protected = protected_spans(caption, titles=False)  # RUN itself leaves out longer runs
    for m in RUN.finditer(caption):
        before = PLACE_BEFORE.search(caption[max(0, m.start() - 20):m.start()])
        words = [fold(w) for w in m[0].split()]
        if not before or sentence_start(caption, m.start()) or any(a <= m.start() < b for a, b in protected):
            continue
        if set(words) & NOT_IN_A_PLACE_NAME or fold(m[0]) in known or any(w in known for w in words):
            continue
        yield m.start() - len(before[1]), m.end()
