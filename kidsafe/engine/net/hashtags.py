"""Hashtags that give something away by their shape, without the dossier: a first name, a family name, a school,
a gazetteer place, a routine, an age or a sensitive picture run into a tag ("#zaragirl", "#teamparker",
"#oakfieldprimary", "#derbymums", "#sixyearsold")."""

from __future__ import annotations

import re

from kidsafe import geo
from kidsafe.engine import lexicon as lx
from kidsafe.engine.gazetteer import is_known_first_name, name_count
from kidsafe.engine.net.names import not_a_name
from kidsafe.engine.routines import activity_in
from kidsafe.engine.schools import HASHTAG_NON_NAMES
from kidsafe.engine.surnames import GROUP_WORDS
from kidsafe.engine.text import english_rank, fold, number_value, split_hashtag, split_words

MIN_TERM_IN_TAG = 3
"""Terms shorter than this are not looked for inside hashtags ("Al" is in too many words)."""

MIN_PLACE = 4
NAME_IN_TAG_RANK = 5000
"""A first name in a hashtag counts when it is rarer than this in English ("#Kai" yes, "#summer" no)."""
MIN_PLACE_IN_TAG = 5
PLACE_IN_TAG_RANK = 2000
"""A place's name among a hashtag's words counts when it is this rare in English ("brooklyn" yes, "spring" no)."""
RARE_IN_TAG_RANK = 10_000
"""A capitalised word of a hashtag rarer than this in English is a proper name."""
COMMON_NAME_COUNT = 2000  # a place name that is also this common a first name is read as a name
SCHOOL_SUFFIX = re.compile(
    r"^([a-z]{3,}?)(" + "|".join(sorted((re.escape(w) for w in lx.SCHOOL_TYPE_WORDS if len(w) > 3),
                                        key=len, reverse=True)) + r")$")
NOT_A_SURNAME = frozenset({"our", "my", "the", "your"})
AGE_TAG_WORDS = lx.word_set("share", "age_tag_words")
"""Words that make a number in a hashtag an age ("#sixyearsold", "#5thbirthday")."""


def hashtag_shape(tag: str) -> str | None:
    """What the hashtag (without '#') gives away by its shape alone, as a reason code ("surname", "school", "place",
    "person", "sensitive", "routine", "age"); None when nothing."""
    low = fold(tag)
    words = split_hashtag(tag)
    if _surname_like(low):
        return "surname"
    if _school_like(low):
        return "school"
    if _place_like(low) or any(_place_in_tag(w) for w in words) or _place_run_in_tag(words):
        return "place"
    if _proper_names_only(tag):
        return "place"
    # Run together in lower case, a name leads the tag ("#zaragirl"); the splitter's later pieces are guesses.
    if _names_someone(words if tag != tag.lower() else words[:1]):
        return "person"
    if _sensitive(low, " ".join(words)):
        return "sensitive"
    if any(w in lx.WEEKDAY_FORMS and len(w) > 3 for w in words) and activity_in(" ".join(words)):
        return "routine"
    if set(words) & AGE_TAG_WORDS and any(0 < (number_value(w) or 0) <= 18 for w in words):
        return "age"
    if _unreadable(tag, words):
        return "unknown"
    return None


UNREADABLE_RANK = 40_000
FRAGMENT = 4
"""A hashtag the word splitter can only cut with a short piece this rare ("nac", "arra") is no English: most often
a place or a name; a longer rare piece is a word of the web ("vibes", "insta"), a commoner short one a word of a
dialect ("prep", "kiwi")."""


ONE_LETTER_WORDS = frozenset({"a", "i", "s", "y"})
"""Pieces of one letter a hashtag may hold in English: the words "a" and "i", and the endings the splitter cuts off
words of the web ("#staffylife" cut "staff y life", "#u7s")."""


def _unreadable(tag: str, words: tuple[str, ...]) -> bool:
    """#glenvarrow (cut only into rare short pieces), #SmithsOfQuellbury, #90210: a tag that no list reads (a word of no
    list, or English only with short pieces rarer than ``UNREADABLE_RANK``) is a name or a place run into a tag, erring
    on the side of removing. One word of any currency ("#diwali") or common pieces ("#jetlag") stay."""
    if re.fullmatch(r"\d{1,4}", tag):
        return False  # "#2", "#2024": a number, a year
    if len(words) == 1:
        return english_rank(words[0]) is None and len(words[0]) >= 4
    if any(len(w) == 1 and w.isalpha() and w not in ONE_LETTER_WORDS for w in words):
        return True  # "#vasantkunj" cut "va sant kun j", "#saltbushelc" cut "salt bushel c": no English
    return any(english_rank(w) is None or len(w) <= FRAGMENT and english_rank(w) >= UNREADABLE_RANK
               for w in words if w.isalpha() and not not_a_name(w))  # "mum", "nana": words of the lexicon


def _proper_names_only(tag: str) -> bool:
    """#BiałyOrzeł, #NowiccyWPeterborough: two or more capitalised words, none of them a common English word, are
    a name (a school's, a family's, a place's) the engine could not read; #HappyDiwali has a common word."""
    parts = [p for p in re.findall(r"[A-Z\u00C0-\u024F][^\W\d_A-Z]*", tag) if p[:1].isupper() and len(p) >= 2]
    if len(parts) < 2 or tag.isupper():
        return False
    return all((english_rank(fold(p)) or RARE_IN_TAG_RANK) >= RARE_IN_TAG_RANK for p in parts)


def _names_someone(words: tuple[str, ...]) -> bool:
    """#Zara, #ZaraTheBrave, #zaragirl: a hashtag holding a first name that is no common English word."""
    for word in words:
        rank = english_rank(word)
        if (len(word) >= MIN_TERM_IN_TAG and is_known_first_name(word) and (rank is None or rank > NAME_IN_TAG_RANK)
                and word not in lx.NOT_NAMES and word not in lx.CHARACTERS and word not in lx.CHARACTER_FIRST_NAMES
                and word not in lx.PLACE_WORDS and word not in lx.WEEKDAY_FORMS and word not in lx.MONTH_FORMS):
            return True
    return False


def _surname_like(low: str) -> bool:
    """#teamparker, #smithfamily, #thejonesgang: the family-name hashtags the engine reads."""
    front = None
    if low.startswith("team") and len(low) > 6:
        front = low[4:]
    for group in GROUP_WORDS:
        if front is None and low.endswith(group) and len(low) > len(group) + 2:
            front = low[: -len(group)]
            front = front[3:] if front.startswith("the") and len(front) > 5 else front
    if not front or front in NOT_A_SURNAME:
        return False
    return (len(front) >= 3 and front not in lx.NOT_NAMES and front not in lx.PLACE_WORDS
            and front not in lx.CHARACTERS and front not in lx.KIN_TITLES and front not in lx.PARENT_WORDS
            and front not in lx.WEEKDAY_FORMS)


def _school_like(low: str) -> bool:
    """#oakfieldprimary: a proper name run into a school word; #harbordpublic, #harbordps, #saltbushelc: a name rare
    in English run into a word only the share's lists give for a kind of school."""
    m = SCHOOL_SUFFIX.match(low)
    if m is not None and m[1] not in lx.NOT_NAMES and not set(split_words(m[1])) & HASHTAG_NON_NAMES:
        return True
    m = _SHARE_SCHOOL_SUFFIX.match(low)
    return m is not None and (english_rank(m[1]) or RARE_IN_TAG_RANK) >= RARE_IN_TAG_RANK and m[1] not in lx.NOT_NAMES


_SHARE_SCHOOL_SUFFIX = re.compile(
    r"^([a-z]{5,}?)(" + "|".join(sorted({re.escape(w.replace(" ", "")) for w in lx.word_set("share",
                                                                                           "school_types_after_name")}
                                        | {"ps"}, key=len, reverse=True)) + r")$")
"""A school's name run into "public", "ps", "elc"…: the name before it must be rare in English ("#thinkpublic" stays)."""


def _place_like(low: str) -> bool:
    """#derbymums, #norwichsnow, #tenby: a gazetteer place, alone or before a local suffix."""
    fronts = [low] + [low[: -len(s)] for s in lx.LOCAL_HASHTAG_SUFFIXES if low.endswith(s) and len(low) > len(s) + 2]
    for front in fronts:
        if front in lx.NOT_NAMES or front in lx.CHARACTERS or front in lx.WEEKDAY_FORMS:
            continue
        for candidate in (front, " ".join(split_words(front))):
            if len(candidate) >= MIN_PLACE and geo.places_named(candidate) and \
                    name_count(candidate.replace(" ", "")) < COMMON_NAME_COUNT:
                return True
    return False


CITY_IN_TAG_RANK = 1000
"""A city that names its district counts among a hashtag's words from this rank ("#sydneyharbour", "sydney" 1888):
a tag dropped for a word that is also common ("#readingchallenge") costs the copy little."""


def _place_in_tag(word: str) -> bool:
    """#halloweeninbrooklyn, #brooklynnanny: one of the tag's words is a gazetteer place that is no common word, or a
    city that names its district."""
    rank = english_rank(word)
    common = rank is not None and rank < PLACE_IN_TAG_RANK
    if common and (rank < CITY_IN_TAG_RANK or not geo.names_its_district(word)):
        return False
    return (len(word) >= MIN_PLACE_IN_TAG and word not in lx.NOT_NAMES
            and word not in lx.CHARACTERS and word not in lx.WEEKDAY_FORMS and word not in lx.MONTH_FORMS
            and geo.is_place_name(word))  # "brooklyn" is a first name too: a place or a name, it goes either way


MAX_PLACE_RUN = 3
"""The most words of a hashtag read together as one place's name ("#goldcoastwinter": "gold coast")."""


def _place_run_in_tag(words: tuple[str, ...]) -> bool:
    """#goldcoastwinter, #palmspringsweekend: two or three of the tag's words, side by side, name a gazetteer place. Each
    word alone is common ("gold", "coast"); together they are a town."""
    for size in range(2, MAX_PLACE_RUN + 1):
        for i in range(len(words) - size + 1):
            run = words[i:i + size]
            if all(w.isalpha() for w in run) and len("".join(run)) >= MIN_PLACE_IN_TAG \
                    and geo.is_place_name(" ".join(run)):
                return True
    return False


def _sensitive(low: str, words: str) -> bool:
    for cues in lx.SENSITIVE_CUES.values():
        for cue in cues:
            if not cue[0].isalnum():
                continue
            pattern = r"(?<!\w)" + re.escape(cue) + r"(?!\w)"
            if re.search(pattern, low) or re.search(pattern, words):
                return True
    return False
