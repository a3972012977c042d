"""Schools (``engine/schools.py``): named in captions and hashtags, with or without a type word, and
which child goes there."""

from __future__ import annotations

import pytest

from kidsafe.engine.schools import _hashtag_school
from kidsafe.models import FactKind
from tests.engine_feeds import AGE_POST, birthday_view, child_names, dossier, values, view


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


def test_engine_saints_school_in_a_school_post():
    d = dossier(view("1", "First day of Junior Infants at St. Brigid's for our Aoife 🎒"),
                view("2", "Aoife is 4 today", "2024-02-01 09:00"))
    assert any("Brigid" in s for s in values(d, FactKind.SCHOOL, "Aoife"))
    assert child_names(d) == {"Aoife"}


def test_engine_a_schools_name_stops_at_the_end_of_its_sentence():
    """"at Little Acorns. Kindy graduation": the name is Little Acorns, not "Little Acorns. Kindy"; "St." stays."""
    d = dossier(view("1", "Noah's first day at nursery, Little Acorns, he didn't even look back"),
                view("2", "Noah at Little Acorns. Kindy graduation with little caps"),
                view("3", "Noah is 4 today", "2024-02-01 09:00"))
    assert values(d, FactKind.SCHOOL, "Noah") == {"Little Acorns"}


def test_engine_ordinary_words_in_school_posts_are_no_school():
    d = dossier(view("1", "Snacks packed, first day of school tomorrow"),
                view("2", "Snacks for the school trip, Zero complaints"),
                view("3", "Our boy Ezra is 5 today", "2024-01-10 09:00"))
    assert values(d, FactKind.SCHOOL) == set()


def test_engine_twins_share_the_school_no_post_names_them_at():
    d = dossier(view("1", "The twins are SIX 🎂🎂 happy birthday Rafe and Juno", "2024-08-21 18:00"),
                view("2", "First day of Year 1 at Banksia Primary for the twins 🎒", "2025-01-30 08:40"))
    for child in ("Rafe", "Juno"):
        assert values(d, FactKind.SCHOOL, child) == {"Banksia Primary School"}


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


@pytest.mark.parametrize("caption, school", [
    ("Rangi's first day at Little Wrens Nursery 🎒", "Little Wrens Nursery"),
    ("Little Pips Kindergarten graduation for Rangi today", "Little Pips Kindergarten"),
    ("First day at Oakfield Primary for Rangi 🎒", "Oakfield Primary School"),
])
def test_little_starting_a_nursery_name_is_kept(caption, school):
    d = dossier(view("1", caption, "2024-09-02 08:00"), AGE_POST)
    assert values(d, FactKind.SCHOOL, "Rangi") == {school}


@pytest.mark.parametrize(("tag", "expected"), [
    ("oakhollowelementary", ("Oakhollow", "elementary")),
    ("OakHollowElementary", ("Oak Hollow", "elementary")),
    ("oatlandsinfants", ("Oatlands", "infants")),
    ("dawnservice", None),  # "Dawnservi" + "ce" is no CE Primary
    ("firstdayatschool", None),
])
def test_a_hashtag_names_a_school_only_with_a_real_type_word_after_a_name(tag, expected):
    assert _hashtag_school(tag) == expected


def test_the_caption_and_the_run_together_hashtag_are_one_school():
    d = dossier(view("1", "First day at Daisy Chain Nursery for Noah 🎒"),
                view("2", "Noah's nativity, what a star #daisychainnursery", "2024-12-10 15:00"),
                view("3", "Noah is 4 today", "2024-02-01 09:00"))
    assert values(d, FactKind.SCHOOL, "Noah") == {"Daisy Chain Nursery"}


@pytest.mark.parametrize(("caption", "school"), [
    ("First day of grade 3 at Maple Hollow Public School! 🎒 Rowan", "Maple Hollow Public School"),
    ("First day of term 2 at Tōtara Park School 🎒 Rowan", "Tōtara Park School"),
    ("Back to class at Redfern High School for Rowan, year 7 already", "Redfern High School"),
])
def test_a_capitalised_school_after_a_name_in_a_school_post_is_the_school(caption, school):
    d = dossier(view("1", caption, "2024-09-03 08:20"), birthday_view())
    assert values(d, FactKind.SCHOOL) == {school}


def test_the_class_a_school_post_names_picks_the_child_of_that_age():
    d = dossier(
        view("1", "Ivy is 4 today 🎂", "2024-06-10 17:00"),
        view("2", "Rowan is 7 today 🎂", "2024-08-20 17:00"),
        view("3", "First day of grade 2 at Larchmont Public School 🎒 Ivy was so jealous she wanted to go too",
             "2024-09-03 08:20"))
    assert values(d, FactKind.SCHOOL, "Rowan") == {"Larchmont Public School"}
    assert not values(d, FactKind.SCHOOL, "Ivy")


@pytest.mark.parametrize("caption", [
    "Femi resumed JSS1 at Kingsmead College today 🎒",
    "Femi started at Kingsmead College today, my big boy in secondary school",
])
def test_a_college_in_a_school_post_is_the_school(caption):
    d = dossier(view("1", caption, "2024-09-09 08:00"), view("2", "Femi is 11 today 🎂", "2024-03-01 09:00"))
    assert values(d, FactKind.SCHOOL, "Femi") == {"Kingsmead College"}


def test_a_daycare_after_a_lower_case_type_word_goes_to_the_twins_it_names():
    d = dossier(
        view("1", "Happy 2nd birthday to our twins Maëlle & Inès 🎂", "2024-07-01 17:00"),
        view("2", "Our boy Noé is 5 today 🎂", "2024-02-01 09:00"),
        view("3", "Pickup at the garderie Les Petits Hiboux. The twins ran out screaming.", "2024-09-20 16:30"),
    )
    assert values(d, FactKind.SCHOOL, "Maëlle") == values(d, FactKind.SCHOOL, "Inès") != set()
    assert not values(d, FactKind.SCHOOL, "Noé")


def _week_of_posts(*captions: str):
    """A feed large enough for the learned models: an age post, the captions, ordinary days between."""
    posts = [view("1", "Our girl Noor is 7 today 🎂", "2024-03-02 09:00")]
    fillers = ["Pancakes again", "Rainy walk in the woods", "Soup weather", "Lego all afternoon",
               "Noor made a card for her gran", "Beach day, so windy"]
    for i, caption in enumerate([*captions, *fillers], 2):
        posts.append(view(str(i), caption, f"2024-04-{i:02d} 10:00"))
    return dossier(*posts)


def test_a_club_with_a_junior_squad_is_no_school_where_the_school_model_decides():
    from kidsafe.engine import learned

    assert learned.shipped("schools") is not None
    d = _week_of_posts("First day back at Larkhill Primary for Noor 🎒",
                       "Saturday training with the Comets junior squad, Noor scored twice",
                       "Comets junior squad won 3-1 on Saturday!! so proud of Noor",
                       "Noor's class assembly at Larkhill Primary this morning")
    found = values(d, FactKind.SCHOOL)
    assert any("Larkhill" in s for s in found), found
    assert not any("Comets" in s for s in found), found


def test_a_school_candidate_says_how_it_was_found_and_what_stands_beside_it():
    from kidsafe.engine import schools
    from kidsafe.engine.facts import Family
    from kidsafe.engine.people import build_cast

    views = [view("1", "First day at Larkhill Primary for Noor 🎒"), view("2", "Noor is 5 today")]
    family = Family.from_cast(build_cast(views, {}))
    schools.RECORDER = []
    try:
        schools.find_schools(views, family, set())
        (candidate, feats), = schools.RECORDER
    finally:
        schools.RECORDER = None
    assert candidate.display == "Larkhill Primary School"
    assert feats["way:type"] == 1.0 and feats["way:type:primary"] == 1.0
    assert feats["posts_with:school_context"] == 1.0 and "near:first" in feats
    assert not any(key.startswith("near:noor") for key in feats)  # names beside it are no features
    assert feats["posts_naming_a_child"] == 1.0 and feats["posts_naming_another_child"] == 0.0


def test_the_school_model_reads_whose_posts_name_a_school():
    """A cousin's or a friend's school is named beside that child; the family's comes back with the family's own."""
    from kidsafe.engine import schools
    from kidsafe.engine.facts import Family
    from kidsafe.engine.people import build_cast

    views = [view("1", "Noor is 5 today 🎂"), view("2", "Noor at the park with her best friend Amira"),
             view("3", "Noor's friend Amira started at Westbrook Primary today 🎒", "2024-09-04 08:00"),
             view("4", "Noor and Amira again, inseparable", "2024-09-07 10:00")]
    family = Family.from_cast(build_cast(views, {}))
    assert {p.name: p.role for p in family.cast.people}.get("Amira") == "other_child"
    schools.RECORDER = []
    try:
        schools.find_schools(views, family, set())
        recorded = list(schools.RECORDER)
    finally:
        schools.RECORDER = None
    (westbrook,) = [f for c, f in recorded if c.display.startswith("Westbrook")]
    assert westbrook["posts_naming_another_child"] == 1.0


def test_a_school_read_in_a_photo_is_weighed_by_the_rule_the_corpus_cannot_teach_photos():
    posts = [view("1", "Our girl Noor is 7 today 🎂", "2024-03-02 09:00"),
             view("2", "Big day for Noor 🎒", "2024-04-02 08:30", ocr=("LARKHILL INFANT SCHOOL",)),
             view("3", "Home time, Noor", "2024-04-09 15:30", ocr=("LARKHILL INFANT SCHOOL", "WELCOME"))]
    fillers = ["Pancakes again", "Rainy walk in the woods", "Soup weather", "Lego all afternoon",
               "Noor made a card for her gran", "Beach day, so windy"]
    posts += [view(str(i), caption, f"2024-05-{i:02d} 10:00") for i, caption in enumerate(fillers, 4)]
    found = values(dossier(*posts), FactKind.SCHOOL)
    assert any("Larkhill" in s for s in found), found


def test_a_school_read_in_capitals_in_a_photo_is_said_as_a_name_is_written():
    """"ST BRENDAN'S" reads "St Brendan's", not "St Brendan'S" (``str.title`` capitalises after the apostrophe)."""
    posts = [view("1", "Our girl Noor is 7 today 🎂", "2024-03-02 09:00"),
             view("2", "Big day for Noor 🎒", "2024-04-02 08:30", ocr=("ST BRENDAN'S PRIMARY SCHOOL",)),
             view("3", "Home time, Noor", "2024-04-09 15:30", ocr=("ST BRENDAN'S PRIMARY SCHOOL",))]
    fillers = ["Pancakes again", "Rainy walk in the woods", "Soup weather", "Lego all afternoon",
               "Noor made a card for her gran", "Beach day, so windy"]
    posts += [view(str(i), caption, f"2024-05-{i:02d} 10:00") for i, caption in enumerate(fillers, 4)]
    found = values(dossier(*posts), FactKind.SCHOOL)
    assert any("Brendan's" in s for s in found) and not any("'S" in s for s in found), found


@pytest.mark.parametrize(("caption", "school"), [
    ("Noah started 5th grade at Kestrel Rise today, taller than his teacher", "Kestrel Rise"),
    ("Noah is in 4th grade now at Sycamore Run and loves it", "Sycamore Run"),
    ("Noah starting pre-primary at Larchwood, all three in one building", "Larchwood"),
])
def test_engine_a_school_year_at_a_name_is_the_school(caption, school):
    d = dossier(view("1", caption), view("2", "Noah is 6 today", "2024-02-01 09:00"))
    assert school in values(d, FactKind.SCHOOL, "Noah")


def test_engine_a_school_year_at_a_place_that_is_no_name_is_no_school():
    d = dossier(view("1", "Nursery at the park today, Noah fed the ducks"), view("2", "Noah is 3 today", "2024-02-01 09:00"))
    assert not values(d, FactKind.SCHOOL)


def test_a_schools_initials_stay_as_written():
    from kidsafe.engine.schools import _display

    assert _display("Elmridge", "PS") == "Elmridge PS"  # not "Elmridge Ps"
    assert _display("Oak Hollow", "elementary") == "Oak Hollow Elementary School"


def test_a_school_s_name_stops_at_a_comma_or_an_emoji():
    """"Esme Cruickshank, Scotstown School": the child's full name, then the school; the school is
    "Scotstown School", not "O P1 Esme Cruickshank Scotstown School"."""
    d = dossier(view("1", "FIRST DAY O P1!! 🎒 Esme Cruickshank, Scotstown School. Her big brother held her hand"),
                view("2", "Esme is 5 today", "2024-02-01 09:00"))
    found = values(d, FactKind.SCHOOL)
    assert found and all("Esme" not in s and "Cruickshank" not in s for s in found), found
    assert any("Scotstown" in s for s in found), found


def test_the_days_said_after_a_school_are_no_part_of_its_name():
    """"back at Kōtuku Kindergarten Mon-Wed this year": the place tagger's span runs on into the days."""
    from kidsafe.engine.schools import _says_days

    d = dossier(view("1", "Rubes is back at Kōtuku Kindergarten Mon-Wed this year (9 till 3!) and went in happy",
                     "2024-09-02 09:00"),
                view("2", "Rubes is 3 today 🎂", "2024-02-01 09:00"),
                view("3", "Kōtuku had their whānau day today and Rubes sang", "2024-09-10 10:00"))
    assert values(d, FactKind.SCHOOL) == {"Kōtuku Kindergarten"}
    assert _says_days("Mon-Wed") and _says_days("Tuesdays") and _says_days("Tue/Thu")
    assert not _says_days("Monday's Child") and not _says_days("Kindergarten")


def test_engine_a_school_on_a_certificate_is_named_by_its_own_line():
    """A photo's lines are joined to find a name split over two ("OAKFIELD" above "PRIMARY SCHOOL"), but the
    certificate's other lines are no part of the school's name."""
    d = dossier(view("1", "Ava is 6 today 🎂", "2024-03-01 09:00"),
                view("2", "So proud of this one 🥹", "2024-05-10 17:00",
                     ocr=("CERTIFICATE OF ACHIEVEMENT", "Awarded to", "Ava Pemberton", "Star of the Week",
                          "Oakfield Primary School")),
                view("3", "First day back! 🎒", "2024-09-04 08:30", ocr=("WELCOME TO", "OAKFIELD", "PRIMARY SCHOOL")))
    assert values(d, FactKind.SCHOOL) == {"Oakfield Primary School"}



@pytest.mark.parametrize(("lines", "school"), [
    (("ST JOHN THE", "BAPTIST PRIMARY SCHOOL"), "St John The Baptist Primary School"),
    (("KING'S", "HEDGES", "PRIMARY SCHOOL"), "King's Hedges Primary School"),
    (("HOLY TRINITY", "C OF E PRIMARY SCHOOL"), "Holy Trinity C Of E Primary School"),
    (("OAKFIELD", "", "PRIMARY SCHOOL"), "Oakfield Primary School"),
    (("WELCOME TO OAKFIELD", "PRIMARY SCHOOL"), "Oakfield Primary School"),
    (("ÉCOLE JULES FERRY", "Ava Pemberton"), "École Jules Ferry"),
])
def test_engine_a_school_sign_over_several_lines_is_named_whole(lines, school):
    d = dossier(view("1", "Ava is 6 today 🎂", "2024-03-01 09:00"),
                view("2", "First day back! 🎒", "2024-09-04 08:30", ocr=lines))
    assert values(d, FactKind.SCHOOL) == {school}


def test_engine_a_childs_name_above_a_school_word_is_no_school():
    d = dossier(view("1", "Ava is 6 today 🎂", "2024-03-01 09:00"),
                view("2", "Sports day 🏅", "2024-07-04 14:30",
                     ocr=("Awarded to Ava Pemberton", "Primary School Sports Day")))
    assert not any("Pemberton" in v for v in values(d, FactKind.SCHOOL))


#: A grandad's year: the school's name is Irish, "Scoil an" and a word that is no English word and no name.
SCOIL_FEED = [
    ("1", "Back to Scoil an Ghleanna the day. Caolán into third class and Eimear into senior infants."),
    ("2", "Lifted Eimear and Caolán from Scoil an Ghleanna and Naoise had the hour with me in the car."),
    ("3", "Eimear was an angel in the Scoil an Ghleanna Christmas play and Caolán was a donkey."),
    ("4", "Last day at Scoil an Ghleanna before the summer. Caolán got a medal for the reading."),
    ("5", "Caolán is eight the day. Happy birthday to the big man 🎂"),
    *((str(n), f"Eimear and Caolán down the shore again with wee Naoise, week {n}") for n in range(6, 12)),
]


def test_engine_the_word_after_an_irish_school_type_is_the_schools_name_not_a_child():
    d = dossier(*(view(pid, text, f"2024-09-{int(pid) + 1:02d} 16:00") for pid, text in SCOIL_FEED))
    assert "Ghleanna" not in child_names(d) and {"Caolán", "Eimear"} <= child_names(d)
    # one school, named as the posts say it: not "... and Naoise", not "... Christmas", not the cut-off "Scoil an"
    assert values(d, FactKind.SCHOOL) == {"Scoil an Ghleanna"}


def test_a_school_is_shown_by_the_fullest_name_whose_words_are_said_again():
    from kidsafe.engine.schools import SchoolCandidate

    school = SchoolCandidate(tokens=frozenset({"oakfield"}))
    school.names.update({"Oakfield": 5, "Oakfield Primary School": 1})  # a type word added: the fuller name
    assert school.display == "Oakfield Primary School"
    school.names.update({"Oakfield Primary School Sports": 1})  # a word said once after the name: no part of it
    assert school.display == "Oakfield Primary School"
