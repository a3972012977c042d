"""Whose fact it is: which of the family's children a school or a weekly routine belongs to.

A careful reader decides by more than one post: the child named beside the school's name, the only
child old enough for school then, "her" when only one child is a girl, the twins starting together.
Each (fact, child) pair is scored by a logistic regression over those signals, the engine's old
rule among them (`kidsafe.learn.train_owners`): every child above the model's threshold owns the
fact; when none is, the likeliest does if the model gives it a fair chance, else the family. In a
feed too small for the learned models (`roles.SMALL_FEED`) the rule decides.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kidsafe.engine import learned
from kidsafe.engine import lexicon as lx
from kidsafe.engine.facts import Family
from kidsafe.engine.roles import SMALL_FEED
from kidsafe.engine.text import clause_distance, fold, fold_each
from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY

#: When no child passes the threshold, the likeliest still owns the fact above this probability.
FLOOR = 0.25
_SENTENCES = re.compile(r"[^.!?\n]+")
_SHE = re.compile(r"\b(?:she|her|hers|herself|daughter|girl|sister)\b")
_HE = re.compile(r"\b(?:he|him|his|himself|son|boy|brother)\b")
_TWINS = re.compile(r"\btwins?\b")
_DAY_NAMES = frozenset(fold(day) for day in lx.WEEKDAYS)
#: What ends a clause between a fact's words and a child's name: a comma or a sentence's end, not a time's dot
#: ("Fridays 9.30 for Kit", "9 a.m. for Kit").
_CLAUSE_BREAK = re.compile(r"[,;!?\n]|(?<!\b[ap])(?<!\b[ap]\.m)(?:(?<!\d)\.|\.(?!\d))")
_LEVELS = (("early", re.compile(r"\b(?:nursery|pre-?school|day\s?care|creche|crèche|kindy|kinder|montessori|"
                                r"playgroup|childcare|early learning|toddler)\b")),
           ("primary", re.compile(r"\b(?:primary|elementary|infants?|juniors?|grade|year \d|reception|kindergarten|"
                                  r"p\d|ps|class \d)\b")),
           ("secondary", re.compile(r"\b(?:high|secondary|college|middle|grammar|gcse|form \d)\b")))


@dataclass(frozen=True)
class Choice:
    """A fact's owners as the model (or the rule) decided them, with the model's probability for each child."""

    owners: tuple[str, ...]
    probabilities: dict[str, float]


#: Set while training: every decision's examples go here, to be labelled from the truth files.
RECORDER: list[tuple[str, object, str, dict[str, float], str]] | None = None


def _bucket(share: float) -> str:
    return "none" if share == 0 else "all" if share == 1 else "most" if share >= 0.5 else "some"


def _age_bucket(age: int | None) -> str:
    if age is None:
        return "unknown"
    return "baby" if age <= 2 else "early" if age <= 4 else "primary" if age <= 10 else "older"


def _nearest_child_posts(views: Sequence[PostView], family: Family, anchors: Sequence[str]) -> list[str]:
    """In each post that names the fact and a child in one text, the child named nearest to the fact's
    words ("Back to Scoil Mhuire for Ciarán and Saoirse. And Tadhg starts crèche": Ciarán), by key. A comma or
    a sentence's end between them counts as far (`clause_distance`: "Judo Wednesdays for Ada, Fridays
    9:30 for Kit" gives Friday to Kit; a time's dot, "9.30", "a.m.", ends nothing), and a weekday may take a plural
    "s" ("Fridays")."""
    words = [re.escape(a) + ("s?" if a in _DAY_NAMES else "") for a in anchors if a]  # not "sats" for "sat"
    pattern = re.compile(r"\b(?:" + "|".join(words) + r")\b") if words else None
    nearest = []
    for view in views:
        kids = family.children_in(view)
        if pattern is None or not kids:
            continue
        best: tuple[int, str] | None = None
        for index, part in enumerate(view.parts):
            text = fold_each(part.text)  # folded one for one: a mention's offsets are the text's as written
            spots = [m.span() for m in pattern.finditer(text)]
            for kid in kids:
                for m in kid.in_post(view.id):
                    if m.part == index and spots:
                        gap = min(clause_distance(text, (m.start, m.end), spot, _CLAUSE_BREAK) for spot in spots)
                        best = min(best, (gap, kid.key)) if best else (gap, kid.key)
        if best is not None:
            nearest.append(best[1])
    return nearest


def topic_children(feed: Sequence[PostView], own: Sequence[PostView], family: Family,
                   topic: Sequence[str]) -> Counter[str]:
    """Per child key, the feed's other posts that use the fact's own words (``topic``: "hurling", "training")
    and name that child: a reader links "Training is back: Tuesdays at 6" to the child named in the
    feed's other training posts."""
    counts: Counter[str] = Counter()
    if not topic:
        return counts
    own_ids = {v.id for v in own}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in topic) + r")\b")
    for view in feed:
        if view.id not in own_ids and pattern.search(view.all_folded):
            counts.update({p.key for p in family.children_in(view)})
    return counts


def pair_features(kind: str, views: Sequence[PostView], family: Family, subject: str, anchors: Sequence[str],
                  rule_owners: Sequence[str], value: object = None,
                  nearest: list[str] | None = None, elsewhere: Counter[str] | None = None) -> dict[str, float]:
    """What the model reads of one (fact, child) pair. ``anchors``: folded words that mark the fact in
    a text (the school's name, the weekday); ``rule_owners``: the children the old rule chose; ``value``:
    the fact (a school's name); ``nearest``: `_nearest_child_posts` of the fact, when already worked out;
    ``elsewhere``: `topic_children` of the fact."""
    person = family.person(subject)
    children = family.cast.children
    feats: dict[str, float] = {"bias": 1.0}

    def add(name: str, value: float = 1.0) -> None:
        feats[name] = value
        feats[f"{kind}|{name}"] = value

    named = [v for v in views if any(p.key == person.key for p in family.children_in(v))]
    add(f"named:{_bucket(len(named) / len(views) if views else 0.0)}")
    alone = any(len(family.children_in(v)) == 1 for v in named)
    others = any(family.children_in(v) and v not in named for v in views)
    add("named_alone", float(alone))
    add("others_named_without", float(others))
    add(f"children:{min(len(children), 3)}")
    if len(children) == 1:
        add("only_child")
    counts = Counter({p.key: len(p.posts) for p in children})
    rank = sorted(counts.values(), reverse=True).index(counts[person.key]) if children else 0
    add(f"mention_rank:{min(rank, 2)}")
    add("rule_owner", float(subject in rule_owners))
    if len(rule_owners) == 1 and subject in rule_owners:
        add("rule_sole_owner")
    keys = {fold(n) for n in (person.name, *person.aliases)}
    texts = [view.all_folded for view in views]
    anchor_sentences = [s for t in texts for s in _SENTENCES.findall(t) if any(a in s for a in anchors)]
    same_sentence = any(any(re.search(rf"\b{re.escape(k)}\b", s) for k in keys) for s in anchor_sentences)
    add("same_sentence", float(same_sentence))
    if nearest is None:
        nearest = _nearest_child_posts(views, family, anchors)
    if nearest:
        add(f"nearest:{_bucket(sum(n == person.key for n in nearest) / len(nearest))}")
    if elsewhere:
        add(f"elsewhere:{_bucket(elsewhere[person.key] / sum(elsewhere.values()))}")
        ours = elsewhere[person.key]
        if ours == max(elsewhere.values()) and list(elsewhere.values()).count(ours) == 1:
            add("elsewhere_most")  # named there more often than any other child
    joined = " ".join(texts)
    she, he = len(_SHE.findall(joined)), len(_HE.findall(joined))
    if person.gender in ("girl", "boy") and she != he:
        agree = (she > he) == (person.gender == "girl")
        add("pronoun_agrees" if agree else "pronoun_disagrees")
    born = family.birth_years.get(subject)
    years = [v.posted_local.year for v in views if v.posted_local is not None]
    age = min(years) - born if years and born is not None else None
    # the school's own name says its level best ("Scoil Mhuire" is no crèche because a sibling's is named
    # in the same post), then the sentences that name the fact, then all its posts
    level = next((name for text in (fold(value) if isinstance(value, str) else "", " ".join(anchor_sentences), joined)
                  for name, rx in _LEVELS if rx.search(text)), "none")
    add(f"age:{_age_bucket(age)}|level:{level}")
    known = [b for s, b in family.birth_years.items() if s != subject]
    if born is not None and known:
        add("youngest" if born > max(known) else "oldest" if born < min(known) else "middle")
        if born in known and _TWINS.search(joined):
            add("twin_in_twins_post")
    return feats


def choose(kind: str, views: Sequence[PostView], family: Family, anchors: Sequence[str], value: object,
           rule: Callable[[], Sequence[str]], feed: Sequence[PostView] = (), topic: Sequence[str] = ()) -> Choice:
    """The children who own a fact of ``kind`` whose evidence posts are ``views``; ``rule()`` gives the
    old rule's owners (a feature for the model, and the answer when no model is shipped); ``feed`` and
    ``topic``: the whole feed and the fact's own words, to see which child those words go with elsewhere."""
    rule_owners = [s for s in rule() if s != FAMILY]
    children = [family.ids[p.key] for p in family.cast.children]
    if not children or not views:
        return Choice(tuple(rule_owners) or (FAMILY,), {})
    nearest = _nearest_child_posts(views, family, anchors)
    elsewhere = topic_children(feed, views, family, topic)
    rows = {s: pair_features(kind, views, family, s, anchors, rule_owners, value, nearest, elsewhere)
            for s in children}
    if RECORDER is not None:
        for s, feats in rows.items():
            RECORDER.append((kind, value, family.person(s).name, feats, s))
    model = learned.shipped("owners") if family.text_posts >= SMALL_FEED else None
    if model is None:
        return Choice(tuple(rule_owners) or (FAMILY,), {})
    probs = dict(zip(rows, (p["yes"] for p in model.probabilities_of(list(rows.values()))), strict=True))
    threshold = model.meta.get("thresholds", {}).get(kind, model.threshold)
    owners = tuple(s for s in children if probs[s] >= threshold)
    if not owners:
        best = max(children, key=lambda s: probs[s])
        owners = (best,) if probs[best] >= model.meta.get("floor", FLOOR) else (FAMILY,)
    return Choice(owners, probs)
