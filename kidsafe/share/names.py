"""Names the dossier did not claim, as spans for the redactor: the engine's nets (``kidsafe.engine.net``) find
them; a word the parent kept stays.

Erring on the side of removing (#14): besides the names the name net reads, what the second look would flag in
the copy (a rare name in capitals or in a hashtag, a town, a family name before "boys", a postcode alone) is
rewritten here rather than only listed, and so are words of no list where a name or a place stands ("Qwenby
went…", "pickup at Glimmerkins"), a suburb of common words ("in the Upper Ward") and another form of a known name
("Zbyny" for "Zbyna").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

from kidsafe.engine import lexicon as lx
from kidsafe.engine.net.name_shaped import flagged_spans
from kidsafe.engine.net.names import inflected_names, initial_names, month_names, said_as_a_date, unclaimed_names
from kidsafe.engine.net.places import PLACE_WORDS_SAID, shaped_spans
from kidsafe.engine.net.shapes import is_rare_word, protected_spans, words_before
from kidsafe.engine.net.suburbs import place_runs
from kidsafe.engine.net.unknown_words import PLACE_CUES, name_position, unknown_word_spans
from kidsafe.engine.text import fold
from kidsafe.share.spans import Span
from kidsafe.share.terms import PERSON_KINDS, SCHOOL_NAME_NOISE, Term, Vocabulary

NEARBY = "a place nearby"
"""What a place no list holds is said as, unless its caption is about a nursery or school (``wording.py``)."""
SHAPED = {"a name": "person", "a town": "place", "a postcode": "place", "a family name": "surname"}
"""The second look's finding -> the kind of span the redactor rewrites it as."""


def person_spans(caption: str, tagged: Iterable[str], vocab: Vocabulary, *, lower_case: bool = False,
                 named: Collection[str] = ()) -> Iterator[Span]:
    """One span per unclaimed name (the redactor joins "Firstname Middlename" into one run); in a feed written in
    lower case (``lower_case``), lower-case words that can only be names or places too; ``named``: words of no
    list that the feed uses as a name elsewhere (``feed_names``), wherever they stand here."""
    for start, end, kind in unclaimed_names(caption, tagged, vocab.known(), lower_case=lower_case):
        yield Span(start, end, kind, PLACE_WORDS_SAID if kind == "place" else "")
    for start, end in initial_names(caption):  # "baby Z", "T scored his first goal": a child called by an initial
        if fold(caption[start:end]) not in vocab.kept:
            yield Span(start, end, "person")
    yield from unplaced_spans(caption, vocab, lower_case=lower_case)
    for word in named:
        if fold(word) not in vocab.kept:  # as written or in capitals: lower case, the same letters may be a thing
            for form in {word, word.upper()}:
                for m in re.finditer(r"(?<![\w#@'’])" + re.escape(form) + r"(?!\w)", caption):
                    if len(word) == 2 and word.isupper() or name_position(caption, m.start(), m.end()) \
                            and not said_as_a_date(caption, m.start(), m.end()):
                        yield Span(m.start(), m.end(), "person")  # not "X holidays", "X Stampede", "in June"


def feed_names(captions: Iterable[str], vocab: Vocabulary, *, lower_case: bool = False) -> frozenset[str]:
    """Words of no list (or months: "April painted…") that some caption of the feed uses as a person's name ("Qwenby
    went…", "ZJ has…"): a stranger reading the feed knows them as names wherever else they stand ("at the farm with
    Qwenby 🚜"), except as a date ("in June")."""
    known = vocab.known()
    out: set[str] = set()
    for caption in captions:
        for start, end, kind in unknown_word_spans(caption, known, lower_case=lower_case):
            if kind == "person":
                out.add(caption[start:end])
        out.update(caption[start:end] for start, end in month_names(caption) if fold(caption[start:end]) not in known)
    return frozenset(out)


def feed_places(captions: Iterable[str], vocab: Vocabulary, *, lower_case: bool = False) -> list[Term]:
    """Rare words that some caption of the feed puts where a place stands ("back in Qwenbury", "pickup at
    Glimmerkins"), found there by a place net, as terms: a stranger who read that caption knows the word as a
    place wherever else it stands ("Qwenbury Mall", "#Qwenbury", "Douglas or Qwenbury side"). Not after "from",
    which signs off people as often ("love from Qwen"), nor a word some caption uses as a person's name. So too a
    school's own name, rare in English, that a caption gives with its kind of school ("Quenby SDE" -> "Quenby")."""
    known = vocab.known()
    family = vocab.keys(PERSON_KINDS)
    places: dict[str, str] = {}
    schools: dict[str, str] = {}
    people: set[str] = set()
    for caption in captions:
        unknown = list(unknown_word_spans(caption, known, lower_case=lower_case))
        people.update(fold(caption[a:b]) for a, b, kind in unknown if kind == "person")
        found = [(a, b) for a, b, kind in unknown if kind == "place"]
        for start, end, kind, _ in shaped_spans(caption, family, vocab.kept, vocab.common):
            if kind == "place":
                found.append((start, end))
            elif kind == "school" and (name := _school_own_name(caption[start:end])):
                schools.setdefault(fold(name), name)
        for start, end in found:
            word = caption[start:end]
            cue = words_before(caption, start, 1)
            if word[:1].isupper() and word.isalpha() and is_rare_word(fold(word)) and cue \
                    and cue[0] in PLACE_CUES - {"from"}:
                places.setdefault(fold(word), word)
    terms = [Term(word, "school") for key, word in schools.items() if key not in people and key not in known]
    return terms + [Term(word, "place") for key, word in places.items()
                    if key not in people and key not in known and key not in schools]


_SCHOOL_KIND_WORDS = frozenset({*SCHOOL_NAME_NOISE, *(w for phrase in lx.word_set("share", "school_types_after_name")
                                                        for w in phrase.split())})


def _school_own_name(school: str) -> str:
    """A school's own name without its kind ("Quenby SDE" -> "Quenby"), when it is capitalised and rare in English."""
    words = [w for w in re.findall(r"[\w'’\-]+", school) if fold(w) not in _SCHOOL_KIND_WORDS]
    name = " ".join(words)
    return name if words and all(w[:1].isupper() for w in words) and is_rare_word(fold(name)) else ""


_FAMILY_DETERMINERS = frozenset({"the", "our", "my", "this", "that", "his", "her", "their", "your"})
"""Words one of which, just before a family name or a word before it, already says whose house or clan it is."""


def unplaced_spans(caption: str, vocab: Vocabulary, *, lower_case: bool = False) -> Iterator[Span]:
    """Spans of what no name list vouches for: the second look's words, words of no list where a name or a place
    stands, and other forms of the family's names."""
    known = vocab.known()
    protected = [(a, b) for a, b in protected_spans(caption) if caption[a] != "#"]  # a tag's name takes the tag
    for what, start, end, word in flagged_spans(caption):
        if fold(word) in known or any(a <= start < b for a, b in protected):
            continue  # "Paw Patrol", "Chúc Mừng Năm Mới": a franchise, a greeting
        kind = SHAPED[what]
        if kind == "person" and words_before(caption, start, 1) in (["a"], ["an"], ["the"]):
            continue  # "a Tamsin doll", "the Ollie bar": a thing named after someone
        if word.isdigit() and not PLACE_CUES & set(words_before(caption, start, 1)):
            continue  # five digits alone are a ZIP code as often as a count ("10000 steps"): the second look lists it
        if caption[start] == "#":
            yield Span(start, end, "hashtag", "", Term("person", "hashtag"))
        elif kind == "surname":  # "Pavlovic boys" -> "The boys", "the (whole) Haddad house" -> "the (whole) house"
            yield Span(start, end, kind, "" if set(words_before(caption, start, 2)) & _FAMILY_DETERMINERS else "the")
        else:
            yield Span(start, end, kind, NEARBY if kind == "place" else "")
    for start, end, kind in unknown_word_spans(caption, known, lower_case=lower_case):
        yield Span(start, end, kind, NEARBY if kind == "place" else "")
    for start, end in month_names(caption):  # "April painted a fox": a child named after a month
        if fold(caption[start:end]) not in known:
            yield Span(start, end, "person")
    for start, end in place_runs(caption, known):  # "in the Upper Ward": a suburb of common words
        yield Span(start, end, "place", NEARBY)
    terms = {t.key: t for t in vocab.terms if t.kind in PERSON_KINDS}
    for start, end, name in inflected_names(caption, terms, known):
        yield Span(start, end, terms[name].kind, term=terms[name])
