"""The family's surname (``engine/surnames.py``): from hashtags, plurals and sign-offs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kidsafe.engine.learned import models_in_use
from kidsafe.models import EvidenceSource, FactKind
from tests.engine_feeds import OTHER_POSTS, child_names, dossier, values, view


def test_engine_surname_from_hashtag_and_plural():
    d = dossier(view("1", "Merry Christmas from the Hendersons 🎄 #teamhenderson"))
    assert values(d, FactKind.SURNAME) == {"Henderson"}


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


def test_engine_scots_sign_off_gives_the_family_name():
    d = dossier(view("1", "Merry Christmas fae the Drummonds 🎄", "2024-12-25 10:00"))
    assert values(d, FactKind.SURNAME) == {"Drummond"}


@pytest.mark.parametrize("tag, surname", [("#OwusuTwins", "Owusu"), ("#LockyerWildOnes", "Lockyer"),
                                          ("#NwachukwuXmas", "Nwachukwu")])
def test_engine_a_family_hashtag_gives_the_surname(tag, surname):
    d = dossier(view("1", f"Christmas morning chaos {tag}"), view("2", "Ama is 4 today", "2024-03-01 09:00"))
    assert surname in values(d, FactKind.SURNAME)


def test_engine_a_hashtag_of_everyday_words_gives_no_surname():
    d = dossier(view("1", "Messy play again #ToddlerLife #SundayFunday"), view("2", "Ama is 4 today", "2024-03-01"))
    assert values(d, FactKind.SURNAME) == set()


def test_parents_signing_off_with_the_family_name_give_the_surname():
    d = dossier(view("1", "Happy birthday Riley, love Mummy & Daddy Kowalczyk xx", "2024-05-22 19:10"), *OTHER_POSTS)
    assert values(d, FactKind.SURNAME) == {"Kowalczyk"}


@pytest.mark.parametrize(("caption", "surname"), [
    ("Christmas Eve with the De Souza clan 🎄", "De Souza"),
    ("Sunday roast with the Van der Meer family", "Van der Meer"),
])
def test_a_family_name_with_a_particle(caption, surname):
    d = dossier(view("1", caption), view("2", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    assert surname in values(d, FactKind.SURNAME)


def test_french_family_name_without_a_plural():
    d = dossier(view("1", "Réveillon. Les Gagnon, all 4 of us 🎄"), view("2", "Noé is 6 today 🎂", "2024-02-01 09:00"))
    assert values(d, FactKind.SURNAME) == {"Gagnon"}
    d = dossier(view("1", "Les Petits Explorateurs summer camp"), view("2", "Noé is 6 today 🎂", "2024-02-01 09:00"))
    assert not values(d, FactKind.SURNAME)


def test_a_surname_tagged_on_two_people_is_the_family_s_and_one_friend_tagged_often_is_not():
    from kidsafe.engine.surnames import find_surnames

    def tagged(*people):
        return [view(str(i), f"Park day {i}", people=tuple(p)) for i, p in enumerate(people)]

    feed = tagged(["Nathan Kerr", "Tania Walsh"], ["Huia Kerr", "Tania Walsh"], ["Tania Walsh"], ["Tania Walsh"])
    assert set(find_surnames(feed)) == {"Kerr"}
    # the only surname tagged more than once is the family's, even if one person carries it
    assert set(find_surnames(tagged(["Steph Fenwick"], ["Steph Fenwick"], ["Jo Marsh"]))) == {"Fenwick"}
    assert set(find_surnames(tagged(["Steph Fenwick"], ["Steph Fenwick"], ["Jo Marsh"], ["Jo Marsh"]))) == set()


def test_a_tagged_surname_is_counted_whatever_its_case():
    from kidsafe.engine.surnames import find_surnames

    feed = [view(str(i), "Park day", people=tuple(p)) for i, p in
            enumerate([["Tania Walsh"], ["tania Walsh"], ["Nathan Kerr"], ["Nathan Kerr"]])]
    assert set(find_surnames(feed)) == set()  # two surnames each tagged on one person twice: neither is sure


def _feed_of_ten(*captions: str) -> list:
    """A feed large enough for the learned models: the captions, then ordinary days out."""
    fillers = [f"Park day {n} with the little ones ☀️" for n in range(10 - len(captions))]
    return [view(str(n), c, f"2024-0{1 + n % 9}-1{n % 9} 10:00") for n, c in enumerate([*captions, *fillers])]


def test_a_name_the_surname_model_turns_down_is_no_surname_and_stays_a_person():
    from kidsafe.learn.fitting import fit

    never = fit([{"bias": 1.0}, {"bias": 1.0}], ["other", "surname"], ("other", "surname"))
    feed = _feed_of_ten("Síofra scored twice today #TeamSíofra", "Síofra is 9 today 🎂 #TeamSíofra",
                        "Her cousin at the beach with us")
    with models_in_use(surnames=replace(never, threshold=1.1)):  # keeps no name
        d = dossier(*feed)
    assert values(d, FactKind.SURNAME) == set()
    assert "Síofra" in child_names(d)  # a family name the model turned down no longer hides the child
    with models_in_use(surnames=None):  # the patterns alone: "#TeamSíofra" reads as a family name
        assert values(dossier(*feed), FactKind.SURNAME) == {"Síofra"}


def test_the_surname_features_say_how_the_feed_gave_the_name_and_what_else_the_word_is():
    from kidsafe.engine import surnames

    items = [("1", EvidenceSource.HASHTAG, "#TeamDocherty", None), ("2", EvidenceSource.CAPTION, "the Dochertys", None),
             ("3", EvidenceSource.SIDECAR, "tagged as Sean Docherty", None)]
    feats = surnames.surname_features("Docherty", items, as_person=0, after_given=2, labels={"PERSON"})
    assert feats["way:team_tag"] == feats["way:the_plural"] == feats["way:tagged"] == pytest.approx(1 / 3)
    assert feats["ways:several"] == 1.0 and feats["after_given"] == 1.0 and feats["ent:PERSON"] == 1.0
    assert feats["english_word"] == 0.0 and "place_name" not in feats
    town = surnames.surname_features("Boston", [("1", EvidenceSource.HASHTAG, "#TheBostonCrew", None)], 0, 0, set())
    assert town["place_name"] == 1.0 and town["way:family_tag"] == 1.0 and town["english_word"] == 1.0


def test_the_shipped_surname_model_keeps_the_family_name_and_drops_a_family_tag_of_everyday_words():
    feed = _feed_of_ten("Merry Christmas from the Okonkwos 🎄 #TheOkonkwoSquad",
                        "Nnamdi is 7 today 🎂 #TheOkonkwoSquad", "Swim club again #SwimFam",
                        "Early swim, cold toes #SwimFam")
    with models_in_use(surnames=None):  # the patterns alone take "#SwimFam" for a family's tag
        assert values(dossier(*feed), FactKind.SURNAME) == {"Okonkwo", "Swim"}
    assert values(dossier(*feed), FactKind.SURNAME) == {"Okonkwo"}


@pytest.mark.parametrize(("source", "excerpt", "way"), [
    (EvidenceSource.CAPTION, "from the Kesslers", "signed"),
    (EvidenceSource.CAPTION, "love, the Okafors", "signed"),
    (EvidenceSource.CAPTION, "Love, Mum and Dad Okafor", "signed"),
    (EvidenceSource.CAPTION, "Les Tremblay", "signed"),
    (EvidenceSource.SIDECAR, "from the Kesslers", "signed"),  # in a comment: words, not a tag on a person
    (EvidenceSource.SIDECAR, "tagged as Sean Kerr", "tagged"),
    (EvidenceSource.CAPTION, "love the Rovers", "sign_off"),  # a fan's words
    (EvidenceSource.CAPTION, "the O'Sullivans", "the_plural"),
    (EvidenceSource.CAPTION, "the Kerr family", "the_group"),
    (EvidenceSource.HASHTAG, "#TeamKerr", "team_tag"),
    (EvidenceSource.HASHTAG, "#KerrCrew", "family_tag"),
])
def test_each_sighting_of_a_family_name_is_read_for_how_the_feed_gave_it(source, excerpt, way):
    from kidsafe.engine import surnames

    assert surnames._way(source, excerpt) == way


def _candidates(*captions):
    """The family names the patterns find (before the surname model weighs them), with how each was given."""
    from kidsafe.engine import surnames

    found = surnames.find_surnames([view(str(i), caption) for i, caption in enumerate(captions)])
    return {name: {surnames._way(source, excerpt) for _, source, excerpt, _ in items} for name, items in found.items()}


def test_a_family_tag_may_carry_a_town_s_name_for_the_surname_model_to_weigh():
    """ "#WhitfieldZoo": Whitfield is a town too, and still this family's name; "#ToddlerLife" is no one's."""
    found = _candidates("Nobody slept #WhitfieldZoo", "Messy play #ToddlerLife", "Diwali 🪔 #ParmarParivar")
    assert found.get("Whitfield") == {"family_tag"} and found.get("Parmar") == {"family_tag"}
    assert "Toddler" not in found


def test_the_x_household_is_the_x_family_not_a_plural():
    found = _candidates("Happy Christmas from the Hollis household 🎄")
    assert "Hollis" in found and "Holli" not in found



def _photo_feed(*photo_lines: tuple[str, ...]):
    """Ten posts about Ava and Jack, the first ones with a photo whose text reads ``photo_lines``: enough posts for
    the surname model to weigh what the photos give."""
    captions = ["Ava and Jack in the garden", "Jack's first swim lesson", "Ava and Jack at the beach",
                "Rainy day crafts with Ava", "Jack loves his dinosaurs", "Ava's ballet show", "Jack is 3 today 🎈",
                "Ava turned 6 today! 🎂", "Park run with Jack", "Ava's new bike"]
    return dossier(*[view(str(i), caption, f"2025-0{1 + i % 9}-1{i % 9} 12:00",
                          ocr=photo_lines[i] if i < len(photo_lines) else ())
                     for i, caption in enumerate(captions)])


def test_engine_a_certificate_in_a_photo_gives_the_family_name():
    d = _photo_feed(("CERTIFICATE OF ACHIEVEMENT", "Awarded to", "Ava Pemberton", "Star of the Week"))
    assert values(d, FactKind.SURNAME) == {"Pemberton"}
    fact = d.facts_of_kind(FactKind.SURNAME)[0]
    assert [(e.post, e.source, e.span.text) for e in fact.evidence] == [("0", EvidenceSource.OCR, "Pemberton")]


def test_engine_a_door_sign_in_a_photo_gives_the_family_name():
    d = _photo_feed(("THE PEMBERTON FAMILY", "No 12"), ("WELCOME TO THE OKAFORS",))
    assert values(d, FactKind.SURNAME) == {"Pemberton", "Okafor"}


@pytest.mark.parametrize("lines", [
    ("THE SMURFS",),  # a t-shirt
    ("DECK THE HALLS",),  # a Christmas sign
    ("AVA GRACE",),  # a first and middle name
    ("AVA LOVES DANCE",),
    ("Star of the week: Mia Pemberton",),  # a child the feed never names
    ("ONCE UPON A TIME THE PEMBERTONS LIVED IN A HOUSE BY THE SEA",),  # a book's page, no sign
    ("THE BAKERS",), ("Welcome to The Willows",), ("THE ACORNS",),  # a shop, a house's name, a nursery room
    ("THE TWITS",), ("THE ADDAMS FAMILY",),  # a book, a Halloween banner
    ("THE VERY HUNGRY CATERPILLAR", "ERIC CARLE"),  # an author: no certificate
    ("JACK WOLFSKIN",), ("JACK DANIEL'S",),  # brands
])
def test_engine_photo_text_that_names_no_family_gives_no_surname(lines):
    assert values(_photo_feed(lines), FactKind.SURNAME) == set()


@pytest.mark.parametrize(("lines", "surname"), [
    (("Welcome to the O'Briens",), "O'Brien"),  # written as a name is, not "O'brien"
    (("THE DE SOUZA FAMILY",), "De Souza"),  # the particle is part of the name
    (("THE HUGHES FAMILY",), "Hughes"),  # not "Hughe" too
    (("Awarded to", "Ava McBride"), "McBride"),
])
def test_engine_a_family_name_in_a_photo_is_read_whole(lines, surname):
    assert values(_photo_feed(lines), FactKind.SURNAME) == {surname}


def test_engine_a_teacher_signing_a_certificate_gives_no_family_name():
    d = _photo_feed(("Awarded to", "Ava Pemberton", "Signed", "Mrs Sarah Okafor"))
    assert values(d, FactKind.SURNAME) == {"Pemberton"}


def test_a_rare_first_name_cheered_on_in_a_team_tag_is_no_family_name_when_the_captions_say_it_alone():
    """"#TeamSíofra" beside "Síofra is like a dog with two tails": the feed's eldest, not the family's name; the
    patterns alone leave it weak (counted only if the name is found another way)."""
    from kidsafe.engine.surnames import find_surnames

    feed = _feed_of_ten("Happy 9th birthday to our Síofra! 🎂 #TeamSíofra", "Camogie is back and Síofra is thrilled",
                        "Síofra into 3rd class, off she goes", "Síofra's whole personality right now is horses")
    with models_in_use(surnames=None):
        d = dossier(*feed)
    assert values(d, FactKind.SURNAME) == set() and "Síofra" in child_names(d)
    assert set(find_surnames(feed)) == set()


def test_a_family_name_said_after_given_names_or_before_a_family_word_stays_the_family_s():
    """"Aoife Maguire", "Maguire family day out": the name is said, but never alone as a first name."""
    from kidsafe.engine.surnames import find_surnames

    feed = _feed_of_ten("Player of the match Aoife Maguire! #TeamMaguire", "Well done Rory Maguire #TeamMaguire",
                        "Aoife Maguire and Rory Maguire at the final #TeamMaguire", "Maguire family day out",
                        "Go Team Maguire!")
    assert set(find_surnames(feed)) == {"Maguire"}
