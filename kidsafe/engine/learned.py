"""Small linear models over hashed features, trained on the corpus and shipped with kidsafe.

Features are named (``"cue:ours"``, ``"L0:our"``) and folded into a fixed hashed space, so a model
is a matrix of weights and nothing else: no pickle, no vocabulary file, read with numpy alone.
Training (scikit-learn) lives in `kidsafe.learn`; this module only reads and applies.
"""

from __future__ import annotations

import itertools
import json
import weakref
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).with_name("models")
#: Hashed feature space: large enough that the corpus's words rarely share a slot.
DIMENSION = 1 << 18


#: The models holding a cache of feature names met (`LinearModel._row_of`); weakly, as training makes many.
_NAMED_ROWS: weakref.WeakValueDictionary[int, LinearModel] = weakref.WeakValueDictionary()  # by id: unhashable


def forget_feature_names() -> None:
    """Empty the caches that hold feature names (caption words): the hashed slots and each model's rows."""
    slot.cache_clear()
    for model in list(_NAMED_ROWS.values()):
        model.__dict__["_rows"].clear()


@lru_cache(maxsize=1 << 16)
def slot(key: str) -> int:
    """A feature's place in the hashed space. Cached, as the same features recur across posts; the
    cache holds caption words, so `engine.forget_user_text` empties it after every audit."""
    return zlib.crc32(key.encode("utf-8")) % DIMENSION


def bucket(value: int | None, edges: tuple[int, ...]) -> str:
    """A count or rank as a feature's value: "<300" for the first edge it is under, ">=40000" past the last,
    "none" when unknown (the role and activity models' features)."""
    if value is None:
        return "none"
    return next((f"<{edge}" for edge in edges if value < edge), f">={edges[-1]}")


def hashed(feats: dict[str, float]) -> dict[int, float]:
    """Features folded into the hashed space (colliding features add up)."""
    out: dict[int, float] = {}
    for key, value in feats.items():
        index = slot(key)
        out[index] = out.get(index, 0.0) + value
    return out


_SERIALS = itertools.count()


@dataclass(frozen=True)
class LinearModel:
    """Trained weights: a column of coefficients per class, stored only for the hashed features in use."""

    classes: tuple[str, ...]
    columns: np.ndarray  # hashed feature index of each stored column
    weights: np.ndarray  # (len(columns), len(classes))
    intercept: np.ndarray  # (len(classes),)
    threshold: float  # the decision threshold chosen on held-out voices
    meta: dict

    def __post_init__(self) -> None:
        # What caches of a model's outputs are keyed on: an id() is reused once a model is freed, and a
        # cache keyed on it handed a threshold sweep the previous threshold's results.
        object.__setattr__(self, "serial", next(_SERIALS))

    def probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        """Probability of each class for one example's features."""
        return self.probabilities_of([feats])[0]

    def probabilities_of(self, rows: list[dict[str, float]]) -> list[dict[str, float]]:
        """Probability of each class for many examples, in one pass of numpy (a caption's every word)."""
        # Flat lists built by comprehension, then numpy: a caption's every word is a row, and a loop
        # appending per feature was the model's main cost. Same rows, same order, same sums.
        row_of = self._row_of()
        counts = [len(feats) for feats in rows]
        # .get, not `in` then [...]: another session's audit may empty the cache between the two
        found = np.array([row if (row := row_of.get(key)) is not None else self._learn_row(key)
                          for feats in rows for key in feats], dtype=np.int64)
        scores = np.repeat(self.intercept.astype(np.float64)[None, :], len(rows), axis=0)
        known = found >= 0
        if known.any():
            owners = np.repeat(np.arange(len(rows)), counts)[known]  # in order: each example's features together
            values = np.array([value for feats in rows for value in feats.values()], dtype=np.float64)[known]
            starts = np.flatnonzero(np.concatenate(([True], owners[1:] != owners[:-1])))
            contributions = self.weights[found[known]] * values[:, None]
            scores[owners[starts]] += np.add.reduceat(contributions, starts, axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        probs = exp / exp.sum(axis=1, keepdims=True)
        return [dict(zip(self.classes, p, strict=True)) for p in probs.tolist()]

    def _row_of(self) -> dict[str, int]:
        """Feature name -> its stored row (-1: none), filled as names are met: one look-up instead of
        hashing the name and looking the slot up. It holds caption words: `forget_feature_names` empties it."""
        cache = self.__dict__.get("_rows")
        if cache is None:
            cache = {}
            object.__setattr__(self, "_rows", cache)
            _NAMED_ROWS[id(self)] = self
        return cache

    def _learn_row(self, key: str) -> int:
        row = self._row_of()[key] = self._position().get(slot(key), -1)
        return row

    def _position(self) -> dict[int, int]:
        cache = self.__dict__.get("_pos")
        if cache is None:
            cache = {int(c): i for i, c in enumerate(self.columns)}
            object.__setattr__(self, "_pos", cache)
        return cache


def save_model(path: Path, model: LinearModel) -> None:
    """Write a trained model (numpy arrays and its metadata as JSON: nothing that runs code)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, columns=model.columns, weights=model.weights, intercept=model.intercept,
                        classes=np.array(model.classes), threshold=np.array(model.threshold),
                        meta=np.array(json.dumps(model.meta, default=_plain)))


def read_model(path: Path) -> LinearModel:
    with np.load(path, allow_pickle=False) as data:
        return LinearModel(classes=tuple(str(r) for r in data["classes"]), columns=data["columns"],
                         weights=data["weights"], intercept=data["intercept"],
                         threshold=float(data["threshold"]), meta=json.loads(str(data["meta"])))


def _plain(value):
    """numpy scalars in a model's metadata as plain JSON numbers."""
    return value.item() if hasattr(value, "item") else str(value)


@lru_cache(maxsize=None)  # every model stays: with a bound under their number, each audit read some again
def _read_shipped(name: str) -> LinearModel | None:
    path = MODEL_DIR / f"{name}.npz"
    return read_model(path) if path.exists() else None


_STAND_INS: dict[str, LinearModel | None] = {}


def shipped(name: str) -> LinearModel | None:
    """The model ``name`` that ships with kidsafe (`models/NAME.npz`), read once; None before it is trained."""
    if name in _STAND_INS:
        return _STAND_INS[name]
    return _read_shipped(name)


@contextmanager
def models_in_use(**stand_ins: LinearModel | None) -> Iterator[None]:
    """Audit with other models than the shipped ones (cross-validation, tests): ``models_in_use(roles=m)``."""
    before = dict(_STAND_INS)
    _STAND_INS.update(stand_ins)
    try:
        yield
    finally:
        _STAND_INS.clear()
        _STAND_INS.update(before)
