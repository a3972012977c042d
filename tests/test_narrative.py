"""Tests of kidsafe.report.narrative: the child's card told as a stranger would, and the order of a reveal."""

from datetime import date

import pytest

from kidsafe.models import FAMILY, Dossier, Evidence, EvidenceSource, Fact, FactKind, Subject
from kidsafe.report.narrative import child_story, clock, family_story, reveal_steps, routine_sentences


def ev(post="1"):
    return (Evidence(post=post, source=EvidenceSource.CAPTION, excerpt="x"),)


def make(facts, gender="girl", aliases=("Zaz",)):
    kid = Subject(id="child-1", kind="child", name="Zara", aliases=aliases, gender=gender)
    return Dossier(audit_date=date(2025, 1, 1), posts_read=5, subjects=(kid, Subject(FAMILY, "family")),
                   facts=tuple(Fact(k, s, v, c, ev(p)) for k, s, v, c, p in facts))


FULL = [
    (FactKind.CHILD_NAME, "child-1", "Zara", 1.0, "1"),
    (FactKind.AGE, "child-1", 6, 0.8, "2"),
    (FactKind.BIRTHDAY, "child-1", "05-03", 0.8, "2"),
    (FactKind.BIRTH_YEAR, "child-1", 2018, 0.8, "2"),
    (FactKind.SCHOOL, "child-1", "Millbrook Academy", 0.9, "3"),
    (FactKind.ROUTINE, "child-1", {"weekday": "Thursday", "time": "16:00", "activity": "swimming"}, 0.9, "4"),
    (FactKind.TOWN, FAMILY, "Millbrook", 0.9, "3"),
    (FactKind.SURNAME, FAMILY, "Okoro", 0.4, "5"),
    (FactKind.LOCATION_LEAK, FAMILY, {"lat": 1.0, "lon": 2.0}, 0.99, "4"),
    (FactKind.LOCATION_LEAK, FAMILY, {"lat": 1.0, "lon": 2.0}, 0.99, "5"),
]


def test_narrative_child_story_reads_like_a_stranger():
    text = " ".join(child_story(make(FULL), "child-1"))
    assert text.startswith("Her name is Zara, Zaz to her family.")
    assert "She is 6, her birthday is on 3 May, so she was born in 2018." in text
    assert "She goes to Millbrook Academy." in text
    assert "She lives in Millbrook." in text
    assert "A stranger knows where Zara is on Thursday afternoons around 4 o'clock (swimming)." in text
    assert "It looks like her surname is Okoro." in text  # not sure: hedged


def test_narrative_without_gender_uses_the_name():
    text = " ".join(child_story(make(FULL, gender=None, aliases=()), "child-1"))
    assert "Zara goes to Millbrook Academy." in text
    assert "Zara's birthday" in text


def test_narrative_family_story_counts_gps_photos():
    assert "2 photos carry the exact place they were taken." in family_story(make(FULL))


def test_narrative_routine_sentence():
    assert routine_sentences(make(FULL)) == ("A stranger knows where Zara is on Thursday afternoons around 4 o'clock (swimming).",)


def test_narrative_reveal_order_is_who_then_age_then_where():
    steps = reveal_steps(make(FULL))
    kinds = [s.kind for s in steps]
    assert kinds == [FactKind.CHILD_NAME, FactKind.SURNAME, FactKind.AGE, FactKind.TOWN, FactKind.SCHOOL,
                     FactKind.ROUTINE, FactKind.LOCATION_LEAK]
    assert steps[2].text.startswith("Zara is 6")
    assert len(steps[2].facts) == 3  # age, birthday and birth year told together
    assert steps[-1].posts == ("4", "5")


def test_narrative_reveal_of_an_empty_dossier_is_empty():
    assert reveal_steps(make([])) == ()


@pytest.mark.parametrize(("time", "said"), [("09:40", "9:40am"), ("16:00", "4pm"), ("00:05", "12:05am"),
                                             ("12:30", "12:30pm"), ("soon", "soon"), (None, "")])
def test_narrative_clock(time, said):
    assert clock(time) == said


def test_narrative_family_story_tells_a_school_not_tied_to_one_child():
    facts = [(FactKind.SCHOOL, FAMILY, "Millbrook Academy", 0.9, "3")]
    assert "The children go to Millbrook Academy." in family_story(make(facts))
