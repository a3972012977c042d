"""Favourite things (``engine/favourites.py``): said once, and a show's characters are no children."""

from __future__ import annotations

import pytest

from kidsafe.models import FactKind
from tests.engine_feeds import child_names, dossier, values, view


def test_engine_favourite_is_said_once_without_trailing_slang():
    d = dossier(view("1", "Mason is obsessed with Bluey rn"), view("2", "Mason turned 3 yesterday 🎈"))
    assert values(d, FactKind.FAVOURITE, "Mason") == {"Bluey"}


@pytest.mark.parametrize(("caption", "favourite"), [
    ("Idris would watch Daniel Tiger on a loop if we let him 🐯", "Daniel Tiger"),
    ("Idris knows every word of the Moana soundtrack", "Moana"),
])
def test_engine_favourite_show_and_its_character_is_no_child(caption, favourite):
    d = dossier(view("1", caption), view("2", "Our boy Idris is 4 today 🎂", "2024-02-01 18:00"))
    assert child_names(d) == {"Idris"}
    assert favourite in values(d, FactKind.FAVOURITE, "Idris")


def test_engine_someone_of_the_family_loved_is_no_favourite_thing():
    """"Our dog Biscuit loves Mia more than us": Mia is loved, not a favourite of hers."""
    d = dossier(view("1", "Mia loved the park today"), view("2", "Our dog Biscuit loves Mia more than us"),
                view("3", "Mia is obsessed with Bluey"), view("4", "Mia turned 3 yesterday 🎈"))
    assert values(d, FactKind.FAVOURITE, "Mia") == {"Bluey"}
