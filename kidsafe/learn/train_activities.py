"""Train the activity model (`kidsafe/engine/activities.py`): `python -m kidsafe.learn.train_activities`.

Each voice of the train split is audited with the engine recording every candidate it weighs beside a
weekday (the runs of words near "Tuesdays", "every Saturday", "Mon-Wed"). A candidate is "activity"
when the voice's truth file has a routine on that weekday, citing that post, whose activity the
candidate states as the stranger test matches activities (one holds the other, or they share a
stemmed word: "Korean class" and "class"); every other candidate is "other". The threshold
(`THRESHOLD`) was chosen leave-voices-out; the dev voices' figures at each threshold stay in the meta
as a record: of the weekdays said in a routine's posts, how many get a right activity, and how many
activities chosen are wrong. The test voices are never read here.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from kidsafe.engine import activities
from kidsafe.engine.learned import LinearModel, models_in_use, save_model
from kidsafe.learn.corpus import CORPUS_DIR, Voice, load_split
from kidsafe.learn.evaluate import recorded_audit
from kidsafe.learn.fitting import fit, print_meta, trainer_parser
from kidsafe.learn.stranger_score import activity_match

CLASSES = ("other", "activity")
#: Chosen leave-voices-out on the 85 train voices of round 11 (`kidsafe.learn.crossval`; the lists alone:
#: 0.758, routines found 217 of 413 for 297 claimed): 0.5 gave 0.759 (231 for 316), 0.6 0.763 (227 for
#: 294), 0.7 0.764 (219 for 277) and 0.8 0.765 (207 for 254, fewer found than the lists). 0.7 finds more
#: routines than the lists and claims fewer wrong ones.
THRESHOLD = 0.7


def _truth_activities(voice: Voice) -> dict[tuple[str, str], list[str]]:
    """(post, weekday) -> the activities the truth's routines state for that day, citing that post."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for fact in voice.truth.get("facts", []):
        if fact.get("kind") != "routine":
            continue
        for value in (fact.get("value"), *(fact.get("also") or [])):
            if isinstance(value, dict) and value.get("weekday") and value.get("activity"):
                for post in fact.get("posts", []):
                    out[(str(post), value["weekday"])].append(value["activity"])
    return out


def examples_of(voices: Sequence[Voice]) -> list[tuple[str, list[tuple[str, str]], list[dict[str, float]], list[str]]]:
    """Per voice: (voice id, (post, weekday) of each candidate, its features, "activity" or "other")."""
    out = []
    for voice in voices:
        truth = _truth_activities(voice)
        with models_in_use(activities=None):
            recorded = recorded_audit(voice, activities)
        seen, keys, rows, labels = set(), [], [], []
        for post, weekday, phrase, feats in recorded:
            key = (post, weekday, phrase, tuple(sorted(feats)))
            if key in seen:  # the same candidate met twice in one audit teaches nothing more
                continue
            seen.add(key)
            keys.append((post, weekday))
            rows.append(feats)
            labels.append("activity" if any(activity_match(a, phrase) for a in truth.get((post, weekday), ()))
                          else "other")
        out.append((voice.id, keys, rows, labels))
    return out


def day_figures(model: LinearModel, examples, threshold: float) -> dict[str, int]:
    """Per (post, weekday) with candidates: is the best candidate kept, and is it right."""
    right = wrong = missed = 0
    for _, keys, rows, labels in examples:
        by_day: dict[tuple[str, str], list[int]] = defaultdict(list)
        for n, key in enumerate(keys):
            by_day[key].append(n)
        probs = [p["activity"] for p in model.probabilities_of(rows)] if rows else []
        for members in by_day.values():
            top = max(members, key=lambda n: probs[n])
            has_answer = any(labels[n] == "activity" for n in members)
            if probs[top] >= threshold:
                right += labels[top] == "activity"
                wrong += labels[top] != "activity"
            missed += has_answer and not (probs[top] >= threshold and labels[top] == "activity")
    return {"right": right, "wrong": wrong, "missed": missed}


def train(out: Path, c: float = 1.0, root: Path = CORPUS_DIR) -> dict:
    started = time.monotonic()
    train_ex = examples_of(load_split("train", root))
    dev_ex = examples_of(load_split("dev", root))
    rows = [r for _, _, rs, _ in train_ex for r in rs]
    labels = [y for _, _, _, ys in train_ex for y in ys]
    model = fit(rows, labels, CLASSES, c, balance=0.0)
    figures = {round(t, 2): day_figures(model, dev_ex, t) for t in np.arange(0.2, 0.81, 0.1)}
    meta = {"trained_on": sorted(v for v, *_ in train_ex), "tuned_on": sorted(v for v, *_ in dev_ex),
            "examples": len(rows), "classes": dict(Counter(labels)), "C": c, "threshold": THRESHOLD,
            "dev_days_by_threshold": {str(t): f for t, f in figures.items()},
            "seconds": round(time.monotonic() - started, 1)}
    save_model(out, replace(model, threshold=THRESHOLD, meta=meta))
    return meta


def main(argv: list[str] | None = None) -> int:
    args = trainer_parser(__doc__, "activities").parse_args(argv)
    print_meta(train(args.out, args.C, args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
