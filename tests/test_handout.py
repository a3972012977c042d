"""Tests of kidsafe.report.handout: a complete, escaped, print-ready HTML page of the dossier and the advice."""

from datetime import date
from html.parser import HTMLParser

import pytest

from kidsafe.models import FAMILY, Dossier, Evidence, EvidenceSource, Fact, FactKind, Subject
from kidsafe.report.advice import ADVICE
from kidsafe.report.handout import handout_html, sureness

HOSTILE = "<script>alert(1)</script>"


def make(name="Zara"):
    ev = (Evidence(post="7", source=EvidenceSource.CAPTION, excerpt=HOSTILE),)
    kid = Subject(id="child-1", kind="child", name=name, gender="girl")
    facts = (Fact(FactKind.CHILD_NAME, "child-1", name, 1.0, ev),
             Fact(FactKind.SCHOOL, "child-1", "Millbrook <b>Academy</b>", 0.8, ev),
             Fact(FactKind.PET, FAMILY, "Rex", 0.6, ev))
    return Dossier(date(2025, 1, 1), 9, subjects=(kid, Subject(FAMILY, "family")), facts=facts)


class Tags(HTMLParser):
    """Collects the names of the HTML elements a browser would create."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        """Note the element."""
        self.tags.append(tag)


def test_handout_has_every_child_fact_and_advice():
    html = handout_html(make(), source="my export")
    assert html.startswith("<!DOCTYPE html>")
    assert "<h2>Zara</h2>" in html and "The family" in html
    assert "Risk: ■ High" in html
    assert "Rex" in html and "My export: " in html  # the feed's name opens its line with a capital
    assert all(a.title in html for a in ADVICE)
    assert "@media print" in html


def test_handout_escapes_everything_from_the_posts():
    html = handout_html(make(name=HOSTILE))
    parser = Tags()
    parser.feed(html)
    assert "script" not in parser.tags and "b" not in parser.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Millbrook &lt;b&gt;Academy&lt;/b&gt;" in html


def test_handout_fetches_nothing():
    parser = Tags()
    parser.feed(handout_html(make()))
    assert not {"img", "script", "link", "iframe"} & set(parser.tags)
    assert "default-src 'none'" in handout_html(make())


@pytest.mark.parametrize(("confidence", "said"), [(1.0, "certain, 100%"), (0.8, "very likely, 80%"),
                                                   (0.55, "likely, 55%"), (0.3, "possible, 30%")])
def test_handout_sureness_in_words(confidence, said):
    assert sureness(confidence) == said
