"""More stranger-engine cases: venues and streets that hold a town's name, "<Name> School" names,
pets called by an English word, friends at playdates, the other parent thanked on Mother's Day,
the activity said next to the weekday, and trips named "<Place> weekend".

Names and places here are invented for these tests (no spaCy model needed: docs are empty).
"""

from __future__ import annotations

import pytest

from kidsafe.models import FactKind
from tests.test_engine import child_names, dossier, values, view

BIRTHDAY = ("b", "Rowan is 7 today 🎂", "2024-03-02 17:00")


def birthday_view():
    return view(*BIRTHDAY)


#: A venue's or a street's name that holds a place's is no town.
NOT_TOWNS = ("Evening swim at Hillsborough Aquatic Centre with Rowan", "Rowan's skating lesson at Hillsborough Community Rink",
             "Rowan at the Hillsborough Public Library for story hour", "Swim night with Rowan at 12 Hillsborough Rd")
#: An activity's or a season's school is no school.
NOT_SCHOOLS = ("Summer School starts today for Rowan 🎒", "Rowan's first Swim School lesson 🎒 loved it",
               "Forest School on a school day 🎒 Rowan came home muddy")


@pytest.mark.parametrize(("caption", "kind", "word"), [(c, FactKind.TOWN, "Hillsborough") for c in NOT_TOWNS]
                         + [(c, FactKind.SCHOOL, "School") for c in NOT_SCHOOLS])
def test_names_that_are_no_town_and_no_school(caption, kind, word):
    d = dossier(view("1", caption), birthday_view())
    assert not any(word in v for v in values(d, kind))


def test_a_town_centre_keeps_its_town():
    d = dossier(view("1", "Rowan and I had lunch in Kingston Town Centre"), birthday_view())
    assert values(d, FactKind.TOWN) == {"Kingston"}


@pytest.mark.parametrize(("caption", "school"), [
    ("First day of grade 3 at Maple Hollow Public School! 🎒 Rowan", "Maple Hollow Public School"),
    ("First day of term 2 at Tōtara Park School 🎒 Rowan", "Tōtara Park School"),
    ("Back to class at Redfern High School for Rowan, year 7 already", "Redfern High School"),
])
def test_a_capitalised_school_after_a_name_in_a_school_post_is_the_school(caption, school):
    d = dossier(view("1", caption, "2024-09-03 08:20"), birthday_view())
    assert values(d, FactKind.SCHOOL) == {school}


def test_a_school_name_does_not_give_its_first_words_as_the_town():
    d = dossier(view("1", "First day at Willow Creek Elementary School 🎒 Rowan"), birthday_view())
    assert values(d, FactKind.SCHOOL) == {"Willow Creek Elementary School"}
    assert not values(d, FactKind.TOWN)


def test_the_class_a_school_post_names_picks_the_child_of_that_age():
    d = dossier(
        view("1", "Ivy is 4 today 🎂", "2024-06-10 17:00"),
        view("2", "Rowan is 7 today 🎂", "2024-08-20 17:00"),
        view("3", "First day of grade 2 at Larchmont Public School 🎒 Ivy was so jealous she wanted to go too",
             "2024-09-03 08:20"))
    assert values(d, FactKind.SCHOOL, "Rowan") == {"Larchmont Public School"}
    assert not values(d, FactKind.SCHOOL, "Ivy")


@pytest.mark.parametrize(("caption", "kind", "name"), [
    ("Walrus found the sprinkler 🐶💦", FactKind.PET, "Walrus"),  # an English word leading a pet-emoji post
    ("Burrito's first Halloween costume 🐶🌮 he hated it", FactKind.PET, "Burrito"),
    ("Muddy paws again, Walrus 🐕 straight onto the sofa", FactKind.PET, "Walrus"),  # just before the emoji
    ("Playdate with Rowan’s best bud Tobias 🦖🦖", FactKind.OTHER_CHILD, "Tobias"),  # a friend's child
    ("Playdate with Anouk this afternoon, so much glitter", FactKind.OTHER_CHILD, "Anouk"),
])
def test_a_pet_or_a_friend_is_no_child_of_the_family(caption, kind, name):
    d = dossier(view("1", caption), birthday_view())
    assert values(d, kind) == {name}
    assert child_names(d) == {"Rowan"}


@pytest.mark.parametrize("caption", ["Meet Clementine 🐰 the newest member of the family",
                                     "Rowan watched it again. Every. Single. Episode. 🐶"])
def test_an_everyday_word_by_a_pet_emoji_is_no_pet(caption):
    d = dossier(view("1", caption), birthday_view())
    assert not values(d, FactKind.PET) - {"Clementine"}


def test_a_playdate_with_the_family_s_own_child_keeps_the_child():
    d = dossier(view("1", "Playdate with Rowan and the neighbours"), birthday_view())
    assert child_names(d) == {"Rowan"}
    assert not values(d, FactKind.OTHER_CHILD)


@pytest.mark.parametrize("caption", [
    "Mother’s Day brunch — thank you Anselm for letting me sleep in 💐",
    "Father's Day! Thanks Anselm for the lie-in",
])
def test_the_one_thanked_on_mother_s_or_father_s_day_is_the_other_parent(caption):
    d = dossier(view("1", caption), birthday_view())
    assert values(d, FactKind.PARENT_NAME) == {"Anselm"}
    assert child_names(d) == {"Rowan"}


def test_the_activity_said_next_to_the_weekday_is_the_routine():
    d = dossier(view("1", "Rowan's first dance recital 🩰💖 Ballet every Saturday since September"),
                birthday_view())
    routines = values(d, FactKind.ROUTINE)
    assert any("'ballet'" in r and "Saturday" in r for r in routines)
    assert not any("'dance'" in r for r in routines)


def test_the_activity_in_the_weekday_s_own_clause_is_the_routine():
    d = dossier(view("1", "Gymnastics every Thursday, soccer on weekends - Rowan is busy"), birthday_view())
    assert any("'gymnastics'" in r and "Thursday" in r for r in values(d, FactKind.ROUTINE))


def test_a_place_weekend_is_a_trip_and_the_home_town_wins():
    d = dossier(view("1", "Port Lavaca weekend 🌊 Rowan built a sandcastle", "2024-07-27 11:00"),
                view("2", "Bluebonnet season in Kingston 💙 the whole crew", "2025-03-15 10:00"),
                birthday_view())
    assert values(d, FactKind.TOWN) == {"Kingston"}
