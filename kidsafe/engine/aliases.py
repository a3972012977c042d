"""One child under two names: "Batsheva" in the birthday post and "Bashie" everywhere else, "Diya" once
and "Kutti" all year. The role model judges each name alone, so both become children; a careful reader
sees one child.

Each pair of the feed's children is scored by a logistic regression (`kidsafe.learn.train_aliases`) over
what tells a nickname from a sibling: how the two names are spelled (one starts, ends or is listed as a
nickname of the other), whether they are ever named in one post and how (side by side in brackets, or
joined by "and" as two people), how often each is named and with which cues (a birthday or an age
beside the rare one), their genders, and how many children the feed seems to have. Pairs above the
threshold become one child, likeliest first; two names ever said together as a pair, or a boy's and a
girl's, never do. In a feed too small for the learned models the spelling rule (`people.is_alias`) decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from kidsafe.engine import learned
from kidsafe.engine.roles import SMALL_FEED
from kidsafe.engine.text import english_rank

if TYPE_CHECKING:
    from kidsafe.engine.people import Person
    from kidsafe.engine.views import PostView

#: Set while training: every pair of children the engine weighs, as (name, name, features).
RECORDER: list[tuple[str, str, dict[str, float]]] | None = None

_AGE_CUES = frozenset({"age", "birthday", "born"})
#: Between two people's names joined as a pair; "Josiah Malik & Jeremiah Kofi": a second name may stand before it.
#: A capital letter, accented ones too ("Émilie", "Łucja", "Ấn").
_CAP = "[" + "".join(c for c in map(chr, range(0x41, 0x2000)) if c.isupper() or c.istitle()) + "]"
AND_GAP = re.compile(rf"(?:\s+{_CAP}[\w'’\-]+)?\s*(?:and|&|\+|n|with)\s*")
#: After a name in a list: a second name it may carry ("Josiah Malik"), then more names after commas.
_LIST_ON = rf"(?:\s+{_CAP}[\w'’\-]+)?(?:\s*,\s*{_CAP}[\w'’\-]+(?:\s+{_CAP}[\w'’\-]+)?)*"
_JOIN = r"\s*,?\s*(?:[Aa]nd|&|\+|n)\s*"
#: What may end a list of people after its "and": a name, or the writer or someone said by a word ("and me").
_LIST_END = rf"(?:{_CAP}|(?:me|I|i|myself|us|him|her|them|my|our|his|their|the|baby|mummy|daddy|mum|mom|dad)\b)"
#: From one name to a later one in a list of people: "Ella, Isabella and Noah", "Josiah Malik & Jeremiah".
LIST_TO_JOIN = re.compile(_LIST_ON + _JOIN)
#: From one name to the next by a comma, the list's "and" still to come: "Ella, | Isabella and Noah".
LIST_COMMA = re.compile(_LIST_ON + r"\s*,\s*")
#: After the later name, the rest of a list that ends in "and": "Isabella| and Noah", "Isabella|, Noah & Ivy",
#: "Isabella| and me".
LIST_REST = re.compile(_LIST_ON + _JOIN + _LIST_END)


def in_one_list(text: str, first_end: int, second_start: int, second_end: int) -> bool:
    """Whether two names of ``text`` are listed together as people: joined by "and" ("Ella and Isabella",
    "Ella, Isabella and Noah") or by a comma in a list that ends in "and" ("Ella, Isabella and Noah" for
    Ella and Isabella). A comma alone ("Ella, you are 3") lists no one."""
    between = text[first_end:second_start]
    if len(between) > 80:
        return False
    if LIST_TO_JOIN.fullmatch(between):
        return True
    return bool(LIST_COMMA.fullmatch(between) and LIST_REST.match(text, second_end))
#: What stands between two names written side by side: "Batsheva (Bashie)", "Diya aka Kutti", "Jo/Josiah".
_GAPS = (("bracket", re.compile(r"\s*[(\[]\s*[\"'“‘]?\s*")), ("quote", re.compile(r"\s*[\"'“‘]\s*")),
         ("aka", re.compile(r"\s*(?:,\s*)?(?:aka|a\.k\.a\.?|or|otherwise known as|known as|called)\s+[\"'“‘]?",
                            re.IGNORECASE)),
         ("slash", re.compile(r"\s*/\s*")), ("comma", re.compile(r"\s*,\s*")),
         ("and", AND_GAP), ("space", re.compile(r"\s+")))


def _bucket(count: int, edges: Sequence[int]) -> str:
    """The first edge ``count`` is at most, or "more"."""
    return next((str(edge) for edge in edges if count <= edge), "more")


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


#: Gaps that write one name as another's second form, not as a second person.
_APPOSED = frozenset({"bracket", "quote", "aka", "slash"})


def _gaps_between(rare: Person, common: Person, views: dict[str, PostView]) -> tuple[set[str], int]:
    """How the two names stand when written close together in one text ("bracket", "and", ...), and in
    how many of their shared posts they are never written as one name's other form."""
    found: set[str] = set()
    apart = 0
    for post in set(rare.posts) & set(common.posts):
        kinds = set()
        for m in rare.in_post(post):
            for n in common.in_post(post):
                if m.part != n.part or m.part < 0:
                    continue
                first, second = (m, n) if m.start < n.start else (n, m)
                between = views[post].parts[m.part].text[first.end:second.start]
                if len(between) <= 24:
                    kinds.add(next((name for name, rx in _GAPS if rx.fullmatch(between)), "other"))
        found |= kinds
        apart += not kinds & _APPOSED
    return found, apart


def pair_features(a: Person, b: Person, children: int, views: dict[str, PostView],
                  genders: dict[str, str | None], rule: Callable[[str, str], bool]) -> dict[str, float]:
    """What the model reads of two children the role model found: are they one child?"""
    common, rare = (a, b) if len(a.posts) >= len(b.posts) else (b, a)
    short, long = (a, b) if len(a.key) <= len(b.key) else (b, a)
    feats: dict[str, float] = {"bias": 1.0}
    # spelling: a nickname is mostly a piece of the name or a listed pet form
    feats["spelling_rule"] = float(rule(short.name, long.name))
    prefix = _common_prefix(short.key, long.key)
    feats[f"prefix={min(prefix, 4)}"] = 1.0
    feats["same_initial"] = float(short.key[:1] == long.key[:1])
    feats["inside"] = float(len(short.key) >= 3 and short.key[:3] in long.key[1:])
    feats["shared_end"] = float(len(short.key) >= 3 and long.key.endswith(short.key[-3:]))
    ratio = SequenceMatcher(None, short.key, long.key).ratio()
    feats[f"similar={min(int(ratio * 5), 4)}"] = 1.0
    feats["short_len<=4"] = float(len(short.key) <= 4)
    # together: siblings are named side by side, a nickname beside its name only in brackets or "aka"
    together = set(common.posts) & set(rare.posts)
    feats[f"together={_bucket(len(together), (0, 1, 3))}"] = 1.0
    feats["together_share_of_rare"] = len(together) / max(1, len(rare.posts))
    gaps, apart = _gaps_between(rare, common, views)
    for gap in gaps:
        feats[f"gap:{gap}"] = 1.0
    # named in one post but not as each other's other form: two people there together
    feats[f"apart={_bucket(apart, (0, 1, 3))}"] = 1.0
    feats["apart_share_of_rare"] = apart / max(1, len(rare.posts))
    # how each is named: the full name once, in a birthday post, the nickname all year
    feats[f"rare_posts={_bucket(len(rare.posts), (1, 2, 4, 8))}"] = 1.0
    feats[f"common_posts={_bucket(len(common.posts), (2, 5, 10, 20))}"] = 1.0
    feats["rare_share"] = len(rare.posts) / max(1, len(common.posts))
    rare_ages, common_ages = rare.cue_posts(_AGE_CUES), common.cue_posts(_AGE_CUES)
    feats["rare_age_cue"] = float(bool(rare_ages))
    feats["common_age_cue"] = float(bool(common_ages))
    feats["both_age_cue_apart"] = float(bool(rare_ages and common_ages and not rare_ages & common_ages))
    feats["rare_tagged"] = float(bool(rare.cue_posts({"tagged", "face_label"})))
    feats[f"rare_english={_bucket(english_rank(rare.name) or 10**6, (2000, 20000))}"] = 1.0
    feats[f"common_english={_bucket(english_rank(common.name) or 10**6, (2000, 20000))}"] = 1.0
    feats["rare_has_alias"] = float(bool(rare.aliases))
    feats["rare_surname"] = float(bool(rare.surname))
    ga, gb = genders.get(a.key), genders.get(b.key)
    feats["gender:" + ("unknown" if not ga or not gb else "same" if ga == gb else "differ")] = 1.0
    feats[f"children={_bucket(children, (2, 3, 4))}"] = 1.0
    return feats


def may_be_one_child(a: Person, b: Person, views: dict[str, PostView], genders: dict[str, str | None],
                     said_together: Callable[[Person, Person], bool]) -> bool:
    """Never join two names said together as a pair ("Ella and Isabella", "Josiah Malik & Jeremiah Kofi"),
    nor a boy and a girl ("Max" and "Maxine"): whatever the model says, those are two children. Read at
    the moment of joining, as an earlier join may have brought such a post in."""
    ga, gb = genders.get(a.key), genders.get(b.key)
    if ga and gb and ga != gb:
        return False
    return not said_together(a, b) and "and" not in _gaps_between(a, b, views)[0]


def diminutive_root(name: str) -> str:
    """A folded name without its pet ending or a doubled last letter ("neddy", "ned" -> "ned"; "brynnie",
    "brynn" -> "bryn")."""
    root = re.sub(r"(?:ie|y|ey|ee|i|s)$", "", name) if len(name) > 3 else name
    return re.sub(r"(.)\1$", r"\1", root)


def kept_and_joined(short: Person, long: Person) -> tuple[Person, Person]:
    """Of two names of one person, (the one that stays the name, the one that becomes its alias): the
    fuller name, unless it is only the other with a pet ending and said in fewer posts ("Brynn" in fourteen
    posts, "Brynnie Bear" in the birthday one: she is Brynn, as "Ned" is no "Neddy")."""
    pet_form = long.key.startswith(short.key) and diminutive_root(long.key) in (short.key, diminutive_root(short.key))
    if pet_form and len(short.posts) > len(long.posts):
        return short, long
    return long, short


def merge_children(people: dict[str, Person], views: dict[str, PostView], text_posts: int,
                   genders: dict[str, str | None], rule: Callable[[str, str], bool],
                   absorb: Callable[[dict[str, Person], Person, Person], None],
                   said_together: Callable[[Person, Person], bool]) -> None:
    """Join the children that are one child under two names. ``rule(short, long)``: the spelling rule;
    ``absorb(people, kept, joined)``: how one person becomes an alias of another; ``said_together(a, b)``:
    whether two names are ever written as a pair."""
    children = sorted((p for p in people.values() if p.role == "child"), key=lambda p: (len(p.key), p.key))
    pairs = [(a, b) for i, a in enumerate(children) for b in children[i + 1:]]
    rows = [pair_features(a, b, len(children), views, genders, rule) for a, b in pairs]
    if RECORDER is not None:
        RECORDER.extend((a.name, b.name, feats) for (a, b), feats in zip(pairs, rows, strict=True))
    model = learned.shipped("aliases") if text_posts >= SMALL_FEED else None
    if model is None:
        scored = [(1.0 if f["spelling_rule"] else 0.0, a, b) for (a, b), f in zip(pairs, rows, strict=True)]
        threshold = 0.5
    else:
        probs = model.probabilities_of(rows) if rows else []
        scored = [(p["yes"], a, b) for p, (a, b) in zip(probs, pairs, strict=True)]
        threshold = model.threshold
    for score, a, b in sorted(scored, key=lambda s: -s[0]):
        if score < threshold:
            break
        if a.key not in people or b.key not in people or not may_be_one_child(a, b, views, genders, said_together):
            continue
        short, long = (a, b) if len(a.key) <= len(b.key) else (b, a)
        # the fuller name stays when the spelling says which is the nickname, else the one named more
        kept, joined = kept_and_joined(short, long) if rule(short.name, long.name) else (
            (a, b) if len(a.posts) >= len(b.posts) else (b, a))
        kept.confidence = max(kept.confidence, joined.confidence)
        absorb(people, kept, joined)
