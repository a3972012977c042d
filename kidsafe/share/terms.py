"""The words a feed gives away, taken from its dossier: names, the family name, school, town.

``vocabulary(dossier, views)`` turns the dossier's facts (and every family name the feed gives in the family's
own words or tags, claimed or not) into ``Term``s, each saying what the
word is (a child, a pet, the town…) and what a caption may say instead ("my daughter", "our
dog", "our town"). The caption redactor matches these terms; the photo cleaner uses them to
decide which text read in a photo must be covered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from kidsafe.engine import lexicon as lx
from kidsafe.engine.net.places import school_initials, school_word_telling_alone
from kidsafe.engine.net.shapes import is_rare_word
from kidsafe.engine.net.unknown_words import words_of_no_list
from kidsafe.engine.surnames import find_surnames, strongly_found
from kidsafe.engine.text import fold
from kidsafe.engine.views import PostView
from kidsafe.kinds import KINDS
from kidsafe.models import Dossier, EvidenceSource, Fact, FactKind, Subject

CHILD_NOUNS = {"girl": "daughter", "boy": "son"}
DEFAULT_CHILD_NOUN = "child"
PERSON_KINDS = frozenset({"child", "relative", "pet", "parent", "other_child", "surname"})

SPECIES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in lx.locale_words("pets")["species"].items()}
"""Words (and emoji) of a post that say what kind of animal a pet is."""
SPECIES_WORDS = frozenset(w for words in SPECIES.values() for w in words if w.isalpha())
"""The words of ``SPECIES`` (no emoji): "dog", "kitten", "pony"."""

SCHOOL_NAME_NOISE = frozenset({*lx.SCHOOL_TYPE_WORDS, "school", "the", "of", "st", "saint", "c", "e"})
"""Words of a school's name that are not its proper name ("Infant", "School")."""

CITED_KINDS = PERSON_KINDS | {"town", "school"}
"""Kinds of term whose cited words the redactor rewrites where the evidence says they are."""

@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase that gives something away, what it is and the vague word to use instead.

    ``kind`` is child, relative, pet, parent, other_child, surname, town, school, place, or defuse
    (a word only to be written in lower case).
    ``noun`` is the replacement's noun: daughter/son/child for a child, the kin title for a
    relative ("Nana"), the species for a pet ("dog").
    """

    text: str
    kind: str
    noun: str = ""
    who: str = ""  # the dossier's subject id of a child: two names of one child are one person
    found_again: bool = False
    """Found only by a re-audit of the redacted copy, whose subjects are not the dossier's: who it is is not known."""

    @property
    def key(self) -> str:
        """The folded text matched against captions."""
        return fold(self.text)


@dataclass(frozen=True, slots=True)
class Cited:
    """Characters [start, end) of a post's caption that the dossier's evidence cites (its span), and what they are."""

    start: int
    end: int
    term: Term


@dataclass(frozen=True)
class Vocabulary:
    """Every term to redact, and the posts whose weekday words give a routine away."""

    terms: tuple[Term, ...] = ()
    routine_posts: frozenset[str] = field(default_factory=frozenset)
    kept: frozenset[str] = field(default_factory=frozenset)
    """Folded words the parent chose to keep: never rewritten, never counted as left behind."""
    not_people: frozenset[str] = field(default_factory=frozenset)
    """Folded words the dossier knows are no one (a favourite: "Thomas", "Taylor Swift")."""
    cited: Mapping[str, tuple[Cited, ...]] = field(default_factory=dict, compare=False)
    """Post id -> the words of its caption the dossier cites, where they are (from the evidence's spans)."""
    common: frozenset[str] = field(default_factory=frozenset, compare=False)
    """Folded words the feed writes in lower case inside a sentence ("the cricket club"): a common noun there,
    so its capital at a sentence's start ("Cricket bat and a shirt") makes no gazetteer place of it."""
    unread: frozenset[str] = field(default_factory=frozenset, compare=False)
    """Folded words the feed writes with a capital that no list holds (``words_of_no_list``: "Bramalea Blues U8"):
    names or places the engine could not read. The second look lists them in captions; a hashtag holding one
    ("#bramalea") is dropped, since hashtags exist to be searched."""

    def __post_init__(self) -> None:
        if self.kept:  # a word kept by hand stays out of every term list, whichever round found it
            object.__setattr__(self, "terms", tuple(t for t in self.terms if t.key not in self.kept))
            object.__setattr__(self, "cited", {post: tuple(c for c in cited if c.term.key not in self.kept)
                                               for post, cited in self.cited.items()})

    def merged(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary with the other's new terms and routine posts added (its cited words are of other
        captions, the redacted ones it was read from: this vocabulary keeps its own)."""
        seen = {(t.key, t.kind) for t in self.terms}
        keys = {t.key for t in self.terms}
        extra = tuple(replace(t, found_again=True) for t in other.terms if (t.key, t.kind) not in seen
                      and t.key not in keys and t.key not in self.not_people)  # a favourite ("Thomas") is still no one
        return Vocabulary(self.terms + extra, self.routine_posts | other.routine_posts, self.kept | other.kept,
                          self.not_people | other.not_people, self.cited, self.common, self.unread | other.unread)

    def adding(self, terms: Iterable[Term]) -> Vocabulary:
        """This vocabulary with more terms, those whose word it already holds left out."""
        keys = self.keys()
        extra = tuple(t for t in terms if t.key not in keys and t.key not in self.not_people)
        return replace(self, terms=self.terms + extra)

    def keeping(self, words: Iterable[str]) -> Vocabulary:
        """This vocabulary with the parent's kept words taken out of it."""
        return replace(self, kept=self.kept | {fold(w) for w in words if w.strip()})

    def keys(self, kinds: Iterable[str] | None = None) -> set[str]:
        """Folded texts of the terms (of the given kinds)."""
        wanted = set(kinds) if kinds is not None else None
        return {t.key for t in self.terms if wanted is None or t.kind in wanted}

    def known(self) -> frozenset[str]:
        """Folded words the name net leaves alone: the terms (found already), words kept by hand, favourites."""
        return self.kept | self.keys() | self.not_people


def vocabulary(dossier: Dossier, views: Sequence[PostView] = (), *, town_kind: str = "town",
               read_unread: bool = True) -> Vocabulary:
    """The terms of a dossier's facts; ``views`` tell what kind of animal a pet is, and give the feed's
    capitalised words of no list (``Vocabulary.unread``; ``read_unread`` False: not read).

    ``town_kind`` is the kind given to the dossier's towns. A re-audit of captions already
    redacted passes "defuse": every capitalised place the redactor replaces is gone by then, so
    a town the engine still reads is a word the redactor judged no place (a greeting, a
    franchise); written in lower case, the engine stops reading it as a town.
    """
    terms: list[Term] = []
    for subject in dossier.children:
        terms += _child_terms(subject)
    children = {s.id: s for s in dossier.children}
    by_post = {v.id: v for v in views}
    cited: dict[str, list[Cited]] = {}
    for fact in dossier.facts:
        value = fact.value if isinstance(fact.value, str) else ""
        maker = TERM_MAKERS.get(KINDS[fact.kind].share_term)
        found: list[Term] = []
        if maker is not None and value:
            views_of_fact = tuple(by_post[p] for p in fact.posts if p in by_post)
            context = TermContext(fact, children.get(fact.subject), views_of_fact, town_kind)
            found = maker(value, context)
        terms += found
        if found and found[0].kind in CITED_KINDS:
            for ev in fact.evidence:
                if ev.span is not None and ev.span.part == "caption":
                    cited.setdefault(ev.post, []).append(Cited(ev.span.start, ev.span.end, found[0]))
    terms += _unclaimed_family_names(views, terms)
    terms += [Term(name, "place") for name in dossier.towns_weighed]  # too unsure to claim, sure enough to remove
    routine = frozenset(p for f in dossier.facts_of_kind(FactKind.ROUTINE) for p in f.posts)
    favourites = [f.value for f in dossier.facts_of_kind(FactKind.FAVOURITE) if isinstance(f.value, str)]
    not_people = {fold(w) for value in favourites for w in (value, *value.split())}
    return Vocabulary(_unique(terms), routine, not_people=frozenset(not_people),
                      cited={post: tuple(spans) for post, spans in cited.items()},
                      unread=_unread_words(views) if read_unread else frozenset())


#: Words of no list shorter than this are not looked for inside hashtags ("Eze" is in too many tags).
MIN_UNREAD_IN_TAG = 5


def _unread_words(views: Sequence[PostView]) -> frozenset[str]:
    """Folded capitalised words of no list in the feed's captions, long enough to look for inside hashtags."""
    return frozenset(key for view in views for part in view.parts if part.source is EvidenceSource.CAPTION
                     for _, _, word in words_of_no_list(part.text, ())
                     if len(key := fold(word)) >= MIN_UNREAD_IN_TAG)


def _unclaimed_family_names(views: Sequence[PostView], terms: Sequence[Term]) -> list[Term]:
    """Every family name the feed gives in the family's own words or tags ("from the Dochertys", "#GedgeTwins",
    `surnames.strongly_found`) that the dossier does not claim (the surname model may have turned it down): the
    copy errs on the side of removing. Only a word rare in English, so that "#SwimFam" leaves "swim" in the
    captions; never a name only a fan's words give ("love the Canucks", "with the Kardashians")."""
    claimed = {fold(t.text) for t in terms}
    return [Term(name, "surname") for name, items in find_surnames(views).items()
            if fold(name) not in claimed and is_rare_word(fold(name)) and strongly_found(items)]


@dataclass(frozen=True, slots=True)
class TermContext:
    """What a term maker may need besides the fact's value: the fact, its child, its posts, the town's kind."""

    fact: Fact
    child: Subject | None
    views: tuple[PostView, ...]
    town_kind: str


#: How the safe share turns a fact's value into terms to rewrite, by ``Kind.share_term``.
TERM_MAKERS: dict[str, Callable[[str, TermContext], list[Term]]] = {
    "child": lambda v, c: [Term(v, "child", _child_noun(c.child), c.fact.subject)],
    "relative": lambda v, _: _relative_terms(v),
    "pet": lambda v, c: [Term(v, "pet", _species(list(c.views)))],
    "parent": lambda v, _: [Term(v, "parent")],
    "other_child": lambda v, _: [Term(v, "other_child")],
    "surname": lambda v, _: [Term(v, "surname")],
    "town": lambda v, c: [Term(v, c.town_kind)],
    "school": lambda v, _: school_terms(v),
}


def _child_noun(subject: Subject | None) -> str:
    return CHILD_NOUNS.get(subject.gender or "", DEFAULT_CHILD_NOUN) if subject else DEFAULT_CHILD_NOUN


def _child_terms(subject: Subject) -> list[Term]:
    noun = _child_noun(subject)
    names = [subject.name or "", *subject.aliases]
    return [Term(n, "child", noun, subject.id) for n in names if n and len(fold(n)) >= 2]


def _relative_terms(label: str) -> list[Term]:
    """"Nana Pat" -> the name "Pat", to be replaced by the title "Nana"; nothing for a bare title."""
    words = label.split()
    titles: list[str] = []
    while words and (fold(words[0]) in lx.KIN_TITLES or fold(words[0]) in lx.KIN_TITLE_SECOND):
        titles.append(words.pop(0))
    name = " ".join(words)
    if not name:
        return []
    return [Term(name, "relative", " ".join(titles))]


def school_terms(display: str) -> list[Term]:
    """A school's full name, its proper name alone ("Larkfield") when that is no common word, and each rare word of
    a longer proper name ("Macleay" of "Macleay Flats Public School"): the name comes back in other shapes ("Macleay
    Flats", "Kilbrack NS" for "Kilbrack National School", the town's show named after it)."""
    out = [Term(display, "school")]
    words = [w for w in re.findall(r"[\w'’\-]+", display) if fold(w) not in SCHOOL_NAME_NOISE]
    proper = " ".join(words)
    if proper and proper != display and (len(words) > 1 or is_rare_word(proper)):
        out.append(Term(proper, "school"))
    if len(words) > 1:
        out += [Term(w, "school") for w in words if school_word_telling_alone(w)]
    out += [Term(initials, "school") for initials in school_initials(display)]
    return out


def _species(views: Sequence[PostView]) -> str:
    """The kind of animal the pet's posts talk about ("dog"), else "pet"."""
    votes: Counter[str] = Counter()
    for view in views:
        text = view.all_folded + " " + " ".join(fold(t) for t in view.post.hashtags)
        raw = view.caption
        for species, words in SPECIES.items():
            for word in words:
                if not word[0].isalnum():
                    votes[species] += word in raw
                elif re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text):
                    votes[species] += 1
    return votes.most_common(1)[0][0] if votes and votes.most_common(1)[0][1] else "pet"


def _unique(terms: Iterable[Term]) -> tuple[Term, ...]:
    """Terms without repeats of the same folded text (the first kind wins), longest first."""
    seen: dict[str, Term] = {}
    for term in terms:
        if term.key and term.key not in seen:
            seen[term.key] = term
    return tuple(sorted(seen.values(), key=lambda t: -len(t.key)))
