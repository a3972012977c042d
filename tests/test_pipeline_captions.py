"""Tests of the audit's language pass: captions read while the photos are, photo text after."""

from __future__ import annotations

from datetime import datetime

from kidsafe import nlp, pipeline
from kidsafe.errors import ExtractorUnavailable
from kidsafe.models import Photo, Post
from kidsafe.pipeline import PhotoFindings, build_views, with_docs

POSTS = (
    Post("1", "Lily and Oscar at Hillcrest Primary in Leeds today", datetime(2024, 5, 1, 9), photos=(Photo("a.jpg"),)),
    Post("2", "Swimming with Grandma Rose on Saturday", datetime(2024, 5, 4, 10), place_name="Leeds Aquatics Centre"),
    Post("3", "Lily and Oscar at Hillcrest Primary in Leeds today", datetime(2024, 5, 8, 9)),  # a repeated caption
)
FINDINGS = {"a.jpg": PhotoFindings(ocr_lines=("WELCOME TO OAKWOOD NURSERY", "Mrs Patel's class"))}


def test_captions_read_early_give_the_same_entities_as_one_pass():
    views = build_views(POSTS, {}, FINDINGS)
    early = pipeline._caption_entities(POSTS, None)
    assert isinstance(early, dict) and len(early) == 3  # two distinct captions and the place name
    assert [v.entities for v in with_docs(views, [], known=early)] == [v.entities for v in with_docs(views, [])]


def test_only_the_text_found_in_photos_is_read_after_the_photos(monkeypatch):
    views = build_views(POSTS, {}, FINDINGS)
    early = pipeline._caption_entities(POSTS, None)
    read: list[list[str]] = []
    real = nlp.entities
    monkeypatch.setattr(nlp, "entities", lambda texts, **kw: read.append(list(texts)) or real(texts, **kw))
    with_docs(views, [], known=early)
    assert read == [["WELCOME TO OAKWOOD NURSERY", "Mrs Patel's class"]]


def test_a_missing_language_model_is_reported_once(monkeypatch):
    def missing(texts, **kwargs):
        raise ExtractorUnavailable("the spaCy model is missing")

    monkeypatch.setattr(nlp, "entities", missing)
    early = pipeline._caption_entities(POSTS, None)
    skipped: list[str] = []
    views = with_docs(build_views(POSTS, {}, FINDINGS), skipped, known=early)
    assert skipped == ["language model: the spaCy model is missing"]
    assert all(v.entities == () for v in views)


def test_the_language_thread_also_reads_the_engines_reference_data(monkeypatch):
    import kidsafe.pipeline

    loaded: list[bool] = []
    monkeypatch.setattr(kidsafe.pipeline, "load_reference_data", lambda: loaded.append(True))
    pipeline._caption_entities(POSTS, None)
    assert loaded == [True]


def test_the_skipped_components_do_not_change_the_entities():
    captions = [
        "Lily and Oscar at Hillcrest Primary in Leeds today",
        "Happy 6th birthday to our Maisie! Party at Jumpin Jacks in Harrogate on Saturday",
        "Grandma Rose and Grandpa Tom took Noah to see Paw Patrol at the Grand Theatre",
        "First day at St Mary's nursery for Aisha Khan 🎒 #proudmum #Bradford",
        "swimming lessons every tuesday at 5 with coach sarah at oakwood leisure centre",
    ]
    everything = [tuple((t.text, e.label_) for e in doc.ents for t in e) for doc in nlp.load().pipe(captions)]
    assert nlp.entities(captions) == everything
    assert any(label == "PERSON" for ents in everything for _, label in ents)


def test_entities_from_several_threads_at_once_are_right():
    """Each call's memory zone forgets its words on exit: calls overlapping in time must not break each other
    (the app serves every session from one model; an audit reads captions on a thread of its own)."""
    import threading

    batches = [[f"Zyxlor{k}{i} and Quentavia{k}{i} went to Brambleford{k} Primary with Grandma Ottoline{k}"
                for i in range(60)] for k in range(4)]
    expected = [nlp.entities(batch) for batch in batches]
    results: dict[tuple[int, int], object] = {}
    errors: list[BaseException] = []

    def work(k: int, round_: int) -> None:
        try:
            results[(k, round_)] = nlp.entities(batches[k], batch_size=8)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k, r)) for r in range(3) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert all(results[(k, r)] == expected[k] for k in range(4) for r in range(3))
