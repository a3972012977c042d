"""The family's surname (``engine/surnames.py``): from hashtags, plurals and sign-offs."""

from __future__ import annotations

import pytest

from kidsafe.models import FactKind
from tests.engine_feeds import OTHER_POSTS, dossier, values, view


def test_engine_surname_from_hashtag_and_plural():
    d = dossier(view("1", "Merry Christmas from the Hendersons 🎄 #teamhenderson"))
    assert values(d, FactKind.SURNAME) == {"Henderson"}


@pytest.mark.parametrize(("caption", "surname"), [
    ("Happy holidays from the Okonkwos 🎄", {"Okonkwo"}),
    ("Saw the Killers live last night!!", set()),
    ("Nollaig shona from the O'Faolains 🎄", {"O'Faolain"}),
    ("Merry Christmas from the McGarrigle mob ☀️🎄", {"McGarrigle"}),
    ("Meri Kirihimete from the Tane whānau", {"Tane"}),
    ("Big game today #TeamIsaac ⚽", set()),
])
def test_engine_surname_from_a_family_sign_off_only(caption, surname):
    assert values(dossier(view("1", caption)), FactKind.SURNAME) == surname


def test_engine_scots_sign_off_gives_the_family_name():
    d = dossier(view("1", "Merry Christmas fae the Drummonds 🎄", "2024-12-25 10:00"))
    assert values(d, FactKind.SURNAME) == {"Drummond"}


@pytest.mark.parametrize("tag, surname", [("#OwusuTwins", "Owusu"), ("#LockyerWildOnes", "Lockyer"),
                                          ("#NwachukwuXmas", "Nwachukwu")])
def test_engine_a_family_hashtag_gives_the_surname(tag, surname):
    d = dossier(view("1", f"Christmas morning chaos {tag}"), view("2", "Ama is 4 today", "2024-03-01 09:00"))
    assert surname in values(d, FactKind.SURNAME)


def test_engine_a_hashtag_of_everyday_words_gives_no_surname():
    d = dossier(view("1", "Messy play again #ToddlerLife #SundayFunday"), view("2", "Ama is 4 today", "2024-03-01"))
    assert values(d, FactKind.SURNAME) == set()


def test_parents_signing_off_with_the_family_name_give_the_surname():
    d = dossier(view("1", "Happy birthday Riley, love Mummy & Daddy Kowalczyk xx", "2024-05-22 19:10"), *OTHER_POSTS)
    assert values(d, FactKind.SURNAME) == {"Kowalczyk"}


@pytest.mark.parametrize(("caption", "surname"), [
    ("Christmas Eve with the De Souza clan 🎄", "De Souza"),
    ("Sunday roast with the Van der Meer family", "Van der Meer"),
])
def test_a_family_name_with_a_particle(caption, surname):
    d = dossier(view("1", caption), view("2", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    assert surname in values(d, FactKind.SURNAME)


def test_french_family_name_without_a_plural():
    d = dossier(view("1", "Réveillon. Les Gagnon, all 4 of us 🎄"), view("2", "Noé is 6 today 🎂", "2024-02-01 09:00"))
    assert values(d, FactKind.SURNAME) == {"Gagnon"}
    d = dossier(view("1", "Les Petits Explorateurs summer camp"), view("2", "Noé is 6 today 🎂", "2024-02-01 09:00"))
    assert not values(d, FactKind.SURNAME)


def test_a_surname_tagged_on_two_people_is_the_family_s_and_one_friend_tagged_often_is_not():
    from kidsafe.engine.surnames import find_surnames

    def tagged(*people):
        return [view(str(i), f"Park day {i}", people=tuple(p)) for i, p in enumerate(people)]

    feed = tagged(["Nathan Kerr", "Tania Walsh"], ["Huia Kerr", "Tania Walsh"], ["Tania Walsh"], ["Tania Walsh"])
    assert set(find_surnames(feed)) == {"Kerr"}
    # the only surname tagged more than once is the family's, even if one person carries it
    assert set(find_surnames(tagged(["Steph Fenwick"], ["Steph Fenwick"], ["Jo Marsh"]))) == {"Fenwick"}
    assert set(find_surnames(tagged(["Steph Fenwick"], ["Steph Fenwick"], ["Jo Marsh"], ["Jo Marsh"]))) == set()


def test_a_tagged_surname_is_counted_whatever_its_case():
    from kidsafe.engine.surnames import find_surnames

    feed = [view(str(i), "Park day", people=tuple(p)) for i, p in
            enumerate([["Tania Walsh"], ["tania Walsh"], ["Nathan Kerr"], ["Nathan Kerr"]])]
    assert set(find_surnames(feed)) == set()  # two surnames each tagged on one person twice: neither is sure
