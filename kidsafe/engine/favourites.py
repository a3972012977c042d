"""The things a child loves, found by a token tagger learned from the corpus's FAVOURITE spans.

Favourites are said in too many ways for a word list ("won't go anywhere without Rexy", "Moana on
repeat", "has to have her pink sunnies", "horse mad"): each word of a caption is tagged as the
start of a favourite (B), inside one (I) or neither (O) by a logistic regression over the word, its
shape, the words around it and the lexicon's cue words near it (`kidsafe.learn.train_favourites`).
A favourite is a run that starts with a B above the model's threshold and goes on while I is likelier
than O.
"""

from __future__ import annotations

from dataclasses import dataclass

from kidsafe.engine import learned
from kidsafe.engine import lexicon as lx
from kidsafe.engine.tagger import SENTENCE_END, tokens, word_class, word_shape
from kidsafe.engine.text import fold

#: Words around a favourite that say it is one; nearby, they are features, not rules.
CUE_WORDS = lx.word_set("characters", "favourite_cue_words")
#: Chat words a tagger's run may carry on into ("Bluey rn"): they end a sentence, never a thing.
NOT_ENDS = lx.word_set("characters", "not_favourite_ends")
#: Words a tagger's run may open with that lead into the thing ("obsessed with Bluey"), never part of it.
LEAD_INS = CUE_WORDS | lx.word_set("characters", "favourite_lead_ins")
WINDOW = 3
#: How far back in its sentence a cue word still speaks for a word ("his favourite food in the whole
#: world is tilapia"): beyond the window, it is read as a cue somewhere before, with its distance.
REACH = 12


@dataclass(frozen=True)
class Favourite:
    """A favourite thing as the caption writes it, with its character span."""

    text: str
    start: int
    end: int
    probability: float


def token_features(toks: list[tuple[str, int, int]], i: int, folded: list[str] | None = None) -> dict[str, float]:
    """What the tagger reads of the i-th word: itself, its shape, its neighbours, cue words near it.
    ``folded``: the words folded once for the whole text (they are read by every neighbour)."""
    low_words = folded if folded is not None else [fold(t[0]) for t in toks]
    word, low = toks[i][0], low_words[i]
    feats = {"bias": 1.0, f"w:{low}": 1.0, f"shape:{word_shape(word)}": 1.0, f"suf:{low[-3:]}": 1.0}
    if low in lx.CHARACTERS or low in lx.CHARACTER_FIRST_NAMES:
        feats["character_word"] = 1.0
    if i and toks[i - 1][0] == "#":
        feats["in_hashtag"] = 1.0
    for k in range(1, WINDOW + 1):
        feats[f"L{k}:{low_words[i - k] if i - k >= 0 else '<s>'}"] = 1.0
        if i + k < len(toks):
            feats[f"R{k}:{low_words[i + k]}"] = 1.0
    near = low_words[max(0, i - 6):i + 7]
    if not CUE_WORDS.isdisjoint(near):  # most words have no cue word near: no set to build
        for cue in set(near) & CUE_WORDS:
            feats[f"near:{cue}"] = 1.0
    if i and low_words[i - 1] in CUE_WORDS:
        feats["after_cue"] = 1.0
    if i >= 2:
        feats[f"L2L1:{low_words[i - 2]}_{low_words[i - 1]}"] = 1.0
    if i == 0 or toks[i - 1][0] in SENTENCE_END:
        feats["sentence_start"] = 1.0
    for k in range(1, min(i, REACH) + 1):  # the nearest cue word earlier in the same sentence
        if toks[i - k][0] in SENTENCE_END:
            break
        if low_words[i - k] in CUE_WORDS:
            feats[f"cue_before:{low_words[i - k]}"] = 1.0
            feats[f"cue_before_at:{min(k, 8)}"] = 1.0
            break
    for c in word_class(word, low):
        feats[f"c:{c}"] = 1.0
    return feats


def find_favourites(text: str) -> list[Favourite]:
    """The favourites the shipped tagger finds in one text; none before it is trained."""
    model = learned.shipped("favourites")
    if model is None or not text:
        return []
    toks = tokens(text)
    folded = [fold(t[0]) for t in toks]
    probs = model.probabilities_of([token_features(toks, i, folded) for i in range(len(toks))])
    out: list[Favourite] = []
    i = 0
    while i < len(toks):
        if probs[i].get("B", 0.0) >= model.threshold and toks[i][0] != "#":
            j = i + 1
            while j < len(toks) and probs[j].get("I", 0.0) > probs[j].get("O", 0.0):
                j += 1
            while j - 1 > i and folded[j - 1] in NOT_ENDS:
                j -= 1
            first = i
            while first < j - 1 and folded[first] in LEAD_INS:
                first += 1
            start, end = toks[first][1], toks[j - 1][2]
            if not all(w in CUE_WORDS for w in folded[first:j]):  # "obsessed" says there is a favourite, is none
                out.append(Favourite(text[start:end], start, end, probs[i]["B"]))
            i = j
        else:
            i += 1
    return out
