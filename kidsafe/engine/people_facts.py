"""Facts about people: children's names, relatives, pets, the other parent, friends, the family name,
and the heroes and characters a child loves."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kidsafe.engine import lexicon as lx
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.favourites import find_favourites
from kidsafe.engine.gazetteer import is_known_first_name
from kidsafe.engine.people import Person
from kidsafe.engine.text import fold
from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY, Evidence, EvidenceSource, FactKind, Span

ADVICE = {
    FactKind.CHILD_NAME: "Use a nickname or initial, or no name at all, in public captions.",
    FactKind.RELATIVE: "Relatives' names let a stranger say 'Nana sent me': leave them out.",
    FactKind.PET: "A pet's name is a common password hint and a friendly opener: leave it out.",
    FactKind.PARENT_NAME: "A parent's name lets a stranger sound familiar ('your dad sent me').",
    FactKind.OTHER_CHILD: "Other families' children: ask their parents before naming or showing them.",
    FactKind.SURNAME: "A surname turns a first name into a searchable person: drop it from hashtags.",
    FactKind.FAVOURITE: "Favourite characters and hobbies are what a groomer uses to build rapport.",
}


#: A parent word just before the name ("hubby", "my wife"), in folded text.
_PARENT_WORD_BEFORE = re.compile(r"\b(?:hubby|husband|wife|wifey|partner|daddy|mummy|mommy)\s*$")
#: The capitalised word right after the name (not a possessive's "'s").
_NEXT_CAPITALISED = re.compile(r" ([A-Z][a-z]+)(?:['’]s)?(?![\w'’])")


def _two_word_given_name(person: Person, views: dict[str, PostView], cast) -> str:
    """ "hubby Jia Le": a parent word, then two capitalised first names, is one two-word given name,
    unless the second word is the family's surname ("hubby Tom Okafor" is Tom)."""
    family_surnames = {fold(s) for s in cast.surnames}
    other_people = {p.key for p in cast.people if p.role in ("child", "pet", "relative", "other_child")}
    seconds = set()
    for m in person.mentions:
        view = views.get(m.post)
        if view is None or m.part < 0 or m.part >= len(view.parts) or "parent" not in m.cues:
            continue
        text = view.parts[m.part].text
        nxt = _NEXT_CAPITALISED.match(text, m.end)
        if not _PARENT_WORD_BEFORE.search(fold(text[max(0, m.start - 20):m.start]).rstrip()) or not nxt:
            continue
        key = fold(nxt[1])
        if (m.surname is None and is_known_first_name(nxt[1]) and key not in family_surnames
                and key not in other_people and key not in lx.NOT_NAMES and key not in lx.PARENT_WORDS):
            seconds.add(nxt[1])
    return f"{person.name} {seconds.pop()}" if len(seconds) == 1 else person.name


def _evidence(person: Person, post: str, view: PostView | None) -> list[Evidence]:
    """The post's first mention of the person as evidence, its span the name; a relative's with the kin title
    that is part of how they are called ("Nana Pat"; "cousin Brody", a friend's child, is Brody)."""
    out = []
    for m in person.in_post(post)[:1]:
        start = m.title_start if m.title_start is not None and person.role == "relative" else m.start
        end = m.end
        if view is not None and "-" in person.name and 0 <= m.part < len(view.parts):
            text = view.parts[m.part].text
            whole = text[m.start:m.start + len(person.name)]
            ends_there = not text[m.start + len(person.name):m.start + len(person.name) + 1].isalnum()
            if fold(whole) == fold(person.name) and ends_there:  # "Carla-Marié", not "Carla" (nor "Carla-Mariélle")
                end = m.start + len(whole)
        span = view.span(m.part, start, end) if view is not None and 0 <= m.part < len(view.parts) else None
        out.append(Evidence(post=post, source=m.source, excerpt=m.excerpt, explanation=f"names {m.name}", span=span))
    return out


def _confidence(person: Person, post: str) -> float:
    cues = set().union(*(m.cues for m in person.in_post(post)))
    if cues & {"age", "birthday", "ours", "child_word", "born", "tagged", "face_label"}:
        return 0.8
    return 0.5


def add_people_facts(book: FactBook, family: Family, views: Sequence[PostView]) -> None:
    """Child names, relatives, pets, parents, other children and the family name."""
    cast = family.cast
    by_id = {v.id: v for v in views}
    parent_names = {p.key: _two_word_given_name(p, by_id, cast) for p in cast.people if p.role == "parent"}
    for person in cast.people:
        for post in person.posts:
            for ev in _evidence(person, post, by_id.get(post)):
                if person.role == "child":
                    book.add(FactKind.CHILD_NAME, family.ids[person.key], person.name, ev,
                             _confidence(person, post), advice=ADVICE[FactKind.CHILD_NAME])
                elif person.role == "relative":
                    book.add(FactKind.RELATIVE, FAMILY, person.label, ev, 0.8, advice=ADVICE[FactKind.RELATIVE])
                elif person.role == "pet":
                    book.add(FactKind.PET, FAMILY, person.name, ev, 0.7, advice=ADVICE[FactKind.PET])
                elif person.role == "parent":
                    book.add(FactKind.PARENT_NAME, FAMILY, parent_names.get(person.key, person.name), ev, 0.7,
                             advice=ADVICE[FactKind.PARENT_NAME])
                elif person.role == "other_child":
                    book.add(FactKind.OTHER_CHILD, FAMILY, person.name, ev, 0.6,
                             advice=ADVICE[FactKind.OTHER_CHILD])
    _add_bare_kin_titles(book, cast, views)
    for surname, items in cast.surnames.items():
        for post, source, text, span in items:
            book.add(FactKind.SURNAME, FAMILY, surname,
                     Evidence(post=post, source=source, excerpt=text, explanation=f"gives the family name {surname}",
                              span=span),
                     0.8 if source is not EvidenceSource.OCR else 0.6, advice=ADVICE[FactKind.SURNAME])
    _add_favourites(book, family, views)


#: Words that open no favourite thing ("favourite part", "loves the"): what follows "favourite" is not one.
_NOT_FAVOURITE_STARTS = lx.word_tuple("characters", "not_favourite_starts")
#: A capitalised word, possessive or not ("Dadi's biryani").
_CAPITALISED = re.compile(r"(?<![\w#@])([A-Z][a-zà-öø-ÿ]+(?:-[a-z]+)?)(?=['’]s\b|[^\w'’-]|$)")
#: Roles of a titled name that make it the relative the title alone would stand for ("Nana Sue").
_TITLED_KIN = frozenset({"relative", "adult", "parent"})
#: Roles that make a kin title the name of someone else in the feed (a child called Poppy, a dog called Lola).
_SOMEONE = frozenset({"child", "pet", "other_child", "parent", "adult", "relative", "character"})


def _add_bare_kin_titles(book: FactBook, cast, views: Sequence[PostView]) -> None:
    """A kin title used as the name ("Pop picked them up", "lunch at Dadi's"): the relative a stranger
    can ask for by it. Not when the feed names that relative ("Nana Sue"), nor for the vague titles."""
    # only a title the feed gives a relative names that relative: "Nani Ollie Watkins is the best" (a child's
    # words about a footballer) leaves Nani unnamed
    named = {fold(p.title) for p in cast.people if p.title and p.role in _TITLED_KIN}
    # a kin title that is someone's name in this feed (a child called Poppy, a dog called Lola) is that someone
    someone = [p for p in cast.people if p.role in _SOMEONE]
    named |= {p.key for p in someone} | {fold(a) for p in someone for a in p.aliases}
    seen: dict[str, list[tuple[str, str, str, EvidenceSource, Span]]] = {}
    for view in views:
        for index, part in enumerate(view.parts):
            if part.source is EvidenceSource.OCR:
                continue
            for m in _CAPITALISED.finditer(part.text):
                key = fold(m[1])
                if key not in lx.KIN_TITLES or key in lx.VAGUE_KIN_TITLES or key in named:
                    continue
                if re.match(r"(?:['’]s)?\s+[A-Z][a-z]", part.text[m.end():m.end() + 4]):
                    continue  # "Nana Sue": the named relative, found with the people
                seen.setdefault(key, []).append((view.id, m[1], part.text, part.source,
                                                 view.span(index, m.start(1), m.end(1))))
    for hits in seen.values():
        written = max({h[1] for h in hits}, key=lambda w: sum(h[1] == w for h in hits))
        for post, word, text, source, span in hits:
            book.add(FactKind.RELATIVE, FAMILY, written,
                     Evidence(post=post, source=source, excerpt=text[:120],
                              explanation=f"names a relative, {word}", span=span), 0.6,
                     advice=ADVICE[FactKind.RELATIVE])


#: The roles of the family's own people: a favourite never opens with one of their names.
_FAMILY_ROLES = frozenset({"child", "parent", "pet", "relative"})


def _add_favourites(book: FactBook, family: Family, views: Sequence[PostView]) -> None:
    """Characters, celebrities and favourite things named in a post about one child."""
    for view in views:
        text = view.all_folded
        found: list[tuple[str, int, Span]] = []  # (phrase, where in all_folded, its span)
        names = {p for p in lx.CHARACTERS if p not in lx.CHARACTER_FIRST_NAMES and p not in lx.NOT_FAVOURITES}
        names |= {p.key for p in family.cast.by_post.get(view.id, []) if p.role == "character"}
        for phrase in names:
            if phrase not in text:
                continue
            for pattern in lx.FAVOURITE_PATTERNS:
                m = re.search(pattern.format(name="(?P<thing>" + re.escape(phrase) + ")"), text)
                if m:
                    found.append((phrase, m.start(), view.all_span(m.start("thing"), m.end("thing"))))
                    break
        people = {p.key for p in family.cast.by_post.get(view.id, []) if p.role not in ("character", "place", "unknown")}
        # someone of the family is loved, not a thing ("our dog loves Mia more than us"); not another name the
        # cast holds, which may be a character's read as a guest's ("Harry Potter")
        family_keys = {p.key for p in family.cast.by_post.get(view.id, []) if p.role in _FAMILY_ROLES}
        for m in re.finditer(r"\b(?:favourite|favorite|fave|obsessed with|loves|mad about)\s+([a-z][a-z \-]{2,30}?)"
                             r"(?=[.!,?\n]|$| and | but | so )", text):
            thing = m[1].strip()
            if thing.split()[0] not in _NOT_FAVOURITE_STARTS and thing.split()[0] not in family_keys:
                found.append((thing, m.start(), view.all_span(m.start(1), m.start(1) + len(thing))))
        learned_found = [(f.text, f.start, Span("caption", f.start, f.end, view.caption[f.start:f.end]))
                         for f in find_favourites(view.caption)
                         if fold(f.text) not in people and fold(f.text).split()[0] not in family_keys]
        learned_pairs = {(phrase, pos) for phrase, pos, _ in learned_found}
        seen: set[str] = set()
        for phrase, pos, span in learned_found + found:
            value = phrase if (phrase, pos) in learned_pairs else _display(phrase, view)
            folded = value.casefold()
            if folded in seen or any(folded in s or s in folded for s in seen):
                continue
            seen.add(folded)
            subject = family.about(view, near=pos)
            if subject == FAMILY:
                continue
            book.add(FactKind.FAVOURITE, subject, value,
                     Evidence(post=view.id, source=EvidenceSource.CAPTION, excerpt=_around(view, fold(phrase)),
                              explanation=f"a favourite: {value}", span=span), 0.6,
                     advice=ADVICE[FactKind.FAVOURITE])


def _display(phrase: str, view: PostView) -> str:
    """The phrase as the caption writes it ("Paw Patrol"), else title case."""
    m = re.search(re.escape(phrase), fold(view.caption))
    if m:
        written = view.caption[m.start():m.end()]
        if len(written) == len(phrase):
            return written if any(c.isupper() for c in written) else written
    return phrase.title() if phrase in lx.CHARACTERS else phrase


def _around(view: PostView, phrase: str) -> str:
    text = view.caption
    i = fold(text).find(phrase)
    if i < 0:
        return text[:90]
    return ("…" if i > 40 else "") + text[max(0, i - 40): i + len(phrase) + 40].strip()
