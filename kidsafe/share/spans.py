"""Where a caption gives something away: the spans of text the redactor will rewrite.

Each finder yields ``Span``s: a vocabulary term (a child's name, the school, the town…), an @mention or a
leaking hashtag, and what the engine's wide net (``kidsafe.engine.net``) finds by shape without the dossier: a
school or place name ("Brookside Primary", "Hillside Park", "12 Elm Street"), a gazetteer place, a postcode,
an adult's name after an honorific, a clock time, a weekday in a post about an activity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kidsafe.engine.net.places import PLACE_WORDS_SAID, name_rest, shaped_spans
from kidsafe.engine.net.shapes import (HASHTAG_RE, MENTION_RE, character_spans, is_rare_word, tags_and_mentions,
                                       words_before)
from kidsafe.engine.net.times import time_spans
from kidsafe.engine.text import Folded
from kidsafe.share.hashtags import hashtag_leak
from kidsafe.share.terms import PERSON_KINDS, Term, Vocabulary


@dataclass(frozen=True, slots=True)
class Span:
    """Characters [start, end) of a caption, what they are, and (when fixed) the words said instead."""

    start: int
    end: int
    kind: str
    said: str = ""
    term: Term | None = None


def find_spans(caption: str, vocab: Vocabulary, *, routine: bool = False) -> list[Span]:
    """Every span of the caption that gives something away (they may overlap)."""
    protected = tags_and_mentions(caption)
    spans = list(_hashtag_spans(caption, vocab)) + list(_mention_spans(caption))
    spans += [s for s in _text_spans(caption, vocab, routine) if not _inside(s, protected)]
    return spans


def _inside(span: Span, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(a < span.end and span.start < b for a, b in ranges)


def _hashtag_spans(caption: str, vocab: Vocabulary) -> Iterator[Span]:
    for m in HASHTAG_RE.finditer(caption):
        reason = hashtag_leak(m[0][1:], vocab)
        if reason:
            yield Span(m.start(), m.end(), "hashtag", "", Term(reason, "hashtag"))


def _mention_spans(caption: str) -> Iterator[Span]:
    for m in MENTION_RE.finditer(caption):
        yield Span(m.start(), m.end(), "mention")


def _text_spans(caption: str, vocab: Vocabulary, routine: bool) -> Iterator[Span]:
    yield from _term_spans(caption, Folded(caption), vocab)
    for start, end, kind, said in shaped_spans(caption, vocab.keys(PERSON_KINDS), vocab.kept, vocab.common):
        yield Span(start, end, kind, said)
    for start, end, kind, said in time_spans(caption, routine=routine):
        yield Span(start, end, kind, said)


PLACE_LEAD_WORDS = frozenset({"in", "at", "from", "to", "near", "around", "across", "of", "outside", "round"})
"""Words after which the family's town written in lower case is the town ("best dog in belfast"), not a word."""
_COMPASS_BEFORE = re.compile(r"(?i)\b(?:north|south|east|west|central|downtown)\s+$")
"""A compass word said before the town ("west belfast"): it goes with the town."""


def _said_as_the_place(caption: str, start: int, term: Term) -> int | None:
    """Where the family's town, found written in lower case at ``start``, begins when it stands where a place does
    ("roastie in liverpool", "half of west belfast": there, with its compass word); None elsewhere, since a town
    that is also a word ("bath", "reading") is that word where no place stands. So too a place the town model
    weighed."""
    if term.kind not in ("town", "place"):
        return None
    compass = _COMPASS_BEFORE.search(caption, max(0, start - 12), start)
    begins = compass.start() if compass else start
    before = words_before(caption, begins, 1)
    return begins if before and before[-1] in PLACE_LEAD_WORDS else None


_PLACE_ENDS = re.compile(r"['’]?\s*(?:[.!?,;:)\n]|$|(?:for|on|in|with|today|tonight|this|last|again)\b)")
"""After "at the Parkers", what shows it is where they are ("Easter at the Parkers: 14 round the table", "…for tea"),
not what they do ("Look at the Parkers go")."""


def _term_spans(caption: str, folded: Folded, vocab: Vocabulary) -> Iterator[Span]:
    characters = character_spans(folded.text)
    for term in vocab.terms:
        key = term.key
        if len(key) < 2:
            continue
        plural = r"(?:e?s)?" if term.kind == "surname" else ""
        for m in re.finditer(r"(?<!\w)" + re.escape(key) + plural + r"(?!\w)", folded.text):
            start, end = folded.span(m.start(), m.end())
            if not caption[start].isupper() and not is_rare_word(key):
                place_start = _said_as_the_place(caption, start, term)
                if place_start is None:
                    continue
                start = place_start
            if term.kind == "defuse" or term.kind in ("town", "place") and any(a <= m.start() < b
                                                                               for a, b in characters):
                # A franchise ("Paw Patrol") is no place; written in lower case the engine stops reading it as one.
                yield Span(start, end, "case", caption[start:end].lower(), term)
                continue
            if term.kind == "place":
                yield Span(start, end, "place", PLACE_WORDS_SAID, term)
                continue
            if term.kind == "surname" and m.end() - m.start() > len(key):
                the = re.search(r"(?i)\b(?:all\s+)?the\s+$", caption[max(0, start - 12):start])
                if the:  # "the Parkers", "all the Parkers" as a whole; "Easter at the Parkers." is where they live
                    begins = start - (len(caption[max(0, start - 12):start]) - the.start())
                    home = words_before(caption, begins, 1)[-1:] == ["at"] and _PLACE_ENDS.match(caption, end)
                    if home and caption[end:end + 1] in ("'", "’"):
                        end += 1  # "at the Parkers' tonight": the owner's mark goes with the name
                    yield Span(begins, end, "surname", "our place" if home else "all of us", term)
                    continue
            if term.kind == "school":
                end += name_rest(caption[end:], vocab.keys(PERSON_KINDS))
            yield Span(start, end, term.kind, term=term)
