"""Schools, clubs and places said in a caption, found by a token tagger learned from the corpus's
SCHOOL, CLUB, TOWN and PLACE spans.

Type words ("Primary", "Gaelscoil") find the schools that carry one; many do not ("drop-off at
Little Possums", "Kidzee pickup", "home to Jozi"). Each word of a caption is tagged as the start
(B-) or inside (I-) of a school, club or place, or neither (O), by a logistic regression over the
word, its shape, the words around it, and what the lexicons and the place and name lists say of it
(`kidsafe.learn.train_tagger`). A mention is a run that starts with a B- above the model's
threshold and goes on while that kind's I- is likelier than O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kidsafe import geo
from kidsafe.engine import learned
from kidsafe.engine import lexicon as lx
from kidsafe.engine.gazetteer import name_count
from kidsafe.engine.text import english_rank, fold

KINDS = ("SCHOOL", "CLUB", "PLACE")
#: The corpus's labels as the tagger reads them: whether a place is the family's town is a decision
#: over the whole feed (`towns`), not one a word's neighbours can make.
LABEL_KIND = {"SCHOOL": "SCHOOL", "CLUB": "CLUB", "TOWN": "PLACE", "PLACE": "PLACE"}
CLASSES = ("O", *(f"{p}-{k}" for k in KINDS for p in ("B", "I")))
_TOKEN = re.compile(r"[^\W_][\w'’\-]*|[^\w\s]", re.UNICODE)
#: Tokens that end a sentence (the favourites tagger reads them too).
SENTENCE_END = frozenset(".!?\n")
WINDOW = 2


@dataclass(frozen=True)
class Mention:
    """A place-like name as the caption writes it, with its kind and character span."""

    kind: str
    text: str
    start: int
    end: int
    probability: float


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end): words (hyphens and apostrophes kept) and single symbols."""
    return [(m[0], m.start(), m.end()) for m in _TOKEN.finditer(text)]


def word_shape(word: str) -> str:
    """A word's shape: d (digits), X (capitals), Xx (capitalised), x (lower case), sym."""
    if word.isdigit():
        return "d"
    if word[:1].isupper():
        return "X" if word.isupper() and len(word) > 1 else "Xx"
    return "x" if word[:1].isalpha() else "sym"


@lru_cache(maxsize=1 << 14)
def word_class(word: str, low: str) -> tuple[str, ...]:
    """What the lists say of one word: a school type word, a known place, a first name, how common.
    Cached, as words recur from caption to caption; `engine.forget_user_text` empties it after an audit."""
    out = []
    if low in lx.SCHOOL_TYPE_WORDS or low in lx.PREFIX_SCHOOL_TYPES:
        out.append("school_type")
    if low in lx.ACTIVITIES:
        out.append("activity")
    if low in lx.WEEKDAY_FORMS:
        out.append("weekday")
    if word[:1].isupper():
        if geo.is_place_name(word):
            out.append("gazetteer")
        if name_count(word) >= 1000:
            out.append("first_name")
    rank = english_rank(low)
    out.append("rank:none" if rank is None else "rank:" + ("top1k" if rank < 1000 else "top20k" if rank < 20000
                                                           else "rare"))
    return tuple(out)


def token_features(toks: list[tuple[str, int, int]], i: int, folded: list[str],
                   classes: list[tuple[str, ...]]) -> dict[str, float]:
    """What the tagger reads of the i-th word: itself, its shape and lists, and its neighbours'."""
    word, low = toks[i][0], folded[i]
    feats = {"bias": 1.0, f"w:{low}": 1.0, f"shape:{word_shape(word)}": 1.0, f"suf:{low[-3:]}": 1.0}
    for c in classes[i]:
        feats[f"c:{c}"] = 1.0
    if i == 0 or toks[i - 1][0] in SENTENCE_END:
        feats["sentence_start"] = 1.0
    if i and toks[i - 1][0] in "#@":
        feats[f"after:{toks[i - 1][0]}"] = 1.0
    for k in range(1, WINDOW + 1):
        for side, j in (("L", i - k), ("R", i + k)):
            if 0 <= j < len(toks):
                feats[f"{side}{k}:{folded[j]}"] = 1.0
                feats[f"{side}{k}shape:{word_shape(toks[j][0])}"] = 1.0
                for c in classes[j]:
                    if not c.startswith("rank"):
                        feats[f"{side}{k}c:{c}"] = 1.0
            else:
                feats[f"{side}{k}:<edge>"] = 1.0
    if any("school_type" in classes[j] for j in range(i + 1, min(len(toks), i + 5))):
        feats["school_type_ahead"] = 1.0
    return feats


#: Words a name may run on for after its capitalised first word ("Ana Pua Fetu Tavita Junior School").
NAME_RUN = 6


#: Lower-case words a name runs on through ("Gaelscoil na Móna", "Little Lotus preschool").
_RUN_ON = frozenset({"of", "de", "la", "le", "na", "an", "du", "del", "the", "and", "&", "'s", "’s"})


def _may_run_on(word: str, low: str) -> bool:
    """Whether a name may go on through this word: a capitalised word, a number, a connector, a type word."""
    return (word[:1].isupper() or word[:1].isdigit() or low in _RUN_ON or low in lx.SCHOOL_TYPE_WORDS
            or low in lx.PREFIX_SCHOOL_TYPES)


def text_features(text: str, names_only: bool = False
                  ) -> tuple[list[tuple[str, int, int]], list[int], list[dict[str, float]]]:
    """Tokens of a text, the ones scored, and each scored one's features. ``names_only``: score only
    the words a school's or place's name can open (capitalised, or a number) and the words that may
    run on from them; the engine reads no name that opens in lower case, and most words are skipped."""
    toks = tokens(text)
    folded = [fold(t[0]) for t in toks]
    if names_only:
        scored_set: set[int] = set()
        for i, t in enumerate(toks):
            if not (t[0][:1].isupper() or t[0][:1].isdigit()):
                continue
            j = i
            while j < len(toks) and j < i + NAME_RUN and (j == i or _may_run_on(toks[j][0], folded[j])):
                scored_set.add(j)
                j += 1
        scored = sorted(scored_set)
    else:
        scored = list(range(len(toks)))
    read = {j for i in scored for j in range(max(0, i - WINDOW), min(len(toks), i + 5))}  # neighbours' lists
    classes = [word_class(t[0], low) if k in read else () for k, (t, low) in enumerate(zip(toks, folded, strict=True))]
    return toks, scored, [token_features(toks, i, folded, classes) for i in scored]


def decode(text: str, toks: list[tuple[str, int, int]], probs: list[dict[str, float]],
           threshold: float) -> list[Mention]:
    """Runs that open with a B- above the threshold and go on while that kind's I- beats O."""
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        kind, p = max(((k, probs[i].get(f"B-{k}", 0.0)) for k in KINDS), key=lambda kp: kp[1])
        if p < threshold or not toks[i][0][:1].isalnum():
            i += 1
            continue
        j = i + 1
        while j < len(toks) and probs[j].get(f"I-{kind}", 0.0) > probs[j].get("O", 0.0):
            j += 1
        start, end = toks[i][1], toks[j - 1][2]
        out.append(Mention(kind, text[start:end], start, end, p))
        i = j
    return out


def find_mentions(text: str) -> list[Mention]:
    """The schools, clubs and places the shipped tagger finds in one text; none before it is trained."""
    model = learned.shipped("tagger")
    if model is None or not text:
        return []
    return list(_tagged(text, model.serial))


@lru_cache(maxsize=4096)
def _tagged(text: str, model_serial: int) -> tuple[Mention, ...]:
    """Cached per text and model in use (schools and towns both read a caption's mentions); the cache
    holds caption text, so `engine.forget_user_text` empties it after every audit."""
    model = learned.shipped("tagger")
    assert model is not None and model.serial == model_serial
    toks, scored, feats = text_features(text, names_only=True)
    probs: list[dict[str, float]] = [{"O": 1.0}] * len(toks)
    for i, p in zip(scored, model.probabilities_of(feats), strict=True):
        probs[i] = p
    return tuple(decode(text, toks, probs, model.threshold))
