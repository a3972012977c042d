"""Find the capitalised names in a post's text, each with the words around it that say who it is."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from kidsafe.engine import lexicon as lx
from kidsafe.engine.gazetteer import is_known_first_name, name_count
from kidsafe.engine.text import (CAMEL_WORD, HASHTAG, NUMBER_WORDS, POSSESSIVE_END, english_rank, fold, sentence_start,
                                 title_case)
from kidsafe.engine.views import PostView, TextPart
from kidsafe.models import EvidenceSource

#: A capitalised word: an upper-case letter, then lower-case letters (accents included).
_WORD = re.compile(r"(?<![\w#@&])([^\W\d_][^\W\d_'’\-]*)", re.UNICODE)
_POSSESSIVE = re.compile(r"^(?:'s|’s|'|’)")
#: An age right after a name: "Leo is 4", "Leo turned three", "Leo (4)", "Leo, 6,". Not "6 months".
_NUMBER = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
NOT_YEARS = (r"(?!\s*(?:months?|mths?|mos?|weeks?|wks?|days?|hours?|hrs?|minutes?|mins?|am|pm|o'?clock|[:.]\d|%|x\b"
             r"|(?:feet|foot|ft|inch|inches|cm|kg|kilos?|lbs?|pounds?|stone|goals?|points?|stars?|teeth|km|miles?"
             r"|metres?|meters?)\b))")  # "is 3 feet tall", "is on 5 stars": a measure or a count, not an age
AGE_AFTER_NAME = re.compile(r"\s*(?:(?:is|was|turned|turns|turning|is now)\s+(?:now\s+)?" + _NUMBER + r"\b" + NOT_YEARS
                            + r"|\(\s*\d{1,2}\s*\)|,\s*\d{1,2}\s*,)")
#: A birth announced around a name.
#: A possessive name before a child's ordinal birthday ("'s 5th birthday", "'s 7th 🎉"; not "'s 80th"), folded.
_NTH_BIRTHDAY_AFTER = re.compile(r"(?:'s|’s)\s+(?:(?:1[0-7]|[1-9])(?:st|nd|rd|th)"
                                 r"|first|second|third|fourth|fifth|sixth|seventh|"
                                 r"eighth|ninth|tenth)\s*(?:birthday|bday|b-day|party|🎉|🎂|🎈|!)")
_BORN_BEFORE = re.compile(r"welcome\s+to\s+the\s+world\W*\s*(?:(?:little|baby|sweet|our|my|wee|tiny|precious|beautiful|gorgeous|bonnie|darling)\s+)*$")
#: Born, as the parents say it: "Thea Grace was born", "Benício Augusto nasceu", "Lucía nació", "Inès est née".
_BORN_AFTER = re.compile(r"(?:\s+[a-z]+)?\s+(?:was\s+born|is\s+finally\s+here|has\s+arrived|nasceu|nacio|est\s+nee?|"
                         r"ist\s+geboren|urodzi[lł][ao]?\s+sie)\b")
#: Words of the engine's own lists are what they are in those lists, never a name ("Walkies", "Ballet").
LEXICON_WORDS = frozenset(lx.PET_WORDS) | frozenset(lx.ACTIVITIES) | frozenset(lx.SCHOOL_TYPE_WORDS) | frozenset(
    lx.WEEKDAY_FORMS) | frozenset(lx.PLACE_WORDS) | frozenset(lx.CHILD_WORDS)
#: Lower-case names in the few phrases that can only hold a name ("happy birthday ruby"), each with
#: the English frequency rank under which a word is taken for a word, not a name ("it is 3").
_LOWERCASE_NAME = (
    (re.compile(r"\b(?:my|our)\s+(?:little\s+|baby\s+|big\s+|gorgeous\s+|beautiful\s+)?(?:boy|girl|son|daughter|baby)"
               r"\s+([a-z][a-z'’\-]+)"), 0),
    (re.compile(r"\bhappy\s+(?:\d{1,2}(?:st|nd|rd|th)\s+)?birthday\s+(?:to\s+)?([a-z][a-z'’\-]+)"), 1000),
    (re.compile(r"(?<![\w#@])([a-z][a-z'’\-]+)\s+(?:is|turned|turns)\s+" + _NUMBER + r"\b" + NOT_YEARS), 5000),
)

#: Capitalised words after a name that end a place's name, never a family name.
_NOT_SURNAMES = lx.TOWN_PART_WORDS | lx.word_set("places", "not_surname_endings")
#: Capitalised words that are no person a caption speaks of: never a first name, or the name of a language.
_NOT_PERSONS = lx.NOT_NAMES | lx.LANGUAGE_NAMES



@dataclass(frozen=True, slots=True)
class Mention:
    """One capitalised word of a post that may be a person, pet or place, with its cues."""

    name: str  # as written, possessive removed, title case for OCR capitals
    key: str  # folded
    post: str
    source: EvidenceSource
    start: int
    end: int
    part: int
    cues: frozenset[str]
    title: str | None = None  # kin title before it ("Nana"), as written
    title_start: int | None = None  # where that title starts in the part's text
    surname: str | None = None  # capitalised word after it that looks like a family name
    excerpt: str = ""


#: Titles that, before a lone capital letter, make a nickname from a child's initial ("Little Miss E").
_INITIAL_HONORIFICS = frozenset({"miss", "mr", "master", "mister"})
_INITIAL_AFTER = re.compile(r"\.?\s+[A-Z]\b(?!\.\s*[A-Z][a-z])")


#: Patterns read at every capitalised word, compiled once rather than looked up in re's cache each time.
_CUE_WORD = re.compile(r"[\w'’.&]+")
_WITH_POSSESSIVE = re.compile(r"^(.*?)(?:'s|’s)$")


def _prev_words(text: str, start: int, n: int = 3) -> list[str]:
    return [fold(w) for w in _CUE_WORD.findall(text[max(0, start - 40):start])][-n:]


def _next_words(text: str, end: int, n: int = 3) -> list[str]:
    return [fold(w) for w in _CUE_WORD.findall(text[end:end + 40])][:n]


#: "our"/"my" in the languages the lexicon reads ("mi princesa Luciana", "mon grand Théo").
_OUR = lx.word_set("people", "our_words")
#: Capitalised words that begin a place's name: the capitalised word after one is the place's.
_PLACE_PREFIXES = lx.word_set("places", "place_name_prefixes")


#: A friend word just before a name ("her best friend Maya", "my mate Jo"), with whose friend it is; a kin title may
#: stand between: "my best mate Aunty Kel" is a friend the children call aunty. Built once, not for every word.
_FRIEND_BEFORE = re.compile(
    r"(?:(\w+)'s|\b(his|her|their|my|our))\s+(?:(?:little|new|school|nursery|best|good|old)\s+)*(?:"
    + "|".join(sorted(lx.FRIEND_WORDS, key=len, reverse=True)) + r")\s+(?:(?:"
    + "|".join(sorted(map(re.escape, lx.KIN_TITLES), key=len, reverse=True)) + r")\s+)?$")


_WORD_OR_MARK = re.compile(r"[^\W\d_]\w*|[^\w\s]")  # "l'École": "l", "'", "École"


def _after_school_type(text: str, start: int) -> bool:
    """Whether a capitalised school type word that names its school after it ("Scoil", "École", "Gaelscoil"), and
    perhaps its link word ("an", "de"), stands right before ``start``: no mark between, so "escola! Helena" and a
    lower-case "na escola" (the everyday word) are not one."""
    words = _WORD_OR_MARK.findall(text[max(0, start - 40):start])
    if len(words) >= 2 and fold(words[-1]) in lx.SCHOOL_NAME_CONNECTORS:
        words = words[:-1]
    return bool(words) and words[-1][:1].isupper() and fold(words[-1]) in lx.PREFIX_SCHOOL_TYPES


def _cues(part: TextPart, text: str, low: str, start: int, end: int, word: str) -> set[str]:
    """Cue words around one capitalised word (see module lexicon for the lists)."""
    cues: set[str] = set()
    prev, nxt = _prev_words(text, start), _next_words(text, end)
    after = text[end:end + 3]
    if _POSSESSIVE.match(after):
        cues.add("possessive")
    if prev and prev[-1].rstrip(".") in lx.ADULT_HONORIFICS and not (
            len(prev) >= 2 and prev[-1] == "sister" and prev[-2] in lx.SIBLING_ADJECTIVES):
        cues.add("adult")  # "Sister Agnes" is a nun; "big sister Evie" is a child
    if prev and prev[-1] in ("at", "in", "from", "to", "near", "around", "visit", "visiting", "of"):
        cues.add("after_place_preposition")
    if prev and prev[-1] == "the":
        cues.add("after_the")
    if prev and prev[-1].rstrip(".") in ("st", "saint", "ste"):
        cues.add("after_the")  # "St Brigid's" is a school or church, not a person
    elif _after_school_type(text, start):
        cues.add("after_the")  # "Scoil an Ghleanna", "École Jules Ferry": a school's name, not a child
    elif prev and prev[-1] in _PLACE_PREFIXES and re.search(r"(?<!\w)[A-Z]\w*\s+$", text[max(0, start - 12):start]):
        cues.add("after_the")  # "Santa Rosa", "San Diego", "Port Louis": a place's name, not a person's
    poster_sibling = len(prev) >= 2 and prev[-2] == "my" and prev[-1] in ("sister", "brother", "sis", "bro")
    if poster_sibling:
        cues.add("poster_sibling")  # the poster's own sister is the children's aunt, not a child
    elif prev and prev[-1] in _OUR or (len(prev) >= 2 and prev[-2] in _OUR
                                        and prev[-1] in lx.CHILD_WORDS):
        cues.add("ours")
    if poster_sibling:
        pass
    elif prev and (prev[-1] in lx.CHILD_WORDS or " ".join(prev[-2:]) in lx.CHILD_WORDS) or re.match(r"\s*,?\s*(?:my|our)\s+(?:\w+\s+)?(?:boy|girl|son|daughter|baby)\b",
                                                       fold(text[end:end + 30])):
        cues.add("child_word")
    if _GOOD_PET_BEFORE.search(text[max(0, start - 30):start]) and (
            _PET_EMOJI_AFTER.match(text, end) or _PET_EMOJI_ENDS.search(text[max(0, start - 40):start])):
        cues.discard("child_word")
        cues.add("pet_intro")  # "Good girl Pippa 🐶", "🐾 good boy Rolo": praise for the dog, not a child
    if nxt and nxt[0] in ("&", "and") and len(nxt) > 1:
        cues.add("pair")
    if _TWINS.search(low) and (re.match(r"\s*(?:&|and|\+)\s*[A-Z]", text[end:end + 8])
                               or re.search(r"[A-Z][\w'’\-]*\s*(?:&|and|\+)\s*$", text[max(0, start - 30):start])):
        cues.add("twins")  # "The twins started Year 2 ... Ama & Kofi": both are the family's children
    if AGE_AFTER_NAME.match(low[end:end + 40]):
        cues.add("age")
    if _NTH_BIRTHDAY_AFTER.match(low[end:end + 40]):
        cues.add("birthday")  # "Migo's 5th birthday", "party for Tayo's 7th 🎉"
    if re.search(r"(?:happy\s+(?:\w+\s+)?birthday|feliz\s+cumple(?:anos)?|bonne\s+fete|joyeux\s+anniversaire|"
                 r"pen-?blwydd\s+hapus|maligayang\s+kaarawan|wszystkiego\s+najlepszego)\s+"
                 r"(?:to\s+|a\s+|i\s+|sa\s+|kay\s+|dla\s+)?(?:my\s+|our\s+|mi\s+|mon\s+|ma\s+|aming\s+|ating\s+)?"
                 r"(?:\w+,?\s+)?$", low[max(0, start - 40):start]):
        cues.add("birthday")
    if _BORN_BEFORE.search(low[max(0, start - 40):start]) or _BORN_AFTER.match(low[end:end + 40]):
        cues.add("born")  # "Welcome to the world, Thea", "Thea Grace was born at 3am"
    friend = _FRIEND_BEFORE.search(low[max(0, start - 40):start])
    if friend:
        cues.add("adult" if friend[2] in ("my", "our") else "friend")  # "my best friend Sarah" is the poster's
    if _GODCHILD_BEFORE.search(low[max(0, start - 30):start]) or _GODCHILD_AFTER.match(low[end:end + 30]):
        cues -= {"ours", "child_word"}
        cues.add("friend")  # "baby Noa, our godchild": a child of another family
    if nxt and nxt[0] in lx.PLACE_WORDS:
        cues.add("place_word_after")
    if nxt and nxt[0] in lx.SCHOOL_TYPE_WORDS and nxt[0] not in ("school", "high", "middle", "prep"):
        cues.add("school_word_after")
    key = fold(word)
    for cue, names in _phrase_cues(low).items():
        if key in names:
            cues.add(cue)
    if sentence_start(text, start):
        cues.add("sentence_start")
    if part.source is EvidenceSource.OCR:
        cues.add("ocr")
    return cues


#: "good boy"/"good girl" just before a name, and a pet emoji just after it or just before the praise.
_GOOD_PET_BEFORE = re.compile(r"\bgood\s+(?:boy|girl|boi|doggo|pup)\s*,?\s*$", re.IGNORECASE)
_PET_EMOJI_AFTER = re.compile(r"(?:['’]s)?\s*[!.]*\s*[" + "".join(sorted(lx.PET_EMOJI)) + "]")
_PET_EMOJI_ENDS = re.compile(r"[" + "".join(sorted(lx.PET_EMOJI)) + r"]\W*(?:(?:such|a|what|the|my|our|very)\s+)*"
                             r"good\s+\w+\s*,?\s*$", re.IGNORECASE)
#: A godchild word just before or after a name ("our goddaughter Noa", "baby Noa, our inaanak").
_GODCHILD = r"(?:god\s*(?:son|daughter|child|children|kids?)|inaanak|ahijad[oa])"
_GODCHILD_BEFORE = re.compile(r"\b(?:my|our|his|her|their)\s+(?:(?:little|baby|new|gorgeous|beautiful)\s+)*"
                              + _GODCHILD + r"\s*$")
_GODCHILD_AFTER = re.compile(r"\s*,?\s*(?:(?:is|was)\s+)?(?:my|our)\s+(?:(?:little|baby|new)\s+)*" + _GODCHILD + r"\b")
#: "the twins", "our twins", "twin boys" (not "Mia's twins"), in the languages the lexicon reads (folded).
_TWINS = re.compile(r"\b(?:the|our|my)\s+twins\b|\btwin\s+(?:boys|girls|brothers|sisters)\b"
                    r"|\b(?:jumelles|jumeaux|gemelos|gemelas|mellizos)\b")


_ANY_NAME = r"(?P<n>[^\W\d_][\w'’\-]*)"
#: Each cue's phrase patterns with the name as a group, compiled once ("Tomasz took the kids" -> parent).
_PHRASE_CUE_PATTERNS = {
    cue: tuple(re.compile(p.format(name=_ANY_NAME)) for p in patterns)
    for cue, patterns in (("parent", lx.PARENT_CUE_PATTERNS), ("pet_intro", lx.PET_INTRO_PATTERNS),
                          ("fan", lx.FAN_PATTERNS), ("playdate", lx.FRIEND_CUE_PATTERNS))
}


@lru_cache(maxsize=256)
def _phrase_cues(folded: str) -> dict[str, frozenset[str]]:
    """For one folded text: each phrase cue -> the words that stand in its name slot."""
    out = {}
    for cue, patterns in _PHRASE_CUE_PATTERNS.items():
        names = set()
        for rx in patterns:
            for m in rx.finditer(folded):
                names.add(POSSESSIVE_END.sub("", m["n"]))
        out[cue] = frozenset(names)
    return out


#: The character names of more than one word, in the lexicon's order: picked out once, not at every text.
_MULTIWORD_CHARACTERS = tuple(p for p in lx.CHARACTERS if " " in p or "-" in p)


def character_spans(folded: str) -> list[tuple[int, int]]:
    """Spans of multi-word character and celebrity names in folded text ("peppa pig")."""
    spans = []
    for phrase in _MULTIWORD_CHARACTERS:
        if phrase in folded:  # the cheap test first: most texts hold none
            for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", folded):
                spans.append((m.start(), m.end()))
    return spans


def _all_capitals(text: str) -> bool:
    """A caption written all in capitals ("HAPPY BIRTHDAY MASON. POP LOVES YOU"): its names shout too."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _shouted_name(word: str) -> bool:
    """In an all-capitals caption, a word is a name only when the first-name list knows it well and
    it is no ordinary word ("MASON" yes; "HAPPY", "FIVE", "POP" no)."""
    key = fold(word)
    return (is_known_first_name(word) and key not in _NOT_PERSONS and key not in NUMBER_WORDS
            and key not in lx.KIN_TITLES and (english_rank(key) or 10**6) > 3000)


def find_mentions(view: PostView) -> Iterator[Mention]:
    """Every capitalised word of the post that could name a person, pet or place."""
    for index, part in enumerate(view.parts):
        text = part.text
        folded = view.folded[index]  # folded once, when the view was made
        in_character = character_spans(folded)
        ocr = part.source is EvidenceSource.OCR
        words = list(_WORD.finditer(text))
        shouted = not ocr and _all_capitals(text)
        for i, m in enumerate(words):
            raw = m.group(1).rstrip("'’-")
            poss = _WITH_POSSESSIVE.match(raw)
            word = poss.group(1) if poss else raw
            if len(word) < 2 or not word[0].isupper():
                continue
            if word.isupper() and not ocr and not (shouted and _shouted_name(word)):
                continue  # capitals in a caption are shouting ("FIVE!!!"), not names
            if not word.isupper() and not word[1:].islower() and not ocr:
                continue  # "McQueen"-like mixed case is kept only from OCR
            key = fold(word)
            prev = words[i - 1] if i else None
            # "Ah Ma", "Ah Gong": a two-word kin title that is the whole name ("Ma" alone is a parent word)
            kin_pair = (prev is not None and prev.group(1)[:1].isupper() and text[prev.end():m.start()].strip() == ""
                        and key in lx.KIN_PAIRS.get(fold(prev.group(1)), ()))
            titled = _after_kin_title(text, prev, m, key, word)
            if not kin_pair and not titled and (key in _NOT_PERSONS or key in lx.PARENT_WORDS or key in STOP_WORDS
                                                or key in LEXICON_WORDS):
                continue
            if key in _INITIAL_HONORIFICS and _INITIAL_AFTER.match(text, m.end()):
                continue  # "Little Miss E", "Mr T": a child's initial, not a teacher
            if ocr and name_count(word) < 300:
                continue  # signs and certificates: only clear first names count as people
            if any(a <= m.start() < b for a, b in in_character):
                continue
            start, end = m.start(), m.start() + len(word)
            title = title_case(prev.group(1)) if kin_pair else None
            if prev and not kin_pair and text[prev.end():m.start()].strip() == "":
                pkey = fold(prev.group(1))
                if pkey in lx.KIN_TITLES:
                    title = title_case(prev.group(1))
            nxt = words[i + 1] if i + 1 < len(words) else None
            titles_next = nxt is not None and text[end:nxt.start()].strip() == "" and nxt.group(1)[:1].isupper()
            if key in lx.KIN_TITLES and (titles_next or key in lx.PLAIN_KIN_TITLES or name_count(word) < 1000):
                continue  # the title itself ("Nana"); its name, if any, is the next word
            if key in lx.KIN_TITLE_SECOND and prev is not None and fold(prev.group(1)) in lx.KIN_TITLES:
                title = title_case(prev.group(1))
            surname = None
            if nxt and text[end:nxt.start()].strip() == "" and nxt.group(1)[:1].isupper():
                cand = nxt.group(1).rstrip("'’")
                cand = POSSESSIVE_END.sub("", cand)
                if fold(cand) in _NOT_SURNAMES:
                    pass  # "Kingston Town Centre", "Ashby Library": a place's name, not a person's
                elif fold(cand) not in lx.NOT_NAMES and not is_known_first_name(cand) or (ocr and cand.isupper()):
                    surname = title_case(cand)
            cues = _cues(part, text, folded, start, end, word)
            if not title and _follows_a_name(text, prev, m):
                cues.add("second_name")  # "June Alexandra": a middle name, or a surname, more often than a person
            if key in lx.CHARACTERS and key not in lx.CHARACTER_FIRST_NAMES and not (
                    name_count(word) >= 30 and _NTH_BIRTHDAY_AFTER.match(folded[end:end + 40])):
                cues.add("character")  # but "party for Elsa's 6th birthday": a character never turns six
            yield Mention(
                name=title_case(word), key=key, post=view.id, source=part.source, start=start, end=end,
                part=index, cues=frozenset(cues), title=title, title_start=prev.start() if title and prev else None,
                surname=surname,
                excerpt=_window(text, start, end),
            )
        if not ocr:
            yield from _lowercase_mentions(view, part, index)
            yield from _hashtag_mentions(view, part, index)


#: A word the lists call no name is one right after a kin title when this many people bear it ("Uncle Sunny").
TITLED_NAME_COUNT = 5000


def _after_kin_title(text: str, prev: re.Match | None, m: re.Match, key: str, word: str) -> bool:
    """Whether a word the lists call no name is a name after all: a common first name right after a kin title
    ("Uncle Sunny", "Aunty Summer"), not a day or a month ("Nana Sunday lunch")."""
    return (prev is not None and text[prev.end():m.start()].strip() == "" and fold(prev.group(1)) in lx.KIN_TITLES
            and key not in lx.WEEKDAY_FORMS and key not in lx.MONTH_FORMS and key not in STOP_WORDS
            and key not in lx.PARENT_WORDS and name_count(word) >= TITLED_NAME_COUNT)


def _follows_a_name(text: str, prev: re.Match | None, m: re.Match) -> bool:
    """True when the word right before (a space apart) is a capitalised word that could be a name."""
    if prev is None or text[prev.end():m.start()].strip() != "":
        return False
    word = POSSESSIVE_END.sub("", prev.group(1).rstrip("'’-"))
    if len(word) < 2 or not word[0].isupper() or word.isupper() or word != prev.group(1).rstrip("'’-"):
        return False  # "Mia's Grandad": a possessive ends the name before it
    key = fold(word)
    if key in lx.PARENT_WORDS or key in STOP_WORDS or key in lx.KIN_TITLES or key in _PLACE_PREFIXES:
        return False
    # a word of the lists that is also a common first name ("June", "Rose") may still be one here
    return not (key in _NOT_PERSONS or key in LEXICON_WORDS) or name_count(word) >= 1000


def _lowercase_mentions(view: PostView, part: TextPart, index: int) -> Iterator[Mention]:
    """Names written in lower case, only where the phrase leaves no doubt it is a name."""
    text = part.text
    folded = view.folded[index]
    for rx, common_rank in _LOWERCASE_NAME:
        for m in rx.finditer(text):
            word = POSSESSIVE_END.sub("", m[1])
            key = fold(word)
            if (not word.islower() or key in STOP_WORDS or key in _NOT_PERSONS or key in lx.PARENT_WORDS
                    or key in lx.CHILD_WORDS or name_count(word) < 1000
                    or (english_rank(word) or 10**6) < common_rank):
                continue
            start, end = m.start(1), m.start(1) + len(word)
            cues = _cues(part, text, folded, start, end, word) | {"lowercase"}
            yield Mention(name=word.capitalize(), key=key, post=view.id, source=part.source, start=start, end=end,
                          part=index, cues=frozenset(cues), excerpt=_window(text, start, end))


#: Words in a hashtag that make the tag a group's or a place's name ("#TeamReyes", "#HollinBrookPrimary"):
#: a first name there is a family name or part of a place's name.
_GROUP_TAG_WORDS = lx.word_set("people", "family_group_words") | {"team", "kids", "house"}
_BIRTHDAY_TAG = re.compile(r"birthday|bday|turns?\d|\d+today")


def _hashtag_mentions(view: PostView, part: TextPart, index: int) -> Iterator[Mention]:
    """First names inside hashtags ("#Kai", "#HappyBirthdayKai", "#TillyTheWitch"), each with the cue
    "hashtag": some feeds name their children nowhere else. A CamelCase piece must be a first name of
    the name list; a tag written all in lower case only when the whole tag is one and no English word."""
    text = part.text
    for tag in HASHTAG.finditer(text):
        body = tag[1]
        segments = list(CAMEL_WORD.finditer(body))
        words = {fold(w[0]) for w in segments}
        if words & (_GROUP_TAG_WORDS | LEXICON_WORDS):
            continue
        low = fold(body)
        for seg in segments:
            word = seg[0]
            whole = seg.start() == 0 and seg.end() == len(body)
            if word.islower() and not (whole and (english_rank(word) or 10**6) > 20000):
                continue
            if not word.islower() and not (word[:1].isupper() and word[1:].islower()):
                continue
            key = fold(word)
            if (len(word) < 3 or name_count(word) < 300 or (english_rank(word) or 10**6) < 5000
                    or key in _NOT_PERSONS or key in lx.PARENT_WORDS or key in STOP_WORDS or key in lx.KIN_TITLES):
                continue
            cues = {"hashtag"}
            if _BIRTHDAY_TAG.search(low):
                cues.add("birthday")
            if re.match(r"\d{1,2}(?!\d)", body[seg.end():]):
                cues.add("age")  # "#Tilly3", not "#Kai2024"
            start = tag.start(1) + seg.start()
            end = start + len(word)
            yield Mention(name=word.capitalize() if word.islower() else word, key=key, post=view.id,
                          source=EvidenceSource.HASHTAG, start=start, end=end, part=index, cues=frozenset(cues),
                          excerpt=_window(text, start, end))


def _window(text: str, start: int, end: int, width: int = 45) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + text[a:b].strip() + ("…" if b < len(text) else "")


def name_likeness(word: str) -> float:
    """0..1: how much a word looks like a first name on its own (from the first-name list)."""
    n = name_count(word)
    if n >= 5000:
        return 1.0
    if n >= 300:
        return 0.8
    if n >= 30:
        return 0.6
    return 0.3 if n else 0.15
