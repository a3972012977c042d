"""Capitals for a feed written all in lower case, so that a name reads as a name ("kauri and pip" ->
"Kauri and Pip").

The engine finds people and places by their capitals (`mentions.find_mentions`) and spaCy reads
entities by them too, so a parent who never types a capital would leak everything to a stranger and
nothing to kidsafe. A feed is recased only when almost none of its words start with a capital
(`is_lower_case`). Sentence starts and "i" take a capital; any other word takes one when a small
linear model (`models/recase.npz`, trained by `kidsafe.learn.train_recase` on where the corpus's
cased voices put capitals) says a writer who uses capitals would give it one. Its features say what
the word is (how common in English, a known first name, a place), which words stand around it, and
how many of the feed's texts use it; never which corpus name it is.

Only the case of a word's first letter changes, so every character span stays where it was.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from kidsafe import geo
from kidsafe.engine import learned
from kidsafe.engine.gazetteer import is_known_first_name, name_count
from kidsafe.engine.text import english_rank, fold, sentence_start

#: A word as the mention finder reads one: letters, then letters, apostrophes or hyphens; not a
#: hashtag, a handle or part of an e-mail address.
WORD = re.compile(r"(?<![\w#@&./])([^\W\d_][^\W\d_'’\-]*)", re.UNICODE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
#: Under this share of words starting with a capital, a feed is written in lower case. The cased
#: corpus voices start 7% or more of their words with one, the lower-case ones 1.4% or fewer.
LOWER_CASE_SHARE = 0.04
#: Too few words to tell how a feed is written: left as it is.
MIN_WORDS = 30
#: A context word this common is itself a feature ("with", "and", "uncle"); a rarer one only its rank.
COMMON_RANK = 5000
I_FORMS = frozenset({"i", "i'm", "i’m", "i've", "i’ve", "i'll", "i’ll", "i'd", "i’d"})


def is_lower_case(texts: Iterable[str]) -> bool:
    """True when the texts, taken together, almost never start a word with a capital."""
    words = capitals = 0
    for text in texts:
        for m in WORD.finditer(text):
            word = m.group(1)
            words += 1
            capitals += word[0].isupper() and not word.isupper()
    return words >= MIN_WORDS and capitals < LOWER_CASE_SHARE * words


def _bucket(value: int | None, edges: Sequence[int]) -> str:
    if value is None:
        return "none"
    for edge in edges:
        if value <= edge:
            return str(edge)
    return "more"


def _rank_bucket(word: str) -> str:
    return _bucket(english_rank(word), (100, 1000, 3000, 10000, 30000))


def _context(word: str | None) -> str:
    """A neighbour as a feature: itself when common in English and no first name, else its kind."""
    if word is None:
        return "<edge>"
    rank = english_rank(word)
    if rank is not None and rank <= COMMON_RANK and not is_known_first_name(word):
        return word
    return "first_name" if is_known_first_name(word) else "rank:" + _rank_bucket(word)


def word_features(words: Sequence[str], i: int, texts_with: Counter[str]) -> dict[str, float]:
    """Features of the folded word ``words[i]`` of one text, in a feed where ``texts_with[w]`` texts use w."""
    word = words[i]
    rank = english_rank(word)
    feats: dict[str, float] = {"bias": 1.0, "rank:" + _rank_bucket(word): 1.0,
                               "texts:" + _bucket(texts_with[word], (1, 2, 4, 8)): 1.0,
                               "len:" + str(min(len(word), 9)): 1.0}
    if rank is not None and rank <= COMMON_RANK:
        feats["word:" + word] = 1.0
    else:
        feats["suffix:" + word[-3:]] = 1.0
    if is_known_first_name(word):
        feats["first_name"] = 1.0
        feats["name_count:" + str(min(6, int(math.log10(max(1, name_count(word))))))] = 1.0
    if geo.is_place_name(word):
        feats["place"] = 1.0
    before = words[i - 1] if i else None
    after = words[i + 1] if i + 1 < len(words) else None
    if after and geo.is_place_name(f"{word} {after}"):
        feats["place_with_next"] = 1.0
    if before and geo.is_place_name(f"{before} {word}"):
        feats["place_with_previous"] = 1.0
    left, right = _context(before), _context(after)
    feats["L1:" + left] = 1.0
    feats["L2:" + _context(words[i - 2] if i > 1 else None)] = 1.0
    feats["R1:" + right] = 1.0
    if rank is not None and rank <= COMMON_RANK:  # "the park" is no name, "logan park" is
        feats[f"L1W:{left}|{word}"] = 1.0
        feats[f"WR1:{word}|{right}"] = 1.0
    return feats


def strip_possessive(word: str) -> str:
    """"kauri's" -> "kauri"."""
    return _POSSESSIVE.sub("", word) or word


def _words(text: str) -> list[tuple[int, str]]:
    """(start, folded word without a possessive ending) of every word of a text."""
    return [(m.start(1), fold(strip_possessive(m.group(1)))) for m in WORD.finditer(text)]


def texts_using(texts: Iterable[str]) -> Counter[str]:
    """How many of the texts use each folded word."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({word for _, word in _words(text)})
    return counts


def _capitalised(text: str, starts: Iterable[int]) -> str:
    chars = list(text)
    for s in starts:
        upper = chars[s].upper()
        if len(upper) == 1:  # "ß".upper() is two letters: a span would move
            chars[s] = upper
    return "".join(chars)


def recased(text: str, texts_with: Counter[str], model: learned.LinearModel) -> str:
    """The text with a capital at each sentence start, on "i", and on each word the model calls a name."""
    found = _words(text)
    words = [w for _, w in found]
    starts, scored, rows = [], [], []
    for i, (start, word) in enumerate(found):
        if sentence_start(text, start) or word in I_FORMS:
            starts.append(start)
        elif len(word) > 1:
            scored.append(start)
            rows.append(word_features(words, i, texts_with))
    if rows:
        probs = model.probabilities_of(rows)
        starts += [s for s, p in zip(scored, probs, strict=True) if p["name"] >= model.threshold]
    return _capitalised(text, starts)


def for_texts(texts: Sequence[str]) -> Callable[[str], str] | None:
    """The recasing of one feed's texts (its writer's own words: captions, comments, descriptions);
    None when the feed uses capitals, or before the model is trained."""
    model = learned.shipped("recase")
    if model is None or not is_lower_case(texts):
        return None
    counts = texts_using(texts)
    done: dict[str, str] = {}  # an audit reads each text twice (spaCy early, then the views): score it once

    def recasing(text: str) -> str:
        if text not in done:
            done[text] = recased(text, counts, model)
        return done[text]

    return recasing
