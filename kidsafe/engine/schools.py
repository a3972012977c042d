"""Schools and nurseries: "Oakfield Primary", "#oakfieldprimary", a sign read in a photo, and the
proper name that keeps coming back in first-day and nativity posts."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from spacy.lang.en.stop_words import STOP_WORDS

from kidsafe.engine import lexicon as lx
from kidsafe.engine import learned, owners, tagger
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.gazetteer import name_count
from kidsafe.engine.roles import SMALL_FEED
from kidsafe.engine.text import (POSSESSIVE_END, contains_phrase, english_rank, fold, fold_each, headline_case,
                                 split_hashtag, title_case)
from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY, Evidence, EvidenceSource, FactKind, Span

ADVICE = "Crop out logos, uniforms and signs, and never name the school or tag it."
_TYPE_ALT = "|".join(sorted((re.escape(w) for w in lx.SCHOOL_TYPE_WORDS if w not in ("school", "high", "middle",
                                                                                  "prep", "college", "grammar")),
                            key=len, reverse=True))
_TYPE_RUN = re.compile(r"\b(" + _TYPE_ALT + r")(?:\s+(?:" + _TYPE_ALT + r"|school|academy))*\b", re.IGNORECASE)
_CONNECTORS = frozenset({"of", "de", "la", "le", "du", "del", "and", "&"})
_PREFIX_TYPE = re.compile(r"(?<!\w)(" + "|".join(sorted(lx.PREFIX_SCHOOL_TYPES, key=len, reverse=True)) + r")\s+"
                          r"((?:[\w'’\-]+\s+){0,5}[\w'’\-]+)")


#: A word that ends its sentence: a stop after a word longer than an abbreviation ("Acorns.", not "St." or "Mt.").
_ENDS_SENTENCE = re.compile(r"[^\W\d_]{4,}\.+$")


def _name_run(text: str, end: int, shouting_ok: bool, floor: int = 0) -> list[tuple[int, str]]:
    """(start, word) of the run of capitalised words just before ``end`` ("St Mary's RC" before "Primary"), none
    of them before ``floor``.

    In a caption, words in capitals are shouting ("FIRST DAY OF KINDERGARTEN"), not a name. A comma, a "!" or
    an emoji ends the run: "Esme Cruickshank, Scotstown School" names the child, then the school.
    """
    window = max(floor, end - 80)
    words = [(window + w.start(), w[0]) for w in re.finditer(r"[\w'’.&\-]+", text[window:end])]
    run: list[tuple[int, str]] = []
    after = end  # where the word after this one starts
    for start, word in reversed(words):
        capitalised = word[:1].isupper() and (shouting_ok or not word.isupper() or len(word) <= 2)
        if text[start + len(word):after].strip() or not (capitalised or (word in _CONNECTORS and run)):
            break
        if _ENDS_SENTENCE.search(word):
            break  # "at Little Acorns. Kindy graduation": the sentence before is no part of the name
        run.append((start, word))
        after = start
    while run and run[-1][1] in _CONNECTORS:
        run.pop()
    return run[::-1]


def _ocr_name_run(text: str, end: int, line_starts: list[int]) -> list[tuple[int, str]]:
    """The name before a type word in a photo's lines joined by spaces: from the type word's own line, then from
    the lines above while the name runs on into them ("OAKFIELD" over "PRIMARY SCHOOL", "ST JOHN THE" over "BAPTIST
    PRIMARY SCHOOL", "HOLY TRINITY" over "C OF E PRIMARY SCHOOL"). A certificate's or a sign's other lines ("Awarded
    to", "Ava Jones", "Star of the Week") are no part of the school's name."""
    line = bisect_right(line_starts, end) - 1
    run = _name_run(text, end, True, floor=line_starts[line])
    while line > 0 and _runs_on_above(text, run, line_starts, line, end):
        line -= 1
        above_end = line_starts[line + 1] - 1
        if not text[line_starts[line]:above_end].strip():
            continue  # an empty line between
        above = _name_run(text, above_end, True, floor=line_starts[line])
        if not above or above[0][0] != _first_word(text, line_starts[line]):
            break  # the line above is no name's start from its first word
        run = above + run
    if not run and line > 0:  # "WELCOME TO OAKFIELD" over "PRIMARY SCHOOL": the name ends the line above
        above = _name_run(text, line_starts[line] - 1, True, floor=line_starts[line - 1])
        cut = max((i + 1 for i, (_, w) in enumerate(above) if fold(w) in STOP_WORDS or fold(w) in _NOT_NAME_LINE),
                  default=0)
        run = above[cut:]
        if len(run) == 2 and name_count(run[0][1]) >= 1000:
            run = []  # "Awarded to Ava Pemberton" over "Primary School Sports Day": a child's name
    return run


_SPACES = re.compile(r"\s*")


def _first_word(text: str, start: int) -> int:
    """Where the first word from ``start`` begins (a line's own first word, past its spaces)."""
    return _SPACES.match(text, start).end()


#: A line above that opens with one of these is a certificate's or a sign's words, not a school's name.
_NOT_NAME_LINE = frozenset({"awarded", "presented", "certificate", "star", "well", "congratulations", "welcome"})


def _runs_on_above(text: str, run: list[tuple[int, str]], line_starts: list[int], line: int, end: int) -> bool:
    """Whether a school's name read so far on a photo's line may go on from the line above: the name fills its
    line from the first word (or the line holds only the type word, or only words like "C of E"), and the line
    above ends in a joining word ("THE", "OF") or is one or two words that open no sentence and name no person."""
    start = line_starts[line]
    words = [w for _, w in run]
    only_kind = all(fold(w) in lx.SCHOOL_TYPE_WORDS or fold(w) in _CONNECTORS or len(w) <= 1 for w in words)
    if run and run[0][0] != _first_word(text, start) and not only_kind:
        return False
    if not run and text[start:end].strip():
        return False
    above_start = line_starts[line - 1]
    above = text[above_start:start - 1].split()
    if not above:
        return line - 1 > 0  # an empty line: look past it
    if fold(above[-1]) in _CONNECTORS or fold(above[-1]) == "the":
        return True
    if fold(above[-1]) in STOP_WORDS:
        return False  # "WELCOME TO" over "OAKFIELD": the sign's words, not the name's
    if len(above) > 2 or fold(above[0]) in _NOT_NAME_LINE or fold(above[0]) in LEADING_NON_NAMES:
        return False
    # "Ava Pemberton" over "Primary School": a child's name, not the school's
    return not (len(above) == 2 and name_count(above[0]) >= 1000 and fold(above[0]) not in ("st", "saint"))


def _name_before(text: str, end: int, shouting_ok: bool) -> str:
    """The run of capitalised words just before ``end``, as one string."""
    return " ".join(word for _, word in _name_run(text, end, shouting_ok))


#: Words that may open a matched phrase but are no part of a school's name ("at", "Happy").
LEADING_NON_NAMES = frozenset({"at", "to", "from", "in", "the", "our", "my", "first", "last", "day", "happy", "love",
                               "new", "big", "little", "back", "off", "and", "with", "for", "of"})
def _little_starts_name(words: list[str]) -> bool:
    """ "Little Wrens Nursery": a capitalised "Little" before another capitalised word that is no first name
    starts the nursery's name (while "little" alone, or "Little" before a child's name, does not)."""
    return (len(words) >= 2 and words[0] == "Little" and words[1][:1].isupper()
            and fold(words[1]) not in LEADING_NON_NAMES and name_count(words[1]) < 1000)


#: Hashtag words that make "#firstdayatschool" a phrase, not "<Name> School".
HASHTAG_NON_NAMES = frozenset(STOP_WORDS) | {"day", "first", "last", "back", "big", "new", "pre", "year", "proud",
                                             "mum", "mom", "mama", "life", "love", "happy"}


#: A school's name said this often in one form is its usual name: a word said once beside it is no part of it.
USUAL_NAME_TIMES = 3


@dataclass
class SchoolCandidate:
    """A school name with the posts that give it away."""

    tokens: frozenset[str]
    names: Counter[str] = field(default_factory=Counter)
    compacts: set[str] = field(default_factory=set)
    evidence: list[tuple[PostView, Evidence, float]] = field(default_factory=list)
    #: How each piece of evidence was found, by post: a type word ("type:primary"), a hashtag, a photo,
    #: the place tagger ("tagger", with its probability), a saint's name, a proper name in a school post.
    ways: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    tagger_probability: float = 0.0

    @property
    def display(self) -> str:
        """The fullest written form of the name; where one form is said often, not a form with a word said
        only that once: "Scoil an Ghleanna", said in four posts, not "Scoil an Ghleanna Christmas"."""
        said: Counter[str] = Counter()
        for name, times in self.names.items():
            said.update(dict.fromkeys(_distinctive(name), times))
        usual = any(n >= USUAL_NAME_TIMES for n in self.names.values())
        confirmed = [n for n in self.names if not (usual and any(said[w] == 1 for w in _distinctive(n)))]
        return max(confirmed or self.names, key=lambda n: (len(n.split()), self.names[n], len(n)))

    @property
    def strength(self) -> float:
        """Summed confidence over distinct posts."""
        best: dict[str, float] = {}
        for view, _, conf in self.evidence:
            best[view.id] = max(best.get(view.id, 0.0), conf)
        return sum(best.values())


_GENERIC_SCHOOL_WORDS = frozenset(lx.SCHOOL_TYPE_WORDS) | {"school", "the", "of", "st", "saint", "c", "e"}


def _distinctive(name: str) -> list[str]:
    """The words of a school's name that tell it apart, in order ("St" read as "saint")."""
    words = re.findall(r"\w+", fold(name).replace("'", ""))
    return [("saint" if w == "st" else w) for w in words if w not in _GENERIC_SCHOOL_WORDS]


def _tokens(name: str) -> frozenset[str]:
    return frozenset(_distinctive(name))


def _compact(name: str) -> str:
    """The name's distinctive words run together in order: "Daisy Chain" and "#daisychainnursery" agree."""
    return "".join(_distinctive(name))


def _display(name: str, kind: str) -> str:
    name = " ".join(w if not w.isupper() or len(w) <= 2 else w.capitalize() for w in name.split())
    if fold(kind) in lx.PREFIX_SCHOOL_TYPES:
        return f"{kind.capitalize() if kind.isupper() else kind} {name}"
    words = kind.split()
    last = words[-1]
    # an initialism stays as written ("Elmridge PS", not "Elmridge Ps")
    suffix = lx.SCHOOL_TYPE_WORDS.get(last.lower(), last if last.isupper() and len(last) <= 4 else last.title())
    return " ".join([name, *words[:-1], suffix])


def _school_context(view: PostView, beyond_school_word: bool = False) -> bool:
    text = view.all_folded + " " + " ".join(fold(t) for t in view.post.hashtags)
    cues = _CONTEXT_BEYOND_SCHOOL if beyond_school_word else lx.SCHOOL_CONTEXT
    return contains_phrase(text, cues) is not None or any(ch in view.caption for ch in "🎒🏫")


_CONTEXT_BEYOND_SCHOOL = tuple(c for c in lx.SCHOOL_CONTEXT if c != "school")
#: What one school post lends a proper name that is nobody and no town ("drop-off at Little Possums"):
#: nothing on its own; such a post joins a school found otherwise (by a school word, a saint's name or
#: the place tagger) as one more post that names it, for the share to rewrite and the owners to read.
#: Chosen leave-voices-out: 0.45 (two posts make a school) gave 0.705 on the 68 train voices of round
#: 7, 0.3 (three posts) 0.714; on the 79 of round 8, none (with schools' owners at 0.65) gave 0.735
#: against 0.723 (school precision 0.53 -> 0.65: greetings, names and words of other languages in
#: school posts were schools).
CONTEXTUAL_CONFIDENCE = 0.0


def _explicit(view: PostView) -> list[tuple[str, str, EvidenceSource, str, Span]]:
    """(name, type word, source, excerpt, span) for every "<Name> Primary"-like phrase in the post."""
    out = []
    # each text with the parts it is made of: a caption or comment alone, the photos' OCR lines joined
    texts = [(p.text, p.source, [i]) for i, p in enumerate(view.parts) if p.source is not EvidenceSource.OCR]
    ocr_parts = [i for i, p in enumerate(view.parts) if p.source is EvidenceSource.OCR]
    ocr = " ".join(view.parts[i].text for i in ocr_parts)
    if ocr:
        texts.append((headline_case(ocr), EvidenceSource.OCR, ocr_parts))
    line_starts = list(accumulate((len(view.parts[i].text) + 1 for i in ocr_parts[:-1]), initial=0))
    for text, source, parts in texts:
        for m in _type_words(text, source, view):
            if source is EvidenceSource.OCR:
                run = _ocr_name_run(text, m.start(), line_starts)
            else:
                run = _name_run(text, m.start(), False)
            kind = m[1]
            words = [w for _, w in run]
            while words and fold(words[0]) in LEADING_NON_NAMES and not _little_starts_name(words):
                words = words[1:]
            if not words:
                continue
            span = view.span_joined(parts, " ", run[len(run) - len(words)][0], m.end())
            saint = fold(words[0]).rstrip(".") in ("st", "saint", "ste", "san", "santa")
            if source is not EvidenceSource.OCR and not saint and re.search(r"(?:'s|’s|s')$", words[-1]):
                continue  # "Rosa's preschool": whose preschool, not which
            if fold(words[-1]) in lx.SCHOOL_TYPE_WORDS and len(words) > 1 and fold(words[-1]) in ("rc", "ce", "cofe"):
                kind = words.pop() + " " + kind
            out.append((" ".join(words), kind, source, f"{' '.join(words)} {m[0]}", span))
    for text, source, parts in texts:
        starts = line_starts if source is EvidenceSource.OCR else (0,)
        out.extend((*found, view.span_joined(parts, " ", start, end))
                   for *found, start, end in _prefixed(text, source, starts))
    for tag, span in view.hashtag_spans():
        named = _hashtag_school(tag)
        if named:
            out.append((*named, EvidenceSource.HASHTAG, "#" + tag, span))
    return out


#: Type words too short or too common to end a hashtag's school ("#dawnservice" is no "Dawnservi CE").
_WEAK_HASHTAG_TYPES = frozenset({"ce", "rc", "cofe", "high", "middle", "prep", "grammar", "college", "kinder",
                                 "kita"})


def _hashtag_school(tag: str) -> tuple[str, str] | None:
    """ "#oakhollowelementary" -> ("Oak Hollow", "elementary"): the name's words split and capitalised, so
    the hashtag joins the school the captions name; None when the words before the type word are no name."""
    words = list(split_hashtag(tag))
    if len(words) < 2 or words[-1] not in lx.SCHOOL_TYPE_WORDS or words[-1] in _WEAK_HASHTAG_TYPES:
        return None
    name = words[:-1]
    if fold("".join(name)) in lx.NOT_NAMES or set(name) & HASHTAG_NON_NAMES or any(len(w) < 2 for w in name):
        return None
    if tag.islower() or tag.isupper():  # the word splitter's guess ("Oat Lands") is no way to write a name
        return fold(tag)[: -len(words[-1])].capitalize(), words[-1]
    return " ".join(w.capitalize() for w in name), words[-1]


#: "Elm Grove School", "Riverbend High School", "Kingsmead College": a capitalised School (or College)
#: after a name (its type words kept).
_NAMED_SCHOOL = re.compile(r"(?<=\s)((?:(?:High|Middle|Public|State|Intermediate|Charter|Normal)\s+)?School|College)\b")
#: Words that make "<X> School" an activity or a season, not a school ("Swim School", "Summer School").
NOT_SCHOOL_NAMES = frozenset({"summer", "winter", "spring", "autumn", "fall", "holiday", "forest", "bible",
                              "sunday", "saturday", "driving", "art", "arts", "music", "language", "cooking", "home",
                              "surf", "ski", "dance", "drama", "circus", "stage", "flight", "beauty", "film",
                              "nursing", "medical", "law", "business", "grad", "graduate", "night", "old", "big"})


def _type_words(text: str, source: EvidenceSource, view: PostView) -> list[re.Match[str]]:
    """Type-word matches in one text: "Primary", "Elementary School", and, in a post about school
    beyond the word itself ("first day", "term", 🎒), a capitalised "School" after a name."""
    found = list(_TYPE_RUN.finditer(text))
    if source is EvidenceSource.OCR or not _school_context(view, beyond_school_word=True):
        return found
    for m in _NAMED_SCHOOL.finditer(text):
        if any(t.start() <= m.start() < t.end() or m.start() <= t.start() < m.end() for t in found):
            continue
        name = _name_before(text, m.start(), False).split()
        if not name or any(fold(w) in NOT_SCHOOL_NAMES or fold(w) in lx.ACTIVITIES or fold(w) in lx.WEEKDAY_FORMS
                           for w in name):
            continue
        if len(name) == 1 and (english_rank(name[0]) or 10**6) < 5000:
            continue  # "Forest School", "Big School": a common word, not a school's name
        found.append(m)
    return sorted(found, key=lambda m: m.start())


#: Type words written in lower case before a capitalised name of two words or more.
_LOWER_PREFIX_TYPES = frozenset({"garderie", "guarderia", "cpe", "ecole", "escuela", "colegio"})


def _prefixed(text: str, source: EvidenceSource, line_starts: Sequence[int] = (0,)
              ) -> list[tuple[str, str, EvidenceSource, str, int, int]]:
    """ "Gaelscoil na Coille", "École Jules Ferry": a capitalised type word, then the name's words
    (name, type word, source, excerpt, and where the whole phrase starts and ends in ``text``); a photo's name
    stops at the end of its line (``line_starts``: where each OCR line starts), before a certificate's next line."""
    out = []
    shouting_ok = source is EvidenceSource.OCR
    for m in _PREFIX_TYPE.finditer(fold_each(text)):  # folded, same offsets
        line = bisect_right(line_starts, m.start(1))
        line_end = line_starts[line] - 1 if line < len(line_starts) else len(text)
        kind = text[m.start(1):m.end(1)]
        lower_ok = fold(kind) in _LOWER_PREFIX_TYPES and re.match(r"[A-Z]\w*\s+[A-Z]", text[m.start(2):])
        if not kind[:1].isupper() and not lower_ok:
            continue  # "her gaelscoil": which one is not said; "la garderie Les Petits Lutins" says it
        words: list[str] = []
        ends: list[int] = []
        for raw in re.finditer(r"\S+", text[m.start(2):min(m.end(2), line_end)]):
            word = raw[0].rstrip(".,!?;:)")
            capitalised = word[:1].isupper() and (shouting_ok or not word.isupper() or len(word) <= 2)
            if not (capitalised or fold(word) in lx.SCHOOL_NAME_CONNECTORS) or fold(word) in ("and", "&"):
                break  # "Scoil an Ghleanna and Naoise": the school, then a child
            words.append(word)
            ends.append(m.start(2) + raw.start() + len(word))
            if word != raw[0]:
                break  # punctuation ends the name
        while words and fold(words[-1]) in lx.SCHOOL_NAME_CONNECTORS:
            words.pop()
        if words:
            out.append((" ".join(words), kind, source, f"{kind} {' '.join(words)}", m.start(1), ends[len(words) - 1]))
    return out


#: Words more common than this in English are not taken for a school's short name.
COMMON_WORD_RANK = 15000
_SAINT = re.compile(r"\b(?:St\.?|Saint|Ste\.?)\s+([A-Z][a-z\u00C0-\u024F]+(?:'s|’s|s')?)")


def _saints(view: PostView) -> list[tuple[str, str, Span]]:
    """ "St Brigid's" in a school post: the school's usual short name (name, excerpt, span)."""
    return [(f"St {m[1]}", m[0], view.span(i, m.start(), m.end())) for i, part in enumerate(view.parts)
            if part.source is not EvidenceSource.OCR for m in _SAINT.finditer(part.text)]


#: A school year or stage, then "at" a proper name in the same clause: "5th grade at Clinton", "started
#: kindergarten at Sycamore Run", "Year 3 at Hollybank", "June starting pre-primary at Larchwood".
_LEVEL_AT = re.compile(
    r"(?i:\b(?:(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth)\s+grade|grade\s+\d{1,2}|year\s+\d{1,2}|class\s+\d{1,2}|form\s+\d|primary\s+\d|p\d|"
    r"kindergarten|pre-?k|pre-?primary|pre-?school|reception|nursery|daycare|day care|creche|crèche|"
    r"junior infants|senior infants)\b)"
    r"[^.!?\n;]{0,25}?\b(?i:at)\s+((?:St\.?\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2})")


#: A name after a school year made only of words this common in English is a place, not a school ("at Park").
LEVEL_AT_COMMON_RANK = 5000


def _level_at(view: PostView, excluded: set[str]) -> list[tuple[str, str, Span]]:
    """Proper names a school year or stage puts a child "at" (name, excerpt, span)."""
    out = []
    for index, part in enumerate(view.parts):
        if part.source is EvidenceSource.OCR:
            continue
        for m in _LEVEL_AT.finditer(part.text):
            words = m[1].split()
            skipped = 0
            while words and fold(words[0]).strip("'’") in LEADING_NON_NAMES:  # "AT THE PARK" in capitals
                skipped += len(words.pop(0)) + 1
            while words and fold(words[-1]).strip("'’") in LEADING_NON_NAMES | {"today", "now"}:
                words.pop()
            name = POSSESSIVE_END.sub("", " ".join(title_case(w) for w in words))
            if (not name or fold(name) in excluded or fold(name) in lx.WEEKDAY_FORMS
                    or all((english_rank(w) or 10**6) < LEVEL_AT_COMMON_RANK for w in words)):
                continue  # "Year 2 at Park" is no school's name; nor is a weekday
            start = m.start(1) + skipped
            out.append((name, part.text[max(0, m.start() - 10):m.end() + 30].strip(),
                        view.span(index, start, start + len(name))))
    return out


def _contextual(view: PostView, family: Family, excluded: set[str]) -> list[tuple[str, str, Span]]:
    """Proper names in a school post that are nobody and no town: the school's short name (name, excerpt, span)."""
    out = []
    for person in family.cast.by_post.get(view.id, []):
        if person.role not in ("place", "unknown") or person.key in excluded:
            continue
        if (english_rank(person.name) or 10**6) < COMMON_WORD_RANK:
            continue  # "Zero": an ordinary word, not a school's name
        if all("sentence_start" in m.cues for m in person.mentions):
            continue  # "Snacks packed": capitalised only because it opens a sentence
        for m in person.in_post(view.id):
            if m.source is not EvidenceSource.SIDECAR:
                out.append((person.name, m.excerpt, view.span(m.part, m.start, m.end)))
                break
    return out


#: Words the tagger may take into a school's name at its edges that are no part of it.
_EDGE_WORDS = LEADING_NON_NAMES | {"drop", "pickup", "pick", "run", "today", "s"}


def _says_days(word: str) -> bool:
    """A word made of weekdays ("Mon-Wed", "Tuesdays"): the days at a school, no part of its name."""
    parts = [p for p in re.split(r"[-–/&+]", fold(word).strip("'’.,!()")) if p]
    return bool(parts) and all(p in lx.WEEKDAY_FORMS for p in parts)


def _tagged(view: PostView, excluded: set[str]) -> list[tuple[str, str, float, Span]]:
    """(name, excerpt, probability, span) of each school the learned tagger finds in the post's own words
    (caption and comments; text in photos is read by the type-word rules)."""
    out = []
    for index, part in enumerate(view.parts):
        if part.source is EvidenceSource.OCR:
            continue
        for m in tagger.find_mentions(part.text):
            if m.kind != "SCHOOL":
                continue
            in_hashtag = m.start > 0 and part.text[m.start - 1] == "#"
            # each word with where it is ("#oakfieldprimary" as a whole: its words have no place of their own)
            spots = [(m.start - 1, m.end)] if in_hashtag else [
                (m.start + w.start(), m.start + w.end()) for w in re.finditer(r"\S+", m.text)]
            words = [w.capitalize() for w in split_hashtag(m.text)] if in_hashtag else m.text.split()
            first, last = 0, len(words)
            while first < last and fold(words[first]) in _EDGE_WORDS and not _little_starts_name(words[first:last]):
                first += 1
            while first < last and (fold(words[last - 1]).strip("'’") in _EDGE_WORDS or _says_days(words[last - 1])):
                last -= 1
            words = words[first:last]
            name = " ".join(words)
            if not name or fold(name) in excluded or not any(w[:1].isupper() or w[:1].isdigit() for w in words):
                continue  # "big school": which one is not said
            excerpt = part.text[max(0, m.start - 30):m.end + 30].strip()
            start, end = (spots[0][0], spots[0][1]) if in_hashtag else (spots[first][0], spots[last - 1][1])
            out.append((name, excerpt, m.probability, view.span(index, start, end)))
    return out


def find_schools(views: Sequence[PostView], family: Family, towns: set[str]) -> list[SchoolCandidate]:
    """School candidates with evidence, strongest first."""
    cands: list[SchoolCandidate] = []

    def add(name: str, view: PostView, ev: Evidence, conf: float, full: str | None = None,
            ways: tuple[str, ...] = ()) -> None:
        tokens = _tokens(name)
        if not tokens:
            return
        compact = _compact(name)
        for c in cands:
            if tokens <= c.tokens or c.tokens <= tokens or compact in c.compacts:
                c.tokens = c.tokens | tokens if full else c.tokens
                break
        else:
            c = SchoolCandidate(tokens=tokens)
            cands.append(c)
        c.names[full or name] += 1
        c.compacts.add(compact)
        c.evidence.append((view, ev, conf))
        for way in ways:
            c.ways[way].add(view.id)
        if "tagger" in ways:
            c.tagger_probability = max(c.tagger_probability, conf)

    for view in views:
        for name, kind, source, text, span in _explicit(view):
            full = _display(name, kind)
            typed = kind.split()[-1] if kind.split() else kind
            way = ("ocr" if source is EvidenceSource.OCR else "hashtag" if source is EvidenceSource.HASHTAG
                   else "type_lower" if typed[:1].islower() else "type")
            add(name, view, Evidence(post=view.id, source=source, excerpt=text,
                                     explanation=f"names the school: {full}", span=span), 0.85, full,
                (way, f"type:{fold(typed)}"))
    excluded = towns | {fold(s) for s in family.cast.surnames}
    people = {k for p in family.cast.people if p.role not in ("place", "unknown")
              for k in (p.key, *(fold(a) for a in p.aliases))}
    for view in views:
        for name, text, p, span in _tagged(view, people | excluded):
            add(name, view, Evidence(post=view.id, source=EvidenceSource.CAPTION, excerpt=text,
                                     explanation=f"names the school: {name}", span=span), min(p, 0.85), name,
                ("tagger",))
    # a town's name after a school year is the school's ("5th grade at Clinton"): only people are left out
    surnames = {fold(s) for s in family.cast.surnames}
    for view in views:
        for name, text, span in _level_at(view, people | surnames):
            add(name, view, Evidence(post=view.id, source=EvidenceSource.CAPTION, excerpt=text,
                                     explanation=f"a school year at {name}", span=span), 0.85, name, ("level_at",))
        if not _school_context(view):
            continue
        for name, text, span in _contextual(view, family, excluded):
            add(name, view, Evidence(post=view.id, source=EvidenceSource.CAPTION, excerpt=text,
                                     explanation=f"{name} in a school post", span=span), CONTEXTUAL_CONFIDENCE,
                ways=("contextual",))
        for name, text, span in _saints(view):
            add(name, view, Evidence(post=view.id, source=EvidenceSource.CAPTION, excerpt=text,
                                     explanation=f"{name} in a school post", span=span), 0.8, name, ("saint",))
    keep = [c for c in cands if _is_a_school(c, family, len(views))]
    return sorted(keep, key=lambda c: -c.strength)


#: Set by `kidsafe.learn.train_schools` to a list: every candidate an audit meets, with its features.
RECORDER: list[tuple[SchoolCandidate, dict[str, float]]] | None = None
#: Without the learned model (or in a feed too small for it), a candidate is a school at this strength:
#: one post that names it with a type word, or two the tagger is sure of.
RULE_STRENGTH = 0.8


def _is_a_school(c: SchoolCandidate, family: Family, n_views: int) -> bool:
    """Whether a candidate is a school a child goes to: the learned school model (`models/schools.npz`)
    in a feed large enough for it, else the rule of strength. A name cut off at its link word is none ("Scoil an")."""
    if fold(c.display.split()[-1]) in lx.SCHOOL_NAME_CONNECTORS:
        return False
    # The corpus holds words, not photos: a school read in a photo is weighed by the rule, not by a
    # model that never saw one ("Oatlands Infant School" on a sign and in a hashtag).
    learnable = family.text_posts >= SMALL_FEED and "ocr" not in c.ways
    model = learned.shipped("schools") if learnable else None
    if RECORDER is not None or model is not None:
        feats = school_features(c, family, n_views)
        if RECORDER is not None:
            RECORDER.append((c, feats))
        if model is not None:
            return model.probabilities(feats)["school"] >= model.threshold
    return c.strength >= RULE_STRENGTH


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


_WEEKDAY_WORDS = frozenset(lx.WEEKDAY_FORMS)
_ACTIVITY_WORDS = frozenset(a for a in lx.ACTIVITIES if " " not in a)
_WORDS = re.compile(r"[\w'’]+")
#: Words beside a school's name this common in English are features ("squad", "term", "drop"); rarer
#: words (names) are not, so that no corpus name is learned.
COMMON_CONTEXT_RANK = 5000


def school_features(c: SchoolCandidate, family: Family, n_views: int) -> dict[str, float]:
    """What tells a school a child goes to from a club, a camp, a place or a misread name: how and how
    often it was found, what its words are, and what the posts that name it speak of."""
    posts = {view.id: view for view, _, _ in c.evidence}
    n = len(posts)
    feats: dict[str, float] = {"bias": 1.0, f"posts{_bucket(n, (1, 2, 3, 5))}": 1.0,
                               "feed_share": n / max(1, n_views), "strength": min(c.strength, 4.0) / 4.0,
                               f"strength{_bucket(c.strength, (0.0, 0.5, 0.8, 1.6, 2.5))}": 1.0}
    for way, seen in c.ways.items():
        if way:
            feats["way:" + way] = len(seen) / n
    # whose school: a cousin's or a friend's is named once, beside that child; the family's comes back with its own
    feats["posts_naming_a_child"] = sum(bool(family.children_in(v)) for v in posts.values()) / max(1, n)
    feats["posts_naming_another_child"] = sum(any(p.role == "other_child" for p in family.cast.by_post.get(v, []))
                                              for v in posts) / max(1, n)
    if c.tagger_probability:
        feats[f"tagger_p{_bucket(c.tagger_probability, (0.5, 0.7, 0.85))}"] = 1.0
    # the name's own words: first names, common words, the family's people
    people = {fold(k): p.role for p in family.cast.people for k in (p.key, *p.aliases)}
    tokens = sorted(c.tokens)
    feats[f"words{_bucket(len(tokens), (1, 2, 3))}"] = 1.0
    for token in tokens:
        rank = english_rank(token)
        feats[f"word_rank{_bucket(rank if rank is not None else 10**6, (1000, 5000, 30000))}"] = 1.0
        if name_count(token) >= 1000:
            feats["word_first_name"] = 1.0
        if token in people:
            feats["word_is:" + people[token]] = 1.0
    # the posts that name it: school words, weekdays and activities, the words beside the name
    context = Counter()
    for view in posts.values():
        words = set(_WORDS.findall(view.all_folded))
        context["school_context"] += _school_context(view)
        context["weekday"] += bool(words & _WEEKDAY_WORDS)
        context["activity"] += bool(words & _ACTIVITY_WORDS)
    for key, count in context.items():
        feats["posts_with:" + key] = count / n
    near: set[str] = set()
    for _, ev, _ in c.evidence:
        near |= {w for w in _WORDS.findall(fold(ev.excerpt)) if w not in c.tokens
                 and (english_rank(w) or 10**6) <= COMMON_CONTEXT_RANK}
    for word in near:
        feats["near:" + word] = 1.0 / len(near) ** 0.5
    return feats



def add_school_facts(book: FactBook, family: Family, views: Sequence[PostView], towns: set[str],
                     birth_years: dict[str, int]) -> list[SchoolCandidate]:
    """One school fact per school, about the child the school posts are about."""
    schools = find_schools(views, family, towns)
    for school in schools:
        posts = list({view.id: view for view, _, _ in school.evidence}.values())
        tokens = sorted(school.tokens)
        choice = owners.choose("school", posts, family, tokens, school.display,
                               lambda school=school: _rule_owners(school, family, birth_years), views, tokens)
        for subject in choice.owners:
            for view, ev, conf in school.evidence:
                book.add(FactKind.SCHOOL, subject, school.display, ev, conf, key=f"school:{sorted(school.tokens)}",
                         advice=ADVICE)
    return schools


def _rule_owners(school: SchoolCandidate, family: Family, birth_years: dict[str, int]) -> list[str]:
    """The children the school posts are about by the hand-written rules (a feature of the owner model)."""
    subject = _by_age(school, family, birth_years, family.about_most(view for view, _, _ in school.evidence))
    subjects = [subject] if subject != FAMILY else (_named_together(school, family)
                                                     or _school_age_children(school, family, birth_years))
    twins = _twins_named(school, family)
    if twins and (subject == FAMILY or subject in twins):
        subjects = twins  # "The twins started Year 2 at ...: Ama & Kofi", then a post about Kofi alone
    return subjects


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
             "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8}
_LEVEL = re.compile(r"\b(?:(grade|year|yr|class)\s+(\d{1,2}|one|two|three|four|five|six)|(" + "|".join(_ORDINALS)
                    + r")\s+grade)\b")
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _level_ages(text: str) -> tuple[int, int] | None:
    """The birth-year gaps (post's year less birth year) a child in the class a post names has:
    grade 2 is 7 to 9, Year 2 (counted from Year 1 at five) 6 to 8; None when no class is named."""
    for m in _LEVEL.finditer(text):
        if m[3]:
            n, first = _ORDINALS.get(m[3]), 5
        else:
            n = int(m[2]) if m[2].isdigit() else _SMALL[m[2]]
            first = 5 if m[1] == "grade" else 4
        if n is not None:
            return n + first, n + first + 2
    return None


def _by_age(school: SchoolCandidate, family: Family, birth_years: dict[str, int], subject: str) -> str:
    """The child the school posts are about, unless the class they name ("first day of grade 2")
    does not fit that child's age and fits exactly one other child's ("Jo was jealous": the little sister)."""
    for view, _, _ in school.evidence:
        ages = _level_ages(view.all_folded)
        if ages is None or view.posted_local is None:
            continue
        fits = [s for s, born in birth_years.items() if ages[0] <= view.posted_local.year - born <= ages[1]]
        born = birth_years.get(subject)
        if len(fits) == 1 and (born is None or subject not in fits) and (born is not None or subject == FAMILY):
            return fits[0]
    return subject


def _named_together(school: SchoolCandidate, family: Family) -> list[str]:
    """The children every post of the school names together ("Nativity at Acorns: Mia and Leo"), or none."""
    named = [frozenset(family.ids[p.key] for p in family.children_in(view)) for view, _, _ in school.evidence]
    if named and len(named[0]) >= 2 and all(n == named[0] for n in named):
        return sorted(named[0])
    return []


_TWINS_WORD = re.compile(r"\b(?:twins|jumelles|jumeaux|gemelos|gemelas|mellizos)\b")


def _twins_named(school: SchoolCandidate, family: Family) -> list[str]:
    """The two children a post of the school calls the twins and names ("the twins ... Ama & Kofi"), or none."""
    for view, _, _ in school.evidence:
        if _TWINS_WORD.search(view.all_folded):
            named = sorted({family.ids[p.key] for p in family.children_in(view)})
            if len(named) == 2:
                return named
    return []


def _school_age_children(school: SchoolCandidate, family: Family, birth_years: dict[str, int]) -> list[str]:
    """When no post says whose school it is: the only child old enough for school then, or the
    twins (every child old enough, all born the same year); else the family."""
    years = [v.posted_local.year for v, _, _ in school.evidence if v.posted_local]
    if not years:
        return [FAMILY]
    year = min(years)
    # the post saying "the twins" says whose school it is, before any guess by age (a daycare takes toddlers)
    if any(_TWINS_WORD.search(v.all_folded)
           for v, _, _ in school.evidence):
        by_year: dict[int, list[str]] = defaultdict(list)
        for s, born in birth_years.items():
            by_year[born].append(s)
        pairs = [group for group in by_year.values() if len(group) == 2]
        if len(pairs) == 1:
            return pairs[0]  # "first day of Grade R for the twins": the two children born the same year
    old_enough = [s for s, born in birth_years.items() if year - born >= 3]
    if len(old_enough) == 1 or (old_enough and len({birth_years[s] for s in old_enough}) == 1):
        return old_enough
    if len(family.cast.children) == 1:
        return [family.ids[family.cast.children[0].key]]
    return [FAMILY]


def school_posts(schools: Sequence[SchoolCandidate]) -> dict[str, str]:
    """Post id -> school name, for posts that give a school away."""
    out: dict[str, str] = {}
    for s in schools:
        for view, _, _ in s.evidence:
            out.setdefault(view.id, s.display)
    return defaultdict(str, out)
