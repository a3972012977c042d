"""Stranger-engine leftovers: "the best papa X" on Father's Day, "N years of joy" in a birthday post,
a child who shares a cartoon character's name, "good boy X 🐕" as the dog, "Little ..." starting a
nursery's name, and a two-word given name after a parent word.

Names and places here are invented for these tests (no spaCy model needed: docs are empty).
"""

from __future__ import annotations

import pytest

from kidsafe.models import FactKind
from tests.test_engine import child_names, dossier, values, view

AGE_POST = view("9", "Rangi is 6 today 🎂", "2024-03-01 09:00")


@pytest.mark.parametrize("word", ["papa", "papi", "pa"])
def test_a_father_word_before_a_name_on_fathers_day_is_the_parent(word):
    d = dossier(view("1", f"Happy Father's Day to the best {word} Koro 💙", "2024-09-01 09:00"), AGE_POST)
    assert values(d, FactKind.PARENT_NAME) == {"Koro"}
    assert "Koro" not in child_names(d)


def test_years_of_joy_in_a_birthday_post_is_the_age():
    d = dossier(view("1", "Happy birthday to my Ada! 7 years of joy", "2024-03-01 09:00"))
    assert values(d, FactKind.BIRTHDAY, "Ada") == {"03-01"}
    assert values(d, FactKind.BIRTH_YEAR, "Ada") == {"2017"}


def test_a_child_named_like_a_character_with_a_numbered_birthday_is_a_child():
    d = dossier(view("1", "Party for Elsa's 5th birthday 🎉", "2024-03-01 09:00"))
    assert child_names(d) == {"Elsa"}
    assert values(d, FactKind.BIRTH_YEAR, "Elsa") == {"2019"}


@pytest.mark.parametrize("caption", ["Good boy Bruno 🐕", "Good girl Daisy 🐶", "🐾 Such a good girl Daisy"])
def test_good_boy_or_girl_with_a_pet_emoji_is_the_pet(caption):
    d = dossier(view("1", caption, "2024-03-05 09:00"), AGE_POST)
    assert child_names(d) == {"Rangi"}
    assert len(values(d, FactKind.PET)) == 1


def test_good_boy_without_a_pet_emoji_is_still_a_child():
    d = dossier(view("1", "Good boy Bruno, you were so brave at the dentist", "2024-03-05 09:00"), AGE_POST)
    assert "Bruno" in child_names(d)


@pytest.mark.parametrize("caption, school", [
    ("Rangi's first day at Little Wrens Nursery 🎒", "Little Wrens Nursery"),
    ("Little Pips Kindergarten graduation for Rangi today", "Little Pips Kindergarten"),
    ("First day at Oakfield Primary for Rangi 🎒", "Oakfield Primary School"),
])
def test_little_starting_a_nursery_name_is_kept(caption, school):
    d = dossier(view("1", caption, "2024-09-02 08:00"), AGE_POST)
    assert values(d, FactKind.SCHOOL, "Rangi") == {school}


def test_a_two_word_given_name_after_a_parent_word_is_one_name():
    d = dossier(view("1", "Date night with hubby Jun Hao 🍜", "2024-03-01 20:00"), AGE_POST)
    assert values(d, FactKind.PARENT_NAME) == {"Jun Hao"}


def test_the_family_surname_after_a_parent_word_is_not_part_of_the_given_name():
    d = dossier(view("1", "Hubby Tom Okafor made pancakes for the kids", "2024-03-01 09:00"),
                view("2", "Rangi Okafor is 6 today 🎂 #TeamOkafor", "2024-03-02 09:00"))
    assert values(d, FactKind.PARENT_NAME) == {"Tom"}
