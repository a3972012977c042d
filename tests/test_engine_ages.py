"""Ages and birthdays said tersely: a number standing alone as the post's first sentence, and a
caption written all in capitals, whose child's name shouts with it."""

from __future__ import annotations

from kidsafe.models import FactKind
from tests.test_engine import child_names, dossier, values, view

OTHER_POSTS = (view("2", "Riley and Zaid at the park again", "2024-08-01 10:00"),
               view("3", "Riley, Zaid and Mason love the beach", "2024-08-02 10:00"))


def test_a_number_standing_alone_in_a_birthday_post_is_the_age():
    d = dossier(view("1", "Thirteen. Teenager in the house. Happy birthday mate. Proud of you Riley",
                     "2024-05-22 19:10"), *OTHER_POSTS)
    assert values(d, FactKind.BIRTHDAY, "Riley") == {"05-22"}
    assert values(d, FactKind.BIRTH_YEAR, "Riley") == {"2011"}


def test_a_number_then_the_childs_full_name_is_the_age_without_a_birthday_word():
    d = dossier(view("1", "Five. Zaid Ali Siddiqui. Best thing I did.", "2023-12-02 20:00"), *OTHER_POSTS)
    assert values(d, FactKind.AGE, "Zaid") == {"6"}  # five then, on 2023-12-02; six on 2025-06-01
    assert not values(d, FactKind.AGE, "Riley")


def test_an_opening_number_that_counts_something_else_is_no_age():
    d = dossier(view("1", "Five minutes of peace. Riley asleep on the sofa", "2024-05-19 07:30"), *OTHER_POSTS)
    assert not d.facts_of_kind(FactKind.AGE)


def test_a_caption_all_in_capitals_still_names_its_child():
    d = dossier(view("1", "MY GRANDSON IS 8 YEARS OLD TODAY. HAPPY BIRTHDAY MASON. PROUD OF YOU",
                     "2024-05-19 07:30"), *OTHER_POSTS)
    assert "Mason" in child_names(d)
    assert values(d, FactKind.BIRTHDAY, "Mason") == {"05-19"}
    assert not {"Happy", "Proud", "Grandson"} & child_names(d)


def test_parents_signing_off_with_the_family_name_give_the_surname():
    from tests.test_engine import values as fact_values

    d = dossier(view("1", "Happy birthday Riley, love Mummy & Daddy Kowalczyk xx", "2024-05-22 19:10"), *OTHER_POSTS)
    assert fact_values(d, FactKind.SURNAME) == {"Kowalczyk"}
