"""Pictures that should never be public: bath, potty, nappy, nudity, distress; from the caption,
the hashtags (which make them findable), and the nudity detector's score."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kidsafe.engine import lexicon as lx
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine import learned
from kidsafe.engine.learned import LinearModel
from kidsafe.engine.text import Folded, find_phrase, fold, split_hashtag, without_hashtags
from kidsafe.engine.views import PostView
from kidsafe.models import Evidence, EvidenceSource, FactKind, Span

NUDITY_THRESHOLD = 0.8
#: Words that may stand beside a cue in a hashtag ("#bathtime", "#toddlertantrum"); "#bathmums" is a town.
HASHTAG_FILLERS = lx.word_set("sensitive", "hashtag_fillers")
ADVICE = {
    "bath": "Bath pictures are collected by the wrong people: delete it or keep it private.",
    "toilet": "Potty and toilet pictures should never be public: delete it or keep it private.",
    "nappy": "Nappy pictures should never be public: delete it or keep it private.",
    "nudity": "A child without clothes: delete it, even from 'private' accounts (screenshots travel).",
    "distress": "A child in distress is their private moment: would they want it public at 15?",
    "swimwear": "Swimwear pictures attract the wrong audience: crop or keep private.",
}
HASHTAG_ADVICE = " The hashtag {tag} makes it findable by strangers: remove it."


#: Each reason's cue words and cue symbols (emoji), split once.
_CUE_WORDS = {reason: tuple(c for c in cues if c[0].isalnum()) for reason, cues in lx.SENSITIVE_CUES.items()}
_CUE_SYMBOLS = {reason: tuple(c for c in cues if not c[0].isalnum()) for reason, cues in lx.SENSITIVE_CUES.items()}


def _cue(text_folded: str, raw: str, reason: str) -> str | None:
    found = _find_cue(text_folded, raw, reason)
    return found[0] if found else None


def _find_cue(text_folded: str, raw: str, reason: str) -> tuple[str, int, bool] | None:
    """The reason's cue in the text, where it starts, and whether that is in the folded text (else in ``raw``)."""
    found = find_phrase(text_folded, _CUE_WORDS[reason])
    if found:
        return found[0], found[1], True
    return next(((c, raw.find(c), False) for c in _CUE_SYMBOLS[reason] if c in raw), None)


#: Reasons the caption model decides; swimwear stays with the word list (the corpus labels it in 9 posts only).
MODEL_REASONS = {"bath": "bath", "potty": "toilet", "nudity": "nudity", "distress": "distress"}
#: The word-list reasons the model may overrule.
MODEL_CUE_REASONS = frozenset({"bath", "toilet", "nudity", "distress"})
_WORDS = re.compile(r"[\w'’]+|[^\w\s]", re.UNICODE)


Cues = dict[str, tuple[str, EvidenceSource, str | None, Span]]


def _lexicon_cues(view: PostView) -> Cues:
    """Each reason whose words stand in the caption or make up a hashtag: (cue, source, hashtag, span)."""
    no_tags, where = without_hashtags(view.caption)
    folded = Folded(no_tags)
    low = fold(no_tags)
    found: Cues = {}
    hashtags = None  # each hashtag folded and split once, when the first reason not in the words asks
    for reason in lx.SENSITIVE_CUES:
        cue = _find_cue(low, no_tags, reason)
        if cue is not None:
            word, start, in_folded = cue
            a, b = folded.span(start, start + len(word)) if in_folded and folded.text == low else (start,
                                                                                                  start + len(word))
            a, b = where[a], where[b - 1] + 1
            found[reason] = (word, EvidenceSource.CAPTION, None, Span("caption", a, b, view.caption[a:b]))
            continue
        if hashtags is None:
            hashtags = [(t, span, fold(t), split_hashtag(t)) for t, span in view.hashtag_spans()]
        for t, span, folded_tag, words in hashtags:
            if _cue(folded_tag, "", reason) or (_cue(" ".join(words), "", reason)
                                                and all(_cue(w, "", reason) or w in HASHTAG_FILLERS for w in words)):
                found[reason] = ("#" + t, EvidenceSource.HASHTAG, "#" + t, span)
                break
    return found


def post_features(view: PostView, cues: Cues) -> dict[str, float]:
    """What the caption model reads of a post: its words and word pairs (hashtags split into words),
    its emoji, and which reasons' words the word list found."""
    feats: dict[str, float] = {"bias": 1.0}
    text = re.sub(r"#(\w+)", lambda m: " " + " ".join(split_hashtag(m[1])) + " ", view.caption)
    tokens = [fold(t) for t in _WORDS.findall(text)]
    for tok in tokens:
        feats[f"w:{tok}"] = 1.0
    for a, b in zip(tokens, tokens[1:]):
        feats[f"b:{a} {b}"] = 1.0
    for reason, (_, source, *_) in cues.items():
        feats[f"lex:{reason}"] = 1.0
        feats[f"lex:{reason}:{source.value}"] = 1.0
    return feats


def shipped_model() -> LinearModel | None:
    """The caption model that ships with kidsafe; None before it is trained."""
    return learned.shipped("sensitive")


def flagged(probs: dict[str, float], cued: bool, threshold: float, cue_floor: float) -> bool:
    """Whether the caption model flags a post. A post the word list cues ("bath", "tantrum") is flagged
    unless the model is all but sure the phrase is ordinary (below ``cue_floor``: "wobbly tooth"); the
    corpus has too few sensitive posts to have seen every way of saying "bath". Other posts need the
    threshold. Training tunes both on held-out voices."""
    return 1.0 - probs.get("none", 0.0) >= (cue_floor if cued else threshold)


def is_cued(cues: dict) -> bool:
    return bool(MODEL_CUE_REASONS & cues.keys())


def _parent_crying(view: PostView) -> bool:
    return bool(re.search(r"\bi\s+(?:was\s+)?(?:crying|cried|sobbing)\b", fold(view.caption)))


def caption_reasons(view: PostView) -> frozenset[str]:
    """The reasons whose words the caption or its hashtags hold, by the word list alone (no model asked; the
    parent's own crying left aside): what the safe share leaves out even where the model overrules the words."""
    reasons = set(_lexicon_cues(view))
    if _parent_crying(view):
        reasons.discard("distress")
    return frozenset(reasons)


def _decisions(view: PostView, cues: Cues) -> list[tuple[str, str, EvidenceSource, str | None, Span, float]]:
    """(reason, cue, source, hashtag, span, confidence) of each sensitive reason the post shows; a reason the
    model alone reads in the caption cites the whole caption."""
    model = shipped_model()
    found: dict[str, float] = {}
    if model is not None:
        probs = model.probabilities(post_features(view, cues))
        if flagged(probs, is_cued(cues), model.threshold, float(model.meta.get("cue_floor", 0.0))):
            confidence = round(0.5 + 0.5 * (1.0 - probs["none"]), 3)  # flagged: at least likely
            top = max(probs.get(r, 0.0) for r in MODEL_REASONS)
            # the likeliest reason, and any other the word list also names ("bath time, then a naked run")
            for label, reason in MODEL_REASONS.items():
                if probs.get(label, 0.0) == top or (reason in cues and probs.get(label, 0.0) >= 0.25 * top):
                    found[reason] = confidence
        ruled = {"swimwear", "nappy"} & cues.keys()  # outside the model's reasons: the word list decides
    else:
        ruled = set(cues)
    for reason in ruled:
        found.setdefault(reason, 0.7)
    if "distress" in found and _parent_crying(view):
        del found["distress"]  # the parent crying is not the child's distress
    if "nappy" in found and "toilet" in found:
        del found["nappy"]
    whole = Span("caption", 0, len(view.caption), view.caption)
    return [(reason, *cues.get(reason, ("the caption's words", EvidenceSource.CAPTION, None, whole)), confidence)
            for reason, confidence in sorted(found.items())]


def add_sensitive_facts(book: FactBook, family: Family, views: Sequence[PostView]) -> None:
    """A sensitive_image fact per post and reason, naming the child when the post tells."""
    for view in views:
        if not view.has_photo:
            continue
        caption = view.caption
        for reason, cue, source, tag, span, confidence in _decisions(view, _lexicon_cues(view)):
            advice = ADVICE[reason] + (HASHTAG_ADVICE.format(tag=tag) if tag else "")
            book.add(FactKind.SENSITIVE_IMAGE, family.about(view), reason,
                     Evidence(post=view.id, source=source, excerpt=caption[:120],
                              explanation=f"a {reason} picture ({cue})", span=span),
                     confidence, key=f"sensitive:{view.id}:{reason}", advice=advice)
        if view.nudity is not None and view.nudity >= NUDITY_THRESHOLD:
            book.add(FactKind.SENSITIVE_IMAGE, family.about(view), "nudity",
                     Evidence(post=view.id, source=EvidenceSource.IMAGE, excerpt=f"nudity score {view.nudity:.2f}",
                              explanation="the nudity detector flags this photo"),
                     view.nudity, key=f"sensitive:{view.id}:nudity", advice=ADVICE["nudity"])
