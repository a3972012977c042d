"""Tests of kidsafe.report.risk: a level per child, with reasons a parent can read."""

from datetime import date

import pytest

from kidsafe.models import FAMILY, Dossier, Evidence, EvidenceSource, Fact, FactKind, Subject
from kidsafe.report.risk import assess

EV = (Evidence(post="1", source=EvidenceSource.CAPTION, excerpt="x"),)
KID = Subject(id="child-1", kind="child", name="Zara", gender="girl")


def dossier(*facts):
    return Dossier(audit_date=date(2025, 1, 1), posts_read=3, subjects=(KID, Subject(FAMILY, "family")),
                   facts=tuple(Fact(kind, subject, value, 0.9, EV) for kind, subject, value in facts))


NAME = (FactKind.CHILD_NAME, "child-1", "Zara")


@pytest.mark.parametrize(("facts", "level", "words"), [
    ((NAME,), "low", "Little in these posts"),
    ((NAME, (FactKind.SCHOOL, "child-1", "Millbrook Academy")), "high", "which school she goes to"),
    ((NAME, (FactKind.HOME, FAMILY, {"lat": 1, "lon": 2})), "high", "where she lives"),
    ((NAME, (FactKind.SENSITIVE_IMAGE, "child-1", "bath")), "high", "bath picture of Zara"),
    ((NAME, (FactKind.TOWN, FAMILY, "Millbrook")), "medium", "town is known: Millbrook"),
    ((NAME, (FactKind.BIRTHDAY, "child-1", "05-03"), (FactKind.PET, FAMILY, "Rex")), "medium", "sound like a friend"),
    (((FactKind.SCHOOL, "child-1", "Millbrook Academy"),), "low", "Little"),  # unnamed: not findable by name
])
def test_risk_levels_and_reasons(facts, level, words):
    risk = assess(dossier(*facts), "child-1")
    assert risk.level == level
    assert any(words in r for r in risk.reasons)


def test_risk_label_is_not_colour_alone():
    assert assess(dossier(NAME), "child-1").label == "● Low"


def test_risk_refuses_the_family_subject():
    with pytest.raises(ValueError, match="not a child"):
        assess(dossier(NAME), FAMILY)
