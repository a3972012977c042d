"""Captions written all in lower case: how much of a feed's text opens its sentences without a capital.

The name nets tell a name or a place from an ordinary word mostly by its capital ("Yaw", "at Heathcote"); a
feed that writes "yaw's team lost" and "back in walthamstow" gives them nothing to go on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
