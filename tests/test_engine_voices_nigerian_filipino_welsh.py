"""Stranger-engine cases in Nigerian, Filipino and Welsh family speech
(twins named in a pair after "the twins", "the twins are six today", "our baby girl X arrived on ...",
"<Name> College" with JSS/SS classes, Welsh Anti/Yncl, "to the best dad, X", "X the sheepdog", the
Urdd as a weekly activity, a town whose name ends in "s").

Names and places here are invented for these tests (no spaCy model needed: docs are empty).
"""

from __future__ import annotations

import pytest

from kidsafe.models import FactKind
from tests.test_engine import child_names, dossier, values, view


def test_the_twins_named_in_a_pair_are_both_children_and_share_the_school():
    d = dossier(
        view("1", "The twins started Primary 1 at Brookvale School 🍎 Oto & Ekene looking so smart",
             "2024-09-10 08:00"),
        view("2", "Sports day at Brookvale 🏃 Ekene came 3rd in the egg and spoon!", "2025-05-17 14:00"),
    )
    assert {"Oto", "Ekene"} <= child_names(d)
    assert values(d, FactKind.SCHOOL, "Oto") == values(d, FactKind.SCHOOL, "Ekene") == {"Brookvale School"}


def test_the_twins_are_n_today_gives_both_named_children_the_age():
    d = dossier(
        view("1", "Our twins Oto and Ekene at the park", "2024-06-01 10:00"),
        view("2", "The twins are six today!!! 🎉 Oto wanted a dinosaur cake, Ekene wanted a rocket",
             "2025-04-12 17:00"),
    )
    for child in ("Oto", "Ekene"):
        assert values(d, FactKind.BIRTHDAY, child) == {"04-12"}
        assert values(d, FactKind.AGE, child) == {"6"}


def test_a_baby_that_arrived_on_a_stated_day_is_born_that_day():
    d = dossier(view("1", "Our baby boy Zubair arrived on 4th March, 3.4kg of joy 💕", "2025-03-05 10:00"))
    assert values(d, FactKind.BIRTHDAY, "Zubair") == {"03-04"}
    assert values(d, FactKind.BIRTH_YEAR, "Zubair") == {"2025"}
    assert values(d, FactKind.AGE, "Zubair") == {"0"}


@pytest.mark.parametrize("caption", [
    "Femi resumed JSS1 at Kingsmead College today 🎒",
    "Femi started at Kingsmead College today, my big boy in secondary school",
])
def test_a_college_in_a_school_post_is_the_school(caption):
    d = dossier(view("1", caption, "2024-09-09 08:00"), view("2", "Femi is 11 today 🎂", "2024-03-01 09:00"))
    assert values(d, FactKind.SCHOOL, "Femi") == {"Kingsmead College"}


def test_welsh_aunt_and_uncle_titles():
    d = dossier(view("1", "Tea at Anti Bethan's 🫖 cake everywhere"), view("2", "Lambing at Yncl Idris's farm 🐑"),
                view("3", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    relatives = values(d, FactKind.RELATIVE)
    assert {"Bethan", "Idris"} <= {name for v in relatives for name in ("Bethan", "Idris") if name in v}, relatives
    assert not {"Bethan", "Idris", "Anti", "Yncl"} & child_names(d)


@pytest.mark.parametrize(("caption", "parent"), [
    ("Happy day to the best dad, Gethin ❤️ love you loads", "Gethin"),
    ("Thank you for being the best Daddy to these three, Chidi ❤️", "Chidi"),
])
def test_the_best_dad_comma_name_is_the_parent(caption, parent):
    d = dossier(view("1", caption, "2024-06-16 12:00"), view("2", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    assert parent in values(d, FactKind.PARENT_NAME)
    assert parent not in child_names(d)


def test_a_name_the_sheepdog_is_a_pet():
    d = dossier(view("1", "Fflur the sheepdog rounding up the children 🐑😂"),
                view("2", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    assert "Fflur" in values(d, FactKind.PET)
    assert "Fflur" not in child_names(d)


def test_the_urdd_is_a_weekly_activity():
    d = dossier(view("1", "Gwion practising for the Urdd every Wednesday 🎤", "2024-10-16 19:00"),
                view("2", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    routines = [f.value for f in d.facts_of_kind(FactKind.ROUTINE)]
    assert any(r["weekday"] == "Wednesday" and r["activity"] == "Urdd" for r in routines), routines


def test_a_town_ending_in_s_keeps_its_s():
    d = dossier(view("1", "Only in Memphis would the school run take an hour 😩", "2024-11-16 19:00"),
                view("2", "Another rainy Saturday in Memphis ☔", "2024-12-07 11:00"),
                view("3", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    towns = values(d, FactKind.TOWN)
    assert "Memphis" in towns and "Memphi" not in towns


@pytest.mark.parametrize("caption", [
    "Christening of baby Noa, our inaanak 🕊️ so blessed",
    "Cuddles with our goddaughter Noa 💕",
])
def test_a_godchild_is_another_familys_child(caption):
    d = dossier(view("1", caption), view("2", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    assert "Noa" not in child_names(d)
    assert "Noa" in values(d, FactKind.OTHER_CHILD)


@pytest.mark.parametrize(("caption", "surname"), [
    ("Christmas Eve with the De Souza clan 🎄", "De Souza"),
    ("Sunday roast with the Van der Meer family", "Van der Meer"),
])
def test_a_family_name_with_a_particle(caption, surname):
    d = dossier(view("1", caption), view("2", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    assert surname in values(d, FactKind.SURNAME)


@pytest.mark.parametrize(("caption", "child"), [
    ("Bubble bath for bunso 🛁", "Rowan"),
    ("Bath time for our youngest 🛁", "Rowan"),
    ("Bath time for our eldest 🛁", "Isla"),
])
def test_the_youngest_or_eldest_is_the_child_of_that_birth_order(caption, child):
    d = dossier(view("1", "Rowan is 3 today 🎂", "2024-02-01 09:00"),
                view("2", "Isla is 9 today 🎂", "2024-04-01 09:00"),
                view("3", caption, "2024-10-01 19:00"))
    assert any(f.value == "bath" for f in d.facts_of_kind(FactKind.SENSITIVE_IMAGE)
               if f.subject == next(c.id for c in d.children if c.name == child))


def _saturday_routines(d):
    return [f.value for f in d.facts_of_kind(FactKind.ROUTINE) if f.value["weekday"] == "Saturday"]


def test_a_palm_tree_at_the_usual_saturday_place_still_counts_for_the_routine():
    park = (9.0581, 7.4951)
    d = dossier(view("1", "Saturday vibes ☀️", "2024-10-12 16:10", gps=park),
                view("2", "Evening stroll 🌴", "2024-10-19 16:00", gps=park),
                view("3", "Fresh air 😌", "2024-10-26 16:20", gps=park),
                view("4", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    assert any(r["time"] and abs(int(r["time"][:2]) * 60 + int(r["time"][3:]) - 16 * 60) <= 60
               for r in _saturday_routines(d)), _saturday_routines(d)


def test_a_holiday_alone_makes_no_routine():
    resort = (8.9606, 98.2925)
    d = dossier(*(view(str(i), "Holiday pool day 🏝️", f"2024-07-{day} 15:00", gps=resort)
                  for i, day in enumerate(("06", "13", "20"))),
                view("9", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    assert not _saturday_routines(d)


@pytest.mark.parametrize(("caption", "child", "age"), [
    ("Penblwydd hapus i Gruffydd yn 4 oed heddiw! 🎂", "Gruffydd", "5"),
    ("Wszystkiego najlepszego Antek! 7 lat dzisiaj 🎂 sto lat", "Antek", "8"),
    ("Party for Kofi's 5th birthday 🎉", "Kofi", "6"),
])
def test_welsh_polish_and_possessive_ordinal_birthdays(caption, child, age):
    d = dossier(view("1", caption, "2024-04-04 17:00"))
    assert child in child_names(d)
    assert (values(d, FactKind.BIRTHDAY, child), values(d, FactKind.AGE, child)) == ({"04-04"}, {age})


def test_a_grandparents_eightieth_is_no_childs_birthday_and_a_mascot_no_child():
    d = dossier(view("1", "Lola Pilar's 80th birthday 🎉 Jollibee came too 🐝", "2024-08-25 20:00"),
                view("2", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    assert child_names(d) == {"Gwion"}
