"""Train the sensitive-picture caption model (`kidsafe/engine/sensitive.py`):
`python -m kidsafe.learn.train_sensitive`.

Every post of the train voices is an example: its class is the reason a truth file gives it
(bath, potty, nudity, distress) or "none". The features are the post's words, word pairs and emoji
and what the word list finds (`sensitive.post_features`), so "wobbly tooth" can learn to be no
distress while "in tears after her jabs" is. The threshold on "any reason" is chosen on the train
voices' out-of-fold probabilities and the dev voices', where a missed picture costs three times a false
alarm. The test voices are never read here.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path


from kidsafe.engine import sensitive
from kidsafe.engine.learned import save_model
from kidsafe.learn.corpus import CORPUS_DIR, Voice, load_split
from kidsafe.learn.evaluate import voice_views
from kidsafe.learn.fitting import fit, out_of_fold, print_meta, trainer_parser

CLASSES = ("none", "bath", "potty", "nudity", "distress")
_VALUE_CLASS = {"bath": "bath", "potty": "potty", "toilet": "potty", "nappy": "potty", "nudity": "nudity",
                "naked": "nudity", "distress": "distress"}
MISSED_COST = 3.0  # a sensitive picture left public is worse than a second look at an ordinary one
FLOORS = (0.005, 0.01, 0.02, 0.04, 0.08)
GRID = (0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def examples_of(voices: Sequence[Voice]) -> tuple[list[dict[str, float]], list[str], list[str]]:
    """(features, class, voice id) of every post."""
    rows, labels, groups = [], [], []
    for voice in voices:
        gold: dict[str, str] = {}
        for fact in voice.truth.get("facts", []):
            if fact.get("kind") == "sensitive_image":
                label = _VALUE_CLASS.get(str(fact.get("value")).lower())
                if label is None:
                    continue  # a reason the model does not decide (swimwear): the word list keeps it
                for post in fact.get("posts", []):
                    gold[str(post)] = label
        for view in voice_views(voice):
            rows.append(sensitive.post_features(view, sensitive._lexicon_cues(view)))
            labels.append(gold.get(view.id, "none"))
            groups.append(voice.id)
    return rows, labels, groups


def cost(probs: Sequence[dict[str, float]], gold: Sequence[str], threshold: float,
         rows: Sequence[dict[str, float]], cue_floor: float) -> tuple[float, dict]:
    """Missed pictures (weighted) and false alarms under the rule the engine applies (`sensitive.flagged`)."""
    tp = fp = fn = 0
    for p, label, row in zip(probs, gold, rows, strict=True):
        if not p:
            continue
        said = sensitive.flagged(p, any(f"lex:{r}" in row for r in sensitive.MODEL_CUE_REASONS), threshold, cue_floor)
        tp += said and label != "none"
        fp += said and label == "none"
        fn += not said and label != "none"
    return float(MISSED_COST * fn + fp), {"tp": int(tp), "fp": int(fp), "fn": int(fn)}


def train(out: Path, c: float = 1.0, root: Path = CORPUS_DIR) -> dict:
    started = time.monotonic()
    train_voices, dev_voices = load_split("train", root), load_split("dev", root)
    rows, labels, groups = examples_of(train_voices)
    dev_rows, dev_labels, _ = examples_of(dev_voices)
    held = out_of_fold(rows, labels, groups, CLASSES, c)
    model = fit(rows, labels, CLASSES, c)
    held += [model.probabilities(r) for r in dev_rows]
    held_gold = labels + dev_labels
    held_rows = rows + dev_rows
    costs = {(t, f): cost(held, held_gold, t, held_rows, f) for t in GRID for f in FLOORS}
    threshold, cue_floor = min(costs, key=lambda tf: (costs[tf][0], -tf[0], -tf[1]))
    dev_cost = (cost([model.probabilities(r) for r in dev_rows], dev_labels, threshold, dev_rows, cue_floor)[1]
                if dev_rows else {})
    meta = {"trained_on": sorted(v.id for v in train_voices), "tuned_on": sorted(v.id for v in dev_voices),
            "examples": len(rows), "classes": dict(Counter(labels)), "C": c,
            "threshold": {"threshold": threshold, **costs[(threshold, cue_floor)][1]}, "cue_floor": cue_floor,
            "dev": dev_cost,
            "seconds": round(time.monotonic() - started, 1)}
    save_model(out, replace(model, threshold=threshold, meta=meta))
    return meta


def main(argv: list[str] | None = None) -> int:
    args = trainer_parser(__doc__, "sensitive").parse_args(argv)
    print_meta(train(args.out, args.C, args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
