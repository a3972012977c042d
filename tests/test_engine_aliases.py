"""One child under two names (`engine/aliases.py`) and names said only in hashtags (`mentions`)."""

from __future__ import annotations

import pytest

from kidsafe.engine import aliases
from kidsafe.engine.mentions import Mention, find_mentions
from kidsafe.engine.people import Person, is_alias
from kidsafe.engine.roles import SMALL_FEED
from kidsafe.models import EvidenceSource, FactKind
from tests.engine_feeds import child_names, dossier, view

#: A year of a family with two children: the girl is "Bashie" in every post and "Batsheva" only in her
#: birthday post; her brother is named beside her.
NICKNAME_FEED = [
    ("1", "Bashie painted the whole fence blue, and herself", "2024-01-06 10:00"),
    ("2", "Akiva and Bashie building a fort in the lounge", "2024-01-13 10:00"),
    ("3", "Bashie's first time on the big slide, no fear at all", "2024-01-20 10:00"),
    ("4", "Akiva read his first chapter book on his own", "2024-01-27 10:00"),
    ("5", "Rainy day crafts with Bashie, glitter everywhere", "2024-02-03 10:00"),
    ("6", "Happy 3rd birthday to our Batsheva! Three already 🎂", "2024-02-10 10:00"),
    ("7", "Bashie wore the new wellies to bed", "2024-02-17 10:00"),
    ("8", "Akiva and Bashie at the duck pond feeding the ducks", "2024-02-24 10:00"),
    ("9", "Akiva turned 7 today! Pizza and a water fight 🎂", "2024-03-02 10:00"),
    ("10", "Bashie has decided she is a cat now. We have a cat.", "2024-03-09 10:00"),
    ("11", "Akiva's football match, he scored twice", "2024-03-16 10:00"),
    ("12", "Bashie fell asleep in her dinner again", "2024-03-23 10:00"),
]


def test_aliases_a_full_name_said_once_and_a_nickname_said_all_year_are_one_child():
    d = dossier(*(view(*post) for post in NICKNAME_FEED))
    assert len(NICKNAME_FEED) >= SMALL_FEED  # the learned model decides, not the spelling rule
    names = {c.name: set(c.aliases) for c in d.children}
    assert len(names) == 2 and "Akiva" in names
    girl = next(n for n in names if n != "Akiva")
    assert {girl, *names[girl]} >= {"Bashie", "Batsheva"}


def test_aliases_two_children_named_together_are_never_joined_however_alike_their_names():
    feed = [view(pid, text.replace("Batsheva", "Jeremiah").replace("Bashie", "Josiah"), when)
            for pid, text, when in NICKNAME_FEED]
    feed.append(view("13", "Happy birthday to my boys, Josiah Malik & Jeremiah Kofi 🎂", "2024-04-01 10:00"))
    d = dossier(*feed)
    assert {"Josiah", "Jeremiah"} <= child_names(d) | {a for c in d.children for a in c.aliases}
    assert not any({"Josiah", "Jeremiah"} <= {c.name, *c.aliases} for c in d.children)


def test_aliases_a_boy_and_a_girl_are_two_children_whatever_the_model_says():
    feed = [view(pid, text.replace("Batsheva", "Maxine").replace("Bashie", "Max").replace("Akiva", "Ruby")
                 .replace(" his ", " her ").replace("herself", "himself").replace("she is", "he is")
                 .replace("her dinner", "his dinner"), when) for pid, text, when in NICKNAME_FEED]
    feed.append(view("13", "Our Maxine is 3 today, she wanted a unicorn cake", "2025-02-10 10:00"))
    d = dossier(*feed)
    assert {"Max", "Maxine"} <= child_names(d)


def test_aliases_the_veto_reads_the_pair_the_gap_and_the_genders():
    v = view("1", "Josiah Malik & Jeremiah Kofi, and later Bashie (Batsheva)")
    found = {m.name: m for m in find_mentions(v)}
    person = {n: Person(key=n.lower(), name=n, mentions=[found[n]]) for n in ("Josiah", "Jeremiah", "Bashie",
                                                                               "Batsheva")}
    views, never = {"1": v}, (lambda a, b: False)
    assert not aliases.may_be_one_child(person["Josiah"], person["Jeremiah"], views, {}, never)  # "&"
    assert aliases.may_be_one_child(person["Bashie"], person["Batsheva"], views, {}, never)  # brackets
    assert not aliases.may_be_one_child(person["Bashie"], person["Batsheva"], views,
                                        {"bashie": "boy", "batsheva": "girl"}, never)
    assert not aliases.may_be_one_child(person["Bashie"], person["Batsheva"], views, {}, lambda a, b: True)


def test_aliases_the_words_between_two_names_say_whether_they_are_one_child_or_two():
    text = "Happy birthday Batsheva (Bashie), and hugs to Josiah Malik & Jeremiah"
    v = view("1", text)
    mentions = {m.name: m for m in find_mentions(v)}
    people = {n: Person(key=n.lower(), name=n, mentions=[mentions[n]]) for n in ("Batsheva", "Bashie", "Josiah",
                                                                                 "Jeremiah")}
    views = {"1": v}
    gaps, apart = aliases._gaps_between(people["Bashie"], people["Batsheva"], views)
    assert gaps == {"bracket"} and apart == 0
    gaps, apart = aliases._gaps_between(people["Jeremiah"], people["Josiah"], views)
    assert gaps == {"and"} and apart == 1


def test_aliases_only_the_two_names_joined_by_and_are_said_together():
    """"Bashie and her fort ... Batsheva": an "and" after one name joins it to no other name."""
    from kidsafe.engine.people import _said_together

    v = view("1", "Bashie and her new fort. Batsheva, you are 3 today! Akiva and Bashie played all day")
    found = {}
    for m in find_mentions(v):
        found.setdefault(m.name, []).append(m)
    person = {n: Person(key=n.lower(), name=n, mentions=found[n]) for n in ("Bashie", "Batsheva", "Akiva")}
    views = {"1": v}
    assert not _said_together(person["Bashie"], person["Batsheva"], views)
    assert _said_together(person["Akiva"], person["Bashie"], views)


@pytest.mark.parametrize(("caption", "together"), [
    ("Ella, Isabella and Noah at the farm", True),   # a list: every two names in it are two people
    ("Ella Rose, Isabella & Noah at the farm", True),
    ("Isabella, Ella n Noah at the farm", True),
    ("Ella and Isabella at the farm", True),
    ("Ella, you are 3 today! Isabella made the cake", False),  # a comma that lists no one
    ("Ella, Isabella. Noah and the dog", False),
    ("Ella, Isabella and me at the farm", True),  # a list that ends in the writer
    ("Ella, Isabella and their cousin at the farm", True),
    ("Ella, Isabella is 3 today", False),
])
def test_aliases_names_in_one_list_are_said_together(caption, together):
    from kidsafe.engine.people import _said_together

    v = view("1", caption)
    found = {}
    for m in find_mentions(v):
        found.setdefault(m.name, []).append(m)
    ella, isabella = (Person(key=n.lower(), name=n, mentions=found[n]) for n in ("Ella", "Isabella"))
    assert _said_together(ella, isabella, {"1": v}) is together


def test_a_hyphenated_first_name_is_the_child_s_name_and_cited_whole():
    feed = [("1", "Carla-Marié is 5 today! Unicorn cake 🎂", "2024-05-04 10:00"),
            *((str(i), f"Carla at the park again, week {i}", f"2024-05-{i + 4:02d} 10:00") for i in range(2, 10))]
    d = dossier(*(view(*post) for post in feed))
    assert "Carla-Marié" in child_names(d)
    child = next(c for c in d.children if c.name == "Carla-Marié")
    assert "Carla" in child.aliases
    spans = {e.post: e.span.text for f in d.facts_of_kind(FactKind.CHILD_NAME) for e in f.evidence}
    assert spans["1"] == "Carla-Marié" and spans["2"] == "Carla"


def test_a_hyphenated_name_s_span_never_stops_inside_a_longer_name():
    """The child's "Carla-Marié" is cited whole, but "Carla-Mariélle" in another post holds no "Carla-Marié"."""
    feed = [("1", "Carla-Marié is 5 today! Unicorn cake 🎂"), ("2", "Carla-Mariélle came over. Mariélle loves cake"),
            *((str(i), f"Carla at the park again, week {i}") for i in range(3, 10))]
    d = dossier(*(view(post, text, f"2024-05-{int(post) + 3:02d} 10:00") for post, text in feed))
    spans = {e.post: e.span.text for f in d.facts_of_kind(FactKind.CHILD_NAME) for e in f.evidence}
    assert spans["1"] == "Carla-Marié" and spans["2"] == "Carla"


@pytest.mark.parametrize("second_posts", [
    [("2", "Carla and her best friend Carla-Mariélle at the park")],  # a friend's name, not the child's
    [("2", "Carla-Mariélle at the park"), ("3", "Carla-Marié at the pool")],  # two: neither is chosen
])
def test_a_hyphenated_name_said_as_a_friend_s_or_among_two_does_not_rename_the_child(second_posts):
    feed = [("1", "Carla is 5 today! Unicorn cake 🎂"), *second_posts,
            *((str(i), f"Carla at the park again, week {i}") for i in range(4, 10))]
    d = dossier(*(view(post, text, f"2024-05-{int(post) + 3:02d} 10:00") for post, text in feed))
    assert "Carla" in child_names(d)


def test_aliases_without_a_model_the_spelling_rule_joins_a_nickname_to_its_name():
    charlotte = Person(key="charlotte", name="Charlotte", role="child")
    lottie = Person(key="lottie", name="Lottie", role="child")
    people = {"charlotte": charlotte, "lottie": lottie}
    joined = []
    aliases.merge_children(people, {}, text_posts=SMALL_FEED - 1, genders={}, rule=is_alias,
                           absorb=lambda ps, kept, other: (joined.append((kept.name, other.name)), ps.pop(other.key)),
                           said_together=lambda a, b: False)
    assert joined == [("Charlotte", "Lottie")] and list(people) == ["charlotte"]


@pytest.mark.parametrize(("caption", "name", "cues"), [
    ("🦈🎂 #Kai5 #sharkparty", "Kai", ["age", "hashtag"]),
    ("#HappyBirthdayKai 🎂", "Kai", ["birthday", "hashtag"]),
    ("#tilly on the swings", "Tilly", ["hashtag"]),  # a lower-case tag that is only a name
    ("#KaiAndMia at the beach", "Mia", ["hashtag"]),
    ("#Kai2024 summer", "Kai", ["hashtag"]),  # a year, not an age
])
def test_mentions_first_names_inside_hashtags_with_their_cues(caption, name, cues):
    found = [m for m in find_mentions(view("1", caption)) if m.name == name]
    assert found and found[0].source is EvidenceSource.HASHTAG and sorted(found[0].cues) == cues
    assert caption[found[0].start:found[0].end].lower() == name.lower()  # the span points into the hashtag


@pytest.mark.parametrize("caption", [
    "#BrennanTribe #HollinBrookPrimary #summer #sharkobsessed #TeamReyes", "# #_ ## #123     "#BrennanTribe #HollinBrookPrimary #summer #sharkobsessed #TeamReyes", "# #_ ## #123", "#ĐứcBirthday",#39;",
])
def test_mentions_no_name_from_a_family_s_tag_a_school_s_tag_words_or_odd_tags(caption):
    assert not [m for m in find_mentions(view("1", caption)) if "hashtag" in m.cues]


@pytest.mark.parametrize(("name", "pet_form"), [("Brynn", "Brynnie"), ("Ned", "Neddy"), ("Greer", "Greery")])
def test_aliases_a_pet_ending_said_once_does_not_rename_the_child_said_all_year(name, pet_form):
    feed = [("1", f"{name} painted the whole fence blue, and herself"),
            ("2", f"Happy 7th birthday {name}!! We love you {pet_form} Bear 🎂"),
            *((str(i), f"{name} at the park again, week {i}, Oscar on the swings") for i in range(3, 12))]
    d = dossier(*(view(post, text, f"2024-05-{int(post) + 3:02d} 10:00") for post, text in feed))
    child = next(c for c in d.children if c.name != "Oscar")
    assert child.name == name and pet_form in {a.split()[0] for a in child.aliases}


def test_aliases_kept_name_the_fuller_one_unless_a_pet_form_said_less():
    def person(name, posts):
        p = Person(key=name.lower(), name=name, role="child")
        p.mentions.extend(Mention(name=name, key=p.key, post=str(n), source=EvidenceSource.CAPTION, start=0,
                                  end=len(name), part=0, cues=frozenset()) for n in range(posts))
        return p

    brynn, brynnie = person("Brynn", 5), person("Brynnie", 1)
    assert aliases.kept_and_joined(brynn, brynnie) == (brynn, brynnie)
    gwen, gwennie = person("Gwen", 2), person("Gwennie", 6)  # the pet form is what the feed calls her
    assert aliases.kept_and_joined(gwen, gwennie) == (gwennie, gwen)
    chris, chrissy = person("Chris", 6), person("Chrissy", 1)
    assert aliases.kept_and_joined(chris, chrissy) == (chris, chrissy)
    bea, bella = person("Bea", 9), person("Bella", 1)  # no pet ending: the fuller name stays
    assert aliases.kept_and_joined(bea, bella) == (bella, bea)
