"""Pictures that should never be public: bath, potty, nappy, nudity, distress; from the caption,
the hashtags (which make them findable), and the nudity detector's score."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kidsafe.engine import lexicon as lx
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.text import contains_phrase, fold, split_hashtag
from kidsafe.engine.views import PostView
from kidsafe.models import Evidence, EvidenceSource, FactKind

NUDITY_THRESHOLD = 0.8
#: Words that may stand beside a cue in a hashtag ("#bathtime", "#toddlertantrum"); "#bathmums" is a town.
HASHTAG_FILLERS = frozenset({"time", "fun", "night", "training", "trained", "baby", "babies", "toddler", "toddlers",
                             "kids", "kid", "life", "day", "days", "mode", "chronicles", "struggles", "boy", "girl",
                             "the", "no", "more", "free", "journey", "diaries", "problems", "is", "real", "in"})
ADVICE = {
    "bath": "Bath pictures are collected by the wrong people: delete it or keep it private.",
    "toilet": "Potty and toilet pictures should never be public: delete it or keep it private.",
    "nappy": "Nappy pictures should never be public: delete it or keep it private.",
    "nudity": "A child without clothes: delete it, even from 'private' accounts (screenshots travel).",
    "distress": "A child in distress is their private moment: would they want it public at 15?",
    "swimwear": "Swimwear pictures attract the wrong audience: crop or keep private.",
}
HASHTAG_ADVICE = " The hashtag {tag} makes it findable by strangers: remove it."


def _cue(text_folded: str, raw: str, reason: str) -> str | None:
    words = tuple(c for c in lx.SENSITIVE_CUES[reason] if c[0].isalnum())
    found = contains_phrase(text_folded, words)
    return found or next((c for c in lx.SENSITIVE_CUES[reason] if not c[0].isalnum() and c in raw), None)


def add_sensitive_facts(book: FactBook, family: Family, views: Sequence[PostView]) -> None:
    """A sensitive_image fact per post and reason, naming the child when the post tells."""
    for view in views:
        if not view.has_photo:
            continue
        caption = view.caption
        low = fold(re.sub(r"#\w+", " ", caption))
        for reason in lx.SENSITIVE_CUES:
            cue = _cue(low, re.sub(r"#\w+", " ", caption), reason)
            source = EvidenceSource.CAPTION
            tag = None
            if cue is None:
                for t in view.post.hashtags:
                    words = split_hashtag(t)
                    if _cue(fold(t), "", reason) or (_cue(" ".join(words), "", reason)
                                                     and all(_cue(w, "", reason) or w in HASHTAG_FILLERS for w in words)):
                        cue, source, tag = "#" + t, EvidenceSource.HASHTAG, "#" + t
                        break
            if cue is None:
                continue
            if reason == "distress" and re.search(r"\bi\s+(?:was\s+)?(?:crying|cried|sobbing)\b", low):
                continue  # the parent crying is not the child's distress
            advice = ADVICE[reason] + (HASHTAG_ADVICE.format(tag=tag) if tag else "")
            book.add(FactKind.SENSITIVE_IMAGE, family.about(view), reason,
                     Evidence(post=view.id, source=source, excerpt=caption[:120],
                              explanation=f"a {reason} picture ({cue})"),
                     0.7, key=f"sensitive:{view.id}:{reason}", advice=advice)
        if view.nudity is not None and view.nudity >= NUDITY_THRESHOLD:
            book.add(FactKind.SENSITIVE_IMAGE, family.about(view), "nudity",
                     Evidence(post=view.id, source=EvidenceSource.IMAGE, excerpt=f"nudity score {view.nudity:.2f}",
                              explanation="the nudity detector flags this photo"),
                     view.nudity, key=f"sensitive:{view.id}:nudity", advice=ADVICE["nudity"])
