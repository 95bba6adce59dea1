"""Splits of a benchmark's training sketches: a validation split, and fewer sketches per class.

Both are made from the training sketches alone, deterministically from a seed;
the test sketches are never touched (:func:`validation_split` drops them).
"""

from __future__ import annotations

import numpy as np

from sbsr.train.experiment import Data


def _per_class(labels: np.ndarray, count: int, seed: int, stream: int, what: str) -> np.ndarray:
    """Sorted positions of ``count`` items of every class in ``labels``, drawn with ``seed``."""
    labels = np.asarray(labels)
    if count < 1:
        raise ValueError(f"{what} must be >= 1, got {count}")
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(stream,)))
    picked = []
    for c in np.unique(labels):
        members = np.flatnonzero(labels == c)
        if len(members) <= count:
            raise ValueError(f"class {c} has {len(members)} training sketches: too few for {what}={count} "
                             "(some must remain)")
        picked.append(rng.choice(members, count, replace=False))
    return np.sort(np.concatenate(picked))


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)  # cannot change: hashed once (sbsr.train.experiment.array_digest)
    return array


def validation_ids(labels: np.ndarray, per_class: int = 10, seed: int = 0) -> np.ndarray:
    """Sorted positions of ``per_class`` items of every class in ``labels``, drawn with ``seed``.

    A class needs more than ``per_class`` items, so that some remain to train on.
    """
    return _per_class(labels, per_class, seed, 1, "per_class (held out for validation)")


def validation_split(data: Data, per_class: int = 10, seed: int = 0) -> Data:
    """``data`` for tuning: the training sketches less ``per_class`` of each class, which
    become the queries (``sketch_test``); the test sketches are dropped."""
    held = np.zeros(len(data.sketch_train_labels), bool)
    held[validation_ids(data.sketch_train_labels, per_class, seed)] = True
    parts = []
    for mask in (~held, held):
        parts += [_frozen(np.asarray(data.sketch_train)[mask]), np.asarray(data.sketch_train_labels)[mask]]
    return Data(*parts, data.shape_views, data.shape_labels)


def fewer_sketches(data: Data, per_class: int, seed: int = 0) -> Data:
    """``data`` with only ``per_class`` training sketches of each class (drawn with
    ``seed``); the test sketches and the shapes stay as they are."""
    keep = _per_class(data.sketch_train_labels, per_class, seed, 2, "per_class")
    return data._replace(sketch_train=_frozen(np.asarray(data.sketch_train)[keep]),
                         sketch_train_labels=np.asarray(data.sketch_train_labels)[keep])
