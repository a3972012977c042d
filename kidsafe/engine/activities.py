"""Which words beside a weekday name the weekly activity: the activity model (`models/activities.npz`).

"Wednesday nights are AWANA at church", "Saturdays at Hanbit start today", "Connor's training Tuesdays
and Thursdays": the words that name what happens on the day are often in no list. Beside each weekday a
text says, every run of one to three words in the same sentence (within `REACH` words of the day) is a
candidate, and a logistic regression trained on the corpus (`kidsafe.learn.train_activities`) scores
it. Its features:

- the words themselves (hashed), the last word, how many, whether the activity list holds the phrase
  or its last word is a head noun ("class", "practice");
- how it is written: capitals not at the sentence's start, all capitals, spaCy's entity label, how
  common the last word is in English and as a first name (a person doing the activity is no activity);
- where it stands: before or after the day, how many words between and which, the words either side,
  a comma between, the word before the day ("every", "on"); not the day's own form ("Weds", "Tuesdays": left
  out since round 23, the model judged better out of fold without it);
- whether the text says it repeats (`routines.RECURRING`);
- an activity's emoji near the day ("Weds 🩰 then tea") is a candidate of its own, named by the list.

The candidate the model likes best for a day, at or above its threshold, is that day's activity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from kidsafe.engine import learned
from kidsafe.engine import lexicon as lx
from kidsafe.engine.gazetteer import name_count
from kidsafe.engine.learned import LinearModel, bucket
from kidsafe.engine.text import contains_phrase, english_rank

#: Words either side of the weekday a candidate may start or end within.
REACH = 8
#: The longest candidate, in words.
MAX_WORDS = 3
_WORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’\-]*")
#: What ends a sentence: a run of end marks counts once ("...", "!!\n\n"), and a full stop before a digit is
#: a time's or a number's ("9.30", "3.5km"), no end.
_SENTENCE_END = re.compile(r"(?:[!?;\n]|\.(?!\d))+")
_ACTIVITY_WORDS = tuple(lx.ROUTINE_ACTIVITIES)
#: A verb "to be" splits what is said of the day from the day ("nights are ZUMBINI"): no activity's name holds one.
_COPULAS = frozenset({"am", "is", "are", "was", "were", "be", "been"})
_HEADS = frozenset(lx.ACTIVITY_HEADS)

#: While training: every candidate met, as (post, weekday, phrase, features); None otherwise.
RECORDER: list[tuple[str, str, str, dict[str, float]]] | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """Words that may name the day's activity: folded, and where they stand in the folded text."""

    phrase: str
    start: int
    end: int
    feats: dict[str, float]


def shipped_model() -> LinearModel | None:
    """The activity model that ships with kidsafe; None before it is trained (the lists decide then)."""
    return learned.shipped("activities")


def _sentences(text: str, day: tuple[int, int]) -> tuple[int, int, int, int]:
    """(start of the sentence before, start, end, end of the sentence after) of the sentence holding ``day``."""
    ends = [m.span() for m in _SENTENCE_END.finditer(text)]
    before = [(a, b) for a, b in ends if b <= day[0]]
    after = [(a, b) for a, b in ends if a >= day[1]]
    lo = before[-1][1] if before else 0
    hi = after[0][0] if after else len(text)
    before_lo = before[-2][1] if len(before) > 1 else 0
    after_hi = after[1][0] if len(after) > 1 else len(text)
    return before_lo, lo, hi, after_hi


def candidates(text: str, raw_of, day: tuple[int, int], recurring: bool, entities: dict[str, str],
               rule_phrases: frozenset[str] = frozenset()) -> list[Candidate]:
    """Every run of words near the weekday at ``day`` in ``text`` (folded, hashtags out) with its features:
    in its sentence within `REACH` words of it, and anywhere in the sentences either side ("Netball season
    starting again. Saturday mornings at 9").

    ``raw_of(start, end)`` gives the words as written (for capitals); ``entities`` maps a folded word to
    spaCy's label for it in this text; ``rule_phrases`` are what the lists would name (a feature)."""
    before_lo, lo, hi, after_hi = _sentences(text, day)
    words = [(m.start(), m.end(), m[0]) for m in _WORD.finditer(text, before_lo, after_hi)]
    day_at = [i for i, (a, b, _) in enumerate(words) if a < day[1] and b > day[0]]
    if not day_at:
        return []
    d0, d1 = day_at[0], day_at[-1] + 1
    first = next((i for i, w in enumerate(words) if w[0] >= lo), 0)
    last = next((i for i, w in enumerate(words) if w[0] >= hi), len(words))
    before_day = words[d0 - 1][2] if d0 > first else "<s>"
    out = []
    for i in range(len(words)):
        for j in range(i + 1, min(i + MAX_WORDS, len(words)) + 1):
            if i < d1 and j > d0:
                break  # runs over the day itself
            inside = first <= i and j <= last
            if inside and (i >= d1 + REACH or j <= d0 - REACH) or not inside and (i < first < j or i < last < j):
                continue  # too far in its sentence, or across a sentence's end
            toks = [w for _, _, w in words[i:j]]
            if (toks[0] in STOP_WORDS or toks[-1] in STOP_WORDS
                    or any(t in lx.WEEKDAY_FORMS or t in _COPULAS for t in toks)):
                continue
            start, end = words[i][0], words[j - 1][1]
            feats = _features(toks, text, raw_of(start, end), words, i, j, d0, d1, first, last, entities)
            feats[f"dayL:{before_day}"] = 1.0
            if recurring:
                feats["recurring"] = 1.0
            phrase = " ".join(toks)
            if phrase in rule_phrases:
                feats["rule_choice"] = 1.0
            elif any(r in phrase or phrase in r for r in rule_phrases):
                feats["rule_overlap"] = 1.0
            out.append(Candidate(phrase, start, end, feats))
    out += _emoji_candidates(text, before_lo, after_hi, lo, hi, before_day, recurring, rule_phrases)
    return out


def _emoji_candidates(text: str, lo: int, hi: int, sentence_lo: int, sentence_hi: int,
                      before_day: str, recurring: bool, rule_phrases: frozenset[str]) -> list[Candidate]:
    """An activity's emoji near the day ("Weds 🩰 then tea") is a candidate too, named by the list."""
    out = []
    for emoji, activity in lx.ACTIVITY_EMOJI.items():
        at = text.find(emoji, lo, hi)
        if at < 0:
            continue
        where = "same" if sentence_lo <= at < sentence_hi else "other"
        feats = {"bias": 1.0, "emoji": 1.0, f"emoji:{where}_sentence": 1.0, f"w:{activity}": 1.0, "listed": 1.0,
                 f"dayL:{before_day}": 1.0}
        if recurring:
            feats["recurring"] = 1.0
        if activity in rule_phrases:
            feats["rule_choice"] = 1.0
        out.append(Candidate(activity, at, at + len(emoji), feats))
    return out


def _features(toks: list[str], text: str, raw: str, words: list, i: int, j: int, d0: int, d1: int,
              first: int, last: int, entities: dict[str, str]) -> dict[str, float]:
    phrase = " ".join(toks)
    feats: dict[str, float] = {"bias": 1.0, f"n={len(toks)}": 1.0, f"head:{toks[-1]}": 1.0}
    for t in toks:
        feats[f"w:{t}"] = 1.0
        label = entities.get(t)
        if label:
            feats[f"ent:{label}"] = 1.0
    if len(toks) > 1:
        feats[f"first:{toks[0]}"] = 1.0
        if any(t in STOP_WORDS for t in toks[1:-1]):
            feats["inner_stop"] = 1.0
    if phrase in lx.ROUTINE_ACTIVITIES:
        feats["listed"] = 1.0
    elif contains_phrase(phrase, _ACTIVITY_WORDS):
        feats["holds_listed"] = 1.0
    if toks[-1] in _HEADS:
        feats["head_noun"] = 1.0
    raw_words = _WORD.findall(raw)
    if raw_words and all(w[:1].isupper() for w in raw_words):
        at_start = i == 0 or i == first or bool(_SENTENCE_END.search(text[words[i - 1][1]:words[i][0]]))
        feats["capitals_at_start" if at_start else "capitals"] = 1.0
    if any(len(w) > 1 and w.isupper() for w in raw_words):
        feats["all_capitals"] = 1.0
    feats[f"english_rank={bucket(english_rank(toks[-1]), (300, 2000, 10000, 40000))}"] = 1.0
    if len(toks) == 1:
        feats[f"name_count={bucket(name_count(toks[0]), (1, 300, 5000))}"] = 1.0
    if i < first or j > last:  # in the sentence before or after the day's
        feats[f"sentence={'before' if i < first else 'after'}"] = 1.0
        feats[f"L:{words[i - 1][2] if i > 0 else '<s>'}"] = 1.0
        return feats
    after = i >= d1
    gap = i - d1 if after else d0 - j
    feats[f"{'after' if after else 'before'}:gap={min(gap, 4)}"] = 1.0
    between = [w for _, _, w in (words[d1:i] if after else words[j:d0])]
    if gap <= 3:
        for t in between:
            feats[f"btw:{t}"] = 1.0
        feats[f"btw_seq:{'_'.join(between)}"] = 1.0
    lo, hi = (words[d1 - 1][1], words[i][0]) if after else (words[j - 1][1], words[d0][0])
    if "," in text[lo:hi] or " - " in text[lo:hi]:
        feats["comma_between"] = 1.0
    feats[f"L:{words[i - 1][2] if i > first else '<s>'}"] = 1.0
    feats[f"R:{words[j][2] if j < last else '</s>'}"] = 1.0
    return feats


def best(found: list[Candidate], model: LinearModel, post: str = "", weekday: str = "") -> tuple[Candidate, float] | None:
    """The candidate the model likes best, with its probability; None when there is none. While
    training, every candidate is recorded."""
    if RECORDER is not None:
        RECORDER.extend((post, weekday, c.phrase, c.feats) for c in found)
    if not found or model is None:
        return None
    probs = model.probabilities_of([c.feats for c in found])
    k = max(range(len(found)), key=lambda n: probs[n].get("activity", 0.0))
    return found[k], probs[k].get("activity", 0.0)
