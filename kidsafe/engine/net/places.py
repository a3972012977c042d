"""Schools, places, streets, postcodes and adults' names found in a caption by their shape ("Brookside Primary",
"Hillside Park", "12 Elm Street", "PE7 8QJ", "Mrs Patel"), by the gazetteer (read as the engine reads town
names) or by the place tagger, without the dossier. Each is returned with the plain words a copy may say
instead ("this place", "road"); ``kidsafe.share.spans`` turns them into the redactor's spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from kidsafe import geo
from kidsafe.engine import lexicon as lx
from kidsafe.engine import tagger
from kidsafe.engine.gazetteer import is_known_first_name, name_count
from kidsafe.engine.net.shapes import CAPITAL_RUN_RE, TITLE_RUN, character_spans
from kidsafe.engine.net.unknown_words import PLACE_CUES
from kidsafe.engine.text import Folded, english_rank, fold

Found = tuple[int, int, str, str]
"""(start, end, kind, words said instead) of one finding: "" when the share chooses the words."""
STREET_WORDS = lx.word_dict("share", "street_words")
"""Words that end a street's name, and the word said instead of the whole name."""

PREFIX_PLACE_RE = re.compile(r"(?<![\w#@])(?:Fort|Mount|Mt\.?|Lake|Port|Camp|Cape|Lake)\s+[A-Z][\w'’\-]+"
                             r"(?:\s+[A-Z][\w'’\-]+)?", re.UNICODE)
"""A place named by a word before it ("Fort Quillan", "Port Isaac", "Lake Tahoe")."""
RIVER_RE = re.compile(r"(?<![\w#@])([Rr]iver)\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?", re.UNICODE)
"""A river named after the word ("the river Kent", "the River Dee"): the name goes and "river" stays, as "the river"
reads in any caption, where "the this place" would not."""
HONORIFIC_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mx|Dr|Coach)(\.?\s+)(([A-Z])[\w'’\-]+)", re.UNICODE)
_NAME_WORD = r"[A-Z][\w'’\-]*"
_PLACE_ALT = "|".join(sorted((re.escape(w) for w in lx.PLACE_WORDS | set(STREET_WORDS) if " " not in w),
                             key=len, reverse=True))
PLACE_RE = re.compile(r"(?<![\w#@])(?:(\d{1,4}[a-zA-Z]?)\s+)?((?:" + _NAME_WORD + r"\s+){1,3})((?i:" + _PLACE_ALT
                      + r"))(?!\w)")
_SCHOOL_ALT = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+")
                               for w in {*lx.SCHOOL_TYPE_WORDS, *lx.word_set("share", "school_types_after_name")}
                               if w not in ("school", "high", "middle")), key=len, reverse=True))
SCHOOL_RE = re.compile(r"(?<![\w#@])((?:(?:St\.?|Saint|" + _NAME_WORD + r")\s+){1,3})((?i:" + _SCHOOL_ALT
                       + r"))(?:\s+(?:School|Academy))?(?!\w)")
_PUBLIC_THINGS = "|".join(map(re.escape, sorted(lx.word_set("share", "public_things"))))
_PUBLIC_THING = re.compile(r"(?i:public)\s+(?i:" + _PUBLIC_THINGS + r")\b")
"""Not a school named "Public" after its name ("Harbord Public") but a public thing ("Brisbane Public Library")."""
HIGH_SCHOOL_RE = re.compile(r"(?<![\w#@])([A-Z][\w'’\-]+)\s+(?:High|Middle)(?:\s+School)?\b"
                            r"(?!\s+(?:Street|St|Road|Rd|Chair|Tea|Five|Heels)\b)")
"""A school named by "High" or "Middle" after its name ("Hollinbrook High"), not "High Street"."""
MAX_PLACE_WORDS = 3
LEADING_NON_NAMES = lx.word_set("share", "leading_non_names")
FUNCTION_WORDS = lx.word_set("share", "function_words")
"""Leading words never part of a place's name; other leading words ("Happy", "New") are dropped only where a
sentence opens, since after "at" they are the name ("at Happy Hollow Park")."""
COMMON_NAME_COUNT = 2000
COMMON_WORD_RANK = 3000
PLACE_WORDS_SAID = "this place"
TAGGED_SAID = {"CLUB": "club", "PLACE": PLACE_WORDS_SAID}
"""What a school, club or place the place tagger found is written as (a school is said as the school)."""
_TYPE_FIRST = "|".join(sorted(map(re.escape, lx.word_set("share", "school_types_before_name")), key=len, reverse=True))
TYPE_FIRST_SCHOOL_RE = re.compile(r"(?<![\w#@])(?i:" + _TYPE_FIRST + r")(\s+(?:(?i:du|de|des|de la|del|della|d['’]|am|an|im|"
                                  r"of|the|la|le|el)\s*)?)(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,2})")
"""A school named after a word for school that comes first ("l'école du Boisjoli", "Ysgol Glantaf"): the name goes,
the word for school stays."""
_SETTLEMENT = "|".join(sorted(map(re.escape, lx.word_set("share", "settlement_words")), key=len, reverse=True))
SETTLEMENT_RE = re.compile(r"(?<![\w#@])((?:" + _NAME_WORD + r"\s+){1,2})(?i:" + _SETTLEMENT + r")(?!\w)")
"""A town or a part of one named by its last word ("Johar Town", "HSR Layout"): a place, not "the town"."""
SCHOOL_NAME_DROPPED = "-"
"""A school span's ``said`` when only the name after the word for school goes: nothing is said instead."""
NOT_A_SCHOOL_NAME = frozenset({*lx.WEEKDAY_FORMS, *lx.MONTH_FORMS, *lx.NOT_NAMES, *STOP_WORDS})
POSSESSIVE_RE = re.compile(r"['’]s?$")
THING_AFTER = lx.word_set("share", "thing_words") - {"club", "team", "fc"}
"""A name before one of these words is a named day, show or cup, not a place; a club is a club all the same."""
_OUTWARD = r"[A-Z]{1,2}\d[A-Z\d]?"
POSTCODE_RE = re.compile(r"(?<![\w#@])(?:" + _OUTWARD + r"\s+\d[A-Z]{2}|[A-Z]\d[A-Z]\s+\d[A-Z]\d)(?![\w@])"
                         r"|\b(?:[Ii]n|[Aa]t|to|from|near|around)\s+(" + _OUTWARD + r")(?![\w@])")
"""A British or Canadian postcode ("PE7 8QJ", "K1A 0B1"), or a British outward code where it stands for a place
("in NE4"): alone, "A1" or "PS5" is a grade or a console."""
LOWER_POSTCODE_RE = re.compile(r"\b(?:in|at|to|from|near|around)\s+(([a-z]{1,2})\d[a-z\d]?)(?![\w@])")
"""A British outward code written in lower case where it stands for a place ("back in cr0"), when its letters open
British postcodes: "in a1" or "at q3" is no place."""
POSTCODE_AREAS = lx.word_set("places", "postcode_areas")
"""The letters that open a British postcode ("E", "SW", "NE"): "E1" alone is a district, "A1" or "PS5" is not."""
ZIP_RE = re.compile(r"\b(?:[Ii]n|[Aa]t|to|from|near|around|[A-Z]{2})\s+(\d{5}(?:-\d{4})?)(?![\w@])")
"""A US ZIP code where it stands for a place: after "in", "at"… or a state's letters ("NY 11215")."""


def shaped_spans(caption: str, people: set[str], kept: frozenset[str],
                 common: frozenset[str] = frozenset()) -> Iterator[Found]:
    """(start, end, kind, words said instead) of each school, place, street, postcode, town or adult's name the
    caption holds by its shape, the gazetteer or the place tagger; ``people``: the family's folded names, left to
    the name finders; ``kept``: words the parent keeps; ``common``: words the feed writes in lower case inside a
    sentence, no gazetteer place where only a sentence's start gives them a capital."""
    for m in SCHOOL_RE.finditer(caption):
        words = _words(caption, m.start(1), m.end(1))
        while words and (fold(words[0][2]) in FUNCTION_WORDS
                         or _opens_text(caption, words[0][0]) and fold(words[0][2]) in LEADING_NON_NAMES):
            words = words[1:]  # "at Little Acorns Early Learning": "Little" is the name's, unless a sentence opens
        if words and m[2][0].isupper() and not _PUBLIC_THING.match(caption, m.start(2)):
            yield words[0][0], m.end(), "school", ""
    for m in HIGH_SCHOOL_RE.finditer(caption):
        if fold(m[1]) not in LEADING_NON_NAMES and fold(m[1]) not in lx.NOT_NAMES:
            yield m.start(), m.end(), "school", ""
    for m in PLACE_RE.finditer(caption):
        words = _words(caption, m.start(2), m.end(2))
        while words and (fold(words[0][2]) in FUNCTION_WORDS or _opens_text(caption, words[0][0])
                         and (fold(words[0][2]) in LEADING_NON_NAMES or fold(words[0][2]) in lx.NOT_NAMES)):
            words = words[1:]
        if not words:
            continue
        start = m.start(1) if m[1] else words[0][0]
        kind = "street" if fold(m[3]) in STREET_WORDS else "place"
        yield start, m.end(), kind, STREET_WORDS.get(fold(m[3]), m[3].lower())
    yield from _local_group_spans(caption)
    yield from _gazetteer_spans(caption, people, common)
    yield from _lower_case_place_spans(caption, people)
    yield from _tagged_spans(caption, people, kept)
    for m in (*POSTCODE_RE.finditer(caption), *ZIP_RE.finditer(caption)):
        group = 1 if m[1] else 0
        yield m.start(group), m.end(group), "place", PLACE_WORDS_SAID
    for m in LOWER_POSTCODE_RE.finditer(caption):
        if m[2].upper() in POSTCODE_AREAS:
            yield m.start(1), m.end(1), "place", PLACE_WORDS_SAID
    for m in SETTLEMENT_RE.finditer(caption):
        first = fold(m[1].split()[0])
        if m[0].split()[-1][:1].isupper() and first not in LEADING_NON_NAMES and first not in FUNCTION_WORDS \
                and first not in lx.NOT_NAMES and (english_rank(first) or COMMON_WORD_RANK) >= COMMON_WORD_RANK:
            yield m.start(), m.end(), "place", PLACE_WORDS_SAID
    for m in TYPE_FIRST_SCHOOL_RE.finditer(caption):
        if fold(m[2].split()[0]) not in NOT_A_SCHOOL_NAME:
            yield m.start(1), m.end(), "school", SCHOOL_NAME_DROPPED
    for m in PREFIX_PLACE_RE.finditer(caption):
        yield m.start(), m.end(), "place", PLACE_WORDS_SAID
    for m in RIVER_RE.finditer(caption):
        key = fold(caption[m.end(1):m.end()].split()[0])
        common = (english_rank(key) or 10**6) < COMMON_WORD_RANK
        person = is_known_first_name(key) and not common and not geo.places_named(key)
        if not person:  # "by the river Theo threw stones": a person, left to the name nets
            yield m.start(), m.end(), "place", m[1]
    for m in HONORIFIC_RE.finditer(caption):
        if fold(m[3]) not in STOP_WORDS and fold(m[3]) not in lx.NOT_NAMES:  # not "Miss You"
            yield m.start(), m.end(), "adult", f"{m[1]}{m[2]}{m[4]}."


def name_rest(text: str, people: set[str]) -> int:
    """How many characters of the capitalised words straight after a school's proper name finish its name
    ("Ladybird" + " Lodge"), up to two; a weekday or a person of the family (``people``, folded) is no part of it."""
    length = 0
    for _ in range(2):
        w = re.match(r"\s+(" + _NAME_WORD + r")", text[length:])
        if not w or fold(w[1]) in NOT_A_SCHOOL_NAME or fold(w[1]) in people:
            break
        length += w.end()
    return length


def _opens_text(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence: nothing before it but spaces, or a sentence's end or an emoji."""
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n:;" or not before[-1].isalnum() and before[-1] not in ",'’&"


def _tagged_spans(caption: str, people: set[str], kept: frozenset[str]) -> Iterator[Found]:
    """Schools, clubs and places the place tagger finds ("drop-off at Little Possums", "home to Jozi"), whatever
    their shape: many carry no type word. A known person of the family is left to the name finders; a franchise
    ("Paw Patrol"), a greeting in capitals and a named day or cup ("St Patrick's Day", "Stanley Cup") are no place."""
    folded = Folded(caption)
    protected = [folded.span(a, b) for a, b in character_spans(folded.text)]
    protected += [(m.start(), m.end()) for m in CAPITAL_RUN_RE.finditer(caption) if len(m[0].split()) >= TITLE_RUN]
    for m in tagger.find_mentions(caption):
        key = fold(m.text)
        words = key.split()
        after = fold(caption[m.end:m.end + 20]).split()[:1]
        if key in people or _kin(words, people) or key in kept or not any(w[:1].isupper() for w in m.text.split()) \
                or any(a < m.end and m.start < b for a, b in protected) \
                or after and after[0] in THING_AFTER or words[-1] in THING_AFTER \
                or all(w in lx.ACTIVITIES for w in words) \
                or _cut_from_a_longer_name(caption, m.start, m.end):
            continue  # "Football on Saturdays" is the activity, no club's name; "Vitamin D" is no place
        if m.kind == "SCHOOL":
            yield m.start, m.end, "school", ""
        else:
            yield m.start, m.end, "place", TAGGED_SAID[m.kind]


def _cut_from_a_longer_name(caption: str, start: int, end: int) -> bool:
    """Tagged words opening a sentence that name a thing: a word and a letter ("Vitamin D and a walk"), or the
    first word of a longer name the tagger did not take whole ("Qwenby Stampede fun")."""
    return _opens_text(caption, start) and bool(re.match(r"[ \t]+[A-Z]", caption[end:end + 3])
                                                 or re.search(r"\s[A-Z]$", caption[start:end]))


def _kin(words: list[str], people: set[str]) -> bool:
    """Folded words that name a relative, not a place: kin titles alone ("Bà Ngoại", "Nana's") or before a
    name the name finders rewrite ("Oma Ingrid"); the tagger reads "at Nana's" as somewhere."""
    rest = [*words[:-1], POSSESSIVE_RE.sub("", words[-1])] if words else []
    while rest and (rest[0] in lx.KIN_TITLES or rest[0] in lx.KIN_TITLE_SECOND):
        rest.pop(0)
    return len(rest) < len(words) and (not rest or " ".join(rest) in people)


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words of text[start:end], in the text's positions."""
    return [(start + w.start(), start + w.end(), w[0]) for w in re.finditer(r"\S+", text[start:end])]


def _gazetteer_spans(caption: str, people: set[str], common: frozenset[str] = frozenset()) -> Iterator[Found]:
    """Capitalised words that name a gazetteer place, read as the engine reads town names."""
    folded = Folded(caption)
    characters = [folded.span(a, b) for a, b in character_spans(folded.text)]
    for m in CAPITAL_RUN_RE.finditer(caption):
        words = [w for w in _words(caption, m.start(1), m.end(1))
                 if not any(a <= w[0] < b for a, b in characters)]
        if len(words) >= TITLE_RUN and not m[1].isupper():
            continue  # a greeting in capitals ("Chúc Mừng Năm Mới"); a shout ("PENRITH PANTHERS WON") is read
        for i in range(0, len(words), MAX_PLACE_WORDS):
            hit = _first_place(caption, words[i:i + MAX_PLACE_WORDS], people, common)
            if hit:
                yield hit[0], hit[1], "place", PLACE_WORDS_SAID


def _first_place(caption: str, words: list[tuple[int, int, str]], people: set[str],
                 common: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The longest run of the words that is a gazetteer place (and no name), as (start, end); not one word of
    ``common`` that only a sentence's start gives a capital ("Cricket bat and a shirt")."""
    for n in range(len(words), 0, -1):
        for i in range(0, len(words) - n + 1):
            start, end = words[i][0], words[i + n - 1][1]
            phrase = caption[start:end]
            bare = re.sub(r"(?:'s|’s|'|’)$", "", phrase)
            end -= len(phrase) - len(bare)
            key = fold(bare)
            after = fold(caption[end:end + 20]).split()[:1]
            if key in people or _not_a_place(key, bare, n, after) or n == 1 and key in common \
                    and _opens_text(caption, start) or n == 1 and _a_word_where_it_stands(caption, start, bare, key):
                continue
            if geo.places_named(bare):
                return start, end
    return None


LOWER_PLACE_CUES = PLACE_CUES | {"to", "round", "visiting", "over", "downtown"}
_LOWER_RUN_AFTER_CUE = re.compile(r"\b(" + "|".join(sorted(LOWER_PLACE_CUES)) + r")[ \t]+"
                                  r"([a-z][a-z'’\-]+(?:[ \t]+[a-z][a-z'’\-]+){0,%d})" % (MAX_PLACE_WORDS - 1))
"""Words in lower case after a place's cue ("roastie in liverpool", "from sth akl"), where a gazetteer place may be."""
LOWER_PLACE_RANK = 5000
"""One word in lower case is a city only when this rare in English: "bury", "derby" and "sale" are words first."""
RARE_AFTER_TO = 20_000
"""After "to", rarer still: "to bury" is a verb, "moved to christchurch" a city."""


def _lower_case_place_spans(caption: str, people: set[str]) -> Iterator[Found]:
    """A gazetteer place written in lower case where a place stands ("best dog in belfast"), as a capitalised one
    is found: many a parent never types a capital for their town. A common English word ("in time", "at home"), a
    kin word ("at nana's"), a school or activity word ("to kinder") or a common first name is that word; one word
    alone counts only as a city that names its district ("belfast", not "sunset"), two or more as any place ("all
    over round rock")."""
    for m in _LOWER_RUN_AFTER_CUE.finditer(caption):
        words = _words(caption, m.start(2), m.end(2))
        hit = _first_place(caption, words, people)
        if hit is None or hit[0] != words[0][0]:
            continue  # the place must follow its cue: "in the village hall" holds no town
        key = fold(caption[hit[0]:hit[1]])
        after = re.findall(r"\w+", fold(caption[hit[1]:hit[1] + 20]))[:1]
        if key.split()[0] in FUNCTION_WORDS or any(
                w in lx.SCHOOL_TYPE_WORDS or w in lx.ACTIVITIES or w in lx.PLACE_WORDS for w in key.split() + after):
            continue  # "in the village", "to kinder"
        if " " not in key and not _a_city_alone(key, m[1], after):
            continue  # "at sunset", "in advance", "to bury", "in derby shoes": a word, though a town bears it
        yield hit[0], hit[1], "place", PLACE_WORDS_SAID


def _a_city_alone(key: str, cue: str, after: list[str]) -> bool:
    """Whether one lower-case word after a place's cue is the city: one that names its district, rare in English,
    not a verb after "to", nor a word describing the noun after it."""
    rank = english_rank(key) or 10**6
    return (geo.names_its_district(key) and rank >= (LOWER_PLACE_RANK if cue != "to" else RARE_AFTER_TO)
            and not (after and after[0] not in STOP_WORDS and after[0].isalpha()))


OPENING_WORD_RANK = 10_000
"""A word this common in English that opens a sentence or is shouted ("Pray for her", "Progress!", "AN ENTIRE PACK")
is that word to the gazetteer, though a village bears its name, unless a place's cue stands before it ("back to
Welsh"). The place tagger reads the words around it, so what it finds there stays a place ("Wells cathedral trip")."""
_PLACE_CUE_BEFORE = re.compile(r"(?i)\b(?:in|at|from|to|near|around|into|outside|visiting)\s+$")


def _a_word_where_it_stands(caption: str, start: int, word: str, key: str) -> bool:
    rank = english_rank(key)
    return (rank is not None and rank < OPENING_WORD_RANK and (_opens_text(caption, start) or word.isupper())
            and not _PLACE_CUE_BEFORE.search(caption, max(0, start - 12), start)
            and not geo.names_its_district(word))  # "Blackpool illuminations", "Sydney for the weekend": a city


def _not_a_place(key: str, phrase: str, n: int, after: list[str]) -> bool:
    if len(key) < 3 or key in lx.NOT_NAMES or key in lx.KIN_TITLES or key in lx.KIN_TITLE_SECOND:
        return True
    if key in lx.WEEKDAY_FORMS or key in lx.CHARACTERS or key in lx.PARENT_WORDS or key in lx.MONTH_FORMS:
        return True  # to the gazetteer, a month ("Nov 3rd") is the month, though a town bears its name
    if after and (after[0] in lx.PLACE_WORDS or after[0] in lx.SCHOOL_TYPE_WORDS):
        return True
    if n == 1 and (english_rank(key) or COMMON_WORD_RANK) < COMMON_WORD_RANK:
        return True  # "Born", "Bath" with a capital: a common word, not the place of that name
    return n == 1 and name_count(phrase) >= COMMON_NAME_COUNT



_LOCAL_GROUPS = "mums|moms|mummies|mommies|mamas|parents|dads|families"
LOCAL_GROUP_RE = re.compile(r"(?<![\w#@])((?:[A-Z][\w'’\-]+[ \t]+){1,3})(?:" + _LOCAL_GROUPS + r")\b")
"""A place named by the parents' group after it ("Tower Hamlets mums, where…", "Sutton parents"): a place, said
"local"; "Twin mums" or "Hockey moms" name no place (every word common in English, and no gazetteer town)."""
LOCAL_GROUP_RARE = 10_000


def _local_group_spans(caption: str) -> Iterator[Found]:
    """The place before a parents' group ("Tower Hamlets mums"), its sentence's opening little words left out
    ("Any Sutton parents")."""
    for m in LOCAL_GROUP_RE.finditer(caption):
        words = _words(caption, m.start(1), m.start(1) + len(m[1].rstrip()))
        while words and fold(words[0][2]) in STOP_WORDS | FUNCTION_WORDS:
            words = words[1:]
        if words and (any((english_rank(fold(w)) or LOCAL_GROUP_RARE) >= LOCAL_GROUP_RARE for _, _, w in words)
                      or geo.is_place_name(caption[words[0][0]:words[-1][1]])):
            yield words[0][0], words[-1][1], "place", "local"


MIN_SCHOOL_WORD = 4
"""A word of a school's name shorter than this is not looked for alone ("Ely" is in too many other names)."""
SCHOOL_WORD_ALONE_RANK = 40_000
"""A word of a school's name is looked for alone only when it is this rare in English ("Owls", "Acorns" and
"Lanterns" are words a caption uses of other things)."""
_SCHOOL_KIND_WORDS = frozenset(fold(w) for kind in ("school_types_after_name", "school_types_before_name")
                               for phrase in lx.word_set("share", kind) for w in phrase.split())
"""Words that say what kind of school it is in some language ("Dayhome", "Gaelscoil", "Tadika"): a caption says
them of any school."""


def school_word_telling_alone(word: str) -> bool:
    """Whether one word of a school's name gives the school away wherever it stands ("Macleay" of "Macleay Flats
    Public School", back as "Macleay Valley show"): capitalised, long, next to unknown in English, no word for a kind
    of school, no first name ("Abigail" of "Abigail Adams Elementary" may be a child) and no town's name."""
    key = fold(word)
    rank = english_rank(key)
    return (word[:1].isupper() and len(word) >= MIN_SCHOOL_WORD and (rank is None or rank > SCHOOL_WORD_ALONE_RANK)
            and not is_known_first_name(key) and key not in _SCHOOL_KIND_WORDS
            and not geo.is_place_name(word))  # "Pukekohe" of Pukekohe East School is the town: the town's own terms


def school_initials(display: str) -> list[str]:
    """A school's initials as a family shortens them in a hashtag: of every word ("#GHPS" for "Greenfield Heights
    Primary School") and of its own name ("#STCJ" for "St. Therese of the Child Jesus Catholic Elementary School");
    three letters or more and no English word ("SAD" stays a word)."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", display) if fold(w) not in ("the", "of", "and")]
    own = [w for w in words if fold(w) not in lx.SCHOOL_TYPE_WORDS]
    out = []
    for letters in dict.fromkeys("".join(w[0] for w in ws) for ws in (words, own)):
        if len(letters) >= 3 and letters.isupper() and english_rank(fold(letters)) is None:
            out.append(letters)
    return out
