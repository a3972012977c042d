"""Captions rewritten so they keep their warmth but lose what a stranger could use.

Children's names become "my daughter", "my son" or "my child"; a relative keeps only the kin
title ("Nana Pat's" -> "Nana's"); a pet becomes "our dog"; the other parent "my partner"; other
children "a friend"; the family name goes; the town becomes "our town"; the school "the school";
parks and streets lose their proper name ("Valley Gardens" -> "the gardens"); other places become
"this place"; times become a part of the day; weekdays in posts about an activity become
"weekend" or "weekday"; @mentions and leaking hashtags are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace

from kidsafe.engine import lexicon as lx
from kidsafe.engine.net.ages import age_spans
from kidsafe.engine.net.name_shaped import before_family_word, first_name_acting
from kidsafe.engine.net.names import name_rest_after, names_a_school_or_person
from kidsafe.engine.net.shapes import (HASHTAG_RE, ends_a_set_phrase, greeted_after, in_a_set_phrase,
                                       opens_sentences_with_capitals, sentence_start, words_before)
from kidsafe.engine.text import fold
from kidsafe.share.names import person_spans
from kidsafe.share.phrases import Phrasebook
from kidsafe.share.spans import Span, find_spans
from kidsafe.share.terms import SPECIES_WORDS, Cited, Term, Vocabulary
from kidsafe.share.wording import child_runs, said

# Priority of each kind of span when two overlap (lower wins), then the longer span.
PRIORITY = {"hashtag": 0, "mention": 0, "child": 1, "surname": 2, "relative": 2, "pet": 2, "parent": 2,
            "other_child": 2, "school": 3, "town": 3, "place": 4, "case": 4, "street": 4, "adult": 3, "person": 5,
            "age": 6, "date": 6, "time": 6, "weekday": 7}


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


def redact(caption: str, vocab: Vocabulary, *, routine: bool = False, people: frozenset[str] = frozenset(),
           cited: Sequence[Cited] = (), lower_case: bool = False, named: Collection[str] = ()) -> Redacted:
    """The caption with every leak in ``vocab`` (and every place, time, age, name and leaking hashtag) made vague.

    ``cited`` are the words of this caption the dossier's evidence cites, rewritten where the engine
    read them; ``vocab``'s terms are still looked for everywhere (a name said again, a word a later
    round found). ``routine`` forces weekday names to go even when no activity is named (the dossier
    said this post gives a routine away); ``people`` are the words the caption model tagged as a
    person, taken out as names even when the dossier placed nobody of that name; ``lower_case`` says the feed
    writes in lower case, so lower-case words that can only be names go too; ``named`` are words of no list the
    feed uses as a name in some caption (``names.feed_names``), taken out wherever they stand.
    """
    if not caption.strip():
        return Redacted(caption, ())
    spans = find_spans(caption, vocab, routine=routine)
    spans += [*person_spans(caption, people, vocab, lower_case=lower_case, named=named),
              *(Span(*found) for found in age_spans(caption)), *cited_spans(caption, cited)]
    spans += list(_rest_of_a_name(caption, spans, vocab))
    spans = [_with_hyphened_rest(caption, span) for span in spans]
    chosen = [_with_its_kind(caption, _family_named(caption, _place_acting(caption, _titled_person(caption,
                                                                                                _unknown_child(s)))))
              for span in spans for s in _outside_greetings(caption, span)
              if fold(caption[s.start:s.end]) not in vocab.kept]  # the parent's words stay as written
    return _apply(caption, _resolve(chosen))


def _rest_of_a_name(caption: str, spans: Sequence[Span], vocab: Vocabulary) -> Iterator[Span]:
    """A capitalised word no English list knows, right after a child's or a parent's name, is the rest of that name
    ("Joshua David Hirst", a family name the dossier may not hold): it goes with the name, as a name nobody placed."""
    ends = {s.end for s in spans if s.kind in ("child", "parent")}
    for span in sorted(spans, key=lambda s: s.start):
        if span.kind == "person" and any(not caption[e:span.start].strip() for e in ends if e <= span.start):
            ends.add(span.end)  # "Joshua David": a middle name the nets found carries the child's name on
        if span.end not in ends:
            continue
        rest = name_rest_after(caption, span.end)
        if rest is None or fold(caption[rest[0]:rest[1]]) in vocab.kept | vocab.keys() \
                or any(rest[0] <= s.start < rest[1] for s in spans):  # a span of its own says what it is
            continue
        yield Span(rest[0], rest[1], "person")


_BARE_APOSTROPHE = re.compile(r"['’](?![\w'’])")
"""The apostrophe alone that makes a name ending in s its owner's ("Migs' bag", "Marites' flan"), or closes a quote."""
_NOT_NAME_PARTS = frozenset({"and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "is", "said"})
"""Little words a hyphen may join to a name that are no part of it ("Maisie-and-James")."""


def _apostrophe_after(caption: str, end: int) -> int | None:
    """Where a bare apostrophe right after a name stands (in the name's span or just after it), else None."""
    return next((at for at in (end, end - 1) if _BARE_APOSTROPHE.match(caption, at)), None)


def _quote_open_before(caption: str, start: int) -> bool:
    """Whether a quote opened with an apostrophe earlier in the sentence is still open at ``start`` ("'for Angus'")."""
    sentence = re.split(r"[.!?\n]", caption[:start])[-1]
    opened = len(re.findall(r"(?:^|(?<=[\s(\[]))['‘]", sentence))
    closed = len(re.findall(r"['’](?=[\s.,!?;:)\]]|$)", sentence))
    return opened > closed


_HYPHENED = re.compile(r"-([^\W\d_]\w*)")
_NAMED_KINDS = frozenset({"child", "other_child", "person", "pet", "parent", "relative"})


def _with_hyphened_rest(caption: str, span: Span) -> Span:
    """A name goes with what a hyphen joins to it ("Cal-pal", "Tee-Tee", "Mary-Kate" with "Mary" known): rewriting
    only its first part would leave "-pal scored" or "my son-my son". A word made of it stays ("Maisie-sized")."""
    if span.kind not in _NAMED_KINDS:
        return span
    end = span.end
    while (m := _HYPHENED.match(caption, end)) is not None and _part_of_the_name(m[1], caption[span.start:span.end]):
        end = m.end()
    return span if end == span.end else replace(span, end=end)


def _part_of_the_name(rest: str, name: str) -> bool:
    """"Kate" of "Mary-Kate", "Tee" of "Tee-Tee", "pal" of "Cal-pal"; not "sized", "approved" or "and"."""
    return rest[0].isupper() or fold(rest) == fold(name.split()[-1] if name.split() else name) or (
        len(rest) <= 5 and not rest.endswith("ed") and fold(rest) not in _NOT_NAME_PARTS)


TITLES = lx.KIN_TITLES | lx.ADULT_HONORIFICS | lx.PARENT_WORDS
"""Words before a person's name ("Mama Ngozi", "Coach Dale"): a place the nets read after one is that person."""


def _titled_person(caption: str, span: Span) -> Span:
    """A place the nets alone found right after a kin title or an honorific is that person's name ("Mama Ngozi next
    door", though Ngozi is also a town): "Mama someone", not "Mama this place"."""
    if span.term is None and span.kind == "place" and caption[span.start].isupper() \
            and set(words_before(caption, span.start, 1)) & TITLES:
        return replace(span, kind="person", said="")
    return span


def _family_named(caption: str, span: Span) -> Span:
    """A place the nets found right before "family", "crew", "clan"… is that family's name ("from the Jenkins family",
    "the Dela Cruz crew"): it goes, "the family" stays; not "the local family"."""
    if span.kind in ("place", "town") and span.term is None and before_family_word(caption, span.end):
        the = re.match(r"(?i)the\s+", caption[span.start:span.end])  # a place net takes "the" with the name
        return replace(span, start=span.start + (the.end() if the else 0), kind="surname", said="")
    return span


def _place_acting(caption: str, span: Span) -> Span:
    """A place's name that is also a first name, doing what a person does, is that person ("Brooklyn knocked it all
    down"): "someone knocked it all down", not "this place knocked it all down"."""
    if span.kind in ("place", "town") and " " not in caption[span.start:span.end] \
            and first_name_acting(caption, span.start, span.end):
        return replace(span, kind="person", said="", term=None)
    return span




def _with_its_kind(caption: str, span: Span) -> Span:
    """A pet's name with the kind of animal said after it ("Dolores the cat") goes with those words, which "our cat"
    says already: not "Our cat the cat"."""
    if span.kind != "pet":
        return span
    after = caption[span.end:span.end + 20]
    words = after.split()[:2]
    if len(words) == 2 and words[0].lower() == "the" and fold(words[1].strip(".,!?;:")) in SPECIES_WORDS:
        return replace(span, end=span.end + after.index(words[1]) + len(words[1].rstrip(".,!?;:")))
    return span


def _unknown_child(span: Span) -> Span:
    """A child only the copy's re-audit found is said as a name nobody placed ("someone"): that audit's children are
    not the dossier's, so "my son" could be the wrong child, or a word beside a rewritten name taken for one."""
    return replace(span, kind="person", said="") if span.kind == "child" and span.term and span.term.found_again \
        else span


def _outside_greetings(caption: str, span: Span) -> list[Span]:
    """The span, unless it is a word the nets alone found (no term of the dossier) that ends a greeting ("Eid
    Mubarak", "Joyeux Noël"): rewriting only it would leave "Eid someone". The greeting stays, and the capitalised
    word said after it, which the name run had taken with it, is the one greeted ("Eid Mubarak Qwenby!"): it goes."""
    if span.term is not None and span.term.found_again and in_a_set_phrase(caption, span.start):
        return []  # only the copy's re-audit, reading "Nollaig Shona my daughter", took the greeting for names
    if span.term is not None or span.kind not in ("person", "place") or " " in caption[span.start:span.end] \
            or not ends_a_set_phrase(caption, span.start):
        return [span]
    greeted = greeted_after(caption, span.end)
    return [Span(*greeted, "person")] if greeted else []


def leaks(text: str, vocab: Vocabulary) -> bool:
    """Whether a line of text read in a photo gives something away.

    It does when the redactor would change it, or it names a school or holds a first name.
    """
    if redact(text, vocab).edits:
        return True
    return names_a_school_or_person(text)


def cited_spans(caption: str, cited: Sequence[Cited]) -> list[Span]:
    """The cited words as spans to rewrite; words inside a hashtag take the whole hashtag with them."""
    hashtags = [(m.start(), m.end()) for m in HASHTAG_RE.finditer(caption)]
    out = []
    for c in cited:
        if not 0 <= c.start < c.end <= len(caption):
            continue  # cited in another text than this caption
        tag = next(((a, b) for a, b in hashtags if a < c.end and c.start < b), None)
        if tag:
            out.append(Span(*tag, "hashtag", "", Term(c.term.kind, "hashtag")))
        else:
            out.append(Span(c.start, c.end, c.term.kind, term=c.term))
    return out


def _resolve(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans: by kind priority, then longest; in text order."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (PRIORITY.get(s.kind, 9), -(s.end - s.start), s.start)):
        if span.end > span.start and not any(k.start < span.end and span.start < k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _apply(caption: str, spans: list[Span]) -> Redacted:
    """Write each span's replacement, right to left, with child names joined into runs."""
    groups = child_runs(caption, spans)
    book = Phrasebook()
    saids = [said(caption, group, book) for group in groups]  # left to right: who was named first matters
    out = caption
    edits: list[Edit] = []
    for group, (words, kind) in reversed(list(zip(groups, saids, strict=True))):
        start, end = group[0].start, group[-1].end
        apostrophe = _apostrophe_after(caption, end) if kind in _NAMED_KINDS else None
        quoted = apostrophe is not None and _quote_open_before(caption, start)
        # "Migs' whole pandesal", "Marcus' and my anniversary": the name owns what follows; "'for Angus' and": a quote
        owner = apostrophe is not None and not quoted and caption[apostrophe - 1:apostrophe] in ("s", "S") \
            and bool(re.match(r"\s+\w", caption[apostrophe + 1:apostrophe + 3]))
        if apostrophe is not None:
            end = apostrophe if quoted else apostrophe + 1  # a closing quote stays; an owner's mark is said again
        if not words:
            start, end = _widen(out, start, end)
            words = "'s" if owner else ""  # "Tita Marites' leche flan" -> "Tita's leche flan"
        else:
            if caption[group[0].start].isupper() and sentence_start(caption, group[0].start) \
                    or caption[group[0].start].isdigit() and re.search(r"(?:^|[.!?\n])\s*$", caption[:group[0].start]):
                words = words[0].upper() + words[1:]
            words += "'s" if owner else ""  # "my son's whole pandesal", not "my son' whole"
        out = out[:start] + words + out[end:]
        label = group[0].term.text if kind == "hashtag" and group[0].term else kind
        edits.append(Edit(_edit_kind(kind, label), words))
    return Redacted(_opened_with_a_capital(caption, _tidy(out)), tuple(reversed(edits)))


def _opened_with_a_capital(caption: str, out: str) -> str:
    """The copy opens with a capital where the caption's sentences do and what opened it went ("#AdeyemiKids back to
    school." -> "Back to school."); a feed written in lower case stays so."""
    if not out[:1].islower() or caption.lstrip().startswith(out.split()[0]):
        return out
    if not opens_sentences_with_capitals(caption):
        return out
    return out[0].upper() + out[1:]


def _edit_kind(kind: str, label: str) -> str:
    names = {"child": "child_name", "parent": "parent_name", "relative": "relative", "surname": "surname",
             "pet": "pet", "other_child": "other_child", "town": "town", "school": "school", "place": "place",
             "street": "street", "adult": "adult_name", "time": "time", "weekday": "weekday", "case": "lower_case",
             "mention": "mention", "person": "name", "age": "age", "date": "date"}
    if kind == "hashtag":
        return f"hashtag:{label}"
    return names.get(kind, kind)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """A dropped span with the space before it (or after it, at the start of a line), and the comma or dash before
    it when it ends the line."""
    a = start
    while a > 0 and text[a - 1] in " \t":
        a -= 1
    if a > 0 and text[a - 1] in ",-–—" and not re.search(r"[\w'’]", text[end:].split("\n", 1)[0]):
        a -= 1  # a name that ended the line after a comma or a dash ("any day, Síofra") takes the mark with it
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
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)  # "Mrs D." at a sentence's end
    text = "\n".join(line.strip() for line in text.split("\n"))
    return text.strip()

