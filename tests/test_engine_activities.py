"""The activity model (``engine/activities.py``): the words beside a weekday that may name what happens
on it, and the shipped model's choice among them for activities no list holds."""

from __future__ import annotations

import pytest

from kidsafe.engine import activities
from kidsafe.models import FactKind
from tests.engine_feeds import dossier, view


def _candidates(text: str, day_word: str, rule=frozenset()):
    low = text.lower()
    at = low.index(day_word)
    return {c.phrase: c.feats for c in activities.candidates(low, lambda a, b: text[a:b], (at, at + len(day_word)),
                                                             recurring=False, entities={}, rule_phrases=rule)}


def test_candidates_are_runs_of_words_beside_the_day_never_the_day_itself():
    found = _candidates("Wednesday nights are Zumbini at the church hall", "wednesday")
    assert {"zumbini", "church hall", "nights"} <= set(found)
    assert "nights are zumbini" not in found  # a verb "to be" parts what is said of the day from the day
    assert not any("wednesday" in phrase for phrase in found)
    assert not any(phrase.split()[0] in ("are", "at", "the") for phrase in found)  # no run starts or ends on a little word
    assert found["zumbini"]["capitals"] == 1.0 and found["zumbini"]["after:gap=2"] == 1.0
    assert found["zumbini"]["btw_seq:nights_are"] == 1.0


def test_candidates_reach_the_sentences_either_side_but_never_run_across_a_sentence_end():
    found = _candidates("Netball season starting again... Saturday mornings at 9.30 sharp. Bring snacks", "saturday")
    assert found["netball season"]["sentence=before"] == 1.0  # "..." ends one sentence, not three
    assert found["sharp"]["after:gap=2"] == 1.0  # "9.30" ends none
    assert found["bring snacks"]["sentence=after"] == 1.0
    assert not any("again" in phrase and "mornings" in phrase for phrase in found)


def test_what_the_lists_would_name_is_a_feature_of_the_candidate():
    found = _candidates("Swimming lessons every Tuesday", "tuesday", rule=frozenset({"swimming"}))
    assert found["swimming"]["rule_choice"] == 1.0 and found["swimming lessons"]["rule_overlap"] == 1.0
    assert found["swimming"]["listed"] == 1.0


def _routines_of(caption, posted="2024-05-04 10:00"):
    d = dossier(view("1", caption, posted), view("2", "Noah is 5 today", "2024-02-01 09:00"))
    return {(f.value["weekday"], f.value["activity"]) for f in d.facts_of_kind(FactKind.ROUTINE)}


@pytest.mark.parametrize(("caption", "weekday", "activity"), [
    # the model retrained on the 126 train voices of round 14 gives ZUMBINI in capitals 0.61, under the 0.7 that
    # leave-voices-out chose again (0.6: 0.738 against 0.742); it was kept for its figures (dev voices, graded
    # feeds). Strict: the day a model names it again, this case says so.
    pytest.param("Wednesday nights are ZUMBINI at the church hall, every week without fail", "Wednesday", "ZUMBINI",
                 marks=pytest.mark.xfail(strict=True, reason="the 126-voice activity model scores it 0.61 < 0.7")),
    ("Tuesdays are Tiny Tumblers now! He did a forward roll", "Tuesday", "Tiny Tumblers"),
    ("Netball at 9.30 on Saturday, every week", "Saturday", "netball"),  # a time's full stop ends no sentence
    ("Saturday at 9.30 swimming with the gang, every week", "Saturday", "swimming"),
])
def test_the_shipped_model_names_activities_no_list_holds_and_beside_a_time(caption, weekday, activity):
    assert activities.shipped_model() is not None
    assert any(day == weekday and activity.lower() in said.lower() for day, said in _routines_of(caption))
