"""Ages, birthdays and birth years (``engine/ages.py``): said in numbers, words and other languages, and
the numbers that are no age."""

from __future__ import annotations

import pytest

from kidsafe.models import FactKind
from tests.engine_feeds import OTHER_POSTS, child_names, dossier, values, view


def test_engine_child_with_age_today_gives_birthday_year_and_age():
    d = dossier(view("1", "Our boy Leo turned 4 today 🎂 where did that go", "2024-03-09 18:00"))
    assert child_names(d) == {"Leo"}
    assert values(d, FactKind.BIRTHDAY, "Leo") == {"03-09"}
    assert values(d, FactKind.BIRTH_YEAR, "Leo") == {"2020"}
    assert values(d, FactKind.AGE, "Leo") == {"5"}


@pytest.mark.parametrize(("caption", "posted", "birthday"), [
    ("A day late but happy birthday to our girl Maisie, 6 years old and fierce", "2024-07-21 09:00", "07-20"),
    ("Happy 3rd birthday Arlo!! 🎈", "2024-11-02 19:00", "11-02"),
    ("Freya is SEVEN 🎉 seven years of chaos", "2024-01-15 12:00", "01-15"),
    ("Rosie turned TWO yesterday 🥳", "2024-08-10 08:00", "08-09"),
])
def test_engine_birthday_phrasings(caption, posted, birthday):
    d = dossier(view("1", caption, posted))
    assert len(d.children) == 1
    assert values(d, FactKind.BIRTHDAY) == {birthday}


@pytest.mark.parametrize(("caption", "age"), [
    ("Beach day for Max (4) and Ivy (2)", None),
    ("Max is 6 months old today and already crawling", None),
    ("Max is 5 minutes late for everything", None),
    ("Max's game at the rink, 3:15 today", None),  # a clock time, not fifteen today
    ("Max starts Year 2 today!", None),  # a school year begun, no birthday
    ("Max moved up to Stage 5 today at swimming", None),
    ("Max is in grade 1 today and loving it", None),
    ("Max kicked 3 today, proud of him", None),  # after another word, "3 today" counts goals
    ("Top 3 today for Max at the gala", None),
    ("Hot one today, Max in the paddling pool", None),
    ("Max is 3 feet tall today", None),  # a measure
])
def test_engine_ages_not_misread(caption, age):
    d = dossier(view("1", caption), view("2", "Our boy Max is 3 today", "2024-01-10 09:00"))
    assert values(d, FactKind.BIRTHDAY, "Max") == {"01-10"}
    assert values(d, FactKind.AGE, "Max") == {"4"}


def test_engine_code_in_a_caption_gives_no_age():
    """"alert(1)" is no child aged one: an age in brackets follows a name and a space ("Mia (6)")."""
    d = dossier(view("1", "<script>alert(1)</script> Mia's 6th birthday today!", "2024-05-01 10:00"))
    assert values(d, FactKind.BIRTH_YEAR, "Mia") == {"2018"} and values(d, FactKind.BIRTHDAY, "Mia") == {"05-01"}


def test_engine_a_friends_birthday_is_no_birthday_of_the_child_it_names():
    """"Happy 5th birthday to Olivia's bestie!!" (the friend unnamed, as after a name is taken out) is the friend's."""
    d = dossier(view("1", "Olivia and her new scooter", "2024-05-14 10:00"),
                view("2", "Happy 5th birthday to Olivia's bestie!! soft play chaos", "2024-06-15 10:00"))
    assert values(d, FactKind.BIRTHDAY, "Olivia") == set() and values(d, FactKind.AGE, "Olivia") == set()


def test_engine_twins_share_a_birthday():
    d = dossier(view("1", "Happy 2nd birthday to our twins Alfie & Teddy 🎂🎂", "2024-04-04 10:00"))
    assert child_names(d) == {"Alfie", "Teddy"}
    assert values(d, FactKind.BIRTHDAY, "Alfie") == values(d, FactKind.BIRTHDAY, "Teddy") == {"04-04"}


@pytest.mark.parametrize(("caption", "posted", "birthday", "year"), [
    ("Bit late posting but Rory turned seven on the 2nd of March 🎂", "2024-03-05 20:00", "03-02", "2017"),
    ("Ines turned 4 on March 2nd, party this weekend", "2024-03-06 20:00", "03-02", "2020"),
    ("Welcome to the world, Thea Grace 💗 born 11/04 at 3:12am, 3.2kg", "2024-11-04 12:00", "11-04", "2024"),
    ("Welcome to the world Thea 💙 born on the 30th of December", "2025-01-01 09:00", "12-30", "2024"),
])
def test_engine_birthday_from_a_stated_date_or_a_birth(caption, posted, birthday, year):
    d = dossier(view("1", caption, posted))
    assert len(d.children) == 1
    assert values(d, FactKind.BIRTHDAY) == {birthday}
    assert values(d, FactKind.BIRTH_YEAR) == {year}


@pytest.mark.parametrize(("caption", "posted", "child", "birthday", "year"), [
    ("He's here. Mateusz Jan, born Sunday night, 3.4kg. All home, all tired.", "2024-12-10 09:00", "Mateusz",
     "12-08", "2024"),
    ("Our Yusuf turned 9 on Saturday 🎉 Happy birthday my jaan", "2024-05-20 19:00", "Yusuf", "05-18", "2015"),
    ("Our daughter Oksana was born two nights ago, on Tuesday at 3.10 in the morning", "2023-11-16 20:00", "Oksana",
     "11-14", "2023"),
])
def test_engine_a_birth_or_birthday_on_a_weekday_just_past_is_dated_that_day(caption, posted, child, birthday, year):
    d = dossier(view("1", caption, posted), view("2", f"{child}'s first smile 🥹", "2025-04-01 10:00"))
    assert values(d, FactKind.BIRTHDAY, child) == {birthday}
    assert values(d, FactKind.BIRTH_YEAR, child) == {year}


@pytest.mark.parametrize("caption", [
    "Happy 5th birthday Leo! Nana arrived on Friday for the party 🎂",
    "Happy 5th birthday Leo! He turned the corner on Saturday after a week of colds 🎂",
])
def test_engine_a_weekday_said_of_something_else_in_a_birthday_post_dates_nothing_else(caption):
    d = dossier(view("1", caption, "2024-05-20 18:00"), view("2", "Leo at the park again", "2024-05-01 10:00"),
                view("3", "Leo loves the beach", "2024-05-03 10:00"))
    assert values(d, FactKind.BIRTHDAY, "Leo") <= {"05-20"}


@pytest.mark.parametrize(("caption", "posted", "birthday"), [  # 2024-06-04 is a Tuesday
    ("Leo turned 5 today 🎂 party on Sunday with all his mates", "2024-06-04 18:00", {"06-04"}),
    ("Happy birthday Leo! 6 today 🎂 Grandad turned 70 on Saturday too", "2024-06-04 18:00", {"06-04"}),
    ("Grandad turned 70 on Saturday and Leo (6) baked him a cake 🎂", "2024-06-04 18:00", set()),
    ("Our Leo was born on Tuesday at 4am 💙", "2024-06-04 18:00", {"06-04"}),
    ("Leo turned 9 on Saturday 🎂", "2024-06-01 18:00", {"06-01"}),
    ("Welcome to the world Leo 💙 born on Mummy's 30th birthday!", "2024-06-04 18:00", {"06-04"}),
    ("Just after midnight Leo was born 💙 3.4kg", "2024-06-04 18:00", {"06-04"}),
    ("Throwback to Leo's 3rd birthday 2 years ago 🎂", "2024-06-04 18:00", set()),
])
def test_engine_the_review_s_birthdays(caption, posted, birthday):
    d = dossier(view("1", caption, posted), view("2", "Leo at the park again", "2024-05-01 10:00"),
                view("3", "Leo loves the beach", "2024-05-03 10:00"))
    assert values(d, FactKind.BIRTHDAY, "Leo") == birthday


def test_engine_a_name_and_number_tag_outside_a_birthday_post_is_no_age():
    d = dossier(view("1", "Leo scored his first goal today!! ⚽ #Leo7 #U9", "2024-06-04 18:00"),
                view("2", "Leo at the park again", "2024-05-01 10:00"),
                view("3", "Leo loves the beach", "2024-05-03 10:00"))
    assert not values(d, FactKind.AGE, "Leo")


def test_engine_n_years_ago_in_a_birthday_post_looks_back_on_the_birth():
    d = dossier(view("1", "TEN years ago this morning I held my first grandchild 💕 Happy 10th birthday Kiriana!",
                     "2026-03-14 09:00"))
    assert values(d, FactKind.BIRTHDAY, "Kiriana") == {"03-14"}
    assert values(d, FactKind.BIRTH_YEAR, "Kiriana") == {"2016"}


def test_engine_a_neighbours_birthday_since_a_child_was_born_dates_no_birth():
    d = dossier(view("1", "Aunty Tatu next door turned 60 today 🎉 feeding my children over the wall since Idi was born",
                     "2025-01-31 18:00"),
                view("2", "Idi is 8 today 🎂", "2024-05-14 09:00"))
    assert values(d, FactKind.BIRTHDAY, "Idi") == {"05-14"}


def test_engine_a_friend_at_the_party_in_another_sentence_leaves_the_birthday_the_childs():
    d = dossier(view("1", "FOUR today! Happy birthday to our Mirren 💛 Dino cake and her friend Elspeth from nursery "
                          "over for a party tea.", "2025-06-08 19:00"),
                view("2", "Mirren on the swings again", "2025-05-01 10:00"),
                view("3", "Mirren loves the beach", "2025-05-03 10:00"))
    assert values(d, FactKind.BIRTHDAY, "Mirren") == {"06-08"}


def test_engine_a_birthday_said_twice_outvotes_a_siblings_post_that_names_the_child():
    d = dossier(view("1", "Happy 2nd birthday to our Aoife, named for her Nana (nobody has called me that name in "
                          "years). Two years ago today you came along and made your brother Liam a very bossy big "
                          "brother.", "2025-04-17 19:00"),
                view("2", "Happy 5th birthday Liam!! Five years old today and starting school tomorrow.",
                     "2025-09-03 18:30"),
                view("3", "Liam is SIX! Born six years ago today in a thunderstorm 🎂", "2026-09-03 18:30"))
    assert values(d, FactKind.BIRTHDAY, "Liam") in ({"09-03"}, {"09-04"})
    assert values(d, FactKind.BIRTHDAY, "Aoife") == {"04-17"}


@pytest.mark.parametrize(("caption", "child"), [
    ("six the day!! happy birthday to our Blathnaid, the loudest wee girl on the road", "Blathnaid"),
    ("🦈🎂🦈 #Kai6 #6today #HappyBirthdayKai #sharkparty", "Kai"),
])
def test_engine_a_birthday_said_the_scots_way_or_in_hashtags(caption, child):
    d = dossier(view("1", caption, "2025-08-22 19:00"), view("2", f"{child} at the park again", "2025-05-01 10:00"),
                view("3", f"{child} loves the beach", "2025-05-03 10:00"))
    assert values(d, FactKind.BIRTHDAY, child) == {"08-22"}
    assert values(d, FactKind.BIRTH_YEAR, child) == {"2019"}


def test_engine_the_day_we_met_is_no_age_today():
    d = dossier(view("1", "Ten years since the day we met, and now Ruairi and Orla run the house", "2025-08-22 19:00"),
                view("2", "Ruairi at the park again", "2025-05-01 10:00"))
    assert not values(d, FactKind.BIRTHDAY)


def test_engine_an_adoption_days_years_ago_today_is_no_age():
    d = dossier(view("1", "One year ago today, a judge said forever. Happy Adoption Day to Elijah 💙", "2023-10-17 19:00"),
                view("2", "Two years ago today. Happy Adoption Day, Elijah.", "2024-10-17 19:00"),
                view("3", "Seven today! Elijah James 🎂🚂 Train cake, train everything.", "2024-05-08 18:00"))
    assert values(d, FactKind.BIRTHDAY, "Elijah") == {"05-08"}


def test_engine_years_ago_today_is_not_a_birth_today():
    d = dossier(view("1", "6 years ago today you were born 🥹 happy birthday Lyra", "2024-10-05 09:00"))
    assert values(d, FactKind.BIRTH_YEAR) == {"2018"}


def test_engine_welcome_the_wee_one_is_a_birth():
    d = dossier(view("1", "Welcome to the world wee Eilidh 💕 born 3rd February, 7lb", "2025-02-04 10:00"),
                view("2", "Eilidh's first smile 🥹", "2025-04-01 10:00"))
    assert child_names(d) == {"Eilidh"}
    assert values(d, FactKind.BIRTHDAY, "Eilidh") == {"02-03"}
    assert values(d, FactKind.BIRTH_YEAR, "Eilidh") == {"2025"}


def test_engine_cheered_number_opens_a_birthday_post():
    d = dossier(view("1", "14!!! 🎉 Happy birthday to my firstborn Ayodele, a proper teenager", "2024-10-02 07:30"))
    assert values(d, FactKind.BIRTHDAY, "Ayodele") == {"10-02"}
    assert values(d, FactKind.BIRTH_YEAR, "Ayodele") == {"2010"}


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


def test_years_of_joy_in_a_birthday_post_is_the_age():
    d = dossier(view("1", "Happy birthday to my Ada! 7 years of joy", "2024-03-01 09:00"))
    assert values(d, FactKind.BIRTHDAY, "Ada") == {"03-01"}
    assert values(d, FactKind.BIRTH_YEAR, "Ada") == {"2017"}


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


@pytest.mark.parametrize("caption", ["Max 3 today. Pancakes for breakfast", "Three today! Max", "Max's 3 today",
                                     "Max you're 3 today", "Summer 3 today, Max and Summer at the park",
                                     "Our boy Max, my little man 3 today"])
def test_engine_a_bare_age_today_after_a_name_an_age_verb_or_nothing_is_an_age(caption):
    """Outside a birthday post, "N today" is an age first in its sentence, after "is", "you're" or "'s", or after a
    name; after another word ("kicked 3 today") it counts something else."""
    d = dossier(view("1", caption, "2024-01-10 09:00"), view("2", "Our boy Max and his trains again", "2024-02-01 10:00"),
                view("3", "Max at the park with his big sister", "2024-03-01 10:00"))
    assert values(d, FactKind.BIRTHDAY, "Max") == {"01-10"}
    assert values(d, FactKind.BIRTH_YEAR, "Max") == {"2021"}
