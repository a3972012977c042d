"""``python -m kidsafe.learn.share_audit`` measures splits or a fixed subset of voices by id; a test voice is held
out and is measured only with its whole split."""

from __future__ import annotations

import pytest

from kidsafe.learn.corpus import CORPUS_DIR, splits
from kidsafe.learn.share_audit import truth_words, voices_named


def test_a_voice_id_is_that_voice_and_a_split_its_voices():
    by_split = splits(CORPUS_DIR)
    train = sorted(v for v, s in by_split.items() if s == "train")
    assert [v.id for v in voices_named(train[0])] == [train[0]]
    assert [v.id for v in voices_named("dev")] == sorted(v for v, s in by_split.items() if s == "dev")


def test_a_test_voice_is_not_measured_alone():
    test_voice = next(v for v, s in splits(CORPUS_DIR).items() if s == "test")
    with pytest.raises(SystemExit):
        voices_named(test_voice)


def test_a_word_for_a_kind_of_school_is_no_telling_word_of_a_schools_name():
    # "last year of tadika": the Malay word for kindergarten names no school, as "primary" names none
    truth = {"children": [{"name": "Aisyah", "aliases": []}],
             "facts": [{"kind": "school", "value": "Tadika Sri Melati"}, {"kind": "school", "value": "Harbord Public"},
                       {"kind": "school", "value": "Coláiste Feirste"}]}
    words = truth_words(truth)
    assert {"tadika sri melati", "melati", "harbord", "feirste", "aisyah"} <= words
    assert not {"tadika", "colaiste", "public"} & words
