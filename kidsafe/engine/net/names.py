"""Names the dossier did not claim: every word the caption model tags as a person, a known first name in a name
position, a gazetteer place after "at", "in"…, and a name written as an initial.

The dossier reports only the people it could place (a child, a parent, a pet…). A name it missed
("Three today! Firstname Middlename") is still a name a stranger reads, so the safe copy takes it
out too, erring on the side of removing; the parent can keep a word by hand.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from kidsafe import geo
from kidsafe.engine import lexicon as lx
from kidsafe.engine.gazetteer import is_known_first_name, name_count
from kidsafe.engine.net.initials import initial_spans
from kidsafe.engine.net.shapes import (GREETINGS, is_rare_word, protected_spans, sentence_start, stands_alone,
                                       tags_and_mentions, words_before)
from kidsafe.engine.text import contains_phrase, english_rank, fold
from kidsafe.engine.views import PostView
from kidsafe.models import EvidenceSource

THING_WORDS = frozenset({*lx.PLACE_WORDS, *lx.SCHOOL_TYPE_WORDS, *lx.locale_words("share")["thing_words"]})
"""A capitalised word before one of these names a thing or a place, not a person ("Canada Day")."""

NAME_CUES = lx.word_set("share", "name_cues")
"""Words after which a word the caption model alone calls a person stands where a person's name does."""
PLACE_PREPOSITIONS = frozenset({"at", "in", "from", "to", "near", "around", "into"})
COMMON_AT_START = 5000
"""A known first name that is also this common an English word ("Will", "May") is no name when it opens
a sentence; anywhere else, written with a capital, it is."""
COMMON_NICKNAME = 3000
"""A capitalised word said to someone ("my Squidge!") is a nickname unless it is this common a word ("my Love!")."""

LOWER_CASE_NAME_RANK = 20_000
"""In a lower-case feed, a first name that is also an English word this common ("will", "rose") is left as a word."""
_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
INITIAL_NICKNAME = re.compile(r"(?i:\b(?:baby|little|lil|big|miss|master)\s+)[A-Z]\b(?!['’.]?\w)")
"""A nickname made of an initial ("baby Z", "little J"): the cue word goes with it."""


def not_a_name(key: str, *, called: bool = False, caption: str | None = None) -> bool:
    """Words that are no one's name; a child word said as one ("my Squidge!") may be. A character's name that is
    also a common first name ("Peter", "Anna") is a name, in a ``caption`` that names neither its franchise nor a
    fan's phrase ("my son in law Peter", not "Peter Rabbit" nor "dressed as Anna")."""
    bare = re.sub(r"(?:'s|’s)$", "", key)
    character = bare in lx.CHARACTER_FIRST_NAMES and (caption is None or _a_character_here(bare, caption))
    return (len(bare) < 2 or bare in STOP_WORDS or bare in lx.NOT_NAMES and not called or bare in lx.CHARACTERS
            or character or bare in lx.KIN_TITLES or bare in lx.KIN_TITLE_SECOND
            or bare in lx.PARENT_WORDS or bare in lx.WEEKDAY_FORMS
            or bare in lx.MONTH_FORMS or bare in lx.PLACE_WORDS or bare in lx.PET_WORDS or bare in lx.ADULT_HONORIFICS
            or bare in lx.CHILD_WORDS and not called)


CHARACTER_AS_NAME_COUNT = 20_000
"""A character's first name given to this many babies is a person's name too ("Peter", "Holly"); a rarer one ("Bingo",
"Boots", "Stitch") is the character, or a shop, wherever it stands."""


def _a_character_here(key: str, caption: str) -> bool:
    """Whether the caption says the character: its franchise as words ("Peter Rabbit", not "pottery" for Potter), a
    fan's phrase ("dressed as Anna"), or another character beside it ("Anna and Elsa"). Not cached: a cache keyed by
    the caption would keep a family's words in the process after their audit (``engine.forget_user_text``)."""
    if name_count(key) < CHARACTER_AS_NAME_COUNT:
        return True
    folded = fold(caption)
    franchise = lx.CHARACTER_FRANCHISE.get(key)
    return (bool(franchise and re.search(r"\b" + re.escape(franchise) + r"\b", folded))
            or any(re.search(pattern.format(name=re.escape(key)), folded) for pattern in lx.FAN_PATTERNS)
            or contains_phrase(folded, lx.CHARACTERS - {key}) is not None)


def tagged_people(view: PostView) -> set[str]:
    """Folded words of the caption that the caption model tagged as a person."""
    out: set[str] = set()
    for part, found in zip(view.parts, view.entities, strict=False):
        if part.source is EvidenceSource.CAPTION:
            out |= {fold(word) for word, label in found if label == "PERSON"}
    return out


def person_words(caption: str, tagged: Iterable[str], claimed: Collection[str]) -> list[tuple[int, int]]:
    """(start, end) of every word of the caption that is read as a person's name and is none of ``claimed``."""
    return [(start, end) for start, end, kind in _names(caption, set(tagged), claimed) if kind == "person"]


def unclaimed_names(caption: str, tagged: Iterable[str], claimed: Collection[str], *, lower_case: bool = False
                    ) -> list[tuple[int, int, str]]:
    """(start, end, "person" or "place") of each name of the caption that is none of ``claimed`` (folded words the
    dossier already claimed or the parent keeps); ``tagged``: the words the caption model tagged as a person. In a
    feed written in lower case (``lower_case``), lower-case words that can only be names or places too."""
    found = list(_names(caption, set(tagged), claimed))
    if lower_case:
        found += _lower_case_names(caption, claimed)
    return found


def initial_names(caption: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each name written as an initial: a nickname ("baby Z", with its cue word) or a child
    called by one capital letter ("T scored his first goal")."""
    for m in INITIAL_NICKNAME.finditer(caption):
        yield m.start(), m.end()
    yield from initial_spans(caption)


def _names(caption: str, tagged: set[str], claimed: Collection[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, "person" or "place") of each unclaimed name in the caption."""
    protected = protected_spans(caption)  # "Paw Patrol" is no one, "Chúc Mừng Năm Mới" a greeting
    for m in _WORD.finditer(caption):
        word = re.sub(r"(?:'s|’s)$", "", m[0])
        if word[0].isupper() and not any(a <= m.start() < b for a, b in protected):
            kind = _reading(caption, m.start(), word, tagged, claimed)
            if kind:
                yield m.start(), m.start() + len(word), kind


EXCLAIMED_RANK = 10_000
EXCLAIMED_NAME_COUNT = 20_000
"""A first name this common in English and this rare as a name ("Miracle", "Blessed", "Chaos") that makes a sentence
alone is the word said; "Three today! Olivia" (Olivia ranks 13,197 in English, 435,016 as a name) is a child."""


def _exclaimed(caption: str, start: int, end: int, key: str) -> bool:
    rank = english_rank(key)
    return (rank is not None and rank < EXCLAIMED_RANK and name_count(caption[start:end]) < EXCLAIMED_NAME_COUNT
            and stands_alone(caption, start, end))


def _reading(caption: str, start: int, word: str, tagged: set[str], claimed: Collection[str]) -> str | None:
    """"person", "place" (a name after "at", "in"… that the gazetteer knows: "at Dundee") or None."""
    key, end = fold(word), start + len(word)
    called = _called(caption, start, end, key)
    if not_a_name(key, called=called, caption=caption) or key in claimed:
        return None
    known = is_known_first_name(key) or called
    if not (key in tagged or known) or key in geo.region_names():
        return None
    before = words_before(caption, start)
    if not known and (sentence_start(caption, start) or len(key) < 3
                      or not (before[-1:] and before[-1] in NAME_CUES | GREETINGS
                              or re.match(r"['’]s\b", caption[end:]))):
        return None  # the caption model alone is too often wrong: on a sentence's first word, a short word ("Na"),
        #             or a word of another language (a festival's name) it needs a person's place ("with X", "X's")
    if _not_in_a_name_position(caption, start, end, word) or before[-1:] in (["a"], ["an"], ["st"], ["saint"]):
        return None  # "a Switch", "a Milo": a thing; "St Patrick's Day": a saint
    if key not in tagged and not called and _exclaimed(caption, start, end, key):
        return None  # "Both towels. Miracle.", "Lunch at the cafe. Blessed": a word said alone, no one signing
    if PLACE_PREPOSITIONS & set(before[-2:]) and geo.places_named(word):
        return "place"
    return None if before[-1:] == ["the"] else "person"  # "the Meadows": a thing or a place, not a person


def _lower_case_names(caption: str, claimed: Collection[str]) -> Iterator[tuple[int, int, str]]:
    """Lower-case words of a lower-case feed that are a known first name and no English word of any currency
    ("yaw's team lost"), or a gazetteer place of that kind after "in", "at"… ("back in walthamstow")."""
    protected = tags_and_mentions(caption)
    for m in _WORD.finditer(caption):
        word = re.sub(r"(?:'s|’s)$", "", m[0])
        key = fold(word)
        if not word.islower() or any(a <= m.start() < b for a, b in protected) or not_a_name(key) \
                or key in claimed or key in STOP_WORDS:
            continue
        rank = english_rank(key)
        if rank is not None and rank < LOWER_CASE_NAME_RANK:
            continue
        if PLACE_PREPOSITIONS & set(words_before(caption, m.start())[-1:]) and geo.is_place_name(word):
            yield m.start(), m.start() + len(word), "place"
        elif is_known_first_name(key) and key not in geo.region_names() \
                and re.match(r"(?:'s|’s)?\s+\w", caption[m.start() + len(word):]):  # "yaw just", not "worth it tho"
            yield m.start(), m.start() + len(word), "person"


def _called(caption: str, start: int, end: int, key: str) -> bool:
    """A pet name said to a child: "my Squidge, my little shadow", "Happy birthday Squidge!!!" (no common word)."""
    rank = english_rank(key)
    if rank is not None and rank < COMMON_NICKNAME:
        return False
    before = words_before(caption, start)[-1:]
    return bool(before) and (before[0] in {"my", "our"} or before[0] in GREETINGS) \
        and bool(re.match(r"\s*(?:[,.!?]|$|[^\w\s])", caption[end:]))


DAY_WORD_NAME_COUNT = 20_000
"""Below this many babies given it, an English word before a day's name describes the day ("Sunny": 12,000)."""


def _not_in_a_name_position(caption: str, start: int, end: int, word: str) -> bool:
    """A shout ("a REAL pony"), a common word opening a sentence ("Lovely to…"), an English word before a day's
    name ("Rainy Saturday"), or the first word of a named thing ("Canada Day", "Stanley Cup", "Willow Bank Park")."""
    if len(word) > 1 and word.isupper():
        return True
    rank = english_rank(word)
    if sentence_start(caption, start) and rank is not None and rank < COMMON_AT_START:
        return not (_acts_as_a_person(caption, end, word) or _full_name_alone(caption, end, word))
    after = re.match(r"\s+([A-Z][\w'’]*)", caption[end:end + 30])
    if after and rank is not None and len(fold(after[1])) > 3 and fold(after[1]) in lx.WEEKDAY_FORMS \
            and name_count(word) < DAY_WORD_NAME_COUNT:
        return True  # "Rainy Saturday", "Sunny Sunday": an English word describing the day; "took Jess Saturday"
    return bool(after) and fold(after[1]) in THING_WORDS


def _acts_as_a_person(caption: str, end: int, word: str) -> bool:
    """"Max made pancakes", "Rob scored": a first name that is also a common word, opening a sentence, is a
    name when a verb only a person does follows it (not one a month or a thing does too: "May was wet")."""
    after = re.match(r"\s+([a-z][\w'’]*)", caption[end:end + 30])
    return bool(after) and is_known_first_name(word) and _a_persons_verb(fold(after[1]))


_NAME_THEN_STOP = re.compile(r"[ \t]+([A-Z][\w'’\-]+)[ \t]*(?:[.!,\n]|$|[^\w\s'’.,!?;:()\-])")


def _full_name_alone(caption: str, end: int, word: str) -> bool:
    """"2 today. Albert James.": a first name that is also a common word, opening a sentence, is a name when a second
    first name follows it and closes the phrase (a first and middle name said alone), not a place or a thing."""
    after = _NAME_THEN_STOP.match(caption, end)
    return bool(after) and is_known_first_name(word) and is_known_first_name(after[1]) \
        and fold(after[1]) not in THING_WORDS and not not_a_name(fold(after[1]))


NAME_IN_PHOTO_COUNT = 300
"""A word of a photo's text that this many people bear as a first name is read as a name."""


def names_a_school_or_person(text: str) -> bool:
    """Whether a line of text (read in a photo) names a school or holds a first name borne by many."""
    folded = fold(text)
    if re.search(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in lx.STRONG_SCHOOL_TYPES) + r"|school)(?!\w)", folded):
        return True
    for word in re.findall(r"[^\W\d_]{2,}", text):
        key = fold(word)
        if key in lx.NOT_NAMES or key in STOP_WORDS or key in lx.PARENT_WORDS or key in lx.KIN_TITLES:
            continue
        if name_count(word) >= NAME_IN_PHOTO_COUNT:
            return True
    return False


INFLECTED_MIN = 4
"""A name this long or longer is looked for in its other forms; a shorter one's stem ("Mi") is in too many words."""


def inflected_names(caption: str, names: Collection[str], claimed: Collection[str] = ()
                    ) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each capitalised word that is another form of one of ``names`` (folded): the same
    word but for its ending, as languages that decline names write it ("Zbyna" -> "Zbyny", "Zbynie") or a fond
    ending ("Tom" stays out: too short). No English word of any currency, no first name of its own ("Elliot" is
    someone else than "Ellie"), none of ``claimed``."""
    stems = {name[:-1]: name for name in names if len(name) >= INFLECTED_MIN and " " not in name}
    for m in _WORD.finditer(caption):
        word = re.sub(r"(?:'s|’s)$", "", m[0])
        key = fold(word)
        if not word[0].isupper() or key in names or key in claimed or english_rank(key) is not None \
                or is_known_first_name(key):
            continue
        for stem, name in stems.items():
            if key.startswith(stem) and 0 <= len(key) - len(name) <= 2 and key != name:
                yield m.start(), m.start() + len(word), name
                break


SUBJECT_VERBS = lx.word_set("share", "subject_verbs")
"""Words that follow a person doing something ("X went", "X has"): an unknown word before one is a name."""
MONTH_VERBS = lx.word_set("share", "month_verbs")
"""Verbs a month does too ("April was wet", "May turned cold"): after a month's name they say nothing of a person."""


def _a_persons_verb(verb: str) -> bool:
    """A verb (folded) only a person does, not a month or a thing too ("painted", not "was")."""
    return verb in SUBJECT_VERBS and verb not in MONTH_VERBS


_CAPITALISED_NEXT = re.compile(r"[ \t]+([A-Z][\w'’\-]*?)(?:['’]s)?(?![\w'’\-])")


def name_rest_after(caption: str, end: int) -> tuple[int, int] | None:
    """Where a capitalised word no English list knows stands right after ``end`` (a name's end): the rest of that
    name ("Joshua David Hirst"), not a word ("Joshua Under 11s"); None when there is none."""
    m = _CAPITALISED_NEXT.match(caption, end)
    if not m or not is_rare_word(fold(m[1])):
        return None
    return m.start(1), m.end(1)


def month_names(caption: str) -> Iterator[tuple[int, int]]:
    """(start, end) of a month or weekday that is a first name and acts as a person ("April painted a fox", "August
    insisted on it"): a verb only a person does follows it."""
    for m in re.finditer(r"(?<![\w#@])([A-Z][a-z]+)(?:['’]s)?\s+([a-z][\w'’]*)", caption):
        key, verb = fold(m[1]), fold(m[2])
        if (key in lx.MONTH_FORMS or key in lx.WEEKDAY_FORMS) and is_known_first_name(key) \
                and _a_persons_verb(verb):
            yield m.start(1), m.end(1)


DATE_CUES = lx.word_set("share", "date_cues")
"""Words after which a month is a date ("in June", "last May"), whoever else bears its name."""


def said_as_a_date(caption: str, start: int, end: int) -> bool:
    """Whether a month or weekday at [start, end) is a date here: after "in", "last"…, or beside a number."""
    before = words_before(caption, start, 1)
    return bool(before and before[0] in DATE_CUES or re.search(r"\d\s*(?:st|nd|rd|th)?\s*$", caption[:start])
                or re.match(r"\s*\d", caption[end:]))
