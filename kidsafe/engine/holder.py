"""The account holder: an Instagram or Facebook export names whose account it is, and that poster is
a parent whose name a stranger can use ("your mum Thuy sent me").

The name comes from the export's profile, not from a caption, so its evidence cites no post. It is
no parent's name when the posts call the children the poster's grandchildren, nieces or nephews,
or when the name is one the captions give a child, a pet or another family's child.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kidsafe.engine import lexicon as lx
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.gazetteer import is_known_first_name
from kidsafe.engine.roles import captions_folded, poster_is_grand
from kidsafe.engine.text import fold
from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY, Evidence, EvidenceSource, FactKind

CONFIDENCE = 0.9  # the export says who posted; what is unsure is only whether that poster is a parent
#: Roles a caption gives a name that make it no parent's, whoever holds the account.
_NOT_PARENT_ROLES = ("child", "pet", "other_child", "relative")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _my(words: frozenset[str]) -> re.Pattern[str]:
    """ "my X" / "our X" for any X of ``words``, in folded text."""
    owners = "|".join(re.escape(w) for w in sorted(lx.word_set("people", "our_words"), key=len, reverse=True))
    kids = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{owners})\s+(?:(?:little|baby|big|eldest|youngest|two|three|wee)\s+)?(?:{kids})\b")


_NOT_PARENT = _my(lx.word_set("people", "not_parent_poster_words"))
_PARENT = _my(lx.word_set("people", "child_words"))
#: Words that open a display name without being a given name ("Mama Bear", "The Smiths", "Proud Nana").
_NOT_GIVEN = (lx.word_set("people", "parent_words") | lx.word_set("people", "kin_titles")
              | lx.word_set("people", "family_group_words") | lx.word_set("people", "display_name_openers"))


def given_name(holder: str) -> str:
    """The first given name in an account's display name, "" when it opens with none ("Mama Bear")."""
    words = _WORD.findall(holder)
    if not words or not words[0][0].isupper() or fold(words[0]) in _NOT_GIVEN:
        return ""
    return words[0] if is_known_first_name(words[0]) else ""


def poster_is_not_a_parent(views: Sequence[PostView]) -> bool:
    """The poster's captions call the children the poster's grandchildren, nieces or nephews, in at least two
    posts and at least half as often as they call them the poster's own (a grandmother's comments on a parent's
    posts say "my grandson" too); or words for grandchildren, nieces or
    nephews stand in as large a share of the poster's captions as in most grandparents' and aunts' feeds of
    the corpus's train voices and in no parent's, or comments call the poster Mum or Dad in as many posts
    (`roles.poster_is_grand`: "the grandkids", "Nana's grandbabies", "Thanks Mum!!")."""
    captions = [text for v in views for text in captions_folded(v)]
    not_parent = sum(1 for text in captions if _NOT_PARENT.search(text))
    parent = sum(1 for text in captions if _PARENT.search(text))
    return not_parent >= 2 and 2 * not_parent >= parent or poster_is_grand(views)


def add_holder_facts(book: FactBook, family: Family, views: Sequence[PostView], holder: str) -> None:
    """The account holder's first name as a parent's name, when the posts allow it."""
    name = given_name(holder)
    if not name or poster_is_not_a_parent(views):
        return
    taken = {fold(p.name) for p in family.cast.people if p.role in _NOT_PARENT_ROLES}
    if fold(name) in taken:
        return
    book.add(FactKind.PARENT_NAME, FAMILY, name,
             Evidence(post="", source=EvidenceSource.SIDECAR, excerpt=name,
                      explanation="the name on the account these posts come from"),
             CONFIDENCE, advice="The name on your account is public even when your posts are private: "
                                "a stranger can use it to sound familiar ('your mum sent me').")
