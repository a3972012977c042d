"""Train the recasing model (`kidsafe/engine/recase.py`): `python -m kidsafe.learn.train_recase`.

Where does a writer who uses capitals put one? Every word of the cased train voices' captions and
comments is an example, read in lower case as a lower-case feed would give it: "name" when the
voice wrote it with a capital, "word" when not. Sentence starts, "i" and words in capitals are left
out (their capitals say nothing about the word). The threshold is the one with the best F1 for
"name" on the dev voices read the same way. Voices written in lower case teach nothing here and are
skipped; the test voices are never read.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from kidsafe.engine import recase
from kidsafe.engine.learned import save_model
from kidsafe.engine.text import fold, sentence_start
from kidsafe.learn.corpus import CORPUS_DIR, Voice, load_split
from kidsafe.learn.fitting import fit, kept_f1, print_meta, trainer_parser

CLASSES = ("word", "name")


def voice_texts(voice: Voice) -> list[str]:
    """The voice's own words: each caption and comment."""
    return [t for p in voice.posts for t in (p.caption, *p.comments) if t]


def examples_of(voices: Sequence[Voice]) -> tuple[list[dict[str, float]], list[str], list[str]]:
    """(features, label, voice id) of every word whose capital (or none) the writer chose."""
    rows, labels, groups = [], [], []
    for voice in voices:
        texts = voice_texts(voice)
        if recase.is_lower_case(texts):
            continue
        counts = recase.texts_using(t.lower() for t in texts)
        for text in texts:
            found = list(recase.WORD.finditer(text))
            words = [fold(recase.strip_possessive(m.group(1))) for m in found]
            for i, m in enumerate(found):
                written = m.group(1)
                if (len(words[i]) < 2 or written.isupper() or words[i] in recase.I_FORMS
                        or sentence_start(text, m.start(1))):
                    continue
                rows.append(recase.word_features(words, i, counts))
                labels.append("name" if written[0].isupper() else "word")
                groups.append(voice.id)
    return rows, labels, groups


def best_threshold(probs: Sequence[float], labels: Sequence[str]) -> tuple[float, dict]:
    """The threshold with the best F1 for "name" (the lowest of equals), and its figures."""
    figures = {round(float(t), 2): kept_f1(probs, labels, "name", t) for t in np.arange(0.1, 0.91, 0.05)}
    threshold = max(figures, key=lambda t: (figures[t]["f1"], -t))
    return threshold, figures[threshold]


def train(out: Path, c: float = 1.0, root: Path = CORPUS_DIR) -> dict:
    started = time.monotonic()
    train_voices, dev_voices = load_split("train", root), load_split("dev", root)
    rows, labels, groups = examples_of(train_voices)
    dev_rows, dev_labels, _ = examples_of(dev_voices)
    model = fit(rows, labels, CLASSES, c)
    probs = [p["name"] for p in model.probabilities_of(dev_rows)]
    threshold, figures = best_threshold(probs, dev_labels)
    meta = {"trained_on": sorted(set(groups)), "tuned_on": [v.id for v in dev_voices],
            "examples": len(rows), "names": labels.count("name"), "C": c,
            "threshold": {"threshold": threshold, **figures}, "seconds": round(time.monotonic() - started, 1)}
    save_model(out, replace(model, threshold=threshold, meta=meta))
    return meta


def main(argv: list[str] | None = None) -> int:
    args = trainer_parser(__doc__, "recase").parse_args(argv)
    print_meta(train(args.out, args.C, args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
