"""Weekly routines said in words: the weekday in the language the parent writes it, the activity in
their words, and an activity that is first a place giving way to the one held there."""

from __future__ import annotations

import pytest

from kidsafe.engine.routines import as_said, clues
from kidsafe.models import FactKind
from tests.test_engine import dossier, view


@pytest.mark.parametrize(("caption", "weekday"), [
    ("Dinsdae is netball 🏐 3uur sharp", "Tuesday"),
    ("Jumamosi ni swimming, hata kama ni baridi", "Saturday"),
    ("Sabtu pagi swimming class lagi", "Saturday"),
    ("Ravivaar ko cricket practice hai", "Sunday"),
])
def test_a_weekday_written_in_another_language_still_dates_the_routine(caption, weekday):
    found = clues(view("1", caption))
    assert [c.weekday for c in found] == [weekday]


def test_the_activity_held_at_a_church_hall_is_the_routine_not_church():
    found = clues(view("1", "Brownies at the church hall every Tuesday at half 5"))
    assert [(c.weekday, c.activity, c.time) for c in found] == [("Tuesday", "Brownies", "17:30")]
    alone = clues(view("2", "Church every Sunday morning, best part of the week"))
    assert [c.activity for c in alone] == ["church"]


def test_the_activity_keeps_the_parents_word_beside_the_grouping_name():
    from collections import Counter

    assert as_said("footy", Counter({"auskick": 2})) == "auskick (footy)"
    assert as_said("swimming", Counter({"swim": 3})) == "swimming"  # the same word: nothing to add
    d = dossier(view("1", "Mass every Sunday at 9 with Nana, Noah sat still for once", "2024-05-05 11:00"),
                view("2", "Noah is 5 today", "2024-02-01 09:00"))
    routines = [f.value for f in d.facts_of_kind(FactKind.ROUTINE)]
    assert any(r["weekday"] == "Sunday" and "mass" in r["activity"] for r in routines), routines
