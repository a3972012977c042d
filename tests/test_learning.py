"""The learned parts of the engine: hashed linear models, a tiny training run from a corpus folder,
the role model's use in the engine, and `python -m kidsafe eval`."""

import json
import subprocess
from collections import Counter
from dataclasses import replace
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from kidsafe.engine import learned, recase, roles
from kidsafe.engine.learned import LinearModel, models_in_use, read_model, save_model
from kidsafe.learn import fitting
from kidsafe.learn.corpus import load_split
from tests.test_corpus import write_voice

ROOT = Path(__file__).resolve().parents[1]


def test_a_model_reads_back_exactly_what_was_saved(tmp_path):
    rows = [{"w:dog": 1.0}, {"w:cat": 1.0}, {"w:dog": 1.0, "w:walk": 1.0}, {"w:school": 1.0}]
    model = fitting.fit(rows, ["pet", "pet", "pet", "child"], ("child", "pet"), c=10.0, threshold=0.4,
                        meta={"note": np.int64(3)})
    save_model(tmp_path / "m.npz", model)
    again = read_model(tmp_path / "m.npz")
    assert again.classes == ("child", "pet") and again.threshold == pytest.approx(0.4)
    assert again.meta == {"note": 3}
    for row in rows:
        assert again.probabilities(row) == pytest.approx(model.probabilities(row))
    assert again.probabilities({"w:dog": 1.0})["pet"] > 0.5 > again.probabilities({"w:school": 1.0})["pet"]


def test_many_rows_at_once_score_as_each_row_alone_by_its_weights():
    rows = [{"w:dog": 1.0}, {"w:cat": 1.0}, {"w:dog": 1.0, "w:walk": 1.0}, {"w:school": 1.0}]
    model = fitting.fit(rows, ["pet", "pet", "pet", "child"], ("child", "pet"), c=10.0, threshold=0.4, meta={})
    batch = [{"w:dog": 2.0, "w:unseen": 1.0}, {}, {"w:unseen": 1.0}, {"w:school": 1.0, "w:walk": 0.5}, {"w:cat": 1.0}]
    where = {int(c): i for i, c in enumerate(model.columns)}
    for feats, got in zip(batch, model.probabilities_of(batch), strict=True):
        scores = model.intercept.astype(np.float64).copy()
        for index, value in learned.hashed(feats).items():
            if index in where:
                scores += model.weights[where[index]] * value
        expected = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
        assert list(got) == list(model.classes)
        assert [got[c] for c in model.classes] == pytest.approx(list(expected), abs=1e-12)
        assert all(type(p) is float for p in got.values())
    assert model.probabilities_of([]) == []


def test_out_of_fold_probabilities_come_from_models_that_never_saw_the_voice():
    # each voice's only word is its own: a model that never saw that voice cannot know the word
    rows = [{f"w:{v}": 1.0} for v in "abcdef"]
    labels = ["x", "y"] * 3
    probs = fitting.out_of_fold(rows, labels, list("abcdef"), ("x", "y"), c=100.0, folds=3)
    for p in probs:
        assert p and abs(p["x"] - p["y"]) < 0.35


def _family_voice(root: Path, vid: str, child: str, pet: str, friend: str, start: int, school: str,
                  sister: str) -> None:
    day = f"2024-0{start}-1"
    posts = [
        {"id": "1", "date": f"{day}0 08:00", "caption": f"Happy 4th birthday to our boy {child}! 🎂",
         "spans": [[child, "CHILD"]]},
        {"id": "2", "date": f"{day}1 09:00", "caption": f"{pet} is such a good dog, walkies in the rain 🐶",
         "spans": [[pet, "PET"]]},
        {"id": "3", "date": f"{day}2 10:00", "caption": f"Playdate with {friend} and her mum today",
         "spans": [[friend, "OTHER_CHILD"]]},
        {"id": "4", "date": f"{day}3 11:00", "caption": f"{child} loves the swings, our little man",
         "spans": [[child, "CHILD"], ["swings", "FAVOURITE"]]},
        {"id": "5", "date": f"{day}4 12:00", "caption": f"Bath time for {child} 🛁 bubbles everywhere",
         "spans": [[child, "CHILD"], ["Bath time", "SENSITIVE"]]},
        {"id": "6", "date": f"{day}5 13:00", "caption": f"{pet} got a new lead from the vet",
         "spans": [[pet, "PET"]]},
        {"id": "7", "date": f"{day}6 14:00", "caption": f"{child} helped me bake a cake, our boy is growing up",
         "spans": [[child, "CHILD"]]},
        {"id": "8", "date": f"{day}7 15:00", "caption": f"Long walk with {pet} on the beach at Seabrook, muddy paws 🐾",
         "spans": [[pet, "PET"], ["Seabrook", "PLACE"]]},
        {"id": "9", "date": f"{day}8 08:30", "caption": f"First day at {school} Primary for {child} 🎒 so proud",
         "spans": [[f"{school} Primary", "SCHOOL"], [child, "CHILD"]]},
        {"id": "10", "date": f"{day}8 18:00", "caption": f"First steps for our daughter {sister} today, she said mama too 👣",
         "spans": [[sister, "CHILD"]]},
        {"id": "11", "date": f"{day}9 10:00", "caption": f"{sister} is one today! Happy 1st birthday to our baby girl 🎂",
         "spans": [[sister, "CHILD"]]},
        {"id": "12", "date": f"{day}9 16:00", "caption": f"{child} reading to his little sister {sister} ❤️",
         "spans": [[child, "CHILD"], [sister, "CHILD"]]},
    ]
    truth = {"audit_date": "2024-12-01", "children": [{"name": child, "aliases": [], "birth_date": "2020-01-01"},
                                                      {"name": sister, "aliases": [], "birth_date": "2023-06-01"}],
             "facts": [{"kind": "child_name", "child": child, "value": child, "posts": ["1", "4", "5", "7"]},
                       {"kind": "child_name", "child": sister, "value": sister, "posts": ["10", "11", "12"]},
                       {"kind": "school", "child": child, "value": f"{school} Primary", "posts": ["9"]},
                       {"kind": "pet", "child": None, "value": pet, "posts": ["2", "6", "8"]},
                       {"kind": "other_child", "child": None, "value": friend, "posts": ["3"]},
                       {"kind": "sensitive_image", "child": None, "value": "bath", "posts": ["5"]}],
             "must_not_claim": [{"kind": "child_name", "value": pet}, {"kind": "child_name", "value": friend}]}
    write_voice(root / "voices" / vid, posts, truth)


@pytest.fixture()
def tiny_corpus(tmp_path):
    root = tmp_path / "corpus"
    names = [("Otis", "Biscuit", "Marnie", "Oakfield", "Evie"), ("Ezra", "Pepper", "Layla", "Birchwood", "Elsie"),
             ("Finn", "Mabel", "Iris", "Elmhurst", "Freya"), ("Theo", "Rolo", "Ada", "Ashdown", "Maisie"),
             ("Jude", "Pickle", "Nell", "Hazelmere", "Poppy")]
    for i, (child, pet, friend, school, sister) in enumerate(names):
        _family_voice(root, f"v{i}", child, pet, friend, 1 + i, school, sister)
    (root / "splits.json").write_text(json.dumps({"train": ["v0", "v1", "v2"], "dev": ["v3"], "test": ["v4"]}))
    return root


def test_a_tiny_training_run_writes_models_that_tell_a_child_from_a_pet(tiny_corpus, tmp_path):
    from kidsafe.learn import train_roles, train_sensitive

    meta = train_roles.train(tmp_path / "roles.npz", c=10.0, root=tiny_corpus)
    assert meta["trained_on"] == ["v0", "v1", "v2"] and meta["tuned_on"] == ["v3"]
    assert meta["roles"]["child"] >= 3 and meta["roles"]["pet"] >= 3  # each voice, and its thirds
    sens_meta = train_sensitive.train(tmp_path / "sensitive.npz", root=tiny_corpus)
    assert sens_meta["classes"]["bath"] == 3
    from kidsafe.learn import train_favourites

    fav_meta = train_favourites.train(tmp_path / "favourites.npz", root=tiny_corpus)
    assert fav_meta["classes"]["B"] == 3 and fav_meta["dev"]["labelled"] == 1
    from kidsafe.learn import train_owners, train_tagger

    tag_meta = train_tagger.train(tmp_path / "tagger.npz", root=tiny_corpus)
    assert tag_meta["classes"]["B-PLACE"] == tag_meta["classes"]["B-SCHOOL"] == 3
    assert tag_meta["dev"]["labelled"] == 2  # "the beach at Seabrook" and the school
    owner_meta = train_owners.train(tmp_path / "owners.npz", root=tiny_corpus)
    assert owner_meta["classes"] == {"yes": 3, "no": 3}  # the schoolboy owns his school, his baby sister not
    from kidsafe.learn import train_schools
    from kidsafe.learn.corpus import load_split as split_of

    school_ex = train_schools.examples_of(split_of("train", tiny_corpus))
    assert [labels for _, _, labels in school_ex] == [["school"]] * 3  # each voice's "<Name> Primary"
    assert all(rows[0]["way:type:primary"] == 1.0 for _, rows, _ in school_ex)
    from kidsafe.learn import crossfit

    # the same voices read as voices the upstream models never saw (each fold's fitted on the other two voices)
    crossed = crossfit.cross_fitted(split_of("train", tiny_corpus), lambda v: train_schools.examples_of([v])[0],
                                    folds=3)
    assert [crossed[vid][2] for vid in ("v0", "v1", "v2")] == [["school"]] * 3
    from kidsafe.learn import train_aliases

    _, alias_labels, alias_voices = train_aliases.examples_of(split_of("train", tiny_corpus))
    assert alias_labels == ["no"] * 3 and alias_voices == ["v0", "v1", "v2"]  # a boy and his sister: two children
    from kidsafe.learn import train_recase

    recase_meta = train_recase.train(tmp_path / "recase.npz", root=tiny_corpus)
    assert recase_meta["trained_on"] == ["v0", "v1", "v2"] and recase_meta["names"] > 0
    recase_model = read_model(tmp_path / "recase.npz")
    name, word = recase_model.probabilities_of([recase.word_features(["with", "otis", "and"], 1, Counter({"otis": 4})),
                                                recase.word_features(["at", "the", "beach"], 1, Counter({"the": 9}))])
    assert name["name"] > word["name"]
    from kidsafe.learn.corpus import load_split
    from kidsafe.learn.evaluate import grade_voices

    model = read_model(tmp_path / "roles.npz")
    test_voice = load_split("test", tiny_corpus)
    assert len(test_voice[0].posts) >= roles.SMALL_FEED  # large enough that the role model, not the rules, decides
    with models_in_use(roles=model, sensitive=read_model(tmp_path / "sensitive.npz"), towns=None,
                       favourites=None):
        report = grade_voices(test_voice)
    graded = report.graded[0].result
    assert graded.must_not_claim_hits == 0
    assert "child_name" not in " ".join(graded.missed) and "pet" not in " ".join(graded.missed)


def test_the_activity_trainer_labels_the_words_that_state_a_truth_routine(tmp_path):
    from kidsafe.learn import train_activities
    from kidsafe.learn.corpus import load_voice

    posts = [{"id": "1", "date": "2024-03-05 18:00", "caption": "Gymnastics every Tuesday at 5, Otis did a cartwheel",
              "spans": [["Otis", "CHILD"], ["every Tuesday", "ROUTINE"]]},
             {"id": "2", "date": "2024-03-12 18:00", "caption": "Tuesday gymnastics again. So proud of Otis",
              "spans": [["Otis", "CHILD"], ["Tuesday", "ROUTINE"]]},
             {"id": "3", "date": "2024-03-16 10:00", "caption": "Saturday at the beach with Otis", "spans": [["Otis", "CHILD"]]}]
    truth = {"audit_date": "2024-04-01", "children": [{"name": "Otis", "aliases": [], "birth_date": "2020-01-01"}],
             "facts": [{"kind": "child_name", "child": "Otis", "value": "Otis", "posts": ["1", "2", "3"]},
                       {"kind": "routine", "child": "Otis", "posts": ["1", "2"],
                        "value": {"weekday": "Tuesday", "time": "17:00", "activity": "gymnastics", "place": None}}],
             "must_not_claim": [{"kind": "town", "value": "Seabrook"}]}
    write_voice(tmp_path / "v0", posts, truth)
    [(vid, keys, rows, labels)] = train_activities.examples_of([load_voice(tmp_path / "v0")])
    kept = {(post, rows[n]["w:gymnastics"] if "w:gymnastics" in rows[n] else 0.0, label)
            for n, ((post, day), label) in enumerate(zip(keys, labels, strict=True)) if label == "activity"}
    assert kept == {("1", 1.0, "activity"), ("2", 1.0, "activity")}  # the activity of each Tuesday post, and only it
    assert {day for _, day in keys} == {"Tuesday", "Saturday"}
    assert all(label == "other" for (post, _), label in zip(keys, labels, strict=True) if post == "3")


def test_the_eval_command_grades_the_test_voices_and_ends_with_its_line(tiny_corpus, tmp_path):
    out = tmp_path / "eval.json"
    run = subprocess.run([sys.executable, "-m", "kidsafe", "eval", "--corpus", str(tiny_corpus), "--no-feeds",
                          "--json", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    last = run.stdout.strip().splitlines()[-1]
    assert last.startswith("eval: test voices F1=") and last.endswith("voices=1")
    assert "stranger_errors=" in last
    figures = json.loads(out.read_text())
    assert figures["corpus"]["split"] == "test" and set(figures["corpus"]["feeds"]) == {"v4"}
    assert "child_name" in figures["corpus"]["per_kind"]


def test_the_shipped_models_load_quickly_and_say_which_voices_taught_them():
    learned._read_shipped.cache_clear()
    started = time.monotonic()
    models = {name: learned.shipped(name)
              for name in ("roles", "sensitive", "towns", "favourites", "tagger", "owners", "recase", "schools",
                           "aliases", "activities", "surnames")}
    assert time.monotonic() - started < 2.0
    assert all(models.values())
    from kidsafe.learn.corpus import splits

    test_voices = {v for v, s in splits().items() if s == "test"}
    for model in models.values():
        assert model.meta["trained_on"] and not set(model.meta["trained_on"]) & test_voices
        assert not set(model.meta["tuned_on"]) & test_voices
    size = sum((learned.MODEL_DIR / f"{n}.npz").stat().st_size for n in models)
    assert size < 30 * 1024 * 1024


def test_every_shipped_model_is_read_once_per_process_however_many_there_are():
    """Models are read and indexed once: a cache bounded under their number made each audit read some again."""
    names = sorted(p.stem for p in learned.MODEL_DIR.glob("*.npz"))
    assert len(names) > 8
    for name in names * 2:
        learned.shipped(name)
    before = learned._read_shipped.cache_info()
    for name in names:
        assert learned.shipped(name) is learned.shipped(name)
    assert learned._read_shipped.cache_info().misses == before.misses


def test_decide_claims_a_child_only_above_the_threshold_and_never_falls_back_to_the_runner_up():
    probs = {"child": 0.55, "parent": 0.3, "none": 0.15}
    assert roles.decide(probs, 0.5) == ("child", 0.55)
    assert roles.decide(probs, 0.6) == ("none", 0.55)  # unsure it is a child: not therefore the parent
    assert roles.decide({"child": 0.2, "pet": 0.7, "none": 0.1}, 0.6) == ("pet", 0.7)
    # a role with a floor is claimed only above it: a friend named once is not the parent at 0.45
    assert roles.decide({"parent": 0.45, "adult": 0.4, "none": 0.15}, 0.6, {"parent": 0.5}) == ("none", 0.45)
    assert roles.decide({"parent": 0.55, "adult": 0.3, "none": 0.15}, 0.6, {"parent": 0.5}) == ("parent", 0.55)


def test_a_stand_in_model_is_used_only_inside_its_block():
    stand_in = LinearModel(("child", "none"), np.array([], dtype=np.int32), np.zeros((0, 2), np.float32),
                           np.zeros(2, np.float32), 0.5, {})
    before = learned.shipped("roles")
    with models_in_use(roles=stand_in):
        assert learned.shipped("roles") is stand_in
    assert learned.shipped("roles") is before


@pytest.mark.parametrize(("caption", "favourite"), [
    ("Otis won't go anywhere without his blue bunny", "blue bunny"),
    ("Obsessed with Pingu lately, every single morning", "Pingu"),
])
def test_the_shipped_tagger_finds_a_favourite_said_without_the_word_favourite(caption, favourite):
    from kidsafe.engine.favourites import find_favourites

    found = find_favourites(caption)
    assert any(favourite in f.text and caption[f.start:f.end] == f.text for f in found)
    assert find_favourites("Rain again, school run was grim") == []


def test_an_audit_with_the_models_leaves_no_caption_word_in_their_caches(tiny_corpus):
    from datetime import date

    from kidsafe.engine import build_dossier
    from kidsafe.learn.corpus import load_split
    from kidsafe.learn.evaluate import voice_views

    views = voice_views(load_split("test", tiny_corpus)[0])
    assert len(views) >= roles.SMALL_FEED and learned.shipped("roles") is not None
    build_dossier(views, as_of=date(2024, 12, 1))
    assert learned.slot.cache_info().currsize == 0  # the hashed feature names held caption words
    used = [m for m in (learned.shipped(n) for n in ("roles", "favourites", "tagger", "sensitive")) if m is not None]
    assert any("_rows" in m.__dict__ for m in used)  # the models did cache feature names during the audit
    assert all(not m.__dict__.get("_rows") for m in used)  # and forgot them at its end


@pytest.mark.parametrize(("caption", "school"), [
    ("Drop-off at Little Possums this morning, she ran straight in", "Little Possums"),
    ("First week at Kingfisher Montessori done and dusted", "Kingfisher Montessori"),
])
def test_the_shipped_place_tagger_finds_a_school_said_with_or_without_a_type_word(caption, school):
    from kidsafe.engine.tagger import find_mentions

    found = [m for m in find_mentions(caption) if m.kind == "SCHOOL"]
    assert any(school in m.text and caption[m.start:m.end] == m.text for m in found)
    assert not [m for m in find_mentions("Rain again, the school run was grim") if m.kind == "SCHOOL"]


def test_the_owner_model_gives_a_school_to_the_child_named_beside_it(tiny_corpus):
    from datetime import date

    from kidsafe.engine import build_dossier, owners
    from kidsafe.learn.corpus import load_split
    from kidsafe.learn.evaluate import voice_views

    voice = load_split("test", tiny_corpus)[0]
    owners.RECORDER = []
    try:
        dossier = build_dossier(voice_views(voice), as_of=date(2024, 12, 1))
        recorded = owners.RECORDER
    finally:
        owners.RECORDER = None
    assert recorded and {r[0] for r in recorded} == {"school"}
    child = next(s for s in dossier.subjects if s.kind == "child")
    schools = [f for f in dossier.facts if f.kind.value == "school"]
    assert schools and all(f.subject == child.id for f in schools)


def test_a_tiny_surname_training_run_labels_the_family_name_and_not_a_word_in_a_family_tag(tmp_path):
    from kidsafe.learn import train_surnames

    root = tmp_path / "corpus"
    for i, family in enumerate(("Okafor", "Lindqvist", "Haddad", "Moreau")):
        posts = [{"id": "1", "date": "2024-12-25 10:00", "caption": f"Merry Christmas from the {family}s 🎄",
                  "spans": [[family, "SURNAME"]]},
                 {"id": "2", "date": "2024-12-28 10:00", "caption": "Swim club again, frozen toes #SwimFam", "spans": []},
                 *({"id": str(n), "date": f"2024-11-{n:02d} 10:00", "caption": f"Nico at the park, day {n}",
                    "spans": [["Nico", "CHILD"]]} for n in range(3, 12))]
        truth = {"audit_date": "2025-01-01", "children": [{"name": "Nico", "aliases": [], "birth_date": "2020-01-01"}],
                 "facts": [{"kind": "surname", "child": None, "value": family, "posts": ["1"]}], "must_not_claim": []}
        write_voice(root / "voices" / f"v{i}", posts, truth)
    (root / "splits.json").write_text(json.dumps({"train": ["v0", "v1", "v2"], "dev": ["v3"], "test": []}))
    meta = train_surnames.train(tmp_path / "surnames.npz", root=root)
    assert meta["classes"] == {"surname": 3, "other": 3} and meta["tuned_on"] == ["v3"]
    model = read_model(tmp_path / "surnames.npz")
    [(_, rows, labels)] = train_surnames.examples_of(load_split("dev", root))
    by_label = dict(zip(labels, model.probabilities_of(rows), strict=True))
    assert by_label["surname"]["surname"] > by_label["other"]["surname"]


def test_the_town_model_learns_from_train_voices_read_as_new_feeds(tiny_corpus, tmp_path, monkeypatch):
    """Town candidates are read off the cast (a child's name is no town): each train voice is read with the upstream
    models fitted without it (`crossfit.as_new_voices`), as for schools and owners; the dev voices as they are."""
    from kidsafe.learn import crossfit, train_towns

    read_as_new = []

    def as_new_voices(voices, read):
        read_as_new.extend(v.id for v in voices)
        return {v.id: (v.id, [{"bias": 1.0, "named_often": 1.0}, {"bias": 1.0}], ["town", "other"]) for v in voices}

    monkeypatch.setattr(crossfit, "as_new_voices", as_new_voices)
    meta = train_towns.train(tmp_path / "towns.npz", root=tiny_corpus)
    assert read_as_new == ["v0", "v1", "v2"] and meta["trained_on"] == ["v0", "v1", "v2"]
    assert meta["towns"] == 3 and meta["tuned_on"] == ["v3"]


def test_leave_voices_out_judges_towns_at_the_threshold_an_audit_uses():
    """The harness once judged towns at 0.5 while audits used the town trainer's 0.7: its default is now the
    shipped model's threshold, whatever the trainer chose."""
    import inspect

    from kidsafe.learn import crossfit, crossval

    assert inspect.signature(crossval.crossval).parameters["town_threshold"].default == crossval.SHIPPED
    assert crossfit.shipped_threshold("towns") == learned.shipped("towns").threshold
    from dataclasses import replace

    with models_in_use(towns=replace(learned.shipped("towns"), threshold=0.55)):
        assert crossfit.shipped_threshold("towns") == 0.55
    with models_in_use(towns=None):
        assert crossfit.shipped_threshold("towns") is None and crossfit.shipped_threshold("towns", 0.5) == 0.5


def test_cross_fitting_reads_each_voice_with_upstream_models_fitted_without_it(monkeypatch):
    """The school model learns from candidates other models find: each train voice is read with those models fitted
    on the other folds, never on itself, and the shipped models come back afterwards."""
    from types import SimpleNamespace

    from kidsafe.learn import crossfit

    voices = [SimpleNamespace(id=f"v{i}") for i in range(7)]
    folds = crossfit.folds_of(voices, 3)
    assert sorted(v.id for held, _ in folds for v in held) == sorted(v.id for v in voices)
    assert all(not {v.id for v in held} & set(rest) for held, rest in folds)
    fitted_on = {}

    def stand_ins(examples, rest, **settings):
        model = replace(learned.shipped("roles"), meta={"trained_on": list(rest)})
        return {"roles": model}

    monkeypatch.setattr(crossfit, "upstream_models", stand_ins)
    read = crossfit.cross_fitted(voices, lambda v: fitted_on.setdefault(v.id, learned.shipped("roles").meta),
                                 folds=3, examples={})
    assert set(read) == {v.id for v in voices}
    assert all(vid not in meta["trained_on"] and len(meta["trained_on"]) >= 4 for vid, meta in fitted_on.items())
    assert "trained_on" in learned.shipped("roles").meta and len(learned.shipped("roles").meta["trained_on"]) > 7


def test_a_threshold_sweep_over_the_place_tagger_reads_each_threshold_afresh():
    """Each stand-in model is read with its own threshold, though the one before it was freed and Python may
    give the next the same id(): the tagger's cache of mentions once served the previous threshold's."""
    from kidsafe.engine.tagger import find_mentions

    caption = "Drop-off at Little Possums this morning, then swimming at Kingfisher Leisure Centre"
    shipped = learned.shipped("tagger")
    counts = []
    for threshold in (0.99, 0.05, 0.99, 0.05):
        stand_in = replace(shipped, threshold=threshold)
        with models_in_use(tagger=stand_in):
            counts.append(len(find_mentions(caption)))
        del stand_in  # freed here, as a sweep frees each threshold's model before the next
    assert counts[0] == counts[2] < counts[1] == counts[3], counts
