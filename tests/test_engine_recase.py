"""A feed written all in lower case is read with capitals where a writer who uses them would put them."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from kidsafe.engine import recase
from kidsafe.models import FactKind

LOWER_CASE_FEED = [
    ("2024-03-02 10:00", "ottilie is 5 today!! pancakes for breakfast then the park with her cousin"),
    ("2024-03-09 09:30", "saturday swimming again. ottilie did a whole width without her float"),
    ("2024-03-16 12:15", "rainy day so we made a fort. biscuit the dog got in it first obviously"),
    ("2024-03-23 15:00", "ottilie's first time on the big slide. i couldn't watch"),
    ("2024-03-30 17:45", "tea at nana's. ottilie ate all the cucumber and none of the pasta"),
    ("2024-04-06 11:20", "muddy walk, muddy boots, muddy dog. no regrets"),
    ("2024-04-13 08:50", "new wellies. ottilie says they are the fastest wellies in the world"),
    ("2024-04-20 16:40", "ottilie built a sandcastle taller than biscuit"),
]


def _write_feed(folder):
    """The lower-case feed as a plain export: posts.csv without photos."""
    folder.mkdir(exist_ok=True)
    with (folder / "posts.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "date", "caption", "images"])
        for i, (when, caption) in enumerate(LOWER_CASE_FEED, 1):
            writer.writerow([i, when, caption, ""])
    return folder


def test_a_feed_is_lower_case_only_when_almost_no_word_starts_with_a_capital():
    lower = [caption for _, caption in LOWER_CASE_FEED]
    assert recase.is_lower_case(lower)
    assert not recase.is_lower_case([c.capitalize().replace("ottilie", "Ottilie") for c in lower])
    assert not recase.is_lower_case(["too short to tell"])  # a word count too small to judge


def test_a_feed_with_capitals_is_left_as_it_is():
    assert recase.for_texts(["Ottilie is 5 today!! Pancakes for breakfast then the park with her cousin"] * 5) is None


def test_recasing_capitalises_sentence_starts_i_and_names_and_moves_no_character():
    texts = [caption for _, caption in LOWER_CASE_FEED]
    recasing = recase.for_texts(texts)
    assert recasing is not None
    text = "ottilie built a sandcastle taller than biscuit. i think she wants to be an engineer"
    out = recasing(text)
    assert len(out) == len(text) and out.lower() == text
    assert out.startswith("Ottilie built a sandcastle") and ". I think she wants" in out
    middle = recasing("then the park with ottilie and her cousin")
    assert "with Ottilie and her cousin" in middle and middle.startswith("Then the park")


def test_a_letter_whose_capital_is_two_letters_keeps_its_place():
    assert recase._capitalised("ßa", [0]) == "ßa"


def test_an_audit_of_a_lower_case_feed_finds_the_child_with_spans_into_the_caption_as_written(tmp_path):
    from kidsafe.pipeline import audit_path

    result = audit_path(_write_feed(tmp_path), as_of=date(2024, 6, 1))
    names = {child.name for child in result.dossier.children}
    assert names == {"Ottilie"}
    ages = [f for f in result.dossier.facts_of_kind(FactKind.AGE)]
    assert [f.value for f in ages] == [5]
    captions = {post.id: post.caption for post in result.feed.posts}
    spans = [(e.post, e.span) for f in result.dossier.facts_of_kind(FactKind.CHILD_NAME) for e in f.evidence if e.span]
    assert spans
    for post, span in spans:
        assert captions[post] == dict(LOWER_CASE_FEED)[result_date(result, post)]  # the parent's words, untouched
        assert captions[post][span.start:span.end].lower() == "ottilie"


def result_date(result, post_id: str) -> str:
    post = next(p for p in result.feed.posts if p.id == post_id)
    return f"{post.posted_at:%Y-%m-%d %H:%M}"


@pytest.mark.parametrize("word", ["the", "park", "swimming", "breakfast"])
def test_common_words_keep_their_small_letters(word):
    recasing = recase.for_texts([caption for _, caption in LOWER_CASE_FEED])
    assert recasing(f"we went to the {word} with ottilie") == f"We went to the {word} with Ottilie"


def test_the_safe_copy_of_a_lower_case_feed_holds_no_name_of_the_child(tmp_path):
    import zipfile

    from kidsafe.share.export import share

    share(_write_feed(tmp_path / "feed"), tmp_path / "copy.zip", as_of=date(2024, 6, 1))
    with zipfile.ZipFile(tmp_path / "copy.zip") as copy:
        texts = " ".join(copy.read(n).decode("utf-8", "replace") for n in copy.namelist() if n.endswith((".csv", ".md")))
    assert "ottilie" not in texts.lower()
