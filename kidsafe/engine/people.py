"""Who is who across the feed: the family's children, relatives, pets, the other parent,
friends' children, heroes and the family name, decided from every mention together.

A capitalised word is not a child. A name becomes a child when the feed speaks of the child as
the family's (an age, a birthday, "our boy", a sibling pair) or keeps coming back to it with
nothing that makes it a pet, a place, an adult or a cartoon.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kidsafe import geo
from kidsafe.engine import aliases, roles
from kidsafe.engine import lexicon as lx
from kidsafe.engine.gazetteer import name_count
from kidsafe.engine.mentions import Mention, find_mentions, name_likeness
from kidsafe.engine.surnames import Found, find_surnames, kept_surnames
from kidsafe.engine.text import contains_phrase, english_rank, fold
from kidsafe.engine.views import PostView
from kidsafe.models import GOOGLE_PHOTOS, EvidenceSource

STRONG_CHILD_CUES = frozenset({"age", "birthday", "ours", "child_word", "born", "twins"})
PLACE_CUES = frozenset({"after_place_preposition", "place_word_after", "school_word_after", "after_the"})
_BOY = re.compile(r"\b(?:he|him|his|himself|boy|son|brother|bro|lad|little man)\b")
_GIRL = re.compile(r"\b(?:she|her|hers|herself|girl|daughter|sister|sis|lass|princess|little lady)\b")


@dataclass
class Person:
    """A name (with its aliases) and every mention of it in the feed."""

    key: str
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    role: str = "unknown"  # child | relative | pet | parent | other_child | character | adult | place | unknown
    title: str | None = None
    gender: str | None = None
    surname: str | None = None
    confidence: float = 1.0  # how sure the role model is of ``role``

    @property
    def posts(self) -> list[str]:
        """Post ids that mention this person, first-seen order."""
        return list(self._by_post())

    def in_post(self, post: str) -> list[Mention]:
        """This person's mentions in one post."""
        return self._by_post().get(post, [])

    def _by_post(self) -> dict[str, list[Mention]]:
        # Rebuilt when mentions were added (aliases merge them): a cheap length check keeps it right.
        cache = self.__dict__.get("_index")
        if cache is None or cache[0] != len(self.mentions):
            index: dict[str, list[Mention]] = {}
            for m in self.mentions:
                index.setdefault(m.post, []).append(m)
            cache = (len(self.mentions), index)
            self.__dict__["_index"] = cache
        return cache[1]

    def cue_posts(self, cues: frozenset[str] | set[str]) -> set[str]:
        """Posts in which a mention carries one of the cues."""
        return {m.post for m in self.mentions if m.cues & cues}

    @property
    def label(self) -> str:
        """The name with its kin title ("Nana Pat")."""
        return f"{self.title} {self.name}" if self.title else self.name


@dataclass
class Cast:
    """Everyone the feed names, by role, and the index from posts to the people in them."""

    people: list[Person]
    surnames: Found  # surname -> (post, source, excerpt, span)
    by_post: dict[str, list[Person]]
    ents: dict[str, set[str]] = field(default_factory=dict)  # folded word -> spaCy entity labels

    def role_of(self, key: str) -> str | None:
        """The role of the person with this folded name, None when nobody has it."""
        return next((p.role for p in self.people if p.key == key or key in {fold(a) for a in p.aliases}), None)

    def of_role(self, role: str) -> list[Person]:
        """People with the given role, in order of first mention."""
        return [p for p in self.people if p.role == role]

    @property
    def children(self) -> list[Person]:
        """The family's children."""
        return self.of_role("child")


def _same_gender(a: str, b: str) -> bool:
    """False only when the name list says one is a girl's name and the other a boy's."""
    from kidsafe.engine.gazetteer import girl_share

    sa, sb = girl_share(a), girl_share(b)
    return sa is None or sb is None or (sa > 0.5) == (sb > 0.5)


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, frozenset[str]]:
    """Folded first name -> its nicknames, from the `nicknames` package's hand-curated list."""
    try:
        from nicknames import name_triplets
    except ImportError:  # pragma: no cover - nicknames is in requirements.txt
        return {}
    table: dict[str, set[str]] = defaultdict(set)
    for triplet in name_triplets():
        table[fold(triplet.name1)].add(fold(triplet.name2))
    return {k: frozenset(v) for k, v in table.items()}


def is_alias(short: str, long: str) -> bool:
    """True when ``short`` reads as a nickname of ``long`` (Bea/Bella/Isabella, Femi/Femisola, Duc/Đức,
    and the pairs of the nickname list: Tilly/Matilda, Wilf/Wilfred)."""
    return _is_alias_key(fold(short), fold(long), short, long)


def _is_alias_key(a: str, b: str, short: str, long: str) -> bool:
    """is_alias of folded names (``short`` and ``long`` as written, for the gender check)."""
    if a == b:
        return True
    if a in _nicknames().get(b, ()):
        return _same_gender(short, long)  # the list pairs Aaron with Erin, Alexander with Sandy
    if len(a) > len(b):
        return False
    if len(a) >= 3 and b.startswith(a):
        return True
    if len(a) >= 4 and b.endswith(a):
        return True
    root = aliases.diminutive_root(a)
    if len(root) >= 3 and (b.startswith(root) or b[1:].startswith(root)):
        return True
    pet_form = re.fullmatch(r"([a-z]+?)([bcdfgklmnprstvz])\2(?:y|ie|ee|ey)", a)  # Immy, Olly, Ellie, Abby
    if pet_form and b.startswith(pet_form[1] + pet_form[2]) and _same_gender(short, long):
        return True
    stem = re.sub(r"(?:ie|y|ey|ee|i|s)$", "", a)  # "Lottie" -> "lott", found in "Charlotte"
    if len(stem) >= 4 and stem in b:
        return True
    # a first syllable with the South Asian pet ending -u ("Minu" of "Mina", "Sonu" of "Sonali")
    short_u = re.fullmatch(r"([a-z]{2,3})u", a)
    return bool(short_u and len(b) >= 5 and b.startswith(short_u[1]) and b[len(short_u[1])] != "u"
                and _same_gender(short, long))


def _has_pet_emoji(view: PostView) -> bool:
    """A pet emoji in any of the post's own words (a photo's description holds a Facebook photo's caption)."""
    return any(ch in part.text for part in view.parts if part.source is not EvidenceSource.OCR for ch in lx.PET_EMOJI)


_PET_EMOJI_NEXT = re.compile(r"(?:['’]s)?\s*[" + "".join(sorted(lx.PET_EMOJI)) + "]")


def _by_pet_emoji(person: Person, mention: Mention, view: PostView, first_named: dict[str, str]) -> bool:
    """Whether this mention is the pet a pet emoji points at: the name just before the emoji, or the
    post's leading name when that is no everyday word opening a phrase ("Meet Pepper 🐰", "Good boy ...")."""
    after = view.parts[mention.part].text[mention.end:]
    if _PET_EMOJI_NEXT.match(after):
        return True
    return (first_named.get(mention.post) == person.key and _has_pet_emoji(view) and not re.match(r"\s+[A-Z]", after)
            and (english_rank(person.name) or 10**6) >= 2000)


def _post_has_pet_context(view: PostView) -> bool:
    text = view.all_folded
    if _has_pet_emoji(view):
        return True
    if any(fold(t) in lx.PET_HASHTAG_PARTS for t in view.post.hashtags):
        return True
    return contains_phrase(text, lx.PET_WORDS) is not None


def _is_character(person: Person, views: dict[str, PostView]) -> bool:
    key = person.key
    if any("character" in m.cues for m in person.mentions):
        return True
    if key in lx.CHARACTER_FIRST_NAMES:
        franchise = lx.CHARACTER_FRANCHISE.get(key)
        for m in person.mentions:
            text = views[m.post].all_folded
            if "fan" in m.cues or (franchise and franchise in text):
                return True
    return False


_OTHER_PET = re.compile(r"\b(?:the|our|my|his|her|their|new)\s+(?:" + "|".join(sorted(lx.PET_ANIMALS, key=len, reverse=True))
                        + r")\b")


def _pet_with_birthday(person: Person, views: dict[str, PostView], pet_posts: set[str],
                       first_named: dict[str, str]) -> bool:
    """A name with an age that leads every one of its posts, each about a pet, and nothing
    calls a child: the pet's birthday. A post naming "the dog" apart keeps the name a person."""
    posts = person.posts
    if len(posts) < 2 or any(p not in pet_posts or first_named.get(p) != person.key for p in posts):
        return False
    if any(m.cues & {"ours", "child_word", "pair"} for m in person.mentions):
        return False
    return not any(_OTHER_PET.search(views[p].all_folded) for p in posts)


#: Kin titles that are also what children call their father ("Papi", "Pa").
_FATHER_TITLES = frozenset({"pa", "papi", "papa", "papy"})


def _classify(person: Person, views: dict[str, PostView], pet_posts: set[str], tagged: set[str],
              ents: dict[str, set[str]], first_named: dict[str, str], family_names: set[str]) -> str:
    posts = person.posts
    pet_posts = pet_posts | person.cue_posts({"pet_intro"})
    strong = person.cue_posts(STRONG_CHILD_CUES)
    if any(m.title for m in person.mentions) and not strong and not any(
            "parent" in m.cues and fold(m.title or "") in _FATHER_TITLES for m in person.mentions):
        return "relative"  # but "Father's Day to the best papi Koro": the grandpa word names the father here
    if person.cue_posts({"poster_sibling"}) and len(strong) < 2:
        return "relative"  # "my sister Thandeka": the children's aunt
    if any("adult" in m.cues for m in person.mentions) and not strong:
        return "adult"
    if (strong and person.key not in tagged and not person.cue_posts(STRONG_CHILD_CUES - {"birthday"})
            and name_likeness(person.name) < 0.8 and geo.places_named(person.name)):
        return "place"  # "Bonne fête Canada", "Happy birthday America": a country's day, nobody's birthday
    if _is_character(person, views) and len(strong) < 2:
        in_pet_posts = {p for p in posts if _post_has_pet_context(views[p])}
        if (person.cue_posts({"pet_intro", "age", "birthday"}) & in_pet_posts
                and not any(m.cues & {"fan", "ours", "child_word", "pair"} for m in person.mentions)):
            return "pet"  # "our cat Nemo", "Nala is 5 today 🐕": a pet named after a character
        return "character"
    if person.cue_posts({"parent"}) and len(strong) < 2:
        return "parent"
    if not strong and posts and 2 * sum(contains_phrase(views[p].all_folded, lx.ADULT_CONTEXT) is not None
                                        for p in posts) >= len(posts):
        return "adult"  # "wine with Emma", "Emma's hen do"
    others = [m for m in person.mentions if m.surname and fold(m.surname) not in family_names]
    if not strong and others and len(others) == len([m for m in person.mentions if m.source is not EvidenceSource.SIDECAR]):
        return "adult"  # always with another family's surname: "Harry Styles", "Emma Watson"
    if person.cue_posts({"friend"}) and len(strong) < 2 or person.cue_posts({"playdate"}) and not strong:
        return "other_child"  # "Ruby's bestie Mae"; "playdate with Noor", unless Noor is the family's own
    pet_intro = person.cue_posts({"pet_intro"})
    if pet_intro and strong <= pet_posts:
        return "pet"  # pets have birthdays too ("our retriever Cooper turns 5 today 🐶")
    if strong and person.key not in tagged and _pet_with_birthday(person, views, pet_posts, first_named):
        return "pet"  # "Biscuit turned 3 today 🐾" in a feed where Biscuit only ever leads pet posts
    if not strong and all("after_the" in m.cues for m in person.mentions if m.source is not EvidenceSource.SIDECAR):
        return "place" if geo.places_named(person.name) else "unknown"  # "the Stray", "Year of the Snake"
    likeness = name_likeness(person.name)
    if not strong and person.key not in tagged and likeness < 0.8 and geo.places_named(person.name):
        return "place"
    opens_only = all("sentence_start" in m.cues for m in person.mentions) and likeness < 0.8 and not strong
    # A name leading a post with a pet emoji, or just before the emoji, that nothing else makes a
    # child, is the pet ("Pickle found the sprinkler 🐶", "Good boy Rocket 🐕"), however English a word it is.
    emoji_led = {m.post for m in person.mentions if m.part >= 0 and _by_pet_emoji(person, m, views[m.post], first_named)}
    if not strong and emoji_led and 2 * len(emoji_led) >= len(posts) and person.key not in tagged:
        return "pet"
    if opens_only and person.key not in tagged and (english_rank(person.name) or 10**6) < 20000:
        return "unknown"  # "Meet", "Muddy": an English word opening a sentence
    # A pet post is about the pet when the pet is the first name in it ("Biscuit has had a haircut 🐶").
    pet_led = {p for p in posts if p in pet_posts and first_named.get(p) == person.key}
    if not strong and pet_led and 2 * len(pet_led) >= len(posts) and person.key not in tagged:
        return "pet"
    placey = person.cue_posts(PLACE_CUES)
    label_set = ents.get(person.key, set())
    if not strong and person.key not in tagged and (
            len(placey) * 2 >= len(posts) or ("GPE" in label_set or "LOC" in label_set or "FAC" in label_set)
            and "PERSON" not in label_set and likeness < 0.8):
        return "place"
    score = 2.0 * len(strong) + min(len(posts), 4) + (1.5 if person.key in tagged else 0.0)
    score += 0.5 * len(person.cue_posts({"pair", "possessive"}))
    score -= 1.0 * len(placey)
    if opens_only:
        score -= 1.5
    if "PERSON" in label_set:
        score += 0.5
    unlisted_name = (english_rank(person.name) or 10**6) > 20000  # not an English word: a name the list lacks
    if score * likeness >= 2.0 or (strong and (likeness >= 0.3 or unlisted_name)):
        return "child"
    return "unknown"


def _gender(person: Person, views: dict[str, PostView], child_keys: set[str], cast_by_post) -> str | None:
    boy = girl = 0
    for post in person.posts:
        others = [p for p in cast_by_post.get(post, []) if p.key in child_keys and p.key != person.key]
        if others:
            continue
        text = views[post].all_folded
        boy += len(_BOY.findall(text))
        girl += len(_GIRL.findall(text))
    if boy > girl:
        return "boy"
    if girl > boy:
        return "girl"
    return None


@dataclass
class FeedContext:
    """What the role of a name is judged against: the feed's posts and what is known of them."""

    views: dict[str, PostView]
    pet_posts: set[str]
    tagged: set[str]  # names of accounts tagged (Facebook, Instagram)
    ents: dict[str, set[str]]
    first_named: dict[str, str]
    surname_keys: set[str]
    by_post: dict[str, list[Person]] = field(default_factory=dict)
    post_counts: dict[str, int] = field(default_factory=dict)  # person key -> posts naming them
    text_posts: int = 0  # posts with any words
    face_labelled: set[str] = field(default_factory=set)  # names the owner gave faces (Google Photos)
    grand_share: float = 0.0  # share of the posts that make the poster a grandparent, aunt or uncle (roles.grand_share)


def gather_people(views: Sequence[PostView], ents: dict[str, set[str]] | None = None
                  ) -> tuple[dict[str, Person], FeedContext, Found]:
    """Every name of the feed pooled into people (nicknames joined), before any role is decided."""
    ents = ents or {}
    by_view = {v.id: v for v in views}
    said = [m for view in views for m in find_mentions(view)]
    surnames = kept_surnames(find_surnames(views), said, ents, roles.text_posts(views))
    surname_keys = {fold(s) for s in surnames}
    mentions = [m for m in said if m.key not in surname_keys]
    tagged: set[str] = set()
    face_labelled: set[str] = set()
    tag_titles: dict[str, str] = {}
    for view in views:
        for tag in view.people:
            words = tag.split()
            if not words:
                continue
            if fold(words[0]) in lx.KIN_TITLES and len(words) > 1:
                tag_titles[fold(words[1])] = words[0]
                continue
            # the owner's names for faces (children's most of all) are no accounts tagged
            (face_labelled if face_labels(view) else tagged).add(fold(words[0]))
    people: dict[str, Person] = {}
    for m in mentions:
        person = people.setdefault(m.key, Person(key=m.key, name=m.name))
        person.mentions.append(m)
        if m.title and not person.title:
            person.title = m.title
    for key, title in tag_titles.items():
        if key in people and not people[key].title:
            people[key].title = title
    _add_tag_mentions(views, people, surname_keys)
    _merge_second_names(people, by_view)  # first: "Pat Landreneau" makes no nickname of Landry's
    _merge_aliases(people, by_view)
    pet_posts = {v.id for v in views if _post_has_pet_context(v)}
    first_named: dict[str, str] = {}
    first_starts: dict[str, int] = {}
    for person in people.values():
        for m in person.mentions:
            if m.part == 0 and "character" not in m.cues:
                current = first_named.get(m.post)
                if current is None or m.start < first_starts[m.post]:
                    first_named[m.post], first_starts[m.post] = person.key, m.start
    ctx = FeedContext(views=by_view, pet_posts=pet_posts, tagged=tagged, face_labelled=face_labelled, ents=ents,
                      first_named=first_named,
                      surname_keys=surname_keys, by_post=_index_by_post(people),
                      post_counts={key: len(p.posts) for key, p in people.items()},
                      text_posts=roles.text_posts(views), grand_share=roles.grand_share(views))
    return people, ctx, surnames


_SIGNING_TITLES = roles.alternation(lx.KIN_TITLES - lx.VAGUE_KIN_TITLES)
#: A kin title its writer signs a comment with: "Love from Grandma xx", "Grandma loves you", "- Poppa"; the title
#: ends the words there ("from Nana's", "love Nana's cooking", "Grandad says hi" speak of someone else).
_SIGNED_TITLE = re.compile(r"(?i:\b(?:from|love|luv)\s*,?\s+|[-–—]\s*)(?P<t>(?i:" + _SIGNING_TITLES + r"))\b"
                           r"(?:\s*(?i:and|&)\s+(?P<and>(?i:" + _SIGNING_TITLES + r"))\b)?"
                           r"(?=\s*(?:(?i:x+o*|xo+)\b|[^\w\s'’]|$))"
                           r"|\b(?P<u>(?i:" + _SIGNING_TITLES + r"))\s+(?i:loves|misses)\s+(?i:you|u|ya)\b")


def _title_signed_in_comments(person: Person, views: dict[str, PostView]) -> str | None:
    """The one kin title a relative signs their own comments with ("Carol Wrightson: ... Love from Grandma"):
    the title the family calls them by, so a bare "Grandma" elsewhere is Carol, not another relative."""
    signed = set()
    for m in person.mentions:
        view = views.get(m.post)
        if view is None or not 0 <= m.part < len(view.parts) or not view.parts[m.part].name.startswith("extra"):
            continue
        text = view.parts[m.part].text
        if roles.writes_comment(text, m.start, m.end):
            # "from Poppa and Nana" is signed by two: only a title signed alone says which one writes
            signed |= {(s["t"] or s["u"]).capitalize() for s in _SIGNED_TITLE.finditer(text, m.end) if not s["and"]}
    return signed.pop() if len(signed) == 1 else None


def _index_by_post(people: dict[str, Person]) -> dict[str, list[Person]]:
    by_post: dict[str, list[Person]] = defaultdict(list)
    for person in people.values():
        for post in person.posts:
            by_post[post].append(person)
    return dict(by_post)


def _name_likeliest_parent(people: dict[str, Person], odds: dict[str, float], floor: float) -> None:
    """The name likeliest a parent among ``odds`` (names under the parents' floor whose likeliest role is parent)
    is a parent from ``floor`` on; it leaves ``odds`` once named."""
    if not odds:
        return
    key = max(odds, key=odds.get)
    if odds[key] >= floor:
        people[key].role, people[key].confidence = "parent", odds.pop(key)


def build_cast(views: Sequence[PostView], ents: dict[str, set[str]] | None = None) -> Cast:
    """Decide who every name of the feed is. ``ents`` maps folded words to spaCy entity labels."""
    people, ctx, surnames = gather_people(views, ents)
    model = roles.model_for(ctx.text_posts)
    floors = roles.floors_for(model.meta.get("floors"), ctx.grand_share) if model is not None else {}
    odds: dict[str, dict[str, float]] = {"child": {}, "parent": {}}  # likeliest a child or parent, under its floor
    for person in people.values():
        if model is None:
            person.role = _classify(person, ctx.views, ctx.pet_posts, ctx.tagged | ctx.face_labelled, ctx.ents,
                                    ctx.first_named, ctx.surname_keys)
        else:
            probs = model.probabilities(roles.person_features(person, ctx))
            role, person.confidence = roles.decide(probs, model.threshold, floors)
            person.role = _ROLE_OF.get(role, "unknown")
            if person.role == "pet" and not roles.sure_of_pet(person.confidence, len(person.posts)):
                person.role = "unknown"
            likeliest = max(probs, key=probs.get)
            if role == "none" and likeliest in ("child", "parent"):
                odds[likeliest][person.key] = probs[likeliest]
    if not any(p.role == "child" for p in people.values()):
        # a family's feed is about its children: when no name clears the threshold, the likeliest ones are
        for key, p in odds["child"].items():
            if p >= roles.CHILD_WHEN_NONE:
                people[key].role, people[key].confidence = "child", p
    if not any(p.role == "parent" for p in people.values()):
        # a family has parents: when no name clears the parents' floor, the one likeliest a parent is one
        _name_likeliest_parent(people, odds["parent"], roles.PARENT_WHEN_NONE)
    _merge_parent_aliases(people, ctx.views)  # one parent under two names is one parent: look for the other
    if sum(p.role == "parent" for p in people.values()) == 1 and ctx.grand_share < roles.GRAND_SHARE:
        # and most often two: the one other name likeliest a parent, if the model is near sure of it; not in a
        # grandparent's or an aunt's feed, where the parents are the poster's children and their partners
        _name_likeliest_parent(people, odds["parent"], roles.SECOND_PARENT)
        _merge_parent_aliases(people, ctx.views)
    _pair_with_children(people)
    _friends_siblings(people, ctx.views)
    _merge_child_aliases(people, ctx)
    by_post = _index_by_post(people)
    child_keys = {p.key for p in people.values() if p.role == "child"}
    for person in people.values():
        if person.role == "child":
            person.gender = _gender(person, ctx.views, child_keys, by_post) or _name_gender(person.name)
    for person in people.values():
        _hyphenated_name_first(person, ctx.views)
        if person.role == "relative" and not person.title:
            person.title = _title_signed_in_comments(person, ctx.views)
    ordered = sorted(people.values(), key=lambda p: _first_index(p, views))
    return Cast(people=ordered, surnames=surnames, by_post=by_post, ents=ctx.ents)


#: Cues that a name is said as someone else's than the family's child: a friend, a guest, an adult.
_SOMEONE_ELSE = frozenset({"friend", "playdate", "parent", "adult", "character", "pet_intro"})


def _hyphenated_name_first(person: Person, views: dict[str, PostView]) -> None:
    """"Carla-Marié", "Kerry-Ann": a hyphen makes one first name of two, so the dossier names the person
    by it, not by its first half (which stays an alias). Done once roles are decided: the role model
    learned from the first halves' counts in the name lists. Only one such name, never said as someone
    else's ("Carla and her friend Carla-Mariélle"), and never chosen among two ("Anne-Marie", "Anne-Sophie")."""
    joined = [a for a in person.aliases if fold(a).startswith(person.key + "-") and " " not in a]
    if len(joined) != 1:
        return
    hyphenated = joined[0]
    rest = hyphenated[len(person.name):]
    for m in person.mentions:
        view = views.get(m.post)
        if view is None or m.part < 0:
            continue
        if fold(view.parts[m.part].text[m.end:m.end + len(rest)]) == fold(rest) and m.cues & _SOMEONE_ELSE:
            return
    person.aliases = (person.aliases - {hyphenated}) | {person.name}
    person.name = hyphenated


#: The model's roles as the engine names them ("none" and "surname": nobody to report).
_ROLE_OF = {"child": "child", "parent": "parent", "relative": "relative", "other_child": "other_child",
            "adult": "adult", "pet": "pet", "character": "character", "place": "place"}


def _pair_with_children(people: dict[str, Person]) -> None:
    """A name joined to a child's ("Alfie & Teddy", "Isla and Finn") is a sibling, when it is a name."""
    children = [p for p in people.values() if p.role == "child"]
    for person in people.values():
        if person.role != "unknown":
            continue
        # a name the first-name list lacks (many African and Asian names) is still a name when it is no
        # English word and no place: "Thabo & Lerato"
        unlisted = (english_rank(person.name) or 10**6) > 20000 and not geo.places_named(person.name)
        if name_likeness(person.name) < 0.6 and not unlisted:
            continue
        for m in person.mentions:
            for child in children:
                if any(c.part == m.part and ("pair" in c.cues and 0 < m.start - c.end <= 7
                                             or "pair" in m.cues and 0 < c.start - m.end <= 7)
                       for c in child.in_post(m.post)):
                    person.role = "child"


_SIBLING_OF = re.compile(r"([A-Z][\w'’\-]+)\s+(?:and|&|with|\+)\s+(?:his|her|their)\s+"
                         r"(?:(?:little|big|baby|older|younger|twin|kid)\s+)?(?:sister|brother|sis|bro|siblings?)\s*$")


def _friends_siblings(people: dict[str, Person], views: dict[str, PostView]) -> None:
    """ "Playdate with Arjun and his little sister Diya": a friend's child's sibling is no child of ours."""
    owners = {p.key: p.role for p in people.values()}
    for person in people.values():
        if person.role not in ("child", "unknown") or person.cue_posts({"age", "birthday", "ours", "born", "tagged", "face_label"}):
            continue
        if len(person.posts) != 1:
            continue
        for m in person.mentions:
            if m.part < 0:
                continue
            text = views[m.post].parts[m.part].text
            hit = _SIBLING_OF.search(text[max(0, m.start - 60):m.start])
            if hit and owners.get(fold(re.sub(r"(?:'s|’s)$", "", hit[1]))) == "other_child":
                person.role = "other_child"
                break


def _name_gender(name: str) -> str | None:
    from kidsafe.engine.gazetteer import girl_share

    share = girl_share(name)
    if share is None:
        return None
    return "girl" if share > 0.8 else "boy" if share < 0.2 else None


def _first_index(person: Person, views: Sequence[PostView]) -> int:
    order = {v.id: i for i, v in enumerate(views)}
    return min((order.get(p, 0) for p in person.posts), default=0)


#: The platform whose people are the owner's names for faces (Google Photos), not accounts tagged.
FACE_LABEL_PLATFORM = GOOGLE_PHOTOS


def face_labels(view: PostView) -> bool:
    """Whether the post's people are face labels: on Facebook and Instagram a tag names an account, mostly
    an adult's; in Google Photos the owner names every face, the children's most of all. The role model reads
    a face label as a plain mention: the corpus has too few Takeout voices to learn more of it."""
    return view.post.platform == FACE_LABEL_PLATFORM


def _add_tag_mentions(views: Sequence[PostView], people: dict[str, Person], surname_keys: set[str]) -> None:
    """Names tagged on posts and photos (Takeout `people`) count as mentions from the sidecar."""
    for view in views:
        cue = "face_label" if face_labels(view) else "tagged"
        for tag in view.people:
            words = tag.split()
            if not words or fold(words[0]) in lx.KIN_TITLES:
                continue
            first = words[0]
            key = fold(first)
            if key in surname_keys:
                continue
            person = people.setdefault(key, Person(key=key, name=first))
            if len(words) > 1:
                person.aliases.add(tag)
                person.surname = person.surname or words[-1]
            person.mentions.append(Mention(
                name=first, key=key, post=view.id, source=EvidenceSource.SIDECAR, start=0, end=0, part=-1,
                cues=frozenset({cue}), excerpt=f"tagged on the photo as {tag}"))


def _merge_aliases(people: dict[str, Person], views: dict[str, PostView]) -> None:
    """Join nicknames into the fuller name (Bea and Bella into Isabella) when neither has a role cue."""
    # the longest name first, but a place no one is named after last ("Char" is Charlotte, not Charlottetown)
    keys = sorted(people, key=lambda k: (_a_place_only(people[k]), -len(k)))
    for short in sorted(people, key=len):
        if short not in people:
            continue
        p_short = people[short]
        if p_short.title or any(m.cues & _SOMEONE_ELSE for m in p_short.mentions):
            continue
        for long in keys:
            if long == short or long not in people or len(long) < len(short):
                continue
            p_long = people[long]
            if p_long.title or any(m.cues & _SOMEONE_ELSE for m in p_long.mentions):
                continue
            if _is_alias_key(short, long, p_short.name, p_long.name) and not _said_together(p_short, p_long, views) \
                    and not _other_surnames(p_short, p_long) and not _named_as_a_place(p_long, p_short):
                _absorb(people, *aliases.kept_and_joined(p_short, p_long))
                break


#: Cues that say a capitalised word names a place: "Windermere Park", "in Windermere".
_PLACE_CUES = frozenset({"place_word_after", "after_place_preposition", "school_word_after"})
#: Fewer babies than this bear a name (the first-name list's count): no given name.
_RARE_NAME_COUNT = 30


def _a_place_only(person: Person) -> bool:
    """A place of the gazetteer that fewer babies than `_RARE_NAME_COUNT` bear."""
    return name_count(person.name) < _RARE_NAME_COUNT and geo.is_place_name(person.name)


def _named_as_a_place(person: Person, shorter: Person) -> bool:
    """A place of the gazetteer that is no given name is no nickname's full name when said as a place each
    time ("Indi" is no "Windermere", said "Windermere Park"), nor the full name of a common given name, a
    name in its own right ("Charlotte" is no "Charlottetown")."""
    if not _a_place_only(person):
        return False
    return name_count(shorter.name) >= _GIVEN_NAME_COUNT or all(m.cues & _PLACE_CUES for m in person.mentions)


#: A word given to more babies than this (the first-name list's count) is a given name, not a family name.
_GIVEN_NAME_COUNT = 10_000


def _other_surnames(a: Person, b: Person) -> bool:
    """Both names are written in full with a family name, and never the same one: "Becky Fairclough" (a
    comment's writer) is no "Rebecca Lomax", "Rob Whitaker" no "Robin Hood". A last word that is a common
    given name is a middle name ("Oakley Jean"), and a mention's next word too often no family name
    ("Slava Ukraini"), so only the full names count."""
    def surnames(person: Person) -> set[str]:
        return {fold(alias.split()[-1]) for alias in person.aliases
                if " " in alias and name_count(alias.split()[-1]) < _GIVEN_NAME_COUNT}
    return bool(surnames(a)) and bool(surnames(b)) and not surnames(a) & surnames(b)


def _absorb(people: dict[str, Person], full: Person, nickname: Person) -> None:
    """The nickname's person becomes an alias of the fuller name's, its mentions with it."""
    full.aliases |= {nickname.name, *nickname.aliases}
    full.mentions.extend(nickname.mentions)
    del people[nickname.key]


def _merge_parent_aliases(people: dict[str, Person], views: dict[str, PostView]) -> None:
    """Two parents who are one parent under two names ("Chelle" in the comments, "Rochelle" in a caption;
    "Carol", "Caroline") become one, under the fuller name. Before roles are known a parent's cue words keep
    names apart (`_SOMEONE_ELSE`); once both are parents, a nickname of the other is the same person, unless
    the name lists give them different genders, a caption lists them together ("Jo and Joanne") or both are
    written in full with different family names."""
    parents = sorted((p for p in people.values() if p.role == "parent"), key=lambda p: len(p.key))
    for i, short in enumerate(parents):
        for full in parents[i + 1:]:
            if (full.key in people and short.key in people and is_alias(short.name, full.name)
                    and _same_gender(short.name, full.name) and not _said_together(short, full, views)
                    and not _other_surnames(short, full)):
                full.confidence = max(full.confidence, short.confidence)
                _absorb(people, full, short)
                break


def _merge_child_aliases(people: dict[str, Person], ctx: FeedContext) -> None:
    """Two children who are one child under two names ("Teddy", "Theodore"; "Bashie", "Batsheva") become
    one (`aliases.merge_children`); the cue words that kept them apart before their roles were known no
    longer matter."""
    by_post = _index_by_post(people)
    child_keys = {p.key for p in people.values() if p.role == "child"}
    genders = {key: _gender(people[key], ctx.views, child_keys, by_post) or _name_gender(people[key].name)
               for key in child_keys}
    aliases.merge_children(people, ctx.views, ctx.text_posts, genders, is_alias, _absorb,
                           lambda a, b: _said_together(a, b, ctx.views))


def _merge_second_names(people: dict[str, Person], views: dict[str, PostView]) -> None:
    """A name only ever written right after another ("Matilda Rose", "Ivy-Rae") is that one's second
    name: it becomes part of an alias of the first, not a person of its own."""
    starts: dict[tuple[str, int, int], Person] = {}
    for person in people.values():
        for m in person.mentions:
            if m.part >= 0:
                starts[(m.post, m.part, m.end)] = person
    for key in list(people):
        second = people[key]
        written = [m for m in second.mentions if m.part >= 0]
        if not written or len(written) != len(second.mentions):
            continue
        firsts = set()
        for m in written:
            joined = views[m.post].parts[m.part].text[m.start - 1:m.start] in (" ", "-")
            first = starts.get((m.post, m.part, m.start - 1)) if joined else None
            firsts.add(first.key if first is not None else None)
        if len(firsts) != 1 or None in firsts:
            continue
        first = people.get(firsts.pop())
        if first is None or first is second or len(first.mentions) < len(written) or name_likeness(first.name) < 0.8:
            continue  # "Meet Pickle": the word before must itself be a first name
        m = written[0]
        joiner = views[m.post].parts[m.part].text[m.start - 1]
        first.aliases.add(f"{first.name}{joiner}{second.name}")
        del people[key]


def _said_together(a: Person, b: Person, views: dict[str, PostView]) -> bool:
    """Two names listed in one phrase ("Ella and Isabella", "Ella, Isabella and Noah", "Josiah Malik &
    Jeremiah") are two people, not a nickname. Only names listed with each other count: "Juniper and her
    dance ... Juni says" joins no one."""
    for post in set(a.posts) & set(b.posts):
        for m in a.in_post(post):
            for n in b.in_post(post):
                if m.part != n.part or m.part < 0 or post not in views:
                    continue
                first, second = (m, n) if m.start < n.start else (n, m)
                if aliases.in_one_list(views[post].parts[m.part].text, first.end, second.start, second.end):
                    return True
    return False


def name_counter(people: Sequence[Person]) -> Counter[str]:
    """How often each written form of a person's name appears (for choosing the display name)."""
    return Counter(m.name for p in people for m in p.mentions)
