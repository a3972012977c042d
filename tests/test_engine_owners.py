"""What the owner model (``engine/owners.py``) reads of a (fact, child) pair: signals a reader uses to decide whose
school or routine it is."""

from __future__ import annotations

from kidsafe.engine import owners
from tests.engine_feeds import dossier, view


def _recorded(*views):
    owners.RECORDER = []
    try:
        dossier(*views)
        return {(kind, child): feats for kind, _, child, feats, _ in owners.RECORDER}
    finally:
        owners.RECORDER = None


BIRTHDAYS = (view("2", "Ava is 8 today 🎂", "2024-03-01 09:00"), view("3", "Leo is 5 today 🎂", "2024-04-01 09:00"))


def test_a_school_said_of_several_children_is_a_feature_of_each_of_them():
    recorded = _recorded(view("1", "Back to school! Ava Year 4, Leo Reception, both at Oakfield Primary 🎒",
                              "2024-09-04 08:30"),
                         view("4", "Sports day at Oakfield Primary, Ava won the sack race", "2024-07-01 15:00"),
                         *BIRTHDAYS)
    ava, leo = recorded[("school", "Ava")], recorded[("school", "Leo")]
    for feats in (ava, leo):
        assert feats["several_said:True|same_sentence:True"] == 1.0
        assert feats["children_in_sentences:2|same_sentence:True"] == 1.0
    assert ava["named_posts:2"] == 1.0 and leo["named_posts:1"] == 1.0


def test_a_school_said_of_one_child_says_so():
    recorded = _recorded(view("1", "Ava's first day at Oakfield Primary 🎒", "2024-09-04 08:30"),
                         view("4", "Sports day at Oakfield Primary, Ava won the sack race", "2024-07-01 15:00"),
                         *BIRTHDAYS)
    leo = recorded[("school", "Leo")]
    assert leo["several_said:False|same_sentence:False"] == 1.0
    assert leo["children_in_sentences:1|same_sentence:False"] == 1.0 and leo["named_posts:0"] == 1.0
