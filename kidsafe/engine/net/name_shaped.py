"""Words of a text shaped like a name, a town or a postcode, found without knowing anything of the feed: a
capitalised known first name where a name stands (hashtags split into words included), a capitalised town of
the gazetteer that is no common English word, a family name before "boys", "house"…, and a postcode or ZIP code
written alone ("E1", "11215"). The safe share reads its copy with it (``kidsafe.share.second_look``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from kidsafe import geo
from kidsafe.engine import lexicon as lx
from kidsafe.engine.gazetteer import is_known_first_name
from kidsafe.engine.net.names import SUBJECT_VERBS, THING_WORDS, not_a_name
from kidsafe.engine.net.places import POSTCODE_AREAS
from kidsafe.engine.net.shapes import capitalised_after, capitalised_before
from kidsafe.engine.text import HASHTAG, english_rank, fold, split_hashtag

RARE_RANK = 20_000
"""Only a name or town this rare as an English word is flagged: the redactor has already taken out the names it
could place, so a commoner one left ("Summer", "Bay", "Joe") is most often a word, a season or a celebrity."""
COMMON_NAME_RANK = 1000
"""A first name commoner in English than ``RARE_RANK`` but rarer than this ("Brooklyn", "Madison", "Tyler") is
flagged where a person acts ("Brooklyn covered her ears"); a commoner one ("Summer", "April", "Will") is left."""
AUXILIARIES = lx.word_set("share", "auxiliary_verbs")
ENGLISH_WORD_RANK = 40_000
"""A capitalised word this common in English ("Gingerbread", 27,873th) before "house" or "kids" is a thing's name; a
rarer one ("Runyon", "Kowalski") is a family's, before any family word."""
FAMILY_ONLY_WORDS = lx.word_set("people", "family_group_words")
"""Words after a family name that name a family and nothing else ("clan", "crew", "whānau"), unlike "house"."""
FAMILY_GROUP_WORDS = FAMILY_ONLY_WORDS | {"boys", "girls", "kids", "twins", "house"} | lx.word_set("people",
                                                                                         "family_trait_words")
"""Words after a family name ("the Oyelaran boys", "the Oyelaran house", "the Oyelaran chin"): an unknown word before
one is the surname."""
NAME_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_OUTWARD = re.compile(r"(?<![\w#@£$€])([A-Z]{1,2})\d[A-Z\d]?(?:\s+\d[A-Z]{2})?(?![\w@])")
_CANADIAN = re.compile(r"(?<![\w#@])[A-Z]\d[A-Z]\s?\d[A-Z]\d(?!\w)")
_ZIP = re.compile(r"(?<![\w#@£$€.,:/-])\d{5}(?:-\d{4})?(?![\w%:/]|[.,]\d)")
"""Five digits alone ("11215"), not a sum, a time or part of a bigger number ("10,000", "£12000")."""
_FOUR_AFTER_PLACE = re.compile(r"(?i:\b(?:in|from|around|near|across)\s+)((?i:the)\s+(\d{4}))(?![\w%:/]|[.,]\d|\s*[^\W\d_])")
"""Four digits where a place stands ("Spring in the 6054"): a postcode as Australia, New Zealand and much of Europe
write them, taken with their "the" ("in the 6054" is "in a place nearby"). Never with a word after it: that is a
year, a race or a time ("in the 2019 season", "the 1500 freestyle", "the 0800 train")."""
_FOUR_NOT_A_YEAR = re.compile(r"(?i:\b(?:in|from|around|near|across|(the))\s+)(\d{4})(?![\w%:/]|[.,]\d)"
                              r"(?:\s+([^\W\d_]+))?")
"""Four digits that cannot be a year ("walking the 3011 with the dog", "a mortgage in 3216"): a postcode, with a
little word after it at most ("the 1500 freestyle" is a race)."""
POSTCODES_FROM = 2100
"""Four digits from here on cannot be a year; below, they may be a year, a race, a time or a count ("the 1500")."""


def flagged(caption: str) -> Iterator[tuple[str, str]]:
    """(what, word) of each word of the caption shaped like a name, a town or a postcode."""
    for what, start, end, word in flagged_spans(caption):
        yield what, word


def flagged_spans(caption: str) -> Iterator[tuple[str, int, int, str]]:
    """(what, start, end, word) of each word shaped like a name, a town or a postcode; a name inside a hashtag
    spans the whole hashtag (the redactor drops it whole)."""
    yield from (("a postcode", start, end, text) for start, end, text in postcodes(caption))
    tags = [(m.start(), m.end()) for m in HASHTAG.finditer(caption)]
    for m in NAME_WORD.finditer(caption):
        word = re.sub(r"['’]s$", "", m[0])
        if word[0].isupper() and not any(a <= m.start() < b for a, b in tags):
            what = _reading(caption, m.start(), word)
            if what:
                yield what, m.start(), m.start() + len(word), word
    for m in HASHTAG.finditer(caption):
        if not m[1].islower() and not m[1].isupper():  # only CamelCase says where a tag's words begin
            yield from (("a name", m.start(), m.end(), word) for word in split_hashtag(m[1]) if _name_in_tag(word))


def postcodes(caption: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each British postcode or district, Canadian postcode, US ZIP code or four-digit
    postcode where a place stands written in the caption."""
    for m in (*(m for m in _OUTWARD.finditer(caption) if m[1] in POSTCODE_AREAS), *_CANADIAN.finditer(caption),
              *_ZIP.finditer(caption)):
        yield m.start(), m.end(), m[0]
    after_place = set()
    for m in _FOUR_AFTER_PLACE.finditer(caption):
        after_place.add(m.start(1))
        yield m.start(1), m.end(1), m[1]
    for m in _FOUR_NOT_A_YEAR.finditer(caption):
        start = m.start(1) if m[1] else m.start(2)
        if int(m[2]) >= POSTCODES_FROM and (not m[3] or fold(m[3]) in STOP_WORDS) and start not in after_place:
            yield start, m.end(2), caption[start:m.end(2)]


def _reading(caption: str, start: int, word: str) -> str | None:
    """"a name", "a town" or None for a capitalised word of the caption."""
    key, end = fold(word), start + len(word)
    rank = english_rank(key)
    if len(key) < 3 or not_a_name(key) or _names_a_thing(caption, end):
        return None  # a word of the engine's lists, or a thing ("Canada Day")
    if rank is not None and rank < RARE_RANK:  # a word too ("Summer", "Brooklyn"): a name only where one acts
        acting = rank >= COMMON_NAME_RANK and is_known_first_name(key) and _acts(caption, start, end)
        return "a name" if acting else None
    if is_known_first_name(key):
        return "a name"  # written in capitals too: "ZAYNE on every lid"
    if before_family_word(caption, end, word_too=rank is not None and rank < ENGLISH_WORD_RANK):  # "the Kowalski clan"
        return "a family name"
    if not word.isupper() and key not in geo.region_names() and geo.is_place_name(word):
        return "a town"
    return None


def first_name_acting(caption: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is a first name doing what a person does ("Brooklyn knocked it all down"),
    even where a place by that name exists: a town does not knock sandcastles down."""
    return is_known_first_name(fold(caption[start:end])) and _acts(caption, start, end)


def _acts(caption: str, start: int, end: int) -> bool:
    """Whether the word stands alone (no capitalised word beside it) before a verb a person does ("Brooklyn
    covered her ears", "Madison said grace"); "is", "was", "will" follow words as often as names."""
    after = re.match(r"[ \t]+([a-z][\w'’]*)", caption[end:end + 30])
    if not after or capitalised_after(caption, end) or capitalised_before(caption, start):
        return False
    verb = fold(after[1])
    return (verb in SUBJECT_VERBS and verb not in AUXILIARIES
            or len(verb) > 4 and verb.endswith("ed") and english_rank(verb) is not None)


def before_family_word(caption: str, end: int, *, word_too: bool = False) -> bool:
    """Whether a family word follows ("the Oyelaran boys"); for a word English knows too (``word_too``), only one
    that names a family alone ("the Kowalski clan", not "the Gingerbread house")."""
    after = re.match(r"\s+(\w+)", caption[end:end + 20])
    return bool(after) and fold(after[1]) in (FAMILY_ONLY_WORDS if word_too else FAMILY_GROUP_WORDS)


def _names_a_thing(caption: str, end: int) -> bool:
    after = re.match(r"\s+([A-Z][\w'’]*)", caption[end:end + 30])
    return bool(after) and fold(after[1]) in THING_WORDS


def _name_in_tag(word: str) -> bool:
    """A word of a hashtag that is a first name and no common word ("#TamsinsKite": "tamsins")."""
    for key in dict.fromkeys((word, re.sub(r"s$", "", word))):
        rank = english_rank(key)
        if len(key) >= 3 and not not_a_name(key) and is_known_first_name(key) and (rank is None or rank >= RARE_RANK):
            return True
    return False
