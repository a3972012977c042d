"""Captions written all in lower case: the name net cannot vouch for them.

The safe share tells a name or a place from an ordinary word mostly by its capital ("Yaw", "at
Heathcote"). A feed that writes "yaw's team lost" and "back in walthamstow" gives it nothing to
go on. In such a feed the redactor also takes out lower-case words that can only be names
(``kidsafe.share.names``), but catching every word that could be one would rewrite every caption.
So such a copy is never called safe: the report says the captions must be read by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kidsafe.share.outcome import WORDS, Remaining, remaining

LOWER_SHARE = 0.6
"""Above this share of sentences opening in lower case, the feed writes in lower case."""
MIN_SENTENCES = 10
"""Fewer sentences than this say too little about how the feed writes."""

_OPENING = re.compile(r"(?:^|[.!?\n]\s*)\W*?([^\W\d_])", re.UNICODE)


def lower_case_share(captions: Iterable[str]) -> tuple[int, float]:
    """(sentences read, share of them opening with a lower-case letter); hashtags and mentions are no sentence."""
    lower = upper = 0
    for caption in captions:
        for m in _OPENING.finditer(re.sub(r"[#@]\w+", " ", caption)):
            lower += m[1].islower()
            upper += m[1].isupper()
    total = lower + upper
    return total, (lower / total if total else 0.0)


def written_in_lower_case(captions: Iterable[str]) -> bool:
    total, share = lower_case_share(captions)
    return total >= MIN_SENTENCES and share > LOWER_SHARE


def lower_case_check(captions: Iterable[str]) -> list[Remaining]:
    """One remaining item when the captions are written in lower case, else none."""
    if not written_in_lower_case(captions):
        return []
    return [remaining(WORDS, None, "most captions are written in lower case, so names and places could not be told "
                      "from other words", "read every caption and rewrite the names and places by hand")]
