"""Examples read as the engine reads a voice it never saw: the models upstream fitted without the voice.

The school model learns from the candidates the engine meets in each voice, and which candidates it meets and how
surely depends on other models (the place tagger, the roles, the towns, the aliases, the surnames). Read with the
shipped models, which learned the train voices, the candidates of a train voice look surer than any new feed's: the
shipped tagger confirmed 254 of 278 truth schools of the train voices (mean probability 0.78) and 191 of 255 of
voices it never saw (0.61). A model trained on the first kind trusts the tagger too much, keeps places the tagger
alone calls a school and holds down names the tagger did not confirm. Cross-fitting reads each train voice with the
upstream models fitted on the other folds, as `crossval` grades it. The same holds for the owner model (the cast an
owner decision meets) and, from round 29, the town model (a child's name is no town).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from kidsafe.engine import roles
from kidsafe.engine.learned import LinearModel, models_in_use, shipped
from kidsafe.learn import train_aliases, train_roles, train_surnames, train_tagger, train_towns
from kidsafe.learn.corpus import Voice
from kidsafe.learn.fitting import fit

T = TypeVar("T")
FOLDS = 5


def upstream_examples(voices: Sequence[Voice]) -> dict[str, dict[str, Any]]:
    """Per voice id, the examples of the models upstream of the school, owner and town examples (read with the
    shipped models): what `upstream_models` fits on."""
    return {v.id: {"roles": train_roles.examples_of([v], augment=True), "tagger": train_tagger.examples_of([v]),
                   "towns": town_examples(v), "aliases": train_aliases.examples_of([v]),
                   "surnames": train_surnames.examples_of([v])[0]} for v in voices}


def upstream_models(examples: Mapping[str, Mapping[str, Any]], rest: Sequence[str], *, child_threshold: float = 0.6,
                    role_floors: Mapping[str, float] | None = None, c_roles: float = 1.0, balance: float = 0.5,
                    tagger_threshold: float = 0.5, town_threshold: float | None = None,
                    alias_threshold: float | None = train_aliases.THRESHOLD,
                    surname_threshold: float = train_surnames.THRESHOLD) -> dict[str, LinearModel | None]:
    """The upstream models fitted on the voices ``rest`` (``town_threshold``/``alias_threshold`` None: no model,
    the rules), as ``models_in_use`` takes them."""
    ex = [e for vid in rest for e in examples[vid]["roles"]]
    role_model = _fitted([e.features for e in ex], [e.role for e in ex], roles.ROLES, c=c_roles, balance=balance)
    return {
        "roles": role_model and replace(role_model, threshold=child_threshold,
                                        meta={"floors": dict(role_floors or {})}),
        "tagger": _fitted(*_rows(examples, rest, "tagger", 0, 1), train_tagger.tagger.CLASSES,
                          threshold=tagger_threshold),
        "surnames": _fitted(*_rows(examples, rest, "surnames", 1, 2), train_surnames.CLASSES,
                            threshold=surname_threshold),
        "towns": town_model(examples, rest, town_threshold),
        "aliases": _fitted(*_rows(examples, rest, "aliases", 0, 1), train_aliases.CLASSES, balance=0.0,
                           threshold=alias_threshold) if alias_threshold is not None else None}


def town_model(examples: Mapping[str, Mapping[str, Any]], rest: Sequence[str],
               threshold: float | None) -> LinearModel | None:
    """The town model fitted on the voices ``rest`` (``threshold`` None: no model, the town rules)."""
    return _fitted(*_rows(examples, rest, "towns", 1, 2), train_towns.CLASSES, threshold=threshold) \
        if threshold is not None else None


def town_examples(voice: Voice) -> tuple[str, list[dict[str, float]], list[str]]:
    """The voice's town candidates, as `upstream_examples` keeps them, read with the models in use (the shipped ones
    there). They are read off the cast (a child's name is no town): read with the upstream models fitted without the
    voice (`crossval`, `train_towns`), they are what a new feed's look like."""
    return train_towns.examples_of([voice])[0]


def _fitted(rows: list[dict[str, float]], labels: list[str], classes: Sequence[str], *, c: float = 1.0,
            balance: float = 0.5, threshold: float = 0.5) -> LinearModel | None:
    """The model fitted on the rows; None (the engine's rules) when they hold fewer than two classes."""
    if len(set(labels)) < 2:
        return None
    return replace(fit(rows, labels, classes, c, balance=balance), threshold=threshold)


def _rows(examples: Mapping[str, Mapping[str, Any]], rest: Sequence[str], model: str, rows: int,
          labels: int) -> tuple[list[dict[str, float]], list[str]]:
    return ([r for vid in rest for r in examples[vid][model][rows]],
            [y for vid in rest for y in examples[vid][model][labels]])


def shipped_threshold(name: str, default: float | None = None) -> float | None:
    """The threshold of the shipped model ``name`` (an audit's), ``default`` when none ships."""
    model = shipped(name)
    return model.threshold if model is not None else default


def folds_of(voices: Sequence[Voice], folds: int = FOLDS) -> list[tuple[list[Voice], list[str]]]:
    """(held-out voices, ids of the others) of each fold, voices dealt out in turn as `crossval` deals them."""
    return [([v for i, v in enumerate(voices) if i % folds == k],
             [v.id for i, v in enumerate(voices) if i % folds != k]) for k in range(folds)]


def cross_fitted(voices: Sequence[Voice], read: Callable[[Voice], T], folds: int = FOLDS,
                 examples: Mapping[str, Mapping[str, Any]] | None = None, **settings: Any) -> dict[str, T]:
    """``read(voice)`` for every voice, with the upstream models fitted on the other folds in use."""
    examples = examples if examples is not None else upstream_examples(voices)
    out: dict[str, T] = {}
    for held, rest in folds_of(voices, folds):
        with models_in_use(**upstream_models(examples, rest, **settings)):
            out.update((v.id, read(v)) for v in held)
    return out


def as_new_voices(voices: Sequence[Voice], read: Callable[[Voice], T]) -> dict[str, T]:
    """``read(voice)`` for every train voice, with the upstream models fitted on the other folds at the settings the
    trainers ship (the child threshold and role floors of `train_roles`, the shipped town model's threshold)."""
    return cross_fitted(voices, read, child_threshold=train_roles.CHILD_THRESHOLD or 0.6,
                        role_floors=train_roles.ROLE_FLOORS, town_threshold=shipped_threshold("towns"))
