"""The labelled corpus: its validator catches each kind of mistake, and the shipped corpus is clean,
large and split by voice."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kidsafe.learn.corpus import CORPUS_DIR, SPLITS, check_voice, load_voice, splits, voice_dirs

ROOT = Path(__file__).resolve().parents[1]


def write_voice(folder: Path, posts: list[dict], truth: dict, meta: dict | None = None) -> Path:
    folder.mkdir(parents=True)
    (folder / "voice.json").write_text(json.dumps(meta or {
        "id": folder.name, "poster": "mum", "country": "UK", "platform": "plain", "register": "terse"}))
    (folder / "posts.jsonl").write_text("".join(json.dumps(p) + "\n" for p in posts))
    (folder / "truth.json").write_text(json.dumps(truth))
    return folder


GOOD_POSTS = [
    {"id": "1", "date": "2024-05-03 08:10", "caption": "Five today! Happy birthday Wren 🎂 #TeamWren",
     "spans": [["Five today", "AGE"], ["Wren", "CHILD"], ["Happy birthday", "DATE"]]},
    {"id": "2", "date": "2024-05-04 09:00", "caption": "Walkies with Pickle then cake with Nana Jo",
     "comments": ["Nana Jo: lovely x"], "spans": [["Pickle", "PET"], ["Nana Jo", "RELATIVE"]]},
]
GOOD_TRUTH = {
    "audit_date": "2024-06-01",
    "children": [{"name": "Wren", "aliases": [], "birth_date": "2019-05-03"}],
    "facts": [{"kind": "child_name", "child": "Wren", "value": "Wren", "posts": ["1"]},
              {"kind": "age", "child": "Wren", "value": 5, "posts": ["1"]},
              {"kind": "birthday", "child": "Wren", "value": "05-03", "posts": ["1"]},
              {"kind": "pet", "child": None, "value": "Pickle", "posts": ["2"]}],
    "must_not_claim": [{"kind": "child_name", "value": "Pickle"}],
}


def test_a_clean_voice_has_no_problems_and_its_spans_land_on_the_words(tmp_path):
    voice = load_voice(write_voice(tmp_path / "v", GOOD_POSTS, GOOD_TRUTH))
    assert check_voice(voice) == []
    first = voice.posts[0]
    wren = [s for s in first.spans if s.label == "CHILD"]
    # every occurrence is labelled: the whole word, and the name inside the hashtag is not (a whole word exists)
    assert [(first.caption[s.start:s.end], s.part) for s in wren] == [("Wren", 0)]
    nana = [s for s in voice.posts[1].spans if s.label == "RELATIVE"]
    assert {s.part for s in nana} == {0, 1}  # the caption and the comment


@pytest.mark.parametrize("breakage, expected", [
    (lambda p, t: p[0]["spans"].append(["Otis", "CHILD"]), "is not in the post"),
    (lambda p, t: p[0]["spans"].append(["Wren", "KID"]), "unknown label"),
    (lambda p, t: p[1]["spans"].append(["Nana Jo", "CHILD"]), "no child's name or alias"),
    (lambda p, t: t["facts"][1].update(value=6), "birth_date and audit_date give 5"),
    (lambda p, t: t["facts"][2].update(value="05-04"), "birth_date and audit_date give '05-03'"),
    (lambda p, t: t["facts"][3].update(posts=["9"]), "cites unknown posts"),
    (lambda p, t: t["facts"].append({"kind": "pet", "value": "Rex", "posts": ["2"]}), "never labelled PET"),
    (lambda p, t: t.update(must_not_claim=[]), "no must_not_claim"),
    (lambda p, t: p.reverse(), "not in date order"),
    # the pet "Pickle" would be a stranger error if "Pickle Rick" (a cartoon) were a trap: the test matches
    # pets by their distinctive words, so the trap cannot be graded
    (lambda p, t: t["must_not_claim"].append({"kind": "pet", "value": "Pickle Rick"}),
     "the true pet 'Pickle' hits the trap 'Pickle Rick'"),
    (lambda p, t: t["must_not_claim"].append({"kind": "child_name", "value": "Wren Smith"}), "hits the trap"),
    (lambda p, t: t["must_not_claim"].append("Pickle"), "is no {kind, value} object"),
    (lambda p, t: t.update(audit_date="2024-05-03"), "before the last post"),
])
def test_the_validator_names_each_mistake(tmp_path, breakage, expected):
    posts, truth = json.loads(json.dumps(GOOD_POSTS)), json.loads(json.dumps(GOOD_TRUTH))
    breakage(posts, truth)
    problems = check_voice(load_voice(write_voice(tmp_path / "v", posts, truth)))
    assert any(expected in p for p in problems), problems


def test_the_validator_script_exits_1_on_a_bad_voice_and_0_on_a_good_one(tmp_path):
    good = write_voice(tmp_path / "good", GOOD_POSTS, GOOD_TRUTH)
    bad_posts = json.loads(json.dumps(GOOD_POSTS))
    bad_posts[0]["spans"].append(["Nobody", "CHILD"])
    bad = write_voice(tmp_path / "bad", bad_posts, GOOD_TRUTH)
    script = ROOT / "data" / "corpus" / "validate.py"
    ok = subprocess.run([sys.executable, str(script), str(good)], capture_output=True, text=True)
    assert ok.returncode == 0 and "0 with problems" in ok.stdout
    failed = subprocess.run([sys.executable, str(script), str(good), str(bad)], capture_output=True, text=True)
    assert failed.returncode == 1 and "'Nobody' (CHILD) is not in the post" in failed.stdout


def test_the_shipped_corpus_is_clean_large_and_varied():
    voices = [load_voice(p) for p in voice_dirs()]
    problems = {v.id: check_voice(v) for v in voices}
    assert {k: v for k, v in problems.items() if v} == {}
    assert len(voices) >= 60
    assert sum(len(v.posts) for v in voices) >= 5000
    assert len({v.meta["country"] for v in voices}) >= 12
    assert len({v.meta["poster"] for v in voices}) >= 6
    assert len({v.meta["platform"] for v in voices}) >= 3


def test_every_voice_is_in_exactly_one_split_chosen_by_its_hash():
    listed = json.loads((CORPUS_DIR / "splits.json").read_text())
    every = [v for s in SPLITS for v in listed[s]]
    assert len(every) == len(set(every))  # no voice in two splits: the test voices never train
    assigned = splits()
    voices = {p.name for p in voice_dirs(CORPUS_DIR)}
    assert set(assigned) == voices
    sys.path.insert(0, str(ROOT / "data" / "corpus"))
    try:
        from split import split_of
    finally:
        sys.path.pop(0)
    assert all(split_of(v) == s for v, s in assigned.items())
    counts = {s: sum(1 for x in assigned.values() if x == s) for s in SPLITS}
    assert counts["test"] >= 10 and counts["dev"] >= 4 and counts["train"] >= 40


def test_each_voice_is_read_as_its_platforms_export_gives_it():
    """Voices are graded on what real exports hold: Facebook's keeps the comments (each "Author: text") and
    the people tagged, Google Photos' the owner's face labels, Instagram's and a folder of photos neither."""
    from kidsafe.engine.people import FACE_LABEL_PLATFORM
    from kidsafe.learn.evaluate import corpus_posts

    seen = set()
    for path in voice_dirs():
        voice = load_voice(path)
        platform = voice.meta.get("platform")
        if platform in seen or not any(p.comments or p.tagged for p in voice.posts):
            continue
        seen.add(platform)
        posts = corpus_posts(voice)
        comments = [c for p in posts for c in p.extra_text]
        people = [n for p in posts for n in p.people]
        if platform == "facebook":
            assert comments == [c for p in voice.posts for c in p.comments]
            assert people == [n for p in voice.posts for n in p.tagged]
        elif platform == "takeout":
            assert not comments and people == [n for p in voice.posts for n in p.tagged]
            assert {p.platform for p in posts} == {FACE_LABEL_PLATFORM}
        else:
            assert not comments and not people, platform
        # to learn from, every comment and tag the writer gave (graded as exported)
        learned_from = corpus_posts(voice, exported=False)
        assert [c for p in learned_from for c in p.extra_text] == [c for p in voice.posts for c in p.comments]
    assert {"facebook", "instagram"} <= seen
