"""The family name: "from the Parkers", "#TeamJones", "#smithfamily", tagged full names, OCR."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from kidsafe import geo
from kidsafe.engine import learned
from kidsafe.engine import lexicon as lx
from kidsafe.engine.gazetteer import is_known_first_name, name_count
from kidsafe.engine.mentions import Mention
from kidsafe.engine.roles import SMALL_FEED
from kidsafe.engine.text import english_rank, fold, split_hashtag
from kidsafe.engine.views import PostView
from kidsafe.models import EvidenceSource, Span

GROUP_WORDS = lx.word_tuple("people", "family_group_words")
_GROUP_WORD = r"(?:" + "|".join(GROUP_WORDS) + r")\b"
#: A family name as written: "Henderson", and the Irish and Scottish forms "O'Sullivan", "McBride", "MacLeod".
_FAMILY_NAME = r"((?:O['’]|Ma?c)?[A-Z][a-z\u00C0-\u024F]{2,})"
#: "the Parkers"; not before a family word: "the Hollis household" is the Hollis family (`_THE_GROUP`), not the Holli.
_THE_PLURAL = re.compile(r"\b(?:the|The)\s+" + _FAMILY_NAME + r"s\b(?!\s+" + _GROUP_WORD + r")")
#: "from the Parkers", "love, the Joneses": a family signing off. Elsewhere "the Killers" may be a band.
_SIGN_OFF = re.compile(r"(?:from|fae|frae|fra|love|with|regards|wishes|xx|x)\W*\s*$", re.IGNORECASE)
#: Particles that open a two-word family name ("the Delos Reyes clan", "the Van der Berg family", "the De Souza fam").
_PARTICLE = r"(?:(?:De|Del|Dela|Delos|De\s+la|De\s+los|Van|Van\s+der|Van\s+den|Von|Di|Da|Dos|Das|Al|El|Bin|Ten|Ter)\s+)"
_THE_GROUP = re.compile(r"\b(?:the|The)\s+(" + _PARTICLE + r"?" + _FAMILY_NAME + r")\s+" + _GROUP_WORD)
#: French and Spanish family names take no plural: "Les Bouchard", "Los Ortega", "la famille Roy".
_ARTICLE_FAMILY = re.compile(r"(?<!\w)(?:(?:[Ll]es|[Ll]os)|(?:[Ll]a\s+)?(?:[Ff]amille|[Ff]amilia))\s+" + _FAMILY_NAME
                             + r"(?![\w'’\-])(?!\s+[A-Z])")
#: Parents signing off with the family name: "love, Mummy & Daddy Kowalczyk", "from Mum and Dad Okafor".
_PARENTS_SIGN_OFF = re.compile(r"(?i:\b(?:love|from|lots of love|all our love|xx+)\W*\s*"
                               r"(?:mummy|mum|mommy|mom|mama|daddy|dad|papa)\s*(?:&|and|\+)\s*"
                               r"(?:mummy|mum|mommy|mom|mama|daddy|dad|papa)\s+)" + _FAMILY_NAME + r"\b")
_OCR_FULL_NAME = re.compile(r"^\s*([A-Z][A-Za-z\u00C0-\u024F]+)\s+([A-Z][A-Za-z\u00C0-\u024F'\-]{2,})\s*$")

#: How a sighting from a tag on a person is quoted ("tagged as Sean Kerr"); `_way` reads it back.
TAGGED_AS = "tagged as "
#: A name given to this many babies after "#team" is a child cheered on before it is a family name.
CHEERED_NAME_COUNT = 1000

#: Family name -> (post, source, excerpt, span of the name where it was read in words) for each sighting.
Found = dict[str, list[tuple[str, EvidenceSource, str, Span | None]]]


def _plausible(word: str) -> bool:
    key = fold(word)
    return (len(key) >= 3 and key not in lx.NOT_NAMES and key not in lx.PLACE_WORDS
            and key not in lx.CHARACTERS and key not in lx.KIN_TITLES and key not in lx.PARENT_WORDS
            and key not in lx.WEEKDAY_FORMS)


#: Words that follow a family name in a family's own hashtag ("#OwusuTwins", "#WhitfieldZoo") or, in
#: some languages, come before it ("#KeluargaAzhar", "#FamiliaRuiz").
FAMILY_TAG_AFTER = frozenset(GROUP_WORDS) | lx.word_set("people", "family_tag_after")
FAMILY_TAG_BEFORE = lx.word_set("people", "family_tag_before")


def _tag_word(word: str, least_rank: int = 20000) -> bool:
    """A word a family tag may carry as its name: no common English word (none ranked before ``least_rank``), no
    lexicon word. A town's name or a given name may be a family's too ("#WhitfieldZoo", "#CampbellChristmas"): the
    surname model weighs those."""
    key = fold(word)
    return (_plausible(word) and key not in lx.CHILD_WORDS and key not in lx.PET_WORDS
            and (english_rank(word) or 10**6) > least_rank)


def _family_word(word: str) -> bool:
    """A word that could be a family name: no English word, no common first name, no place, no lexicon word."""
    return (_tag_word(word) and (english_rank(word) or 10**6) > 40000 and name_count(word) < CHEERED_NAME_COUNT
            and not geo.places_named(word))


def _from_family_tag(tag: str) -> str | None:
    """ "#OwusuTwins", "#LockyerWildOnes", "#KeluargaAzhar": a family name beside family words."""
    words = [w for w in split_hashtag(tag) if w]
    if len(words) < 2:
        return None
    if all(w in FAMILY_TAG_AFTER for w in words[1:]) and _tag_word(words[0]):
        return words[0]
    if all(w in FAMILY_TAG_BEFORE for w in words[:-1]) and _tag_word(words[-1]):
        return words[-1]
    return None


def _from_hashtag(tag: str) -> str | None:
    words = [w for w in split_hashtag(tag) if w]
    low = fold(tag)
    if low.startswith("team") and len(low) > 6:
        return tag[4:].lower()  # as written, accents kept ("#TeamSíofra")
    for group in GROUP_WORDS:
        if low.endswith(group) and len(low) > len(group) + 2:
            front = low[: -len(group)]
            front = front[3:] if front.startswith("the") and len(front) > 5 else front
            return front[:-1] if front.endswith("s") and len(front) > 4 and not front.endswith("ss") else front
    if len(words) >= 3 and words[0] == "the" and words[-1] in GROUP_WORDS:
        return "".join(words[1:-1])
    return None


def _sighting(view: PostView, part: int, m: re.Match[str], said_from: int | None = None
              ) -> tuple[str, EvidenceSource, str, Span]:
    """A family name read in words: the phrase (from ``said_from``, a sign-off's first word) as excerpt, the name
    (group 1) as its span."""
    excerpt = m[0] if said_from is None else view.parts[part].text[said_from:m.end()]
    return view.id, view.parts[part].source, excerpt, view.span(part, m.start(1), m.end(1))


#: In this many posts' captions a word said alone is a first name, not a family's name.
FIRST_NAME_POSTS = 3
_CAPTION_WORD = re.compile(r"(?<![#@\w'’])[^\W\d_][\w'’\-]*|[^\w\s]")


def _said_as_first_names(views: Sequence[PostView]) -> set[str]:
    """Folded words the captions say alone as a name ("Síofra into 3rd class") in `FIRST_NAME_POSTS` posts or more:
    capitalised, not after "the", "Team" or another capitalised word ("Aoife Maguire"), not before another
    capitalised word or a family word ("Maguire family day out")."""
    posts: Counter[str] = Counter()
    for view in views:
        words = _CAPTION_WORD.findall(view.caption)
        alone = set()
        for i, word in enumerate(words):
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            if (word[:1].isupper() and not before[:1].isupper() and fold(before) != "the"
                    and not after[:1].isupper() and fold(after) not in FAMILY_TAG_AFTER):
                alone.add(fold(word))
        posts.update(alone)
    return {word for word, n in posts.items() if n >= FIRST_NAME_POSTS}


def find_surnames(views: Sequence[PostView]) -> Found:
    """Family names the feed gives away, with the posts and the words that give them."""
    found: Found = defaultdict(list)
    weak: Found = defaultdict(list)
    said_alone: set[str] | None = None  # read from every caption, so only once a tag names a family
    for view in views:
        for index, part in enumerate(view.parts):
            if part.source is EvidenceSource.OCR:
                continue

            for m in _THE_GROUP.finditer(part.text):
                if _plausible(m[2]):
                    found[m[1]].append(_sighting(view, index, m))
            for m in _ARTICLE_FAMILY.finditer(part.text):
                word = m[1]
                if (_plausible(word) and not re.search(r"[sx]$", word) and (english_rank(word) or 10**6) > 20000
                        and not geo.places_named(m[0].strip())):
                    found[word].append(_sighting(view, index, m))
            for m in _PARENTS_SIGN_OFF.finditer(part.text):
                if _plausible(m[1]):
                    found[m[1]].append(_sighting(view, index, m))
            for m in _THE_PLURAL.finditer(part.text):
                if _plausible(m[1]):
                    window = max(0, m.start() - 20)
                    signed = _SIGN_OFF.search(part.text[window:m.start()])
                    sighting = _sighting(view, index, m, window + signed.start() if signed else None)
                    (found if signed else weak)[m[1]].append(sighting)
        for tag, span in view.hashtag_spans():
            name = _from_hashtag(tag) or _from_family_tag(tag)
            if name and _plausible(name) and name not in ("our", "my", "the"):
                said_alone = _said_as_first_names(views) if said_alone is None else said_alone
                # "#TeamNoah" cheers a child on: a first name after "team" counts once known from elsewhere, as
                # does any tag's name the captions say as a first name ("Síofra is like a dog with two tails")
                cheer = (fold(tag).startswith("team") and name_count(name) >= CHEERED_NAME_COUNT
                         or fold(name) in said_alone)
                (weak if cheer else found)[name.capitalize()].append((view.id, EvidenceSource.HASHTAG, "#" + tag, span))
    # a surname tagged on two people is a family's ("Nathan Kerr", "Huia Kerr"); one friend or in-law tagged
    # often ("Tania Walsh" x4) is one person, whose name is the family's only when no other surname is tagged
    # more than once
    tagged: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[str, str] = {}
    for tag in (t for v in views for t in v.people):
        words = tag.split()
        if len(words) > 1 and fold(words[0]) not in lx.KIN_TITLES:
            tagged[fold(words[-1])][fold(words[0])] += 1
            written.setdefault(fold(words[-1]), words[-1])
    often = [key for key, firsts in tagged.items() if sum(firsts.values()) >= 2]
    known = {fold(k) for k in found}
    for key, firsts in tagged.items():
        if len(firsts) >= 2 or often == [key] or key in known:
            for view in views:
                for tag in view.people:
                    if len(tag.split()) > 1 and fold(tag.split()[-1]) == key:
                        found[written[key]].append((view.id, EvidenceSource.SIDECAR, TAGGED_AS + tag, None))
    for name, items in weak.items():
        if fold(name) in {fold(k) for k in found}:
            found[name].extend(items)  # "the Parkers" counts once the name is known from elsewhere
    _add_ocr(views, found)
    return _merge_case(found)


def _add_ocr(views: Sequence[PostView], found: Found) -> None:
    """Family names read in a photo: a full name ("SAM HENDERSON") confirms one found otherwise; a sign naming the
    family ("THE PEMBERTON FAMILY", "Welcome to the Okonkwos" on a door), or a certificate's full name whose given
    name the captions say of someone ("Awarded to AVA PEMBERTON"), gives one of its own."""
    known = {fold(k) for k in found}
    said: set[str] | None = None  # read from every caption, so only once a certificate is seen
    for view in views:
        certificate = any(_CERTIFICATE.search(p.text) for p in view.parts if p.source is EvidenceSource.OCR)
        if certificate and said is None:
            said = _names_said(views)
        for index, part in enumerate(view.parts):
            if part.source is not EvidenceSource.OCR:
                continue
            m = _OCR_FULL_NAME.match(part.text)
            if m and is_known_first_name(m[1]) and (fold(m[2]) in known):
                found[m[2].capitalize()].append((view.id, EvidenceSource.OCR, part.text.strip(),
                                                 view.span(index, m.start(2), m.end(2))))
                continue
            spans = _sign_names(part.text) + (_certificate_names(part.text, said) if said and certificate else [])
            for start, end in spans:
                name = _sign_case(part.text[start:end])
                found[name].append((view.id, EvidenceSource.OCR, part.text.strip(), view.span(index, start, end)))


#: A sign is a few words: a longer line (a book's page, a poster's blurb) says "the Xs" of anyone.
SIGN_WORDS = 6
#: "The Pemberton Family" as a sign is written: the family word capitalised too.
_SIGN_GROUP = re.compile(r"\b(?:the|The)\s+(" + _PARTICLE + r"?" + _FAMILY_NAME + r")\s+(?i:" + _GROUP_WORD + r")")
#: "The Okonkwos" on a door, not before a family word ("The Hughes Family" is the Hughes family, not the Hughe).
_SIGN_PLURAL = re.compile(r"\b(?:the|The)\s+((?:O['’]|Ma?c)?[A-Z][a-z\u00C0-\u024F]{2,}?)(?:e?s)\b"
                          r"(?!\s+(?i:" + _GROUP_WORD + r"))")
#: Words of a certificate in a photo: only there is a full name the child's own ("Awarded to AVA PEMBERTON").
_CERTIFICATE = re.compile(r"(?i)\b(?:awarded|presented|certificate|certifies|achievement|congratulations|"
                          r"star of the week|well done|diploma|graduate[sd]?|this is to)\b")


def _sign_case(line: str) -> str:
    """A line read in a photo as a name is written: words in capitals as "Pemberton", "O'Brien", "McBride"; words
    in mixed case as they are ("McBride" stays). Every character keeps its place, so spans hold."""
    def one(m: re.Match[str]) -> str:
        word = m[0]
        if not word.isupper():
            return word
        word = word[0] + word[1:].lower()
        return re.sub(r"^(O['’]|Ma?c)([a-z])", lambda p: p[1] + p[2].upper(), word) if len(word) > 4 else word
    return re.sub(r"[\w'’\-]+", one, line)


def _sign_names(line: str) -> list[tuple[int, int]]:
    """Where a short line read in a photo names a family ("THE PEMBERTON FAMILY", "Welcome to the Okonkwos"). A
    name only in the plural must be no English word, place or common given name ("THE BAKERS", "The Willows", "THE
    ACORNS" are a shop, a house and a nursery room); with a family word it may be commoner ("THE PARKER FAMILY")."""
    text = _sign_case(line)
    if len(text.split()) > SIGN_WORDS:
        return []
    out = [m.span(1) for m in _SIGN_GROUP.finditer(text) if _sign_word(m[2])]
    out += [m.span(1) for m in _SIGN_PLURAL.finditer(text) if _family_word(m[1]) and _sign_word(m[1])]
    return out


#: How common in English a family's name on a sign may be: "The Parker Family" is a family, "Deck the Halls" a carol.
SIGN_ENGLISH_RANK = 5000


def _sign_word(word: str) -> bool:
    """A name a sign may give: a family tag's word, if commoner in English, and no franchise ("THE SMURFS")."""
    key = fold(word)
    return (_tag_word(word, SIGN_ENGLISH_RANK) and key + "s" not in lx.CHARACTERS
            and key + " family" not in lx.CHARACTERS)


#: Words that stand before a grown-up's name on a certificate ("Signed", "Mrs Sarah Okafor", "Teacher: ...").
_TITLED = re.compile(r"(?i)\b(?:mr|mrs|ms|miss|dr|teacher|signed|head|headteacher|principal|coach)\b\W*$")


def _certificate_names(line: str, said: set[str]) -> list[tuple[int, int]]:
    """Where a certificate's line read in a photo gives the family name after a given name the captions say
    ("Awarded to AVA PEMBERTON", "Ava Grace Pemberton"): the line is the full name alone, or the name follows "to" or
    "for"; its last word is rare in English and as a given name ("Ava Grace" says no family), and no possessive."""
    text = _sign_case(line)
    words = list(re.finditer(r"[\wÀ-ɏ'’\-]+", text))
    out = []
    for i, first in enumerate(words):
        if fold(first[0]) not in said or _TITLED.search(text[:first.start()]):
            continue
        before = text[:first.start()].strip()
        if before and not re.search(r"(?i)\b(?:to|for)\W*$", before):
            continue
        for j in range(i + 1, min(i + 3, len(words))):
            last = words[j]
            if text[words[j - 1].end():last.start()].strip() or not last[0][:1].isupper():
                break
            if (_tag_word(last[0]) and name_count(last[0]) < CHEERED_NAME_COUNT and fold(last[0]) not in said
                    and not re.search(r"['’]s$", last[0]) and not text[last.end():].strip(" .!")):
                out.append(last.span())
                break
            if not is_known_first_name(last[0]):
                break
    return out


def _names_said(views: Sequence[PostView]) -> set[str]:
    """Given names the feed's own words say of someone: a capitalised known first name inside a sentence, not
    opening it ("May half term fun" says no May), and the first names of people tagged."""
    said = {fold(m[1]) for v in views for p in v.parts if p.source is not EvidenceSource.OCR
            for m in re.finditer(r"(?<=[\w,] )([A-Z][\wÀ-ɏ]+)", p.text)}
    said |= {fold(t.split()[0]) for v in views for t in v.people if t.split()}
    return {w for w in said if is_known_first_name(w)}


def _merge_case(found: Found) -> Found:
    merged: Found = {}
    names: dict[str, str] = {}
    for name, items in found.items():
        key = fold(name)
        display = names.setdefault(key, name[:1].upper() + name[1:])
        merged.setdefault(display, [])
        seen = {i[:3] for i in merged[display]}  # one sighting per excerpt, whichever span came first
        for item in items:
            if item[:3] not in seen:
                seen.add(item[:3])
                merged[display].append(item)
    return merged


#: Set by `kidsafe.learn.train_surnames` to a list: every family name the patterns find, with its features.
RECORDER: list[tuple[str, dict[str, float]]] | None = None


def kept_surnames(found: Found, mentions: Sequence[Mention], ents: dict[str, set[str]], text_posts: int) -> Found:
    """The family names the learned surname model (`models/surnames.npz`) believes, of those the patterns found:
    "#SwimFam", "the Rovers" and "#TheBostonCrew" name no family. In a feed too small for the model (it
    learned from whole feeds, `roles.SMALL_FEED`), or without it, every name found is kept."""
    if text_posts < SMALL_FEED:
        return found
    model = learned.shipped("surnames")
    if model is None and RECORDER is None:
        return found
    as_person: Counter[str] = Counter(m.key for m in mentions)  # the word said as a person, wherever
    after_given: Counter[str] = Counter(fold(m.surname) for m in mentions if m.surname)
    kept: Found = {}
    for name, items in found.items():
        key = fold(name)
        feats = surname_features(name, items, as_person[key], after_given[key], ents.get(key, set()))
        if RECORDER is not None:
            RECORDER.append((name, feats))
        # read in a photo (a sign on the door, a child's certificate): the corpus has no photos to teach the model
        # that way, and a stranger needs no model to read a family's name off its own door
        in_photo = any(source is EvidenceSource.OCR for _, source, _, _ in items)
        if model is None or in_photo or model.probabilities(feats)["surname"] >= model.threshold:
            kept[name] = items
    return kept


#: Words that sign a post off from a family ("from the Kesslers", Scots "fae the Drummonds").
_FROM = frozenset({"from", "fae", "frae", "fra"})
#: The ways of finding a family name that a stranger reads as the family's own words or tags: the safe share
#: rewrites a name found so even when the dossier does not claim it ("love the Canucks" is a fan's).
STRONG_WAYS = frozenset({"family_tag", "signed", "tagged", "photo"})


def _way(source: EvidenceSource, excerpt: str) -> str:
    """How a sighting gave the name: a "#Team…" tag, another family tag, "the Xs", "the X family", the family
    signing ("from the Xs", "Les X", "love, Mum and Dad X"), other words before "the Xs" ("love the Xs"), a tag
    on a person, a photo."""
    if source is EvidenceSource.HASHTAG:
        return "team_tag" if fold(excerpt).startswith("#team") else "family_tag"
    if source is EvidenceSource.OCR:
        return "photo"
    if excerpt.startswith(TAGGED_AS):
        return "tagged"
    words = re.findall(r"[\w'’]+", fold(excerpt))  # "the O'Sullivans" is two words
    if words and words[0] == "the":
        return "the_plural" if len(words) == 2 else "the_group"
    # the family signing its own name is one way ("from the Kesslers", "love, the Okafors", "love, Mum and Dad
    # Okafor", "Les Tremblay": the last ones are rare in the corpus, apart the model could learn nothing of them);
    # "love the Rovers", "with the Flames" may be a fan's words
    signed = (_PARENTS_SIGN_OFF.search(excerpt) or _ARTICLE_FAMILY.match(excerpt)
              or words and (words[0] in _FROM or re.match(r"\W*[\w']+\s*,", excerpt)))
    return "signed" if signed else "sign_off"


def strongly_found(items: Sequence[tuple[str, EvidenceSource, str, Span | None]]) -> bool:
    """Whether some sighting of a family name is one of `STRONG_WAYS`."""
    return any(_way(source, excerpt) in STRONG_WAYS for _, source, excerpt, _ in items)


def surname_features(name: str, items: Sequence[tuple[str, EvidenceSource, str, Span | None]], as_person: int,
                     after_given: int, labels: set[str]) -> dict[str, float]:
    """What tells a family's name from a word that only looks like one: how the feed gives it (family tags,
    "the Xs", tags on people), how often, and what else the word is (an English word, a town, a given name).
    Few features, most of them numbers: the corpus holds one or two family names a voice."""
    posts = {post for post, *_ in items}
    ways = Counter(_way(source, excerpt) for _, source, excerpt, _ in items)
    rank = english_rank(name) or 10**6
    feats: dict[str, float] = {"bias": 1.0, "posts": math.log10(1 + len(posts)),
                               "said_as_person": math.log10(1 + as_person), "after_given": float(after_given > 0),
                               "english_word": float(rank < 10000), "rare_english_word": float(10000 <= rank < 40000),
                               "common_given_name": float(name_count(name) >= 1000)}
    for way, n in ways.items():
        feats[f"way:{way}"] = n / len(items)
    if len(ways) > 1:
        feats["ways:several"] = 1.0
    if _family_word(name):
        feats["family_word"] = 1.0  # no English word, common given name, place or lexicon word: "Okonkwo"
    if geo.places_named(name):
        feats["place_name"] = 1.0
    key = fold(name)
    if key in lx.CHILD_WORDS or key in lx.PET_WORDS:
        feats["lexicon_word"] = 1.0
    for label in labels:
        feats[f"ent:{label}"] = 1.0
    return feats
