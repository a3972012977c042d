"""Words in no list at all where a name or a place stands: a nickname ("Qwenby went to the shops"), a nursery's
brand ("pickup at Glimmerkins"), a suburb the gazetteer lacks, a child called by two capitals ("ZJ has…").

The name net (``names.py``) knows a name by the first-name counts or the caption model; a word that is in
neither, nor in the English word ranks at all, says nothing by itself. Where it stands does: opening a
sentence or not, before a verb a person does ("X went", "X has"), before "'s", after a word that cues a name
("with X", "love you X"), or after "at", "in", "from"… (a place). Erring on the side of removing, such a word is
taken out as a name or a place; the parent keeps one by hand.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from kidsafe import geo
from kidsafe.engine.net.names import NAME_CUES, SUBJECT_VERBS, THING_WORDS, not_a_name
from kidsafe.engine.net.shapes import GREETINGS, protected_spans, sentence_start, tags_and_mentions, words_before
from kidsafe.engine.text import english_rank, fold

PLACE_CUES = frozenset({"at", "in", "from", "near", "around", "into", "outside", "through", "across"})
"""Words after which an unknown word is a place ("pickup at X"), not a person."""
NOT_AFTER = frozenset({"a", "an", "the", "st", "saint", "this", "that", "these", "those", "some", "any", "no"})
"""Words after which a capitalised word is a thing ("a Duplo giraffe", "the Bluey episode")."""
_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_PAIR = re.compile(r"(?<![\w'’.&/#@-])[A-Z]{2}(?![\w&/-]|\.\w)")
_POSSESSIVE = re.compile(r"['’]s\b")
_PLURAL_INITIALS = re.compile(r"[A-Z]{2,}s")


def unknown_word_spans(caption: str, known: Collection[str], *, lower_case: bool = False
                       ) -> Iterator[tuple[int, int, str]]:
    """(start, end, "person" or "place") of each word of no list standing where a name or a place does; ``known``:
    folded words already placed or kept by hand. In a feed written in lower case (``lower_case``), lower-case
    words too, but only before a verb a person does ("qwenby has swimming")."""
    protected = protected_spans(caption)
    for m in _WORD.finditer(caption):
        word = _POSSESSIVE.split(m[0], maxsplit=1)[0]  # "Otieno's-Bakery" is read as "Otieno"
        start, end = m.start(), m.start() + len(word)
        if any(a <= start < b for a, b in protected) or not _unknown(word, known) or _PLURAL_INITIALS.fullmatch(word):
            continue  # "her PJs", "the DVDs": a plural of letters is a thing
        if word[0].isupper():  # written in capitals too ("QWENBY on every lid"): it is in no list of words
            kind = _position(caption, start, end)
        elif lower_case and word.islower():
            kind = "person" if _opens_with_verb(caption, start, end) else None
        else:
            continue
        if kind:
            yield start, end, kind
    yield from ((a, b, "person") for a, b in initial_pairs(caption, known))


def words_of_no_list(caption: str, known: Collection[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each capitalised word of no list left anywhere in the caption, whatever stands
    around it: the second look's honest doubt. Where it stands was judged no name's or place's, but that
    judgement is the engine's; a check that does not depend on the engine lists it for the parent to read."""
    protected = protected_spans(caption, titles=False)  # a title-cased run ("Weekend At Kicukiro") is no shelter
    for m in _WORD.finditer(caption):
        word = _POSSESSIVE.split(m[0], maxsplit=1)[0].rstrip("'’-")  # "Otieno's-Bakery" is read as "Otieno"
        shouted_acronym = word.isupper() and len(word) <= 3 or bool(_PLURAL_INITIALS.fullmatch(word))  # "PE", "PJs"
        if word[:1].isupper() and not shouted_acronym and _unknown(word, known) \
                and not any(a <= m.start() < b for a, b in protected):
            yield m.start(), m.start() + len(word), word


def _english_compound(word: str) -> bool:
    """Words of English joined by hyphens, the later ones in lower case ("Drop-off", "Co-parenting", "Kid-free");
    capitalised halves are a name's ("Summer-Rose", "Lily-Grace")."""
    written = word.split("-")
    parts = fold(word).split("-")
    return len(parts) > 1 and all(w[:1].islower() for w in written[1:]) and \
        all(english_rank(p) is not None or p in STOP_WORDS or len(p) <= 2 for p in parts)


def initial_pairs(caption: str, known: Collection[str] = ()) -> Iterator[tuple[int, int]]:
    """(start, end) of two capitals that stand for a child's name ("ZJ has…", "for ZJ."): no word, no
    abbreviation of the English word ranks ("TV", "PE", "OK"), where a person stands."""
    protected = tags_and_mentions(caption)
    for m in _PAIR.finditer(caption):
        key = fold(m[0])
        if key in known or english_rank(key) is not None or any(a <= m.start() < b for a, b in protected):
            continue
        before = words_before(caption, m.start(), 1)
        rest = caption[m.end():]
        if _POSSESSIVE.match(rest) or _opens_with_verb(caption, m.start(), m.end()) \
                or before and before[0] in NAME_CUES and re.match(r"\s*(?:[,.!?)]|$|and\b|\s[a-z])", rest):
            yield m.start(), m.end()


def _unknown(word: str, known: Collection[str]) -> bool:
    """A word of three letters or more that no list holds: no English word (nor words of English joined by
    hyphens, "Drop-off"), first name, place or lexicon word."""
    key = fold(word)
    return (len(key) >= 3 and key not in known and english_rank(key) is None and key not in STOP_WORDS
            and not not_a_name(key) and key not in geo.region_names() and not _english_compound(word))


def _position(caption: str, start: int, end: int) -> str | None:
    """"person", "place" or None for a capitalised unknown word at [start, end)."""
    before = words_before(caption, start)
    last = before[-1] if before else ""
    if last in NOT_AFTER or in_capital_run(caption, start, end) or _names_a_thing(caption, end):
        return None  # "a Duplo set", "Selamat Hari Raya", "Bluey Day": a thing, a greeting, a title
    if _POSSESSIVE.match(caption, end):
        return "person"  # "Tea at X's house": a person's, wherever it stands
    if last in PLACE_CUES:
        return "place"
    if last in NAME_CUES | GREETINGS:
        return "person"
    return "person" if _before_verb(caption, end) else None  # "X went to the shops", "while X has a cold"


def name_position(caption: str, start: int, end: int) -> bool:
    """Whether a word could be a person's name where it stands: no capitalised word beside it and, after it, no
    lower-case word but a verb or a little word ("X went", "X and me", "X starting school"; not "X holidays", "X
    Stampede")."""
    if in_capital_run(caption, start, end):
        return False
    after = re.match(r"\s+([a-z][\w'’]*)", caption[end:end + 30])
    return not after or fold(after[1]) in STOP_WORDS or _before_verb(caption, end) or after[1].endswith("ing")


def _opens_with_verb(caption: str, start: int, end: int) -> bool:
    """Whether the word opens a sentence and a verb a person does follows it ("X went", "X has")."""
    return sentence_start(caption, start) and _before_verb(caption, end)


def _before_verb(caption: str, end: int) -> bool:
    """Whether a verb a person does follows: one of the list, or a past tense ("braved", "screamed")."""
    after = re.match(r"\s+([a-z][\w'’]*)", caption[end:end + 30])
    if not after:
        return False
    word = fold(after[1])
    return word in SUBJECT_VERBS or len(word) > 4 and word.endswith("ed") and english_rank(word) is not None


def in_capital_run(caption: str, start: int, end: int) -> bool:
    """Whether a capitalised word stands beside the word in the same phrase ("Hari Raya", "Cyclone X", "X Day"); a
    cue or a little word opening the sentence before it ("Love X", "Then X") does not count."""
    after = re.match(r"[ \t]+[A-Z]", caption[end:end + 3])
    before = re.search(r"([A-Z][\w'’\-]*)[ \t]+$", caption[max(0, start - 30):start])
    return bool(after) or bool(before) and fold(before[1]) not in NAME_CUES | GREETINGS | STOP_WORDS


def _names_a_thing(caption: str, end: int) -> bool:
    after = re.match(r"\s+([\w'’]+)", caption[end:end + 30])
    return bool(after) and fold(after[1]) in THING_WORDS
