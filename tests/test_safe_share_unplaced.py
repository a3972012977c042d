"""Names and places the dossier did not claim, caught by the safe share's own nets: the place tagger's schools,
clubs and places, postcodes, a school named after a word for school, the rest of a school's name, and lower-case
names in a feed written in lower case (which the report never calls safe)."""

from __future__ import annotations

import pytest

from kidsafe.share.hashtags import hashtag_leak
from kidsafe.engine.net.lower_case import written_in_lower_case
from kidsafe.share.lowercase import lower_case_check
from kidsafe.share.redact import redact
from kidsafe.share.terms import Term, Vocabulary

FAMILY = Vocabulary((Term("Zosia", "child", "daughter", "child-1"), Term("Kuba", "child", "son", "child-2"),
                     Term("Ladybird", "school")))


@pytest.mark.parametrize(("caption", "expected"), [
    ("Pickup at Tulip Tree 🌷 then home", "Pickup at school 🌷 then home"),  # a school with no type word
    ("Back at Heathcote today", "Back at this place today"),
    ("Snow in NE4!!! Sledging with the bairns", "Snow in this place!!! Sledging with the bairns"),
    ("Our postcode is PE7 8QJ now", "Our postcode is this place now"),
    ("We moved to 11215 last year", "We moved to this place last year"),
    ("Best coffee in the 3056, hands down", "Best coffee in a place nearby, hands down"),  # a four-digit postcode
    ("walking the 3011 with the dog", "walking our area with the dog"),  # four digits no year can be
    ("back in cr0. grey, cold, home", "back in this place. grey, cold, home"),  # a postcode in lower case
    ("Three kids and one mortgage in 3216", "Three kids and one mortgage in a place nearby"),
    ("Kuba starting at Ladybird Lodge on Monday", "My son starting at school on Monday"),
    ("Ma grande à l'école du Boisjoli.", "Ma grande à l'école."),
    ("Johar Town walon, so loud", "This place walon, so loud"),  # a part of a town named by its last word
    ("we live in HSR Layout now", "we live in this place now"),
    ("the New Town shops", "the local shops"), ("the New Town we know", "the place we know"),
    ("First day at Ysgol Glantaf today", "First day at school today"),  # the tagger reads the whole name
    ("Sports day at Tadika Seri Bunga", "Sports day at Tadika"),  # a word for school before its name, in Malay
    ("Kermesse at Collège Saint-Michel 🎪", "Kermesse at Collège 🎪"),
    ("Bluegum Early Learning had a pyjama day", "The school had a pyjama day"),  # a nursery's type after its name
    ("first day at Little Acorns Early Learning", "first day at school"),  # "Little" is part of the name
    ("Chicken rice at Heathcote hawker centre", "Chicken rice at the local hawker centre"),  # a venue's name
])
def test_unplaced_places_and_schools_go(caption, expected):
    assert redact(caption, FAMILY).text == expected


@pytest.mark.parametrize("caption", [
    "got an A1 in maths and a PS5 for Christmas",  # a grade and a console are no postcode
    "lifted the Stanley Cup",
    "St Patrick's Day parade",
    "10000 steps today",
    "in the 2019 season we won every game",  # four digits where a place stands, but a year
    "came 2nd in the 1500 freestyle today",  # four digits where a place stands, but a race
    "got a b1 in maths and we live in a1 condition",  # no place stands before one; no postcode opens with "a"
    "swam the 1500 with her club",  # no year, but a race: a word that is no little word follows it
])
def test_unplaced_things_that_look_like_places_stay(caption):
    assert redact(caption, FAMILY).text == caption


@pytest.mark.parametrize(("tag", "reason"), [
    ("BiałyOrzeł", "place"), ("NowiccyWPeterborough", "place"),  # proper names only: a school's, a family's
    ("halloweeninbrooklyn", "place"),  # a place among the words of a lower-case tag, though also a first name
    ("goldcoastwinter", "place"), ("PalmSpringsWeekend", "place"),  # common words that side by side name a town
    ("HappyDiwali", None), ("MondayMotivation", None), ("MerryChristmas", None), ("snowday", None),
    ("bestdayever", None), ("sundaysorted", None),
    ("vasantkunj", "unknown"),  # cut only with a one-letter piece that is no word
    ("saltbushelc", "school"),  # a rare name run into a kind of school ("elc": an early learning centre)
])
def test_unplaced_hashtags_of_proper_names_only_go(tag, reason):
    assert hashtag_leak(tag, FAMILY) == reason


LOWER = ["yaw's team lost 6-1 and he said we played well tho", "took nini to the fair. she rode everything",
         "back in walthamstow. it's cold", "worth it tho", "so tired today. coffee pls"] * 3


def test_unplaced_lower_case_feed_loses_lower_case_names():
    assert written_in_lower_case(LOWER)
    assert redact(LOWER[0], FAMILY, lower_case=True).text == "someone's team lost 6-1 and he said we played well tho"
    assert redact(LOWER[1], FAMILY, lower_case=True).text == "took someone to the fair. she rode everything"
    assert redact(LOWER[3], FAMILY, lower_case=True).text == "worth it tho"  # slang at a clause's end is no name
    assert redact(LOWER[0], FAMILY).text == LOWER[0]  # in a feed that writes capitals, lower case is no name


def test_unplaced_lower_case_feed_is_never_called_safe():
    found = lower_case_check(LOWER)
    assert len(found) == 1 and found[0].check == "words" and "lower case" in found[0].what
    assert lower_case_check([c.capitalize() for c in LOWER]) == []


TOWN = Vocabulary((Term("Liverpool", "town"), Term("Bath", "town")))


@pytest.mark.parametrize(("caption", "expected"), [
    ("best roast dinner in liverpool, no debate", "best roast dinner in our town, no debate"),
    ("half of west liverpool was there", "half of our town was there"),
    ("bath time then bed", "bath time then bed"),  # the family's town that is also a word, where no place stands
    ("liverpool why are u like this", "liverpool why are u like this"),  # no word of place before it: unsure
])
def test_the_familys_town_written_in_lower_case_goes_where_a_place_stands(caption, expected):
    assert redact(caption, TOWN).text == expected


@pytest.mark.parametrize(("caption", "expected"), [
    ("Book week at Harbord Public 📚", "Book week at school 📚"),  # a school named "Public" after its name (NSW)
    ("Harbord Public Mother's Day stall", "The school Mother's Day stall"),
    ("Enrolment done at Hillview Public School", "Enrolment done at school"),
    ("Happy Public Holiday everyone", "Happy Public Holiday everyone"),  # a public thing, no school
])
def test_a_school_named_public_after_its_name_goes(caption, expected):
    assert redact(caption, Vocabulary(())).text == expected
