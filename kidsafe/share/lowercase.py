"""Captions written all in lower case: the name net cannot vouch for them.

The safe share tells a name or a place from an ordinary word mostly by its capital ("Yaw", "at
Heathcote"). A feed that writes "yaw's team lost" and "back in walthamstow" gives it nothing to
go on. In such a feed the redactor also takes out lower-case words that can only be names
(``kidsafe.engine.net.names``), but catching every word that could be one would rewrite every caption.
So such a copy is never called safe: the report says the captions must be read by hand.
"""

from __future__ import annotations

from collections.abc import Iterable

from kidsafe.engine.net.lower_case import written_in_lower_case
from kidsafe.share.outcome import WORDS, Remaining, remaining


def lower_case_check(captions: Iterable[str]) -> list[Remaining]:
    """One remaining item when the captions are written in lower case, else none."""
    if not written_in_lower_case(captions):
        return []
    return [remaining(WORDS, None, "most captions are written in lower case, so names and places could not be told "
                      "from other words", "read every caption and rewrite the names and places by hand")]
