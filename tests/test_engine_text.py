"""Reading text (``engine/text.py``, ``views.py``): folding names and reading HTML as plain text."""

from __future__ import annotations

import pytest
from tests.engine_feeds import child_names, dossier, view


@pytest.mark.parametrize(("text", "folded"), [
    ("Lily-Mae O'Neill", "lily-mae o'neill"),
    ("It`s", "it's"),  # the ASCII fast path normalises the backtick like the full path
    ("It’s Zoë", "it's zoe"),
    ("Đặng Minh", "dang minh"),
    ("ﬁnn", "finn"),  # a compatibility ligature
])
def test_engine_fold_compares_names_without_case_or_accents(text, folded):
    from kidsafe.engine.text import fold

    assert fold(text) == folded


def test_engine_html_entities_and_line_breaks_read_as_text():
    d = dossier(view("1", "Kaito &amp; Wren made pancakes<br>what a mess", "2024-03-02 10:00"),
                view("2", "Happy 4th birthday Wren 🎂", "2024-05-04 10:00"),
                view("3", "Kaito &amp; Wren at the park", "2024-06-01 10:00"))
    assert {"Kaito", "Wren"} <= child_names(d)
