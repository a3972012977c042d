"""How a child can be recognised: "her red school jumper", "his new glasses", "curly hair"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY, Evidence, EvidenceSource, FactKind

COLOURS = ("red", "blue", "navy", "green", "yellow", "purple", "pink", "orange", "black", "white", "grey", "gray",
           "maroon", "burgundy", "brown", "gold", "silver", "teal", "turquoise", "lilac", "bottle green")
ITEMS = ("jumper", "sweatshirt", "cardigan", "blazer", "uniform", "backpack", "book bag", "bookbag", "school bag",
         "coat", "raincoat", "wellies", "boots", "trainers", "shoes", "hat", "tie", "dress", "glasses", "specs",
         "hoodie", "jacket", "scooter", "bike", "helmet", "cap", "polo shirt", "pinafore", "tutu", "leotard")
HAIR = ("curly", "ginger", "red", "blonde", "blond", "brown", "dark", "black", "long", "short", "frizzy", "wavy")
_ITEM = re.compile(r"\b(?:(?:his|her|their|a|the|new)\s+)+((?:(?:new|school|" + "|".join(COLOURS) + r")\s+){1,3}(?:"
                   + "|".join(ITEMS) + r"))\b")
_GLASSES = re.compile(r"\b(?:his|her|their)\s+(?:new\s+|first\s+)?(glasses|specs|braces|hearing aids?|eye patch)\b")
_HAIR = re.compile(r"\b((?:" + "|".join(HAIR) + r")(?:\s+(?:" + "|".join(HAIR) + r"))?\s+(?:hair|curls|locks|bunches|"
                   r"pigtails|plaits))\b")
ADVICE = "Uniform colours, logos and distinctive clothes let a stranger pick your child out: crop or keep it vague."


def add_appearance_facts(book: FactBook, family: Family, views: Sequence[PostView]) -> None:
    """An appearance fact for each visible trait a caption gives a child."""
    for view in views:
        for index, part in enumerate(view.parts):
            if part.source is EvidenceSource.OCR:
                continue
            low = view.folded[index]
            for rx in (_ITEM, _GLASSES, _HAIR):
                for m in rx.finditer(low):
                    if rx is _ITEM and not any(c in m[1] for c in COLOURS):
                        continue  # "her new coat" says nothing a stranger could spot
                    subject = family.about(view, near=m.start(), part=index)
                    if subject == FAMILY:
                        continue
                    book.add(FactKind.APPEARANCE, subject, m[1],
                             Evidence(post=view.id, source=part.source, excerpt=part.text[max(0, m.start() - 30):
                                                                                          m.end() + 30].strip(),
                                      explanation=f"can be recognised by: {m[1]}",
                                      span=view.span_folded(index, m.start(1), m.end(1))),
                             0.6, key=f"appearance:{m[1]}", advice=ADVICE)
