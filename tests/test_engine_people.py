"""Who is who (``engine/mentions.py``, ``people.py``, ``roles.py``, ``people_facts.py``): the family's
children, parents, relatives, pets and other people, in the many ways parents name them."""

from __future__ import annotations

import pytest

from kidsafe.engine.people import is_alias
from kidsafe.models import FactKind
from tests.engine_feeds import AGE_POST, OTHER_POSTS, birthday_view, child_names, dossier, values, view


def test_engine_friends_child_is_not_a_sibling_and_not_their_birthday():
    d = dossier(
        view("1", "Isla and Finn at the farm 🐑", "2024-04-06 11:00"),
        view("2", "Happy 5th birthday to Isla's best friend Poppy!! 🎉 party chaos", "2024-06-15 15:00"),
        view("3", "Isla made a card for Finn", "2024-06-20 15:00"),
    )
    assert child_names(d) == {"Isla", "Finn"}
    assert values(d, FactKind.OTHER_CHILD) == {"Poppy"}
    assert values(d, FactKind.BIRTHDAY) == set()


@pytest.mark.parametrize(("caption", "kind", "value"), [
    ("Sunday roast at Granny Jean's, the kids ate everything", FactKind.RELATIVE, "Granny Jean"),
    ("Auntie Priya spoiling them again", FactKind.RELATIVE, "Auntie Priya"),
    ("Meet Pickle 🐶 our new family member", FactKind.PET, "Pickle"),
    ("Tom took the kids to the park so I could nap", FactKind.PARENT_NAME, "Tom"),
])
def test_engine_people_who_are_not_children(caption, kind, value):
    d = dossier(view("1", caption))
    assert values(d, kind) == {value}
    assert value.split()[-1] not in child_names(d)


@pytest.mark.parametrize("caption", [
    "Obsessed with Spider-Man at the moment, Theo wants the costume every day",
    "Theo was Elsa for Halloween and nobody could stop him",
    "Ed Sheeran on repeat in the car, Theo knows every word",
    "Theo got a Paw Patrol cake, Chase is still his hero",
])
def test_engine_characters_and_celebrities_are_never_children(caption):
    d = dossier(view("1", caption), view("2", "Theo is 4 today!", "2024-09-01 10:00"))
    assert child_names(d) == {"Theo"}
    assert values(d, FactKind.FAVOURITE, "Theo")


def test_engine_nickname_joins_full_name():
    d = dossier(
        view("1", "Charlotte's first swimming badge!", "2024-01-10 10:00"),
        view("2", "Lottie insisted on wearing her wellies to bed", "2024-02-10 20:00"),
        view("3", "Our girl Charlotte is 6 today", "2024-03-10 10:00"),
    )
    assert len(d.children) == 1
    child = d.children[0]
    assert child.name == "Charlotte" and "Lottie" in child.aliases


def test_engine_capitalised_words_are_not_children():
    d = dossier(
        view("1", "Muddy walk today. Spring is here"),
        view("2", "Meet the new sofa. Valley Gardens was heaving"),
        view("3", "If it rains again I give up"),
    )
    assert child_names(d) == set()


def test_engine_lowercase_names_in_unmistakable_phrases():
    d = dossier(view("1", "happy birthday olivia!! 🎂 our little monkey", "2024-09-14 10:00"),
                view("2", "my boy harry is 3 today", "2024-02-03 09:00"))
    assert child_names(d) == {"Olivia", "Harry"}


def test_engine_posters_own_friend_is_an_adult_not_a_child():
    d = dossier(view("1", "Happy birthday to my best friend Sarah, love you"),
                view("2", "Wine with Sarah tonight"),
                view("3", "Our girl Esme is 2 today", "2024-01-10 09:00"))
    assert child_names(d) == {"Esme"}
    assert values(d, FactKind.OTHER_CHILD) == set()


@pytest.mark.parametrize(("text", "name", "cue"), [("Thanks to my best mate Aunty Kel for today", "Kel", "adult"),
                                                  ("Sleepover with her best friend Auntie Jo", "Jo", "friend"),
                                                  ("Kite day with Uncle Carlton", "Carlton", None)])
def test_a_friend_the_children_call_aunty_is_cued_as_a_friend(text, name, cue):
    """"My best mate Aunty Kel": a kin title between the friend word and the name makes her no relative; a titled
    name said alone keeps no friend cue."""
    from kidsafe.engine.mentions import _cues
    from kidsafe.engine.views import TextPart
    from kidsafe.models import EvidenceSource

    start = text.index(name)
    cues = _cues(TextPart(text, EvidenceSource.CAPTION), text, text.lower(), start, start + len(name), name)
    assert cues & {"adult", "friend"} == ({cue} if cue else set())


def test_engine_name_missing_from_the_name_list_still_found_with_a_strong_cue():
    d = dossier(view("1", "Our boy Chukwuemeka turned 5 today 🎂", "2024-03-03 12:00"))
    assert child_names(d) == {"Chukwuemeka"}


def test_engine_pet_with_a_birthday_stays_a_pet():
    d = dossier(view("1", "Our golden retriever Cooper turns 5 today 🐶🎂", "2024-12-01 10:00"),
                view("2", "Cooper stole Mason's sandwich again", "2025-02-01 10:00"),
                view("3", "Mason turned 3 yesterday 🎈", "2024-06-09 20:00"))
    assert child_names(d) == {"Mason"}
    assert values(d, FactKind.PET) == {"Cooper"}
    assert values(d, FactKind.BIRTHDAY, "Mason") == {"06-08"}


def test_engine_grown_up_friends_and_celebrities_are_not_children():
    d = dossier(view("1", "Wine with Emma tonight 🍷"), view("2", "Emma's hen do was wild"),
                view("3", "Coffee with Emma before work"), view("4", "Met Harry Styles in the queue!!"),
                view("5", "Harry Styles on the radio again"), view("6", "Our boy Arthur is 4 today"))
    assert child_names(d) == {"Arthur"}


def test_engine_child_named_often_without_cues_is_still_a_child():
    d = dossier(view("1", "Emma loved the ducks at the park"), view("2", "Emma and the muddy puddles"),
                view("3", "Emma fell asleep in the car"))
    assert child_names(d) == {"Emma"}


def test_engine_pet_forms_join_when_the_name_list_agrees():
    d = dossier(view("1", "Immy's first ballet show", "2024-03-01 10:00"),
                view("2", "Our girl Imogen turned 5 today", "2024-03-02 10:00"),
                view("3", "Annie and Anthony at the farm"), view("4", "Anthony is 3 today", "2024-06-01 10:00"),
                view("5", "Annie is 6 today", "2024-07-01 10:00"))
    names = {c.name: set(c.aliases) for c in d.children}
    assert names["Imogen"] == {"Immy"} and "Annie" in names and "Anthony" in names


@pytest.mark.parametrize(("caption", "kind", "value"), [
    ("Happy Mother's Day to Bronwyn, these kids adore you 💐", FactKind.PARENT_NAME, "Bronwyn"),
    ("Father's Day pancakes for Declan, made by the kids", FactKind.PARENT_NAME, "Declan"),
    ("Shoutout to Marcus, the best daddy in the world", FactKind.PARENT_NAME, "Marcus"),
    ("Sunday dinner at Mamó Siobhán's, the kids were spoiled", FactKind.RELATIVE, "Mamó Siobhán"),
    ("Morfar Lars taught them to fish", FactKind.RELATIVE, "Morfar Lars"),
    ("Uncle Sunny up from Leicester with a box of mithai for Ezra", FactKind.RELATIVE, "Uncle Sunny"),
    ("Ezra's best mate Callum slept over, no sleep was had", FactKind.OTHER_CHILD, "Callum"),
])
def test_engine_parents_relatives_and_friends_in_more_phrasings(caption, kind, value):
    d = dossier(view("1", caption), view("2", "Our boy Ezra is 6 today 🎂", "2024-03-01 18:00"))
    assert value in values(d, kind)
    assert child_names(d) == {"Ezra"}


def test_engine_big_sister_is_a_child_and_keeps_her_nickname():
    d = dossier(view("1", "Maeve is FOUR 🎂 happy birthday Maevey!", "2024-02-01 18:00"),
                view("2", "Big sister Maeve and baby Otto, best buds", "2024-05-01 18:00"),
                view("3", "Otto turned one today 🎈", "2024-06-01 18:00"))
    assert len(d.children) == 2
    assert {"Maeve", "Maevey"} == next({c.name, *c.aliases} for c in d.children if c.name != "Otto")


def test_engine_pet_with_a_birthday_and_no_intro_stays_a_pet():
    d = dossier(view("1", "Pretzel ate a sock AGAIN 🙄🐶 #goldendoodle", "2024-02-01 18:00"),
                view("2", "Pretzel turned 3 today 🐾 spoiled rotten", "2024-05-01 18:00"),
                view("3", "Our girl Noor is 5 today 🎂", "2024-06-01 18:00"))
    assert child_names(d) == {"Noor"}
    assert values(d, FactKind.PET) == {"Pretzel"}


def test_engine_name_the_name_list_lacks_is_a_sibling_when_paired_with_a_child():
    d = dossier(view("1", "Happy birthday Thabiso! 🎂 six today", "2024-04-10 10:00"),
                view("2", "Thabiso &amp; Mpho at the beach", "2024-05-01 10:00"),
                view("3", "Mpho found a crab 🦀", "2024-05-02 10:00"))
    assert child_names(d) == {"Thabiso", "Mpho"}


@pytest.mark.parametrize(("caption", "relative"), [
    ("Sunday lunch at Gogo Nomsa's 🍗", "Gogo Nomsa"),
    ("Dinner with Ah Ma tonight 🥟 she spoils them", "Ah Ma"),
    ("Ah Kong taught them chess ♟️", "Ah Kong"),
    ("Lunch at Halmoni Sook's, japchae for everyone", "Halmoni Sook"),
    ("Jjajja Nakato came for the weekend 🥰", "Jjajja Nakato"),
    ("Nagymama Ilona made palacsinta for the whole street", "Nagymama Ilona"),
])
def test_engine_kin_titles_of_more_countries(caption, relative):
    d = dossier(view("1", "Our boy Dario turned 5 today 🎂", "2024-03-09 18:00"), view("2", caption))
    assert relative in values(d, FactKind.RELATIVE)
    assert child_names(d) == {"Dario"}


@pytest.mark.parametrize("caption", ["Iftar at Dadi's, the kids kept their roza", "Dadi's in Karachi for Eid",
                                     "Dadi made biryani for everyone"])
def test_engine_a_kin_title_used_as_the_name_possessive_or_not(caption):
    d = dossier(view("1", "Our boy Zaid turned 5 today 🎂", "2024-03-09 18:00"), view("2", caption))
    assert "Dadi" in values(d, FactKind.RELATIVE)


def test_engine_my_sister_is_the_childrens_aunt_not_a_child():
    d = dossier(view("1", "Our girl Pia turned 3 today 🎂", "2024-03-09 18:00"),
                view("2", "Shout out to my sister Lindiwe who babysat all weekend 💜"))
    assert child_names(d) == {"Pia"}
    assert "Lindiwe" in values(d, FactKind.RELATIVE)


def test_engine_initial_nickname_is_the_child_with_that_initial_not_a_teacher():
    d = dossier(view("1", "Our Little Miss R is FIVE today 🎀🎂 Happy birthday Rania", "2024-06-03 20:00"),
                view("2", "Happy 9th birthday Tobias 🎂", "2024-09-01 10:00"),
                view("3", "Little Miss R in the bath making bubble beards 🛁", "2025-01-10 19:00"))
    assert child_names(d) == {"Rania", "Tobias"}
    assert values(d, FactKind.BIRTHDAY, "Rania") == {"06-03"}
    rania = next(s.id for s in d.children if s.name == "Rania")
    assert any(f.subject == rania for f in d.facts_of_kind(FactKind.SENSITIVE_IMAGE))


def test_engine_wee_man_is_the_only_boy():
    d = dossier(view("1", "Happy 3rd birthday Callum 🎂 he loved it", "2024-09-28 17:00"),
                view("2", "Happy 7th birthday Morag 🎂 she's so grown up", "2024-03-02 17:00"),
                view("3", "bath time for the wee man 🛁 bubbles everywhere", "2025-02-20 19:00"))
    callum = next(s.id for s in d.children if s.name == "Callum")
    assert {f.subject for f in d.facts_of_kind(FactKind.SENSITIVE_IMAGE)} == {callum}


def test_engine_happy_fathers_day_name_without_to_is_the_parent():
    d = dossier(view("1", "Our boy Kofi turned 4 today 🎂", "2024-03-09 18:00"),
                view("2", "Happy Father's Day Kwabena ❤️ the kids' hero", "2024-06-16 09:00"))
    assert values(d, FactKind.PARENT_NAME) == {"Kwabena"}
    assert child_names(d) == {"Kofi"}


def test_engine_pet_named_after_a_character_has_a_birthday():
    d = dossier(view("1", "Our girl Ines turned 6 today 🎂", "2024-03-09 18:00"),
                view("2", "Olaf is 4 today 🐕🎂 best boy", "2024-07-20 10:00"),
                view("3", "Beach morning with Olaf 🌅", "2024-08-20 07:00"))
    assert "Olaf" in values(d, FactKind.PET)
    assert "Olaf" not in child_names(d)


def test_engine_a_kin_title_used_as_a_name_is_a_relative_unless_the_feed_names_that_relative():
    d = dossier(view("1", "Pop took the kids fishing again"), view("2", "Ava is 6 today", "2024-03-01 09:00"),
                view("3", "Sunday lunch at Nana Sue's, Ava helped with the gravy", "2024-03-03 13:00"),
                view("4", "Nana spoiling them rotten", "2024-03-04 13:00"))
    relatives = values(d, FactKind.RELATIVE)
    assert "Pop" in relatives and "Nana Sue" in relatives
    assert "Nana" not in relatives  # the feed names her: "Nana" is Nana Sue
    assert "Pop" not in child_names(d)


def test_engine_a_nickname_pair_of_other_genders_is_two_children():
    assert not is_alias("Erin", "Aaron")  # the nickname list pairs them; a brother and sister are two people
    assert is_alias("Tilly", "Matilda")


def test_engine_a_child_or_pet_named_like_a_kin_title_is_not_also_a_relative():
    d = dossier(view("1", "Poppy is 4 today! our girl"), view("2", "Lola the dog stole a sock 🐶", "2024-03-02"),
                view("3", "Poppy and Lola in the garden", "2024-03-03"))
    assert "Poppy" not in values(d, FactKind.RELATIVE) and "Lola" not in values(d, FactKind.RELATIVE)


def test_a_caption_all_in_capitals_still_names_its_child():
    d = dossier(view("1", "MY GRANDSON IS 8 YEARS OLD TODAY. HAPPY BIRTHDAY MASON. PROUD OF YOU",
                     "2024-05-19 07:30"), *OTHER_POSTS)
    assert "Mason" in child_names(d)
    assert values(d, FactKind.BIRTHDAY, "Mason") == {"05-19"}
    assert not {"Happy", "Proud", "Grandson"} & child_names(d)


@pytest.mark.parametrize(("text", "cued"), [
    ("Ten years married today. Rhodri, you're still the one who does the night feeds", {"rhodri"}),
    ("Happy anniversary Rhodri x", {"rhodri"}),
    ("Happy fathers day Craig son x", {"craig"}),
    ("Anniversary of the big flood, Rhodri came round to help", set()),
    ("One year anniversary of Grandad passing. Rhodri, you never met him x", set()),
    ("Nursery's 10th anniversary party today. Rhodri, Mia and Ivy loved it", set()),
])
def test_an_anniversary_or_a_fathers_day_wish_cues_the_other_parent(text, cued):
    from kidsafe.engine.mentions import _phrase_cues
    from kidsafe.engine.text import fold

    assert _phrase_cues(fold(text))["parent"] & {"rhodri", "craig"} == cued


@pytest.mark.parametrize("word", ["papa", "papi", "pa"])
def test_a_father_word_before_a_name_on_fathers_day_is_the_parent(word):
    d = dossier(view("1", f"Happy Father's Day to the best {word} Rangi 💙", "2024-09-01 09:00"), AGE_POST)
    assert values(d, FactKind.PARENT_NAME) == {"Rangi"}
    assert "Rangi" not in child_names(d)


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


def test_a_two_word_given_name_after_a_parent_word_is_one_name():
    d = dossier(view("1", "Date night with hubby Jun Hao 🍜", "2024-03-01 20:00"), AGE_POST)
    assert values(d, FactKind.PARENT_NAME) == {"Jun Hao"}


def test_the_family_surname_after_a_parent_word_is_not_part_of_the_given_name():
    d = dossier(view("1", "Hubby Tom Okafor made pancakes for the kids", "2024-03-01 09:00"),
                view("2", "Rangi Okafor is 6 today 🎂 #TeamOkafor", "2024-03-02 09:00"))
    assert values(d, FactKind.PARENT_NAME) == {"Tom"}


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


def test_the_twins_named_in_a_pair_are_both_children_and_share_the_school():
    d = dossier(
        view("1", "The twins started Primary 1 at Brookvale School 🍎 Oto & Ekene looking so smart",
             "2024-09-10 08:00"),
        view("2", "Sports day at Brookvale 🏃 Ekene came 3rd in the egg and spoon!", "2025-05-17 14:00"),
    )
    assert {"Oto", "Ekene"} <= child_names(d)
    assert values(d, FactKind.SCHOOL, "Oto") == values(d, FactKind.SCHOOL, "Ekene") == {"Brookvale School"}


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


@pytest.mark.parametrize("caption", [
    "Christening of baby Noa, our inaanak 🕊️ so blessed",
    "Cuddles with our goddaughter Noa 💕",
])
def test_a_godchild_is_another_familys_child(caption):
    d = dossier(view("1", caption), view("2", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    assert "Noa" not in child_names(d)
    assert "Noa" in values(d, FactKind.OTHER_CHILD)


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


@pytest.mark.parametrize(("caption", "second", "not_second"), [
    ("Happy birthday Lark Elizabeth, five today", "Elizabeth", "Lark"),
    ("Theodore James came roaring into the world", "James", "Theodore"),
])
def test_a_name_right_after_another_is_marked_as_a_second_name(caption, second, not_second):
    from kidsafe.engine.mentions import find_mentions

    cues = {m.name: m.cues for m in find_mentions(view("1", caption))}
    assert "second_name" in cues[second] and "second_name" not in cues[not_second]


@pytest.mark.parametrize("caption", ["Tea at Nana Rose's", "Mia, Rose and Ted at the park", "Mia's Grandad Ted"])
def test_a_name_after_a_title_a_comma_or_a_possessive_is_no_second_name(caption):
    from kidsafe.engine.mentions import find_mentions

    assert not any("second_name" in m.cues for m in find_mentions(view("1", caption)))


def test_the_role_model_learns_a_middle_name_as_nobody_of_its_own(tmp_path):
    from types import SimpleNamespace

    from kidsafe.engine.mentions import find_mentions
    from kidsafe.learn import train_roles
    from kidsafe.learn.corpus import load_voice
    from kidsafe.learn.evaluate import voice_views
    from tests.test_corpus import write_voice

    posts = [{"id": "1", "date": "2024-05-03 08:10", "caption": "Happy birthday Wren Alexandra, five today",
              "spans": [["Wren Alexandra", "CHILD"]]}]
    truth = {"audit_date": "2024-12-01", "children": [{"name": "Wren", "aliases": ["Wren Alexandra"]}], "facts": []}
    voice = load_voice(write_voice(tmp_path / "v", posts, truth))
    views = {v.id: v for v in voice_views(voice)}
    mentions = {m.name: m for m in find_mentions(views["1"])}

    def role(name: str) -> str:
        return train_roles.gold_role(SimpleNamespace(mentions=[mentions[name]]), voice, views)

    assert role("Wren") == "child" and role("Alexandra") == "none"


def test_a_comment_s_writer_and_names_said_in_comments_are_features_of_the_role_model():
    """"Jodie Marr: gorgeous boy x" opens with its writer: an adult who comments, rarely a child."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    views = post_views([Post(id="1", caption="Noah at the beach today", posted_at=datetime(2024, 5, 4, 10),
                             platform="plain", extra_text=("Jodie Marr: gorgeous boy x", "thanks Jodie, he loved it"))])
    people, ctx, _ = gather_people(views)
    jodie, noah = roles.person_features(people["jodie"], ctx), roles.person_features(people["noah"], ctx)
    assert jodie["comment_author"] == 0.5 and jodie["in_comments"] == 1.0  # writes one comment, is thanked in the other
    assert "comment_author" not in noah and "in_comments" not in noah


def test_what_a_comment_s_writer_says_of_the_children_is_a_feature_of_the_role_model():
    """"Brandi Guidry: my baby was sick all night" speaks of a child as the writer's own, as a parent does;
    "Nana Deb: happy birthday my girl, nana loves you" says so too, with a kin word that tells a grandmother."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    views = post_views([Post(id="1", caption="Noah at the beach today", posted_at=datetime(2024, 5, 4, 10),
                             platform="plain", extra_text=("Brandi Guidry: my baby was sick all night",
                                                           "Deb: happy birthday my girl, nana loves you",
                                                           "Jodie Marr: gorgeous pics x"))])
    people, ctx, _ = gather_people(views)
    brandi, deb, jodie = (roles.person_features(people[key], ctx) for key in ("brandi", "deb", "jodie"))
    assert brandi["author_own_child"] == 1.0 and "author_kin_words" not in brandi
    assert deb["author_own_child"] == 1.0 and deb["author_kin_words"] == 1.0
    assert "author_own_child" not in jodie and "author_kin_words" not in jodie


def test_a_name_in_a_captions_closing_sign_off_is_a_feature_of_the_role_model():
    """"... Love, Graeme & Tiago." signs the caption off with the grown-ups' names; a name at a caption's end after
    a whole sentence ("Off to see Nana Jean") signs nothing."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    views = post_views([
        Post(id="1", caption="Junie's first day of school went fine. Thank you all. Love, Graeme & Tiago.",
             posted_at=datetime(2024, 9, 4, 20), platform="plain"),
        Post(id="2", caption="Junie and Oskar off to see Nana Jean", posted_at=datetime(2024, 9, 7, 10),
             platform="plain"),
    ])
    people, ctx, _ = gather_people(views)
    feats = {key: roles.person_features(people[key], ctx) for key in ("graeme", "tiago", "junie", "oskar")}
    assert feats["graeme"]["signs_off"] == 1.0 and feats["tiago"]["signs_off"] == 1.0
    assert "signs_off" not in feats["junie"] and "signs_off" not in feats["oskar"]
    assert not roles._signs_off("Off to see Nana Jean", 16, 20)


def test_spoken_to_in_a_comment_and_courtesy_or_kinship_said_near_a_name_are_features_of_the_role_model():
    """"Nan Rita: oh Dean he's beautiful" speaks to Dean (the poster, an adult); "Aunty Tatu next door ... not
    actually our aunty" is a courtesy title; "my sister Meinir" is kin."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    views = post_views([
        Post(id="1", caption="Noah is 3 today! Aunty Tatu next door baked him a cake, not actually our aunty",
             posted_at=datetime(2024, 5, 4, 10), platform="plain", extra_text=("Nan Rita: oh Dean he's beautiful",)),
        Post(id="2", caption="Lunch with my sister Meinir and Noah", posted_at=datetime(2024, 5, 5, 10), platform="plain",
             extra_text=("Noah looks so grown!",)),
    ])
    people, ctx, _ = gather_people(views)
    feats = {key: roles.person_features(people[key], ctx) for key in ("dean", "noah", "tatu", "meinir", "rita")}
    assert feats["dean"]["addressed_in_comment"] == 1.0 and "addressed_in_comment" not in feats["noah"]
    # the comment's writer after her title is its author, not spoken to
    assert feats["rita"]["comment_author"] == 1.0 and "addressed_in_comment" not in feats["rita"]
    assert "near:not_kin" not in feats["noah"]  # the courtesy is said in the next sentence, of Tatu
    assert feats["tatu"]["near:not_kin"] == 1.0 and "near:kin_link" not in feats["tatu"]
    assert feats["meinir"]["near:kin_link"] == 1.0 and "near:not_kin" not in feats["meinir"]


def test_a_title_s_dot_a_birthday_wish_and_a_list_are_no_comment_signs():
    """"Mrs. Okafor next door" is one sentence; "Happy birthday Noah: ..." does not make Noah the comment's
    writer; "Noah, Mia and Ivy look..." speaks of the three, not to Noah."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    views = post_views([
        Post(id="1", caption="Noah is 3 today! Aunty Tatu and Mrs. Okafor next door baked him a cake",
             posted_at=datetime(2024, 5, 4, 10), platform="plain",
             extra_text=("Happy Birthday Noah: hope it was a good one", "Noah, Mia and Ivy look so grown!")),
    ])
    people, ctx, _ = gather_people(views)
    noah, tatu = (roles.person_features(people[key], ctx) for key in ("noah", "tatu"))
    assert tatu["near:not_kin"] == 1.0  # "next door" is in Tatu's sentence, past "Mrs."
    assert "comment_author" not in noah and "addressed_in_comment" not in noah


def test_in_a_grandparent_s_feed_the_role_model_reads_the_cues_again_under_their_own_names():
    """"My husband Dave" is the poster's partner: a parent in a parent's feed, a grandparent in a grandparent's.
    Where the posts call the children grandchildren often enough, the cue features are repeated under "G|"."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    def features(captions):
        views = post_views([Post(id=str(i), caption=c, posted_at=datetime(2024, 5, i + 1, 10), platform="plain")
                            for i, c in enumerate(captions)])
        people, ctx, _ = gather_people(views)
        return ctx.grand_share, roles.person_features(people["dave"], ctx)

    share, grand = features(["The grandkids came for tea with my husband Dave", "Park with the grandbabies",
                             "Grandkids asleep by eight", *(f"Garden again, day {i}" for i in range(7))])
    assert share == 0.3 and grand["G|bias"] == 1.0 and any(k.startswith("G|") and k != "G|bias" for k in grand)
    share, own = features(["The kids came for tea with my husband Dave", *(f"Garden again, day {i}" for i in range(9))])
    assert share == 0.0 and not any(k.startswith("G|") for k in own)
    # two captions are a passing word ("my niece"), not a grandparent's or aunt's feed
    share, own = features(["The kids came for tea with my husband Dave", "My niece Lily came too",
                           "Park with my nephew", *(f"Garden again, day {i}" for i in range(7))])
    assert share == 0.0 and not any(k.startswith("G|") for k in own)


def test_grown_children_calling_the_poster_mum_in_the_comments_make_a_grandparent_s_feed():
    """"Thanks Mum!!" under posts about the little ones: the commenter is the poster's grown child, so the
    children in the captions are grandchildren even when the captions never say so. Three such posts make it."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    def share(comments, caption="Sunday lunch with the little ones"):
        views = post_views([Post(id=str(i), caption=caption, posted_at=datetime(2024, 5, i + 1, 10), platform="plain",
                                 extra_text=(comment,)) for i, comment in enumerate(comments)]
                           + [Post(id=f"q{i}", caption=f"Garden again, day {i}", posted_at=datetime(2024, 6, i + 1, 10),
                                   platform="plain") for i in range(7)])
        return roles.grand_share(views)

    assert share(["Huia Kerr: Thanks Mum!!", "Tama: Ma! they're huge", "Mere: they look so happy, Mum!"]) == 0.3
    assert share(["Tama: Mum you spoil them"] * 3) == 0.3
    assert share(["Jo: gorgeous"] * 3, caption="Thanks Mum for the cake") == 0.0  # the poster's own words
    assert share(["Huia: Thanks Mum!!", "Jo: gorgeous", "Tama: stunning"]) == 0.0  # one is a passing word


@pytest.mark.parametrize("comment", [
    "Jo: my mum loves this recipe", "Tama: thanks hubby", "Mere: Mum's cake!",
    "Sue: So proud of you. Love, Mum x", "Al: happy birthday xx, Dad",  # the writer signs as a parent
    "Ade: Thank you ma", "Bisi: well done, ma.", "Kemi: you got this, mama!",  # said to any mother
    "Ed: ta da!", "Flo: oh ma god",
])
def test_comments_that_do_not_call_the_poster_their_parent(comment):
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    view, = post_views([Post(id="1", caption="Sunday lunch", posted_at=datetime(2024, 5, 1, 10), platform="plain",
                             extra_text=(comment,))])
    assert not roles.speaks_to_poster_as_parent(view)
    called, = post_views([Post(id="1", caption="Sunday lunch", posted_at=datetime(2024, 5, 1, 10), platform="plain",
                               extra_text=("Huia: Thanks Mum!!",))])
    assert roles.speaks_to_poster_as_parent(called)


def test_two_parents_who_are_one_parent_under_two_names_become_one():
    """"Chelle" in one caption and "Rochelle" in others, both parents: one person, under the fuller name. Two
    names the lists give different genders, or listed together, stay two."""
    from kidsafe.engine.people import Person, _merge_parent_aliases

    def parents(*names):
        return {n.lower(): Person(key=n.lower(), name=n, role="parent") for n in names}

    people = parents("Chelle", "Rochelle", "Marcus")
    _merge_parent_aliases(people, {})
    assert set(people) == {"rochelle", "marcus"} and "Chelle" in people["rochelle"].aliases
    people = parents("Dan", "Danielle")
    _merge_parent_aliases(people, {})
    assert set(people) == {"dan", "danielle"}
    people = parents("Becky", "Rebecca")  # written in full with two family names: two women
    people["becky"].aliases, people["rebecca"].aliases = {"Becky Fairclough"}, {"Rebecca Lomax"}
    _merge_parent_aliases(people, {})
    assert set(people) == {"becky", "rebecca"}


def test_in_a_grandparent_s_feed_a_parent_needs_the_model_surer():
    """There the children's parents are named among the poster's husband, sons-in-law and friends: the parents' floor
    is `roles.GRAND_FEED_PARENT_FLOOR`; elsewhere the model's own floors stand."""
    from kidsafe.engine import roles

    floors = {"parent": 0.6, "pet": 0.5, "relative": 0.7}
    assert roles.floors_for(floors, 0.0) == floors
    grand = roles.floors_for(floors, roles.GRAND_SHARE)
    assert grand == {**floors, "parent": roles.GRAND_FEED_PARENT_FLOOR} and roles.GRAND_FEED_PARENT_FLOOR > 0.6
    assert floors["parent"] == 0.6  # the model's own floors are not changed
    probs = {"parent": 0.7, "none": 0.2, "child": 0.1}
    assert roles.decide(probs, 0.6, floors)[0] == "parent"
    assert roles.decide(probs, 0.6, grand)[0] == "none"
    assert roles.floors_for(None, 0.5) == {"parent": roles.GRAND_FEED_PARENT_FLOOR}


def test_not_really_their_uncle_is_a_courtesy_title():
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    views = post_views([Post(id="1", caption="Hay all day for Uncle Bud, not really their uncle, at the feed store",
                             posted_at=datetime(2024, 5, 4, 10), platform="plain"),
                        Post(id="2", caption="Ella tried football, not really her thing",
                             posted_at=datetime(2024, 5, 5, 10), platform="plain")])
    people, ctx, _ = gather_people(views)
    assert roles.person_features(people["bud"], ctx)["near:not_kin"] == 1.0
    assert "near:not_kin" not in roles.person_features(people["ella"], ctx)


def test_a_courtesy_title_said_once_is_a_feature_of_every_mention_of_the_name():
    """"Nikki is nae relation" in one post of four: the share of mentions is a quarter, and the flag that it was said
    of a titled name at all is whole; "not really their tio", "not by blood" and "my best mate" are courtesy words too,
    in the name's sentence or opening the next. A name with no title never gets the flag ("my best mate's son
    Tom"), and everyday sentences say no courtesy ("It isn't actually raining, says Uncle Dave", "not my uncle's
    boat")."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    captions = ["Beach with Auntie Nikki and the bairns", "Auntie Nikki did the face paint",
                "Chips with Auntie Nikki after", "Fur onybody wonderin, Nikki is nae relation, just ma pal",
                "Out at Tío Güero's farm, not really their tío but try telling them",
                "Thanks to my best mate Aunty Kel",
                "Aunt Rosa made the cake, family just not by blood", "Aunt Pam made the cake. Not by blood, Ella said.",
                "My best mate's son Tom came round", "It isn't actually raining, says Uncle Dave",
                "Not my uncle's boat, Uncle Dave borrowed it", "It's not actually cold, says Uncle Jim"]
    views = post_views([Post(id=str(i), caption=c, posted_at=datetime(2024, 5, 4 + i, 10), platform="plain")
                        for i, c in enumerate(captions)])
    people, ctx, _ = gather_people(views)
    nikki = roles.person_features(people["nikki"], ctx)
    assert nikki["near:not_kin"] == 0.25 and nikki["near_any:not_kin"] == 1.0
    for key in ("guero", "kel", "rosa", "pam"):  # "Not by blood" opening the next sentence denies Pam's title
        assert roles.person_features(people[key], ctx)["near_any:not_kin"] == 1.0, key
    for key in ("tom", "dave", "jim"):  # no title; no courtesy said
        assert "near_any:not_kin" not in roles.person_features(people[key], ctx), key


def test_the_name_of_a_language_is_no_one_s_name():
    """A school subject or a home language beside a child's name ("top of her class for English", "sang in Welsh
    and Spanish") is never pooled as a person, whatever its place in the sentence; the child still is."""
    from datetime import datetime

    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    captions = ["Report day! Ana top of her class for English and Maths",
                "Ana sang in Welsh and Spanish at the concert", "Passed English and Ana got a merit too",
                "Ana's first words in Tagalog today"]
    views = post_views([Post(id=str(i), caption=c, posted_at=datetime(2024, 5, 4 + i, 10), platform="plain")
                        for i, c in enumerate(captions)])
    people, _, _ = gather_people(views)
    assert "ana" in people
    assert not {"english", "welsh", "spanish", "tagalog"} & set(people)


def test_the_name_of_a_language_is_still_a_family_s_or_a_teacher_s():
    """Only the people finder reads the languages' list: "the Welsh family" is a family name, and "Mrs English" a
    teacher the safe copy shortens, as any other."""
    from datetime import datetime

    from kidsafe.engine.surnames import find_surnames
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post
    from kidsafe.share.redact import Vocabulary, redact

    views = post_views([Post(id="1", caption="Christmas love from the Welsh family", posted_at=datetime(2024, 12, 24))])
    assert "Welsh" in find_surnames(views)
    assert redact("Mrs English says she is doing great", Vocabulary(())).text == "Mrs E. says she is doing great"


def test_no_language_on_the_list_is_a_common_given_name():
    """A language given to many babies ("Irish", "Shona") may be a child's name: it stays off the list, which would
    hide the child from the people finder."""
    from kidsafe.engine import lexicon as lx
    from kidsafe.engine.gazetteer import name_count

    assert lx.LANGUAGE_NAMES and not [w for w in lx.LANGUAGE_NAMES if name_count(w) >= 1000]


@pytest.mark.parametrize("caption, denied", [
    ("Uncle Osric came for the barbecue 🔥 Not actually our uncle", True),
    ("The kids call him Uncle Osric. Not their uncle", True),
    ("Uncle Osric came round!! Not their uncle", True),
    ("Aunty Osric brought cake. Not our aunt by blood but close", True),
    ("Uncle Osric and Mrs. Ames came over. not really our uncle x", True),
    ("Uncle Osric came round. Not bad for a Monday", False),
    ("Uncle Osric came round. Not my uncle's boat, his", False),
    ("Uncle Osric came round. Not our nan though", False),  # another kin word: says nothing of Osric's title
    ("Uncle Osric came round. Lovely day. Not their uncle", False),  # two sentences on
    ("Uncle Osric 🔥 Not their uncle", True),  # an emoji ends a sentence
    ("Uncle Osric came round… Not their uncle", True),  # so does an ellipsis of one character
    ("Uncle Osric came round… Lovely day. Not their uncle", False),
    ("Tito Osric came. Not really our tio", True),  # one kinship, two languages
    ("Great-grandma Osric baked. Not really our grandma", True),
    ("Grandma Osric baked. Not their grandad", False),  # another kinship with the same first letters
    ("Uncle Osric came round. No relation but family", True),
    ("Uncle Osric fell off his bike! No blood, thankfully", False),
    ("Uncle Osric came round. Not related, but the cold is back", False),
    ("Uncle Osric came round. Not really our nan's cup of tea", False),
    ("Uncle Osric came round. Not a real uncle's job, that", False),
])
def test_a_titled_name_whose_title_the_next_sentence_denies_is_a_courtesy(caption, denied):
    """Only a denial that opens the very next sentence, and names kin of the title's own group (or none: "no
    relation"), makes the title a courtesy; a run of marks, an ellipsis or an emoji ends a sentence, a title's dot
    does not; a possessive ("our nan's cup of tea") and an injury's "no blood" deny nothing."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    views = post_views([Post(id="1", caption=caption, posted_at=datetime(2024, 5, 4, 10), platform="plain")])
    people, ctx, _ = gather_people(views)
    feats = roles.person_features(people["osric"], ctx)
    assert ("near_any:not_kin" in feats) is denied


def test_cousins_in_a_titled_name_s_sentence_and_a_couple_s_day_near_a_name_are_role_features():
    """"Aunt Erin and the cousins" gives Erin the cousins' feature, "Noah and his cousin" gives Noah none (a child
    is no titled name); "not a real auntie" is a courtesy, "not a real Sunday" none; a name in the same sentence as
    "Mother's Day" (any apostrophe, "Fête des Mères") gets the couple's-day feature, one in the next sentence not."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    views = post_views([
        Post(id="1", caption="Beach day with Aunt Erin and the cousins. Auntie Fliss came too (not a real auntie, "
                             "she's my assistant). Noah and his cousin built a fort.",
             posted_at=datetime(2024, 5, 4, 10), platform="plain"),
        Post(id="2", caption="Mother’s Day breakfast in bed, Kabelo was in charge. Ella made the card.",
             posted_at=datetime(2024, 5, 12, 10), platform="plain"),
        Post(id="3", caption="Not a real Sunday without Grandma Jo. Bonne Fête des Mères, Sandrine a tout préparé",
             posted_at=datetime(2024, 5, 26, 10), platform="plain"),
    ])
    people, ctx, _ = gather_people(views)
    feats = {key: roles.person_features(people[key], ctx) for key in ("erin", "fliss", "noah", "kabelo", "ella", "jo",
                                                                      "sandrine")}
    assert feats["erin"]["near:cousin_word"] == 1.0 and "near:not_kin" not in feats["erin"]
    assert "near:cousin_word" not in feats["noah"] and "near:cousin_word" not in feats["fliss"]
    assert feats["fliss"]["near:not_kin"] == 1.0 and "near:not_kin" not in feats["jo"]
    assert feats["kabelo"]["near:partner_occasion"] == 1.0 and feats["sandrine"]["near:partner_occasion"] == 1.0
    assert "near:partner_occasion" not in feats["ella"]  # the next sentence's name


class _UnsureRoles:
    """A role model stub: each name's (child, parent) probabilities, read from the feature naming it."""

    threshold, meta = 0.6, {"floors": {"parent": 0.6}}

    def __init__(self, odds):
        self.odds = odds

    def probabilities(self, feats):
        name = next(k[len("self:"):] for k in feats if k.startswith("self:"))
        child, parent = self.odds.get(name, (0.2, 0.0))
        return {"child": child, "parent": parent, "none": 1 - child - parent}


def _cast_roles(monkeypatch, captions):
    """A function of the stub's odds giving each name's role in a feed of ``captions``."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import build_cast
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    views = post_views([Post(id=str(i), caption=c, posted_at=datetime(2024, 5, i + 1, 10), platform="plain")
                        for i, c in enumerate(captions)])
    monkeypatch.setattr(roles, "person_features", lambda person, ctx: {f"self:{person.key}": 1.0})

    def roles_of(odds):
        monkeypatch.setattr(roles, "model_for", lambda n: _UnsureRoles(odds))
        return {p.key: p.role for p in build_cast(views).people}

    return roles_of


def test_when_no_name_clears_the_child_threshold_the_likeliest_children_are_still_the_children(monkeypatch):
    """Terse captions can leave every child just under the threshold; a family's feed names its children, so
    names the model finds likeliest a child from `roles.CHILD_WHEN_NONE` on are; a feed with a sure child adds none."""
    roles_of = _cast_roles(monkeypatch, ["Fletcher at the dam", "Clem on the pony", "Fletcher's ute"])
    assert roles_of({"fletcher": (0.55, 0.0), "clem": (0.5, 0.0)}) == {"fletcher": "child", "clem": "child"}
    # a sure child: the threshold holds
    assert roles_of({"fletcher": (0.7, 0.0), "clem": (0.5, 0.0)})["clem"] != "child"
    assert roles_of({"fletcher": (0.4, 0.0), "clem": (0.3, 0.0)}) == {"fletcher": "unknown", "clem": "unknown"}


def test_when_no_name_clears_the_parents_floor_the_one_likeliest_parent_is_the_parent(monkeypatch):
    """A partner named in passing leaves the role model unsure; a family has parents, so the one name whose likeliest
    role is parent, from `roles.PARENT_WHEN_NONE` on, is one; and most often two, so where one parent is named the
    one other name likeliest a parent is the second from `roles.SECOND_PARENT` on. Never a third."""
    roles_of = _cast_roles(monkeypatch, ["Fletcher at the dam with Dale", "Clem on the pony", "Kev's ute"])
    unsure = {"fletcher": (0.9, 0.05), "clem": (0.1, 0.05), "dale": (0.1, 0.45), "kev": (0.1, 0.35)}
    # Dale is the first parent; Kev, under the second parent's threshold, is no second
    assert roles_of(unsure) == {"fletcher": "child", "clem": "unknown", "dale": "parent", "kev": "unknown"}
    sure = {**unsure, "clem": (0.1, 0.7)}  # a parent clears the floor: the likeliest other is the second
    assert roles_of(sure) == {"fletcher": "child", "clem": "parent", "dale": "parent", "kev": "unknown"}
    assert roles_of({**sure, "dale": (0.1, 0.4)})["dale"] == "unknown"  # under the second parent's threshold
    two = {**sure, "kev": (0.1, 0.65)}  # two parents clear the floor: no third
    assert roles_of(two) == {"fletcher": "child", "clem": "parent", "dale": "unknown", "kev": "parent"}
    assert roles_of({**unsure, "dale": (0.1, 0.25), "kev": (0.1, 0.2)})["dale"] == "unknown"  # under the fallback


def test_google_photos_face_labels_are_no_accounts_tagged():
    """On Facebook a tag names an account, mostly an adult's; in Google Photos the owner names faces, the
    children's most of all: a face label is no tag to the role model (the corpus has too few Takeout voices to
    learn what a face label says, so it says nothing)."""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import FACE_LABEL_PLATFORM, gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    def features(platform):
        views = post_views([Post(id="1", caption="Beach day", posted_at=datetime(2024, 5, 4, 10), platform=platform,
                                 people=("Kamsi Okafor",))])
        people, ctx, _ = gather_people(views)
        return roles.person_features(people["kamsi"], ctx)

    social, faces = features("facebook"), features(FACE_LABEL_PLATFORM)
    assert social["tagged"] == 1.0 and "cue_any:tagged" in social
    assert faces["tagged"] == 0.0 and not any("tagged" in k or "face" in k for k in faces if k != "tagged")


def test_a_comma_before_a_lower_case_word_still_speaks_to_someone():
    from kidsafe.engine import roles

    assert roles._ADDRESS_SIGN_AFTER.match("Dean, you and Noah look so alike!", 4)
    assert not roles._ADDRESS_SIGN_AFTER.match("Dean, Noah and Ivy look so alike!", 4)
    assert roles._AUTHOR_BEFORE.fullmatch("aunty ") and not roles._AUTHOR_BEFORE.fullmatch("Happy Birthday ")


def test_a_nickname_written_with_another_family_name_is_someone_else():
    """"Becky Fairclough" (who comments) is no "Rebecca Lomax" (another guest's mum), though Becky is a
    nickname of Rebecca; "Rob Whitaker" is no "Robin Hood" (a cricket club). A middle name ("Oakley Jean")
    is no family name: "Oakie" is still Oakley."""
    from datetime import datetime

    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    def post(n, caption, *comments):
        return Post(id=str(n), caption=caption, posted_at=datetime(2024, 5, n, 10), platform="facebook",
                    extra_text=comments)

    views = post_views([
        post(1, "Party at the soft play, Sonny loved it", "Becky Fairclough: what a day", "Rebecca Lomax: thank you!"),
        post(2, "Becky reckons the cake was the best bit", "Becky Fairclough: it was"),
        post(3, "Nets with Robin Hood Under 11s tonight", "Rob Whitaker: proud of him"),
        post(4, "Happy birthday Oakley Jean, three today", "Oakie is the boss of this house"),
    ])
    people, _, _ = gather_people(views)
    assert {"becky", "rebecca", "rob", "robin"} <= set(people)
    assert "oakie" not in people and "Oakie" in people["oakley"].aliases


def test_the_role_model_learns_that_an_animal_the_truth_says_is_not_the_family_s_pet_is_no_pet(tmp_path):
    """A crab named on the beach is an animal's name (a PET span) but the truth file's must-not-claim
    pet: the role model is taught the dossier's decision ("none"); the family's dog stays a pet."""
    from types import SimpleNamespace

    from kidsafe.engine.mentions import find_mentions
    from kidsafe.learn import train_roles
    from kidsafe.learn.corpus import load_voice
    from kidsafe.learn.evaluate import voice_views
    from tests.test_corpus import write_voice

    posts = [{"id": "1", "date": "2024-05-03 08:10", "caption": "Wren found a crab and named it Kevin, Pip barked at it",
              "spans": [["Wren", "CHILD"], ["Kevin", "PET"], ["Pip", "PET"]]}]
    truth = {"audit_date": "2024-12-01", "children": [{"name": "Wren"}],
             "facts": [{"kind": "pet", "child": None, "value": "Pip", "posts": ["1"]}],
             "must_not_claim": [{"kind": "pet", "value": "Kevin"}]}
    voice = load_voice(write_voice(tmp_path / "v", posts, truth))
    views = {v.id: v for v in voice_views(voice)}
    mentions = {m.name: m for m in find_mentions(views["1"])}

    def role(name: str) -> str:
        return train_roles.gold_role(SimpleNamespace(mentions=[mentions[name]]), voice, views)

    assert (role("Kevin"), role("Pip"), role("Wren")) == ("none", "pet", "child")


@pytest.mark.parametrize("caption", ["Nana Sunday lunch, roast and all", "Grandad June birthday meal"])
def test_engine_a_day_or_month_after_a_kin_title_is_no_name(caption):
    d = dossier(view("1", caption), view("2", "Our boy Ezra is 6 today 🎂", "2024-03-01 18:00"))
    assert not {v for v in values(d, FactKind.RELATIVE) if "Sunday" in v or "June" in v}


def test_engine_a_nickname_never_joins_a_place_said_as_a_place():
    """"Indi" ends inside "Windermere" by spelling; "Windermere Park" is a park, so Indi stays Indiana."""
    d = dossier(view("1", "Little Aths starting back. Friday 5.30 at Windermere Park. Indi's doing hurdles."),
                *(view(str(i), text) for i, text in enumerate([
                    "Indi on the trampoline again", "Indi and the cake", "Indi lost a tooth", "Indi at the beach",
                    "Indi's first sleepover", "Indi painting", "Indi and her cousins"], 2)),
                view("9", "Happy 7th birthday Indiana! 🎂", "2024-06-01 10:00"))
    assert "Windermere" not in child_names(d)


def test_engine_a_common_given_name_is_no_nickname_of_a_town():
    """"Charlotte" begins "Charlottetown" by spelling, but Charlotte is a name of its own and the town no one's
    name; "Char" is Charlotte's, not the town's."""
    d = dossier(view("1", "Charlottetown for the morning. Charlotte thinks the city was named after her."),
                view("2", "Charlottetown market with the kids, Charlotte had a lobster roll"),
                *(view(str(i), text) for i, text in enumerate([
                    "Charlotte on the swings", "Charlotte and the cake", "Char lost a tooth", "Charlotte at the beach",
                    "Love you, Char"], 3)),
                view("9", "Happy 5th birthday Charlotte! 🎂", "2024-06-01 10:00"))
    names = child_names(d)
    assert "Charlotte" in names and not any("Charlottetown" in n for n in names), names
    charlotte = next(c for c in d.children if c.name == "Charlotte")
    assert "Char" in charlotte.aliases


def test_a_kin_title_given_to_no_relative_still_names_the_relative():
    """"Nani Ollie Watkins is the best" (a child's words about a footballer) gives the title to no relative, so the
    feed's "Nani" is still the relative a stranger can ask for; "Nana Sue", a relative, is the named one."""
    from types import SimpleNamespace

    from kidsafe.engine.facts import FactBook
    from kidsafe.engine.people_facts import _add_bare_kin_titles

    views = [view("1", "Nani made biryani for everyone"), view("2", '"Nani Ollie Watkins is the best" ok beta'),
             view("3", "Nana Sue came for tea, and Nana brought cake")]
    people = [SimpleNamespace(title="Nani", role="character", key="ollie", aliases=set()),
              SimpleNamespace(title="Nana", role="relative", key="sue", aliases=set())]
    book = FactBook()
    _add_bare_kin_titles(book, SimpleNamespace(people=people), views)
    assert {f.value for f in book.facts() if f.kind is FactKind.RELATIVE} == {"Nani"}


def test_every_entity_label_spacy_gives_is_a_feature_of_the_role_model():
    """"top of Grade 4 for Esperanto": spaCy reads "Esperanto" as a LANGUAGE, which no child's name is; the role
    model reads every label the recogniser gives, not only the names' and places'. (The languages of the locale's
    list are no names at all: `test_the_name_of_a_language_is_no_one_s_name`.)"""
    from datetime import datetime

    from kidsafe.engine import roles
    from kidsafe.engine.people import gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    views = post_views([Post(id="1", caption="Mid-year reports! Priya top of Grade 4 for Esperanto",
                             posted_at=datetime(2024, 5, 4, 10), platform="plain")])
    people, ctx, _ = gather_people(views, {"esperanto": {"LANGUAGE"}, "priya": {"PERSON"}})
    assert "esperanto" in people, sorted(people)
    assert roles.person_features(people["esperanto"], ctx).get("ent:LANGUAGE") == 1.0
    assert "ent:LANGUAGE" not in roles.person_features(people["priya"], ctx)


def test_a_parent_under_two_names_leaves_room_for_the_other_parent(monkeypatch):
    """"Chelle" and "Rochelle" both clear the parents' floor: one person. Merged before the engine looks for a
    second parent, the family then has one, and the name next likeliest a parent ("Marcus", under the floor but
    above `roles.SECOND_PARENT`) is the other; merged after, two parents would have stopped that look."""
    from types import SimpleNamespace

    from kidsafe.engine import people, roles
    from tests.engine_feeds import view

    odds = {"noah": {"child": 0.9}, "chelle": {"parent": 0.8}, "rochelle": {"parent": 0.8},
            "marcus": {"parent": 0.5, "adult": 0.3}}
    model = SimpleNamespace(threshold=0.6, meta={"floors": {"parent": 0.6}},
                            probabilities=lambda feats: odds.get(feats["key"], {"none": 1.0}))
    monkeypatch.setattr(roles, "model_for", lambda _: model)
    monkeypatch.setattr(roles, "person_features", lambda person, ctx: {"key": person.key})
    views = [view(str(i), caption, f"2024-05-{i + 1:02d} 10:00") for i, caption in enumerate((
        "Happy Mother's Day, Chelle!", "Rochelle and the kids made pancakes", "Marcus fixed the bike for Noah",
        "Noah and Marcus at the park", "Noah at the beach", "Noah asleep in the car", "Noah at nursery",
        "Noah loves the swings", "Noah on the slide"))]
    assert {"chelle", "rochelle"} <= set(people.gather_people(views)[0])  # a parent's cue keeps them apart till then
    cast = people.build_cast(views)
    assert sorted(p.name for p in cast.people if p.role == "parent") == ["Marcus", "Rochelle"]


@pytest.mark.parametrize(("comments", "title"), [
    (("Carol Wrightson: Oh no poor wee man. Love from Grandma xx", "Carol Wrightson: Grandma loves you"), "Grandma"),
    (("Trevor McNabb: Happy birthday Greer from Poppa. Ten!",), "Poppa"),
    (("Trevor McNabb: from Poppa and Nana x", "Trevor McNabb: Happy birthday from Poppa"), "Poppa"),
    (("Carol Wrightson: lovely photo", "Sam: Grandma would love this"), None),  # not in her own comment
    (("Carol Wrightson: from Nana and Grandad xx",), None),  # two titles signed: neither is hers alone
    (("Carol Wrightson: Grandad says hi", "Carol Wrightson: love Nana's cooking", "Carol Wrightson: back from Nan's"),
     None),  # titles she speaks of, not signs with
])
def test_a_relative_who_signs_their_comments_with_a_kin_title_is_called_by_it(comments, title):
    """A bare "Grandma" elsewhere in the feed is then Carol, not one more relative (`_add_bare_kin_titles`)."""
    from datetime import datetime

    from kidsafe.engine.people import _title_signed_in_comments, gather_people
    from kidsafe.learn.evaluate import post_views
    from kidsafe.models import Post

    views = post_views([Post(id="1", caption="Greer at the beach today", posted_at=datetime(2024, 5, 4, 10),
                             platform="facebook", extra_text=comments)])
    people, ctx, _ = gather_people(views)
    writer = people["carol"] if "carol" in people else people["trevor"]
    assert _title_signed_in_comments(writer, ctx.views) == title


def test_an_animal_named_in_one_post_is_no_pet_unless_the_model_is_near_sure():
    """The neighbours' dog said once is theirs; the family's dog comes back post after post (`roles.ONE_POST_PET`)."""
    from kidsafe.engine.roles import sure_of_pet

    assert not sure_of_pet(0.75, posts=1) and sure_of_pet(0.85, posts=1) and sure_of_pet(0.55, posts=2)


@pytest.mark.parametrize(("caption", "name"), [
    ("Ele chegou 💙 Benício Augusto nasceu ontem à noite, 3.4kg", "Benício"),
    ("Nuestra Lucía nació el martes a las 3am", "Lucía"),
    ("Notre petite Inès est née ce matin", "Inès"),
    ("Our Leo was born on Tuesday at 4am 💙", "Leo"),
    ("Nasza Zosia urodziła się wczoraj", "Zosia"),
])
def test_a_birth_said_in_the_parent_s_language_cues_the_child(caption, name):
    from kidsafe.engine.mentions import find_mentions

    assert "born" in next(m.cues for m in find_mentions(view("1", caption)) if m.name == name)


@pytest.mark.parametrize(("caption", "name", "cued"), [
    ("First day at Scoil an Ghleanna for Caolán", "Ghleanna", True),
    ("Rentrée à l'École Jules Ferry", "Jules", True),
    ("Primeiro dia na escola! Helena feliz 🎒", "Helena", False),  # the everyday word, then a new sentence
    ("Saindo da Escola, Helena cansada", "Helena", False),  # a mark between
])
def test_a_word_right_after_a_school_type_word_that_names_its_school_is_the_school_s(caption, name, cued):
    from kidsafe.engine.mentions import find_mentions

    assert ("after_the" in next(m.cues for m in find_mentions(view("1", caption)) if m.name == name)) == cued
