"""Text helpers: folding, emoji masking, hashtag splitting, number words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
}
_HASHTAG = re.compile(r"#(\w+)", re.UNICODE)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})


#: (first hour, part): where each part of the day begins; before the first, it is still night.
DAY_PARTS = ((5, "morning"), (12, "afternoon"), (17, "evening"), (21, "night"))


def day_part(hour: int) -> str:
    """'morning', 'afternoon', 'evening' or 'night' for an hour of the day (0-23)."""
    return next((part for first, part in reversed(DAY_PARTS) if hour >= first), DAY_PARTS[-1][1])


def fold(text: str) -> str:
    """Lower-case, strip accents, normalise apostrophes: for comparing names and words."""
    if text.isascii():  # most text: nothing to decompose (ASCII has no compatibility forms or accents)
        return text.lower().replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("đ", "d")


#: Each ASCII character folded, so that folding text one character at a time looks most of them up.
_ASCII_FOLDED = {chr(i): fold(chr(i)) for i in range(128)}


def fold_each(text: str) -> str:
    """``text`` folded one character for one (the first of what each folds to): the same offsets as ``text``."""
    if text.isascii():  # ASCII folds one for one already
        return fold(text)
    return "".join((_ASCII_FOLDED.get(c) or fold(c))[:1] or c for c in text)


class Folded:
    """Folded text with a map back to the original's character positions."""

    def __init__(self, text: str) -> None:
        if text.isascii():  # folding ASCII keeps every position: no per-character map to build
            self.text, self._where, self._n = fold(text), range(len(text)), len(text)
            return
        chars, where = [], []
        for i, ch in enumerate(text):
            for f in _ASCII_FOLDED.get(ch) or fold(ch):  # most characters are still ASCII: a table look-up
                chars.append(f)
                where.append(i)
        self.text = "".join(chars)
        self._where = where
        self._n = len(text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original positions of the folded text's [start, end)."""
        a = self._where[start] if start < len(self._where) else self._n
        b = self._where[end - 1] + 1 if end > 0 else 0
        return a, b


def is_symbol(char: str) -> bool:
    """True for emoji, pictographs and other symbol characters (not letters, digits or punctuation)."""
    cat = unicodedata.category(char)
    return cat in ("So", "Sk", "Cs", "Co") or char in "\u200d\ufe0f\ufe0e" or 0x1F000 <= ord(char) <= 0x1FAFF


#: The ASCII symbols ``is_symbol`` finds, each read as a space.
_ASCII_SYMBOLS_BLANK = str.maketrans({c: " " for c in map(chr, range(128)) if is_symbol(c)})


def mask_for_nlp(caption: str) -> str:
    """The caption with emoji and hashtags blanked out, same length so offsets still line up.

    spaCy's English model reads emoji and hashtags as parts of names ("Ruby & Sam ❤️" as an
    ORG); blanking them keeps its entities clean.
    """
    text = caption.translate(_APOSTROPHES)
    if caption.isascii():  # one table for ASCII text (its only symbols are "^" and "`"), not a test per character
        return _HASHTAG.sub(lambda m: " " * len(m[0]), text.translate(_ASCII_SYMBOLS_BLANK))
    chars = [" " if is_symbol(c) else c for c in text]
    for m in _HASHTAG.finditer(caption):
        chars[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


def number_value(word: str) -> int | None:
    """Integer value of '5', 'five', 'FIVE', '5th', 'fifth'; None otherwise."""
    w = fold(word).strip(".!?,")
    if w.isdigit():
        return int(w)
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", w)
    if m:
        return int(m[1])
    return NUMBER_WORDS.get(w) or ORDINAL_WORDS.get(w)


@lru_cache(maxsize=4096)
def split_words(squashed: str) -> tuple[str, ...]:
    """Split a run-together lower-case string into English words ("firstdayatschool")."""
    import wordninja  # local import: 1 MB word list loaded on first use only

    return tuple(wordninja.split(squashed))


@lru_cache(maxsize=1)
def _word_ranks() -> dict[str, int]:
    import math

    import wordninja

    costs = wordninja.DEFAULT_LANGUAGE_MODEL._wordcost  # cost = log((rank + 1) * log(n))
    log_n = math.log(len(costs))
    return {w: int(round(math.exp(c) / log_n)) - 1 for w, c in costs.items()}


def english_rank(word: str) -> int | None:
    """Frequency rank of a word in English text (0 = most common), None when unknown."""
    return _word_ranks().get(fold(word))


#: A possessive ending ("Mia's"), trimmed off names at every capitalised word: compiled once.
POSSESSIVE_END = re.compile(r"(?:'s|’s)$")
#: A hashtag, its words without the '#' as the group; not an HTML entity ("&#39;").
HASHTAG = re.compile(r"(?<![\w&])#(\w+)", re.UNICODE)
CAMEL_WORD = re.compile(r"[A-Z][a-z\u00C0-\u024F]+|[A-Z]+(?![a-z])|[a-z\u00C0-\u024F]+|\d+")


_WORD_OPENING = re.compile(r"(?<![\w'’])([^\W\d_])([\w'’]*)")


def headline_case(text: str) -> str:
    """Each word of the text with a capital first letter and the rest small, as a sign is read ("ST BRENDAN'S" ->
    "St Brendan's", not ``str.title``'s "St Brendan'S"); every character keeps its place, so spans hold."""
    def one(m: re.Match[str]) -> str:
        first, rest = m[1].upper(), m[2].lower()
        return (first if len(first) == 1 else m[1]) + (rest if len(rest) == len(m[2]) else m[2])
    return _WORD_OPENING.sub(one, text)


def title_case(word: str) -> str:
    """A word written in capitals as a name is written ("MITCHELL" -> "Mitchell"); any other as it is."""
    return word[:1].upper() + word[1:].lower() if word.isupper() else word


def split_hashtag(tag: str) -> tuple[str, ...]:
    """Words of a hashtag: CamelCase boundaries first, else the English word splitter."""
    tag = tag.lstrip("#")
    camel = CAMEL_WORD.findall(tag)
    if len(camel) > 1 and not tag.islower() and not tag.isupper():
        return tuple(w.lower() for w in camel)
    return split_words(fold(tag))


@lru_cache(maxsize=64)
def _phrase_matcher(phrases: tuple[str, ...]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """One compiled alternation for the word phrases, and the symbol phrases (emoji) apart."""
    words = sorted((p for p in phrases if p and p[0].isalnum()), key=len, reverse=True)
    symbols = tuple(p for p in phrases if p and not p[0].isalnum())
    rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in words) + r")(?!\w)") if words else None
    return rx, symbols


def find_phrase(text_folded: str, phrases: Iterable[str]) -> tuple[str, int] | None:
    """A phrase (folded) found in the folded text on word boundaries, and where; else None.

    Word phrases first (the first in the text), then symbols (the first of the list found).
    """
    key = phrases if isinstance(phrases, tuple) else tuple(sorted(phrases))
    rx, symbols = _phrase_matcher(key)
    if rx is not None:
        m = rx.search(text_folded)
        if m:
            return m.group(0), m.start()
    return next(((s, text_folded.find(s)) for s in symbols if s in text_folded), None)


def contains_phrase(text_folded: str, phrases: Iterable[str]) -> str | None:
    """A phrase (folded) found in the folded text on word boundaries, else None."""
    found = find_phrase(text_folded, phrases)
    return found[0] if found else None


def without_hashtags(text: str) -> tuple[str, list[int]]:
    """The text with each hashtag read as one space, and where each of its characters is in ``text``."""
    kept, where, pos = [], [], 0
    for m in _HASHTAG.finditer(text):
        kept += [text[pos:m.start()], " "]
        where += [*range(pos, m.start()), m.start()]
        pos = m.end()
    kept.append(text[pos:])
    where += range(pos, len(text))
    return "".join(kept), where


def phrase_spans(text_folded: str, phrases: Iterable[str]) -> list[tuple[int, str]]:
    """(start, phrase) of every word phrase found in the folded text on word boundaries."""
    rx, _ = _phrase_matcher(phrases if isinstance(phrases, tuple) else tuple(sorted(phrases)))
    return [(m.start(), m.group(0)) for m in rx.finditer(text_folded)] if rx is not None else []


def excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    """A short window of text around [start, end), with ellipses where cut."""
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a > 0 else "") + text[a:b].strip() + ("…" if b < len(text) else "")


def sentence_start(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence: the text's start, after . ! ? : ; or a new
    line, or after something that is no word (an emoji, a dash)."""
    before = text[:start].rstrip(" \t\"'“‘([")
    return not before or before[-1] in ".!?\n:;" or not re.search(r"[A-Za-z]", before[-3:] or "")


#: What ends a clause: a comma or a sentence's end (here a time's dot too: `kidsafe.engine.routines` reads times apart).
CLAUSE_BREAK = re.compile(r"[,.;!?\n]")
#: What a clause break adds to a distance in characters (`clause_distance`): more than any stretch of one clause.
CLAUSE_GAP = 1000


def clause_distance(text: str, a: tuple[int, int], b: tuple[int, int], breaks: re.Pattern[str] = CLAUSE_BREAK) -> int:
    """Characters between two stretches of a text, and `CLAUSE_GAP` more when a sentence ends or a comma stands
    between them (``breaks``): in "lessons Wednesdays for Ada, Fridays for Kit" Fridays goes with Kit, not the
    nearer Ada."""
    lo, hi = sorted((a, b))
    gap = max(0, hi[0] - lo[1])
    return gap + (CLAUSE_GAP if breaks.search(text, lo[1], hi[0]) else 0)
