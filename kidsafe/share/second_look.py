"""A second look at the copy's captions that asks nothing of the dossier: words shaped like a name, a town or a
postcode.

The word check (``words.py``) looks for the words the audit found, so it misses what the audit missed. This
look knows nothing of the feed. In every caption of the copy the engine's wide net
(``kidsafe.engine.net.name_shaped``) flags a capitalised known first name where a
name stands (hashtags split into words included), a capitalised town of the gazetteer that is no common English
word, a postcode or ZIP code written alone ("E1", "11215"), and any capitalised word that no list holds at all
(``kidsafe.engine.net.unknown_words.words_of_no_list``: "Otieno", a nursery's brand). Each is a remaining item: a word the engine
missed is listed for the parent to read again instead of the report saying "safe". It may flag a word that is
no name here ("Summer"); the parent keeps such a word by hand.
"""

from __future__ import annotations

from collections.abc import Iterable

from kidsafe.engine.net.name_shaped import flagged_spans
from kidsafe.engine.net.shapes import ends_a_set_phrase
from kidsafe.engine.net.unknown_words import words_of_no_list
from kidsafe.engine.text import fold
from kidsafe.share.outcome import WORDS, Remaining, remaining


def second_look(rows: Iterable[tuple[str, str]], kept: frozenset[str] = frozenset()) -> list[Remaining]:
    """One remaining item per post of the copy (``rows``: post number, caption) and kind of word it still holds
    that looks like a name, a town or a postcode; words the parent kept (folded) are not looked at."""
    out: list[Remaining] = []
    for post, caption in rows:
        for what in dict.fromkeys(what for what, start, _, word in flagged_spans(caption)
                                  if fold(word) not in kept and not ends_a_set_phrase(caption, start)):
            out.append(remaining(WORDS, post, f"{what} may still be in the caption", "word"))
        # a capitalised word no list knows may be a name the nets could not place ("Otieno", a nursery's brand):
        # the parent reads it and keeps it by hand when it is no name or place ("Deepavali")
        unread = list(dict.fromkeys(word for _, _, word in words_of_no_list(caption, kept)))
        if unread:
            out.append(remaining(WORDS, post, f"{_quoted(unread)} may be a name or a place kidsafe cannot read",
                                 "word"))
    return out


def _quoted(words: list[str]) -> str:
    said = ", ".join(f"“{w}”" for w in words[:-1])
    return f"{said} or “{words[-1]}”" if said else f"“{words[-1]}”"
