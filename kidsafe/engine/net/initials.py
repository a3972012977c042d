"""A child called by one capital letter ("J painted the fence", "M's new wellies"): parents who keep names
off the internet often write an initial instead, and to anyone who knows the family it is still the name.

A lone capital letter is read as a person where a name stands: opening a sentence or a clause, or after
"and", "with", "for", "love", "you", and followed by a lower-case word, "'s" or the clause's end; after any other
lower-case word (a verb: "asked M to help", "Today is M's big day") when "'s", "to" or "and" follows.
"A", "I", "O" and "U" are words; a letter after a word ("Plan B", "Vitamin D", "Mr R."), run into other signs ("M&S",
"T-shirt", "U9s") or in a hashtag is no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kidsafe.engine import lexicon as lx
from kidsafe.engine.net.shapes import words_before

_LETTER = re.compile(r"(?<![\w'’.&/#@-])[B-HJ-NP-TV-Z](?![\w.&/-])")
_AFTER = re.compile(r"['’]s\b|\s+[a-z]|\s*(?:[,!?)]|$)")
BEFORE = frozenset({"and", "with", "for", "love", "you"})
"""Words after which a lone capital letter is someone ("me and T", "love you T")."""
THING_BEFORE = lx.word_set("share", "letter_things")
"""Words after which a lone capital letter is a thing's letter ("size M", "gate B"), not someone."""
_OBJECT_AFTER = re.compile(r"['’]s\s+\w|\s+(?:to|and)\b")
"""After a verb, a letter then "'s", "to" or "and" is someone ("Today is M's big day", "asked M to help")."""


def initial_spans(caption: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each lone capital letter of the caption that stands for a person's name."""
    for m in _LETTER.finditer(caption):
        before = words_before(caption, m.start(), 1)
        if _AFTER.match(caption, m.end()) and (not before or before[0] in BEFORE):
            yield m.start(), m.end()
        elif before and before[0] not in THING_BEFORE and _after_lower_word(caption, m.start()) \
                and _OBJECT_AFTER.match(caption, m.end()):
            yield m.start(), m.end()


def _after_lower_word(caption: str, start: int) -> bool:
    """Whether a lower-case word stands right before ("asked M"), not a capitalised one ("Plan B")."""
    return bool(re.search(r"(?<![\w'’])[a-z][\w'’]*\s+$", caption[max(0, start - 30):start]))
