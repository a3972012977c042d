"""``python -m kidsafe.learn.share_audit`` measures splits or a fixed subset of voices by id; a test voice is held
out and is measured only with its whole split."""

from __future__ import annotations

import pytest

from kidsafe.learn.corpus import CORPUS_DIR, splits
from kidsafe.learn.share_audit import voices_named


def test_a_voice_id_is_that_voice_and_a_split_its_voices():
    by_split = splits(CORPUS_DIR)
    train = sorted(v for v, s in by_split.items() if s == "train")
    assert [v.id for v in voices_named(train[0])] == [train[0]]
    assert [v.id for v in voices_named("dev")] == sorted(v for v, s in by_split.items() if s == "dev")


def test_a_test_voice_is_not_measured_alone():
    test_voice = next(v for v, s in splits(CORPUS_DIR).items() if s == "test")
    with pytest.raises(SystemExit):
        voices_named(test_voice)
