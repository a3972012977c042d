"""The family's own words, looked for everywhere in the copy: the safe share's second net.

Rewriting captions from the dossier depends on the dossier being complete. This list does not:
every known name of the family (children and their other names, parents, surname, pets,
relatives), its school and town, and every word the caption model tagged as a person or that is
a known first name in a name position, looked for as whole words, case- and accent-insensitively,
in any text of the copy, inside hashtags (split into their words) and in file names. Words the
parent kept by hand are not looked for.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kidsafe.engine.text import fold, split_hashtag
from kidsafe.share.outcome import WORDS, Remaining, remaining
from kidsafe.share.terms import Vocabulary
from kidsafe.share.writer import CSV_NAME

FAMILY_KINDS = frozenset({"child", "parent", "surname", "pet", "relative", "school", "town", "person"})
"""Kinds of vocabulary term that are the family's own words (another family's child is not)."""

MIN_IN_TAG = 3
"""A word shorter than this is not looked for inside a run-together hashtag ("Al" is in too many)."""

WHAT = {
    "child": "a child's name", "parent": "a parent's name", "surname": "the family name", "pet": "a pet's name",
    "relative": "a relative's name", "school": "the school's name", "town": "the town", "person": "a name",
}
"""What each kind of word is, in plain words for the report."""

_HASHTAG = re.compile(r"#(\w+)", re.UNICODE)


@dataclass(frozen=True, slots=True)
class FamilyWord:
    """A word (or phrase) the copy must not contain, folded, and what it is."""

    key: str
    kind: str

    @property
    def what(self) -> str:
        """What the word is, without saying it ("a child's name")."""
        return WHAT.get(self.kind, "a name")


def family_words(vocab: Vocabulary, people: Iterable[str] = ()) -> tuple[FamilyWord, ...]:
    """The family's words of the vocabulary, with the person names read in the captions, longest first."""
    out: dict[str, FamilyWord] = {}
    for term in vocab.terms:
        if term.kind in FAMILY_KINDS and len(term.key) >= 2:
            out.setdefault(term.key, FamilyWord(term.key, term.kind))
    for name in people:
        key = fold(name)
        if len(key) >= 2 and key not in vocab.kept:
            out.setdefault(key, FamilyWord(key, "person"))
    return tuple(sorted(out.values(), key=lambda w: -len(w.key)))


def found_in(text: str, words: Iterable[FamilyWord]) -> Iterator[FamilyWord]:
    """Each family word that the text still contains: as a whole word, or among a hashtag's words."""
    folded = fold(text)
    tags = [(fold(m[1]), {fold(w) for w in split_hashtag(m[1])}) for m in _HASHTAG.finditer(text)]
    for word in words:
        if re.search(r"(?<!\w)" + re.escape(word.key) + r"(?!\w)", folded):
            yield word
            continue
        squashed = re.sub(r"\W", "", word.key)
        if any(word.key in parts or (len(squashed) >= MIN_IN_TAG and squashed in tag) for tag, parts in tags):
            yield word


def file_name_words(name: str) -> str:
    """A file name as words ("photo-001-1.jpg" -> "photo 001 1 jpg"), so names run into it are seen."""
    return " ".join(re.split(r"[\W_]+", name))


def word_check(path: Path, words: Iterable[FamilyWord]) -> list[Remaining]:
    """Every family word still in the shared ZIP: in a post's caption or photo names, or in any file name.

    The report files are added after this check; they hold the same captions and no other word of
    the feed.
    """
    words = tuple(words)
    out: list[Remaining] = []
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        rows = list(csv.DictReader(io.StringIO(zf.read(CSV_NAME).decode("utf-8"), newline="")))
    for row in rows:
        for word in found_in(row.get("caption") or "", words):
            out.append(remaining(WORDS, row.get("id"), f"{word.what} is still in the caption", "word"))
    for name in names:
        for word in found_in(file_name_words(name), words):
            out.append(remaining(WORDS, None, f"{word.what} is in the name of a file of the copy", "copy"))
    return out
