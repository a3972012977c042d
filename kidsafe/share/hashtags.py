"""Which hashtags give something away, and why.

A hashtag leaks when it holds one of the family's words (a name, the town, the school…) or, by its shape alone,
a name, a place, a school, a routine or a sensitive picture (``kidsafe.engine.net.hashtags``). A leaking
hashtag is dropped whole: hashtags exist to be searched.
"""

from __future__ import annotations

import re

from kidsafe.engine.net.hashtags import MIN_TERM_IN_TAG, hashtag_shape
from kidsafe.engine.text import fold
from kidsafe.share.terms import Vocabulary

REASONS = {
    "child": "names a child", "relative": "names a relative", "pet": "names a pet", "parent": "names a parent",
    "other_child": "names another child", "surname": "gives the family name", "town": "gives the town",
    "school": "names the school", "place": "names a place", "routine": "gives a weekly routine",
    "sensitive": "marks a sensitive picture", "age": "gives an age", "person": "names someone",
    "unknown": "holds a word no list reads (a name or a place)",
}
"""Why a hashtag was dropped, by reason code."""


def hashtag_leak(tag: str, vocab: Vocabulary) -> str | None:
    """Why the hashtag (without '#') gives something away, as a ``REASONS`` key; None when it does not."""
    squashed = re.sub(r"[^\w]", "", fold(tag))
    for term in vocab.terms:
        key = re.sub(r"[^\w]", "", term.key)
        if len(key) >= MIN_TERM_IN_TAG and key in squashed:
            return term.kind
    if any(word in squashed for word in vocab.unread - vocab.kept):
        return "unknown"
    return hashtag_shape(tag)
