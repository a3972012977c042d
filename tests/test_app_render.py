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
    assert unescaped.replace(" ", "") == expected.replace(" ", "")  # every character shown as typed


def test_app_render_highlight_bolds_only_the_leak():
    md = highlighted("Zara's <b>big</b> day at Millbrook", ["Zara", "Millbrook"])
    assert md.count(LEAK_OPEN) == 2 and md.count(LEAK_CLOSE) == 2
    html = html_of(md)
    assert html.count("<strong>") == 2
    assert "&lt;b&gt;big&lt;/b&gt;" in html and "<b>" not in html


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
