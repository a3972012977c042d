"""Train the town model (`kidsafe/engine/towns.py`): `python -m kidsafe.learn.train_towns`.

Each place name the town finder collects from a train voice (captions and local hashtags, holiday
posts included) is an example; it is the family's town when the voice's truth file names it as the
town (or one of its other names); each train voice is read with the models upstream of the cast fitted without
it (`crossfit`), as a new feed is. The features are `towns.town_features`. The threshold on the
likeliest candidate is chosen on the train voices' out-of-fold probabilities and the dev voices',
where naming a wrong town costs twice as much as naming none. The test voices are never read here.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from kidsafe.engine.learned import save_model
from kidsafe.learn.corpus import CORPUS_DIR, Voice, load_split
from kidsafe.learn.evaluate import voice_views
from kidsafe.learn.fitting import fit, out_of_fold, print_meta, trainer_parser
from kidsafe.learn.stranger_score import tokens_match

CLASSES = ("other", "town")
WRONG_TOWN_COST = 1.5  # on top of the miss it also is: a wrong town is a false claim and a missed one


def _truth_towns(voice: Voice) -> list[str]:
    names = []
    for fact in voice.truth.get("facts", []):
        if fact.get("kind") == "town":
            names.append(str(fact.get("value")))
            names += [str(a) for a in fact.get("also", []) if isinstance(a, str)]
    return names


def examples_of(voices: Sequence[Voice]) -> list[tuple[str, list[dict[str, float]], list[str]]]:
    """Per voice: (voice id, features of each town candidate, "town" or "other" for each)."""
    from kidsafe.engine import entity_labels
    from kidsafe.engine.facts import Family
    from kidsafe.engine.people import build_cast
    from kidsafe.engine.towns import find_towns, town_features

    out = []
    for voice in voices:
        views = voice_views(voice)
        family = Family.from_cast(build_cast(views, entity_labels(views)))
        towns = find_towns(views, family, None, set())
        truth = _truth_towns(voice)
        rows = [town_features(t, towns, len(views), family.cast) for t in towns]
        labels = ["town" if any(tokens_match(name, t.name) for name in truth) else "other" for t in towns]
        out.append((voice.id, rows, labels))
    return out


def choice_cost(per_feed: Sequence[tuple[list[dict[str, float]], list[str]]], threshold: float) -> tuple[float, dict]:
    """Over feeds: the likeliest candidate is named when it clears the threshold; count right, wrong, missed."""
    right = wrong = missed = 0
    for probs, labels in per_feed:
        has_town = "town" in labels
        if not probs:
            missed += has_town
            continue
        best = max(range(len(probs)), key=lambda i: probs[i].get("town", 0.0))
        if probs[best].get("town", 0.0) >= threshold:
            right += labels[best] == "town"
            wrong += labels[best] != "town"
            missed += labels[best] != "town" and has_town
        else:
            missed += has_town
    return float(missed + WRONG_TOWN_COST * wrong), {"right": right, "wrong": wrong, "missed": missed}


def train(out: Path, c: float = 1.0, root: Path = CORPUS_DIR) -> dict:
    started = time.monotonic()
    from kidsafe.learn import crossfit  # not at the top: crossfit reads town examples with this module

    voices = load_split("train", root)
    read = crossfit.as_new_voices(voices, crossfit.town_examples)  # the cast as a new feed's
    train_ex = [read[v.id] for v in voices]
    dev_ex = examples_of(load_split("dev", root))
    rows = [r for _, rs, _ in train_ex for r in rs]
    labels = [y for _, _, ys in train_ex for y in ys]
    groups = [v for v, rs, _ in train_ex for _ in rs]
    held = out_of_fold(rows, labels, groups, CLASSES, c)
    model = fit(rows, labels, CLASSES, c)
    per_feed, i = [], 0
    for _, rs, ys in train_ex:
        per_feed.append((held[i:i + len(rs)], ys))
        i += len(rs)
    per_feed += [([model.probabilities(r) for r in rs], ys) for _, rs, ys in dev_ex]
    costs = {round(t, 2): choice_cost(per_feed, t) for t in np.arange(0.1, 0.91, 0.05)}
    threshold = min(costs, key=lambda t: (costs[t][0], -t))
    meta = {"trained_on": [v for v, _, _ in train_ex], "tuned_on": [v for v, _, _ in dev_ex],
            "examples": len(rows), "towns": labels.count("town"), "C": c,
            "threshold": {"threshold": threshold, **costs[threshold][1]},
            "seconds": round(time.monotonic() - started, 1)}
    save_model(out, replace(model, threshold=threshold, meta=meta))
    return meta


def main(argv: list[str] | None = None) -> int:
    args = trainer_parser(__doc__, "towns").parse_args(argv)
    print_meta(train(args.out, args.C, args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
