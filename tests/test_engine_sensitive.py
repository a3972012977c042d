"""Sensitive pictures (``engine/sensitive.py``): bath, nudity, distress, and whose picture it is."""

from __future__ import annotations

import pytest

from kidsafe.models import FactKind
from tests.engine_feeds import dossier, values, view


@pytest.mark.parametrize(("caption", "reason"), [
    ("bath time chaos 🛁 Zac 1 - Mummy 0", "bath"),
    ("we did it!! #pottytraining", "toilet"),
    pytest.param("full on tantrum in the supermarket, Zac was NOT happy", "distress", marks=pytest.mark.xfail(
        strict=True, reason="known gap since round 9: corpus batch 9 labels ordinary meltdowns as no distress, "
                            "and the refitted caption model no longer tells a full-on tantrum from them")),
    ("tubby time, splish splash", "bath"),
    ("Zac loving the bathtub tonight", "bath"),
    ("Zac in the nip running round the garden", "nudity"),
    ("Zac and Ivy in their swimsuits at the lido", "swimwear"),
    ("Zac in his swim nappy and nothing else", "swimwear"),
    ("Zac and Ivy in their togs running from the waves", "swimwear"),  # Irish and New Zealand English
    ("Ivy in her new swimmers at the beach", "swimwear"),  # Australian English
    pytest.param("Zac chucked a massive wobbly in the shop", "distress", marks=pytest.mark.xfail(
        strict=True, reason="known gap: the caption model, trained on a corpus where 'wobbly' is mostly a "
                            "tooth, overrules the word list on the UK idiom 'chucked a wobbly'")),
])
def test_engine_sensitive_pictures(caption, reason):
    d = dossier(view("1", caption), view("2", "Zac is 2 today", "2024-02-01 09:00"))
    assert reason in values(d, FactKind.SENSITIVE_IMAGE)


def test_engine_town_hashtag_is_not_a_sensitive_picture():
    d = dossier(view("1", "First day at Widcombe Infant School for Reuben! #bathmums"),
                view("2", "Reuben is 4 today", "2024-06-10 09:00"))
    assert values(d, FactKind.TOWN) == {"Bath"}
    assert values(d, FactKind.SENSITIVE_IMAGE) == set()
    assert any("Widcombe" in s for s in values(d, FactKind.SCHOOL, "Reuben"))


def test_engine_unnamed_bub_in_the_bath_is_the_familys_baby():
    d = dossier(view("1", "Our girl Maisie is 5 today 🎂", "2024-03-01 18:00"),
                view("2", "Welcome to the world Cormac 💙", "2024-06-02 09:00"),
                view("3", "bub loving the bathtub, big sister supervising", "2024-09-10 19:00"))
    baths = [f for f in d.facts_of_kind(FactKind.SENSITIVE_IMAGE) if f.value == "bath"]
    cormac = next(s.id for s in d.children if s.name == "Cormac")
    assert [f.subject for f in baths] == [cormac]


def test_engine_the_parent_crying_is_no_distress_picture_of_the_child():
    d = dossier(view("1", "Dropped her at nursery for the first time and I was crying in the car"),
                view("2", "Ivy is 3 today", "2024-03-01 09:00"))
    assert values(d, FactKind.SENSITIVE_IMAGE) == set()
