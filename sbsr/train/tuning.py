"""Choices made on a validation split, never on the test sketches.

:func:`validation_split` holds out, deterministically, ``per_class`` training
sketches of every class; :func:`choose` trains each candidate configuration on
the remaining training sketches and scores it on the held-out ones, then
returns the best by validation mAP. The test sketches never enter: the split is
made from the training sketches alone and the returned :class:`Data` has none
of the test ones. The chosen configuration is then trained on every training
sketch and scored once on the test split (:func:`sbsr.train.experiment.run_ablations`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np

from sbsr.train.config import TrainConfig
from sbsr.train.experiment import Data, train_variants


def validation_ids(labels: np.ndarray, per_class: int = 10, seed: int = 0) -> np.ndarray:
    """Sorted positions of ``per_class`` items of every class in ``labels``, drawn with ``seed``.

    A class needs more than ``per_class`` items, so that some remain to train on.
    """
    labels = np.asarray(labels)
    if per_class < 1:
        raise ValueError(f"per_class must be >= 1, got {per_class}")
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1,)))
    held = []
    for c in np.unique(labels):
        members = np.flatnonzero(labels == c)
        if len(members) <= per_class:
            raise ValueError(f"class {c} has {len(members)} training sketches: too few to hold out "
                             f"{per_class} for validation and train on the rest")
        held.append(rng.choice(members, per_class, replace=False))
    return np.sort(np.concatenate(held))


def validation_split(data: Data, per_class: int = 10, seed: int = 0) -> Data:
    """``data`` for tuning: the training sketches less ``per_class`` of each class, which
    become the queries (``sketch_test``); the test sketches are dropped."""
    held = np.zeros(len(data.sketch_train_labels), bool)
    held[validation_ids(data.sketch_train_labels, per_class, seed)] = True
    parts = []
    for mask in (~held, held):
        images = np.asarray(data.sketch_train)[mask]
        images.setflags(write=False)  # cannot change: hashed once (sbsr.train.experiment.array_digest)
        parts += [images, np.asarray(data.sketch_train_labels)[mask]]
    return Data(*parts, data.shape_views, data.shape_labels)


def choose(
    data: Data,
    candidates: dict[str, TrainConfig],
    out_dir: str | Path,
    per_class: int = 10,
    seed: int = 0,
    evaluate: Callable | None = None,
    workers: int = 1,
) -> dict:
    """Train every candidate on :func:`validation_split` of ``data`` and score it there.

    Returns ``{"best": name, "validation": {name: metrics}}``: the name with the
    highest validation mAP (the first such name on a tie), and each candidate's
    validation metrics. ``out_dir`` holds the trained stages, as for
    :func:`sbsr.train.experiment.train_variants`.
    """
    if not candidates:
        raise ValueError("no candidates to choose from")
    tuning = validation_split(data, per_class, seed)
    metrics = train_variants(tuning, list(candidates.values()), out_dir, evaluate, progress=False, workers=workers)
    scores = dict(zip(candidates, metrics))
    best = max(scores, key=lambda name: scores[name]["mAP"])  # max keeps the first of equal ones
    return {"best": best, "validation": scores}
