"""Which words of a post give a fact away, and where they are: for highlighting and for vaguer captions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kidsafe.engine.net.ages import age_phrases
from kidsafe.kinds import grouped
from kidsafe.models import Evidence, EvidenceSource, Fact, FactKind

#: Evidence read from the photo file, not from words: nothing to highlight.
NOT_TEXT = frozenset({EvidenceSource.EXIF, EvidenceSource.FACE, EvidenceSource.IMAGE})
#: Parts of a place or routine value that may be written in a caption.
VALUE_KEYS = ("name", "activity", "weekday")
#: Fact kinds whose words are an age or a birthday ("turns 5", "FIVE!!!", "birthday").
AGE_KINDS = frozenset(k for k in FactKind if grouped(k) is FactKind.AGE)
#: Words of a place's name too common to highlight on their own ("school" in "big school").
GENERIC_WORDS = frozenset({
    "school", "schools", "primary", "infant", "infants", "junior", "nursery", "academy", "college", "high",
    "preschool", "kindergarten", "club", "centre", "center", "park", "the", "and", "of", "saint", "st",
})
#: An excerpt this short, without ellipses, is the leaking words themselves ("#teamsmith", "the Smiths").
SHORT_EXCERPT = 40


def _value_terms(value: object, text: str) -> list[str]:
    """The fact's value, or its distinctive words, where they appear in the text."""
    if isinstance(value, dict):
        parts = [str(value[k]) for k in VALUE_KEYS if value.get(k)]
        if value.get("weekday"):
            parts.append(f"{value['weekday']}s")
        return [t for part in parts for t in _value_terms(part, text)]
    if not isinstance(value, str) or not value.strip():
        return []
    if find_spans(text, [value]):
        return [value]
    return [w for w in re.findall(r"[\w'-]{3,}", value) if w.casefold() not in GENERIC_WORDS and find_spans(text, [w])]


def leak_terms(fact: Fact, evidence: Evidence, text: str, aliases: Sequence[str] = ()) -> tuple[str, ...]:
    """The words of ``text`` (the post's caption or other text) that leak ``fact`` through ``evidence``.

    The words the engine cited (the evidence's span, when it lies in ``text``) come first, then the
    fact's value wherever the text writes it again, and a child's other names (``aliases``).
    Empty when the evidence is not words (GPS, a detector's finding). Evidence without a span (a
    dossier from before spans; a routine seen in the photos' times) falls back on its excerpt when
    that is the words themselves, and on age phrases for ages; a time-based clue counts only the
    words of the fact's value ("Tuesday").
    """
    if evidence.source in NOT_TEXT or not text:
        return ()
    terms: list[str] = []
    cited = cited_words(evidence, text)
    if cited:
        terms.append(cited)
    elif evidence.source is not EvidenceSource.TIMESTAMP:
        excerpt = evidence.excerpt.strip()
        if excerpt and "…" not in excerpt and len(excerpt) <= SHORT_EXCERPT and excerpt != text.strip():
            terms.append(excerpt)
    terms += _value_terms(fact.value, text)
    if fact.kind is FactKind.CHILD_NAME:
        terms += list(aliases)
    if fact.kind in AGE_KINDS and not cited:
        terms += age_phrases(text)
    found = [t for t in dict.fromkeys(terms) if t and find_spans(text, [t])]
    return tuple(found)


def cited_words(evidence: Evidence, text: str) -> str | None:
    """The words the evidence's span cites, when ``text`` holds them; else None."""
    span = evidence.span
    return span.text if span is not None and span.text.strip() and span.text in text else None


def _pattern(term: str) -> re.Pattern[str]:
    escaped = re.escape(term)
    start = r"(?<!\w)" if term[:1].isalnum() else ""
    end = r"(?!\w)" if term[-1:].isalnum() else ""
    return re.compile(start + escaped + end, re.IGNORECASE)


def find_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where the terms occur in ``text`` (any case, whole words), as sorted, merged (start, end) spans."""
    spans = sorted((m.start(), m.end()) for t in terms if t.strip() for m in _pattern(t.strip()).finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def segments(text: str, terms: Iterable[str]) -> tuple[tuple[str, bool], ...]:
    """``text`` cut into (piece, is_leak) segments, in order; joined they give ``text`` back."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in find_spans(text, terms):
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return tuple(out)


def without_terms(text: str, terms: Iterable[str]) -> str:
    """``text`` with the terms taken out and the spaces tidied: a vaguer caption."""
    kept = "".join(piece for piece, leak in segments(text, terms) if not leak)
    kept = re.sub(r"[ \t]{2,}", " ", kept)
    kept = re.sub(r"\s+([,.!?;:])", r"\1", kept)
    return kept.strip()
