"""Schools: hashtags and captions that name the same school agree, a hashtag's "ce" is no school,
and a school said without a type word is found by the learned tagger."""

from __future__ import annotations

import pytest

from kidsafe.engine.schools import _hashtag_school
from kidsafe.models import FactKind
from tests.test_engine import dossier, values, view


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
