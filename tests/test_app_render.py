"""ui.render's escaping, checked with a CommonMark renderer: user text comes out as text, leaks in bold."""

import pytest
from markdown_it import MarkdownIt

from ui.render import LEAK_CLOSE, LEAK_OPEN, esc, highlighted

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![pic](http://tracker.example/p.png)",
    "**bold** _it_ `code` # not a heading",
    "&lt;b&gt; stays as typed &amp;",
    "    four spaces are not code",
    "1. not a list\n- nor this\n> nor a quote",
    "| a | b |\n|---|---|\n| not | a table |",
]


def html_of(markdown):
    return MD.render(markdown)


@pytest.mark.parametrize("text", HOSTILE)
def test_app_render_esc_makes_markup_plain_text(text):
    html = html_of(esc(text))
    for tag in ("<script", "<img", "<a ", "<strong", "<em", "<code", "<h1", "<ol", "<ul", "<blockquote", "<table"):
        assert tag not in html, (text, html)
    visible = html.replace("<p>", "").replace("</p>", "").replace("<br />", "").replace("\n", "")
    expected = " ".join(line.strip() for line in text.splitlines() if line.strip())
    unescaped = visible.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    shown = unescaped.replace(" ", "").replace("\u2060", "")  # a word joiner keeps an address from becoming a link
    assert shown == expected.replace(" ", "")  # every character shown as typed


def test_app_render_highlight_bolds_only_the_leak():
    md = highlighted("Zara's <b>big</b> day at Millbrook", ["Zara", "Millbrook"])
    assert md.count(LEAK_OPEN) == 2 and md.count(LEAK_CLOSE) == 2
    html = html_of(md)
    assert html.count("<strong>") == 2
    assert "&lt;b&gt;big&lt;/b&gt;" in html and "<b>" not in html


def test_app_render_highlight_inside_a_word_is_bold_not_asterisks():
    html = html_of(highlighted("<script>alert(1)</script> Mia", ["(1)"]))
    assert html.count("<strong>") == 1 and "*" not in html, html


def test_app_render_highlight_cannot_be_broken_out_of():
    md = highlighted("x ]** [y](javascript:z) Zara", ["Zara", "]** [y]"])
    html = html_of(md)
    assert "<a " not in html
    assert html.count("<strong>") == 2


def test_app_render_the_accounts_name_is_read_in_the_profile_not_in_a_post():
    from datetime import date

    from kidsafe.models import FAMILY, Dossier, Evidence, EvidenceSource, Fact, FactKind, Subject
    from ui.render import facts_frame, read_in

    account = Evidence("", EvidenceSource.SIDECAR, "Thủy")
    parent = Fact(FactKind.PARENT_NAME, FAMILY, "Thủy", 0.9, (account,))
    d = Dossier(subjects=(Subject(FAMILY, "family"),), facts=(parent,), posts_read=3, audit_date=date(2025, 6, 1))
    assert read_in(account, None) == "your account's profile"
    assert read_in(Evidence("4", EvidenceSource.CAPTION, "Thủy"), None) == "the post of a post"
    assert list(facts_frame(d, d.facts)["Posts"]) == ["your account's profile"]  # not "0 posts"


def test_app_render_a_position_from_the_exports_own_record_is_said_in_words_never_as_coordinates():
    import re
    from datetime import date
    from types import SimpleNamespace

    from kidsafe.engine.views import PostView, TextPart
    from kidsafe.models import (
        FAMILY, Dossier, Evidence, EvidenceSource, Fact, FactKind, GeoPoint, Post, Span, Subject,
    )
    from ui.render import is_position, plain_excerpt

    home = {"lat": 37.33706, "lon": -121.87370}
    spot = GeoPoint(37.32500, -121.86202)
    view = PostView(post=Post(id="7", caption="Spring at the park"),
                    parts=(TextPart("Spring at the park", EvidenceSource.CAPTION),), gps=spot,
                    gps_source=EvidenceSource.SIDECAR, gps_photo="IMG_7.jpg")
    gps = Evidence("7", EvidenceSource.SIDECAR, "GPS 37.32500, -121.86202", "photos at this place on 2 different days")
    place = Fact(FactKind.PLACE, FAMILY, {"name": None, **spot.as_dict(), "role": "other"}, 0.75, (gps,))
    d = Dossier(subjects=(Subject(FAMILY, "family"),), posts_read=1, audit_date=date(2025, 6, 1),
                facts=(Fact(FactKind.HOME, FAMILY, home, 0.99, (gps,)), place))
    said = plain_excerpt(SimpleNamespace(dossier=d), place, gps, view)
    assert said.startswith("The post carries the exact place its photo was taken: ") and "south-east of home" in said
    assert not re.search(r"\d+\.\d{3,}", said), said
    check_in = PostView(post=view.post, parts=view.parts, gps=spot, gps_source=EvidenceSource.SIDECAR)
    said = plain_excerpt(SimpleNamespace(dossier=d), place, gps, check_in)  # a post with no photo: its check-in
    assert said.startswith("The post's check-in gives the exact place: "), said
    checked_in = Evidence("7", EvidenceSource.SIDECAR, "the park", span=Span("extra:1", 0, 8, "the park"))
    assert not is_position(place, checked_in, view)  # words from the export's texts stay words


def test_app_render_the_facts_count_says_how_many_are_photo_positions():
    from datetime import date

    from kidsafe.models import FAMILY, Dossier, Evidence, EvidenceSource, Fact, FactKind, Subject
    from ui.render import facts_count

    ev = Evidence("1", EvidenceSource.EXIF, "GPS")
    leaks = tuple(Fact(FactKind.LOCATION_LEAK, FAMILY, {"lat": 54.0, "lon": -1.5}, 0.9, (ev,)) for _ in range(2))
    pet = Fact(FactKind.PET, FAMILY, "Rex", 0.9, (ev,))
    d = Dossier(subjects=(Subject(FAMILY, "family"),), facts=(pet, *leaks), posts_read=2, audit_date=date(2025, 6, 1))
    assert facts_count(d) == "3 facts (2 of them the place photos were taken)"


def test_app_render_when_says_a_day_given_without_its_time_without_one():
    """A posts.csv date alone ("2024-03-09") was shown "…, 12:00am": a time the parent never gave."""
    from datetime import datetime

    from kidsafe.engine.views import PostView
    from kidsafe.models import Post
    from ui.render import when

    day_only = PostView(post=Post(id="1"), local_time=datetime(2024, 3, 9), posted_local=datetime(2024, 3, 9))
    timed = PostView(post=Post(id="2"), local_time=datetime(2024, 3, 9, 8, 40), posted_local=datetime(2024, 3, 9, 8, 40))
    assert when(day_only) == "posted Saturday 9 March 2024"
    assert when(timed) == "posted Saturday 9 March 2024, 8:40am"
