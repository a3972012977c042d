"""The stranger engine on small feeds written for these tests (no spaCy model needed: docs are empty).

Every case is a trap a careless reader falls into, or a fact a careful stranger must not miss.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kidsafe.engine import build_dossier
from kidsafe.engine.people import is_alias
from kidsafe.engine.views import PostView, TextPart
from kidsafe.models import EvidenceSource, FactKind, GeoPoint, Post

AS_OF = date(2025, 6, 1)


def view(pid: str, caption: str, when: str = "2024-05-04 10:00", gps: tuple[float, float] | None = None,
         people: tuple[str, ...] = (), ocr: tuple[str, ...] = ()) -> PostView:
    moment = datetime.fromisoformat(when)
    parts = [TextPart(caption, EvidenceSource.CAPTION)] + [TextPart(t, EvidenceSource.OCR) for t in ocr]
    return PostView(post=Post(id=pid, caption=caption, posted_at=moment), parts=tuple(parts), local_time=moment,
                    posted_local=moment, gps=GeoPoint(*gps) if gps else None,
                    gps_source=EvidenceSource.EXIF if gps else None, people=people, has_photo=True)


def dossier(*views: PostView):
    return build_dossier(list(views), as_of=AS_OF)


def values(d, kind: FactKind, child: str | None = None) -> set:
    subject = None
    if child:
        subject = next(s.id for s in d.children if s.name == child or child in s.aliases)
    return {str(f.value) for f in d.facts_of_kind(kind) if subject is None or f.subject == subject}


def child_names(d) -> set[str]:
    return {c.name for c in d.children}


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


@pytest.mark.parametrize(("caption", "school"), [
    ("First day at St Mary's RC Primary for our Noah 🎒", "St Mary's"),
    ("Noah's nativity was a triumph #oakfieldprimary", "Oakfield"),
    ("Settling in well at Busy Bees nursery, Noah loves it", "Busy Bees"),
    ("Noah's first day at Gaelscoil na Cille, not a bother on him 🎒", "Gaelscoil na Cille"),
    ("Rentrée à l'École Les Tilleuls pour Noah 🎒", "École Les Tilleuls"),
    ("Noah's first day of school at Kita Regenbogen. So proud", "Kita Regenbogen"),
])
def test_engine_school_phrasings(caption, school):
    d = dossier(view("1", caption), view("2", "Noah is 4 today", "2024-02-01 09:00"))
    found = values(d, FactKind.SCHOOL, "Noah")
    assert any(school.lower().replace("'", "") in s.lower().replace("'", "") for s in found), found


@pytest.mark.parametrize(("caption", "weekday", "time", "activity"), [
    ("swimming every Wed at half 4, Noah is a fish now", "Wednesday", "16:30", "swimming"),
    ("Sat mornings = football, rain or shine", "Saturday", None, "football"),
    ("muddy knees again #saturdayfootball", "Saturday", None, "football"),
    ("Karate on Thursdays at 5pm is his favourite", "Thursday", "17:00", "karate"),
    ("Saturday footy at 9am, every week without fail", "Saturday", "09:00", "footy"),
    ("Hurling every Sunday morning with the under 8s 🏑", "Sunday", None, "hurling"),
    ("Irish dancing every Monday, hard shoes and all", "Monday", None, "Irish dancing"),
    ("Calisthenics every Wednesday arvo", "Wednesday", None, "calisthenics"),
])
def test_engine_routines_from_words(caption, weekday, time, activity):
    d = dossier(view("1", caption, "2024-05-04 10:00"), view("2", "Noah is 5 today", "2024-02-01 09:00"))
    routines = [f.value for f in d.facts_of_kind(FactKind.ROUTINE)]
    assert any(r["weekday"] == weekday and r["activity"] == activity and (time is None or r["time"] == time)
               for r in routines), routines


def test_engine_routine_from_recurrence_alone():
    place, home = (51.4545, -2.5879), (51.4600, -2.6000)
    posts = [view(f"r{i}", "same time same place", f"2025-01-{d:02d} 10:0{i}", gps=place)
             for i, d in enumerate((7, 14, 21, 28))]
    posts += [view(f"h{i}", "bedtime stories", f"2025-02-{d:02d} 19:30", gps=home) for i, d in enumerate((1, 2, 3))]
    posts.append(view("n", "Jude is 2 today!", "2025-03-03 09:00"))
    d = dossier(*posts)
    routines = [f for f in d.facts_of_kind(FactKind.ROUTINE)]
    assert any(f.value["weekday"] == "Tuesday" and f.value["time"].startswith("10:") for f in routines)
    homes = d.facts_of_kind(FactKind.HOME)
    assert len(homes) == 1 and abs(homes[0].value["lat"] - home[0]) < 0.001


def test_engine_holiday_resort_is_not_the_home_town():
    d = dossier(
        view("1", "Majorca you were a dream 🌴 back to reality tomorrow #familyholiday"),
        view("2", "Bristol in the rain again, Ruby does not care #bristolmums", "2024-09-01 10:00"),
        view("3", "Ruby is 3 today", "2024-10-01 10:00"),
    )
    assert values(d, FactKind.TOWN) == {"Bristol"}


@pytest.mark.parametrize(("caption", "reason"), [
    ("bath time chaos 🛁 Zac 1 - Mummy 0", "bath"),
    ("we did it!! #pottytraining", "toilet"),
    ("full on tantrum in the supermarket, Zac was NOT happy", "distress"),
    ("tubby time, splish splash", "bath"),
    ("Zac loving the bathtub tonight", "bath"),
    ("Zac in the nip running round the garden", "nudity"),
    pytest.param("Zac chucked a massive wobbly in the shop", "distress", marks=pytest.mark.xfail(
        strict=True, reason="known gap: the caption model, trained on a corpus where 'wobbly' is mostly a "
                            "tooth, overrules the word list on the UK idiom 'chucked a wobbly'")),
])
def test_engine_sensitive_pictures(caption, reason):
    d = dossier(view("1", caption), view("2", "Zac is 2 today", "2024-02-01 09:00"))
    assert reason in values(d, FactKind.SENSITIVE_IMAGE)


def test_engine_surname_from_hashtag_and_plural():
    d = dossier(view("1", "Merry Christmas from the Hendersons 🎄 #teamhenderson"))
    assert values(d, FactKind.SURNAME) == {"Henderson"}


def test_engine_location_leak_per_geotagged_post():
    d = dossier(view("1", "park", gps=(48.8566, 2.3522)), view("2", "park again"))
    leaks = d.facts_of_kind(FactKind.LOCATION_LEAK)
    assert [f.posts for f in leaks] == [("1",)]


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


@pytest.mark.parametrize(("caption", "age"), [
    ("Beach day for Max (4) and Ivy (2)", None),
    ("Max is 6 months old today and already crawling", None),
    ("Max is 5 minutes late for everything", None),
])
def test_engine_ages_not_misread(caption, age):
    d = dossier(view("1", caption), view("2", "Our boy Max is 3 today", "2024-01-10 09:00"))
    assert values(d, FactKind.BIRTHDAY, "Max") == {"01-10"}
    assert values(d, FactKind.AGE, "Max") == {"4"}


def test_engine_posters_own_friend_is_an_adult_not_a_child():
    d = dossier(view("1", "Happy birthday to my best friend Sarah, love you"),
                view("2", "Wine with Sarah tonight"),
                view("3", "Our girl Esme is 2 today", "2024-01-10 09:00"))
    assert child_names(d) == {"Esme"}
    assert values(d, FactKind.OTHER_CHILD) == set()


def test_engine_saturday_only_as_a_day_not_a_verb():
    d = dossier(view("1", "he sat still for football photos for once", "2024-05-06 10:00"),
                view("2", "Ben is 6 today", "2024-01-10 09:00"))
    assert not [f for f in d.facts_of_kind(FactKind.ROUTINE) if f.value["weekday"] == "Saturday"]


def test_engine_town_hashtag_is_not_a_sensitive_picture():
    d = dossier(view("1", "First day at Widcombe Infant School for Reuben! #bathmums"),
                view("2", "Reuben is 4 today", "2024-06-10 09:00"))
    assert values(d, FactKind.TOWN) == {"Bath"}
    assert values(d, FactKind.SENSITIVE_IMAGE) == set()
    assert any("Widcombe" in s for s in values(d, FactKind.SCHOOL, "Reuben"))


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


def test_engine_favourite_is_said_once_without_trailing_slang():
    d = dossier(view("1", "Mason is obsessed with Bluey rn"), view("2", "Mason turned 3 yesterday 🎈"))
    assert values(d, FactKind.FAVOURITE, "Mason") == {"Bluey"}


def test_engine_grown_up_friends_and_celebrities_are_not_children():
    d = dossier(view("1", "Wine with Emma tonight 🍷"), view("2", "Emma's hen do was wild"),
                view("3", "Coffee with Emma before work"), view("4", "Met Harry Styles in the queue!!"),
                view("5", "Harry Styles on the radio again"), view("6", "Our boy Arthur is 4 today"))
    assert child_names(d) == {"Arthur"}


def test_engine_child_named_often_without_cues_is_still_a_child():
    d = dossier(view("1", "Emma loved the ducks at the park"), view("2", "Emma and the muddy puddles"),
                view("3", "Emma fell asleep in the car"))
    assert child_names(d) == {"Emma"}


def test_engine_twins_share_a_birthday():
    d = dossier(view("1", "Happy 2nd birthday to our twins Alfie & Teddy 🎂🎂", "2024-04-04 10:00"))
    assert child_names(d) == {"Alfie", "Teddy"}
    assert values(d, FactKind.BIRTHDAY, "Alfie") == values(d, FactKind.BIRTHDAY, "Teddy") == {"04-04"}


def test_engine_saints_school_in_a_school_post():
    d = dossier(view("1", "First day of Junior Infants at St. Brigid's for our Aoife 🎒"),
                view("2", "Aoife is 4 today", "2024-02-01 09:00"))
    assert any("Brigid" in s for s in values(d, FactKind.SCHOOL, "Aoife"))
    assert child_names(d) == {"Aoife"}


def test_engine_one_match_on_a_saturday_is_not_a_routine():
    d = dossier(view("1", "Took Noah to his first football match on Saturday!", "2024-05-06 10:00"),
                view("2", "Noah is 6 today", "2024-01-10 09:00"))
    assert d.facts_of_kind(FactKind.ROUTINE) == ()


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


@pytest.mark.parametrize(("ocr", "what", "name"), [
    (("ACACIA AVENUE",), "street sign", "Acacia Avenue"),
    (("Rose Cottage",), "house name", "Rose Cottage"),
    (("AB12 CDE",), "number plate", "AB12 CDE"),
])
def test_engine_signs_in_photos_are_places(ocr, what, name):
    d = dossier(view("1", "new adventures", gps=(51.5, -0.1), ocr=ocr))
    places = [f.value for f in d.facts_of_kind(FactKind.PLACE) if f.value.get("what") == what]
    assert [p["name"] for p in places] == [name] and places[0]["lat"] == 51.5
    assert "lat" not in dossier(view("2", "x", ocr=ocr)).facts_of_kind(FactKind.PLACE)[0].value


@pytest.mark.parametrize("ocr", [("YEAR 2",), ("DUCKLINGS STAGE1",), ("42",), ("HAPPY BIRTHDAY",)])
def test_engine_ordinary_text_in_photos_is_no_sign(ocr):
    d = dossier(view("1", "swimming badge day", ocr=ocr))
    assert not [f for f in d.facts_of_kind(FactKind.PLACE) if f.value.get("what")]


def test_engine_door_number_only_in_a_home_post():
    d = dossier(view("1", "Keys to our new house!! 🔑", ocr=("42",)))
    assert [f.value["name"] for f in d.facts_of_kind(FactKind.PLACE) if f.value.get("what") == "door number"] == ["42"]


@pytest.mark.parametrize(("caption", "trait"), [
    ("Esme in her new red school jumper, so grown up", "red school jumper"),
    ("Esme picked her first glasses today", "glasses"),
    ("Esme and her wild curly hair", "curly hair"),
])
def test_engine_appearance_of_a_child(caption, trait):
    d = dossier(view("1", caption), view("2", "Our girl Esme is 4 today", "2024-02-01 09:00"))
    assert values(d, FactKind.APPEARANCE, "Esme") == {trait}


def test_engine_plain_clothes_are_no_appearance():
    d = dossier(view("1", "Esme in her new coat"), view("2", "Our girl Esme is 4 today", "2024-02-01 09:00"))
    assert values(d, FactKind.APPEARANCE) == set()


def test_engine_pet_forms_join_when_the_name_list_agrees():
    d = dossier(view("1", "Immy's first ballet show", "2024-03-01 10:00"),
                view("2", "Our girl Imogen turned 5 today", "2024-03-02 10:00"),
                view("3", "Annie and Anthony at the farm"), view("4", "Anthony is 3 today", "2024-06-01 10:00"),
                view("5", "Annie is 6 today", "2024-07-01 10:00"))
    names = {c.name: set(c.aliases) for c in d.children}
    assert names["Imogen"] == {"Immy"} and "Annie" in names and "Anthony" in names


@pytest.mark.parametrize("caption", ["Sunset walk on the beach. Lovely", "Lazy Sunday. Rainy too",
                                     "Rainy day crafts. Rainy again"])
def test_engine_words_opening_a_sentence_are_no_town_and_no_child(caption):
    d = dossier(view("1", caption), view("2", caption + "!"))
    assert values(d, FactKind.TOWN) == set() and child_names(d) == set()


def test_engine_ordinary_words_in_school_posts_are_no_school():
    d = dossier(view("1", "Snacks packed, first day of school tomorrow"),
                view("2", "Snacks for the school trip, Zero complaints"),
                view("3", "Our boy Ezra is 5 today", "2024-01-10 09:00"))
    assert values(d, FactKind.SCHOOL) == set()


@pytest.mark.parametrize(("text", "folded"), [
    ("Lily-Mae O'Neill", "lily-mae o'neill"),
    ("It`s", "it's"),  # the ASCII fast path normalises the backtick like the full path
    ("It’s Zoë", "it's zoe"),
    ("Đặng Minh", "dang minh"),
    ("ﬁnn", "finn"),  # a compatibility ligature
])
def test_engine_fold_compares_names_without_case_or_accents(text, folded):
    from kidsafe.engine.text import fold

    assert fold(text) == folded


@pytest.mark.parametrize("text", ["École Jules Ferry", "It`s Zoë’s ﬁrst day 🎒", "Đặng Minh", "plain words"])
def test_engine_fold_each_keeps_every_offset_and_folds_as_fold_does_one_character_at_a_time(text):
    from kidsafe.engine.text import Folded, fold, fold_each

    assert fold_each(text) == "".join(fold(c)[:1] or c for c in text)
    assert len(fold_each(text)) == len(text)
    assert Folded(text).text == "".join(fold(c) for c in text)  # the offset map folds one character at a time


@pytest.mark.parametrize(("caption", "masked"), [
    ("Mia & Sam ^_^ #beachday at Tenby", "Mia & Sam  _  " + " " * 9 + " at Tenby"),  # ASCII: the table's way
    ("Mia & Sam ^_^ ❤️ #beachday", "Mia & Sam  _ " + "  " + " " + " " + " " * 9),  # emoji: one character at a time
    ("It`s Zoë’s day #Zoëʼs", "It's Zoë's day " + " " * 6),  # a letter-like apostrophe stays in the hashtag
])
def test_engine_masks_symbols_and_hashtags_for_spacy_keeping_every_offset(caption, masked):
    from kidsafe.engine.text import mask_for_nlp

    assert mask_for_nlp(caption) == masked
    assert len(mask_for_nlp(caption)) == len(caption)


def test_engine_town_at_a_sentence_start_is_found_near_the_home_fix_and_a_visitors_town_is_not():
    home = (-27.5610, 151.9540)  # Toowoomba
    d = dossier(view("1", "Pizza night, Ivy is 4 today 🎂", "2024-03-01 19:00", gps=home),
                view("2", "Grandpa Len drove up from Bunbury to see Ivy", "2024-03-09 18:30", gps=home),
                view("3", "Toowoomba, you're freezing this morning", "2024-06-20 07:30", gps=home))
    assert values(d, FactKind.TOWN) == {"Toowoomba"}


def test_engine_school_word_after_a_comma_keeps_the_name_out_of_the_towns():
    d = dossier(view("1", "Our girl Wren is 5 today 🎂", "2024-03-01 19:00"),
                view("2", "First day of kindergarten! Maplewood Elementary, look after her", "2024-09-03 08:30"))
    assert values(d, FactKind.TOWN) == set()
    assert values(d, FactKind.SCHOOL) == {"Maplewood Elementary School"}


@pytest.mark.parametrize(("caption", "kind", "value"), [
    ("Happy Mother's Day to Bronwyn, these kids adore you 💐", FactKind.PARENT_NAME, "Bronwyn"),
    ("Father's Day pancakes for Declan, made by the kids", FactKind.PARENT_NAME, "Declan"),
    ("Shoutout to Marcus, the best daddy in the world", FactKind.PARENT_NAME, "Marcus"),
    ("Sunday dinner at Mamó Siobhán's, the kids were spoiled", FactKind.RELATIVE, "Mamó Siobhán"),
    ("Morfar Lars taught them to fish", FactKind.RELATIVE, "Morfar Lars"),
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


def test_engine_packed_lunchboxes_are_no_holiday():
    school, home = (-37.5610, 143.8560), (-37.5500, 143.8400)
    d = dossier(view("1", "Our girl Esme is 5 today 🎂", "2024-03-01 19:00", gps=home),
                view("2", "pizza night at home", "2024-03-08 19:00", gps=home),
                view("3", "First day at Wattlebird Primary! lunchboxes packed, hats on", "2025-01-30 08:40", gps=school))
    places = d.facts_of_kind(FactKind.PLACE)
    assert any(f.value.get("role") == "school" for f in places)


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


def test_engine_years_ago_today_is_not_a_birth_today():
    d = dossier(view("1", "6 years ago today you were born 🥹 happy birthday Lyra", "2024-10-05 09:00"))
    assert values(d, FactKind.BIRTH_YEAR) == {"2018"}


def test_engine_twins_share_the_school_no_post_names_them_at():
    d = dossier(view("1", "The twins are SIX 🎂🎂 happy birthday Rafe and Juno", "2024-08-21 18:00"),
                view("2", "First day of Year 1 at Banksia Primary for the twins 🎒", "2025-01-30 08:40"))
    for child in ("Rafe", "Juno"):
        assert values(d, FactKind.SCHOOL, child) == {"Banksia Primary School"}


def test_engine_unnamed_bub_in_the_bath_is_the_familys_baby():
    d = dossier(view("1", "Our girl Maisie is 5 today 🎂", "2024-03-01 18:00"),
                view("2", "Welcome to the world Cormac 💙", "2024-06-02 09:00"),
                view("3", "bub loving the bathtub, big sister supervising", "2024-09-10 19:00"))
    baths = [f for f in d.facts_of_kind(FactKind.SENSITIVE_IMAGE) if f.value == "bath"]
    cormac = next(s.id for s in d.children if s.name == "Cormac")
    assert [f.subject for f in baths] == [cormac]


@pytest.mark.parametrize(("caption", "favourite"), [
    ("Idris would watch Daniel Tiger on a loop if we let him 🐯", "Daniel Tiger"),
    ("Idris knows every word of the Moana soundtrack", "Moana"),
])
def test_engine_favourite_show_and_its_character_is_no_child(caption, favourite):
    d = dossier(view("1", caption), view("2", "Our boy Idris is 4 today 🎂", "2024-02-01 18:00"))
    assert child_names(d) == {"Idris"}
    assert favourite in values(d, FactKind.FAVOURITE, "Idris")


# --- probe round 2: Scottish, South African and Singaporean voices (names invented for the tests) ---

def test_engine_html_entities_and_line_breaks_read_as_text():
    d = dossier(view("1", "Kaito &amp; Wren made pancakes<br>what a mess", "2024-03-02 10:00"),
                view("2", "Happy 4th birthday Wren 🎂", "2024-05-04 10:00"),
                view("3", "Kaito &amp; Wren at the park", "2024-06-01 10:00"))
    assert {"Kaito", "Wren"} <= child_names(d)


def test_engine_name_the_name_list_lacks_is_a_sibling_when_paired_with_a_child():
    d = dossier(view("1", "Happy birthday Thabiso! 🎂 six today", "2024-04-10 10:00"),
                view("2", "Thabiso &amp; Mpho at the beach", "2024-05-01 10:00"),
                view("3", "Mpho found a crab 🦀", "2024-05-02 10:00"))
    assert child_names(d) == {"Thabiso", "Mpho"}


@pytest.mark.parametrize(("caption", "relative"), [
    ("Sunday lunch at Gogo Nomsa's 🍗", "Gogo Nomsa"),
    ("Dinner with Ah Ma tonight 🥟 she spoils them", "Ah Ma"),
    ("Ah Kong taught them chess ♟️", "Ah Kong"),
])
def test_engine_kin_titles_of_more_countries(caption, relative):
    d = dossier(view("1", "Our boy Dario turned 5 today 🎂", "2024-03-09 18:00"), view("2", caption))
    assert relative in values(d, FactKind.RELATIVE)
    assert child_names(d) == {"Dario"}


def test_engine_my_sister_is_the_childrens_aunt_not_a_child():
    d = dossier(view("1", "Our girl Pia turned 3 today 🎂", "2024-03-09 18:00"),
                view("2", "Shout out to my sister Lindiwe who babysat all weekend 💜"))
    assert child_names(d) == {"Pia"}
    assert "Lindiwe" in values(d, FactKind.RELATIVE)


def test_engine_welcome_the_wee_one_is_a_birth():
    d = dossier(view("1", "Welcome to the world wee Eilidh 💕 born 3rd February, 7lb", "2025-02-04 10:00"),
                view("2", "Eilidh's first smile 🥹", "2025-04-01 10:00"))
    assert child_names(d) == {"Eilidh"}
    assert values(d, FactKind.BIRTHDAY, "Eilidh") == {"02-03"}
    assert values(d, FactKind.BIRTH_YEAR, "Eilidh") == {"2025"}


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


def test_engine_cheered_number_opens_a_birthday_post():
    d = dossier(view("1", "14!!! 🎉 Happy birthday to my firstborn Ayodele, a proper teenager", "2024-10-02 07:30"))
    assert values(d, FactKind.BIRTHDAY, "Ayodele") == {"10-02"}
    assert values(d, FactKind.BIRTH_YEAR, "Ayodele") == {"2010"}


def test_engine_creche_with_its_accent_is_a_school():
    d = dossier(view("1", "Our boy Jabu turned 5 today 🎂", "2024-03-09 18:00"),
                view("2", "Heritage Day at Sunbird Crèche 🇿🇦 Jabu in his beads", "2024-09-20 10:00"))
    assert "Sunbird Crèche" in values(d, FactKind.SCHOOL, "Jabu")


def test_engine_school_post_for_the_twins_goes_to_the_two_born_the_same_year():
    d = dossier(view("1", "Happy 13th birthday Lwazi 🎂", "2024-10-02 07:00"),
                view("2", "Our twins Ama & Esi are SIX today 🎂🎂", "2025-04-18 10:00"),
                view("3", "First day of Grade R at Marula Park Primary for the twins!! 🎒", "2025-01-15 09:00"))
    assert "Marula Park Primary School" in values(d, FactKind.SCHOOL, "Ama")
    assert "Marula Park Primary School" in values(d, FactKind.SCHOOL, "Esi")
    assert "Marula Park Primary School" not in values(d, FactKind.SCHOOL, "Lwazi")


def test_engine_tuition_is_a_weekly_activity_and_chicken_rice_no_pet():
    d = dossier(*[view(str(i), "Tuesday night tuition for Jun Hao 📚" if i == 0 else "tuition again 📖",
                       f"2024-07-{2 + 7 * i:02d} 19:05", gps=(1.3522, 103.9455)) for i in range(4)],
                view("9", "Bedok hawker centre lunch 🍜 chicken rice for the win", "2024-08-01 12:00"))
    assert any(f.value.get("activity") == "tuition" for f in d.facts_of_kind(FactKind.ROUTINE))
    assert "Bedok" not in values(d, FactKind.PET)


def test_engine_scots_sign_off_gives_the_family_name():
    d = dossier(view("1", "Merry Christmas fae the Drummonds 🎄", "2024-12-25 10:00"))
    assert values(d, FactKind.SURNAME) == {"Drummond"}


def test_engine_a_kin_title_used_as_a_name_is_a_relative_unless_the_feed_names_that_relative():
    d = dossier(view("1", "Pop took the kids fishing again"), view("2", "Ava is 6 today", "2024-03-01 09:00"),
                view("3", "Sunday lunch at Nana Sue's, Ava helped with the gravy", "2024-03-03 13:00"),
                view("4", "Nana spoiling them rotten", "2024-03-04 13:00"))
    relatives = values(d, FactKind.RELATIVE)
    assert "Pop" in relatives and "Nana Sue" in relatives
    assert "Nana" not in relatives  # the feed names her: "Nana" is Nana Sue
    assert "Pop" not in child_names(d)


@pytest.mark.parametrize("tag, surname", [("#OwusuTwins", "Owusu"), ("#LockyerWildOnes", "Lockyer"),
                                          ("#NwachukwuXmas", "Nwachukwu")])
def test_engine_a_family_hashtag_gives_the_surname(tag, surname):
    d = dossier(view("1", f"Christmas morning chaos {tag}"), view("2", "Ama is 4 today", "2024-03-01 09:00"))
    assert surname in values(d, FactKind.SURNAME)


def test_engine_a_hashtag_of_everyday_words_gives_no_surname():
    d = dossier(view("1", "Messy play again #ToddlerLife #SundayFunday"), view("2", "Ama is 4 today", "2024-03-01"))
    assert values(d, FactKind.SURNAME) == set()


def test_engine_a_nickname_pair_of_other_genders_is_two_children():
    assert not is_alias("Erin", "Aaron")  # the nickname list pairs them; a brother and sister are two people
    assert is_alias("Tilly", "Matilda")


def test_engine_a_child_or_pet_named_like_a_kin_title_is_not_also_a_relative():
    d = dossier(view("1", "Poppy is 4 today! our girl"), view("2", "Lola the dog stole a sock 🐶", "2024-03-02"),
                view("3", "Poppy and Lola in the garden", "2024-03-03"))
    assert "Poppy" not in values(d, FactKind.RELATIVE) and "Lola" not in values(d, FactKind.RELATIVE)


def test_engine_the_parent_crying_is_no_distress_picture_of_the_child():
    d = dossier(view("1", "Dropped her at nursery for the first time and I was crying in the car"),
                view("2", "Ivy is 3 today", "2024-03-01 09:00"))
    assert values(d, FactKind.SENSITIVE_IMAGE) == set()
