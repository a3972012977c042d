"""A child called by one capital letter ("J painted the fence", "M's new wellies"): parents who keep names
off the internet often write an initial instead, and to anyone who knows the family it is still the name.

A lone capital letter is read as a person where a name stands: opening a sentence or a clause, or after
"and", "with", "for", "love", "you", and followed by a lower-case word, "'s" or the clause's end. "A", "I", "O" and
"U" are words; a letter after a word ("Plan B", "Vitamin D", "Mr R."), run into other signs ("M&S",
"T-shirt", "U9s") or in a hashtag is no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kidsafe.engine.net.shapes import words_before

_LETTER = re.compile(r"(?<![\w'’.&/#@-])[B-HJ-NP-TV-Z](?![\w.&/-])")
_AFTER = re.compile(r"['’]s\b|\s+[a-z]|\s*(?:[,!?)]|$)")
BEFORE = frozenset({"and", "with", "for", "love", "you"})
"""Words after which a lone capital letter is someone ("me and T", "love you T")."""


def initial_spans(caption: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each lone capital letter of the caption that stands for a person's name."""
    for m in _LETTER.finditer(caption):
        before = words_before(caption, m.start(), 1)
        if _AFTER.match(caption, m.end()) and (not before or before[0] in BEFORE):
            yield m.start(), m.end()
