"""Tests of kidsafe.report.leaks: which words give a fact away, where they are, and a caption without them."""

import pytest

from kidsafe.models import Evidence, EvidenceSource, Fact, FactKind, Span
from kidsafe.report.leaks import find_spans, leak_terms, segments, without_terms

CAPTION = "Happy 6th birthday Zara!! Off to Millbrook Academy tomorrow #millbrookmums"


def fact(kind, value, source, excerpt="", explanation=""):
    ev = Evidence(post="1", source=source, excerpt=excerpt, explanation=explanation)
    return Fact(kind=kind, subject="child-1", value=value, confidence=0.8, evidence=(ev,)), ev


@pytest.mark.parametrize(("kind", "value", "source", "excerpt", "explanation", "expected"), [
    (FactKind.CHILD_NAME, "Zara", EvidenceSource.CAPTION, "…birthday Zara!! Off to…", "names Zara", {"Zara"}),
    (FactKind.SCHOOL, "Millbrook Academy", EvidenceSource.CAPTION, "…", "Millbrook in a school post",
     {"Millbrook Academy"}),
    (FactKind.TOWN, "Millbrook", EvidenceSource.HASHTAG, "#millbrookmums", "names the town Millbrook",
     {"#millbrookmums", "Millbrook"}),
    (FactKind.AGE, 6, EvidenceSource.INFERENCE, "Happy 6th birth", "6 on 3 May 2024",
     {"Happy 6th birthday", "6th birthday", "birthday"}),
    (FactKind.HOME, {"lat": 1.0, "lon": 2.0}, EvidenceSource.EXIF, "GPS 1.0, 2.0", "", set()),
])
def test_leaks_terms_found_in_the_caption(kind, value, source, excerpt, explanation, expected):
    f, ev = fact(kind, value, source, excerpt, explanation)
    assert set(leak_terms(f, ev, CAPTION)) == expected


def test_leaks_child_name_brings_its_aliases():
    f, ev = fact(FactKind.CHILD_NAME, "Zara", EvidenceSource.CAPTION, explanation="names Zara")
    assert set(leak_terms(f, ev, "Zara and Zaz at the park", aliases=("Zaz",))) == {"Zara", "Zaz"}


def test_leaks_shouted_age_only_counts_in_a_birthday_post():
    f, ev = fact(FactKind.AGE, 5, EvidenceSource.INFERENCE)
    assert "FIVE" in leak_terms(f, ev, "FIVE!!! 🎂 my big girl")
    assert "FIVE" not in leak_terms(f, ev, "FIVE minutes of peace")


def test_leaks_routine_words_from_the_value():
    f, ev = fact(FactKind.ROUTINE, {"weekday": "Thursday", "time": "16:00", "activity": "swimming"},
                 EvidenceSource.TIMESTAMP, "Thu 16:00 at the same place")
    assert set(leak_terms(f, ev, "Thursdays = swimming day")) == {"swimming", "Thursdays"}


@pytest.mark.parametrize(("text", "terms", "spans"), [
    ("Zara's bag", ["zara"], [(0, 4)]),  # any case, possessive kept outside
    ("Zarah", ["Zara"], []),  # whole words only
    ("is SIX today", ["is SIX", "SIX today"], [(0, 12)]),  # overlapping spans merge
    ("#tag and #tagged", ["#tag"], [(0, 4)]),
])
def test_leaks_find_spans(text, terms, spans):
    assert find_spans(text, terms) == spans


def test_leaks_segments_give_the_text_back():
    parts = segments(CAPTION, ["Zara", "#millbrookmums"])
    assert "".join(p for p, _ in parts) == CAPTION
    assert [p for p, leak in parts if leak] == ["Zara", "#millbrookmums"]


def test_leaks_without_terms_tidies_spaces_and_punctuation():
    assert without_terms("Well done Zara , so proud", ["Zara"]) == "Well done, so proud"


def test_leaks_cited_span_gives_the_words_the_engine_read():
    text = "Splish splash before bed 🛁 then Zara turns 6 tomorrow"
    start = text.index("Splish splash")
    ev = Evidence(post="1", source=EvidenceSource.CAPTION, excerpt=text, explanation="a bath picture (bath)",
                  span=Span("caption", start, start + 13, "Splish splash"))
    f = Fact(kind=FactKind.SENSITIVE_IMAGE, subject="child-1", value="bath", confidence=0.8, evidence=(ev,))
    assert leak_terms(f, ev, text) == ("Splish splash",)


def test_leaks_age_with_a_span_is_not_read_again_from_the_text():
    text = "Zara turns 6 today! Birthday cake for breakfast"
    ev = Evidence(post="1", source=EvidenceSource.INFERENCE, excerpt=text, span=Span("caption", 5, 12, "turns 6"))
    f = Fact(kind=FactKind.AGE, subject="child-1", value=6, confidence=0.8, evidence=(ev,))
    assert leak_terms(f, ev, text) == ("turns 6",)


def test_leaks_explanations_are_not_parsed_for_words():
    f, ev = fact(FactKind.CHILD_NAME, "Zara", EvidenceSource.CAPTION, "…", "names Bob")
    assert leak_terms(f, ev, "Bob and Zara") == ("Zara",)
