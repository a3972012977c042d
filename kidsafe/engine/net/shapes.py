"""The shapes of a caption every net reads the same way: hashtags, @mentions, runs of capitalised words,
franchise names, the words before a position, and where a sentence opens."""

from __future__ import annotations

import re

from kidsafe.engine import lexicon as lx
from kidsafe.engine.text import Folded, english_rank, fold

HASHTAG_RE = re.compile(r"(?<![\w&])#\w+", re.UNICODE)
MENTION_RE = re.compile(r"(?<![\w@])@[\w.]+\w", re.UNICODE)
CAPITAL_RUN_RE = re.compile(r"(?<![\w#@])([A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+)*)")
TITLE_RUN = 4
"""A run of this many capitalised words is a title or greeting ("Chúc Mừng Năm Mới"), not places."""
GREETINGS = lx.word_set("share", "greetings")
"""Words after which a name is only said to its person ("Happy birthday X", "love you X"): it goes."""
RARE_WORD_RANK = 10_000
"""A word rarer than this in English is a name even when written in lower case."""


def tags_and_mentions(caption: str) -> list[tuple[int, int]]:
    """(start, end) of every hashtag and @mention: the nets that read words leave them to the hashtag net."""
    return [(m.start(), m.end()) for m in (*HASHTAG_RE.finditer(caption), *MENTION_RE.finditer(caption))]


_CHARACTER_RES = tuple(re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)") for phrase in sorted(lx.CHARACTERS))
"""One pattern a phrase, compiled once: every net asks for the spans of every caption, some twice."""
_ANY_CHARACTER_RE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(lx.CHARACTERS)) + r")(?!\w)")
"""Most captions name no franchise: one search says so before each phrase is looked for (they may overlap)."""


def character_spans(folded: str) -> list[tuple[int, int]]:
    """Where character and franchise names ("paw patrol") lie (folding keeps most positions)."""
    if not _ANY_CHARACTER_RE.search(folded):
        return []
    return [(m.start(), m.end()) for pattern in _CHARACTER_RES for m in pattern.finditer(folded)]


def protected_spans(caption: str, *, titles: bool = True) -> list[tuple[int, int]]:
    """Where the nets that read words read no name or place: hashtags and @mentions (the hashtag net's), franchises
    ("Paw Patrol" is no one) and, with ``titles``, runs of ``TITLE_RUN`` capitalised words (titles, greetings)."""
    folded = Folded(caption)
    out = tags_and_mentions(caption)
    out += [folded.span(a, b) for a, b in character_spans(folded.text)]
    if titles:
        out += [(m.start(), m.end()) for m in CAPITAL_RUN_RE.finditer(caption) if len(m[0].split()) >= TITLE_RUN]
    return out


def is_rare_word(key: str) -> bool:
    """A word (folded, spaces ignored) rare enough in English to be a name even when written in lower case."""
    rank = english_rank(key.replace(" ", ""))
    return rank is None or rank > RARE_WORD_RANK


GREETING_PHRASES = lx.word_set("share", "greeting_phrases")
_CAPITAL_BEFORE = re.compile(r"([A-Z][\w'’\-]*)[ \t]+$")
_WORD_AT = re.compile(r"[\w'’\-]+")


def ends_a_set_phrase(text: str, start: int) -> bool:
    """Whether the capitalised word at ``start`` ends a listed greeting with the word before it ("Eid Mubarak",
    "Joyeux Noël", "Jingle Bells"), so it is no name or place. Only the pair counts: "Eid" before a nickname
    protects nothing, and neither does a character's first name, which children bear too ("Harry Qwenby")."""
    before = _CAPITAL_BEFORE.search(text, max(0, start - 30), start)
    word = _WORD_AT.match(text, start)
    return before is not None and word is not None and f"{fold(before[1])} {fold(word[0])}" in GREETING_PHRASES


_WORD_AFTER = re.compile(r"[ \t]+([\w'’\-]+)")


def in_a_set_phrase(text: str, start: int) -> bool:
    """Whether the word at ``start`` ends or begins a listed greeting ("Nollaig" and "Shona" of "Nollaig Shona")."""
    word = _WORD_AT.match(text, start)
    after = _WORD_AFTER.match(text, word.end()) if word else None
    return ends_a_set_phrase(text, start) or (
        word is not None and after is not None and f"{fold(word[0])} {fold(after[1])}" in GREETING_PHRASES)


_CAPITALISED_NEXT = re.compile(r"[ \t]+([A-Z][\w'’\-]*)")
COMMON_AFTER_GREETING = 5000
"""A word after a greeting this common in English is no name ("Eid Mubarak Everyone")."""


def greeted_after(text: str, end: int) -> tuple[int, int] | None:
    """(start, end) of the capitalised word said right after a greeting that ends at ``end``: the one greeted ("Eid
    Mubarak Qwenby!"); None when no such word follows or it is a common English word."""
    after = _CAPITALISED_NEXT.match(text, end)
    if after is None:
        return None
    rank = english_rank(fold(after[1]))
    return None if rank is not None and rank < COMMON_AFTER_GREETING else after.span(1)


def words_before(text: str, start: int, n: int = 3) -> list[str]:
    """The last words before ``start`` in the same phrase (no punctuation or emoji between)."""
    clause = re.split(r"[^\w\s'’]", text[max(0, start - 60):start])[-1]
    return [fold(w) for w in re.findall(r"[\w'’]+", clause)][-n:]


def sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence (after . ! ? a line break or an emoji)."""
    before = text[:start].rstrip(" \t\"'“‘([")
    return not before or before[-1] in ".!?\n:;" or not re.search(r"[\w,]", before[-2:])


def stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) makes its sentence alone: it opens one and nothing but its end follows
    ("Three today! Olivia", "Both towels. Miracle.")."""
    return sentence_start(text, start) and not re.match(r"\s*[\w'’,;:&+(]", text[end:])


def capitalised_before(text: str, start: int) -> bool:
    """The word right before ``start`` (a space apart) is written with a capital: a first name before a family name
    ("Sam Henderson")."""
    return bool(_CAPITAL_BEFORE.search(text, max(0, start - 40), start))


def capitalised_after(text: str, end: int) -> bool:
    """The next word after ``end`` is written with a capital: a name goes on ("the Penrith Carnival")."""
    return bool(re.match(r"\s+[A-Z]", text[end:end + 3]))


def opens_sentences_with_capitals(text: str) -> bool:
    """Whether a text (its hashtags aside) opens some sentence with a capital: a feed written in lower case does not."""
    return bool(re.search(r"(?:^|[.!?]\s+)[A-Z]", HASHTAG_RE.sub("", text).strip()))
