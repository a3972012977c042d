"""Signs read in photos (``engine/signs.py``): a school or street sign is a place, a door number only in
a home post, and ordinary text is no sign."""

from __future__ import annotations

import pytest

from kidsafe.models import FactKind
from tests.engine_feeds import dossier, view


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
