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


@pytest.mark.parametrize("text", ["École Jules Ferry", "It`s Zoë’s ﬁrst day 🎒", "Đặng Minh", "plain words"])
def test_engine_fold_each_keeps_every_offset_and_folds_as_fold_does_one_character_at_a_time(text):
    from kidsafe.engine.text import Folded, fold, fold_each

    assert fold_each(text) == "".join(fold(c)[:1] or c for c in text)
    assert len(fold_each(text)) == len(text)
    assert Folded(text).text == "".join(fold(c) for c in text)  # the offset map folds one character at a time


@pytest.mark.parametrize(("caption", "masked"), [
    ("Mia & Sam ^_^ #beachday at Tenby", "Mia & Sam  _  " + " " * 9 + " at Tenby"),  # ASCII: the table's way
    ("Mia & Sam ^_^ ❤️ #beachday", "Mia & Sam  _ " + "  " + " " + " " + " " * 9),  # emoji: one character at a time
    ("It`s Zoë’s day #Zoëʼs", "It's Zoë's day " + " " * 6),  # a letter-like apostrophe stays in the hashtag
])
def test_engine_masks_symbols_and_hashtags_for_spacy_keeping_every_offset(caption, masked):
    from kidsafe.engine.text import mask_for_nlp

    assert mask_for_nlp(caption) == masked
    assert len(mask_for_nlp(caption)) == len(caption)


def test_engine_html_entities_and_line_breaks_read_as_text():
    d = dossier(view("1", "Kaito &amp; Wren made pancakes<br>what a mess", "2024-03-02 10:00"),
                view("2", "Happy 4th birthday Wren 🎂", "2024-05-04 10:00"),
                view("3", "Kaito &amp; Wren at the park", "2024-06-01 10:00"))
    assert {"Kaito", "Wren"} <= child_names(d)
