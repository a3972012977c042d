"""Names the dossier did not claim: every word the caption model tags as a person, or a known first name
in a name position, is treated as a name all the same.

The dossier reports only the people it could place (a child, a parent, a pet…). A name it missed
("Three today! Firstname Middlename") is still a name a stranger reads, so the safe copy takes it
out too, erring on the side of removing; the parent can keep a word by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from kidsafe.engine import lexicon as lx
from kidsafe.engine.gazetteer import is_known_first_name
from kidsafe.engine.text import english_rank, fold
from kidsafe.engine.views import PostView
from kidsafe.models import EvidenceSource
from kidsafe.share.spans import CAPITAL_RUN_RE, HASHTAG_RE, MENTION_RE, TITLE_RUN, Folded, Span, character_spans
from kidsafe.share.terms import Vocabulary
from kidsafe.share.wording import sentence_start

COMMON_AT_START = 5000
"""A known first name that is also this common an English word ("Will", "May") is no name when it opens
a sentence; anywhere else, written with a capital, it is."""

_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
INITIAL_NICKNAME = re.compile(r"(?i:\b(?:baby|little|lil|big|miss|master)\s+)[A-Z]\b(?!['’.]?\w)")
"""A nickname made of an initial ("baby B", "little J"): the cue word goes with it."""


def _not_a_name(key: str) -> bool:
    bare = re.sub(r"(?:'s|’s)$", "", key)
    return (len(bare) < 2 or bare in STOP_WORDS or bare in lx.NOT_NAMES or bare in lx.CHARACTERS
            or bare in lx.CHARACTER_FIRST_NAMES or bare in lx.KIN_TITLES or bare in lx.KIN_TITLE_SECOND
            or bare in lx.PARENT_WORDS or bare in lx.CHILD_WORDS or bare in lx.WEEKDAY_FORMS
            or bare in lx.MONTH_FORMS or bare in lx.PLACE_WORDS or bare in lx.PET_WORDS)


def tagged_people(view: PostView) -> set[str]:
    """Folded words of the caption that the caption model tagged as a person."""
    out: set[str] = set()
    for part, found in zip(view.parts, view.entities, strict=False):
        if part.source is EvidenceSource.CAPTION:
            out |= {fold(word) for word, label in found if label == "PERSON"}
    return out


def person_words(caption: str, tagged: Iterable[str], vocab: Vocabulary) -> list[tuple[int, int]]:
    """(start, end) of every word of the caption that is read as a person's name the dossier did not claim."""
    tagged = set(tagged)
    claimed = vocab.keys()
    folded = Folded(caption)
    protected = [(m.start(), m.end()) for m in (*HASHTAG_RE.finditer(caption), *MENTION_RE.finditer(caption))]
    protected += [folded.span(a, b) for a, b in character_spans(folded.text)]  # "Paw Patrol" is no one
    titles = [(m.start(), m.end()) for m in CAPITAL_RUN_RE.finditer(caption) if len(m[0].split()) >= TITLE_RUN]
    out = []
    for m in _WORD.finditer(caption):
        word, key = m[0], fold(re.sub(r"(?:'s|’s)$", "", m[0]))
        if not word[0].isupper() or any(a <= m.start() < b for a, b in protected):
            continue
        if key in vocab.kept or key in claimed or _not_a_name(key):
            continue
        if key in tagged or (_first_name_in_place(caption, m.start(), key)
                             and not any(a <= m.start() < b for a, b in titles)):  # "Chúc Mừng Năm Mới"
            out.append((m.start(), m.start() + len(re.sub(r"(?:'s|’s)$", "", word))))
    return out


def _first_name_in_place(caption: str, start: int, key: str) -> bool:
    if not is_known_first_name(key):
        return False
    rank = english_rank(key)
    return not (sentence_start(caption, start) and rank is not None and rank < COMMON_AT_START)


def person_spans(caption: str, tagged: Iterable[str], vocab: Vocabulary) -> Iterator[Span]:
    """One span per unclaimed name (the redactor joins "Firstname Middlename" into one run)."""
    for start, end in person_words(caption, tagged, vocab):
        yield Span(start, end, "person")
    for m in INITIAL_NICKNAME.finditer(caption):
        if fold(m[0]) not in vocab.kept:
            yield Span(m.start(), m.end(), "person")
