"""Train the surname model (`kidsafe/engine/surnames.py`): `python -m kidsafe.learn.train_surnames`.

Each voice of the train split is audited with the engine recording every family name its patterns find ("the
Parkers", "#TeamJones", "#TheHegartys", a surname tagged on two people, a name in a photo). A candidate is
"surname" when the voice's truth file gives the family that name, else "other": a child cheered on
("#TeamSíofra"), a town ("#BostonCrew"), a word ("#SwimFam"), another family's name. The features are
`surnames.surname_features`. The threshold was chosen leave-voices-out on the end-to-end F1 (`THRESHOLD`);
the F1 of candidates kept at each threshold, on the train voices' out-of-fold probabilities and the dev
voices', is kept in the meta. The test voices are never read.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from kidsafe.engine import surnames
from kidsafe.engine.learned import models_in_use, save_model
from kidsafe.learn.corpus import CORPUS_DIR, Voice, load_split
from kidsafe.learn.evaluate import recorded_audit
from kidsafe.learn.fitting import fit_candidates, kept_f1, print_meta, trainer_parser
from kidsafe.learn.stranger_score import value_match

CLASSES = ("other", "surname")
#: The threshold, chosen leave-voices-out on the end-to-end F1 (round 16, 126 train voices).
THRESHOLD = 0.5


def _is_truth_surname(voice: Voice, name: str) -> bool:
    values = [v for f in voice.truth.get("facts", []) if f.get("kind") == "surname"
              for v in (f.get("value"), *(f.get("also") or []))]
    return any(value_match("surname", v, name) for v in values)


def examples_of(voices: Sequence[Voice]) -> list[tuple[str, list[dict[str, float]], list[str]]]:
    """Per voice: (voice id, features of each family name found, "surname" or "other" for each). The names
    are those the patterns find with no surname model in use (every one kept)."""
    out = []
    for voice in voices:
        with models_in_use(surnames=None):
            recorded = dict(recorded_audit(voice, surnames))  # one row per name, should the cast be built twice
        out.append((voice.id, list(recorded.values()),
                    ["surname" if _is_truth_surname(voice, name) else "other" for name in recorded]))
    return out


def train(out: Path, c: float = 1.0, root: Path = CORPUS_DIR) -> dict:
    started = time.monotonic()
    train_ex = examples_of(load_split("train", root))
    dev_ex = examples_of(load_split("dev", root))
    model, probs, both = fit_candidates(train_ex, dev_ex, CLASSES, "surname", c)
    labels = [y for _, _, ys in train_ex for y in ys]
    figures = {round(t, 2): kept_f1(probs, both, "surname", t) for t in np.arange(0.2, 0.81, 0.05)}
    meta = {"trained_on": sorted({v for v, _, _ in train_ex}), "tuned_on": [v for v, _, _ in dev_ex],
            "examples": len(labels), "classes": dict(Counter(labels)), "C": c,
            "threshold": {"threshold": THRESHOLD, **figures.get(THRESHOLD, {})},
            "candidate_f1_by_threshold": {str(t): f["f1"] for t, f in figures.items()},
            "every_name_kept": kept_f1([1.0] * len(both), both, "surname", 0.5),
            "seconds": round(time.monotonic() - started, 1)}
    save_model(out, replace(model, threshold=THRESHOLD, meta=meta))
    return meta


def main(argv: list[str] | None = None) -> int:
    args = trainer_parser(__doc__, "surnames").parse_args(argv)
    print_meta(train(args.out, args.C, args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
