"""The safe copy's captions read as correct English: several children, other families' children, pets and names
the dossier never placed, all in one caption; ages and days made vague; two people never the same words."""

from __future__ import annotations

import pytest

from kidsafe.share.hashtags import hashtag_leak
from kidsafe.share.phrases import Phrasebook
from kidsafe.share.redact import redact
from kidsafe.share.terms import Term, Vocabulary

FAMILY = Vocabulary((
    Term("Maisie", "child", "daughter", "child-1"), Term("Mais", "child", "daughter", "child-1"),
    Term("Rosa", "child", "daughter", "child-2"), Term("Theo", "child", "son", "child-3"),
    Term("Alex", "child", "child", "child-4"), Term("Sam", "child", "child", "child-5"),
    Term("Priya", "other_child"), Term("Ava", "other_child"),
    Term("Pickle", "pet", "dog"), Term("Biscuit", "pet", "dog"), Term("Tigger", "pet", "cat"),
    Term("Penrith", "town"),
))


@pytest.mark.parametrize(("caption", "expected"), [
    ("Maisie and Rosa have been besties forever", "My daughter and her sister have been besties forever"),
    ("Maisie, Rosa & Theo at the beach", "My daughter, her sister & my son at the beach"),
    ("Theo and Maisie", "My son and my daughter"),
    ("Our Maisie and our Rosa", "Our daughter and our other daughter"),
    ("Alex and Sam built a den", "My child and their sibling built a den"),
    ("Maisie loves Mais's new bike", "My daughter loves my daughter's new bike"),  # one child, two names
    ("Maisie with Priya and Ava at soft play", "My daughter with her friend and another friend at soft play"),
    ("Theo and Priya", "My son and his friend"),
    ("Priya came for tea", "A friend came for tea"),
    ("Pickle and Biscuit stole a sock", "Our dog and our other dog stole a sock"),
    ("Pickle chased Tigger", "Our dog chased our cat"),
    ("Pickle took both kids to the park", "Someone took both kids to the park"),  # no dog does that
    ("Maisie, Rosa, Priya and Pickle at Penrith show 🐶",
     "My daughter, her sister, her friend and our dog at our town show 🐶"),
    ("Rosa and Maisie took Pickle to see Ava", "My daughter and her sister took our dog to see her friend"),
])
def test_wording_several_people_in_one_caption(caption, expected):
    assert redact(caption, FAMILY).text == expected


@pytest.mark.parametrize(("caption", "expected"), [
    ("Three today! Ellie Mae", "A year older this month!"),  # a name nobody placed, standing alone
    ("Happy birthday Ellie Mae!", "Happy birthday!"),
    ("Maisie Jane is here", "My daughter is here"),  # a middle name goes with the first
    ("Lunch with Grandma and Yusuf", "Lunch with Grandma and someone"),
    ("Saw Yusuf and Sophie at the shops", "Saw someone and someone else at the shops"),
    ("love u baby Z", "love u"),
    ("Taylor Swift all day long", "Taylor Swift all day long"),  # a celebrity is nobody's child
    ("Will you be there?", "Will you be there?"),  # a common word opening a sentence
    ("Paw Patrol party", "Paw Patrol party"),
])
def test_wording_names_the_dossier_did_not_place(caption, expected):
    assert redact(caption, FAMILY).text == expected


def test_wording_words_the_caption_model_tagged_as_a_person_go():
    # A word of no list where a name stands goes even untagged (#14: err on the side of removing).
    assert redact("Cake with Zorblat today", FAMILY).text == "Cake with someone today"
    assert redact("Cake with Qwimbo Zorblat today", FAMILY).text == "Cake with Qwimbo Zorblat today"
    assert redact("Cake with Zorblat today", FAMILY, people=frozenset({"zorblat"})).text == "Cake with someone today"
    # Alone, the model must find the word where a name stands: not in another language's festival.
    assert redact("Festa Qwimbo fast today", FAMILY, people=frozenset({"qwimbo"})).text == "Festa Qwimbo fast today"
    assert redact("Tea at Zorblat's house", FAMILY, people=frozenset({"zorblat"})).text == "Tea at someone's house"
    assert redact("so proud. love you Zorblat xxx", FAMILY, people=frozenset({"zorblat"})).text == "so proud. love you xxx"


def test_wording_a_word_kept_by_hand_stays():
    kept = FAMILY.keeping(["Penrith", "Yusuf"])
    assert redact("Yusuf took us to Penrith", kept).text == "Yusuf took us to Penrith"
    assert not any(t.key == "penrith" for t in kept.terms)


@pytest.mark.parametrize(("caption", "expected"), [
    ("Our boy is THREE today 🥳", "Our boy is a year older this month 🥳"),
    ("My son turned TWO yesterday 🎈", "My son turned a year older this month 🎈"),
    ("FIVE!!! 🎂 How is my baby girl five?!?", "So big!!! 🎂 How is my baby girl so big?!?"),
    ("6 years ago today you made me a mama 🥹 Happy 6th birthday!!",
     "Some years ago you made me a mama 🥹 Happy birthday!!"),
    ("Seven years of sass 🎂", "Years of sass 🎂"),
    ("my 4 year old loves it", "my little one loves it"),
    ("Maisie (5) and Theo (3)", "My daughter and my son"),
    ("Theo, aged 4, on the slide", "My son, on the slide"),
    ("Born on the 3rd of May", "Born in May"),
    ("Party on May 12th", "Party in May"),
    ("She was born 10/22 at 6am", "She was born in the morning"),
])
def test_wording_ages_and_days_made_vague(caption, expected):
    assert redact(caption, FAMILY).text == expected


@pytest.mark.parametrize("caption", [
    "Uncle 64 (he is 40)",  # no child's age
    "2 sugar crashes and one lost shoe",
    "Year 3 here we come",
    "25 metres badge",
    "we march 3 miles to the beach",  # a verb, not the month
])
def test_wording_numbers_that_are_no_age_stay(caption):
    assert redact(caption, FAMILY).text == caption


@pytest.mark.parametrize(("tag", "reason"), [("sixyearsold", "age"), ("5thbirthday", "age"), ("4thofjuly", None),
                                              ("christmas2024", None), ("Zara", "person"), ("ZaraTheBrave", "person"),
                                              ("zaragirl", "person"), ("dogsofinstagram", None), ("staffylife", None),
                                              ("FarrowTribe", "surname")])
def test_wording_hashtags_with_an_age_or_a_name_are_dropped(tag, reason):
    assert hashtag_leak(tag, FAMILY) == reason


def test_phrasebook_never_gives_two_children_the_same_words():
    book = Phrasebook()
    said = [book.child(who, "daughter")[1] for who in ("a", "b", "c")]
    assert len(set(said)) == 3 and said[0] == "my daughter"
    assert book.child("a", "daughter")[1] == "my daughter"  # the same child keeps her words


ADULTS = Vocabulary((Term("Hettie", "parent"), Term("Rolf", "parent"), Term("Ida", "relative", "Aunty"),
                     Term("Otis", "child", "son", "c1")), not_people=frozenset({"thomas"}))
TAGGED = frozenset({"dundee", "beatrix", "canada", "stanley", "patrick", "feliz", "switch"})


@pytest.mark.parametrize(("caption", "expected"), [
    ("Lunch at Hettie and Rolf's", "Lunch at my partner and my other parent's"),  # two parents, two phrases
    ("My sister Ida is over", "My sister is over"),
    ("Cold morning at Dundee so we stayed in", "Cold morning at this place so we stayed in"),  # a place, not a person
    ("Met Beatrix and her new little dog.", "Met someone and her new little dog."),
    ("Fringe next month with my friend Beatrix!", "Fringe next month with my friend!"),
    ("a REAL pony", "a REAL pony"),  # a shout
    ("Happy Canada Day", "Happy Canada Day"),  # a named day
    ("lifted the Stanley Cup", "lifted the Stanley Cup"),
    ("St Patrick's Day parade", "St Patrick's Day parade"),
    ("Feliz cumple a todos", "Feliz cumple a todos"),  # the model alone, on a sentence's first word
    ("with a Switch and a snack", "with a Switch and a snack"),  # a thing
    ("ALL DAY it is Thomas", "ALL DAY it is Thomas"),  # a favourite of the dossier is no one
])
def test_wording_adults_places_and_things_that_look_like_names(caption, expected):
    assert redact(caption, ADULTS, people=TAGGED).text == expected


@pytest.mark.parametrize(("caption", "expected"), [
    ("TWO!! Happy birthday my Squidge, my little shadow", "So big!! Happy birthday my little one, my little shadow"),
    ("Happy birthday Squidge!!!", "Happy birthday!!!"),  # a nickname said to the child
    ("Happy birthday Mummy!", "Happy birthday Mummy!"),
    ("love you my Love!", "love you my Love!"),  # a common word
    ("Next stop: Fort Quillan, Texas!!", "Next stop: This place, Texas!!"),  # a place named by its first word; a state
    ("Good girl Mrs Pemberton.", "Good girl Mrs P."),
    ("Hollinbrook High you better be ready", "The school you better be ready"),
])
def test_wording_nicknames_and_named_places(caption, expected):
    assert redact(caption, FAMILY, people=frozenset({"mrs", "pemberton"})).text == expected


def test_wording_a_place_shouted_in_capitals_goes():
    assert redact("Grand final DUNDEE DRAGONS THREE PEAT!!!!", Vocabulary()).text == \
        "Grand final this place DRAGONS THREE PEAT!!!!"


@pytest.mark.parametrize("caption", [
    "Eid Mubarak everyone 🌙",  # "Mubarak" is a first name, but here it ends a greeting
    "Joyeux Noël from la famille",
    "Feliz Natal 🎄 ceia at night",  # "Natal" is a town, but here it ends a greeting
    "singing Jingle Bells two beats ahead of everyone",
])
def test_wording_a_greeting_stays_whole(caption):
    from kidsafe.share.second_look import second_look

    assert redact(caption, FAMILY).text == caption  # not "Eid someone", "Jingle this place"
    assert second_look([("1", caption)]) == []


def test_wording_the_familys_own_name_goes_even_after_a_greeting_word():
    named = Vocabulary((Term("Noël", "child", "son", "child-1"),))
    assert redact("Joyeux Noël to our boy", named).text != "Joyeux Noël to our boy"
    assert redact("Eid with Qwenby and the cousins", FAMILY).text == "Eid with someone and the cousins"
    assert "Zara" not in redact("Jummah Zara wore her new kurta", FAMILY).text  # a festival's word before a name
    assert redact("Eid Mubarak Qwenby! Eid Mubarak everyone", FAMILY).text == "Eid Mubarak someone! Eid Mubarak everyone"
    assert "Granger" not in redact("Olivia Granger came over", FAMILY).text  # a character's first name is a child's too


def test_wording_a_town_after_a_title_is_that_persons_name():
    assert redact("chasing the chickens of Mama Ngozi next door", FAMILY).text == \
        "chasing the chickens of Mama someone next door"  # not "Mama this place"
    assert redact("We moved to Ngozi last year", FAMILY).text == "We moved to this place last year"


WITH_A_FAMILY_NAME = Vocabulary((*FAMILY.terms, Term("Quenby", "surname")))


@pytest.mark.parametrize(("caption", "expected"), [
    ("Maisie Quenby, aged 4", "My daughter"),  # after a first name the family name goes with it
    ("Quenby's whole personality right now is horses.", "Someone's whole personality right now is horses."),
    ("She has asked for a pony already. Quenby's idea.", "She has asked for a pony already. Someone's idea."),
    ("Give me home any day, Quenby", "Give me home any day"),  # a signature at the caption's end
    ("Santa lives up the road - Quenby", "Santa lives up the road"),
])
def test_wording_a_family_name_standing_alone_reads_as_a_person(caption, expected):
    # a word the feed only gives as a family name can be a child's name the dossier missed: dropping it alone
    # left "'s whole personality" (#14, captions read as correct English)
    assert redact(caption, WITH_A_FAMILY_NAME).text == expected


@pytest.mark.parametrize(("caption", "expected"), [
    ("Theo reading his Pickle story", "My son reading his dog story"),  # not "his our dog story"
    ("Maisie and her Pickle", "My daughter and her dog"),
])
def test_wording_a_pet_after_a_possessive_takes_no_second_owner(caption, expected):
    assert redact(caption, FAMILY).text == expected


@pytest.mark.parametrize(("caption", "expected"), [
    ("Happy birthday to Theo Quennell! Nine years", "Happy birthday to my son! Nine years"),
    ("Theo Quennell's bat", "My son's bat"),
    ("Theo Under 11s won", "My son Under 11s won"),  # an English word after the name is no part of it
    ("Theo in Penrith", "My son in our town"),
])
def test_wording_a_rare_word_after_a_childs_name_is_the_rest_of_that_name(caption, expected):
    """The family name the dossier may not hold goes with the child's name, not "my son Quennell"."""
    assert redact(caption, FAMILY).text == expected


@pytest.mark.parametrize(("caption", "expected"), [
    ("Our second year with a Rosa who wants to fast", "Our second year with a daughter who wants to fast"),
    ("A new bat and a Theo shirt from us", "A new bat and a shirt from us"),  # not "a my son shirt"
])
def test_wording_a_child_after_a_takes_no_owner(caption, expected):
    assert redact(caption, FAMILY).text == expected


def test_wording_a_child_only_the_copys_re_audit_found_is_someone_and_never_a_greeting():
    # the re-audit of a redacted copy numbers its own children: its "child-1" is not the dossier's, and it may read a
    # greeting beside a rewritten name as names ("Nollaig Shona daoibh! Love from my daughter")
    dossier = Vocabulary((Term("Saoirse", "child", "daughter", "child-1"),))
    again = Vocabulary((Term("Nollaig", "child", "son", "child-1"), Term("Shona", "child", "son", "child-1"),
                        Term("Qwenby", "child", "son", "child-1")))
    merged = dossier.merged(again)
    assert {t.text for t in merged.terms if t.found_again} == {"Nollaig", "Shona", "Qwenby"}
    assert not any(t.found_again for t in dossier.merged(dossier).terms)
    assert redact("Nollaig Shona daoibh! Love from Saoirse", merged).text == "Nollaig Shona daoibh! Love from my daughter"
    assert redact("Tea with Qwenby and Saoirse", merged).text == "Tea with someone and my daughter"
    assert redact("Shona came for tea", merged).text == "Someone came for tea"  # outside the greeting it goes


def test_wording_a_school_or_club_after_a_or_her_takes_no_second_article():
    school = Vocabulary((*FAMILY.terms, Term("St Brigid's", "school"), Term("Brigid's", "school")))
    assert redact("Home with a Brigid's cross", school).text == "Home with a school cross"
    assert redact("Maisie loves her Brigid's jumper", school).text == "My daughter loves her school jumper"
    assert redact("a Lego digger and a Summit Flyers cake", FAMILY).text == "a Lego digger and a club cake"


@pytest.mark.parametrize(("caption", "expected"), [
    ("Lion dance and Maisie Mais was so brave", "Lion dance and my daughter was so brave"),  # one child, two names
    ("Happy birthday to Maisie Mais!!", "Happy birthday to my daughter!!"),
    ("Maisie Rosa and Theo", "My daughter her sister and my son"),  # two children side by side stay two
    ("Happy birthday to our Maisie, our Mais, the best girl", "Happy birthday to our daughter, the best girl"),
    ("Maisie, Rosa, the best girls", "My daughter, her sister, the best girls"),  # two children in apposition
])
def test_wording_one_childs_names_side_by_side_are_said_once(caption, expected):
    assert redact(caption, FAMILY).text == expected


@pytest.mark.parametrize(("caption", "expected"), [
    ("Pickle the dog was not impressed.", "Our dog was not impressed."),  # not "Our dog the dog"
    ("Maisie and Tigger the cat, again", "My daughter and our cat, again"),
    ("Pickle the Great strikes again", "Our dog the Great strikes again"),  # no kind of animal after "the"
    ("Pickle dog is mad", "Our dog is mad"),  # not "Our dog dog"
    ("he looks like a Pickle", "he looks like a dog"),  # not "a our dog"
])
def test_wording_a_pet_with_its_kind_said_after_it_is_said_once(caption, expected):
    assert redact(caption, FAMILY).text == expected
