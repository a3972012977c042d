"""How a child can be recognised: "her red school jumper", "his new glasses", "curly hair", "her cornrows".

The words come from ``locale/en/appearance.json`` (read by the lexicon's loader); this module only says how
they combine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from kidsafe.engine import lexicon as lx
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY, Evidence, EvidenceSource, FactKind

ADVICE = "Uniform colours, logos and distinctive clothes let a stranger pick your child out: crop or keep it vague."
#: Words that say when, not what: "her new glasses" is the trait "glasses".
_NOT_PART_OF_TRAIT = ("new", "first")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class _Shapes(NamedTuple):
    """The four shapes a trait takes: worn items, hair, face, and the "-haired" adjective."""

    worn: re.Pattern[str]
    hair: re.Pattern[str]
    face: re.Pattern[str]
    haired: re.Pattern[str]


@cache
def _patterns() -> _Shapes:
    """The four shapes a trait takes, built once from the word file."""
    words = lx.locale_words("appearance")
    child_words = _alternation(lx.CHILD_WORDS)
    colours, items = _alternation(words["colours"]), _alternation(words["worn_items"])
    hair_adj, hair = _alternation(words["hair_describers"]), _alternation(words["hair_words"])
    face_adj, face = _alternation(words["face_describers"]), _alternation(words["face_words"])
    bare_ok = [w for w in words["hair_words"] if w not in words["needs_describer"]]
    not_after = _alternation(words["no_trait_after"])
    owner = r"(?:his|her|their|\w+['’]s|with|those|them)\s+"
    distinctive = _alternation(words["distinctive"])
    end = rf"\b(?!\s+(?:{not_after})\b)"
    # a colour is what a stranger could spot: "her new coat" is no trait, "her red school jumper" is
    worn = re.compile(rf"\b(?:(?:his|her|their|a|the|new|\w+['’]s)\s+)+((?:new\s+)?(?:{colours})\s+(?:school\s+)?(?:{items})){end}")
    # "curly hair", "long dark plaits", "her cornrows": a hair word after describers, or a style after its owner
    hair_rx = re.compile(rf"\b((?:(?:{hair_adj})[\s\-]+){{1,3}}(?:{hair})){end}|\b{owner}((?:new\s+)?(?:{_alternation(bare_ok)})){end}")
    # "my beautiful red-haired girl", "a curly haired boy": the hair the adjective says, of a child ("our
    # long-haired dachshund" is the dog's)
    haired = re.compile(rf"\b((?:{hair_adj}))[\s\-]haired\b(?=\s+(?:{child_words})\b|\s*(?:[^\w\s]|$))")
    # "big brown eyes", "his braces", and a trait that is one even alone: "freckles", "cornrows"
    face_rx = re.compile(rf"\b(?:{owner})?((?:(?:{face_adj})\s+){{1,2}}(?:{face})){end}|\b{owner}((?:{face})){end}"
                         rf"|\b({distinctive}){end}")
    return _Shapes(worn, hair_rx, face_rx, haired)


def _trait(match: re.Match[str]) -> tuple[str, int]:
    """The trait a match names, and the number of the group that holds it (each shape has its own)."""
    group = next(g for g in range(1, len(match.groups()) + 1) if match.group(g))
    words = match.group(group).split()
    while len(words) > 1 and words[0] in _NOT_PART_OF_TRAIT:
        words = words[1:]
    if match.re is _patterns().haired:  # "red-haired": red hair
        words.append("hair")
    return " ".join(words), group


def add_appearance_facts(book: FactBook, family: Family, views: Sequence[PostView]) -> None:
    """An appearance fact for each visible trait a caption gives a child."""
    for view in views:
        for index, part in enumerate(view.parts):
            if part.source is EvidenceSource.OCR:
                continue
            low = view.folded[index]
            for rx in _patterns():
                for m in rx.finditer(low):
                    trait, group = _trait(m)
                    subject = family.about(view, near=m.start(), part=index)
                    if subject == FAMILY:
                        continue
                    book.add(FactKind.APPEARANCE, subject, trait,
                             Evidence(post=view.id, source=part.source,
                                      excerpt=part.text[max(0, m.start() - 30):m.end() + 30].strip(),
                                      explanation=f"can be recognised by: {trait}",
                                      span=view.span_folded(index, m.start(group), m.end(group))),
                             0.6, key=f"appearance:{trait}", advice=ADVICE)
