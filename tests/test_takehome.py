"""The one-page take-home handout and the habits it gives: the family's facts, five habits that stop them, help."""

import re
from datetime import date

from kidsafe.models import FAMILY, Dossier, Evidence, EvidenceSource, Fact, FactKind, Subject
from kidsafe.report.advice import ADVICE, HABITS_SHOWN, habits
from kidsafe.report.takehome import HELP, take_home_html


def _fact(kind, subject, value):
    return Fact(kind, subject, value, 0.9, (Evidence("1", EvidenceSource.CAPTION, "x"),))


def _dossier(name="Maya", gps=3):
    subjects = (Subject("child-1", "child", name, (), "girl"), Subject(FAMILY, "family"))
    facts = (_fact(FactKind.CHILD_NAME, "child-1", name), _fact(FactKind.SCHOOL, "child-1", "Brookfield Primary"),
             _fact(FactKind.HOME, FAMILY, {"lat": 51.4545, "lon": -2.5879, "radius_m": 150}),
             *(_fact(FactKind.LOCATION_LEAK, FAMILY, {"lat": 51.4545, "lon": -2.5879}) for _ in range(gps)))
    return Dossier(date(2025, 1, 1), 4, subjects, facts)


def test_takehome_habits_are_the_ones_that_stop_this_dossier():
    chosen = habits(_dossier())
    assert len(chosen) == HABITS_SHOWN
    assert chosen[0].title == "Turn off camera location"  # home and three GPS photos: the most facts stopped
    assert len(set(chosen)) == HABITS_SHOWN
    assert all(a in ADVICE for a in chosen)


def test_takehome_has_the_facts_five_habits_and_help_in_plain_words():
    html = take_home_html(_dossier(), source="the demo family")
    text = re.sub(r"<[^>]+>", " ", html)
    assert "Maya" in text and "Brookfield Primary" in text
    assert html.count("<li><strong>") == HABITS_SHOWN + len(HELP)
    assert "Where to get help" in text and "0808 800 5000" in text
    assert not re.search(r"\d+\.\d{3,}", text), "no coordinates on the handout"
    assert "<script" not in html and "<img" not in html and "@page" in html


def test_takehome_escapes_what_came_from_the_posts():
    html = take_home_html(_dossier(name="<b>Maya</b>"))
    assert "<b>Maya</b>" not in html and "&lt;b&gt;Maya&lt;/b&gt;" in html


def test_takehome_says_the_accounts_name_came_from_the_profile_not_the_posts():
    assert "comes from the posts alone." in take_home_html(_dossier())
    d = _dossier()
    parent = Fact(FactKind.PARENT_NAME, FAMILY, "Thủy", 0.9, (Evidence("", EvidenceSource.SIDECAR, "Thủy"),))
    html = take_home_html(Dossier(d.audit_date, d.posts_read, d.subjects, (*d.facts, parent)))
    assert "comes from the posts and your account&#x27;s profile alone." in html and "called Thủy" in html
