"""Appearance (``engine/appearance.py``): the traits a stranger could pick a child out by, in the many
ways parents say them."""

from __future__ import annotations

import pytest

from kidsafe.models import FactKind
from tests.engine_feeds import dossier, values, view

NAMED = view("2", "Our girl Esme is 4 today", "2024-02-01 09:00")


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


@pytest.mark.parametrize(("caption", "trait"), [
    ("Esme got her cornrows done for the wedding", "cornrows"),
    ("Esme and those big brown eyes", "big brown eyes"),
    ("So many freckles on Esme after the beach week", "freckles"),
    ("Esme has a gap tooth now and whistles through it", "gap tooth"),
    ("Esme's orange headphones go everywhere with her", "orange headphones"),
    ("Esme with her white-blonde curls everywhere", "white-blonde curls"),
    ("Esme's bangs are finally growing out", "bangs"),
    ("My beautiful red-haired girl Esme, the image of her grandad", "red hair"),
    ("Esme wants two braids, never one, never a ponytail", "two braids"),
    ("Esme broke her wrist on the monkey bars, arm in a cast for six weeks", "arm in a cast"),
    ("Esme with a missing front tooth and the biggest grin", "missing front tooth"),
])
def test_a_trait_said_in_ordinary_words_is_appearance(caption, trait):
    d = dossier(view("1", caption), NAMED)
    assert values(d, FactKind.APPEARANCE, "Esme") == {trait}


@pytest.mark.parametrize("caption", [
    "Esme helped wash the wine glasses",
    "Esme's first hair cut today, she sat so still",
    "Esme has her braces appointment tomorrow",
    "Esme in her new coat",
    "Esme's cast list for the school play is up",
    "Esme and the green cast smashed it at the panto",
    "Esme knocked over the red glasses at Nana's",
    "Esme found her missing glasses in the dog bed",
    "Esme with our long-haired dachshund",
    "Esme bought two locks for her bike",
])
def test_words_that_name_no_trait_are_no_appearance(caption):
    d = dossier(view("1", caption), NAMED)
    assert values(d, FactKind.APPEARANCE) == set()
