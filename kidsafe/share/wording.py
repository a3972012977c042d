"""What a caption says instead: the replacement for each span, chosen from the words around it.

"Ruby & Sam" after "my two monkeys" goes ("my two monkeys"); "our Zuri" becomes "our
daughter"; a relative's name after the kin title goes ("Nana's"); a pet is "our dog"; the town
"our town"; a school "school" after "at", else "the school".
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS

from kidsafe.engine import lexicon as lx
from kidsafe.engine.net.name_shaped import FAMILY_GROUP_WORDS
from kidsafe.engine.net.places import PLACE_WORDS_SAID, SCHOOL_NAME_DROPPED
from kidsafe.engine.net.shapes import (GREETINGS, capitalised_after, capitalised_before, sentence_start, stands_alone,
                                       words_before)
from kidsafe.engine.net.unknown_words import PLACE_CUES
from kidsafe.engine.text import fold
from kidsafe.share.names import NEARBY
from kidsafe.share.phrases import Phrasebook
from kidsafe.share.spans import Span
from kidsafe.share.terms import SPECIES_WORDS

POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "your"})
OWNERS = frozenset({"my", "our"})
CONNECTOR_RE = re.compile(r"^\s*(?:&|and|\+|,)\s*$")
CHILD_AFTER = frozenset({"girl", "boy", "baby"})
SCHOOL_PREPOSITIONS = lx.word_set("share", "school_prepositions")
TOWN_WORDS = "our town"
FAMILY_NOUNS = lx.word_set("share", "family_nouns")
"""Words after which a relative's name says nothing more: the name goes, the word stays."""
FRIEND_NOUNS = frozenset(w.split()[-1] for w in lx.FRIEND_WORDS)
PEOPLE_VERBS = lx.word_set("share", "people_verbs")
"""Verbs only a person does: a "pet" doing them is a person the dossier mistook ("X took the kids")."""
NURSERY_WORDS = lx.word_set("share", "nursery_words")
"""Words that say a caption is about a nursery: a place there no list holds is said "nursery"."""
NEARBY_PREPOSITIONS = PLACE_CUES | {"to", "of"}
"""Words after which a place no list holds is said "a place nearby" (the unknown-word net's place cues, and more)."""
NAME_KINDS = frozenset({"child", "other_child", "person", "relative", "parent", "surname", "pet"})


_SAME_CHILD_GAP = re.compile(r"\s*|,\s*(?:(?:my|our)\s+)?", re.IGNORECASE)
"""What may stand between two names of one child said as one ("Jai Jai", "our Matilda, our Tilly")."""


def child_runs(caption: str, spans: list[Span]) -> list[list[Span]]:
    """Spans grouped so that "Ruby & Sam" is one run, and a name the dossier did not place joins the name
    right before it ("Maisie Middlename"); every other span stands alone."""
    groups: list[list[Span]] = []
    for span in spans:
        last = groups[-1][-1] if groups else None
        if (last is not None and span.kind == "child" and last.kind == "child" and last.term and span.term
                and last.term.who and last.term.who == span.term.who
                and _SAME_CHILD_GAP.fullmatch(caption, last.end, span.start)):
            # "Jai Jai", "Ama Serwaa", "our Matilda, our Tilly": one child's names said together are said once
            groups[-1][-1] = replace(last, end=span.end)
        elif (last is not None and span.kind == "child" and last.kind == "child"
                and CONNECTOR_RE.match(caption[last.end:span.start])):
            groups[-1].append(span)
        elif (last is not None and span.kind == "person" and last.kind in NAME_KINDS
              and not caption[last.end:span.start].strip()):
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


_THING_HEADS = lx.VENUE_WORDS | lx.PLACE_WORDS | {"soft", "play"}
"""Words for the thing at a place ("pool", "cafe", "centre", "soft play")."""


def _thing_after(text: str, end: int) -> bool:
    """Whether one of the two words after a place's name is the thing there ("soft play", "swimming club"), not when
    ("soon") or how ("instead")."""
    words = re.findall(r"[a-z][\w'’]*", fold(text[end:end + 30]))[:2]
    return bool(_noun_after(text, end)) and any(w in _THING_HEADS for w in words)


def _noun_after(text: str, end: int) -> bool:
    """Whether a lower-case word that is no little word follows: the noun a name before it describes ("game")."""
    m = re.match(r"[ \t]+([a-z][\w'’]*)", text[end:end + 30])
    return bool(m) and fold(m[1]) not in STOP_WORDS


def _word_after(text: str, end: int) -> str:
    m = re.match(r"\s*([\w'’]+)", text[end:end + 30])
    return fold(m[1]) if m else ""


_ANIMAL_WORDS = SPECIES_WORDS | {"pet"}
"""Words for an animal: after one, a pet's name says nothing more ("our dog Segun" -> "our dog")."""
_LANDSCAPE = lx.PLACE_WORDS | {"bay", "hill", "river", "creek", "cove", "island", "point", "falls", "hills"}
"""Last words that make a name a place out of doors: never the school, however the caption speaks of school."""
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
_ARTICLED = _DETERMINERS | POSSESSIVES
"""Words after which a noun needs no article of its own: "a school cross", "her dog", "the local"."""
_SCHOOL_BARE_AFTER = SCHOOL_PREPOSITIONS | _ARTICLED
"""Words after which a school is said "school" bare ("at school", "a school cross"), else "the school"."""
#: After a place's name, words in lower case that end in a venue's word ("Tampines hawker centre", "the
#: New Town shops"): the name says whose venue it is, so it becomes "the local", not "this place".
_VENUE_AFTER = re.compile(r"\s+((?:[a-z][\w'’-]*\s+)?[a-z][\w'’-]*)")


def _names_a_venue(text: str, end: int) -> bool:
    m = _VENUE_AFTER.match(text, end)
    if not m:
        return False
    words = [fold(w) for w in m[1].split()]
    # "hawker centre", not "means pool": a word before the venue's that is a verb or a small word ends the name
    return words[0] in lx.VENUE_WORDS or len(words) == 2 and words[1] in lx.VENUE_WORDS \
        and words[0] not in STOP_WORDS and not re.search(r"[^s]s$", words[0])


def said(caption: str, group: list[Span], book: Phrasebook | None = None) -> tuple[str, str]:
    """The replacement for a run of spans, and the kind it replaced.

    ``book`` remembers whom the caption has named so far (read left to right), so that two
    different people are never given the same words. A last word that the caption says next already is not
    said twice ("the Eastern Suburbs club" -> "the club", not "the club club").
    """
    words, kind = _said(caption, group, book if book is not None else Phrasebook())
    if words and words.split()[-1].lower() == _word_after(caption, group[-1].end):
        words = " ".join(words.split()[:-1])
    return words, kind


def _said(caption: str, group: list[Span], book: Phrasebook) -> tuple[str, str]:
    first = group[0]
    prev = words_before(caption, first.start)
    last_prev = prev[-1] if prev else ""
    adjacent = bool(re.search(r"[\w'’]\s+$", caption[:first.start])) or not caption[:first.start].strip()
    kind = first.kind
    if kind == "child":
        return _child_said(caption, group, prev, book), kind
    if kind == "person":
        return _person_said(caption, group, prev, book), kind
    term = first.term
    noun = term.noun if term else ""
    if kind in ("hashtag", "mention"):
        return "", kind
    if kind == "relative":
        titles = lx.KIN_TITLES | lx.KIN_TITLE_SECOND | FAMILY_NOUNS | {fold(w) for w in noun.split()}
        if adjacent and last_prev in titles:
            return "", kind  # "Nana Sue's" -> "Nana's", "my sister Ida" -> "my sister"
        return (noun or "a relative"), kind
    if kind == "pet":
        if _word_after(caption, group[-1].end) in PEOPLE_VERBS:  # a person the dossier took for a pet
            return book.stranger(term.key if term else ""), kind
        if adjacent and last_prev in _ANIMAL_WORDS or sentence_start(caption, first.start) \
                and _word_after(caption, group[-1].end) in OWNERS:
            return "", kind  # "our dog Segun" -> "our dog"; "Lucy our old retriever is 9" -> "Our old retriever is…"
        noun = book.pet(term.key if term else "", noun or "pet")
        # "his Merv story" -> "his dog story", "looks like a Merv" -> "looks like a dog"
        return (noun if last_prev in _ARTICLED else f"our {noun}"), kind
    if kind == "parent":
        if adjacent and last_prev in lx.PARENT_WORDS:
            return "", kind  # "my husband Tunde" -> "my husband", not "my husband my partner"
        noun = book.parent(term.key if term else "")
        return (noun if last_prev in _ARTICLED else f"my {noun}"), kind
    if kind == "other_child":
        return ("" if adjacent and last_prev in FRIEND_NOUNS else book.friend(term.key if term else "")), kind
    if kind == "surname":
        if first.said or capitalised_before(caption, first.start) or last_prev in _DETERMINERS \
                or _word_after(caption, group[-1].end) in FAMILY_GROUP_WORDS:
            return _surname_said(first), kind  # "Sam Quenby", "the Quenby house", "Quenby boys": the name goes
        # a family name standing where a person does ("Síofra's whole personality", a word the feed only ever
        # signs with): dropping it would leave "'s whole personality", so it is said as a name nobody placed
        return _person_said(caption, group, prev, book), kind
    if kind in ("town", "place") and (kind == "town" or first.said == PLACE_WORDS_SAID) \
            and _names_a_venue(caption, group[-1].end):
        return ("local" if last_prev in _ARTICLED else "the local"), kind
    if kind == "town" and last_prev in _DETERMINERS and adjacent:
        # "the Pudsey Carnival" -> "the local Carnival", "the Pudsey we know" -> "the town we know"
        return ("local" if capitalised_after(caption, group[-1].end) else "town"), kind
    if kind == "town":
        return ("town" if last_prev in OWNERS else TOWN_WORDS), kind
    if kind == "school" and first.said == SCHOOL_NAME_DROPPED:
        return "", kind  # "l'école du Boisjoli" -> "l'école"
    if kind == "school":
        noun = "nursery" if _about_a_nursery(caption) else "school"
        return (noun if last_prev in _SCHOOL_BARE_AFTER else f"the {noun}"), kind
    if kind == "place" and first.said == PLACE_WORDS_SAID and last_prev in _ARTICLED and adjacent:
        # "the New Town shops" -> "the local shops", "a Reading game" -> "a local game", not "a this place game";
        # "the Reading we know" -> "the place we know"
        return ("local" if _noun_after(caption, group[-1].end) else "place"), kind
    if kind == "place" and first.said == NEARBY:
        if last_prev in NEARBY_PREPOSITIONS and _thing_after(caption, group[-1].end):
            return "the", kind  # "at Jungle Jim's soft play" -> "at the soft play", not "at a place nearby soft play"
        # "at Cockle Bay after school": a bay, whatever the caption says of school
        name = fold(caption[first.start:group[-1].end]).split()
        return _nearby_said(caption, last_prev, outdoors=bool(name) and name[-1] in _LANDSCAPE), kind
    if kind in ("place", "street") and first.said != PLACE_WORDS_SAID:
        return (first.said if last_prev in _ARTICLED | {"any", "some"} else f"the {first.said}"), kind
    return first.said, kind


def _child_said(caption: str, group: list[Span], prev: list[str], book: Phrasebook) -> str:
    children = [s for s in group if s.kind == "child"]
    forms = [book.child((s.term.who or s.term.key) if s.term else "", (s.term.noun if s.term else "") or "child")
             for s in children]
    joins = [caption[a.end:b.start] for a, b in zip(children, children[1:], strict=False)]
    last_prev = prev[-1] if prev else ""
    if last_prev in POSSESSIVES:
        return _join([bare for bare, _ in forms], joins)
    if last_prev == "a" and len(children) == 1:
        # "a Joe Root shirt" -> "a shirt" (a name said of a thing), "with a Sagal who wants to fast" -> "with a
        # daughter who...", not "a my daughter"; "a eldest" would be no better, so such a noun keeps its owner
        if _noun_after(caption, group[-1].end):
            return ""
        if not re.match(r"[aeiou]", forms[0][0]):
            return forms[0][0]
    if any(w in OWNERS for w in prev) and last_prev not in STOP_WORDS and last_prev not in lx.PARENT_WORDS:
        return ""  # "my darling Zuri" -> "my darling"
    if len(children) == 1 and _word_after(caption, group[-1].end) in CHILD_AFTER:
        return "my"  # "Rosa girl" -> "my girl"
    return _join([owned for _, owned in forms], joins)


def _person_said(caption: str, group: list[Span], prev: list[str], book: Phrasebook) -> str:
    """A name the dossier did not place: gone after a greeting, "my friend" or when it stands alone, else
    "someone"."""
    last_prev = prev[-1] if prev else ""
    alone = stands_alone(caption, group[0].start, group[-1].end)
    # alone: the sentence holds nothing else ("Three today! X"); before a comma or "+" it is the sentence's subject
    signed = bool(re.search(r"[,\-–—]\s*$", caption[:group[0].start])) and not re.search(r"[\w'’]",
                                                                                         caption[group[-1].end:])
    # signed: the caption ends with the name after a comma or a dash ("…any day, Síofra"), a signature or the
    # one spoken to: it goes with nothing said instead
    if signed or alone or last_prev in GREETINGS or last_prev in {"you", "u"} \
            or last_prev in FRIEND_NOUNS | FAMILY_NOUNS:
        return ""
    if last_prev in POSSESSIVES:
        return "little one"
    return book.stranger(fold(caption[group[0].start:group[-1].end]))


def _nearby_said(caption: str, last_prev: str, *, outdoors: bool = False) -> str:
    """A place no list holds, said from the words around it: "nursery" or "school" after "at", "to"… in a caption
    about one (never for a place ``outdoors``), else "a place nearby"; "local" after "the" or "our"; "our area" where
    it stands alone."""
    if last_prev in NEARBY_PREPOSITIONS and outdoors:
        return NEARBY
    if last_prev in NEARBY_PREPOSITIONS:
        words = _words(caption)
        return "school" if "school" in words else "nursery" if words & NURSERY_WORDS else NEARBY
    return "local" if last_prev == "the" or last_prev in POSSESSIVES else "our area"


def _words(caption: str) -> set[str]:
    return {fold(w) for w in re.findall(r"[\w'’-]+", caption)}


def _about_a_nursery(caption: str) -> bool:
    """A caption that speaks of a nursery and not of school: its school is said "nursery"."""
    words = _words(caption)
    return bool(words & NURSERY_WORDS) and "school" not in words


def _join(parts: list[str], joins: list[str]) -> str:
    out = parts[0]
    for join, part in zip(joins, parts[1:], strict=False):
        out += join + part
    return out


def _surname_said(span: Span) -> str:
    """"the Hendersons" -> "all of us"; "the Henderson family" -> "the family"; "Sam Henderson" -> "Sam"."""
    return span.said

