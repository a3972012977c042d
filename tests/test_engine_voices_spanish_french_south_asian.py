"""Stranger-engine cases in Spanish and French family speech (ages in
"años"/"ans", "Feliz cumpleaños", "Bonne fête", "les jumelles", mémère/pépère, bisabuela, "Les Gagnon"),
South Asian nicknames and kin ("Tanu" of "Tanvi", Chachu), hashtag ages ("#NameAge5"), a country's
day that is nobody's birthday, a place's second word ("Santa Ana"), a friend's child's sibling, a
daycare named after a lower-case type word ("la garderie Les ..."), and more weekly activities.

Names and places here are invented for these tests (no spaCy model needed: docs are empty).
"""

from __future__ import annotations

import pytest

from kidsafe.models import FactKind
from tests.test_engine import child_names, dossier, values, view


@pytest.mark.parametrize(("caption", "posted", "child", "birthday", "age"), [
    ("Feliz cumpleaños a mi princesa Ximena!! 7 años 🎂👑", "2024-05-10 18:00", "Ximena", "05-10", "8"),
    ("Sept ans aujourd'hui. Bonne fête mon grand Mathis 🎂", "2024-03-21 17:00", "Mathis", "03-21", "8"),
])
def test_spanish_and_french_birthdays_give_the_age(caption, posted, child, birthday, age):
    d = dossier(view("1", caption, posted))
    assert child in child_names(d)
    assert (values(d, FactKind.BIRTHDAY, child), values(d, FactKind.AGE, child)) == ({birthday}, {age})


def test_a_hashtag_gives_the_named_childs_age():
    d = dossier(view("1", "Our boy Raphaël at the rink 🏒", "2024-01-10 18:00"),
                view("2", "Cake time aujourd'hui 🎂 #RaphaelAge5 #dadlife", "2024-03-03 17:00"))
    assert values(d, FactKind.BIRTHDAY, "Raphaël") == {"03-03"}
    assert values(d, FactKind.BIRTH_YEAR, "Raphaël") == {"2019"}


def test_french_twins_with_their_birthday():
    d = dossier(view("1", "Happy 3rd birthday les jumelles 🎂 Maëlle & Inès #twins", "2024-08-02 17:00"))
    assert {"Maëlle", "Inès"} <= child_names(d)
    assert "Les" not in child_names(d)
    assert values(d, FactKind.AGE, "Maëlle") == values(d, FactKind.AGE, "Inès") == {"3"}


def test_a_countrys_day_is_nobodys_birthday():
    d = dossier(view("1", "Bonne fête Canada & happy 4th birthday to Elodie 🇨🇦🎂", "2024-07-01 17:00"))
    assert child_names(d) == {"Elodie"}
    assert values(d, FactKind.AGE, "Elodie") == {"4"}


@pytest.mark.parametrize(("caption", "relative"), [
    ("Souper chez mémère Huguette 🍲 #famille", "Huguette"),
    ("Cabane à sucre avec pépère Réjean 🍁", "Réjean"),
    ("Altar for bisabuela Inés 🕯️🌼", "Inés"),
    ("Holi hai! the kids vs Chachu Arjun 🌈", "Arjun"),
    ("Quinceañera for prima Yesenia 👗", "Yesenia"),
])
def test_more_kin_titles(caption, relative):
    d = dossier(view("1", caption), view("2", "Noé is 6 today 🎂", "2024-02-01 09:00"))
    assert any(relative in v for v in values(d, FactKind.RELATIVE)), values(d, FactKind.RELATIVE)
    assert relative not in child_names(d)


def test_the_second_word_of_a_place_is_nobody():
    d = dossier(view("1", "Sunday tacos in our Santa Rosa backyard 🌮 with Noé"),
                view("2", "Super Bowl with the kids, Santa Rosa represent!!"),
                view("3", "Noé is 6 today 🎂", "2024-02-01 09:00"))
    assert child_names(d) == {"Noé"}


def test_french_family_name_without_a_plural():
    d = dossier(view("1", "Réveillon. Les Gagnon, all 4 of us 🎄"), view("2", "Noé is 6 today 🎂", "2024-02-01 09:00"))
    assert values(d, FactKind.SURNAME) == {"Gagnon"}
    d = dossier(view("1", "Les Petits Explorateurs summer camp"), view("2", "Noé is 6 today 🎂", "2024-02-01 09:00"))
    assert not values(d, FactKind.SURNAME)


def test_fathers_day_to_the_best_papi_names_him():
    d = dossier(view("1", "Happy Father's Day to the best papi, Ernesto ❤️ los niños te aman", "2024-06-16 10:00"),
                view("2", "Noé is 6 today 🎂", "2024-02-01 09:00"))
    assert values(d, FactKind.PARENT_NAME) == {"Ernesto"}


def test_a_pet_named_after_its_breed_word():
    d = dossier(view("1", "Our chihuahua Pancho stole the tamales again 🐶😂"),
                view("2", "Noé is 6 today 🎂", "2024-02-01 09:00"))
    assert values(d, FactKind.PET) == {"Pancho"}


def test_a_friends_little_sister_is_not_our_child():
    d = dossier(view("1", "Playdate with Devan and his little sister Tara 🎈"),
                view("2", "Noé is 6 today 🎂", "2024-02-01 09:00"))
    assert "Tara" not in child_names(d)
    assert "Tara" in values(d, FactKind.OTHER_CHILD)


def test_a_south_asian_pet_name_in_u_joins_the_full_name():
    d = dossier(view("1", "Our Tanu turns four today! 🎂 love you, Tanvi", "2025-01-12 11:00"),
                view("2", "Tanvi's first day of LKG 🎒", "2024-06-12 08:30"))
    assert child_names(d) == {"Tanvi"}


@pytest.mark.parametrize(("caption", "weekday", "activity"), [
    ("Every Wednesday ballet folklórico 💃 she loves her falda", "Wednesday", "ballet folklórico"),
    ("Bal Vihar every Sunday 🙏 a new shloka", "Sunday", "Bal Vihar"),
    ("Hockey tous les mardis soir 🏒 #hockeydad", "Tuesday", "hockey"),
])
def test_more_weekly_activities_and_weekdays(caption, weekday, activity):
    d = dossier(view("1", caption, "2024-05-04 10:00"), view("2", "Noé is 5 today", "2024-02-01 09:00"))
    routines = [f.value for f in d.facts_of_kind(FactKind.ROUTINE)]
    assert any(r["weekday"] == weekday and r["activity"] == activity for r in routines), routines


def test_a_daycare_after_a_lower_case_type_word_goes_to_the_twins_it_names():
    d = dossier(
        view("1", "Happy 2nd birthday to our twins Maëlle & Inès 🎂", "2024-07-01 17:00"),
        view("2", "Our boy Noé is 5 today 🎂", "2024-02-01 09:00"),
        view("3", "Pickup at the garderie Les Petits Hiboux. The twins ran out screaming.", "2024-09-20 16:30"),
    )
    assert values(d, FactKind.SCHOOL, "Maëlle") == values(d, FactKind.SCHOOL, "Inès") != set()
    assert not values(d, FactKind.SCHOOL, "Noé")
