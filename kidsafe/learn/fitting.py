"""Fitting the hashed linear models of `kidsafe.engine.learned` (scikit-learn, at training time only)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kidsafe.engine.learned import DIMENSION, LinearModel, hashed


def matrix(rows: Sequence[dict[str, float]]):
    """Named features of each example as a sparse matrix over the hashed space."""
    from scipy.sparse import csr_matrix

    r, c, v = [], [], []
    for i, feats in enumerate(rows):
        for index, value in hashed(feats).items():
            r.append(i)
            c.append(index)
            v.append(value)
    return csr_matrix((v, (r, c)), shape=(len(rows), DIMENSION), dtype=np.float64)


def fit(rows: Sequence[dict[str, float]], labels: Sequence[str], classes: Sequence[str], c: float = 1.0,
        threshold: float = 0.5, meta: dict | None = None, balance: float = 0.5) -> LinearModel:
    """A multinomial (or binary) logistic regression.

    ``balance`` weighs each example by (examples / examples of its class) ** balance: 1 treats the
    classes as equally common, 0 as they come; in between keeps a rare class (pets) from being
    drawn too eagerly.
    """
    from sklearn.linear_model import LogisticRegression

    y = np.array([classes.index(label) for label in labels])
    x = matrix(rows).tocsc()
    used = np.flatnonzero(np.diff(x.indptr))  # fit only the hashed columns some example has: far faster
    counts = np.bincount(y, minlength=len(classes)).astype(float)
    weights = (len(y) / (len(classes) * counts[y])) ** balance
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(x[:, used].tocsr(), y, sample_weight=weights)
    coef = np.zeros((len(classes), len(used)))
    intercept = np.full(len(classes), -30.0)  # a class never seen in training is never chosen
    if len(clf.classes_) == 2 and clf.coef_.shape[0] == 1:  # binary: one row, for the second class
        coef[clf.classes_[1]], intercept[clf.classes_[1]] = clf.coef_[0], clf.intercept_[0]
        intercept[clf.classes_[0]] = 0.0
    else:
        for row, cls in enumerate(clf.classes_):
            coef[cls], intercept[cls] = clf.coef_[row], clf.intercept_[row]
    return LinearModel(tuple(classes), used.astype(np.int32), coef.T.astype(np.float32),
                       intercept.astype(np.float32), threshold, meta or {})


def out_of_fold(rows: Sequence[dict[str, float]], labels: Sequence[str], groups: Sequence[str],
                classes: Sequence[str], c: float = 1.0, folds: int = 5, balance: float = 0.5) -> list[dict[str, float]]:
    """Each example's class probabilities from a model that never saw its voice (grouped folds)."""
    names = sorted(set(groups))
    fold_of = {g: i % folds for i, g in enumerate(names)}
    out: list[dict[str, float]] = [{} for _ in rows]
    for k in range(min(folds, len(names))):
        train = [i for i, g in enumerate(groups) if fold_of[g] != k]
        held = [i for i, g in enumerate(groups) if fold_of[g] == k]
        if not held or len({labels[i] for i in train}) < 2:
            continue
        model = fit([rows[i] for i in train], [labels[i] for i in train], classes, c, balance=balance)
        for i in held:
            out[i] = model.probabilities(rows[i])
    return out


def overlap_f1(texts) -> dict:
    """Found spans against labelled ones, text by text: ``texts`` yields (gold, found) lists of
    (start, end, kind); a found span is right when it overlaps a labelled one of its kind."""
    found = right = labelled = recalled = 0
    for gold, got in texts:
        labelled += len(gold)
        found += len(got)
        right += sum(any(a < e and s < b and k == kind for a, b, k in gold) for s, e, kind in got)
        recalled += sum(any(a < e and s < b and k == kind for s, e, kind in got) for a, b, k in gold)
    precision = right / found if found else 0.0
    recall = recalled / labelled if labelled else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"found": found, "right": right, "labelled": labelled, "recalled": recalled, "f1": round(f1, 4)}


def kept_f1(probs: Sequence[float], labels: Sequence[str], positive: str, threshold: float) -> dict:
    """The examples kept at ``threshold`` (probability of ``positive`` at or above it) against those
    labelled ``positive``: F1, precision and recall, with the counts behind them."""
    kept = [bool(p >= threshold) for p in probs]
    right = sum(k and y == positive for k, y in zip(kept, labels, strict=True))
    labelled = sum(y == positive for y in labels)
    precision = right / sum(kept) if any(kept) else 0.0
    recall = right / labelled if labelled else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 3), "precision": round(precision, 3), "recall": round(recall, 3),
            "kept": sum(kept), "right": right, "missed": labelled - right}


def fit_candidates(train_ex, dev_ex, classes: Sequence[str], positive: str, c: float = 1.0):
    """Fit a yes/no model over candidates (schools, family names) given per voice as (voice id, feature rows,
    labels), and weigh it on voices it never saw: returns the model fitted on every train voice, the
    ``positive`` probability of each train example out of fold then of each dev example, and their labels."""
    rows = [r for _, rs, _ in train_ex for r in rs]
    labels = [y for _, _, ys in train_ex for y in ys]
    groups = [v for v, rs, _ in train_ex for _ in rs]
    held = [p.get(positive, 0.0) for p in out_of_fold(rows, labels, groups, classes, c)]
    model = fit(rows, labels, classes, c)
    dev_rows = [r for _, rs, _ in dev_ex for r in rs]
    dev_labels = [y for _, _, ys in dev_ex for y in ys]
    probs = held + [p[positive] for p in model.probabilities_of(dev_rows)] if dev_rows else held
    return model, probs, labels + dev_labels


def train_word_tagger(out, examples_of, classes: Sequence[str], span_f1, c: float = 1.0, root=None) -> dict:
    """Fit a word tagger (favourites, places) on the train voices, choose the threshold on its B tags
    with the best span F1 on the dev voices, write it with its metadata and return that."""
    import time
    from collections import Counter
    from dataclasses import replace

    from kidsafe.engine.learned import save_model
    from kidsafe.learn.corpus import CORPUS_DIR, load_split

    started = time.monotonic()
    root = root or CORPUS_DIR
    train_voices, dev_voices = load_split("train", root), load_split("dev", root)
    rows, labels = examples_of(train_voices)
    model = fit(rows, labels, classes, c, balance=0.5)
    scores = {round(t, 2): span_f1(replace(model, threshold=t), dev_voices) for t in np.arange(0.2, 0.81, 0.1)}
    threshold = max(scores, key=lambda t: (scores[t]["f1"], t)) if dev_voices else 0.5
    meta = {"trained_on": sorted(v.id for v in train_voices), "tuned_on": sorted(v.id for v in dev_voices),
            "examples": len(rows), "classes": dict(Counter(labels)), "C": c, "threshold": threshold,
            "dev": scores.get(threshold), "seconds": round(time.monotonic() - started, 1)}
    save_model(out, replace(model, threshold=threshold, meta=meta))
    return meta


def trainer_parser(doc: str, model_name: str):
    """The command line every trainer shares: --out, -C, --corpus."""
    import argparse
    from pathlib import Path

    from kidsafe.engine.learned import MODEL_DIR
    from kidsafe.learn.corpus import CORPUS_DIR

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR / f"{model_name}.npz")
    parser.add_argument("-C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="the corpus folder (default data/corpus)")
    return parser


def print_meta(meta: dict) -> None:
    """A trained model's figures, without its long lists of voices."""
    import json

    print(json.dumps({k: v for k, v in meta.items() if k not in ("trained_on", "tuned_on")}, indent=1))
