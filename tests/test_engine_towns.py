"""The family's town (``engine/towns.py``): found where it is said, and not in venue, school, street or
holiday names."""

from __future__ import annotations

import math

import pytest

from kidsafe.models import FactKind
from tests.engine_feeds import birthday_view, child_names, dossier, values, view

#: A venue's or a street's name that holds a place's is no town.
NOT_TOWNS = ("Evening swim at Hillsborough Aquatic Centre with Rowan", "Rowan's skating lesson at Hillsborough Community Rink",
             "Rowan at the Hillsborough Public Library for story hour", "Swim night with Rowan at 12 Hillsborough Rd")
#: An activity's or a season's school is no school.
NOT_SCHOOLS = ("Summer School starts today for Rowan 🎒", "Rowan's first Swim School lesson 🎒 loved it",
               "Forest School on a school day 🎒 Rowan came home muddy")


def test_engine_holiday_resort_is_not_the_home_town():
    d = dossier(
        view("1", "Majorca you were a dream 🌴 back to reality tomorrow #familyholiday"),
        view("2", "Bristol in the rain again, Ruby does not care #bristolmums", "2024-09-01 10:00"),
        view("3", "Ruby is 3 today", "2024-10-01 10:00"),
    )
    assert values(d, FactKind.TOWN) == {"Bristol"}


@pytest.mark.parametrize("caption", ["Sunset walk on the beach. Lovely", "Lazy Sunday. Rainy too",
                                     "Rainy day crafts. Rainy again"])
def test_engine_words_opening_a_sentence_are_no_town_and_no_child(caption):
    d = dossier(view("1", caption), view("2", caption + "!"))
    assert values(d, FactKind.TOWN) == set() and child_names(d) == set()


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


@pytest.mark.parametrize(("caption", "kind", "word"), [(c, FactKind.TOWN, "Hillsborough") for c in NOT_TOWNS]
                         + [(c, FactKind.SCHOOL, "School") for c in NOT_SCHOOLS])
def test_names_that_are_no_town_and_no_school(caption, kind, word):
    d = dossier(view("1", caption), birthday_view())
    assert not any(word in v for v in values(d, kind))


def test_a_town_centre_keeps_its_town():
    d = dossier(view("1", "Rowan and I had lunch in Kingston Town Centre"), birthday_view())
    assert values(d, FactKind.TOWN) == {"Kingston"}


def test_a_school_name_does_not_give_its_first_words_as_the_town():
    d = dossier(view("1", "First day at Willow Creek Elementary School 🎒 Rowan"), birthday_view())
    assert values(d, FactKind.SCHOOL) == {"Willow Creek Elementary School"}
    assert not values(d, FactKind.TOWN)


def test_a_place_weekend_is_a_trip_and_the_home_town_wins():
    d = dossier(view("1", "Port Lavaca weekend 🌊 Rowan built a sandcastle", "2024-07-27 11:00"),
                view("2", "Bluebonnet season in Kingston 💙 the whole crew", "2025-03-15 10:00"),
                birthday_view())
    assert values(d, FactKind.TOWN) == {"Kingston"}


def test_a_town_ending_in_s_keeps_its_s():
    d = dossier(view("1", "Only in Memphis would the school run take an hour 😩", "2024-11-16 19:00"),
                view("2", "Another rainy Saturday in Memphis ☔", "2024-12-07 11:00"),
                view("3", "Gwion is 6 today 🎂", "2024-02-01 09:00"))
    towns = values(d, FactKind.TOWN)
    assert "Memphis" in towns and "Memphi" not in towns


def _candidates(*views):
    from kidsafe.engine import entity_labels
    from kidsafe.engine.facts import Family
    from kidsafe.engine.people import build_cast
    from kidsafe.engine.towns import find_towns

    family = Family.from_cast(build_cast(list(views), entity_labels(list(views))))
    return family, {t.name: t for t in find_towns(list(views), family, None, set())}


def test_a_resort_the_family_lives_in_is_a_town_candidate_marked_as_a_resort():
    """Dubai, Orlando: holiday places to most, home to some. The town model weighs the mark; no rule drops it."""
    _, towns = _candidates(view("1", "Happy 6th birthday to the most dramatic girl in Dubai 🎂"),
                           view("2", "Back to school in Dubai, 45 degrees 🥵", "2024-08-26 07:00"))
    assert set(towns) == {"Dubai"}
    assert all("resort" in context for context in towns["Dubai"].contexts)


def test_the_town_model_reads_what_the_people_finder_made_of_the_word():
    """A word spaCy reads as a person's name, or the family's surname, is rarely the town: the features say so."""
    from kidsafe.engine.people import Cast
    from kidsafe.engine.towns import TownCandidate, town_features

    cast = Cast(people=[], surnames={"Holloway": []}, by_post={}, ents={"holloway": {"PERSON"}, "detroit": {"GPE"}})
    holloway, detroit = TownCandidate("Holloway"), TownCandidate("Detroit")
    feats = town_features(holloway, [holloway, detroit], 10, cast)
    assert feats["ent:PERSON"] == 1.0 and feats["family_surname"] == 1.0
    assert "ent:PERSON" not in town_features(detroit, [holloway, detroit], 10, cast)
    assert "ent:GPE" in town_features(detroit, [holloway, detroit], 10, cast)
    assert not any(k.startswith(("ent:", "family_surname")) for k in town_features(holloway, [holloway], 10))


def test_the_town_model_reads_words_beside_a_place_by_their_class_not_one_by_one():
    """A model fed every word beside a place learned each voice's names and dialect; it reads
    prepositions as themselves and any other word by its class: someone's, kin, travel, home, weather, event."""
    from kidsafe.engine.towns import TownCandidate, town_features

    leeds = TownCandidate("Leeds", contexts=[("L:at", "L:nan", "L:pauline's", "R:christmas", "R:market", "words:1")])
    feats = town_features(leeds, [leeds], 10)
    assert {"cls:L:possessive", "cls:L:kin", "cls:R:event", "ctx:L:at", "ctx:words:1"} <= set(feats)
    assert not {"ctx:L:pauline's", "ctx:L:nan", "ctx:R:market"} & set(feats)
    cold = TownCandidate("Leeds", contexts=[("L:freezing", "L:in", "R:.", "words:1"), ("L:drove", "L:to", "words:1")])
    feats = town_features(cold, [cold], 10)
    assert feats["cls:L:weather"] == 0.5 and feats["cls:L:travel"] == 0.5 and feats["ctx:L:in"] == 0.5


def test_a_place_opening_a_venues_name_is_weak_evidence_and_a_place_inside_a_longer_name_is_marked():
    """"Pudsey Park" says the family is near Pudsey (weakly); "Ashton Court" is the venue's own name; "Red Bud Isle"
    holds a gazetteer place without being one. The marks are features the town model weighs, not rules."""
    from kidsafe.engine.towns import town_features

    _, towns = _candidates(view("1", "Scooters at Pudsey Park with Rowan"), view("2", "Picnic at Ashton Court today"),
                           view("3", "Dog swim at Red Bud Isle"),
                           view("4", "Pudsey Park again 🛴", "2024-05-11 10:00"))
    assert "Ashton" not in towns
    assert [conf for _, conf in towns["Pudsey"].evidence] == [0.3, 0.3]  # one such mention alone is no candidate
    assert all("venue" in context for context in towns["Pudsey"].contexts)
    assert all("part" in context and "venue" not in context for context in towns["Red Bud"].contexts)
    assert town_features(towns["Pudsey"], list(towns.values()), 4)["venue_share"] == 1.0
    feats = town_features(towns["Red Bud"], list(towns.values()), 4)
    assert feats["part_share"] == 1.0 and "venue_share" not in feats


def test_the_town_model_reads_suburbs_as_evidence_for_the_city_whose_district_holds_them():
    """Posts naming Pudsey and Horsforth count for Leeds (their district is the City of Leeds), not the other way
    round, and not for a town of another district; the lead over the next candidate is read too."""
    from kidsafe.engine.towns import TownCandidate, town_features
    from kidsafe.models import Evidence, EvidenceSource

    def named(name, *posts):
        return TownCandidate(name, evidence=[(Evidence(post=p, source=EvidenceSource.CAPTION, excerpt=name), 0.6)
                                             for p in posts])

    leeds, pudsey, horsforth, york = named("Leeds", "1"), named("Pudsey", "2", "3"), named("Horsforth", "4"), \
        named("York", "5")
    towns = [pudsey, leeds, horsforth, york]
    assert town_features(leeds, towns, 20)["suburb_posts"] == pytest.approx(math.log1p(3))
    assert "suburb_posts" not in town_features(pudsey, towns, 20)
    assert "suburb_posts" not in town_features(york, towns, 20)
    assert town_features(pudsey, towns, 20)["lead"] == pytest.approx(math.log1p(2) - math.log1p(1))
    assert town_features(pudsey, towns, 20)["post_share"] == pytest.approx(2 / 5)


def test_engine_a_town_the_model_weighs_but_does_not_claim_is_kept_for_the_safe_share(monkeypatch):
    from types import SimpleNamespace

    from kidsafe.engine import towns

    odds = {"Wexbury": 0.55, "Lorn": 0.2, "Harrowby": 0.8}
    monkeypatch.setattr(towns.learned, "shipped", lambda name: SimpleNamespace(
        threshold=0.7, probabilities=lambda feats: {"town": odds[feats]}))
    monkeypatch.setattr(towns, "town_features", lambda t, *_: t.name)
    candidates = [towns.TownCandidate(name) for name in odds]
    chosen, weighed = towns._model_towns(candidates, 10, lambda t: 0.0, None)
    assert [t.name for t, _ in chosen] == ["Harrowby"] and weighed == ["Wexbury"]  # under 0.3: not even weighed
    monkeypatch.setitem(odds, "Harrowby", 0.6)
    chosen, weighed = towns._model_towns(candidates, 10, lambda t: 0.0, None)
    assert chosen == [] and weighed == ["Wexbury", "Harrowby"]  # none claimed: the dossier says no town
