"""Captions rewritten so they keep their warmth but lose what a stranger could use.

Children's names become "my daughter", "my son" or "my child"; a relative keeps only the kin
title ("Nana Sue's" -> "Nana's"); a pet becomes "our dog"; the other parent "my partner"; other
children "a friend"; the family name goes; the town becomes "our town"; the school "the school";
parks and streets lose their proper name ("Valley Gardens" -> "the gardens"); other places become
"this place"; times become a part of the day; weekdays in posts about an activity become
"weekend" or "weekday"; @mentions and leaking hashtags are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from kidsafe import geo
from kidsafe.engine import lexicon as lx
from kidsafe.engine.gazetteer import name_count
from kidsafe.engine.routines import activity_in
from kidsafe.engine.text import english_rank, fold
from kidsafe.share import vague
from kidsafe.share.hashtags import hashtag_leak
from kidsafe.share.terms import PERSON_KINDS, RARE_WORD_RANK, Term, Vocabulary

HASHTAG_RE = re.compile(r"(?<![\w&])#\w+", re.UNICODE)
MENTION_RE = re.compile(r"(?<![\w@])@[\w.]+\w", re.UNICODE)
POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "your"})
OWNERS = frozenset({"my", "our"})
CONNECTOR_RE = re.compile(r"^\s*(?:&|and|\+|,)\s*$")
CHILD_AFTER = frozenset({"girl", "boy", "baby"})
SCHOOL_PREPOSITIONS = frozenset({"at", "to", "from", "in", "into", "for", "leave", "leaving", "left", "start",
                                 "starting", "started", "join", "joining", "joined", "started at"})
STREET_WORDS = {
    "street": "street", "st": "street", "road": "road", "rd": "road", "avenue": "avenue", "ave": "avenue",
    "lane": "lane", "ln": "lane", "close": "close", "drive": "drive", "way": "way", "crescent": "crescent",
    "court": "court", "terrace": "terrace", "grove": "grove", "mews": "mews", "boulevard": "boulevard",
    "blvd": "boulevard", "place": "place",
}
"""Words that end a street's name, and the word said instead of the whole name."""

HONORIFIC_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mx|Dr|Coach)(\.?\s+)([A-Z])[\w'’\-]+", re.UNICODE)
_NAME_WORD = r"[A-Z][\w'’\-]*"
_PLACE_ALT = "|".join(sorted((re.escape(w) for w in lx.PLACE_WORDS | set(STREET_WORDS) if " " not in w),
                             key=len, reverse=True))
PLACE_RE = re.compile(r"(?<![\w#@])(?:(\d{1,4}[a-zA-Z]?)\s+)?((?:" + _NAME_WORD + r"\s+){1,3})((?i:" + _PLACE_ALT
                      + r"))(?!\w)")
_SCHOOL_ALT = "|".join(sorted((re.escape(w) for w in lx.SCHOOL_TYPE_WORDS if w not in ("school", "high", "middle")),
                              key=len, reverse=True))
SCHOOL_RE = re.compile(r"(?<![\w#@])((?:(?:St\.?|Saint|" + _NAME_WORD + r")\s+){1,3})((?i:" + _SCHOOL_ALT
                       + r"))(?:\s+(?:School|Academy))?(?!\w)")
CAPITAL_RUN_RE = re.compile(r"(?<![\w#@])([A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+)*)")
MAX_PLACE_WORDS = 3
TITLE_RUN = 4
"""A run of this many capitalised words is a title or greeting ("Chúc Mừng Năm Mới"), not places."""
LEADING_NON_NAMES = frozenset({"at", "to", "from", "in", "the", "our", "my", "first", "last", "day", "happy", "love",
                               "new", "big", "little", "back", "off", "and", "with", "for", "of"})
COMMON_NAME_COUNT = 2000
TOWN_WORDS = "our town"
PLACE_WORDS_SAID = "this place"

# Priority of each kind of span when two overlap (lower wins), then the longer span.
PRIORITY = {"hashtag": 0, "mention": 0, "child": 1, "surname": 2, "relative": 2, "pet": 2, "parent": 2,
            "other_child": 2, "school": 3, "town": 3, "place": 4, "case": 4, "street": 4, "adult": 5, "time": 6,
            "weekday": 7}


@dataclass(frozen=True, slots=True)
class Edit:
    """One change to a caption: what kind of thing was taken out and what was written instead."""

    kind: str
    replacement: str


@dataclass(frozen=True, slots=True)
class Redacted:
    """A rewritten caption and its edits, in reading order."""

    text: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: str
    said: str = ""
    term: Term | None = None


class _Folded:
    """Folded text with a map back to the original's character positions."""

    def __init__(self, text: str) -> None:
        chars, where = [], []
        for i, ch in enumerate(text):
            for f in fold(ch):
                chars.append(f)
                where.append(i)
        self.text = "".join(chars)
        self._where = where
        self._n = len(text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original positions of the folded text's [start, end)."""
        a = self._where[start] if start < len(self._where) else self._n
        b = self._where[end - 1] + 1 if end > 0 else 0
        return a, b


def redact(caption: str, vocab: Vocabulary, *, routine: bool = False) -> Redacted:
    """The caption with every leak in ``vocab`` (and every place, time and leaking hashtag) made vague.

    ``routine`` forces weekday names to go even when no activity is named (the dossier said
    this post gives a routine away).
    """
    if not caption.strip():
        return Redacted(caption, ())
    protected = [(m.start(), m.end()) for m in (*HASHTAG_RE.finditer(caption), *MENTION_RE.finditer(caption))]
    spans = list(_hashtag_spans(caption, vocab)) + list(_mention_spans(caption))
    spans += [s for s in _text_spans(caption, vocab, routine) if not _inside(s, protected)]
    kept = _resolve(spans)
    return _apply(caption, kept)


def leaks(text: str, vocab: Vocabulary) -> bool:
    """Whether a line of text read in a photo gives something away.

    It does when the redactor would change it, or it names a school or holds a first name.
    """
    if redact(text, vocab).edits:
        return True
    folded = fold(text)
    if re.search(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in lx.STRONG_SCHOOL_TYPES) + r"|school)(?!\w)", folded):
        return True
    for word in re.findall(r"[^\W\d_]{2,}", text):
        key = fold(word)
        if key in lx.NOT_NAMES or key in STOP_WORDS or key in lx.PARENT_WORDS or key in lx.KIN_TITLES:
            continue
        if name_count(word) >= 300:
            return True
    return False


def _inside(span: _Span, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(a < span.end and span.start < b for a, b in ranges)


def _hashtag_spans(caption: str, vocab: Vocabulary) -> Iterator[_Span]:
    for m in HASHTAG_RE.finditer(caption):
        reason = hashtag_leak(m[0][1:], vocab)
        if reason:
            yield _Span(m.start(), m.end(), "hashtag", "", Term(reason, "hashtag"))


def _mention_spans(caption: str) -> Iterator[_Span]:
    for m in MENTION_RE.finditer(caption):
        yield _Span(m.start(), m.end(), "mention")


def _text_spans(caption: str, vocab: Vocabulary, routine: bool) -> Iterator[_Span]:
    folded = _Folded(caption)
    yield from _term_spans(caption, folded, vocab)
    for m in SCHOOL_RE.finditer(caption):
        words = _words(caption, m.start(1), m.end(1))
        while words and fold(words[0][2]) in LEADING_NON_NAMES:
            words = words[1:]
        if words and m[2][0].isupper():
            yield _Span(words[0][0], m.end(), "school")
    for m in PLACE_RE.finditer(caption):
        words = _words(caption, m.start(2), m.end(2))
        while words and (fold(words[0][2]) in LEADING_NON_NAMES or fold(words[0][2]) in lx.NOT_NAMES):
            words = words[1:]
        if not words:
            continue
        start = m.start(1) if m[1] else words[0][0]
        kind = "street" if fold(m[3]) in STREET_WORDS else "place"
        yield _Span(start, m.end(), kind, STREET_WORDS.get(fold(m[3]), m[3].lower()))
    yield from _gazetteer_spans(caption, vocab)
    for m in HONORIFIC_RE.finditer(caption):
        yield _Span(m.start(), m.end(), "adult", f"{m[1]}{m[2]}{m[3]}.")
    for start, end, said in vague.times(caption):
        yield _Span(start, end, "time", said)
    no_tags = HASHTAG_RE.sub(" ", caption)
    if routine or activity_in(re.sub(r"#\w+", " ", fold(no_tags)), no_tags):
        for start, end, said in vague.weekdays(caption, abbreviations=routine):
            yield _Span(start, end, "weekday", said)


def _term_spans(caption: str, folded: _Folded, vocab: Vocabulary) -> Iterator[_Span]:
    characters = _character_spans(folded.text)
    for term in vocab.terms:
        key = term.key
        if len(key) < 2:
            continue
        plural = r"(?:e?s)?" if term.kind == "surname" else ""
        for m in re.finditer(r"(?<!\w)" + re.escape(key) + plural + r"(?!\w)", folded.text):
            start, end = folded.span(m.start(), m.end())
            if not caption[start].isupper() and not _rare(key):
                continue
            if term.kind == "defuse" or term.kind in ("town", "place") and any(a <= m.start() < b
                                                                               for a, b in characters):
                # A franchise ("Paw Patrol") is no place; written in lower case the engine stops reading it as one.
                yield _Span(start, end, "case", caption[start:end].lower(), term)
                continue
            if term.kind == "place":
                yield _Span(start, end, "place", PLACE_WORDS_SAID, term)
                continue
            if term.kind == "surname" and m.end() - m.start() > len(key):
                the = re.search(r"(?i)\bthe\s+$", caption[max(0, start - 8):start])
                if the:  # "the Parkers" as a whole
                    yield _Span(start - (len(caption[max(0, start - 8):start]) - the.start()), end, "surname",
                                "all of us", term)
                    continue
            yield _Span(start, end, term.kind, term=term)


def _rare(key: str) -> bool:
    """A word rare enough in English to be a name even when written in lower case."""
    rank = english_rank(key.replace(" ", ""))
    return rank is None or rank > RARE_WORD_RANK


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words of text[start:end], in the text's positions."""
    return [(start + w.start(), start + w.end(), w[0]) for w in re.finditer(r"\S+", text[start:end])]


def _gazetteer_spans(caption: str, vocab: Vocabulary) -> Iterator[_Span]:
    """Capitalised words that name a gazetteer place, read as the engine reads town names."""
    people = vocab.keys(PERSON_KINDS)
    folded = _Folded(caption)
    characters = [folded.span(a, b) for a, b in _character_spans(folded.text)]
    for m in CAPITAL_RUN_RE.finditer(caption):
        words = [w for w in _words(caption, m.start(1), m.end(1))
                 if not any(a <= w[0] < b for a, b in characters)]
        if len(words) >= TITLE_RUN:
            continue
        for i in range(0, len(words), MAX_PLACE_WORDS):
            hit = _first_place(caption, words[i:i + MAX_PLACE_WORDS], people)
            if hit:
                yield _Span(hit[0], hit[1], "place", PLACE_WORDS_SAID)


def _character_spans(folded: str) -> list[tuple[int, int]]:
    """Where character and franchise names ("paw patrol") lie (folding keeps most positions)."""
    out = []
    for phrase in lx.CHARACTERS:
        for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", folded):
            out.append((m.start(), m.end()))
    return out


def _first_place(caption: str, words: list[tuple[int, int, str]], people: set[str]) -> tuple[int, int] | None:
    """The longest run of the words that is a gazetteer place (and no name), as (start, end)."""
    for n in range(len(words), 0, -1):
        for i in range(0, len(words) - n + 1):
            start, end = words[i][0], words[i + n - 1][1]
            phrase = caption[start:end]
            bare = re.sub(r"(?:'s|’s|'|’)$", "", phrase)
            end -= len(phrase) - len(bare)
            key = fold(bare)
            after = fold(caption[end:end + 20]).split()[:1]
            if key in people or _not_a_place(key, bare, n, after):
                continue
            if geo.places_named(bare):
                return start, end
    return None


def _not_a_place(key: str, phrase: str, n: int, after: list[str]) -> bool:
    if len(key) < 3 or key in lx.NOT_NAMES or key in lx.KIN_TITLES or key in lx.KIN_TITLE_SECOND:
        return True
    if key in lx.WEEKDAY_FORMS or key in lx.CHARACTERS or key in lx.PARENT_WORDS:
        return True
    if after and (after[0] in lx.PLACE_WORDS or after[0] in lx.SCHOOL_TYPE_WORDS):
        return True
    return n == 1 and name_count(phrase) >= COMMON_NAME_COUNT


def _resolve(spans: list[_Span]) -> list[_Span]:
    """Non-overlapping spans: by kind priority, then longest; in text order."""
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (PRIORITY.get(s.kind, 9), -(s.end - s.start), s.start)):
        if span.end > span.start and not any(k.start < span.end and span.start < k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _apply(caption: str, spans: list[_Span]) -> Redacted:
    """Write each span's replacement, right to left, with child names joined into runs."""
    groups = _child_runs(caption, spans)
    out = caption
    edits: list[Edit] = []
    for group in reversed(groups):
        start, end = group[0].start, group[-1].end
        said, kind = _said(caption, group)
        if not said:
            start, end = _widen(out, start, end)
        elif caption[group[0].start].isupper() and _sentence_start(caption, group[0].start):
            said = said[0].upper() + said[1:]
        out = out[:start] + said + out[end:]
        label = group[0].term.text if kind == "hashtag" and group[0].term else kind
        edits.append(Edit(_edit_kind(kind, label), said))
    return Redacted(_tidy(out), tuple(reversed(edits)))


def _edit_kind(kind: str, label: str) -> str:
    names = {"child": "child_name", "parent": "parent_name", "relative": "relative", "surname": "surname",
             "pet": "pet", "other_child": "other_child", "town": "town", "school": "school", "place": "place",
             "street": "street", "adult": "adult_name", "time": "time", "weekday": "weekday", "case": "lower_case",
             "mention": "mention"}
    if kind == "hashtag":
        return f"hashtag:{label}"
    return names.get(kind, kind)


def _child_runs(caption: str, spans: list[_Span]) -> list[list[_Span]]:
    """Spans grouped so that "Olivia & Jack" is one run; every other span stands alone."""
    groups: list[list[_Span]] = []
    for span in spans:
        last = groups[-1][-1] if groups else None
        if (last is not None and span.kind == "child" and last.kind == "child"
                and CONNECTOR_RE.match(caption[last.end:span.start])):
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def _words_before(text: str, start: int, n: int = 3) -> list[str]:
    """The last words before ``start`` in the same phrase (no punctuation or emoji between)."""
    clause = re.split(r"[^\w\s'’]", text[max(0, start - 60):start])[-1]
    return [fold(w) for w in re.findall(r"[\w'’]+", clause)][-n:]


def _word_after(text: str, end: int) -> str:
    m = re.match(r"\s*([\w'’]+)", text[end:end + 30])
    return fold(m[1]) if m else ""


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘([")
    return not before or before[-1] in ".!?\n:;" or not re.search(r"[\w,]", before[-2:])


def _said(caption: str, group: list[_Span]) -> tuple[str, str]:
    """The replacement for a run of spans, and the kind it replaced."""
    first = group[0]
    prev = _words_before(caption, first.start)
    last_prev = prev[-1] if prev else ""
    adjacent = bool(re.search(r"[\w'’]\s+$", caption[:first.start])) or not caption[:first.start].strip()
    kind = first.kind
    if kind == "child":
        return _child_said(caption, group, prev), kind
    term = first.term
    noun = term.noun if term else ""
    if kind in ("hashtag", "mention"):
        return "", kind
    if kind == "relative":
        if adjacent and last_prev in lx.KIN_TITLES | lx.KIN_TITLE_SECOND | {fold(w) for w in noun.split()}:
            return "", kind
        return (noun or "a relative"), kind
    if kind == "pet":
        return (noun if last_prev in OWNERS else f"our {noun or 'pet'}"), kind
    if kind == "parent":
        return ("partner" if last_prev in OWNERS else "my partner"), kind
    if kind == "other_child":
        friend_words = {w.split()[-1] for w in lx.FRIEND_WORDS}
        return ("" if adjacent and last_prev in friend_words else "a friend"), kind
    if kind == "surname":
        return _surname_said(first), kind
    if kind == "town":
        return ("town" if last_prev in OWNERS else TOWN_WORDS), kind
    if kind == "school":
        return ("school" if last_prev in SCHOOL_PREPOSITIONS or last_prev == "the" else "the school"), kind
    if kind in ("place", "street") and first.said != PLACE_WORDS_SAID:
        return (first.said if last_prev == "the" else f"the {first.said}"), kind
    return first.said, kind


def _child_said(caption: str, group: list[_Span], prev: list[str]) -> str:
    nouns = [(s.term.noun if s.term else "") or "child" for s in group]
    joins = [caption[a.end:b.start] for a, b in zip(group, group[1:], strict=False)]
    last_prev = prev[-1] if prev else ""
    if last_prev in POSSESSIVES:
        return _join(nouns, joins)
    if any(w in OWNERS for w in prev) and last_prev not in STOP_WORDS and last_prev not in lx.PARENT_WORDS:
        return ""  # "my darling Adaeze" -> "my darling"
    if len(group) == 1 and _word_after(caption, group[0].end) in CHILD_AFTER:
        return "my"  # "Lily girl" -> "my girl"
    return _join([f"my {n}" for n in nouns], joins)


def _join(parts: list[str], joins: list[str]) -> str:
    out = parts[0]
    for join, part in zip(joins, parts[1:], strict=False):
        out += join + part
    return out


def _surname_said(span: _Span) -> str:
    """"the Parkers" -> "all of us"; "the Parker family" -> "the family"; "Jack Parker" -> "Jack"."""
    return span.said


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """A dropped span with the space before it (or after it, at the start of a line)."""
    a = start
    while a > 0 and text[a - 1] in " \t":
        a -= 1
    if a > 0 and text[a - 1] != "\n":
        return a, end
    b = end
    while b < len(text) and text[b] in " \t":
        b += 1
    return a, b


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]+([,.!?;:)])", r"\1", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return text.strip()
