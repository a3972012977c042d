"""The family's own words, looked for everywhere in the copy: the safe share's second net.

Every known name of the family (children and their other names, parents, surname, pets,
relatives), its school and town is looked for as a whole word, case- and accent-insensitively, in
any text of the copy, inside hashtags (split into their words) and in file names. The names a
caption held that the dossier never placed (``kidsafe.share.names``) are looked for in that
post's caption of the copy: they are names there, while the same word elsewhere may be a word
("Rose" a name in one caption, "rose" a flower in another). Words the parent kept by hand are not
looked for.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from kidsafe.engine.text import fold, split_hashtag
from kidsafe.share.outcome import WORDS, Remaining, remaining
from kidsafe.share.terms import Vocabulary
from kidsafe.share.writer import CSV_NAME

FAMILY_KINDS = frozenset({"child", "parent", "surname", "pet", "relative", "school", "town"})
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


def family_words(vocab: Vocabulary) -> tuple[FamilyWord, ...]:
    """The family's words of the vocabulary, longest first."""
    out: dict[str, FamilyWord] = {}
    for term in vocab.terms:
        if term.kind in FAMILY_KINDS and len(term.key) >= 2:
            out.setdefault(term.key, FamilyWord(term.key, term.kind))
    return tuple(sorted(out.values(), key=lambda w: -len(w.key)))


def _as_written(caption: str, key: str) -> str:
    """The family word as the caption writes it, quoted ("“Maisie”"); folded when its letters differ."""
    m = re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", caption, re.IGNORECASE)
    return f"“{m[0] if m else key}”"


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


def copy_captions(path: Path) -> list[tuple[str, str]]:
    """(post number, caption) of every post of the shared ZIP, read back from its posts.csv."""
    with zipfile.ZipFile(path) as zf:
        rows = list(csv.DictReader(io.StringIO(zf.read(CSV_NAME).decode("utf-8"), newline="")))
    return [(row.get("id") or "", row.get("caption") or "") for row in rows]


def word_check(path: Path, words: Iterable[FamilyWord], names: Mapping[str, Iterable[str]] = MappingProxyType({})
               ) -> list[Remaining]:
    """Every family word still in the shared ZIP (in a caption or any file name), and every name a post's caption
    held (``names``, by the copy's post number) still written in that post's caption.

    The report files are added after this check; they hold the same captions and no other word of
    the feed.
    """
    words = tuple(words)
    out: list[Remaining] = []
    with zipfile.ZipFile(path) as zf:
        entries = zf.namelist()
    for post, caption in copy_captions(path):
        for word in found_in(caption, words):
            out.append(remaining(WORDS, post, f"{word.what} ({_as_written(caption, word.key)}) is still in the caption",
                                 "word"))
        held = [name for name in names.get(post, ()) if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", caption)]
        if held:  # the word is in the copy already: saying it tells the parent what to change, and nothing new
            out.append(remaining(WORDS, post, f"a name (“{held[0]}”) is still in the caption", "word"))
    for entry in entries:
        for word in found_in(file_name_words(entry), words):
            out.append(remaining(WORDS, None, f"{word.what} is in the name of a file of the copy", "copy"))
    return out
